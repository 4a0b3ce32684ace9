/// What a pool may spend now: its share of the money collected so far less refunds, what it spent, and what
/// it carried in from the closed term before.
///
/// ```swift
/// // 400.03 collected, the quality award's 20%: 80.01 (largest remainder over 60/20/5/5/10)
/// let room = try PoolRoom.of("quality_award", collected: Money(fen: 40003), spent: .zero, carried: .zero, split: split)
/// room.left   // 80.01
/// ```
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

    public init(collected: Money, share: Money, spent: Money, carried: Money = .zero) {
        self.collected = collected
        self.share = share
        self.spent = spent
        self.carried = carried
    }

    /// The room of pool `poolId`: its share of `collected` split by `split`'s percents (``Allocation``,
    /// largest remainder; zero for a pool not in the split).
    public static func of(_ poolId: String, collected: Money, spent: Money, carried: Money, split: CostShare) throws
        -> PoolRoom
    {
        let shares = try Allocation.largestRemainder(collected, weights: split.pools.map { (key: $0.id, weight: $0.basisPoints) })
        // The split is the fund's own: its parts add up to what was collected.
        precondition(shares.values.reduce(Int64(0)) { $0 + $1.fen } == collected.fen || split.pools.isEmpty, "a split sums to its total")
        return PoolRoom(collected: collected, share: shares[poolId] ?? .zero, spent: spent, carried: carried)
    }
}
