/// What one student is charged for one course over the term, under the course's policy.
///
/// The rules, in order (each is data in the policy, see `rules/README.md`):
/// 1. **Billing** gives the gross amount:
///    - `free`: nothing;
///    - `per_lesson` with `settle = "actual_use"`: price × lessons used (present, unrecorded, and absent too
///      when `use = "present_or_absent"`); cancelled lessons are never used;
///    - `per_lesson` otherwise: price × lessons held while enrolled, less leave lessons as
///      `refund.personal_leave` says, plus cancelled lessons only when `refund.cancelled = "none"`;
///    - `per_student_hour`: the same two rules as `per_lesson`, in minutes instead of lessons (each lesson as
///      long as its session, `lesson_minutes` only for a session without times), × price ÷ 60, each amount
///      rounded once by the rules' rounding;
///    - `monthly` (price × months) and `per_term` (price): the enrolment's fee — the whole term's, shortened
///      for a late start by `late_start` (see ``LateStartRule``) — less the cancelled lessons' pro-rata share
///      (fee × cancelled ÷ the enrolment's lessons) unless `refund.cancelled = "none"`.
/// 2. **Withdrawal** (`withdrawnOn`), when not settled by use, by `refund.withdrawal`, counted from the
///    enrolment's first day: `remaining_lessons` keeps the share of the enrolment's lessons before the date;
///    `per_day` the share of its service days; `month` / `half_month` keep the months / half-months with a
///    service day before the date (a half-month is the 1st–15th or the 16th–end); `percent:P` gives back P%
///    of what `remaining_lessons` would; `full` gives back everything; `none` charges the whole enrolment.
/// 3. **Waiver**: a student whose category waives the policy has `waive_percent`% of the gross waived.
/// 4. **Due** (应缴, the bill at the start): a course prepaid for the term is owed as if every lesson still to
///    come were held (``CourseUsage/projectedForPrepayment``), by this same calculation; any other course as
///    charged.
///
/// Every quotient is rounded once, by the rules' `rounding`.
///
/// ```swift
/// // 溪尾 plan: 40.00 a month × 4 months, prepaid for the term
/// let line = try ChargeCalculator.charge(course: course, policy: monthly, usage: usage, student: s, rules: rules)
/// line.charged   // 160.00
/// ```
public enum ChargeCalculator {
    /// The figures of one student's charge for one course (no steps: see
    /// ``explain(course:policy:usage:student:rules:)`` for how they were reached).
    public static func charge(
        course: Course, policy: Policy, usage: CourseUsage, student: Student, rules: PlanRules
    ) throws -> ChargeLine {
        var log = StepLog<ChargeStep>(recording: false)
        return try charge(course: course, policy: policy, usage: usage, student: student, rules: rules, log: &log)
    }

    /// The same charge and the steps that reached it, in order, by the same calculation.
    ///
    /// ```swift
    /// let (line, steps) = try ChargeCalculator.explain(course: c, policy: x, usage: u, student: s, rules: rules)
    /// steps.map(\.text.zh)   // ["美术（拓展课程）：已开课 12 课时 × 20.00 = 240.00", "  本课程应收 240.00"]
    /// ```
    public static func explain(
        course: Course, policy: Policy, usage: CourseUsage, student: Student, rules: PlanRules
    ) throws -> (line: ChargeLine, steps: [ChargeStep]) {
        var log = StepLog<ChargeStep>(recording: true)
        let line = try charge(course: course, policy: policy, usage: usage, student: student, rules: rules, log: &log)
        return (line, log.steps)
    }

    /// The one calculation: billing, then the waiver; the steps go to `log`.
    static func charge(
        course: Course, policy: Policy, usage: CourseUsage, student: Student, rules: PlanRules,
        log: inout StepLog<ChargeStep>
    ) throws -> ChargeLine {
        let billed: Billed
        switch policy.billing {
        case .free:
            log.record(.free(course: course.name, policy: policy.name))
            billed = Billed(gross: .zero, quantity: 0, fullTerm: .zero)
        case .perLesson, .perStudentHour:
            let meter = Meter(policy: policy, rules: rules)
            let label = (course: course.name, policy: policy.name)
            billed =
                policy.settle == .actualUse
                ? try chargeByUse(meter: meter, policy: policy, usage: usage, label: label, log: &log)
                : try chargeScheduled(meter: meter, policy: policy, usage: usage, label: label, log: &log)
        case .monthly, .perTerm:
            billed = try chargeFlat(course: course.name, policy: policy, usage: usage, rules: rules, log: &log)
        }
        let gross = billed.gross.isNegative ? .zero : billed.gross
        let (waived, prepaid) = try waiver(
            gross: gross, fullTerm: billed.fullTerm, policy: policy, student: student, rules: rules, log: &log)
        let charged = try gross - waived
        log.record(.charged(charged))
        let due = try prepaymentDue(charged: charged, course: course, policy: policy, usage: usage, student: student, rules: rules)
        if due != charged { log.record(.prepaymentDue(lessons: usage.scheduledLessons, due: due)) }
        return ChargeLine(
            courseId: course.id, courseName: course.name, policyId: policy.id, billing: policy.billing,
            quantity: billed.quantity, unitPrice: policy.price, gross: gross, waived: waived, charged: charged,
            prepaidExpected: prepaid, due: due)
    }

