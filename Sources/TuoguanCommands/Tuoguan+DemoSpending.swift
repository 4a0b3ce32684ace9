import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan.Demo {
    /// The committee's spending in the demo, on the term's last service day: from every pool, its room (its
    /// share of what was collected less refunds, less what it spent) down to whole yuan, nine tenths of it;
    /// the subsidies and the outside institutions' pay the computation says are owed, paid in full from the
    /// budget; then one expense past what is left of a pool, refused, to show the message.
    ///
    /// ```swift
    /// try Tuoguan.Demo.recordSpending(book: book, plan: plan, on: day, language: .zh)
    /// ```
    static func recordSpending(book: Ledger, plan: PlanRules, on day: CivilDate, language: Language) throws {
        var spent = Money.zero
        var count = 0
        for (n, pool) in plan.split.pools.enumerated() {
            let room = try book.poolRoom(pool.id).left
            let amount = Money(fen: room.fen * 9 / 10 / 100 * 100)  // nine tenths, down to whole yuan
            guard amount.fen > 0 else { continue }
            let payee = pool.sharedBy == .none ? "供应商" : "辅导教师（见工作量表）"
            _ = try book.recordExpense(
                ExpenseFact(
                    expenseId: "ZC-\(n + 1)", line: .pool(pool.id), amount: amount, date: day, payee: payee,
                    note: pool.name), by: "demo")
            spent = try spent + amount
            count += 1
        }
        let result = try TermComputation.compute(rules: plan, facts: try book.termFacts())
        let budgetLines: [(String, SpendingLine, Money, String)] = [
            ("ZC-SUB", .subsidies, result.fund.spending.subsidiesDue, "课时补贴"),
            ("ZC-OUT", .outside, result.fund.spending.outsideDue, "校外机构"),
        ]
        for (id, line, due, payee) in budgetLines where due.fen > 0 {
            _ = try book.recordExpense(
                ExpenseFact(expenseId: id, line: line, amount: due, date: day, payee: payee, note: "按应付足额支付"), by: "demo")
            spent = try spent + due
            count += 1
        }
        Console.say(
            "登记支出 \(count) 笔共 \(spent.formatted()) 元", "recorded \(count) expenses, \(spent.formatted()) in all", language)
        guard let pool = plan.split.pools.first(where: { $0.sharedBy == .none }) else { return }
        let room = try book.poolRoom(pool.id).left
        do {
            _ = try book.recordExpense(
                ExpenseFact(
                    expenseId: "ZC-X", line: .pool(pool.id), amount: try room + Money(fen: 100), date: day, payee: "供应商"),
                by: "demo")
        } catch let error as TuoguanError where error.code == .spendingCeiling {
            Console.say("（超出资金池，拒绝）\(error.message.zh)", "(over the pool, refused) \(error.message.en)", language)
        }
    }
}
