import PropertyBased
import Testing
import TuoguanCore

/// The cancellation decision without SQLite: random days and families under every kind of policy, each
/// refusal reached with its message, and hand-computed refunds from the plans.
@Suite struct CancellationDecisionTests {
    typealias F = Fixtures
    typealias S = DecisionSchool

    /// The facts of the session of `date` just cancelled, for enrolments given as (first lesson, cancelled
    /// before, present, money), read on `today`.
    static func facts(
        policy: Policy, rules: PlanRules, date: CivilDate, today: CivilDate, length: Int64 = 40,
        enrolments: [(from: CivilDate, cancelledBefore: Set<CivilDate>, present: Int, money: RefundedSoFar, waived: Bool)]
    ) -> CancellationFacts {
        let schedule = S.schedule(rules)
        return CancellationFacts(
            course: F.course("X1", "书法", policy: policy.id), policy: policy, date: date, sessionLength: length,
            schedule: schedule,
            enrolments: enrolments.enumerated().map { n, e in
                var usage = S.usage(
                    "X1", schedule: schedule, from: e.from, until: nil, today: today,
                    cancelled: e.cancelledBefore.union([date]), present: e.present, termStarts: rules.starts)
                usage.studentId = "S\(n)"
                return CancellationFacts.Enrolment(
                    student: F.student("S\(n)", category: e.waived ? "left_behind" : nil), usage: usage, money: e.money)
            })
    }

    /// One family: first lesson, other lessons cancelled (a bit each), present, paid, refunded, for the course, waived.
    static let family = zip(
        Gen.int(in: 0...20), Gen.int(in: 0...0xFF), Gen.int(in: 0...20), Gen.int64(in: 0...40_000),
        Gen.int64(in: 0...20_000), Gen.int64(in: 0...20_000), Gen.bool(0.2))

    /// For any day and any families: a refund only for a course prepaid for the term, only above zero, each
    /// within both of its ceilings, at most one per family.
    @Test func anyCancellationRefundsWithinTheCeilings() async {
        let rules = F.rules(policies: S.policies)
        let schedule = S.schedule(rules)
        await propertyCheck(count: 200, input: Gen.int(in: 0...(S.policies.count - 1)), Gen.int(in: 0...33), Self.family.array(of: 0...6)) {
            policyIndex, dayIndex, families in
            let policy = S.policies[policyIndex]
            let date = schedule[dayIndex]
            let enrolments = families.map { f in
                let from = schedule[min(f.0, dayIndex)]
                let cancelled = Set(schedule.enumerated().filter { f.1 & (1 << ($0.offset % 8)) != 0 && $0.offset % 4 == 1 }.map(\.element))
                return (from: from, cancelledBefore: cancelled.subtracting([date]), present: f.2,
                        money: RefundedSoFar(paid: Money(fen: f.3), refunded: Money(fen: f.4), refundedForCourse: Money(fen: f.5)),
                        waived: f.6)
            }
            let facts = Self.facts(policy: policy, rules: rules, date: date, today: date.adding(days: 1), enrolments: enrolments)
            let decision = try CancellationDecision.decide(facts, rules: rules)
            #expect(decision.refunds.isEmpty || policy.prepay == .term)
            #expect(Set(decision.refunds.map(\.studentId)).count == decision.refunds.count)
            for refund in decision.refunds {
                #expect(refund.amount > .zero)
                #expect(refund.amount <= refund.ceilings.familyLeft)
                #expect(refund.amount <= (refund.ceilings.courseLeft ?? refund.amount))
            }
        }
    }