    /// 应缴 of a line (the bill at the start): for a course prepaid for the term with lessons still to come,
    /// the charge of ``CourseUsage/projectedForPrepayment`` (by this same calculation), never below what the
    /// held lessons charge; otherwise `charged`.
    static func prepaymentDue(
        charged: Money, course: Course, policy: Policy, usage: CourseUsage, student: Student, rules: PlanRules
    ) throws -> Money {
        guard policy.prepay == .term, usage.scheduledLessons > 0 else { return charged }
        var log = StepLog<ChargeStep>(recording: false)
        let projected = try charge(
            course: course, policy: policy, usage: usage.projectedForPrepayment, student: student, rules: rules, log: &log)
        assert(projected.due == projected.charged, "a projection has no lesson still to come")
        return max(charged, projected.charged)
    }

    /// The waiver for the student's category (of the gross, and of what a family prepaying for the term pays),
    /// and that prepaid fee (zero when the policy is not prepaid for the term).
    static func waiver(
        gross: Money, fullTerm: Money, policy: Policy, student: Student, rules: PlanRules, log: inout StepLog<ChargeStep>
    ) throws -> (waived: Money, prepaid: Money) {
        let prepaid = policy.prepay == .term ? fullTerm : .zero
        guard let categoryId = student.category, let category = rules.categories[categoryId],
            category.waives.contains(policy.id)
        else { return (.zero, prepaid) }
        let percent = Int64(category.waivePercent)
        let waived = try gross.scaled(by: percent, over: 100, rounding: rules.rounding)
        if !waived.isZero {
            log.record(.waiver(category: category.name, percent: category.waivePercent, amount: waived))
        }
        return (waived, try prepaid - prepaid.scaled(by: percent, over: 100, rounding: rules.rounding))
    }

    /// What a billing rule gives before the waiver: the gross, its quantity (lessons, minutes, months or 1),
    /// and the fee of the whole enrolment as a family prepaying for it pays (before any refundable event).
    struct Billed {
        var gross: Money
        var quantity: Int64
        var fullTerm: Money
    }

    /// Monthly and per-term fees after a withdrawal, by the policy's withdrawal granularity, as a share of
    /// the enrolment's fee `full` counted from the enrolment's first day (see ``withdrawalShare(policy:usage:rules:)``).
    static func keptAfterWithdrawal(
        full: Money, policy: Policy, usage: CourseUsage, rules: PlanRules, log: inout StepLog<ChargeStep>
    ) throws -> Money {
        guard let date = usage.withdrawnOn else { return full }
        let rounding = rules.rounding
        let kept: Money
        let rule: ChargeStep.WithdrawalOutcome
        let share = withdrawalShare(policy: policy, usage: usage, rules: rules)
        switch policy.refund.withdrawal {
        case .none:
            kept = full
            rule = .notRefunded
        case .full:
            kept = .zero
            rule = .refundedInFull
        case .percent(let p):
            let before = Int64(share?.kept ?? 0)
            let termLessons = Int64(max(share?.total ?? 1, 1))
            let remaining = try full - full.scaled(by: before, over: termLessons, rounding: rounding)
            let back = try remaining.scaled(by: Int64(p), over: 100, rounding: rounding)
            kept = try full - back
            rule = .percent(p)
        case .remainingLessons, .perDay, .month, .halfMonth:
            let share = share ?? WithdrawalShare(kept: 0, total: 0, unit: .lessons)
            kept = share.total > 0 ? try full.scaled(by: Int64(share.kept), over: Int64(share.total), rounding: rounding) : .zero
            rule = .share(share)
        }
        log.record(.withdrawal(on: date, rule: rule, kept: kept))
        return kept
    }
}
