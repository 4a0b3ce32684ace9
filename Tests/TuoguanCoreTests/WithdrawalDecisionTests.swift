import PropertyBased
import Testing
import TuoguanCore

/// A school built in code for the withdrawal and cancellation decisions: its courses meet on Tuesdays and
/// Thursdays, and an enrolment's usage is counted as the store counts it on a given day (a lesson of the
/// window before that day is held unless cancelled; one on or after it is still to come).
enum DecisionSchool {
    typealias F = Fixtures

    /// 4 weeks, 2024-09-02 … 09-27, Monday–Friday: a Tuesday/Thursday course meets 8 times (09-03, 05, 10, 12,
    /// 17, 19, 24, 26).
    static func fourWeeks(_ policies: [Policy]) -> PlanRules {
        var rules = F.rules(policies: policies)
        rules.starts = F.date("2024-09-02")
        rules.ends = F.date("2024-09-27")
        return rules
    }

    static func schedule(_ rules: PlanRules) -> [CivilDate] { rules.courseDays(weekdays: [2, 4]) }

    /// The usage of the window [from, until) on `today`, each lesson 40 minutes; the marks are spread over
    /// the held lessons (present first, then leave, then absent, the rest unrecorded).
    static func usage(
        _ course: String, schedule: [CivilDate], from: CivilDate, until: CivilDate?, today: CivilDate,
        cancelled: Set<CivilDate> = [], present: Int = 0, leave: Int = 0, absent: Int = 0, termStarts: CivilDate
    ) -> CourseUsage {
        let window = EnrolmentWindow.checked(from: from, until: until)
        let inside = schedule.filter { window?.contains($0) ?? false }
        let held = inside.filter { $0 < today && !cancelled.contains($0) }.count
        let cancelledInside = inside.filter { cancelled.contains($0) }.count
        let term = EnrolmentWindow(from: from).count(schedule)
        let p = min(present, held)
        let l = min(leave, held - p)
        let a = min(absent, held - p - l)
        var u = CourseUsage(
            studentId: "S1", courseId: course, enrolledFrom: from, withdrawnOn: until, termLessons: term,
            heldLessons: held, cancelledLessons: cancelledInside, present: p, leave: l, absent: a,
            minutesPresent: Int64(p * 40), courseLessons: from > termStarts ? schedule.count : nil,
            windowLessons: inside.count)
        u.minutes = LessonMinutes(
            held: Int64(held * 40), cancelled: Int64(cancelledInside * 40), leave: Int64(l * 40), absent: Int64(a * 40),
            term: Int64(term * 40), window: Int64(inside.count * 40))
        return u
    }

    /// A withdrawal's facts as the store reads them: the open enrolment with its marks, the enrolment cut at
    /// the date without them.
    static func withdrawal(
        policy: Policy, rules: PlanRules, from: CivilDate, date: CivilDate, today: CivilDate,
        cancelled: Set<CivilDate> = [], present: Int = 0, leave: Int = 0, absent: Int = 0,
        money: RefundedSoFar, student: Student = F.student("S1", "张三"), left: CivilDate? = nil,
        lastAttendance: CivilDate? = nil
    ) -> WithdrawalFacts {
        let schedule = schedule(rules)
        let course = F.course("C1", "书法", policy: policy.id)
        return WithdrawalFacts(
            student: student, course: course, policy: policy, enrolment: EnrolmentWindow(from: from, until: left),
            date: date,
            usage: usage("C1", schedule: schedule, from: from, until: nil, today: today, cancelled: cancelled,
                         present: present, leave: leave, absent: absent, termStarts: rules.starts),
            lessonsBeforeDate: usage("C1", schedule: schedule, from: from, until: date, today: today, cancelled: cancelled,
                                     termStarts: rules.starts),
            schedule: schedule, lastAttendance: lastAttendance, money: money)
    }

    static func paid(_ paid: String, refunded: String = "0.00", forCourse: String = "0.00") -> RefundedSoFar {
        RefundedSoFar(paid: F.yuan(paid), refunded: F.yuan(refunded), refundedForCourse: F.yuan(forCourse))
    }

