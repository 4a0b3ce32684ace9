/// What the store read for one withdrawal: everything the decision needs, nothing else. The attendance is
/// read once (into `usage`); `lessonsBeforeDate` counts the lessons alone.
public struct WithdrawalFacts: Sendable {
    public var student: Student
    public var course: Course
    /// The course's policy (nil: the rules do not know it; nothing is refunded).
    public var policy: Policy?
    /// The enrolment as recorded: an end already set means the student has left.
    public var enrolment: EnrolmentWindow
    /// The first day the student no longer attends (退课日期).
    public var date: CivilDate
    /// The enrolment from its first day on, not cut (attendance counted).
    public var usage: CourseUsage
    /// The enrolment cut at `date` ([from, date), `withdrawnOn` = date): its lessons only, attendance not read
    /// (no mark on or after the date, checked first: the marks are `usage`'s).
    public var lessonsBeforeDate: CourseUsage
    /// Every day the course meets in the term, sorted.
    public var schedule: [CivilDate]
    /// The last day with an attendance record of the student in the course (nil: none).
    public var lastAttendance: CivilDate?
    public var money: RefundedSoFar

    public init(
        student: Student, course: Course, policy: Policy?, enrolment: EnrolmentWindow, date: CivilDate,
        usage: CourseUsage, lessonsBeforeDate: CourseUsage, schedule: [CivilDate], lastAttendance: CivilDate?,
        money: RefundedSoFar
    ) {
        self.student = student
        self.course = course
        self.policy = policy
        self.enrolment = enrolment
        self.date = date
        self.usage = usage
        self.lessonsBeforeDate = lessonsBeforeDate
        self.schedule = schedule
        self.lastAttendance = lastAttendance
        self.money = money
    }
}

/// What a withdrawal writes: the enrolment's new window, and the refund with what it gives back counted in
/// the withdrawal rule's unit (as the journal records it).
public struct WithdrawalDecision: Sendable, Equatable {
    public var studentId: String
    public var courseId: String
    public var date: CivilDate
    /// The enrolment from now on: [from, date).
    public var window: EnrolmentWindow
    /// What is given back (zero: the enrolment ends, nothing is refunded).
    public var refund: Money
    /// The ceilings the refund was kept within (nil: a course not prepaid for the term refunds nothing).
    public var ceilings: RefundCalculator.Ceilings?
    /// What the refund gives back in the rule's unit: lessons after the date, or the half-months, months or
    /// service days of `monthly` / `per_term`; nil when nothing is counted (no refund, or a count of zero).
    public var counted: Int?
    /// The unit of `counted` when it is not lessons (the journal leaves lessons unnamed).
    public var unit: ProRataUnit?
}

/// Why a withdrawal is refused: one case per refusal, each with its message.
public enum WithdrawalRefusal: DecisionRefusal, Equatable {
    /// The enrolment has an end already (a withdrawal or an edit).
    case alreadyLeft(studentId: String, courseId: String, until: CivilDate, date: CivilDate)
    /// Before the enrolment's first day, or after the day following the term's last.
    case outsideEnrolment(date: CivilDate, from: CivilDate, termEnds: CivilDate)
    /// An attendance record on or after the date: the date is the first day no longer attending.
    case attendedOnOrAfter(date: CivilDate, student: Student, courseId: String, lastAttendance: CivilDate)
    /// The exact money arithmetic failed (an amount beyond the fen's range).
    case failed(TuoguanError)

    public var error: TuoguanError {
        switch self {
        case let .alreadyLeft(studentId, courseId, until, date):
            return TuoguanError(
                .conflict, zh: "学生 \(studentId) 已于 \(until.chinese) 退出课程 \(courseId)",
                en: "student \(studentId) already left course \(courseId) on \(until)",
                fix: LocalizedText(
                    zh: "退课日期有误的，用 tuoguan edit enrollment \(studentId) \(courseId) --until 日期 --note 原因 更正（已有退课记录的，先用 tuoguan undo 撤销它）",
                    en: "if that date is wrong, correct it with tuoguan edit enrollment \(studentId) \(courseId) --until DATE --note WHY (a recorded withdrawal is undone first with tuoguan undo)"),
                excerpt: date.description)
        case let .outsideEnrolment(date, from, termEnds):
            return TuoguanError(
                .badInput, zh: "退课日期 \(date) 不在报名期间（\(from) 起，学期至 \(termEnds)）",
                en: "withdrawal date \(date) is outside the enrollment (from \(from), term until \(termEnds))",
                excerpt: date.description)
        case let .attendedOnOrAfter(date, student, courseId, last):
            return TuoguanError(
                .badInput,
                zh: "退课日期 \(date) 早于或等于 \(student.name)（\(student.id)）在课程 \(courseId) 最后一次有考勤记录的日期 \(last)",
                en: "withdrawal date \(date) is on or before the last attendance recorded for \(student.name) (\(student.id)) in course \(courseId), \(last)",
                fix: LocalizedText(
                    zh: "退课日期是不再上课的第一天，应晚于 \(last)；如这天的考勤是误记，先删去它（tuoguan edit attendance \(student.id) \(courseId) \(last) --status 无 --note 原因），再办理退课",
                    en: "the withdrawal date is the first day no longer attending: after \(last); if that mark was recorded by mistake, remove it first (tuoguan edit attendance \(student.id) \(courseId) \(last) --status none --note WHY), then withdraw"),
                excerpt: date.description)
        case let .failed(error):
            return error
        }
    }
}

