import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

/// What `reconcile` prints: the file's summary, the table of matches (确定, 建议, 待认领, 已登记过), what was
/// recorded, and the suspense list.
enum ReconcileText {
    static func printSummary(_ export: TransferExport, _ w: ClerkText) {
        let skipped = SkippedTransfer.allCases.compactMap { kind in
            export.skipped[kind].map { w.t("\(kind.text.zh) \($0) 笔", "\($0) \(kind.text.en)") }
        }
        var line = w.t(
            "\(export.format.text.zh) \(export.fileName)：读到 \(export.transfers.count) 笔已完成的收入",
            "\(export.format.text.en) \(export.fileName): \(export.transfers.count) completed incoming transfers")
        if !skipped.isEmpty {
            line += w.t("（未读入：\(skipped.joined(separator: "，"))）", " (left out: \(skipped.joined(separator: ", ")))")
        }
        if export.repeated > 0 {
            line += w.t("；文件中重复的 \(export.repeated) 行只算一次", "; \(export.repeated) repeated rows read once")
        }
        print(line)
    }

    static func printMatches(_ matches: [TransferMatch], names: [String: Student], _ rules: PlanRules, _ w: ClerkText) {
        let who = { (id: String) in names[id].map { "\(id) \($0.name) \($0.className)" } ?? id }
        var groups: [(String, [String])] = [
            (w.t("确定", "Certain"), []), (w.t("建议", "Suggested"), []),
            (w.t("待认领", "Unmatched (待认领)"), []), (w.t("已登记过或已在待认领名单（不再登记）", "Already recorded or held (not recorded again)"), []),
        ]
        for m in matches {
            let t = m.transfer
            var head = "  \(t.id)  \(t.date)  \(t.amount.formatted())\(w.t(" 元", ""))  \(t.payer)"
            if !t.memo.isEmpty { head += w.t("（备注：\(t.memo)）", " (memo: \(t.memo))") }
            if t.date < rules.starts || t.date > rules.ends { head += w.t("  [日期不在本学期内]", "  [dated outside the term]") }
            switch m.verdict {
            case .matched(let s, let reason): groups[0].1.append(head + "\n      → \(who(s))" + w.t("：", ": ") + reason.text.text(w.language))
            case .suggested(let s, let reason): groups[1].1.append(head + "\n      → \(who(s))" + w.t("？", "? ") + reason.text.text(w.language))
            case .unmatched(let why): groups[2].1.append(head + "\n      " + why.text(w.language))
            case .alreadyRecorded(let s): groups[3].1.append(head + w.t("  已登记为 \(who(s)) 的缴费", "  recorded as a payment of \(who(s))"))
            case .alreadyHeld: groups[3].1.append(head + w.t("  已在待认领名单", "  on the suspense list"))
            }
        }
        for (index, (title, lines)) in groups.enumerated() where !lines.isEmpty {
            let check = index == 1 ? w.t("，核对后用 --apply 交易单号 登记", "; check, then --apply ID") : ""
            print(w.t("\(title)（\(lines.count) 笔\(check)）：", "\(title) (\(lines.count)\(check)):"))
            for line in lines { print(line) }
        }
    }

    static func printHowToApply(_ matches: [TransferMatch], _ w: ClerkText) {
        let certain = matches.filter { if case .matched = $0.verdict { return true } else { return false } }.count
        print(w.t(
            "未登记任何款项。确认后：--apply-certain 登记 \(certain) 笔确定的，--apply 交易单号… 登记指定的；同时把待认领的记入待认领名单。",
            "Nothing recorded. To confirm: --apply-certain records the \(certain) certain ones, --apply ID… the ones named; either also puts the unmatched on the suspense list."))
    }

    static func printApplied(_ report: TransferApplyReport, _ w: ClerkText) {
        let total = (try? Money.sum(report.recorded.map(\.transfer.amount))) ?? .zero
        let held = (try? Money.sum(report.held.map(\.amount))) ?? .zero
        print(w.t(
            "已登记 \(report.recorded.count) 笔缴费，共 \(total.formatted()) 元；\(report.held.count) 笔记入待认领名单，共 \(held.formatted()) 元；\(report.left.count) 笔已匹配但未指定，未登记；\(report.already) 笔以前已登记",
            "recorded \(report.recorded.count) payments, \(total.formatted()) in all; \(report.held.count) put on the suspense list, \(held.formatted()); \(report.left.count) matched but not named, left unrecorded; \(report.already) recorded before"))
    }

    static func printHeld(_ held: [HeldTransfer], _ w: ClerkText) throws {
        guard !held.isEmpty else { return print(w.t("待认领名单为空", "the suspense list is empty")) }
        let total = try Money.sum(held.map(\.transfer.amount))
        print(w.t("待认领（已收到、未分配到家庭）\(held.count) 笔，共 \(total.formatted()) 元：", "Held (received, not yet assigned): \(held.count), \(total.formatted()) in all:"))
        for h in held {
            let t = h.transfer
            print("  \(t.id)  \(t.date)  \(t.amount.formatted())  \(w.method(t.method))  \(t.payer)" + (t.memo.isEmpty ? "" : w.t("（备注：\(t.memo)）", " (memo: \(t.memo))")))
        }
        print(w.t("认领：tuoguan reconcile --assign 交易单号 --student 学号；退回：tuoguan reconcile --return 交易单号 --note 说明",
                  "assign: tuoguan reconcile --assign ID --student STUDENT; returned: tuoguan reconcile --return ID --note WHY"))
    }
}