    /// Every kind of policy a withdrawal or a cancellation meets: prepaid by lesson, settled by use, monthly
    /// by each withdrawal rule, per term, per student-hour, free, and an outside course paid as used.
    static let policies: [Policy] = {
        var list = [F.interest, F.settled, F.freeBasic, F.outsideCourse]
        for rule in [RefundRule.halfMonth, .month, .perDay, .remainingLessons, .percent(50), .none, .full] {
            var monthly = F.monthly
            monthly.id = "monthly-\(rule.spelling)"
            monthly.refund = RefundRules(withdrawal: rule)
            list.append(monthly)
        }
        list.append(Policy(id: "term", name: "学期托管", billing: .perTerm, price: F.yuan("300.00"), prepay: .term))
        list.append(Policy(id: "hour", name: "午托", billing: .perStudentHour, price: F.yuan("3.00"), prepay: .term))
        var halfBack = F.interest
        halfBack.id = "x-half"
        halfBack.refund = RefundRules(withdrawal: .percent(50))
        list.append(halfBack)
        return list
    }()
}

/// The withdrawal decision without SQLite: random enrolments under every kind of policy, the refusals each
/// reached with its message, and hand-computed refunds from the plans.
@Suite struct WithdrawalDecisionTests {
    typealias F = Fixtures
    typealias S = DecisionSchool

    /// policy, enrolment's first lesson, days from it to the date (negative: before it), today's offset in the
    /// term, cancelled lessons (a bit per lesson), present, leave, absent.
    static let enrolment = zip(
        Gen.int(in: 0...(S.policies.count - 1)), Gen.int(in: 0...33), Gen.int(in: -5...130), Gen.int(in: 0...130),
        Gen.int(in: 0...0xFFFF), Gen.int(in: 0...40), Gen.int(in: 0...10), Gen.int(in: 0...10))
    /// paid, refunded in all, refunded for the course (fen), waived, left already, the last mark: 0 none,
    /// 1 before the date, 2 on or after it.
    static let money = zip(
        Gen.int64(in: 0...50_000), Gen.int64(in: 0...20_000), Gen.int64(in: 0...20_000), Gen.bool(0.2), Gen.bool(0.1),
        Gen.int(in: 0...2))

    /// For any enrolment: refused exactly when it must be (left already, outside the enrolment, a mark on or
    /// after the date, in that order), otherwise a refund never negative, never above either ceiling, only for
    /// a course prepaid for the term, counted in at least one unit when counted.
    @Test func anyWithdrawalIsRefusedOrWithinItsCeilings() async {
        let rules = F.rules(policies: S.policies)
        let schedule = S.schedule(rules)
        await propertyCheck(count: 300, input: Self.enrolment, Self.money) { e, m in
            let (policyIndex, fromIndex, dateOffset, todayOffset, mask, present, leave, absent) = e
            let (paid, refunded, forCourse, waived, left, mark) = m
            let policy = S.policies[policyIndex]
            let from = schedule[min(fromIndex, schedule.count - 1)]
            let date = from.adding(days: dateOffset)
            let cancelled = Set(schedule.enumerated().filter { mask & (1 << ($0.offset % 16)) != 0 && $0.offset % 3 == 0 }.map(\.element))
            // The enrolment's recorded end is never before its start in a ledger.
            if left && date.adding(days: -1) < from { return }
            let last: CivilDate? = mark == 0 ? nil : mark == 1 ? date.adding(days: -1) : date.adding(days: dateOffset % 3)
            let facts = S.withdrawal(
                policy: policy, rules: rules, from: from, date: date, today: rules.starts.adding(days: todayOffset),
                cancelled: cancelled, present: mark == 0 ? 0 : present, leave: leave, absent: absent,
                money: RefundedSoFar(paid: Money(fen: paid), refunded: Money(fen: refunded), refundedForCourse: Money(fen: forCourse)),
                student: F.student("S1", "张三", category: waived ? "left_behind" : nil),
                left: left ? date.adding(days: -1) : nil, lastAttendance: last)
            switch Result(catching: { () throws(WithdrawalRefusal) in try WithdrawalDecision.decide(facts, rules: rules) }) {
            case .success(let decision):
                #expect(!left && date >= from && date <= rules.ends.adding(days: 1) && !(last.map { $0 >= date } ?? false))
                #expect(!decision.refund.isNegative)
                #expect(decision.window == EnrolmentWindow(from: from, until: date))
                if decision.refund > .zero {
                    let ceilings = try #require(decision.ceilings)
                    #expect(decision.refund <= ceilings.familyLeft)
                    #expect(decision.refund <= (ceilings.courseLeft ?? decision.refund))
                    #expect(policy.prepay == .term)
                } else {
                    #expect(decision.counted == nil && decision.unit == nil)
                }
                #expect((decision.counted ?? 1) >= 1)
                #expect(decision.unit != .lessons)
            case .failure(.alreadyLeft):
                #expect(left)
            case .failure(.outsideEnrolment):
                #expect(!left && (date < from || date > rules.ends.adding(days: 1)))
            case .failure(.attendedOnOrAfter(_, _, _, let lastMark)):
                #expect(!left && lastMark >= date)
            case .failure(.failed(let error)):
                Issue.record("no overflow expected: \(error)")
            }
        }
    }

