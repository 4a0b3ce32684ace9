/// What one student is charged for one course over the term, under the course's policy.
///
/// The rules, in order (each is data in the policy, see `rules/README.md`):
/// 1. **Billing** gives the gross amount:
///    - `free`: nothing;
///    - `per_lesson` with `settle = "actual_use"`: price × lessons used (present, unrecorded, and absent too
///      when `use = "present_or_absent"`); cancelled lessons are never used;
///    - `per_lesson` otherwise: price × lessons held while enrolled, less leave lessons as
///      `refund.personal_leave` says, plus cancelled lessons only when `refund.cancelled = "none"`;
///    - `per_student_hour`: price × minutes present ÷ 60, rounded once by the rules' rounding;
///    - `monthly` (price × months) and `per_term` (price): less the cancelled lessons' pro-rata share
///      (full × cancelled ÷ term lessons) unless `refund.cancelled = "none"`.
/// 2. **Withdrawal** (`withdrawnOn`), when not settled by use, by `refund.withdrawal`: `remaining_lessons`
///    and `per_day` keep the share of lessons before the date; `month` / `half_month` keep the whole months /
///    half-months begun (a half-month is the 1st–15th or the 16th–end); `percent:P` gives back P% of what
///    `remaining_lessons` would; `full` gives back everything; `none` charges the whole term.
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
        let price = policy.price
        let rounding = rules.rounding
        let label = "\(course.name)（\(policy.name)）"
        let labelEn = "\(course.name) (\(policy.name))"
        var trace: [TraceStep] = []
        var quantity: Int64 = 0
        var gross = Money.zero

        // What the whole term costs, as prepaid (before any refundable event).
        let fullTerm: Money
        switch policy.billing {
        case .free: fullTerm = .zero
        case .perLesson: fullTerm = try price * usage.termLessons
        case .perStudentHour:
            fullTerm = try price.scaled(
                by: Int64(usage.termLessons) * Int64(rules.lessonMinutes), over: 60, rounding: rounding)
        case .monthly: fullTerm = try price * policy.months
        case .perTerm: fullTerm = price
        }
        let lessonsAfterWithdrawal = max(0, usage.termLessons - usage.heldLessons - usage.cancelledLessons)

        switch policy.billing {
        case .free:
            trace.append(TraceStep(zh: "\(label)：免费", en: "\(labelEn): free of charge", amount: .zero))

        case .perLesson where policy.settle == .actualUse:
            var used = usage.present + usage.unrecorded
            var how = "出勤 \(usage.present + usage.unrecorded) 课时"
            var howEn = "\(usage.present + usage.unrecorded) lessons attended"
            if policy.use == .presentOrAbsent {
                used += usage.absent
                how += " + 无故缺勤 \(usage.absent) 课时"
                howEn += " + \(usage.absent) absent without leave"
            }
            quantity = Int64(used)
            gross = try price * used
            trace.append(
                TraceStep(
                    zh: "\(label)：按实结算，\(how) × \(price.formatted()) = \(gross.formatted())",
                    en: "\(labelEn): settled by use, \(howEn) × \(price.formatted()) = \(gross.formatted())",
                    amount: gross))

        case .perLesson:
            var lessons = usage.heldLessons
            var zh = "已开课 \(usage.heldLessons) 课时"
            var en = "\(usage.heldLessons) lessons held"
            if policy.refund.withdrawal == .none, usage.withdrawnOn != nil {
                lessons += lessonsAfterWithdrawal
                zh += " + 退课后 \(lessonsAfterWithdrawal) 课时（退课不退费）"
                en += " + \(lessonsAfterWithdrawal) after withdrawal (withdrawal not refunded)"
            }
            if policy.refund.cancelled == .none, usage.cancelledLessons > 0 {
                lessons += usage.cancelledLessons
                zh += " + 停课 \(usage.cancelledLessons) 课时（停课不退费）"
                en += " + \(usage.cancelledLessons) cancelled (not refunded)"
            }
            quantity = Int64(lessons)
            gross = try price * lessons
            var leaveCredit = Money.zero
            if usage.leave > 0 {
                switch policy.refund.personalLeave {
                case .none:
                    zh += "（请假 \(usage.leave) 课时照常收费）"
                    en += " (\(usage.leave) on leave, charged as the policy says)"
                case .percent(let p):
                    leaveCredit = try (price * usage.leave).scaled(by: Int64(p), over: 100, rounding: rounding)
                default:
                    leaveCredit = try price * usage.leave
                }
            }
            trace.append(
                TraceStep(
                    zh: "\(label)：\(zh) × \(price.formatted()) = \(gross.formatted())",
                    en: "\(labelEn): \(en) × \(price.formatted()) = \(gross.formatted())", amount: gross))
            if !leaveCredit.isZero {
                gross = try gross - leaveCredit
                trace.append(
                    TraceStep(
                        zh: "  请假 \(usage.leave) 课时退还 \(leaveCredit.formatted())",
                        en: "  \(usage.leave) lessons on leave credited \(leaveCredit.formatted())",
                        amount: try -leaveCredit))
            }
            if case .percent(let p) = policy.refund.withdrawal, usage.withdrawnOn != nil, lessonsAfterWithdrawal > 0 {
                // percent:P refunds P% of the remaining lessons: the rest of them is still charged.
                let remaining = try price * lessonsAfterWithdrawal
                let kept = try remaining - remaining.scaled(by: Int64(p), over: 100, rounding: rounding)
                gross = try gross + kept
                trace.append(
                    TraceStep(
                        zh: "  退课后 \(lessonsAfterWithdrawal) 课时只退 \(p)%，收取 \(kept.formatted())",
                        en: "  \(lessonsAfterWithdrawal) lessons after withdrawal refunded at \(p)%: \(kept.formatted()) kept",
                        amount: kept))
            }
            if policy.refund.withdrawal == .full, usage.withdrawnOn != nil {
                trace.append(TraceStep(zh: "  退课全额退费", en: "  withdrawal refunded in full", amount: try -gross))
                gross = .zero
            }

        case .perStudentHour:
            quantity = usage.minutesPresent
            gross = try price.scaled(by: usage.minutesPresent, over: 60, rounding: rounding)
            trace.append(
                TraceStep(
                    zh: "\(label)：在校 \(usage.minutesPresent) 分钟 × \(price.formatted())/小时 ÷ 60 = \(gross.formatted())",
                    en: "\(labelEn): \(usage.minutesPresent) minutes present × \(price.formatted())/hour ÷ 60 = \(gross.formatted())",
                    amount: gross))

        case .monthly, .perTerm:
            quantity = policy.billing == .monthly ? Int64(policy.months) : 1
            gross = fullTerm
            if policy.billing == .monthly {
                trace.append(
                    TraceStep(
                        zh: "\(label)：\(price.formatted())/月 × \(policy.months) 个月 = \(gross.formatted())",
                        en: "\(labelEn): \(price.formatted())/month × \(policy.months) months = \(gross.formatted())",
                        amount: gross))
            } else {
                trace.append(
                    TraceStep(
                        zh: "\(label)：每学期 \(gross.formatted())", en: "\(labelEn): \(gross.formatted()) per term",
                        amount: gross))
            }
            if usage.withdrawnOn != nil {
                gross = try keptAfterWithdrawal(
                    full: gross, policy: policy, usage: usage, rules: rules, trace: &trace)
            }
            if usage.cancelledLessons > 0, policy.refund.cancelled != .none, usage.termLessons > 0 {
                let credit = try fullTerm.scaled(
                    by: Int64(usage.cancelledLessons), over: Int64(usage.termLessons), rounding: rounding)
                gross = try gross - credit
                trace.append(
                    TraceStep(
                        zh: "  停课 \(usage.cancelledLessons)/\(usage.termLessons) 次按比例退还 \(credit.formatted())",
                        en: "  \(usage.cancelledLessons) of \(usage.termLessons) sessions cancelled, pro rata \(credit.formatted())",
                        amount: try -credit))
            }
        }
        if gross.isNegative { gross = .zero }

        // Waiver for the student's category.
        var waived = Money.zero
        var prepaid = policy.prepay == .term ? fullTerm : .zero
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
            quantity: quantity, unitPrice: price, gross: gross, waived: waived, charged: charged,
            prepaidExpected: prepaid, trace: trace)
    }

    /// Monthly and per-term fees after a withdrawal, by the policy's withdrawal granularity.
    static func keptAfterWithdrawal(
        full: Money, policy: Policy, usage: CourseUsage, rules: PlanRules, trace: inout [TraceStep]
    ) throws -> Money {
        guard let date = usage.withdrawnOn else { return full }
        let rounding = rules.rounding
        let termLessons = max(usage.termLessons, 1)
        let before = Int64(usage.heldLessons + usage.cancelledLessons)
        let kept: Money
        let zh: String
        let en: String
        // Months of the term: the policy's months for monthly billing, else the calendar months of the term.
        let termMonths = Int64(
            policy.billing == .monthly && policy.months > 0
                ? policy.months : max(1, monthsBegun(from: rules.starts, to: rules.ends.adding(days: 1))))
        switch policy.refund.withdrawal {
        case .none:
            kept = full
            zh = "退课不退费"
            en = "withdrawal is not refunded"
        case .full:
            kept = .zero
            zh = "退课全额退费"
            en = "withdrawal refunded in full"
        case .remainingLessons, .perDay:
            kept = try full.scaled(by: before, over: Int64(termLessons), rounding: rounding)
            zh = "\(date) 退课，按 \(before)/\(termLessons) 次收取"
            en = "withdrew on \(date), \(before) of \(termLessons) sessions charged"
        case .month:
            let begun = min(Int64(monthsBegun(from: rules.starts, to: date)), termMonths)
            kept = try full.scaled(by: begun, over: termMonths, rounding: rounding)
            zh = "\(date) 退课，已开始 \(begun)/\(termMonths) 个月"
            en = "withdrew on \(date), \(begun) of \(termMonths) months begun"
        case .halfMonth:
            let begun = min(Int64(halfMonthsBegun(from: rules.starts, to: date)), termMonths * 2)
            kept = try full.scaled(by: begun, over: termMonths * 2, rounding: rounding)
            zh = "\(date) 退课，已开始 \(begun)/\(termMonths * 2) 个半月"
            en = "withdrew on \(date), \(begun) of \(termMonths * 2) half-months begun"
        case .percent(let p):
            let remaining = try full - full.scaled(by: before, over: Int64(termLessons), rounding: rounding)
            let back = try remaining.scaled(by: Int64(p), over: 100, rounding: rounding)
            kept = try full - back
            zh = "\(date) 退课，剩余部分退 \(p)%"
            en = "withdrew on \(date), \(p)% of the rest refunded"
        }
        trace.append(TraceStep(zh: "  \(zh)：收取 \(kept.formatted())", en: "  \(en): \(kept.formatted()) charged", amount: kept))
        return kept
    }

    /// Calendar months begun from `start` up to the day before `date` (the month of `date` counts when
    /// `date` is after its 1st).
    public static func monthsBegun(from start: CivilDate, to date: CivilDate) -> Int {
        if date <= start { return 0 }
        let whole = (date.year * 12 + date.month) - (start.year * 12 + start.month)
        return max(0, whole + (date.day > 1 ? 1 : 0))
    }

    /// Half-months (1st–15th, 16th–end) begun from `start` up to the day before `date`.
    public static func halfMonthsBegun(from start: CivilDate, to date: CivilDate) -> Int {
        if date <= start { return 0 }
        func index(_ d: CivilDate) -> Int { (d.year * 12 + d.month) * 2 + (d.day >= 16 ? 1 : 0) }
        let last = date.adding(days: -1)
        return index(last) - index(start) + 1
    }
}
