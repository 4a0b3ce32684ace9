/// What one course's refunds stand at for one student: the enrolment's usage now and what was refunded for the
/// course so far (reversed refunds left out). What the store reads for the course ceiling of a refund.
///
/// ```swift
/// let room = CourseRefundFacts(course: x1, usage: used, refunded: Money(fen: 4000))
/// try RefundCalculator.courseFee(room, student: s, rules: rules)   // X1 prepaid: 8 × 20.00 = 160.00
/// ```
public struct CourseRefundFacts: Sendable, Equatable {
    public var course: Course
    /// The enrolment's usage in its window, attendance counted.
    public var usage: CourseUsage
    /// Σ refunds for this course and student so far.
    public var refunded: Money
    public init(course: Course, usage: CourseUsage, refunded: Money) {
        self.course = course
        self.usage = usage
        self.refunded = refunded
    }
}

extension RefundCalculator {
    /// The most the refunds for one course may add up to (``courseFee(course:policy:usage:student:rules:)``);
    /// nothing for a course whose policy the rules do not know.
    ///
    /// ```swift
    /// // X at 20.00 a lesson, prepaid, 8 lessons in the window: 8 × 20.00 = 160.00
    /// try RefundCalculator.courseFee(room, student: s, rules: rules)   // 160.00
    /// ```
    public static func courseFee(_ room: CourseRefundFacts, student: Student, rules: PlanRules) throws -> Money {
        guard let policy = rules.policies[room.course.policyId] else { return .zero }
        return try courseFee(course: room.course, policy: policy, usage: room.usage, student: student, rules: rules)
    }

    /// Both ceilings of a refund, made here and nowhere else: the family's paid − refunded, and for a course its
    /// fee (``courseFee(_:student:rules:)``) less what was refunded for it. A refund, a withdrawal and a
    /// cancellation all take their ceilings from this.
    ///
    /// ```swift
    /// // paid 200.00, refunded 40.00; X1's fee 160.00, refunded for it 40.00
    /// let c = try RefundCalculator.ceilings(family: totals, course: room, student: s, rules: rules)
    /// c.familyLeft   // 200.00 − 40.00 = 160.00
    /// c.courseLeft   // 160.00 − 40.00 = 120.00
    /// c.most         // 120.00
    /// ```
    public static func ceilings(family: FamilyTotals, course: CourseRefundFacts?, student: Student, rules: PlanRules)
        throws -> Ceilings
    {
        let fee = try course.map { try courseFee($0, student: student, rules: rules) }
        return try ceilings(family: family, courseFee: fee, refundedForCourse: course?.refunded ?? .zero)
    }

    /// The same from a course fee priced already (an event that computed the enrolment's charge line once:
    /// ``courseFee(course:policy:usage:student:rules:)``'s figure): family paid − refunded, and fee − what was
    /// refunded for the course (nil fee: no course).
    ///
    /// ```swift
    /// // paid 200.00, refunded 40.00; fee 160.00, refunded for the course 40.00 → 160.00 and 120.00
    /// try RefundCalculator.ceilings(family: totals, courseFee: Money(fen: 16000), refundedForCourse: Money(fen: 4000))
    /// ```
    public static func ceilings(family: FamilyTotals, courseFee: Money?, refundedForCourse: Money) throws -> Ceilings {
        let made = Ceilings(familyLeft: try family.left, courseLeft: try courseFee.map { try $0 - refundedForCourse })
        // What a refund may give back is never below zero, whatever the ledger holds.
        precondition(!made.most.isNegative, "a refund's ceiling is never below zero")
        return made
    }
}
