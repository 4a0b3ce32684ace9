/// Where one expense was paid from: a pool of the split (the fees), or a budget line paid from outside the
/// fees (the per-student-hour subsidies, the outside institutions' pay).
///
/// The clerk names it by the pool's id (`running_cost`) or by a budget line's word: `subsidies` / `补贴`,
/// `outside` / `校外机构` (see ``SpendingLine/init(parsing:)``).
public enum SpendingLine: Sendable, Equatable, Hashable {
    /// A pool of `[split]`, by its id.
    case pool(String)
    /// The per-student-hour subsidies paid to teachers (a budget line, not a pool).
    case subsidies
    /// The pay of outside institutions (a budget line, not a pool).
    case outside

    /// The budget lines' words, as typed (`--pool subsidies`, 经费项目 `补贴`).
    ///
    /// ```swift
    /// SpendingLine(parsing: "补贴")          // .subsidies
    /// SpendingLine(parsing: "running_cost")  // .pool("running_cost")
    /// ```
    public init(parsing text: String) {
        switch text {
        case "subsidies", "subsidy", "补贴", "课时补贴": self = .subsidies
        case "outside", "校外机构", "校外机构费用": self = .outside
        default: self = .pool(text)
        }
    }

    /// The budget lines' words a pool id could spell (pool ids are ASCII): the rules loader refuses them as
    /// pool ids, so an expense's pool column always means one thing.
    public static let reservedPoolIds = ["subsidies", "subsidy", "outside"]

    /// As stored in the ledger and written in `--json`: the pool id, `subsidies` or `outside`.
    public var key: String {
        switch self {
        case .pool(let id): return id
        case .subsidies: return "subsidies"
        case .outside: return "outside"
        }
    }
}

/// One expense recorded as paid (支出): from a pool, or a budget line.
///
/// ```swift
/// ExpenseFact(expenseId: "E001", line: .pool("equipment"), amount: Money(fen: 30_000),
///             date: CivilDate(parsing: "2024-10-08")!, payee: "文具店", note: "彩笔 30 盒")
/// ```
public struct ExpenseFact: Sendable, Equatable, Hashable {
    public var expenseId: String
    public var line: SpendingLine
    /// More than zero.
    public var amount: Money
    public var date: CivilDate
    public var payee: String
    public var note: String
    public init(expenseId: String, line: SpendingLine, amount: Money, date: CivilDate, payee: String, note: String = "") {
        self.expenseId = expenseId
        self.line = line
        self.amount = amount
        self.date = date
        self.payee = payee
        self.note = note
    }
}

/// The spending of the term: the one definition every finding and the disclosure use.
///
/// Spending is what was recorded as paid (reversed expenses left out): the fees spent from the pools, the
/// subsidies and the outside institutions' pay. What the computation says is owed for the subsidies and the
/// outside pay is kept beside it (`subsidiesDue`, `outsideDue`), to show what is still to pay.
///
/// ```swift
/// let s = result.fund.spending
/// s.total == s.fromPools + s.subsidies + s.outside   // always
/// ```
public struct TermSpending: Sendable, Equatable {
    /// Σ expenses from the pools.
    public var fromPools: Money
    /// Σ expenses of the subsidies budget line (subsidies recorded as paid).
    public var subsidies: Money
    /// Σ expenses of the outside budget line (outside institutions' pay recorded as paid).
    public var outside: Money
    /// fromPools + subsidies + outside.
    public var total: Money
    /// Σ teachers' per-student-hour subsidies the computation says are owed.
    public var subsidiesDue: Money
    /// Σ outside institutions' pay the computation says is owed.
    public var outsideDue: Money
    /// Every expense not reversed, by date then id.
    public var expenses: [ExpenseFact]

    public init(
        fromPools: Money = .zero, subsidies: Money = .zero, outside: Money = .zero, total: Money = .zero,
        subsidiesDue: Money = .zero, outsideDue: Money = .zero, expenses: [ExpenseFact] = []
    ) {
        self.fromPools = fromPools
        self.subsidies = subsidies
        self.outside = outside
        self.total = total
        self.subsidiesDue = subsidiesDue
        self.outsideDue = outsideDue
        self.expenses = expenses
    }

    /// Nothing spent, nothing owed.
    public static let zero = TermSpending()

    /// What the term has committed: the spending recorded, plus the subsidies and the outside pay due for
    /// held lessons and not yet recorded as paid. What the `budget` and `outside-share` findings count, so
    /// that a check never passes because nothing has been paid yet.
    ///
    /// ```swift
    /// // spent 1,000.00 from the pools; outside pay due 9,000.00, 2,000.00 of it paid
    /// try s.committed().total     // 1,000.00 + 2,000.00 + (9,000.00 − 2,000.00) = 10,000.00
    /// try s.committed().outside   // 9,000.00
    /// ```
    public func committed() throws -> (total: Money, outside: Money, unpaidSubsidies: Money, unpaidOutside: Money) {
        let unpaidSubsidies = max(.zero, try subsidiesDue - subsidies)
        let unpaidOutside = max(.zero, try outsideDue - outside)
        return (try total + unpaidSubsidies + unpaidOutside, try outside + unpaidOutside, unpaidSubsidies, unpaidOutside)
    }
}
