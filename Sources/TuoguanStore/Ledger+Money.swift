import GRDB
import TuoguanCore
import TuoguanInput

/// The money lookups the other rooms still call by `db` (the payment, refund and reversal themselves are in
/// `Ledger+Payment.swift`, `Ledger+Refund.swift`, `Ledger+Reversal.swift`).
extension Ledger {
    /// When a student takes a course: the first day, and the first day no longer attending (nil: to the end).
    typealias Enrollment = EnrolmentWindow

    /// The most the refunds for one course may add up to for one student
    /// (``RefundCalculator/courseFee(course:policy:usage:student:rules:)``; nothing for a course whose policy
    /// is unknown).
    func courseFee(student: Student, course: Course, usage: CourseUsage) throws -> Money {
        try RefundCalculator.courseFee(CourseRefundFacts(course: course, usage: usage, refunded: .zero), student: student, rules: rules)
    }

    /// Both ceilings of a refund for `course` (``RefundCalculator/ceilings(family:course:student:rules:)``, the
    /// one place they are made), from the enrolment's usage.
    ///
    /// ```swift
    /// let ceilings = try refundCeilings(student: s, course: x1, usage: u, db: db)
    /// ceilings.most   // what a refund for X1 may still give back
    /// ```
    func refundCeilings(student: Student, course: Course, usage: CourseUsage, db: Database) throws -> RefundCalculator.Ceilings {
        try reader(db).refundCeilings(student: student, course: course, usage: usage)
    }

    func requireId(_ id: String, what: (zh: String, en: String)) throws {
        if id.isEmpty || id != id.trimmedSpaces {
            throw TuoguanError(
                .badInput, zh: "\(what.zh)为空或带有首尾空格：“\(id)”", en: "the \(what.en) is empty or has surrounding spaces: \"\(id)\"",
                excerpt: id)
        }
    }
}
