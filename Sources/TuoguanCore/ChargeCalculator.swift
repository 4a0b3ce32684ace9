/// What one student is charged for one course over the term, under the course's policy.
///
/// The rules, in order (each is data in the policy, see `rules/README.md`):
/// 1. **Billing** gives the gross amount:
///    - `free`: nothing;
///    - `per_lesson` with `settle = "actual_use"`: price × lessons used (present, unrecorded, and absent too
///      when `use = "present_or_absent"`); cancelled lessons are never used;
///    - `per_lesson` otherwise: price × lessons held while enrolled, less leave lessons as
///      `refund.personal_leave` says, plus cancelled lessons only when `refund.cancelled = "none"`;
///    - `per_student_hour`: the same two rules as `per_lesson`, in minutes instead of lessons (a lesson is
///      `lesson_minutes` long; a present lesson counts the session's own minutes), × price ÷ 60, each amount
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
///
/// Every quotient is rounded once, by the rules' `rounding`.
///
/// ```swift
/// // 溪尾 plan: 40.00 a month × 4 months, prepaid for the term
/// let line = try ChargeCalculator.charge(course: course, policy: monthly, usage: usage, student: s, rules: rules)
/// line.charged   // 160.00
/// ```
public enum ChargeCalculator {
    public static func charge(
        course: Course, policy: Policy, usage: CourseUsage, student: Student, rules: PlanRules
    ) throws -> ChargeLine {
        let rounding = rules.rounding
        let label = LocalizedText(zh: "\(course.name)（\(policy.name)）", en: "\(course.name) (\(policy.name))")
        var trace: [TraceStep] = []
        var billed: Billed
        switch policy.billing {
        case .free:
            trace.append(TraceStep(zh: "\(label.zh)：免费", en: "\(label.en): free of charge", amount: .zero))
            billed = Billed(gross: .zero, quantity: 0, fullTerm: .zero)
        case .perLesson, .perStudentHour:
            let meter = Meter(policy: policy, rules: rules)
            billed =
                policy.settle == .actualUse
                ? try chargeByUse(meter: meter, policy: policy, usage: usage, label: label, trace: &trace)
                : try chargeScheduled(meter: meter, policy: policy, usage: usage, label: label, trace: &trace)
        case .monthly, .perTerm:
            billed = try chargeFlat(policy: policy, usage: usage, rules: rules, label: label, trace: &trace)
        }
        var gross = billed.gross
        if gross.isNegative { gross = .zero }

        // Waiver for the student's category.
        var waived = Money.zero
        var prepaid = policy.prepay == .term ? billed.fullTerm : .zero
        if let categoryId = student.category, let category = rules.categories[categoryId],
            category.waives.contains(policy.id)
        {
            waived = try gross.scaled(by: Int64(category.waivePercent), over: 100, rounding: rounding)
            prepaid = try prepaid - prepaid.scaled(by: Int64(category.waivePercent), over: 100, rounding: rounding)
            if !waived.isZero {
                trace.append(
                    TraceStep(
                        zh: "  \(category.name)减免 \(category.waivePercent)%：−\(waived.formatted())",
                        en: "  waiver for \(category.name) \(category.waivePercent)%: −\(waived.formatted())",
                        amount: try -waived))
            }
        }
        let charged = try gross - waived
        trace.append(
            TraceStep(zh: "  本课程应收 \(charged.formatted())", en: "  charged for this course \(charged.formatted())", amount: charged))

        return ChargeLine(
            courseId: course.id, courseName: course.name, policyId: policy.id, billing: policy.billing,
            quantity: billed.quantity, unitPrice: policy.price, gross: gross, waived: waived, charged: charged,
            prepaidExpected: prepaid, trace: trace)
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
        full: Money, policy: Policy, usage: CourseUsage, rules: PlanRules, trace: inout [TraceStep]
    ) throws -> Money {
        guard let date = usage.withdrawnOn else { return full }
        let rounding = rules.rounding
        let kept: Money
        let zh: String
        let en: String
        let share = withdrawalShare(policy: policy, usage: usage, rules: rules)
        switch policy.refund.withdrawal {
        case .none:
            kept = full
            zh = "退课不退费"
            en = "withdrawal is not refunded"
        case .full:
            kept = .zero
            zh = "退课全额退费"
            en = "withdrawal refunded in full"
        case .percent(let p):
            let before = Int64(share?.kept ?? 0)
            let termLessons = Int64(max(share?.total ?? 1, 1))
            let remaining = try full - full.scaled(by: before, over: termLessons, rounding: rounding)
            let back = try remaining.scaled(by: Int64(p), over: 100, rounding: rounding)
            kept = try full - back
            zh = "\(date) 退课，剩余部分退 \(p)%"
            en = "withdrew on \(date), \(p)% of the rest refunded"
        case .remainingLessons, .perDay, .month, .halfMonth:
            let share = share ?? WithdrawalShare(kept: 0, total: 0, unit: .lessons)
            kept = share.total > 0 ? try full.scaled(by: Int64(share.kept), over: Int64(share.total), rounding: rounding) : .zero
            let total = share.unit.text(share.total)
            zh = "\(date) 退课，按 \(share.kept)/\(total.zh)收取"
            en = "withdrew on \(date), \(share.kept) of \(total.en) charged"
        }
        trace.append(TraceStep(zh: "  \(zh)：收取 \(kept.formatted())", en: "  \(en): \(kept.formatted()) charged", amount: kept))
        return kept
    }
}