    /// 1+X plan (001 篇二): X at 20.00 a lesson, prepaid; 8 lessons from 09-03, 4 held, paid 160.00; withdrawn
    /// on 09-17. Before: 8 lessons projected × 20.00 = 160.00; after: the 4 lessons before 09-17 × 20.00 =
    /// 80.00; refund 160.00 − 80.00 = 80.00, counted as the 4 lessons from 09-17 (17, 19, 24, 26). Ceilings:
    /// the family 160.00 − 0 = 160.00; the course's fee 8 × 20.00 = 160.00 − 0 = 160.00.
    @Test func interestCourseRefundsTheLessonsAfterTheDate() throws {
        let rules = S.fourWeeks([F.interest])
        let facts = S.withdrawal(
            policy: F.interest, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-17"),
            today: F.date("2024-09-17"), present: 4, money: S.paid("160.00"), lastAttendance: F.date("2024-09-12"))
        let decision = try WithdrawalDecision.decide(facts, rules: rules)
        #expect(decision.refund == F.yuan("80.00"))
        #expect(decision.counted == 4)
        #expect(decision.unit == nil)
        #expect(decision.ceilings == RefundCalculator.Ceilings(familyLeft: F.yuan("160.00"), courseLeft: F.yuan("160.00")))
    }

    /// The same withdrawal, the family having paid 100.00 and had 50.00 back already (20.00 of it for X1):
    /// owed 80.00, the family may have back 100.00 − 50.00 = 50.00, the course 160.00 − 20.00 = 140.00 → 50.00.
    @Test func theFamilyCeilingCapsTheRefund() throws {
        let rules = S.fourWeeks([F.interest])
        let facts = S.withdrawal(
            policy: F.interest, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-17"),
            today: F.date("2024-09-17"), money: S.paid("100.00", refunded: "50.00", forCourse: "20.00"))
        let decision = try WithdrawalDecision.decide(facts, rules: rules)
        #expect(decision.refund == F.yuan("50.00"))
        #expect(decision.ceilings == RefundCalculator.Ceilings(familyLeft: F.yuan("50.00"), courseLeft: F.yuan("140.00")))
    }

    /// 溪尾 plan (001 篇一): 40.00 a month × 4 = 160.00 prepaid, withdrawal by half-month; enrolled from 09-03
    /// over 2024-09-01 … 12-31, leaving on 10-10: the half-months begun before it are Sep 1–15, Sep 16–30 and
    /// Oct 1–15, 3 of 8 → 160.00 × 3 ÷ 8 = 60.00 kept; refund 160.00 − 60.00 = 100.00, counted as 8 − 3 = 5
    /// half-months.
    @Test func monthlyPlanRefundsTheHalfMonthsNotBegun() throws {
        var policy = F.monthly
        policy.refund = RefundRules(withdrawal: .halfMonth)
        let rules = F.rules(policies: [policy])
        let facts = S.withdrawal(
            policy: policy, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-10-10"),
            today: F.date("2024-10-10"), money: S.paid("160.00"))
        let decision = try WithdrawalDecision.decide(facts, rules: rules)
        #expect(decision.refund == F.yuan("100.00"))
        #expect(decision.counted == 5)
        #expect(decision.unit == .halfMonths)
    }

