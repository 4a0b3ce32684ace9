/// How much a refund gives back: the one place refunds are priced, beside ``ChargeCalculator``, whose charges
/// it reuses. The store only reads the facts (a ``CourseUsage`` counted like the term's facts, the course's
/// schedule, what the family paid and had back) and writes what this returns.
///
/// - By lessons (`refund --lessons N`): N × ``lessonValue(policy:usage:rules:)``, then `percent:P` of the
///   reason's rule, rounded once.
/// - For an event (a withdrawal, a cancellation): the charge of the full-term projection before the event
///   less the charge after it (``EventRefund``, which ``WithdrawalDecision`` and ``CancellationDecision`` use).
/// - Two ceilings for every refund: what the family paid less what it had back, and what is left of the
///   course's fee (``courseFee(course:policy:usage:student:rules:)``) after the refunds made for it.
///
/// ```swift
/// // 1+X plan: X at 20.00 per lesson; 2 lessons refunded for a settlement: 2 × 20.00 = 40.00
/// try RefundCalculator.byLessons(2, reason: .settlement, policy: x, usage: u, rules: rules)   // 40.00
/// ```
public enum RefundCalculator {
    /// What the family may still have back: paid less refunded, and the course's fee less what was refunded
    /// for it (nil: no course).
    public struct Ceilings: Sendable, Equatable {
        public var familyLeft: Money
        public var courseLeft: Money?
        public init(familyLeft: Money, courseLeft: Money?) {
            self.familyLeft = familyLeft
            self.courseLeft = courseLeft
        }

        /// The smaller of the two (never below zero).
        public var most: Money {
            max(.zero, courseLeft.map { min($0, familyLeft) } ?? familyLeft)
        }
    }

    /// What one lesson of a course is worth for a refund by lessons: the price of a `per_lesson` course;
    /// price × the enrolment's average lesson minutes ÷ 60 for `per_student_hour` (each lesson is its
    /// session's own length); the enrolment's fee (the full term's, shortened
    /// for a late start by `late_start`) ÷ the enrolment's term lessons for `monthly` and `per_term`; nothing
    /// for `free`.
    ///
    /// ```swift
    /// // 溪尾 plan: 40.00 a month × 4 months = 160.00 over 64 lessons → 2.50 a lesson
    /// try RefundCalculator.lessonValue(policy: monthly, usage: u, rules: rules)   // 2.50
    /// ```
    public static func lessonValue(policy: Policy, usage: CourseUsage, rules: PlanRules) throws -> Money {
        switch policy.billing {
        case .free: return .zero
        case .perLesson: return policy.price
        case .perStudentHour:
            // A lesson of the enrolment's own average length (its sessions' minutes ÷ its lessons), rounded
            // once; `lesson_minutes` when the sessions' minutes are not known.
            if let m = usage.minutes, usage.termLessons > 0, m.term > 0 {
                return try policy.price.scaled(by: m.term, over: 60 * Int64(usage.termLessons), rounding: rules.rounding)
            }
            return try policy.price.scaled(by: Int64(rules.lessonMinutes), over: 60, rounding: rules.rounding)
        case .monthly, .perTerm:
            // The enrolment's fee (shortened for a late start) over the enrolment's lessons.
            let full = try ChargeCalculator.enrolmentFee(policy: policy, usage: usage, rules: rules)
            return try full.scaled(by: 1, over: Int64(max(1, usage.termLessons)), rounding: rules.rounding)
        }
    }

    /// A refund of `lessons` lessons for `reason`: lessons × lesson value, then the reason's `percent:P`.
    ///
    /// ```swift
    /// // 2 lessons of X at 20.00, settlement (full): 2 × 20.00 = 40.00
    /// try RefundCalculator.byLessons(2, reason: .settlement, policy: x, usage: u, rules: rules)   // 40.00
    /// ```
    public static func byLessons(_ lessons: Int, reason: RefundReason, policy: Policy, usage: CourseUsage, rules: PlanRules)
        throws -> Money
    {
        precondition(lessons > 0, "refunded lessons are counted from 1")
        var amount = try lessonValue(policy: policy, usage: usage, rules: rules) * lessons
        if case .percent(let p) = policy.refund.rule(for: reason) {
            amount = try amount.scaled(by: Int64(p), over: 100, rounding: rules.rounding)
        }
        return amount
    }

    /// The most the refunds for one course may add up to: for a course prepaid for the term, the full-term
    /// fee after the student's waiver (its charge line's `prepaidExpected`); otherwise what it charged so far.
    public static func courseFee(course: Course, policy: Policy, usage: CourseUsage, student: Student, rules: PlanRules)
        throws -> Money
    {
        let line = try ChargeCalculator.charge(course: course, policy: policy, usage: usage, student: student, rules: rules)
        return courseFee(of: line, policy: policy)
    }

    /// ``courseFee(course:policy:usage:student:rules:)`` of a charge line already computed.
    public static func courseFee(of line: ChargeLine, policy: Policy) -> Money {
        policy.prepay == .term ? line.prepaidExpected : line.charged
    }
}
