/// What the store read after a correction of attendance (`tuoguan edit attendance`) changed some marks: each
/// enrolment whose marks changed, with its usage under the new marks and the refunds that depend on them.
/// Everything the decision needs, nothing else.
///
/// ```swift
/// let facts = AttendanceEditFacts(enrolments: [.init(student: s1, course: x1, usage: after, refunded: .zero)])
/// ```
public struct AttendanceEditFacts: Sendable, Equatable {
    /// The refunds for personal leave of an enrolment that had a leave taken away by the edit.
    public struct LeaveRefunds: Sendable, Equatable {
        /// Σ lessons refunded for personal leave (by lessons, not reversed).
        public var lessonsRefunded: Int
        /// The first of those refunds by id (nil: none).
        public var firstRefund: String?
        /// The lessons on leave the enrolment's tallies count after the edit.
        public var leaveAfter: Int

        public init(lessonsRefunded: Int, firstRefund: String?, leaveAfter: Int) {
            self.lessonsRefunded = lessonsRefunded
            self.firstRefund = firstRefund
            self.leaveAfter = leaveAfter
        }
    }

    /// One enrolment whose marks changed.
    public struct Enrolment: Sendable, Equatable {
        public var student: Student
        public var course: Course
        /// The usage in the enrolment's window under the new marks.
        public var usage: CourseUsage
        /// Σ refunds for the course and student that still count, and the first of them (nil: none).
        public var refunded: Money
        public var firstRefund: String?
        /// Set when the edit took a leave away (a leave changed or removed): its leave refunds; nil otherwise.
        public var leaveTakenAway: LeaveRefunds?

        public init(
            student: Student, course: Course, usage: CourseUsage, refunded: Money, firstRefund: String? = nil,
            leaveTakenAway: LeaveRefunds? = nil
        ) {
            self.student = student
            self.course = course
            self.usage = usage
            self.refunded = refunded
            self.firstRefund = firstRefund
            self.leaveTakenAway = leaveTakenAway
        }
    }

    /// In the order they are checked (the store sorts them by student and course id).
    public var enrolments: [Enrolment]

    public init(enrolments: [Enrolment]) {
        self.enrolments = enrolments
    }
}

/// What a correction of attendance may keep: each enrolment checked with what its course costs under the new
/// marks (the refunds for it stay within that).
public struct AttendanceEditDecision: Sendable, Equatable {
    public struct Checked: Sendable, Equatable {
        public var studentId: String
        public var courseId: String
        /// What the course costs the student under the new marks (the most its refunds may add up to).
        public var fee: Money

        public init(studentId: String, courseId: String, fee: Money) {
            self.studentId = studentId
            self.courseId = courseId
            self.fee = fee
        }
    }

    public var checked: [Checked]

    public init(checked: [Checked]) {
        self.checked = checked
    }
}

/// Why a correction of attendance is refused: money already depends on the marks.
public enum AttendanceEditRefusal: DecisionRefusal, Equatable {
    /// Under the new marks the course would cost less than was refunded for it (a course charged by use).
    case refundsAboveFee(studentId: String, courseId: String, fee: Money, refunded: Money, refund: String)
    /// A leave was taken away that a refund for personal leave (by lessons) was given for.
    case leaveRefunded(studentId: String, courseId: String, lessons: Int, leave: Int, refund: String)
    /// A course's charge could not be computed (an amount too large: `Money`'s overflow).
    case charge(TuoguanError)
}

extension AttendanceEditDecision {
    /// Decides whether the new marks may stay: for each enrolment in turn, the refunds for its course must not
    /// add up to more than the course costs under them, and when a leave was taken away the enrolment must keep
    /// at least as many lessons on leave as were refunded for personal leave.
    ///
    /// ```swift
    /// // S1's 午托 (3.00 a lesson, settled by use) now costs 4 × 3.00 = 12.00; 15.00 was refunded (F1) → refused
    /// try AttendanceEditDecision.decide(facts, rules: rules)   // throws .refundsAboveFee
    /// ```
    public static func decide(_ facts: AttendanceEditFacts, rules: PlanRules) throws(AttendanceEditRefusal)
        -> AttendanceEditDecision
    {
        var checked: [Checked] = []
        for enrolment in facts.enrolments {
            let (studentId, courseId) = (enrolment.student.id, enrolment.course.id)
            let fee = try figured(AttendanceEditRefusal.charge) {
                try RefundCalculator.courseFee(
                    CourseRefundFacts(course: enrolment.course, usage: enrolment.usage, refunded: .zero),
                    student: enrolment.student, rules: rules)
            }
            if enrolment.refunded > fee, let refund = enrolment.firstRefund {
                throw .refundsAboveFee(
                    studentId: studentId, courseId: courseId, fee: fee, refunded: enrolment.refunded, refund: refund)
            }
            if let leave = enrolment.leaveTakenAway, leave.lessonsRefunded > leave.leaveAfter, let refund = leave.firstRefund {
                throw .leaveRefunded(
                    studentId: studentId, courseId: courseId, lessons: leave.lessonsRefunded, leave: leave.leaveAfter,
                    refund: refund)
            }
            checked.append(Checked(studentId: studentId, courseId: courseId, fee: fee))
        }
        // Every enrolment is checked, in order; a course's refunds stay within its fee under the new marks, and
        // a leave taken away leaves at least the lessons refunded for personal leave (each when a refund is known).
        precondition(checked.count == facts.enrolments.count, "every enrolment checked")
        precondition(
            zip(facts.enrolments, checked).allSatisfy { enrolment, c in
                (enrolment.firstRefund == nil || enrolment.refunded <= c.fee)
                    && (enrolment.leaveTakenAway.map { $0.firstRefund == nil || $0.lessonsRefunded <= $0.leaveAfter } ?? true)
            }, "refunds within the fee and the leave under the new marks")
        return AttendanceEditDecision(checked: checked)
    }
}

extension AttendanceEditRefusal {
    /// The user's message, word for word as the ledger has always given it.
    public var error: TuoguanError {
        switch self {
        case .refundsAboveFee(let id, let courseId, let fee, let refunded, let refund):
            return TuoguanError(
                .conflict,
                zh: "改后 \(id) 的 \(courseId) 费用为 \(fee.formatted()) 元，少于已就该课程退的 \(refunded.formatted()) 元（如退费 \(refund)）",
                en: "after the change \(courseId) costs \(id) \(fee.formatted()), less than the \(refunded.formatted()) already refunded for it (e.g. refund \(refund))",
                fix: LocalizedText(
                    zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），更正考勤后再按新的费用重新退费",
                    en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note WHY), correct the mark, then refund again by the new fee"),
                excerpt: refund)
        case .leaveRefunded(let id, let courseId, let lessons, let leave, let refund):
            return TuoguanError(
                .conflict,
                zh: "\(id) 在 \(courseId) 已按个人请假退费 \(lessons) 节（如退费 \(refund)），改后只有 \(leave) 节请假",
                en: "\(id) was refunded \(lessons) lessons of \(courseId) for personal leave (e.g. refund \(refund)); after the change only \(leave) are on leave",
                fix: LocalizedText(
                    zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），更正考勤后按新的请假节数重新退费",
                    en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note WHY), correct the mark, then refund the leave that remains"),
                excerpt: refund)
        case .charge(let error):
            return error
        }
    }
}