extension WithdrawalDecision {
    /// Decides a withdrawal: refused when the student has left already, when the date is outside the
    /// enrolment, or when attendance is recorded on or after it; otherwise the refund = charge(before) −
    /// charge(after) of the full-term projections (``EventRefund``: the policy's withdrawal rule gives the
    /// granularity), within both ceilings, for a course prepaid for the term.
    ///
    /// ```swift
    /// // 1+X plan: X at 20.00 a lesson, 8 lessons from 09-03, paid 160.00; withdrawn on the day of the 6th
    /// // lesson with 5 held: 8 × 20.00 − 5 × 20.00 = 60.00, counted as 3 lessons
    /// let decision = try WithdrawalDecision.decide(facts, rules: rules)
    /// decision.refund    // 60.00
    /// decision.counted   // 3
    /// ```
    public static func decide(_ facts: WithdrawalFacts, rules: PlanRules) throws(WithdrawalRefusal) -> WithdrawalDecision {
        try refuseIfNotWithdrawable(facts, rules: rules)
        var decision = WithdrawalDecision(
            studentId: facts.student.id, courseId: facts.course.id, date: facts.date,
            window: facts.enrolment.ending(facts.date), refund: .zero)
        if let policy = facts.policy {
            let after = cutAtDate(facts)
            let refund = try figured(WithdrawalRefusal.failed) {
                try EventRefund.price(
                    course: facts.course, policy: policy, student: facts.student,
                    before: EventRefund.projected(facts.usage, schedule: facts.schedule),
                    after: EventRefund.projected(after, schedule: facts.schedule), money: facts.money, rules: rules)
            }
            if let refund {
                decision.refund = refund.amount
                decision.ceilings = refund.ceilings
            }
            if decision.refund > .zero {
                let counted = refundUnits(policy: policy, after: after, facts: facts, rules: rules)
                decision.counted = counted.count > 0 ? counted.count : nil
                decision.unit = counted.count > 0 && counted.unit != .lessons ? counted.unit : nil
            }
        }
        // Postconditions: a refund is never negative nor above either ceiling; a count is never below one.
        precondition(!decision.refund.isNegative, "a negative withdrawal refund")
        precondition(decision.ceilings.map { decision.refund <= $0.most } ?? decision.refund.isZero, "a refund above its ceiling")
        precondition((decision.counted ?? 1) >= 1 && (decision.counted == nil || !decision.refund.isZero), "a count without refund")
        return decision
    }

    /// The refusals, in the order they are checked: left already, outside the enrolment, attended on or after
    /// the date.
    static func refuseIfNotWithdrawable(_ facts: WithdrawalFacts, rules: PlanRules) throws(WithdrawalRefusal) {
        if let until = facts.enrolment.until {
            throw .alreadyLeft(studentId: facts.student.id, courseId: facts.course.id, until: until, date: facts.date)
        }
        guard facts.date >= facts.enrolment.from && facts.date <= rules.ends.adding(days: 1) else {
            throw .outsideEnrolment(date: facts.date, from: facts.enrolment.from, termEnds: rules.ends)
        }
        if let last = facts.lastAttendance, last >= facts.date {
            throw .attendedOnOrAfter(date: facts.date, student: facts.student, courseId: facts.course.id, lastAttendance: last)
        }
    }

    /// The enrolment cut at the date: the lessons before it with the enrolment's attendance (every mark is
    /// before the date, checked first, so the marks of [from, date) are the enrolment's).
    static func cutAtDate(_ facts: WithdrawalFacts) -> CourseUsage {
        var cut = facts.lessonsBeforeDate
        let marks = facts.usage
        cut.present = marks.present
        cut.leave = marks.leave
        cut.absent = marks.absent
        cut.minutesPresent = marks.minutesPresent
        var minutes = cut.minutes ?? LessonMinutes()
        minutes.leave = marks.minutes?.leave ?? 0
        minutes.absent = marks.minutes?.absent ?? 0
        cut.minutes = minutes
        return cut
    }

    /// What a refund gives back counted in the unit of the withdrawal rule: the schedule's lessons from the
    /// date on; for `monthly` and `per_term` the rule's own unit (``ChargeCalculator/withdrawalRefundUnits(policy:usage:rules:)``,
    /// zero when the rule counts nothing).
    static func refundUnits(policy: Policy, after: CourseUsage, facts: WithdrawalFacts, rules: PlanRules)
        -> (count: Int, unit: ProRataUnit)
    {
        guard policy.billing == .monthly || policy.billing == .perTerm else {
            return (EnrolmentWindow(from: facts.date).count(facts.schedule), .lessons)
        }
        return ChargeCalculator.withdrawalRefundUnits(policy: policy, usage: after, rules: rules) ?? (0, .lessons)
    }

}
