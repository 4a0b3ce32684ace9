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
