/// What the store read for one session a cancellation has just marked cancelled: the course, the session's
/// length, and every enrolment of the day with its usage (the session counted cancelled) and its money.
public struct CancellationFacts: Sendable {
    /// One student enrolled on the day.
    public struct Enrolment: Sendable {
        public var student: Student
        /// The enrolment in its window, attendance counted, the session counted cancelled.
        public var usage: CourseUsage
        public var money: RefundedSoFar
        public init(student: Student, usage: CourseUsage, money: RefundedSoFar) {
            self.student = student
            self.usage = usage
            self.money = money
        }
    }

    public var course: Course
    /// The course's policy (nil: the rules do not know it; nothing is refunded).
    public var policy: Policy?
    public var date: CivilDate
    /// The session's end − start in minutes as recorded (0 or less: no times, `lesson_minutes` long).
    public var sessionLength: Int64
    /// Every day the course meets in the term, sorted.
    public var schedule: [CivilDate]
    /// The enrolments whose window holds the date, by student id.
    public var enrolments: [Enrolment]

    public init(
        course: Course, policy: Policy?, date: CivilDate, sessionLength: Int64, schedule: [CivilDate],
        enrolments: [Enrolment]
    ) {
        self.course = course
        self.policy = policy
        self.date = date
        self.sessionLength = sessionLength
        self.schedule = schedule
        self.enrolments = enrolments
    }
}

/// What a cancelled session writes: one refund of one lesson for each prepaid family owed something.
public struct CancellationDecision: Sendable, Equatable {
    public struct Refund: Sendable, Equatable {
        public var studentId: String
        public var amount: Money
        public var ceilings: RefundCalculator.Ceilings
    }

    public var courseId: String
    public var date: CivilDate
    /// Only amounts above zero, by student id.
    public var refunds: [Refund]
}

/// Why a cancellation is refused: one case per refusal, each with its message.
public enum CancellationRefusal: DecisionRefusal, Equatable {
    case outsideTerm(date: CivilDate, starts: CivilDate, ends: CivilDate)
    /// A course named on the command line that does not meet that day.
    case courseDoesNotMeet(courseId: String, courseName: String, date: CivilDate)
    /// A session held with attendance recorded: it was taken, it cannot be stopped.
    case heldWithAttendance(courseId: String, date: CivilDate, marks: Int)
    /// No course meets that day, or every session of it is cancelled already.
    case nothingToCancel(date: CivilDate, courseIds: [String])
    /// The exact money arithmetic failed (an amount beyond the fen's range).
    case failed(TuoguanError)

    public var error: TuoguanError {
        switch self {
        case let .outsideTerm(date, starts, ends):
            return TuoguanError(
                .badInput, zh: "日期 \(date) 不在本学期内（\(starts) 至 \(ends)）",
                en: "date \(date) is outside the term (\(starts) to \(ends))", excerpt: date.description)
        case let .courseDoesNotMeet(courseId, name, date):
            return TuoguanError(
                .badInput, zh: "课程 \(courseId) \(name) 在 \(date) 没有课，无课可停",
                en: "course \(courseId) (\(name)) does not meet on \(date): there is no session to cancel",
                fix: LocalizedText(zh: "检查日期和课程编号", en: "check the date and the course id"), excerpt: courseId)
        case let .heldWithAttendance(courseId, date, marked):
            return TuoguanError(
                .conflict,
                zh: "课程 \(courseId) 在 \(date) 已上课并有 \(marked) 条考勤，不能再停课",
                en: "course \(courseId) was held on \(date) with \(marked) attendance records: it cannot be cancelled",
                fix: LocalizedText(
                    zh: "如那天其实没有上课、考勤是误记，先删去这些考勤（tuoguan edit attendance 学号 \(courseId) \(date) --status 无 --note 原因），再停课",
                    en: "if it was not held after all and the marks are mistakes, remove them first (tuoguan edit attendance STUDENT \(courseId) \(date) --status none --note WHY), then cancel"),
                excerpt: courseId)
        case let .nothingToCancel(date, courseIds):
            return TuoguanError(
                .badInput,
                zh: "\(date) 没有可停的课：\(courseIds.isEmpty ? "这一天没有课程上课" : "这一天的课（\(courseIds.joined(separator: "、"))）都已停课")",
                en: "there is no session to cancel on \(date): \(courseIds.isEmpty ? "no course meets that day" : "every session that day (\(courseIds.joined(separator: ", "))) is cancelled already")",
                fix: LocalizedText(zh: "检查日期；已停的课不必再停", en: "check the date; a cancelled session needs no second cancellation"),
                excerpt: date.description)
        case let .failed(error):
            return error
        }
    }
}

