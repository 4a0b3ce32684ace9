import Testing
import TuoguanCore

/// The edges of an enrolment (a late start, a withdrawal) on every billing, and `per_student_hour`
/// following `settle` and `use` as `per_lesson` does: hand-computed, the arithmetic in the comments.
@Suite struct ChargeCalculatorEdgeTests {
    typealias F = Fixtures

    static func charge(_ policy: Policy, _ usage: CourseUsage, rules: PlanRules? = nil, student: Student = F.student("S1"))
        throws -> ChargeLine
    {
        try ChargeCalculator.charge(
            course: F.course(usage.courseId, "课程", policy: policy.id), policy: policy, usage: usage, student: student,
            rules: rules ?? F.rules(policies: [policy]))
    }

    /// The steps of the same charge, as `explain` gives them.
    static func steps(_ policy: Policy, _ usage: CourseUsage) throws -> [ChargeStep] {
        try ChargeCalculator.explain(
            course: F.course(usage.courseId, "课程", policy: policy.id), policy: policy, usage: usage,
            student: F.student("S1"), rules: F.rules(policies: [policy])).steps
    }

    /// A November–December 2024 term, Monday–Friday, no holidays: November has 21 service days, December 22.
    static func novDec(_ policy: Policy) -> PlanRules {
        var rules = F.rules(policies: [policy])
        rules.starts = F.date("2024-11-01")
        rules.ends = F.date("2024-12-31")
        return rules
    }

    static func late(_ from: String, term: Int, course: Int, held: Int? = nil, withdrawn: String? = nil) -> CourseUsage {
        CourseUsage(
            studentId: "S1", courseId: "C1", enrolledFrom: F.date(from), withdrawnOn: withdrawn.map(F.date),
            termLessons: term, heldLessons: held ?? term, present: held ?? term, courseLessons: course)
    }

    static let sixtyAMonth = Policy(
        id: "m", name: "托管", billing: .monthly, price: F.yuan("60.00"), months: 2, prepay: .term)

    /// The example: 60.00 a month, November–December, enrolled from 12-01.
    /// - `month` (the default): December has service days inside the enrolment, November none → 1 × 60.00;
    /// - `half_month`: 12/1–15 and 12/16–31 of 4 half-months → 120.00 × 2 ÷ 4 = 60.00; from 12-16: 30.00;
    /// - `per_day`: 22 of 43 service days → 120.00 × 22 ÷ 43 = 61.395… → 61.40;
    /// - `none`: the whole term, 120.00.
    @Test(arguments: [
        (LateStartRule?.none, "2024-12-01", "60.00"),
        (.month, "2024-12-01", "60.00"),
        (.halfMonth, "2024-12-01", "60.00"),
        (.halfMonth, "2024-12-16", "30.00"),
        (.perDay, "2024-12-01", "61.40"),
        (LateStartRule.none, "2024-12-01", "120.00"),
        (.month, "2024-11-01", "120.00"),
    ])
    func lateJoinerOnAMonthlyPlan(rule: LateStartRule?, from: String, charged: String) throws {
        var policy = Self.sixtyAMonth
        policy.lateStart = rule
        let line = try Self.charge(policy, Self.late(from, term: 9, course: 18), rules: Self.novDec(policy))
        #expect(line.charged == F.yuan(charged))
        // What the late joiner prepays is the same shortened fee.
        #expect(line.prepaidExpected == F.yuan(charged))
    }

