import Foundation
import TuoguanCore
import TuoguanRules
import TuoguanStore

/// `verify --with LAST.sqlite`: the carried balances checked from both sides. The last term's ledger must
/// verify, still be closed by the closing this ledger names (its chain head), and every family balance and
/// carried pool balance it states must be exactly this ledger's opening entries, and nothing more.
///
/// ```swift
/// let summary = try CarryCheck.compare(next: spring, lastPath: "autumn.sqlite")   // throws at the first difference
/// ```
enum CarryCheck {
    static func compare(next: Ledger, lastPath: String) throws -> LocalizedText {
        let flag = SourceLocation(key: "--with")
        guard let source = try next.carriedFrom() else {
            throw TuoguanError(
                .badInput, zh: "这个账本不是从上学期结转来的（不是用 init --from 建的）",
                en: "this ledger was not carried from another (it was not made with init --from)",
                fix: LocalizedText(zh: "去掉 --with", en: "leave out --with"), at: flag)
        }
        let last = try Ledger.open(at: lastPath, readOnly: true) { text, file in try RulesLoader.parse(text, file: file) }
        _ = try LedgerCheck.whole(last)
        func differs(_ zh: String, _ en: String) -> TuoguanError {
            TuoguanError(
                .ledgerTampered, zh: "结转核对不一致：\(zh)", en: "the carried balances do not match: \(en)",
                fix: LocalizedText(
                    zh: "两个账本必须是 init --from 时的那一对；上学期重开后改动过的，需再结账并重新 init --from",
                    en: "the two ledgers must be the pair of init --from; a last term reopened and changed since must be closed again and carried again"),
                at: flag, excerpt: lastPath)
        }
        guard last.rules.school == source.school, last.rules.term == source.term else {
            throw differs(
                "--with 的账本是 \(last.rules.school) \(last.rules.term)，本账本结转自 \(source.school) \(source.term)",
                "the --with ledger is \(last.rules.school) \(last.rules.term), this one was carried from \(source.school) \(source.term)")
        }
        guard let closing = try last.closing() else {
            throw differs("上学期账本已重新打开，没有有效的结账", "the last term's ledger was reopened: it has no closing in force")
        }
        let opened = try next.openingBalances()
        var stated: [String: Money] = [:]
        for f in closing.families { stated[f.studentId] = f.balance }
        for id in Set(stated.keys).union(opened.families.keys).sorted() where stated[id] != opened.families[id] {
            throw differs(
                "学生 \(id)：上学期结转 \((stated[id] ?? .zero).formatted())，本学期期初 \((opened.families[id] ?? .zero).formatted())",
                "student \(id): carried \((stated[id] ?? .zero).formatted()) at closing, opened with \((opened.families[id] ?? .zero).formatted())")
        }
        var pools: [String: Money] = [:]
        for p in closing.pools where p.carried && p.balance.fen > 0 { pools[p.poolId] = p.balance }
        for id in Set(pools.keys).union(opened.pools.keys).sorted() where pools[id] != opened.pools[id] {
            throw differs(
                "经费项目 \(id)：上学期结转 \((pools[id] ?? .zero).formatted())，本学期期初 \((opened.pools[id] ?? .zero).formatted())",
                "pool \(id): carried \((pools[id] ?? .zero).formatted()) at closing, opened with \((opened.pools[id] ?? .zero).formatted())")
        }
        if closing.head != source.head {
            // Reopened and closed again since: the balances still match, which is what was carried.
            return LocalizedText(
                zh: "与上学期账本 \(lastPath) 的余额核对一致（\(stated.count) 户、\(pools.count) 个经费项目），但它在结转后重开并再次结账：现在的链头是 \(closing.head)，本账本记的是 \(source.head)",
                en: "the balances match the last term's ledger \(lastPath) (\(stated.count) families, \(pools.count) pools), but it was reopened and closed again after the carry: its chain head is now \(closing.head), this ledger names \(source.head)")
        }
        return LocalizedText(
            zh: "与上学期账本 \(lastPath) 核对一致：结账 \(closing.eventId)，链头 \(closing.head)，\(stated.count) 户余额、\(pools.count) 个经费项目结转无误",
            en: "matches the last term's ledger \(lastPath): closing \(closing.eventId), chain head \(closing.head), \(stated.count) family balances and \(pools.count) pools carried exactly")
    }
}
