/// Why a money event's decision refused it: one case per refusal, `error` the user's message (zh/en, what is
/// wrong, how to fix it).
///
/// ```swift
/// do { _ = try UndoDecision.decide(facts) } catch { throw error.error }   // a TuoguanError for the user
/// ```
public protocol DecisionRefusal: Error {
    var error: TuoguanError { get }
}