    /// A course not prepaid for the term (the outside institution's, paid as used) refunds nothing: the
    /// enrolment ends on the date, no ceiling, nothing counted.
    @Test func aCourseNotPrepaidEndsWithoutRefund() throws {
        let rules = S.fourWeeks([F.outsideCourse])
        let facts = S.withdrawal(
            policy: F.outsideCourse, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-17"),
            today: F.date("2024-09-17"), money: S.paid("200.00"))
        let decision = try WithdrawalDecision.decide(facts, rules: rules)
        #expect(decision.refund == .zero && decision.ceilings == nil && decision.counted == nil)
        #expect(decision.window == EnrolmentWindow(from: F.date("2024-09-03"), until: F.date("2024-09-17")))
    }

    static func refusal(_ facts: WithdrawalFacts, rules: PlanRules) -> WithdrawalRefusal? {
        if case .failure(let refusal) = Result(catching: { () throws(WithdrawalRefusal) in try WithdrawalDecision.decide(facts, rules: rules) }) {
            return refusal
        }
        return nil
    }

    @Test func refusedWhenTheStudentLeftAlready() {
        let rules = S.fourWeeks([F.interest])
        let facts = S.withdrawal(
            policy: F.interest, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-17"),
            today: F.date("2024-09-17"), money: S.paid("160.00"), left: F.date("2024-09-10"))
        let error = Self.refusal(facts, rules: rules)?.error
        #expect(error?.code == .conflict)
        #expect(error?.message.zh == "学生 S1 已于 2024年9月10日 退出课程 C1")
        #expect(error?.message.en == "student S1 already left course C1 on 2024-09-10")
        #expect(error?.fix?.en == "if that date is wrong, correct it with tuoguan edit enrollment S1 C1 --until DATE --note WHY (a recorded withdrawal is undone first with tuoguan undo)")
    }

    @Test(arguments: ["2024-09-02", "2024-09-29"])
    func refusedOutsideTheEnrolment(date: String) {
        let rules = S.fourWeeks([F.interest])
        let facts = S.withdrawal(
            policy: F.interest, rules: rules, from: F.date("2024-09-03"), date: F.date(date), today: F.date("2024-09-17"),
            money: S.paid("160.00"))
        let error = Self.refusal(facts, rules: rules)?.error
        #expect(error?.code == .badInput)
        #expect(error?.message.zh == "退课日期 \(date) 不在报名期间（2024-09-03 起，学期至 2024-09-27）")
        #expect(error?.message.en == "withdrawal date \(date) is outside the enrollment (from 2024-09-03, term until 2024-09-27)")
    }

    /// The day after the term's last is still a withdrawal date (nothing left to refund).
    @Test func theDayAfterTheTermIsInside() throws {
        let rules = S.fourWeeks([F.interest])
        let facts = S.withdrawal(
            policy: F.interest, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-28"),
            today: F.date("2024-09-28"), money: S.paid("160.00"))
        #expect(try WithdrawalDecision.decide(facts, rules: rules).refund == .zero)
    }

    @Test func refusedOnOrBeforeTheLastMark() {
        let rules = S.fourWeeks([F.interest])
        let facts = S.withdrawal(
            policy: F.interest, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-17"),
            today: F.date("2024-09-20"), present: 5, money: S.paid("160.00"), student: F.student("S2", "李四"),
            lastAttendance: F.date("2024-09-17"))
        let error = Self.refusal(facts, rules: rules)?.error
        #expect(error?.code == .badInput)
        #expect(error?.message.zh == "退课日期 2024-09-17 早于或等于 李四（S2）在课程 C1 最后一次有考勤记录的日期 2024-09-17")
        #expect(error?.message.en == "withdrawal date 2024-09-17 is on or before the last attendance recorded for 李四 (S2) in course C1, 2024-09-17")
        #expect(error?.fix?.zh.hasPrefix("退课日期是不再上课的第一天，应晚于 2024-09-17") == true)
    }

    /// A price beyond the fen's range: the charge overflows and the withdrawal is refused with the money's
    /// own overflow error, nothing decided.
    @Test func refusedWhenTheArithmeticOverflows() {
        var policy = F.interest
        policy.price = Money(fen: Int64.max / 4)
        let rules = S.fourWeeks([policy])
        let facts = S.withdrawal(
            policy: policy, rules: rules, from: F.date("2024-09-03"), date: F.date("2024-09-17"), today: F.date("2024-09-17"),
            money: S.paid("160.00"))
        guard case .failed(let error) = Self.refusal(facts, rules: rules) else {
            Issue.record("an overflow must refuse")
            return
        }
        #expect(error.code == .overflow)
    }
}
