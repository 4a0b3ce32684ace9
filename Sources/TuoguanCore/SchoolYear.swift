/// The school year of a ledger: its terms (this one and the ones it was carried from in the same school year,
/// by the rules' `[year] starts_month`), each with its own term computation, and the year's `budget` check:
/// the year's spending (Σ each term's recorded spending) per student served in the year (distinct students
/// over the terms) against the budget per student per year.
///
/// ```swift
/// let year = try SchoolYear(terms: [autumn, spring], rules: spring.rules)
/// year.budget?.passed   // the year's spending per student within `budget_per_student_year`
/// ```
public struct SchoolYear: Sendable {
    /// One term of the year: its rules, facts and computation (`statement --json`'s figures).
    public struct Term: Sendable {
        public var rules: PlanRules
        public var facts: TermFacts
        public var result: TermResult
        public var summary: SchoolSummary
        /// What the term's closing carried or returned, when it is closed.
        public var closing: ClosedBalances?
        public init(file: String, rules: PlanRules, facts: TermFacts, result: TermResult, closing: ClosedBalances? = nil) throws {
            self.closing = closing
            self.rules = rules
            self.facts = facts
            self.result = result
            summary = try SchoolSummary(file: file, rules: rules, facts: facts, result: result, levyPool: "")
        }
    }

    public var terms: [Term]
    /// The calendar year the school year began in.
    public var startYear: Int
    /// Distinct students over the terms.
    public var studentsServed: Int
    /// Σ each term's spending (from the pools, subsidies, outside institutions).
    public var spending: TermSpending
    /// The year's budget finding, when the rules set `budget_per_student_year` and students were served.
    public var budget: Finding?

    /// `terms` in order, oldest first; every term must be of the same school year (the caller picks them).
    public init(terms: [Term], rules: PlanRules) throws {
        precondition(!terms.isEmpty, "a school year has at least one term")
        self.terms = terms
        startYear = rules.year.schoolYear(of: rules.starts)
        studentsServed = Set(terms.flatMap { $0.facts.students.map(\.id) }).count
        var total = TermSpending()
        for t in terms {
            let s = t.result.fund.spending
            total.fromPools = try total.fromPools + s.fromPools
            total.subsidies = try total.subsidies + s.subsidies
            total.outside = try total.outside + s.outside
            total.total = try total.total + s.total
            total.subsidiesDue = try total.subsidiesDue + s.subsidiesDue
            total.outsideDue = try total.outsideDue + s.outsideDue
        }
        spending = total
        if let limit = rules.limits.budgetPerStudentYear, studentsServed > 0 {
            var finding = try TermComputation.budgetFinding(budget: limit, students: studentsServed, spending: total, rules: rules)
            finding.code = "budget-year"
            budget = finding
        }
    }
}

/// What a term's closing stated, summed: families' credits and arrears carried, pools carried or returned.
public struct ClosedBalances: Sendable, Equatable {
    public var credits = Money.zero
    public var arrears = Money.zero
    public var poolsCarried = Money.zero
    public var poolsReturned = Money.zero

    public init(families: [(studentId: String, balance: Money)], pools: [(poolId: String, balance: Money, carried: Bool)]) throws {
        for f in families {
            if f.balance.isNegative { credits = try credits - f.balance } else { arrears = try arrears + f.balance }
        }
        for p in pools {
            if p.carried { poolsCarried = try poolsCarried + p.balance } else { poolsReturned = try poolsReturned + p.balance }
        }
    }
}
