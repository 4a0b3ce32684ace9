import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan correct`: reverse a mistaken payment or refund by a reversing entry (never an edit).
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("冲销一笔错账", "Reverse a mistaken payment or refund with a correcting entry."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan correct --entry R0001 --id CR001 --note "重复登记"
                金额录错的缴费一步更正：tuoguan correct --entry R0001 --amount 720.00 --note "金额录错"
                （冲正 CR-R0001 与新收据 R0001-1 在同一笔操作中登记；再更正 R0001-1 得 R0001-2）
                """,
                """
                Example: tuoguan correct --entry R0001 --id CR001 --note "recorded twice"
                A payment with a mistyped amount, in one step: tuoguan correct --entry R0001 --amount 720.00 --note "amount mistyped"
                (the reversal CR-R0001 and the new receipt R0001-1 are recorded together; correcting R0001-1 gives R0001-2)
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "要冲正的收据号、退费编号或支出编号。", en: "The receipt, refund or expense number to reverse."))
        var entry: String
        @Option(name: .long, help: ArgumentHelp(zh: "冲正记录的编号（用 --amount 时默认 CR-收据号）。", en: "The id of the correcting entry (with --amount: CR-RECEIPT by default)."))
        var id: String?
        @Option(name: .long, help: ArgumentHelp(zh: "缴费的正确金额：冲正原收据，并以新收据登记这个金额（同一笔操作）。", en: "A payment's right amount: reverses the receipt and records this amount under a new receipt, in one step."))
        var amount: String?
        @Option(name: .long, help: ArgumentHelp(zh: "与 --amount 同用：新收据号（默认在原收据号后加 -1，如 R0001-1）。", en: "With --amount: the new receipt (default: the receipt with -1 added, e.g. R0001-1)."))
        var receipt: String?
        @Option(name: .long, help: ArgumentHelp(zh: "原因（记入流水）。", en: "Why (kept in the journal)."))
        var note: String

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if amount == nil, id == nil {
                throw ValidationError(Tuoguan.text(
                    "请给出 --id（冲正编号），或用 --amount 给出缴费的正确金额，例：tuoguan correct --entry \(entry) --amount 720.00 --note 原因",
                    "give --id (the correction's id), or --amount with a payment's right amount, e.g. tuoguan correct --entry \(entry) --amount 720.00 --note WHY"))
            }
            if amount == nil, receipt != nil {
                throw ValidationError(Tuoguan.text("--receipt 只与 --amount 同用：加上 --amount 正确金额", "--receipt goes with --amount only: add --amount RIGHT-AMOUNT"))
            }
        }

        func run() throws {
            let book = try ledger.open()
            if let amount {
                try replace(book, amount: try parseAmount(amount, flag: "--amount"))
                return
            }
            guard let id else { return }
            let outcome = try book.reverse(entryId: entry, correctionId: id, note: note, by: recorder.name)
            Console.say(
                outcome == .recorded ? "已冲销 \(entry)（冲销单 \(id)）" : "冲销单 \(id) 已登记过，未改动",
                outcome == .recorded ? "reversed \(entry) (correction \(id))" : "correction \(id) was already recorded; nothing changed",
                ledger.language)
        }

        /// `--amount`: the reversal and the replacing payment in one transaction.
        func replace(_ book: Ledger, amount: Money) throws {
            let done = try book.replacePayment(
                entryId: entry, amount: amount, correctionId: id, receipt: receipt, note: note, by: recorder.name)
            if done.outcome == .alreadyRecorded {
                Console.say(
                    "\(entry) 已更正过（冲正 \(done.correctionId)，新收据 \(done.receipt)），未改动",
                    "\(entry) was already corrected (reversal \(done.correctionId), new receipt \(done.receipt)); nothing changed",
                    ledger.language)
                return
            }
            Console.say(
                "已更正 \(entry)：冲正 \(done.correctionId)（\(done.oldAmount.formatted()) 元），新收据 \(done.receipt)（\(done.newAmount.formatted()) 元），学生 \(done.studentId)",
                "corrected \(entry): reversal \(done.correctionId) (\(done.oldAmount.formatted())), new receipt \(done.receipt) (\(done.newAmount.formatted())), student \(done.studentId)",
                ledger.language)
        }
    }
}