extension CancellationDecision {
    /// The refunds of one cancelled session (force majeure, a school event): for each family prepaying for the
    /// term, charge(before) − charge(after) of the full-term projections (``EventRefund``), the session
    /// counted held before and cancelled after, within both ceilings. A course not prepaid refunds nothing.
    ///
    /// ```swift
    /// // 1+X plan: X at 20.00 a lesson, 8 lessons, paid 160.00; one cancelled by a typhoon:
    /// // 8 × 20.00 − 7 × 20.00 = 20.00
    /// try CancellationDecision.decide(facts, rules: rules).refunds[0].amount   // 20.00
    /// ```
    public static func decide(_ facts: CancellationFacts, rules: PlanRules) throws(CancellationRefusal) -> CancellationDecision {
        var decision = CancellationDecision(courseId: facts.course.id, date: facts.date, refunds: [])
        guard let policy = facts.policy else { return decision }
        let length = facts.sessionLength > 0 ? facts.sessionLength : Int64(rules.lessonMinutes)
        for enrolment in facts.enrolments {
            let before = heldInstead(enrolment.usage, minutes: length)
            let refund = try figured(CancellationRefusal.failed) {
                try EventRefund.price(
                    course: facts.course, policy: policy, student: enrolment.student,
                    before: EventRefund.projected(before, schedule: facts.schedule),
                    after: EventRefund.projected(enrolment.usage, schedule: facts.schedule), money: enrolment.money,
                    rules: rules)
            }
            guard let refund, refund.amount > .zero else { continue }
            // Postcondition: each refund above zero and within both of its ceilings.
            precondition(refund.amount <= refund.ceilings.most, "a cancellation refund above its ceiling")
            decision.refunds.append(Refund(studentId: enrolment.student.id, amount: refund.amount, ceilings: refund.ceilings))
        }
        return decision
    }

    /// The usage as if the session just cancelled were not: one cancelled lesson fewer, and its minutes.
    static func heldInstead(_ usage: CourseUsage, minutes: Int64) -> CourseUsage {
        var before = usage
        before.cancelledLessons = max(0, before.cancelledLessons - 1)
        if var m = before.minutes {
            m.cancelled = max(0, m.cancelled - minutes)
            before.minutes = m
        }
        return before
    }

    /// A cancellation is of a day of the term.
    public static func requireInTerm(_ date: CivilDate, rules: PlanRules) throws(CancellationRefusal) {
        guard date >= rules.starts && date <= rules.ends else {
            throw .outsideTerm(date: date, starts: rules.starts, ends: rules.ends)
        }
    }

    /// The courses a cancellation touches, of `candidates` (each with whether it meets that day): the ones
    /// named (each must meet) or, none named, every one that meets.
    public static func courses(
        _ candidates: [(course: Course, meets: Bool)], named: Bool, date: CivilDate
    ) throws(CancellationRefusal) -> [Course] {
        guard named else { return candidates.filter(\.meets).map(\.course) }
        if let idle = candidates.first(where: { !$0.meets })?.course {
            throw .courseDoesNotMeet(courseId: idle.id, courseName: idle.name, date: date)
        }
        return candidates.map(\.course)
    }

    /// A session with attendance recorded was held: it cannot be cancelled.
    public static func requireNoAttendance(course: Course, date: CivilDate, marks: Int) throws(CancellationRefusal) {
        if marks > 0 { throw .heldWithAttendance(courseId: course.id, date: date, marks: marks) }
    }

    /// A cancellation that cancels no session and reports no refund recorded before is refused.
    public static func requireSomethingCancelled(
        date: CivilDate, courses: [Course], sessionsCancelled: Int, refundsReported: Int
    ) throws(CancellationRefusal) {
        if sessionsCancelled == 0 && refundsReported == 0 {
            throw .nothingToCancel(date: date, courseIds: courses.map(\.id))
        }
    }

}