    /// 1+X plan (001 篇二): X at 20.00 a lesson, prepaid, force majeure refunded in full; 8 lessons, 2 held
    /// (09-03, 09-05), paid 160.00; 09-10 stopped by a typhoon. Before: the 8 lessons projected × 20.00 =
    /// 160.00; after: 8 − 1 cancelled = 7 × 20.00 = 140.00; refund 20.00 within the ceilings 160.00 and 160.00.
    /// A second family that paid 150.00 and had 145.00 back may have 5.00 more: 5.00.
    @Test func aTyphoonDayGivesBackOneLesson() throws {
        let rules = S.fourWeeks([F.interest])
        let facts = Self.facts(
            policy: F.interest, rules: rules, date: F.date("2024-09-10"), today: F.date("2024-09-10"),
            enrolments: [
                (F.date("2024-09-03"), [], 2, S.paid("160.00"), false),
                (F.date("2024-09-03"), [], 2, S.paid("150.00", refunded: "145.00"), false),
            ])
        let decision = try CancellationDecision.decide(facts, rules: rules)
        #expect(decision.refunds.map(\.amount) == [F.yuan("20.00"), F.yuan("5.00")])
        #expect(decision.refunds[0].ceilings == RefundCalculator.Ceilings(familyLeft: F.yuan("160.00"), courseLeft: F.yuan("160.00")))
    }

    /// 溪尾 plan (001 篇一): 40.00 a month × 4 = 160.00 prepaid, cancelled lessons refunded pro rata; over
    /// 2024-09-01 … 12-31 a Tuesday/Thursday course meets 35 times (Sep 8, Oct 10, Nov 8, Dec 9). Enrolled from
    /// 09-03: before the cancellation 0 cancelled → 160.00; after, 1 of 35: 160.00 × 1 ÷ 35 = 4.571… → 4.57
    /// credited, 155.43 charged; refund 4.57.
    @Test func aMonthlyPlanGivesBackTheLessonsShare() throws {
        let rules = F.rules(policies: [F.monthly])
        #expect(S.schedule(rules).count == 35)
        let facts = Self.facts(
            policy: F.monthly, rules: rules, date: F.date("2024-10-10"), today: F.date("2024-10-10"),
            enrolments: [(F.date("2024-09-03"), [], 0, S.paid("160.00"), false)])
        #expect(try CancellationDecision.decide(facts, rules: rules).refunds.map(\.amount) == [F.yuan("4.57")])
    }

    /// Per student-hour at 3.00 (prepaid), 8 lessons of which the cancelled one lasted 60 minutes (its own
    /// length, not the 40 of `lesson_minutes`): the window is 7 × 40 + 60 = 340 minutes. Before: nothing
    /// cancelled, 340 minutes × 3.00 ÷ 60 = 17.00; after: 340 − 60 = 280 minutes → 14.00; refund 3.00
    /// (within the family's 100.00 and the course's 17.00).
    @Test func aPerStudentHourSessionGivesBackItsOwnMinutes() throws {
        let hourly = Policy(id: "hour", name: "午托", billing: .perStudentHour, price: F.yuan("3.00"), prepay: .term)
        let rules = S.fourWeeks([hourly])
        var facts = Self.facts(
            policy: hourly, rules: rules, date: F.date("2024-09-10"), today: F.date("2024-09-10"), length: 60,
            enrolments: [(F.date("2024-09-03"), [], 0, S.paid("100.00"), false)])
        // The cancelled session lasted 60 minutes: the window's and the cancelled minutes say so.
        facts.enrolments[0].usage.minutes?.window = 340
        facts.enrolments[0].usage.minutes?.cancelled = 60
        facts.enrolments[0].usage.minutes?.term = 340
        #expect(try CancellationDecision.decide(facts, rules: rules).refunds.map(\.amount) == [F.yuan("3.00")])
    }

    /// Free basic care and a course not prepaid for the term refund nothing.
    @Test(arguments: [F.freeBasic, F.outsideCourse])
    func coursesNotPrepaidOrUsedRefundNothing(policy: Policy) throws {
        let rules = S.fourWeeks([policy])
        let facts = Self.facts(
            policy: policy, rules: rules, date: F.date("2024-09-10"), today: F.date("2024-09-10"),
            enrolments: [(F.date("2024-09-03"), [], 2, S.paid("160.00"), false)])
        #expect(try CancellationDecision.decide(facts, rules: rules).refunds.isEmpty)
    }

    static func refusal(_ body: () throws(CancellationRefusal) -> Void) -> TuoguanError? {
        if case .failure(let refusal) = Result(catching: body) { return refusal.error }
        return nil
    }

