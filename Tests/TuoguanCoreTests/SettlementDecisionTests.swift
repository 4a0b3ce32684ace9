import Testing
import TuoguanCore

/// The settlement decided from what the store reads (the whole term's facts, the ids used), without SQLite.
@Suite struct SettlementDecisionTests {
    typealias F = Fixtures

    @Test func aTermSettledFromItsFacts() throws {
        // 1+X (001 篇二): X1 at 20.00 a lesson, 8 lessons held and attended by both: 8 × 20.00 = 160.00 due each.
        // S001 paid 200.00: 160.00 − 200.00 = −40.00, owed back 40.00. S002 paid 100.00: 160.00 − 100.00 = 60.00
        // still to pay.
        let rules = F.rules(policies: [F.interest])
        var term = TermFacts()
        term.students = [F.student("S001", "张三"), F.student("S002", "李四")]
        term.courses = [F.course("X1", "书法", policy: "x")]
        term.usages = ["S001", "S002"].map { F.usage($0, "X1", term: 8, held: 8, present: 8, minutes: 320) }
        term.payments = [F.payment("R1", "S001", "200.00"), F.payment("R2", "S002", "100.00")]
        // S001 was settled once before (its figures changed since): the next id is "-2".
        let facts = SettlementFacts(term: term, takenIds: ["JS-2024-autumn-S001"])
        let plan = try TermSettlement.decide(facts, rules: rules)
        #expect(plan.refunds.map(\.refundId) == ["JS-2024-autumn-S001-2"])
        #expect(plan.refunds.map(\.amount) == [F.yuan("40.00")])
        #expect(plan.topUps.map(\.balance) == [F.yuan("60.00")])
        // Leaving S001 out settles no one.
        #expect(try TermSettlement.decide(facts, rules: rules, except: ["S001"]).refunds.isEmpty)
    }
}
