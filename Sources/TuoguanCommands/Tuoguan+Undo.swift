import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan undo`: take back a withdrawal or a force-majeure cancellation with all of its refunds.
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("撤销一次退课或停课及其全部退费", "Undo a withdrawal or a cancellation with all of its refunds."),
            discussion: Tuoguan.text(
                """
                一次完成：这次退课或停课的每笔退费都被冲正（不改动原记录），报名或课次恢复原样。同一 --id 再运行一次不会重复；一次退课或停课只能撤销一次。
                示例：tuoguan undo --entry TK001 --id UD001 --note "家长撤回退课申请"
                """,
                """
                One transaction: each of the event's refunds is reversed (nothing is edited), and the enrolment or the
                sessions are as they were before it. The same --id again does nothing; an event is undone once.
                Example: tuoguan undo --entry TK001 --id UD001 --note "家长撤回退课申请"
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "退课时的 --id，或停课时的 --id-prefix。", en: "The withdrawal's --id or the cancellation's --id-prefix."))
        var entry: String
        @Option(name: .long, help: ArgumentHelp(zh: "撤销记录的编号（不可重复；同一编号、同一对象再运行一次不会重复）。", en: "The id of the undo (unique; the same id again with the same entry does nothing)."))
        var id: String
        @Option(name: .long, help: ArgumentHelp(zh: "原因（随撤销记录保存）。", en: "Why (kept with the undo)."))
        var note: String

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let book = try ledger.open()
            let report = try book.undo(entryId: entry, undoId: id, note: note, by: recorder.name)
            var total = Money.zero
            for r in report.reversals {
                total = try total + r.amount
                Console.say(
                    "  冲正单 \(r.reversalId)：冲正退费 \(r.refundId)，\(r.amount.formatted()) 元",
                    "  reversal \(r.reversalId): refund \(r.refundId) reversed, \(r.amount.formatted())",
                    ledger.language)
            }
            let what = report.kind == "withdrawal" ? ("退课", "withdrawal") : ("停课", "cancellation")
            switch report.outcome {
            case .recorded:
                Console.say(
                    "已撤销\(what.0) \(entry)（撤销单 \(id)），冲正退费 \(report.reversals.count) 笔，共 \(total.formatted()) 元",
                    "undid \(what.1) \(entry) (undo \(id)): \(report.reversals.count) refunds reversed, \(total.formatted()) in all",
                    ledger.language)
            case .alreadyRecorded:
                Console.say("撤销单 \(id) 已登记过，未改动", "undo \(id) was already recorded; nothing changed", ledger.language)
            }
        }
    }
}