    @Test func refusedOutsideTheTerm() {
        let rules = S.fourWeeks([F.interest])
        let error = Self.refusal { () throws(CancellationRefusal) in try CancellationDecision.requireInTerm(F.date("2024-10-08"), rules: rules) }
        #expect(error?.code == .badInput)
        #expect(error?.message.zh == "日期 2024-10-08 不在本学期内（2024-09-02 至 2024-09-27）")
        #expect(error?.message.en == "date 2024-10-08 is outside the term (2024-09-02 to 2024-09-27)")
        #expect(Self.refusal { () throws(CancellationRefusal) in try CancellationDecision.requireInTerm(F.date("2024-09-27"), rules: rules) } == nil)
    }

    @Test func refusedForANamedCourseThatDoesNotMeet() throws {
        let x1 = F.course("X1", "书法", policy: "x")
        let b1 = F.course("B1", "基础托管", policy: "basic")
        let error = Self.refusal { () throws(CancellationRefusal) in
            _ = try CancellationDecision.courses([(b1, true), (x1, false)], named: true, date: F.date("2024-09-03"))
        }
        #expect(error?.message.zh == "课程 X1 书法 在 2024-09-03 没有课，无课可停")
        #expect(error?.message.en == "course X1 (书法) does not meet on 2024-09-03: there is no session to cancel")
        // None named: the courses that meet.
        let all = try CancellationDecision.courses([(b1, true), (x1, false)], named: false, date: F.date("2024-09-03"))
        #expect(all.map(\.id) == ["B1"])
    }

    @Test func refusedForASessionWithAttendance() {
        let x1 = F.course("X1", "书法", policy: "x")
        let error = Self.refusal { () throws(CancellationRefusal) in
            try CancellationDecision.requireNoAttendance(course: x1, date: F.date("2024-09-10"), marks: 3)
        }
        #expect(error?.code == .conflict)
        #expect(error?.message.zh == "课程 X1 在 2024-09-10 已上课并有 3 条考勤，不能再停课")
        #expect(error?.message.en == "course X1 was held on 2024-09-10 with 3 attendance records: it cannot be cancelled")
        #expect(Self.refusal { () throws(CancellationRefusal) in
            try CancellationDecision.requireNoAttendance(course: x1, date: F.date("2024-09-10"), marks: 0)
        } == nil)
    }

    @Test func refusedWhenNothingIsCancelled() {
        let x1 = F.course("X1", "书法", policy: "x")
        let b1 = F.course("B1", "基础托管", policy: "basic")
        let none = Self.refusal { () throws(CancellationRefusal) in
            try CancellationDecision.requireSomethingCancelled(date: F.date("2024-09-07"), courses: [], sessionsCancelled: 0, refundsReported: 0)
        }
        #expect(none?.message.zh == "2024-09-07 没有可停的课：这一天没有课程上课")
        #expect(none?.message.en == "there is no session to cancel on 2024-09-07: no course meets that day")
        let twice = Self.refusal { () throws(CancellationRefusal) in
            try CancellationDecision.requireSomethingCancelled(date: F.date("2024-09-11"), courses: [b1, x1], sessionsCancelled: 0, refundsReported: 0)
        }
        #expect(twice?.message.zh == "2024-09-11 没有可停的课：这一天的课（B1、X1）都已停课")
        #expect(twice?.message.en == "there is no session to cancel on 2024-09-11: every session that day (B1, X1) is cancelled already")
        // Refunds recorded before events were kept are reported: not refused.
        #expect(Self.refusal { () throws(CancellationRefusal) in
            try CancellationDecision.requireSomethingCancelled(date: F.date("2024-09-11"), courses: [x1], sessionsCancelled: 0, refundsReported: 1)
        } == nil)
    }

    @Test func refusedWhenTheArithmeticOverflows() {
        var policy = F.interest
        policy.price = Money(fen: Int64.max / 4)
        let rules = S.fourWeeks([policy])
        let facts = Self.facts(
            policy: policy, rules: rules, date: F.date("2024-09-10"), today: F.date("2024-09-10"),
            enrolments: [(F.date("2024-09-03"), [], 2, S.paid("160.00"), false)])
        let error = Self.refusal { () throws(CancellationRefusal) in _ = try CancellationDecision.decide(facts, rules: rules) }
        #expect(error?.code == .overflow)
    }
}
