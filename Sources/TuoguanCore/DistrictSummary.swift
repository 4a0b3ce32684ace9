/// One school's row of the district's roll-up (学区汇总), taken from its term computation (the figures of its own
/// `statement --json`, `workload --json` and `check --json`), never recomputed.
///
/// ```swift
/// let row = try SchoolSummary(file: "a.sqlite", rules: rules, facts: facts, result: result, levyPool: "district_levy")
/// row.levyDue   // the district levy pool's share of the net
/// ```
public struct SchoolSummary: Sendable, Equatable {
    public var file: String
    public var school: String
    public var term: String
    public var students: Int
    public var sessionsHeld: Int
    /// Σ over courses of sessions held × the course's length, in minutes.
    public var serviceMinutes: Int64
    public var income: Money
    public var refunds: Money
    /// The split's basis (`fund.net`: fees earned, or income − refunds).
    public var net: Money
    /// Each pool's share, by pool id, in the rules' order.
    public var pools: [(id: String, name: String, amount: Money, balance: Money)]
    /// The levy pool's share, and what its spending records as paid to the district.
    public var levyDue: Money
    public var levyPaid: Money
    /// Σ every teacher's total pay.
    public var teachersPay: Money
    /// The per-student-hour subsidies and the outside institutions' pay the term owes (from the budget).
    public var subsidies: Money
    public var outside: Money
    public var failed: [Finding]

    public init(file: String, rules: PlanRules, facts: TermFacts, result: TermResult, levyPool: String) throws {
        self.file = file
        school = result.school
        term = result.term
        students = facts.students.count
        let length = Dictionary(facts.courses.map { ($0.id, Int64(max(0, $0.end - $0.start))) }) { a, _ in a }
        sessionsHeld = try facts.courseTallies.reduce(0) { total, t in
            try Int(TermComputation.add(Int64(total), Int64(t.held), "sessions held"))
        }
        serviceMinutes = try facts.courseTallies.reduce(Int64(0)) { total, t in
            try TermComputation.add(total, try TermComputation.multiply(Int64(t.held), length[t.courseId] ?? 0, "service minutes"), "service minutes")
        }
        income = result.fund.income
        refunds = result.fund.refunds
        net = result.fund.net
        pools = result.fund.pools.map { ($0.pool.id, $0.pool.name, $0.amount, $0.balance) }
        let levy = result.fund.pools.first { $0.pool.id == levyPool }
        levyDue = levy?.amount ?? .zero
        levyPaid = levy?.spent ?? .zero
        teachersPay = try Money.sum(result.teachers.map(\.total))
        subsidies = result.fund.spending.subsidiesDue
        outside = result.fund.spending.outsideDue
        failed = result.findings.filter { !$0.passed }
    }

    public static func == (a: SchoolSummary, b: SchoolSummary) -> Bool {
        a.file == b.file && a.school == b.school && a.term == b.term && a.income == b.income && a.net == b.net
            && a.pools.elementsEqual(b.pools) { $0.id == $1.id && $0.amount == $1.amount && $0.balance == $1.balance }
    }
}

/// The district's totals over its schools' rows: each figure summed, each pool by id.
public struct DistrictTotals: Sendable, Equatable {
    public var schools = 0
    public var students = 0
    public var sessionsHeld = 0
    public var serviceMinutes: Int64 = 0
    public var income = Money.zero
    public var refunds = Money.zero
    public var net = Money.zero
    /// Each pool's shares summed, by pool id (in the order first met).
    public var pools: [(id: String, name: String, amount: Money, balance: Money)] = []
    public var levyDue = Money.zero
    public var levyPaid = Money.zero
    public var teachersPay = Money.zero
    public var subsidies = Money.zero
    public var outside = Money.zero
    public var failed = 0

    public init(_ rows: [SchoolSummary]) throws {
        for r in rows {
            schools += 1
            students += r.students
            sessionsHeld += r.sessionsHeld
            serviceMinutes = try TermComputation.add(serviceMinutes, r.serviceMinutes, "service minutes")
            income = try income + r.income
            refunds = try refunds + r.refunds
            net = try net + r.net
            for p in r.pools {
                if let i = pools.firstIndex(where: { $0.id == p.id }) {
                    pools[i].amount = try pools[i].amount + p.amount
                    pools[i].balance = try pools[i].balance + p.balance
                } else {
                    pools.append(p)
                }
            }
            levyDue = try levyDue + r.levyDue
            levyPaid = try levyPaid + r.levyPaid
            teachersPay = try teachersPay + r.teachersPay
            subsidies = try subsidies + r.subsidies
            outside = try outside + r.outside
            failed += r.failed.count
        }
    }

    public static func == (a: DistrictTotals, b: DistrictTotals) -> Bool {
        a.schools == b.schools && a.income == b.income && a.net == b.net
            && a.pools.elementsEqual(b.pools) { $0.id == $1.id && $0.amount == $1.amount }
    }
}
