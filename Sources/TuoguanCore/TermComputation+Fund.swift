extension TermComputation {
    /// The fund: income, refunds, what was earned, the net the split applies to, and the pools.
    static func computeFund(rules: PlanRules, facts: TermFacts, totals: FamilyTotals) throws -> FundStatement {
        let income = totals.paid
        let refunds = totals.refunded
        let earned = totals.charged
        var steps: [FundStep] = [.income(income), .refunds(refunds), .earned(earned)]
        let net: Money
        switch rules.split.basis {
        case .earned:
            net = earned
            steps.append(.earnedBasis(net))
        case .cash:
            net = try income - refunds
            steps.append(.cashBasis(income: income, refunds: refunds, net: net))
        }
        let pools = rules.split.pools
        let amounts = try Allocation.largestRemainder(net, weights: pools.map { (key: $0.id, weight: $0.basisPoints) })
        let spentByPool = try spentByPool(rules: rules, facts: facts)
        var shares: [PoolShare] = []
        for pool in pools {
            let amount = amounts[pool.id] ?? .zero
            let share = PoolShare(
                pool: pool, amount: amount, spent: spentByPool[pool.id] ?? .zero, carried: facts.carriedPools[pool.id] ?? .zero)
            shares.append(share)
            steps.append(.pool(name: pool.name, percent: pool.percentText, net: net, amount: amount))
            if !share.spent.isZero {
                steps.append(.poolSpent(name: pool.name, spent: share.spent, amount: amount, balance: share.balance))
            }
        }
        return FundStatement(
            basis: rules.split.basis, income: income, refunds: refunds, earned: earned, net: net, pools: shares,
            steps: steps)
    }
}
