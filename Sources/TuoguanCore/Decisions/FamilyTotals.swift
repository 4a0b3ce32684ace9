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

/// Runs the exact money arithmetic of a decision (`Money`'s overflow checks, the calculators) and turns what it
/// throws into the decision's refusal made by `wrap`: a decision throws its own refusal type only.
///
/// ```swift
/// let after = try figured(PaymentRefusal.failed) { try before + amount }
/// ```
func figured<T, R: DecisionRefusal>(_ wrap: (TuoguanError) -> R, _ body: () throws -> T) throws(R) -> T {
    do {
        return try body()
    } catch let error as TuoguanError {
        throw wrap(error)
    } catch {
        throw wrap(TuoguanError(.internal, zh: "计算出错：\(error)", en: "a computation failed: \(error)"))
    }
}
