extension TermComputation {
    /// Σ expenses per pool id, after checking that every expense names a pool of the split or a budget line.
    ///
    /// ```swift
    /// try spentByPool(rules: rules, facts: facts)["equipment"]   // 300.00 when one 300.00 expense is recorded
    /// ```
    static func spentByPool(rules: PlanRules, facts: TermFacts) throws -> [String: Money] {
        let known = Set(rules.split.pools.map(\.id))
        var spent: [String: Money] = [:]
        for expense in facts.expenses {
            guard case .pool(let id) = expense.line else { continue }
            guard known.contains(id) else {
                throw TuoguanError(
                    .unknownReference, zh: "支出 \(expense.expenseId) 提到的经费项目“\(id)”不存在",
                    en: "expense \(expense.expenseId) names the pool \"\(id)\", which does not exist",
                    fix: LocalizedText(
                        zh: "改用规则文件 [split] 中的资金池（\(known.sorted().joined(separator: "、"))），或 subsidies、outside",
                        en: "use a pool of [split] in the rules file (\(known.sorted().joined(separator: ", "))), or subsidies, outside"),
                    excerpt: id)
            }
            spent[id] = try (spent[id] ?? .zero) + expense.amount
        }
        return spent
    }

    /// The spending of the term (``TermSpending``): the expenses recorded as paid, by pool and budget line,
    /// and what the teachers' pay says is owed for subsidies and outside institutions.
    ///
    /// ```swift
    /// let spending = try computeSpending(rules: rules, facts: facts, teachers: teachers)
    /// spending.total   // fromPools + subsidies + outside
    /// ```
    static func computeSpending(rules: PlanRules, facts: TermFacts, teachers: [TeacherPay]) throws -> TermSpending {
        let byPool = try spentByPool(rules: rules, facts: facts)
        var subsidies = Money.zero
        var outside = Money.zero
        for expense in facts.expenses {
            switch expense.line {
            case .pool: break
            case .subsidies: subsidies = try subsidies + expense.amount
            case .outside: outside = try outside + expense.amount
            }
        }
        let fromPools = try Money.sum(Array(byPool.values))
        let expenses = facts.expenses.sorted { ($0.date, $0.expenseId) < ($1.date, $1.expenseId) }
        return TermSpending(
            fromPools: fromPools, subsidies: subsidies, outside: outside,
            total: try Money.sum([fromPools, subsidies, outside]),
            subsidiesDue: try Money.sum(teachers.map(\.subsidy)), outsideDue: try Money.sum(teachers.map(\.outside)),
            expenses: expenses)
    }
}
