import Testing
import TuoguanCore

/// One student's charge for one course, hand-computed from the seed plans.
@Suite struct ChargeCalculatorTests {
    typealias F = Fixtures

    static func charge(_ policy: Policy, _ usage: CourseUsage, student: Student = F.student("S1"),
                       rules: PlanRules? = nil) throws -> ChargeLine {
        let rules = rules ?? F.rules(policies: [policy])
        return try ChargeCalculator.charge(
            course: F.course(usage.courseId, "课程", policy: policy.id), policy: policy, usage: usage,
            student: student, rules: rules)
    }

    /// The steps of the same charge, as `explain` gives them.
    static func steps(_ policy: Policy, _ usage: CourseUsage, student: Student = F.student("S1"),
                      rules: PlanRules? = nil) throws -> [ChargeStep] {
        try ChargeCalculator.explain(
            course: F.course(usage.courseId, "课程", policy: policy.id), policy: policy, usage: usage,
            student: student, rules: rules ?? F.rules(policies: [policy])).steps
    }

    /// 溪尾 (001 篇一): 40.00 a month × 4 months = 160.00, prepaid for the term.
    @Test func monthlyFlatFee() throws {
        let line = try Self.charge(F.monthly, F.usage("S1", "C1", term: 68, held: 68, present: 66, leave: 2))
        #expect(line.quantity == 4)
        #expect(line.gross == F.yuan("160.00"))
        #expect(line.charged == F.yuan("160.00"))
        #expect(line.prepaidExpected == F.yuan("160.00"))
        let steps = try Self.steps(F.monthly, F.usage("S1", "C1", term: 68, held: 68, present: 66, leave: 2))
        #expect(steps.first?.text.zh == "课程（基础托管）：40.00/月 × 4 个月 = 160.00")
    }

    /// 1+X (001 篇二, 篇十): 12 lessons at 20.00 = 240.00 prepaid; 1 cancelled by force majeure is refunded
    /// (11 × 20.00 = 220.00); the 2 lessons missed on personal leave are not.
    @Test func perLessonForceMajeureRefundedLeaveNot() throws {
        let line = try Self.charge(
            F.interest, F.usage("S1", "C1", term: 12, held: 11, cancelled: 1, present: 9, leave: 2))
        #expect(line.quantity == 11)
        #expect(line.charged == F.yuan("220.00"))
        #expect(line.prepaidExpected == F.yuan("240.00"))
        // The same attendance without leave costs the same: leave is not refunded.
        let noLeave = try Self.charge(F.interest, F.usage("S1", "C1", term: 12, held: 11, cancelled: 1, present: 11))
        #expect(noLeave.charged == line.charged)
    }

    /// 001 篇九: 3.00 per lesson, settled by use: 32 of 40 lessons attended = 96.00 (prepaid 120.00).
    @Test func settledByActualUse() throws {
        let line = try Self.charge(F.settled, F.usage("S1", "C1", term: 40, held: 40, present: 32, leave: 8))
        #expect(line.quantity == 32)
        #expect(line.charged == F.yuan("96.00"))
        #expect(line.prepaidExpected == F.yuan("120.00"))
    }

    /// Withdrawal from the 160.00 monthly fee (term 2024-09-01 … 12-31, 4 months):
    /// - by month, leaving on 10-10: September and October begun → 2/4 × 160.00 = 80.00;
    /// - by half-month, leaving on 10-10: 9/1–15, 9/16–30, 10/1–15 begun → 3/8 × 160.00 = 60.00;
    /// - by half-month, leaving on 10-17: 10/16–31 begun too → 4/8 × 160.00 = 80.00;
    /// - by month, leaving on 10-01: only September begun → 1/4 × 160.00 = 40.00.
    @Test(arguments: [
        (RefundRule.month, "2024-10-10", "80.00"),
        (.halfMonth, "2024-10-10", "60.00"),
        (.halfMonth, "2024-10-17", "80.00"),
        (.month, "2024-10-01", "40.00"),
        (.none, "2024-10-10", "160.00"),
        (.full, "2024-10-10", "0.00"),
    ])
    func withdrawalFromMonthlyFee(rule: RefundRule, leaving: String, charged: String) throws {
        var policy = F.monthly
        policy.refund = RefundRules(withdrawal: rule)
        let line = try Self.charge(policy, F.usage("S1", "C1", term: 68, held: 24, present: 24, withdrawn: leaving))
        #expect(line.charged == F.yuan(charged))
    }

    /// 留守儿童 (001 篇五, 篇九) are waived the X course: gross 220.00, waived 220.00, charged 0.00.
    @Test func categoryWaiver() throws {
        let line = try Self.charge(
            F.interest, F.usage("S1", "C1", term: 12, held: 11, cancelled: 1, present: 11),
            student: F.student("S1", category: "left_behind"))
        #expect(line.gross == F.yuan("220.00"))
        #expect(line.waived == F.yuan("220.00"))
        #expect(line.charged == .zero)
        #expect(line.prepaidExpected == .zero)
        let steps = try Self.steps(
            F.interest, F.usage("S1", "C1", term: 12, held: 11, cancelled: 1, present: 11),
            student: F.student("S1", category: "left_behind"))
        #expect(steps.contains { $0.text.zh == "  留守儿童减免 100%：−220.00" })
    }

    @Test func freeBasicCareChargesNothing() throws {
        let line = try Self.charge(F.freeBasic, F.usage("S1", "C1", term: 80, held: 80, present: 80, minutes: 9600))
        #expect(line.charged == .zero)
        #expect(line.gross == .zero)
    }

    /// Per student-hour settled by use: 2.50 per hour × 100 minutes present ÷ 60 = 4.1666… → 4.17 (half up),
    /// 4.16 (down).
    @Test func perStudentHourRoundsOnce() throws {
        let policy = Policy(id: "noon", name: "午托", billing: .perStudentHour, price: F.yuan("2.50"), settle: .actualUse)
        let usage = F.usage("S1", "C1", term: 10, held: 10, present: 10, minutes: 100)
        #expect(try Self.charge(policy, usage).charged == F.yuan("4.17"))
        let down = F.rules(policies: [policy], rounding: .down)
        #expect(try Self.charge(policy, usage, rules: down).charged == F.yuan("4.16"))
    }
}
