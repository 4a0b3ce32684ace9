/// One enrolment as the payment warnings read it: the course and its usage from the enrolment's first day to
/// the term's end with only the term's lessons counted (no attendance, no end date).
public struct EnrolmentReach: Sendable, Equatable {
    public var course: Course
    public var usage: CourseUsage
    public init(course: Course, usage: CourseUsage) {
        self.course = course
        self.usage = usage
    }
}

/// What the store read for the fee warnings of a family's payments.
public struct PaymentWarningFacts: Sendable, Equatable {
    public var student: Student
    /// Every enrolment of the student, in the store's order.
    public var enrolments: [EnrolmentReach]
    /// The family's totals with the payment recorded.
    public var family: FamilyTotals
    public init(student: Student, enrolments: [EnrolmentReach], family: FamilyTotals) {
        self.student = student
        self.enrolments = enrolments
        self.family = family
    }
}

/// A payment recorded all the same, with something the clerk should look at: dated outside the term (a
/// prepayment or a late one happens, a typing slip too), a student with no fee-bearing enrolment, or the
/// family's payments (less refunds) past what the term's fees can reach.
///
/// ```swift
/// PaymentWarning.date(day, rules: rules)?.error.message.en   // "the payment's date 2025-09-01 is outside the term …"
/// ```
public enum PaymentWarning: Sendable, Equatable {
    case outsideTerm(date: CivilDate, starts: CivilDate, ends: CivilDate)
    case noFeeCourse(Student)
    /// kept = paid − refunded, reach = Σ full-term fees, over = kept − reach > 0.
    case beyondFees(Student, kept: Money, reach: Money, over: Money)

    /// The warning for a payment dated outside the term, if it is.
    public static func date(_ date: CivilDate, rules: PlanRules) -> PaymentWarning? {
        guard date < rules.starts || date > rules.ends else { return nil }
        return .outsideTerm(date: date, starts: rules.starts, ends: rules.ends)
    }

    /// The warnings about the fees: a student with no fee-bearing enrolment, or payments (less refunds) past
    /// Σ ``fullTermFee(_:student:rules:)`` of the enrolments.
    ///
    /// ```swift
    /// // X at 20.00 × 8 lessons = 160.00 reach; paid 200.00 → beyondFees(kept: 200.00, reach: 160.00, over: 40.00)
    /// try PaymentWarning.fees(facts, rules: rules)
    /// ```
    public static func fees(_ facts: PaymentWarningFacts, rules: PlanRules) throws -> [PaymentWarning] {
        let reach = try Money.sum(facts.enrolments.map { try fullTermFee($0, student: facts.student, rules: rules) })
        if reach.isZero { return [.noFeeCourse(facts.student)] }
        let kept = try facts.family.left
        guard kept > reach else { return [] }
        return [.beyondFees(facts.student, kept: kept, reach: reach, over: try kept - reach)]
    }

    /// The most an enrolment can charge: every lesson of the term from its first day held and attended, after
    /// the student's waiver (or the prepaid fee, if larger); zero for a free course or an unknown policy.
    ///
    /// ```swift
    /// // 溪尾 monthly 40.00 × 4 months, enrolled from the start: 160.00
    /// try PaymentWarning.fullTermFee(EnrolmentReach(course: c, usage: u), student: s, rules: rules)
    /// ```
    public static func fullTermFee(_ enrolment: EnrolmentReach, student: Student, rules: PlanRules) throws -> Money {
        let course = enrolment.course
        guard let policy = rules.policies[course.policyId], policy.billing != .free else { return .zero }
        var full = enrolment.usage
        full.heldLessons = full.termLessons
        full.cancelledLessons = 0
        full.present = full.termLessons
        full.leave = 0
        full.absent = 0
        full.minutesPresent = Int64(full.termLessons) * Int64(course.end - course.start)
        let line = try ChargeCalculator.charge(course: course, policy: policy, usage: full, student: student, rules: rules)
        let fee = max(line.charged, line.prepaidExpected)
        // What a term can charge is never below zero.
        precondition(!fee.isNegative, "a full-term fee is never negative")
        return fee
    }

    /// The clerk's message.
    public var error: TuoguanError {
        switch self {
        case let .outsideTerm(date, starts, ends):
            return TuoguanError(
                .badInput,
                zh: "缴费日期 \(date) 不在本学期内（\(starts) 至 \(ends)），这笔缴费已登记",
                en: "the payment's date \(date) is outside the term (\(starts) to \(ends)); the payment was recorded",
                fix: LocalizedText(zh: "检查日期；如有误，冲正后按正确日期重新登记", en: "check the date; if it is wrong, correct the payment and record it again"),
                excerpt: date.description)
        case .noFeeCourse(let student):
            return TuoguanError(
                .badInput, zh: "\(student.name)（\(student.id)）没有需要缴费的课程，这笔缴费已登记",
                en: "\(student.name) (\(student.id)) takes no course that charges a fee; the payment was recorded",
                fix: LocalizedText(zh: "检查学号；多收的钱用 tuoguan refund --reason 结算 退还", en: "check the student id; money taken by mistake goes back as a settlement refund"),
                excerpt: student.id)
        case let .beyondFees(student, kept, reach, over):
            return TuoguanError(
                .badInput,
                zh: "\(student.name)（\(student.id)）已缴 \(kept.formatted())（扣除已退），超过本学期费用最多 \(reach.formatted())，多出 \(over.formatted())；这笔缴费已登记",
                en: "\(student.name) (\(student.id)) has paid \(kept.formatted()) (less refunds), more than the term's fees can reach, \(reach.formatted()), by \(over.formatted()); the payment was recorded",
                fix: LocalizedText(zh: "检查金额；多缴的钱用 tuoguan refund --reason 结算 退还", en: "check the amount; money paid beyond the fees goes back as a settlement refund"),
                excerpt: student.id)
        }
    }
}
