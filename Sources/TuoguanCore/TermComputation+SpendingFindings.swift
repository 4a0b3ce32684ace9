extension TermComputation {
    /// `spent (pools X + subsidies Y + outside Z)` in both languages, for the findings' messages.
    static func spendingParts(_ s: TermSpending) throws -> LocalizedText {
        let paid = LocalizedText(
            zh: "支出 \(s.total.formatted())（资金池 \(s.fromPools.formatted()) + 补贴 \(s.subsidies.formatted()) + 校外机构 \(s.outside.formatted())）",
            en: "spent \(s.total.formatted()) (pools \(s.fromPools.formatted()) + subsidies \(s.subsidies.formatted()) + outside institutions \(s.outside.formatted()))")
        let c = try s.committed()
        guard !(c.unpaidSubsidies.isZero && c.unpaidOutside.isZero) else { return paid }
        return LocalizedText(
            zh: "已承付 \(c.total.formatted())（\(paid.zh) + 应付未付：补贴 \(c.unpaidSubsidies.formatted()) + 校外机构 \(c.unpaidOutside.formatted())）",
            en: "committed \(c.total.formatted()) (\(paid.en) + due, not yet paid: subsidies \(c.unpaidSubsidies.formatted()) + outside institutions \(c.unpaidOutside.formatted()))")
    }

    /// The `budget` finding: what the term has committed per student (the spending recorded plus the subsidies
    /// and outside pay due and not yet paid, ``TermSpending/committed()``) against the budget per student per year.
    ///
    /// The rules give a budget per year; the ledger holds one term. The term's spending per student is
    /// compared with the whole year's budget: the finding fails when one term alone spends more than the
    /// year allows (the other term is not in this ledger).
    ///
    /// ```swift
    /// // spent 1,500.00 by 5 students: 300.00 each, over a budget of 100.00 by 200.00
    /// try budgetFinding(budget: Money(fen: 10_000), students: 5, spending: s, rules: rules).passed   // false
    /// ```
    static func budgetFinding(budget: Money, students: Int, spending: TermSpending, rules: PlanRules) throws -> Finding {
        precondition(students > 0, "the budget per student needs students")
        let count = Int64(students)
        let spent = try spending.committed().total
        // spent ÷ count ≤ budget, exactly: spent ≤ budget × count.
        let passed = Int128(spent.fen) <= Int128(budget.fen) * Int128(count)
        let averageFen = rules.rounding.divide(Int128(spent.fen), by: Int128(count))
        let average = Money(fen: Int64(averageFen))  // |average| ≤ |spent|, so it fits
        let over = try average - budget
        let parts = try spendingParts(spending)
        return Finding(
            code: "budget", subject: "fund", passed: passed, limit: "≤ \(budget.formatted())", actual: average.formatted(),
            message: passed
                ? LocalizedText(
                    zh: "\(parts.zh)÷ \(count) 人 = 每生 \(average.formatted()) 元，未超过每生每年预算 \(budget.formatted()) 元",
                    en: "\(parts.en) ÷ \(count) students = \(average.formatted()) per student, within the budget of \(budget.formatted()) per student per year")
                : LocalizedText(
                    zh: "\(parts.zh)÷ \(count) 人 = 每生 \(average.formatted()) 元，超过每生每年预算 \(budget.formatted()) 元（超出 \(over.formatted()) 元）",
                    en: "\(parts.en) ÷ \(count) students = \(average.formatted()) per student, \(over.formatted()) over the budget of \(budget.formatted()) per student per year"))
    }

    /// The `outside-share` finding: the outside institutions' pay as a share of the term's spending, both as
    /// committed (paid, or due for held lessons and not yet paid).
    ///
    /// ```swift
    /// // outside 1,800.00 of 3,300.00 spent: 54.55% > 50%, over by 1,800.00 − 1,650.00 = 150.00
    /// try outsideShareFinding(maxPercent: 50, spending: s, rules: rules).actual   // "54.55%"
    /// ```
    static func outsideShareFinding(maxPercent: Int, spending: TermSpending, rules: PlanRules) throws -> Finding {
        // What the term has committed, paid or not (``TermSpending/committed()``).
        let committed = try spending.committed()
        let outside = committed.outside
        let spend = committed.total
        // With pay due and not yet recorded as paid, the message says what the figures are made of.
        let unpaid = !(committed.unpaidSubsidies.isZero && committed.unpaidOutside.isZero)
        let parts = unpaid ? try spendingParts(spending) : LocalizedText(zh: "", en: "")
        let tail = unpaid ? LocalizedText(zh: "；" + parts.zh, en: "; " + parts.en) : LocalizedText(zh: "", en: "")
        // outside ÷ spend ≤ P%, exactly: outside × 100 ≤ P × spend.
        let passed = Int128(outside.fen) * 100 <= Int128(maxPercent) * Int128(spend.fen)
        let shareHundredths = spend.fen > 0 ? rules.rounding.divide(Int128(outside.fen) * 10_000, by: Int128(spend.fen)) : 0
        let shareText = percentText(hundredths: shareHundredths)
        let allowed = try spend.scaled(by: Int64(maxPercent), over: 100, rounding: rules.rounding)
        let over = try outside - allowed
        return Finding(
            code: "outside-share", subject: "fund", passed: passed, limit: "≤ \(maxPercent)%", actual: shareText,
            message: passed
                ? LocalizedText(
                    zh: "校外机构费用 \(outside.formatted()) 元，占总支出 \(spend.formatted()) 元的 \(shareText)，未超过 \(maxPercent)%\(tail.zh)",
                    en: "outside institutions took \(outside.formatted()) of \(spend.formatted()) spent, \(shareText), within \(maxPercent)%\(tail.en)")
                : LocalizedText(
                    zh: "校外机构费用 \(outside.formatted()) 元，占总支出 \(spend.formatted()) 元的 \(shareText)，超过 \(maxPercent)%（超出 \(over.formatted()) 元）\(tail.zh)",
                    en: "outside institutions took \(outside.formatted()) of \(spend.formatted()) spent, \(shareText), \(over.formatted()) over the \(maxPercent)% limit\(tail.en)"))
    }
}
