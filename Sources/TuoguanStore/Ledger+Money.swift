import GRDB
import TuoguanCore
import TuoguanInput

/// The money lookups the other rooms still call by `db` (the payment, refund and reversal themselves are in
/// `Ledger+Payment.swift`, `Ledger+Refund.swift`, `Ledger+Reversal.swift`).
extension Ledger {
    /// The most the refunds for one course may add up to for one student
    /// (``RefundCalculator/courseFee(course:policy:usage:student:rules:)``; nothing for a course whose policy
    /// is unknown).
    func courseFee(student: Student, course: Course, usage: CourseUsage) throws -> Money {
        try RefundCalculator.courseFee(CourseRefundFacts(course: course, usage: usage, refunded: .zero), student: student, rules: rules)
    }

    func requireId(_ id: String, what: (zh: String, en: String)) throws {
        if id.isEmpty || id != id.trimmedSpaces {
            throw TuoguanError(
                .badInput, zh: "\(what.zh)为空或带有首尾空格：“\(id)”", en: "the \(what.en) is empty or has surrounding spaces: \"\(id)\"",
                excerpt: id)
        }
    }
}
