import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan refund`: one refund, by lessons or by amount, for a reason the policy allows.
    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记一笔退费 / Record one refund, by lessons or by amount.",
            discussion: """
                The policy decides whether the reason is refundable and how much; a refund never exceeds what the
                family paid less what was refunded already, and a settlement never more than the statement owes back.
                Withdrawals and cancellations refund through `withdraw` and `cancel` (and `undo`), not here.
                Example: tuoguan refund --id TF001 --student S000001 --amount 40.00 --reason settlement
                """)

        @Option(name: .long, help: "Refund number (unique; the same id again with the same contents does nothing).")
        var id: String
        @Option(name: .long, help: "Student id (学号).")
        var student: String
        @Option(name: .long, help: "Course id.")
        var course: String?
        @Option(name: .long, help: "Lessons to refund (priced by the course's policy).")
        var lessons: Int?
        @Option(name: .long, help: "Amount to refund, e.g. 40.00.")
        var amount: String?
        @Option(name: .long, help: "personal_leave, cancelled, withdrawal or settlement.")
        var reason: RefundReason
        @Option(name: .long, help: "Date (default: today).")
        var date: CivilDate?
        @Option(name: .long, help: "A note kept with the refund (e.g. the written request's number).")
        var note: String = ""

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if (lessons == nil) == (amount == nil) {
                throw ValidationError("give exactly one of --lessons or --amount (按课时或按金额退费，二选一)")
            }
            if let lessons, lessons <= 0 { throw ValidationError("--lessons must be at least 1") }
            if lessons != nil && course == nil { throw ValidationError("--lessons needs --course (按课时退费需指定课程)") }
        }

        func run() throws {
            let money = try amount.map { try parseAmount($0, flag: "--amount") }
            if let money, money.fen <= 0 {
                throw usageError("退费金额必须大于零：\(amount ?? "")", "a refund must be above zero: \(amount ?? "")", flag: "--amount")
            }
            let book = try ledger.open()
            let result = try book.recordRefund(
                RefundRequest(
                    refundId: id, studentId: student, courseId: course, amount: money, lessons: lessons,
                    date: date ?? today(), reason: reason, note: note),
                by: recorder.name)
            switch result.outcome {
            case .recorded:
                Console.say(
                    "已登记退费 \(id)：\(student) \(result.amount.formatted()) 元（\(result.amount.uppercase)），尚可退 \(result.remainingRefundable.formatted())",
                    "recorded refund \(id): \(student) \(result.amount.formatted()); \(result.remainingRefundable.formatted()) left refundable",
                    ledger.language)
            case .alreadyRecorded:
                Console.say("退费 \(id) 已登记过，内容相同，未重复退费", "refund \(id) was already recorded with the same contents; nothing changed", ledger.language)
            }
        }
    }
}

/// Today's local date.
func today() -> CivilDate {
    let now = Date()
    let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: now)
    return CivilDate(year: c.year ?? 2024, month: c.month ?? 1, day: c.day ?? 1) ?? CivilDate(year: 2024, month: 1, day: 1)!
}
