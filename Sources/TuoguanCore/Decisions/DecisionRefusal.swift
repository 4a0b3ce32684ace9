/// Why a money decision says no: one case per refusal of one event (``WithdrawalRefusal``, …), each with the
/// message the user reads (zh and en: what is wrong, how to fix it).
///
/// A decision throws its own refusal type (`throws(WithdrawalRefusal)`), so a test can reach every case
/// without SQLite; the store turns it into the one error type with ``decided(_:)``.
///
/// ```swift
/// enum PaymentRefusal: DecisionRefusal { case notPositive(Money)
///     var error: TuoguanError { TuoguanError(.badInput, zh: "金额须大于零", en: "the amount must be positive") } }
/// ```
public protocol DecisionRefusal: Error {
    /// The refusal as the user reads it.
    var error: TuoguanError { get }
}

/// Runs a decision and gives its refusal as the project's one error type.
///
/// ```swift
/// let decision = try decided { try WithdrawalDecision.decide(facts, rules: rules) }
/// ```
public func decided<T, Refusal: DecisionRefusal>(_ decide: () throws(Refusal) -> T) throws(TuoguanError) -> T {
    do {
        return try decide()
    } catch {
        throw error.error
    }
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
