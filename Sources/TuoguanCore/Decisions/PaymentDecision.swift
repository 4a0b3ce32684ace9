/// What the store read for one payment: the payment as asked (its receipt's format, a held transfer under it
/// and the student checked by the store already).
public struct PaymentFacts: Sendable, Equatable {
    public var payment: PaymentFact
    public init(payment: PaymentFact) { self.payment = payment }
}

/// What to write for one payment: the payment, its amount above zero.
///
/// ```swift
/// let decision = try PaymentDecision.decide(PaymentFacts(payment: Fixtures.payment("R001", "S001", "160.00")))
/// decision.payment.amount   // 160.00
/// ```
public struct PaymentDecision: Sendable, Equatable {
    public var payment: PaymentFact
}

/// Why a payment is refused.
public enum PaymentRefusal: DecisionRefusal, Equatable {
    /// Zero or less: money going back is a refund.
    case notPositive(Money)

    public var error: TuoguanError {
        switch self {
        case .notPositive(let amount):
            return TuoguanError(
                .badInput, zh: "缴费金额必须大于零：\(amount.formatted())",
                en: "a payment must be more than zero: \(amount.formatted())",
                fix: LocalizedText(zh: "退费请用 refund 登记", en: "record money going back with refund"),
                excerpt: amount.formatted())
        }
    }
}

extension PaymentDecision {
    /// Decides a payment: recorded as asked when its amount is above zero.
    ///
    /// ```swift
    /// try PaymentDecision.decide(PaymentFacts(payment: p))   // p.amount = -1.00: throws .notPositive(-1.00)
    /// ```
    public static func decide(_ facts: PaymentFacts) throws(PaymentRefusal) -> PaymentDecision {
        let amount = facts.payment.amount
        guard amount > .zero else { throw .notPositive(amount) }
        let decision = PaymentDecision(payment: facts.payment)
        // A payment adds money to the family's side: never zero or less.
        precondition(decision.payment.amount > .zero, "a recorded payment is above zero")
        return decision
    }
}
