/// The next term from a closed one: who is carried (promoted at a new school year: each grade up one, the top
/// grade leaves, classes renamed as the rules say), and which balances open the new ledger. Pure: decided from
/// the closed ledger's roster and its closing, under the next term's rules.
///
/// A student of the top grade leaves at promotion, unless the family has a balance carried: then the student
/// stays on the roll (at the top grade) so that the balance can be refunded or collected.
///
/// ```swift
/// let plan = try NextTerm.plan(students: facts.students, teachers: facts.teachers,
///                              families: [("S001", Money(fen: -4000))], pools: [("equipment", Money(fen: 5000), true)],
///                              promote: true, rules: next)
/// plan.openings   // [("S001", -40.00)]: a credit of 40.00 opens the family's account
/// ```
public struct NextTerm: Sendable, Equatable {
    public var students: [Student]
    /// Students of the top grade who left at promotion (no balance carried).
    public var leaving: [Student]
    public var teachers: [Teacher]
    /// Each carried family balance (signed: + arrears, − credit), in student order.
    public var openings: [OpeningBalance]
    /// Each pool's balance carried forward (> 0), in the rules' order.
    public var pools: [OpeningBalance]
    /// Pools' balances stated at closing but not opened here: returned, or not positive.
    public var notCarried: [OpeningBalance]

    /// One balance carried: a family's (`id` the student) or a pool's (`id` the pool).
    public struct OpeningBalance: Sendable, Equatable {
        public var id: String
        public var amount: Money
        public init(id: String, amount: Money) {
            self.id = id
            self.amount = amount
        }
    }

    public static func plan(
        students: [Student], teachers: [Teacher], families: [(studentId: String, balance: Money)],
        pools: [(poolId: String, balance: Money, carried: Bool)], promote: Bool, rules: PlanRules
    ) throws -> NextTerm {
        let carried = Set(families.map(\.studentId))
        var kept: [Student] = []
        var leaving: [Student] = []
        var problems: [TuoguanError] = []
        for var student in students {
            if promote {
                if student.grade >= rules.year.topGrade {
                    if !carried.contains(student.id) {
                        leaving.append(student)
                        continue
                    }
                } else {
                    student.className = rules.year.promotedClass(student.className, grade: student.grade)
                    student.grade += 1
                }
            }
            if let category = student.category, rules.categories[category] == nil {
                problems.append(
                    TuoguanError(
                        .unknownReference,
                        zh: "学生 \(student.id) 的类别“\(category)”在新学期的规则文件中没有",
                        en: "student \(student.id)'s category \"\(category)\" is not in the next term's rules file",
                        fix: LocalizedText(
                            zh: "在新规则文件的 [categories] 中加上“\(category)”，或先在上学期账本中更正该生类别",
                            en: "add \"\(category)\" under [categories] in the next rules file, or correct the student's category in the last term's ledger first"),
                        excerpt: category))
            }
            kept.append(student)
        }
        var carriedPools: [OpeningBalance] = []
        var notCarried: [OpeningBalance] = []
        let known = Set(rules.split.pools.map(\.id))
        for pool in pools {
            let balance = OpeningBalance(id: pool.poolId, amount: pool.balance)
            guard pool.carried, pool.balance.fen > 0 else {
                notCarried.append(balance)
                continue
            }
            if !known.contains(pool.poolId) {
                problems.append(
                    TuoguanError(
                        .unknownReference, zh: "结转的经费项目“\(pool.poolId)”在新学期的规则文件 [split] 中没有",
                        en: "the carried pool \"\(pool.poolId)\" is not in the next term's rules file under [split]",
                        fix: LocalizedText(
                            zh: "在新规则文件的 [split] 中保留该项目（id 相同）", en: "keep the pool (the same id) under [split] in the next rules file"),
                        excerpt: pool.poolId))
                continue
            }
            carriedPools.append(balance)
        }
        if let error = TuoguanError.collecting(problems) { throw error }
        return NextTerm(
            students: kept, leaving: leaving, teachers: teachers,
            openings: families.filter { !$0.balance.isZero }.map { OpeningBalance(id: $0.studentId, amount: $0.balance) },
            pools: carriedPools, notCarried: notCarried)
    }
}
