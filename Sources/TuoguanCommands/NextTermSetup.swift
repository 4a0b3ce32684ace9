import Foundation
import TuoguanCore
import TuoguanRules
import TuoguanStore

/// `init --from`: the checks on the closed ledger before anything is created, and the carrying after.
///
/// ```swift
/// let prepared = try NextTermSetup(from: "autumn.sqlite", next: rules, promote: false)   // refuses an open ledger
/// try prepared.carry(into: newLedger, by: "王会计")
/// ```
struct NextTermSetup {
    let source: CarrySource
    let plan: NextTerm

    /// Reads the closed ledger (read-only) and decides the next term; refuses a ledger that is not closed, of
    /// another school, of the same term, one that fails verify, or rules that cannot take what is carried.
    init(from path: String, next: PlanRules, promote: Bool) throws {
        let last = try Ledger.open(at: path, readOnly: true) { text, file in try RulesLoader.parse(text, file: file) }
        let flag = SourceLocation(key: "--from")
        guard last.rules.school == next.school else {
            throw TuoguanError(
                .badInput, zh: "--from 的账本属于“\(last.rules.school)”，新学期的规则文件是“\(next.school)”：不是同一所学校",
                en: "the --from ledger belongs to \"\(last.rules.school)\", the next term's rules to \"\(next.school)\": not the same school",
                fix: LocalizedText(zh: "用本校上学期的账本，或检查规则文件的 school", en: "give this school's last ledger, or check the rules file's school"),
                at: flag, excerpt: path)
        }
        guard last.rules.term != next.term, last.rules.ends < next.starts else {
            throw TuoguanError(
                .badInput, zh: "--from 的账本是 \(last.rules.term)（至 \(last.rules.ends)），新学期 \(next.term) 从 \(next.starts) 开始：不在它之后",
                en: "the --from ledger is \(last.rules.term) (to \(last.rules.ends)) and the next term \(next.term) starts \(next.starts): not after it",
                fix: LocalizedText(zh: "新学期的规则文件要写下一个学期（term、starts）", en: "the next rules file must be for a later term (term, starts)"),
                at: flag, excerpt: path)
        }
        guard let closing = try last.closing() else {
            throw TuoguanError(
                .badInput, zh: "--from 的账本 \(path) 还没有结账，不能从它结转",
                en: "the --from ledger \(path) is not closed: nothing can be carried from it",
                fix: LocalizedText(
                    zh: "先在上学期账本上结账：tuoguan close --db \(path) --note \"期末结账\"（有余额时加 --carry）",
                    en: "close the last term first: tuoguan close --db \(path) --note \"term closed\" (with --carry for balances)"),
                at: flag, excerpt: path)
        }
        _ = try LedgerCheck.whole(last)
        let facts = try last.termFacts()
        plan = try NextTerm.plan(
            students: facts.students, teachers: facts.teachers, families: closing.families, pools: closing.pools,
            promote: promote, rules: next)
        source = CarrySource(
            file: (path as NSString).lastPathComponent, school: last.rules.school, term: last.rules.term,
            closingId: closing.eventId, head: closing.head)
    }

    func carry(into ledger: Ledger, by: String, _ w: ClerkText) throws {
        try ledger.carryIn(plan, from: source, by: by)
        print(w.t(
            "从 \(source.term) 结转：学生 \(plan.students.count) 人，教师 \(plan.teachers.count) 人\(plan.leaving.isEmpty ? "" : "，毕业离校 \(plan.leaving.count) 人")",
            "carried from \(source.term): \(plan.students.count) students, \(plan.teachers.count) teachers\(plan.leaving.isEmpty ? "" : ", \(plan.leaving.count) left (top grade)")"))
        let credits = plan.openings.filter { $0.amount.isNegative }
        let arrears = plan.openings.filter { !$0.amount.isNegative }
        let creditTotal = Money(fen: credits.reduce(0) { $0 - $1.amount.fen })
        let arrearsTotal = Money(fen: arrears.reduce(0) { $0 + $1.amount.fen })
        print(w.t(
            "期初余额：结余 \(credits.count) 户共 \(creditTotal.formatted()) 元，欠费 \(arrears.count) 户共 \(arrearsTotal.formatted()) 元",
            "opening balances: \(credits.count) credits, \(creditTotal.formatted()) in all; \(arrears.count) arrears, \(arrearsTotal.formatted()) in all"))
        func name(_ id: String) -> String { ledger.rules.split.pools.first { $0.id == id }?.name ?? id }
        for p in plan.pools {
            print(w.t("  经费项目 \(name(p.id)) 结转 \(p.amount.formatted()) 元", "  pool \(name(p.id)) carried forward \(p.amount.formatted())"))
        }
        for p in plan.notCarried where !p.amount.isZero {
            print(w.t("  经费项目 \(name(p.id)) 结余 \(p.amount.formatted()) 元未结转（退回或不为正）", "  pool \(name(p.id)): \(p.amount.formatted()) not carried (returned, or not positive)"))
        }
        print(w.t("上学期链头：\(source.head)（verify --with 可核对两边）", "last term's chain head: \(source.head) (verify --with checks both sides)"))
    }
}
