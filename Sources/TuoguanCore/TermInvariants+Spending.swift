extension TermInvariants {
    /// Invariant 10: the pools' spent, the spending's lines and the expenses agree.
    ///
    /// ```swift
    /// try checkSpending(result.fund) { zh, en in print(en) }   // says nothing for a correct fund
    /// ```
    static func checkSpending(_ fund: FundStatement, fail: (String, String) -> Void) throws {
        let s = fund.spending
        let poolsSpent = try Money.sum(fund.pools.map(\.spent))
        var byLine: (pools: Money, subsidies: Money, outside: Money) = (.zero, .zero, .zero)
        for expense in s.expenses {
            switch expense.line {
            case .pool: byLine.pools = try byLine.pools + expense.amount
            case .subsidies: byLine.subsidies = try byLine.subsidies + expense.amount
            case .outside: byLine.outside = try byLine.outside + expense.amount
            }
        }
        let total = try Money.sum([s.fromPools, s.subsidies, s.outside])
        if poolsSpent != s.fromPools || byLine.pools != s.fromPools || byLine.subsidies != s.subsidies
            || byLine.outside != s.outside || s.total != total
        {
            fail("支出合计与资金池、支出明细不符",
                 "spending (pools \(s.fromPools.formatted()), subsidies \(s.subsidies.formatted()), outside \(s.outside.formatted()), total \(s.total.formatted())) disagrees with the pools' spent \(poolsSpent.formatted()) or the expenses")
        }
    }
}
