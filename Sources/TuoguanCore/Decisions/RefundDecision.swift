/// What the store read for one refund asked by a clerk (personal leave, settlement, a correction), with the
/// refund's id, the student, the course and its enrolment checked by the store already.
public struct RefundFacts: Sendable, Equatable {
    public var refundId: String
    public var student: Student
    /// Exactly one of `amount` and `lessons` is asked.
    public var amount: Money?
    public var lessons: Int?
    public var reason: RefundReason
    public var date: CivilDate
    /// The course the refund names, as asked (nil: none).
    public var courseId: String?
    /// That course's usage and refunds (nil: no course, or the ask names neither or both of amount and lessons,
    /// which is refused before anything is read).
    public var course: CourseRefundFacts?
    /// The family's totals before this refund.
    public var family: FamilyTotals
    /// The id is in the journal already: the refund is priced (the writer compares the contents) but its
    /// ceilings, which the first time used up, are not checked again.
    public var recorded: Bool
    /// For a settlement refund not yet recorded: the student's term facts (its statement is computed from
    /// them); nil otherwise, or for a student the statement does not know.
    public var statement: TermFacts?

    public init(
        refundId: String, student: Student, amount: Money? = nil, lessons: Int? = nil, reason: RefundReason,
        date: CivilDate, courseId: String? = nil, course: CourseRefundFacts? = nil, family: FamilyTotals,
        recorded: Bool = false, statement: TermFacts? = nil
    ) {
        self.refundId = refundId
        self.student = student
        self.amount = amount
        self.lessons = lessons
        self.reason = reason
        self.date = date
        self.courseId = courseId
        self.course = course
        self.family = family
        self.recorded = recorded
        self.statement = statement
    }
}

/// What to write for one refund: its amount and what the family may still have back after it.
public struct RefundDecision: Sendable, Equatable {
    public var amount: Money
    /// The lessons it was priced by, if it was asked by lessons.
    public var lessons: Int?
    /// paid − refunded after this refund.
    public var remainingRefundable: Money
}

extension RefundDecision {
    /// Decides a clerk's refund: the course's policy says whether the reason is refunded; the amount is as
    /// asked or its lessons priced by ``RefundCalculator/byLessons(_:reason:policy:usage:rules:)``; a
    /// withdrawal's or a cancellation's refund is refused (their own commands record it); it never exceeds what
    /// the family paid less what it had back, nor what is left of the course's fee; a settlement never leaves
    /// the family owing.
    ///
    /// ```swift
    /// // X at 20.00 a lesson; 2 lessons for settlement: 2 × 20.00 = 40.00; paid 160.00 → 120.00 left
    /// let d = try RefundDecision.decide(facts, rules: rules)
    /// d.amount                // 40.00
    /// d.remainingRefundable   // 120.00
    /// ```
    public static func decide(_ facts: RefundFacts, rules: PlanRules) throws(RefundRefusal) -> RefundDecision {
        let amount = try price(facts, rules: rules)
        let left = try figured(RefundRefusal.failed) { try facts.family.left }
        if facts.recorded {
            // The writer compares the contents with the recorded refund; the ceilings were checked then.
            precondition(amount > .zero, "a refund is above zero")
            return RefundDecision(amount: amount, lessons: facts.lessons, remainingRefundable: left)
        }
        try requireNotAnEvent(facts, rules: rules)
        let courseLeft = try requireCourseRoom(amount, facts, rules: rules)
        try requireFamilyRoom(amount, facts, left: left)
        if facts.reason == .settlement { try requireSettlementOwed(amount, facts, rules: rules) }
        let remaining = try figured(RefundRefusal.failed) { try left - amount }
        // A refund gives back more than zero, within both ceilings, and takes exactly its amount off the
        // family's paid − refunded.
        precondition(amount > .zero, "a refund is above zero")
        precondition(amount <= left && (courseLeft.map { amount <= $0 } ?? true), "a refund stays within its ceilings")
        precondition(remaining.fen == left.fen - amount.fen && !remaining.isNegative, "the family's balance moves by the refund")
        return RefundDecision(amount: amount, lessons: facts.lessons, remainingRefundable: remaining)
    }

