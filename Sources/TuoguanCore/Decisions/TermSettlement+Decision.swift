/// What the store read for a term-end settlement: the whole term's facts and the settlement ids used already.
public struct SettlementFacts: Sendable, Equatable {
    public var term: TermFacts
    /// The journal's entry ids that start with ``TermSettlement/idPrefix(term:)``, reversed ones included.
    public var takenIds: Set<String>
    public init(term: TermFacts, takenIds: Set<String>) {
        self.term = term
        self.takenIds = takenIds
    }
}

extension TermSettlement {
    /// Decides a settlement from what the store read: the term computed (the statement's figures), its
    /// invariants checked, then ``plan(_:term:className:except:takenIds:)``. Each planned refund is then
    /// recorded as a settlement refund (``RefundDecision``, its ceilings checked again).
    ///
    /// ```swift
    /// let plan = try TermSettlement.decide(SettlementFacts(term: facts, takenIds: []), rules: rules)
    /// plan.refunds.first?.refundId   // "JS-2024-autumn-S000001"
    /// ```
    public static func decide(_ facts: SettlementFacts, rules: PlanRules, className: String? = nil, except: [String] = [])
        throws -> TermSettlement
    {
        let result = try TermComputation.compute(rules: rules, facts: facts.term)
        try TermInvariants.check(result)
        let plan = try plan(result, term: rules.term, className: className, except: except, takenIds: facts.takenIds)
        // Every planned refund gives back more than zero under an id not used before.
        precondition(
            plan.refunds.allSatisfy { $0.amount > .zero && !facts.takenIds.contains($0.refundId) },
            "a settlement refund is above zero under a free id")
        return plan
    }
}
