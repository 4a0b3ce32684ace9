/// What a family paid and had back, reversed entries left out: what the store's `familyTotals` read, the
/// family's ceiling for every refund (``RefundCalculator/Ceilings/familyLeft``).
///
/// ```swift
/// let totals = FamilyTotals(paid: Money(fen: 16000), refunded: Money(fen: 4000))
/// try totals.left   // 120.00: what a refund may still give back
/// ```
public struct FamilyTotals: Sendable, Equatable, Hashable {
    /// Payments, and a credit carried in from the term before.
    public var paid: Money
    /// Refunds.
    public var refunded: Money
    public init(paid: Money, refunded: Money) {
        self.paid = paid
        self.refunded = refunded
    }

    /// paid − refunded: what the family may still have back.
    public var left: Money { get throws { try paid - refunded } }
}