    /// The refund's amount: as asked, or its lessons priced; refused when the ask or the course's policy says no.
    static func price(_ facts: RefundFacts, rules: PlanRules) throws(RefundRefusal) -> Money {
        guard (facts.amount == nil) != (facts.lessons == nil) else { throw .amountOrLessons(refundId: facts.refundId) }
        let policy = facts.course.flatMap { rules.policies[$0.course.policyId] }
        if let course = facts.course?.course, let policy, policy.refund.rule(for: facts.reason) == .none {
            throw .reasonNotRefunded(facts.reason, policy: policy, course: course, refundId: facts.refundId)
        }
        if let amount = facts.amount {
            guard amount > .zero else { throw .amountNotPositive(amount) }
            return amount
        }
        let lessons = facts.lessons ?? 0
        guard lessons > 0 else { throw .lessonsNotPositive(lessons) }
        guard let room = facts.course, let policy else { throw .lessonsNeedCourse(refundId: facts.refundId) }
        let amount = try figured(RefundRefusal.failed) {
            try RefundCalculator.byLessons(lessons, reason: facts.reason, policy: policy, usage: room.usage, rules: rules)
        }
        guard !amount.isZero else { throw .freeCourse(room.course, refundId: facts.refundId) }
        return amount
    }

    /// A withdrawal's or a cancellation's refund comes with its event; personal leave is dated in the term.
    static func requireNotAnEvent(_ facts: RefundFacts, rules: PlanRules) throws(RefundRefusal) {
        switch facts.reason {
        case .withdrawal:
            throw .withdrawalAlone(studentId: facts.student.id, courseId: facts.courseId, refundId: facts.refundId)
        case .cancelled:
            throw .cancellationAlone(courseId: facts.courseId, refundId: facts.refundId)
        case .personalLeave:
            if facts.date < rules.starts || facts.date > rules.ends {
                throw .leaveOutsideTerm(facts.date, starts: rules.starts, ends: rules.ends)
            }
        case .settlement: break
        }
    }

    /// Refuses a refund past what is left of the course's fee; returns what was left (nil: no course).
    static func requireCourseRoom(_ amount: Money, _ facts: RefundFacts, rules: PlanRules) throws(RefundRefusal) -> Money? {
        guard let room = facts.course else { return nil }
        let fee = try figured(RefundRefusal.failed) { try RefundCalculator.courseFee(room, student: facts.student, rules: rules) }
        let courseLeft = try figured(RefundRefusal.failed) { try fee - room.refunded }
        guard amount > courseLeft else { return courseLeft }
        throw .beyondCourse(amount, student: facts.student, room: room, fee: fee, left: courseLeft, refundId: facts.refundId)
    }

    /// Refuses a refund of more than the family paid and has not had back.
    static func requireFamilyRoom(_ amount: Money, _ facts: RefundFacts, left: Money) throws(RefundRefusal) {
        guard amount > left else { return }
        throw .beyondFamily(amount, student: facts.student, family: facts.family, left: left, refundId: facts.refundId)
    }

    /// Refuses a settlement refund that would leave the family owing (its statement's balance above zero).
    static func requireSettlementOwed(_ amount: Money, _ facts: RefundFacts, rules: PlanRules) throws(RefundRefusal) {
        guard let termFacts = facts.statement,
            let statement = try figured(RefundRefusal.failed, { try TermComputation.compute(rules: rules, facts: termFacts).students.first })
        else { return }
        let after = try figured(RefundRefusal.failed) { try statement.balance + amount }
        guard after > .zero else { return }
        let owedBack = max(.zero, try figured(RefundRefusal.failed) { try -statement.balance })
        throw .settlementBeyondOwed(amount, statement: statement, after: after, owedBack: owedBack, refundId: facts.refundId)
    }
}