    /// 溪尾 40.00 × 4 over 2024-09-01 … 12-31: enrolled from 11-20, November and December → 80.00 (quantity 2);
    /// leaving on 12-01 by month: November begun, 1 of those 2 months → 40.00; leaving on 12-10: 2 of 2 → 80.00.
    /// The trace says the share in months.
    @Test func lateJoinerThenWithdrawalByMonth() throws {
        let line = try Self.charge(F.monthly, Self.late("2024-11-20", term: 12, course: 34))
        #expect(line.charged == F.yuan("80.00"))
        #expect(line.quantity == 2)
        #expect(try Self.steps(F.monthly, Self.late("2024-11-20", term: 12, course: 34)).contains {
            $0.text.zh == "  2024-11-20 起报名，按 2/4 个月收取 80.00"
        })
        var policy = F.monthly
        policy.refund = RefundRules(withdrawal: .month)
        let leaving = try Self.charge(policy, Self.late("2024-11-20", term: 12, course: 34, held: 3, withdrawn: "2024-12-01"))
        #expect(leaving.charged == F.yuan("40.00"))
        #expect(try Self.steps(policy, Self.late("2024-11-20", term: 12, course: 34, held: 3, withdrawn: "2024-12-01")).contains {
            $0.text.en == "  withdrew on 2024-12-01, 1 of 2 months charged: 40.00 charged"
        })
        let later = try Self.charge(policy, Self.late("2024-11-20", term: 12, course: 34, held: 6, withdrawn: "2024-12-10"))
        #expect(later.charged == F.yuan("80.00"))
    }

    /// `per_term` 300.00, default `remaining_lessons`: enrolled for 17 of the course's 34 lessons → 150.00;
    /// 3 of those cancelled give back 150.00 × 3 ÷ 17 = 26.470… → 26.47 → 123.53. Withdrawing after 7 of the
    /// 17 (remaining_lessons): 150.00 × 7 ÷ 17 = 61.764… → 61.76. Waived 50%: 150.00 prepaid → 75.00.
    @Test func lateJoinerOnAPerTermPlan() throws {
        let policy = Policy(id: "t", name: "学期托管", billing: .perTerm, price: F.yuan("300.00"), prepay: .term)
        #expect(try Self.charge(policy, Self.late("2024-10-28", term: 17, course: 34)).charged == F.yuan("150.00"))
        var cancelled = Self.late("2024-10-28", term: 17, course: 34, held: 14)
        cancelled.cancelledLessons = 3
        #expect(try Self.charge(policy, cancelled).charged == F.yuan("123.53"))
        let leaving = try Self.charge(policy, Self.late("2024-10-28", term: 17, course: 34, held: 7, withdrawn: "2024-11-20"))
        #expect(leaving.charged == F.yuan("61.76"))
        var rules = F.rules(policies: [policy])
        rules.categories["half"] = StudentCategory(id: "half", name: "单亲家庭", waives: ["t"], waivePercent: 50)
        let waived = try Self.charge(
            policy, Self.late("2024-10-28", term: 17, course: 34), rules: rules, student: F.student("S1", category: "half"))
        #expect(waived.charged == F.yuan("75.00"))
        #expect(waived.prepaidExpected == F.yuan("75.00"))
    }

    /// `per_term` 120.00 over November–December, enrolled from 12-01, by date: `month` → 1 of the term's 2
    /// months with service → 60.00; `half_month` → 2 of 4 → 60.00; `per_day` → 22 of 43 service days →
    /// 120.00 × 22 ÷ 43 = 61.395… → 61.40.
    @Test(arguments: [(LateStartRule.month, "60.00"), (.halfMonth, "60.00"), (.perDay, "61.40")])
    func lateJoinerOnAPerTermPlanByDate(rule: LateStartRule, charged: String) throws {
        let policy = Policy(
            id: "t", name: "学期托管", billing: .perTerm, price: F.yuan("120.00"), prepay: .term, lateStart: rule)
        let line = try Self.charge(policy, Self.late("2024-12-01", term: 9, course: 18), rules: Self.novDec(policy))
        #expect(line.charged == F.yuan(charged))
        #expect(line.prepaidExpected == F.yuan(charged))
    }

    /// `per_lesson` (1+X, 20.00 a lesson) counts lessons from the enrolment's first day: a late joiner with
    /// 8 lessons left prepays 8 × 20.00 = 160.00; leaving after 3 of them keeps 3 × 20.00 = 60.00.
    @Test func lateJoinerOnAPerLessonPlan() throws {
        let line = try Self.charge(F.interest, Self.late("2024-12-02", term: 8, course: 34))
        #expect(line.charged == F.yuan("160.00"))
        #expect(line.prepaidExpected == F.yuan("160.00"))
        let leaving = try Self.charge(F.interest, Self.late("2024-12-02", term: 8, course: 34, held: 3, withdrawn: "2024-12-12"))
        #expect(leaving.charged == F.yuan("60.00"))
    }

    /// Every billing, for a student waived 50% who joins the November–December term on 12-02 (9 of the
    /// course's 18 lessons inside the enrolment) and leaves on 12-16 after 4 of them (withdrawal by
    /// remaining lessons), prepaid:
    /// - `free`: nothing;
    /// - `per_lesson` 20.00: 4 × 20.00 = 80.00, half waived → 40.00; prepaid 9 × 20.00 = 180.00 → 90.00;
    /// - `per_student_hour` 3.00: 4 × 40 = 160 minutes × 3.00 ÷ 60 = 8.00 → 4.00; prepaid 360 minutes = 18.00 → 9.00;
    /// - `monthly` 60.00 × 2 (late start by month): December only, 60.00; 4 of 9 lessons kept →
    ///   60.00 × 4 ÷ 9 = 26.666… → 26.67, less 13.335 → 13.34 waived → 13.33; prepaid 60.00 → 30.00;
    /// - `per_term` 90.00 (late start by lessons): 90.00 × 9 ÷ 18 = 45.00; 45.00 × 4 ÷ 9 = 20.00 → 10.00;
    ///   prepaid 45.00 → 22.50.
    @Test(arguments: [
        (Billing.free, "0.00", "0.00", "0.00"),
        (.perLesson, "20.00", "40.00", "90.00"),
        (.perStudentHour, "3.00", "4.00", "9.00"),
        (.monthly, "60.00", "13.33", "30.00"),
        (.perTerm, "90.00", "10.00", "22.50"),
    ])
    func lateJoinerWhoLeavesOnEveryBilling(billing: Billing, price: String, charged: String, prepaid: String) throws {
        let policy = Policy(
            id: "p", name: "项目", billing: billing, price: F.yuan(price), months: billing == .monthly ? 2 : 0,
            prepay: billing == .free ? .none : .term)
        var rules = Self.novDec(policy)
        rules.categories["half"] = StudentCategory(id: "half", name: "单亲家庭", waives: ["p"], waivePercent: 50)
        let usage = Self.late("2024-12-02", term: 9, course: 18, held: 4, withdrawn: "2024-12-16")
        let line = try Self.charge(policy, usage, rules: rules, student: F.student("S1", category: "half"))
        #expect(line.charged == F.yuan(charged))
        #expect(line.prepaidExpected == F.yuan(prepaid))
    }

    /// 001 篇九, 3.00 per lesson prepaid and settled by use (多退少补), for a late joiner: enrolled for 20 of
    /// the course's 40 lessons, prepays 20 × 3.00 = 60.00; used 16 (14 present, 2 unrecorded; 4 on leave) →
    /// charged 16 × 3.00 = 48.00, 12.00 to give back.
    @Test func lateJoinerSettledByUse() throws {
        var usage = Self.late("2024-11-04", term: 20, course: 40)
        usage.present = 14
        usage.leave = 4
        let line = try Self.charge(F.settled, usage)
        #expect(line.prepaidExpected == F.yuan("60.00"))
        #expect(line.charged == F.yuan("48.00"))
        #expect(try line.prepaidExpected - line.charged == F.yuan("12.00"))
    }

    /// 3.00 per student-hour, 40-minute lessons; 40 lessons held: 30 present (1,200 minutes), 6 on leave,
    /// 2 absent without leave, 2 unrecorded.
    /// - settled by use, `present`: 1,200 + 2 × 40 unrecorded = 1,280 minutes × 3.00 ÷ 60 = 64.00;
    /// - settled by use, `present_or_absent`: + 2 × 40 absent = 1,360 minutes → 68.00;
    /// - not settled: 40 × 40 = 1,600 minutes → 80.00 (leave not refunded); `personal_leave = "full"`: less
    ///   6 × 40 = 240 minutes = 12.00 → 68.00; `percent:50` less 6.00 → 74.00.
    /// Prepaid either way: the term's 40 lessons, 1,600 minutes → 80.00.
    @Test(arguments: [
        (Settlement.actualUse, UseRule.present, RefundRule.none, "64.00"),
        (.actualUse, .presentOrAbsent, .none, "68.00"),
        (.none, .present, .none, "80.00"),
        (.none, .present, .full, "68.00"),
        (.none, .present, .percent(50), "74.00"),
    ])
    func perStudentHourFollowsSettleAndUse(settle: Settlement, use: UseRule, leave: RefundRule, charged: String) throws {
        let policy = Policy(
            id: "h", name: "午托", billing: .perStudentHour, price: F.yuan("3.00"), prepay: .term, settle: settle, use: use,
            refund: RefundRules(personalLeave: leave))
        let usage = F.usage("S1", "C1", term: 40, held: 40, present: 30, leave: 6, absent: 2, minutes: 1200)
        let line = try Self.charge(policy, usage)
        #expect(line.charged == F.yuan(charged))
        #expect(line.prepaidExpected == F.yuan("80.00"))
    }

    /// Not settled by use, a `per_student_hour` withdrawal gives back the minutes after it: 10 of 40 lessons
    /// held before leaving → 400 minutes × 3.00 ÷ 60 = 20.00; with `percent:50` the 30 lessons after it
    /// (1,200 minutes = 60.00) are half kept: 20.00 + 30.00 = 50.00.
    @Test func perStudentHourWithdrawal() throws {
        var policy = Policy(id: "h", name: "午托", billing: .perStudentHour, price: F.yuan("3.00"), prepay: .term)
        let usage = F.usage("S1", "C1", term: 40, held: 10, present: 10, minutes: 400, withdrawn: "2024-10-01")
        #expect(try Self.charge(policy, usage).charged == F.yuan("20.00"))
        policy.refund = RefundRules(withdrawal: .percent(50))
        #expect(try Self.charge(policy, usage).charged == F.yuan("50.00"))
    }

    /// What a withdrawal refund is counted in: 溪尾 by half-month, leaving on 10-10 from 09-02: 3 of 8
    /// half-months kept → 5 given back; by month → 2 of 4 kept, 2 given back; by lessons → 68 − 24 = 44.
    @Test(arguments: [
        (RefundRule.halfMonth, 5, ProRataUnit.halfMonths),
        (.month, 2, .months),
        (.remainingLessons, 44, .lessons),
    ])
    func withdrawalRefundUnits(rule: RefundRule, count: Int, unit: ProRataUnit) throws {
        var policy = F.monthly
        policy.refund = RefundRules(withdrawal: rule)
        let usage = F.usage("S1", "C1", term: 68, held: 24, present: 24, withdrawn: "2024-10-10")
        let counted = try #require(ChargeCalculator.withdrawalRefundUnits(policy: policy, usage: usage, rules: F.rules(policies: [policy])))
        #expect(counted.count == count)
        #expect(counted.unit == unit)
    }

    /// `explain` says a refund in the unit its rule used.
    @Test func refundLineSpeaksInItsUnit() throws {
        let facts = TermFacts(
            students: [F.student("S1")], teachers: [Teacher(id: "T1", name: "王老师", kind: .staff)],
            courses: [F.course("C1", "托管", policy: "monthly")],
            usages: [F.usage("S1", "C1", term: 68, held: 24, present: 24, withdrawn: "2024-10-10")],
            payments: [F.payment("R1", "S1", "160.00")],
            refunds: [
                RefundFact(
                    refundId: "W1", studentId: "S1", courseId: "C1", amount: F.yuan("100.00"), lessons: 5,
                    date: F.date("2024-10-10"), reason: .withdrawal, unit: .halfMonths)
            ])
        var policy = F.monthly
        policy.refund = RefundRules(withdrawal: .halfMonth)
        let rules = F.rules(policies: [policy])
        let result = try TermComputation.compute(rules: rules, facts: facts)
        let trace = try F.explain(result.students[0], facts: facts, rules: rules)
        #expect(trace.contains { $0.text.zh == "退费 W1 2024-10-10 退课（5 个半月） 100.00" })
        #expect(trace.contains { $0.text.en == "refund W1 2024-10-10 withdrawal (5 half-months) 100.00" })
    }
}
