import TuoguanCore

extension Ledger {
    /// The decision of `decide`, or its refusal's message as the error the user sees.
    ///
    /// ```swift
    /// let decision = try decided { () throws(UndoRefusal) in try UndoDecision.decide(facts) }
    /// ```
    func decided<Decision, Refusal: DecisionRefusal>(_ decide: () throws(Refusal) -> Decision) throws -> Decision {
        do {
            return try decide()
        } catch {
            throw error.error
        }
    }
}
