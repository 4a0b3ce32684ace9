extension TermComputation {
    /// The fund: income, refunds, what was earned, the net the split applies to, and the pools.
    static func computeFund(rules: PlanRules, facts: TermFacts, students: [StudentStatement]) throws -> FundStatement {
        let income = try Money.sum(students.map(\.paid))
        let refunds = try Money.sum(students.map(\.refunded))
        let earned = try Money.sum(students.map(\.charged))
        var trace: [TraceStep] = [
            TraceStep(zh: "收入（收款合计）\(income.formatted())", en: "income (payments received) \(income.formatted())", amount: income),
            TraceStep(zh: "退费合计 \(refunds.formatted())", en: "refunds paid out \(refunds.formatted())", amount: refunds),
            TraceStep(zh: "本学期应收合计 \(earned.formatted())", en: "fees earned this term \(earned.formatted())", amount: earned),
        ]
        let net: Money
        switch rules.split.basis {
        case .earned:
            net = earned
            trace.append(
                TraceStep(
                    zh: "分配基数（按应收）= \(net.formatted())", en: "split basis (fees earned) = \(net.formatted())", amount: net))
        case .cash:
            net = try income - refunds
            trace.append(
                TraceStep(
                    zh: "分配基数（按实收）= \(income.formatted()) − \(refunds.formatted()) = \(net.formatted())",
                    en: "split basis (cash) = \(income.formatted()) − \(refunds.formatted()) = \(net.formatted())",
                    amount: net))
        }
        let pools = rules.split.pools
        let amounts = try Allocation.largestRemainder(net, weights: pools.map { (key: $0.id, weight: $0.basisPoints) })
        let spentByPool = try spentByPool(rules: rules, facts: facts)
        var shares: [PoolShare] = []
        for pool in pools {
            let amount = amounts[pool.id] ?? .zero
            let share = PoolShare(pool: pool, amount: amount, spent: spentByPool[pool.id] ?? .zero)
            shares.append(share)
            trace.append(
                TraceStep(
                    zh: "\(pool.name) \(pool.percentText)% × \(net.formatted()) = \(amount.formatted())",
                    en: "\(pool.name) \(pool.percentText)% × \(net.formatted()) = \(amount.formatted())", amount: amount))
            if !share.spent.isZero {
                trace.append(
                    TraceStep(
                        zh: "\(pool.name)已支出 \(share.spent.formatted())，结余 \(amount.formatted()) − \(share.spent.formatted()) = \(share.balance.formatted())",
                        en: "\(pool.name) spent \(share.spent.formatted()), balance \(amount.formatted()) − \(share.spent.formatted()) = \(share.balance.formatted())",
                        amount: share.balance))
            }
        }
        return FundStatement(
            basis: rules.split.basis, income: income, refunds: refunds, earned: earned, net: net, pools: shares,
            trace: trace)
    }
}
