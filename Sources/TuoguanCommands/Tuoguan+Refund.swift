import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

extension Tuoguan {
    /// `tuoguan refund`: one refund, by lessons or by amount, for a reason the policy allows.
    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("登记一笔退费", "Record one refund, by lessons or by amount."),
            discussion: Tuoguan.text(
                """
                是否可退、退多少由收费政策决定；退费不会超过家庭已交减去已退的金额，期末结算不会超过结算单应退的金额。
                退课和停课的退费请用 withdraw 和 cancel（以及 undo），不在这里登记。
                示例：tuoguan refund --id TF001 --student S000001 --amount 40.00 --reason 结算
                """,
                """
                The policy decides whether the reason is refundable and how much; a refund never exceeds what the
                family paid less what was refunded already, and a settlement never more than the statement owes back.
                Withdrawals and cancellations refund through `withdraw` and `cancel` (and `undo`), not here.
                Example: tuoguan refund --id TF001 --student S000001 --amount 40.00 --reason settlement
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "退费编号（不可重复；同一编号、内容相同，再登记一次不会重复退费）。", en: "Refund number (unique; the same id again with the same contents does nothing)."))
        var id: String
        @Option(name: .long, help: ArgumentHelp(zh: "学号。", en: "Student id (学号)."))
        var student: String
        @Option(name: .long, help: ArgumentHelp(zh: "课程编号。", en: "Course id."))
        var course: String?
        @Option(name: .long, help: ArgumentHelp(zh: "退几个课时（按课程的收费政策计价）。", en: "Lessons to refund (priced by the course's policy)."))
        var lessons: Int?
        @Option(name: .long, help: ArgumentHelp(zh: "退费金额，如 40.00。", en: "Amount to refund, e.g. 40.00."))
        var amount: String?
        @Option(name: .long, help: ArgumentHelp(zh: "退费原因：请假、停课、退课、结算 …", en: "personal_leave, cancelled, withdrawal or settlement (请假、停课、退课、结算 …)."))
        var reason: String
        @Option(name: .long, help: ArgumentHelp(zh: "日期（默认：今天）。", en: "Date (default: today)."))
        var date: CivilDate?
        @Option(name: .long, help: ArgumentHelp(zh: "随退费保存的备注（如书面申请的编号）。", en: "A note kept with the refund (e.g. the written request's number)."))
        var note: String = ""

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if (lessons == nil) == (amount == nil) {
                throw ValidationError(Tuoguan.text("--lessons 和 --amount 只能给一个（按课时或按金额退费，二选一）", "give exactly one of --lessons or --amount"))
            }
            if let lessons, lessons <= 0 { throw ValidationError(Tuoguan.text("--lessons 至少为 1", "--lessons must be at least 1")) }
            if lessons != nil && course == nil { throw ValidationError(Tuoguan.text("按课时退费需用 --course 指定课程", "--lessons needs --course")) }
        }

        func run() throws {
            let money = try amount.map { try parseAmount($0, flag: "--amount") }
            let reason = try parseWord(reason, SchoolWords.reason, flag: "--reason", accepted: SchoolWords.reasonsAccepted)
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

/// Today's local date, or `TUOGUAN_TODAY` when set: the one definition, ``Ledger/today(environment:)``.
func today() -> CivilDate { Ledger.today() }
