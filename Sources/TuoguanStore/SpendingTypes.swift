import TuoguanCore

/// What the spending operations of ``Ledger`` answer (see Ledger+Spending.swift).

/// What recording an expense did, and what its pool has left to spend after it (nil for a budget line).
public struct SpendOutcome: Sendable, Equatable {
    public var outcome: RecordOutcome
    public var poolLeft: Money?
    public init(outcome: RecordOutcome, poolLeft: Money?) {
        self.outcome = outcome
        self.poolLeft = poolLeft
    }
}

/// What a pool may spend now: its share of the money collected so far less refunds, and what it spent.
public struct PoolRoom: Sendable, Equatable {
    /// Σ payments − Σ refunds, reversed entries left out.
    public var collected: Money
    /// The pool's share of `collected` by the split's percents (largest remainder, like the fund's split).
    public var share: Money
    /// Σ expenses from the pool, reversed ones left out.
    public var spent: Money
    /// The pool's balance carried forward from the closed term before this one (zero when none).
    public var carried: Money = .zero
    /// carried + share − spent.
    public var left: Money { Money(fen: carried.fen + share.fen - spent.fen) }
}
