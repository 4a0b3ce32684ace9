/// What a family paid and had back, as the store read it (reversed entries left out): what the two ceilings
/// of a refund are taken from.
///
/// ```swift
/// // paid 200.00, had back 40.00 in all, 20.00 of it for X1
/// let money = RefundedSoFar(paid: Money(fen: 20000), refunded: Money(fen: 4000), refundedForCourse: Money(fen: 2000))
/// ```
public struct RefundedSoFar: Sendable, Equatable, Hashable {
    /// The family's payments (and a credit carried in from the term before).
    public var paid: Money
    /// The family's refunds, every course.
    public var refunded: Money
    /// The refunds for the course of the event.
    public var refundedForCourse: Money
    public init(paid: Money, refunded: Money, refundedForCourse: Money) {
        self.paid = paid
        self.refunded = refunded
        self.refundedForCourse = refundedForCourse
    }
}

/// The refund an event gives back to a family prepaying for the term (a withdrawal, a cancelled session):
/// the charge of the full-term projection before the event less the charge after it, within both ceilings
/// (what the family paid less what it had back; the course's fee less what was refunded for it). The one
/// pricing of an event's refund: ``WithdrawalDecision`` and ``CancellationDecision`` take it from here. Each
/// charge is computed once: the course's fee is the `before` line's.
///
/// ```swift
/// // 1+X plan: X at 20.00 a lesson, 8 lessons; withdrawn before the last 3: 160.00 − 100.00 = 60.00
/// let refund = try EventRefund.price(course: x1, policy: x, student: s, before: b, after: a, money: m, rules: rules)
/// refund?.amount   // 60.00 (both ceilings above it)
/// ```
public struct EventRefund: Sendable, Equatable {
    /// What is given back: `owed` within the ceilings, never below zero.
    public var amount: Money
    /// charge(before) − charge(after), before the ceilings.
    public var owed: Money
    public var ceilings: RefundCalculator.Ceilings

    /// The refund of an event for a course prepaid for the term; nil for any other course (it refunds nothing:
    /// its family pays as it uses).
    public static func price(
        course: Course, policy: Policy, student: Student, before: CourseUsage, after: CourseUsage,
        money: RefundedSoFar, rules: PlanRules
    ) throws -> EventRefund? {
        guard policy.prepay == .term else { return nil }
        let beforeLine = try ChargeCalculator.charge(course: course, policy: policy, usage: before, student: student, rules: rules)
        let afterLine = try ChargeCalculator.charge(course: course, policy: policy, usage: after, student: student, rules: rules)
        let owed = try beforeLine.charged - afterLine.charged
        // The course's fee does not depend on the lessons held (only on the enrolment's first day, its term
        // lessons and the waiver): the `before` line's is the enrolment's.
        let ceilings = RefundCalculator.Ceilings(
            familyLeft: try money.paid - money.refunded,
            courseLeft: try RefundCalculator.courseFee(of: beforeLine, policy: policy) - money.refundedForCourse)
        let amount = max(.zero, min(owed, ceilings.most))
        // Postcondition: a refund is never negative and never above either ceiling (a ceiling at or below zero
        // allows nothing).
        precondition(!amount.isNegative && amount <= ceilings.most, "an event refund outside its ceilings")
        return EventRefund(amount: amount, owed: owed, ceilings: ceilings)
    }

    /// The usage as if every lesson of the schedule inside the enrolment's window and not cancelled were held:
    /// what a family prepaying for the term bought. `schedule`: every day the course meets in the term, sorted.
    ///
    /// ```swift
    /// // X1 meets 8 times; 2 held, 1 cancelled, enrolled all term → 8 − 1 = 7 held in the projection
    /// EventRefund.projected(u, schedule: x1Dates).heldLessons   // 7
    /// ```
    public static func projected(_ usage: CourseUsage, schedule: [CivilDate]) -> CourseUsage {
        var u = usage
        // (A window ending before it starts holds no lesson.)
        let window = EnrolmentWindow.checked(from: usage.enrolledFrom, until: usage.withdrawnOn)
        let scheduled = window?.count(schedule) ?? 0
        u.heldLessons = max(usage.heldLessons, scheduled - usage.cancelledLessons)
        if var m = usage.minutes {
            // The same in minutes: every lesson of the window not cancelled (``LessonMinutes/window`` is
            // counted from the same schedule).
            m.held = max(m.held, m.window - m.cancelled)
            u.minutes = m
        }
        return u
    }
}
