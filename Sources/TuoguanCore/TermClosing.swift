/// What closing a term records: every family's non-zero balance, carried into the next term, and every
/// pool's unspent balance, carried forward or returned as the rules' `[year] pool_balances` says. Decided from
/// the term computation (the same figures as `statement --json`), never recomputed.
///
/// A family's non-zero balance may be carried when the rules say `family_balances = "carry"`, when the close
/// carries every balance (`carryAll`) or when the family is named (`carryStudents`); otherwise the close is
/// refused with every such family named (settle them first: refund what is owed, collect what is due).
///
/// ```swift
/// let closing = try TermClosing.decide(result: result, rules: rules, carryAll: true, carryStudents: [])
/// closing.families.map(\.balance)   // [-40.00, 20.00]: a credit of 40.00 and arrears of 20.00 carried
/// closing.pools.first?.carried      // true: `pool_balances = "carry"`
/// ```
public struct TermClosing: Sendable, Equatable {
    /// One family's balance carried into the next term.
    public struct Family: Sendable, Equatable {
        public var studentId: String
        public var name: String
        public var className: String
        /// Signed like a statement's balance: positive arrears (应补), negative a credit (应退).
        public var balance: Money
        public init(studentId: String, name: String, className: String, balance: Money) {
            self.studentId = studentId
            self.name = name
            self.className = className
            self.balance = balance
        }
    }

    /// One pool's unspent balance at closing.
    public struct PoolBalance: Sendable, Equatable {
        public var poolId: String
        public var name: String
        public var balance: Money
        /// Carried forward into the next term (true) or returned (false).
        public var carried: Bool
        public init(poolId: String, name: String, balance: Money, carried: Bool) {
            self.poolId = poolId
            self.name = name
            self.balance = balance
            self.carried = carried
        }
    }

    public var families: [Family]
    public var pools: [PoolBalance]

    public init(families: [Family], pools: [PoolBalance]) {
        self.families = families
        self.pools = pools
    }

    /// Σ families' carried balances (signed).
    public var familiesTotal: Money {
        get throws { try Money.sum(families.map(\.balance)) }
    }

    /// The closing of `result`, or `.balancesOpen` naming every family whose balance may not be carried.
    public static func decide(
        result: TermResult, rules: PlanRules, carryAll: Bool, carryStudents: Set<String>
    ) throws -> TermClosing {
        var families: [Family] = []
        var refused: [StudentStatement] = []
        for statement in result.students where !statement.balance.isZero {
            let carried = carryAll || rules.year.familyBalances == .carry || carryStudents.contains(statement.student.id)
            if carried {
                families.append(
                    Family(
                        studentId: statement.student.id, name: statement.student.name,
                        className: statement.student.className, balance: statement.balance))
            } else {
                refused.append(statement)
            }
        }
        if !refused.isEmpty { throw openBalances(refused) }
        let pools = result.fund.pools.map { share in
            PoolBalance(
                poolId: share.pool.id, name: share.pool.name, balance: share.balance,
                carried: rules.year.poolBalances == .carry)
        }
        return TermClosing(families: families, pools: pools)
    }

    /// The refusal: each family with a balance, its class and what is owed which way.
    static func openBalances(_ statements: [StudentStatement]) -> TuoguanError {
        func line(_ s: StudentStatement) -> LocalizedText {
            let owed = s.balance.isNegative ? s.dueToFamily : s.balance
            return LocalizedText(
                zh: "\(s.student.id) \(s.student.name)（\(s.student.className)）\(s.balance.isNegative ? "应退" : "应补") \(owed.formatted()) 元",
                en: "\(s.student.id) \(s.student.name) (\(s.student.className)) \(s.balance.isNegative ? "owed back" : "still owes") \(owed.formatted())")
        }
        let shown = statements.prefix(20).map(line)
        let more = statements.count > 20 ? statements.count - 20 : 0
        return TuoguanError(
            .balancesOpen,
            zh: "还有 \(statements.count) 户余额未结清，没有结账：\n  " + shown.map(\.zh).joined(separator: "\n  ")
                + (more > 0 ? "\n  …以及另外 \(more) 户" : ""),
            en: "\(statements.count) families still have a balance; nothing was closed:\n  " + shown.map(\.en).joined(separator: "\n  ")
                + (more > 0 ? "\n  … and \(more) more" : ""),
            fix: LocalizedText(
                zh: "先结清（应退的用 tuoguan settle 或 refund --reason settlement 退还，应补的收齐），或用 --carry 把全部余额结转到下学期（--carry-student 学号 只结转这几户）",
                en: "settle them first (refund what is owed with tuoguan settle or refund --reason settlement, collect what is due), or carry every balance into the next term with --carry (--carry-student ID for these families only)"))
    }
}
