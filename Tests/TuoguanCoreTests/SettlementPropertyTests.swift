import PropertyBased
import Testing
import TuoguanCore

/// For any consistent term — random attendance under each kind of policy, random payments and refunds,
/// random waivers, random points and scores — the statement balances and every invariant holds.
@Suite struct SettlementPropertyTests {
    typealias F = Fixtures

    static let policies = [F.interest, F.settled, F.monthly, F.freeBasic]

    /// One student: policy index, held, present, leave, cancelled, paid (fen), refunded (fen), waived?
    static let student = zip(
        Gen.int(in: 0...3), Gen.int(in: 0...40), Gen.int(in: 0...40), Gen.int(in: 0...40), Gen.int(in: 0...40),
        Gen.int64(in: 0...30_000), Gen.int64(in: 0...10_000), Gen.bool(0.2))

    static let teacher = zip(Gen.int(in: 0...30), Gen.int(in: 0...30), Gen.int64(in: 0...10_000))

    static func facts(
        _ specs: [(Int, Int, Int, Int, Int, Int64, Int64, Bool)], _ teachers: [(Int, Int, Int64)]
    ) -> TermFacts {
        var facts = TermFacts()
        for (policyIndex, policy) in policies.enumerated() {
            facts.courses.append(F.course("C\(policyIndex)", policy.name, policy: policy.id))
        }
        for (n, spec) in specs.enumerated() {
            let (policyIndex, heldRaw, presentRaw, leaveRaw, cancelledRaw, paid, refunded, waived) = spec
            let id = "S\(n < 10 ? "0" : "")\(n)"
            facts.students.append(F.student(id, category: waived ? "left_behind" : nil))
            let term = 40
            let held = heldRaw
            let cancelled = min(cancelledRaw, term - held)
            let present = min(presentRaw, held)
            let leave = min(leaveRaw, held - present)
            facts.usages.append(
                F.usage(id, "C\(policyIndex)", term: term, held: held, cancelled: cancelled, present: present,
                        leave: leave, absent: held - present - leave, minutes: Int64(present * 40)))
            if paid > 0 {
                facts.payments.append(
                    PaymentFact(receipt: "R\(n)", studentId: id, amount: Money(fen: paid), date: F.date("2024-09-02"), method: .wechat))
            }
            if refunded > 0 {
                facts.refunds.append(
                    RefundFact(refundId: "F\(n)", studentId: id, courseId: "C\(policyIndex)", amount: Money(fen: refunded),
                               date: F.date("2024-12-31"), reason: .settlement))
            }
        }
        for (n, spec) in teachers.enumerated() {
            let id = "T\(n)"
            facts.teachers.append(Teacher(id: id, name: "教师\(n)", kind: n == 3 ? .outside : .staff))
            facts.duties.append(DutyTally(teacherId: id, duty: "supervision", count: spec.0, minutes: Int64(spec.0 * 120)))
            facts.duties.append(DutyTally(teacherId: id, duty: "patrol", count: spec.1, minutes: Int64(spec.1 * 30)))
            if spec.2 > 0 { facts.qualityScores[id] = spec.2 }
            facts.teaching.append(
                TeachingTally(teacherId: id, courseId: "C3", heldLessons: spec.0, studentMinutesPresent: Int64(spec.0 * 1_234)))
        }
        return facts
    }

    @Test(arguments: [SplitBasis.earned, .cash])
    func balanceIsChargedLessNetPaid(basis: SplitBasis) async {
        let rules = F.rules(
            policies: Self.policies, split: F.standardSplit(basis: basis),
            limits: Limits(budgetPerStudentYear: F.yuan("1,000.00"), outsideShareMaxPercent: 50, studentsPerTeacher: 30))
        await propertyCheck(count: 200, input: Self.student.array(of: 0...12), Self.teacher.array(of: 0...5)) {
            specs, teachers in
            let result = try TermComputation.compute(rules: rules, facts: Self.facts(specs, teachers))
            try TermInvariants.check(result)
            #expect(result.students.count == specs.count)
            for statement in result.students {
                let net = try statement.paid - statement.refunded
                #expect(statement.balance == (try statement.charged - net))
                #expect(!statement.charged.isNegative)
                // 应补 and 应退 are never both due.
                #expect(statement.dueFromFamily.isZero || statement.dueToFamily.isZero)
            }
            #expect(try Money.sum(result.fund.pools.map(\.amount)) == result.fund.net)
            let earned = try Money.sum(result.students.map(\.charged))
            #expect(result.fund.earned == earned)
        }
    }
}
