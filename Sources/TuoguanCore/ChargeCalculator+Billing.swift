/// The gross of each billing, before the waiver (see ``ChargeCalculator`` for the rules, in order).
extension ChargeCalculator {
    /// Prices lessons for `per_lesson` (price × lessons) and `per_student_hour` (price × minutes ÷ 60, a
    /// lesson being `lesson_minutes` long), so both follow `settle`, `use` and the refund rules alike.
    ///
    /// ```swift
    /// let meter = Meter(policy: hourly, rules: rules)   // 3.00 per student-hour, 40-minute lessons
    /// try meter.value(lessons: 3)                       // 120 minutes × 3.00 ÷ 60 = 6.00
    /// ```
    struct Meter {
        let price: Money
        /// Minutes in one lesson for `per_student_hour`; nil for `per_lesson` (the unit is the lesson).
        let lessonMinutes: Int64?
        let rounding: RoundingRule

        init(policy: Policy, rules: PlanRules) {
            price = policy.price
            lessonMinutes = policy.billing == .perStudentHour ? Int64(rules.lessonMinutes) : nil
            rounding = rules.rounding
        }

        /// Units of `lessons` lessons: the lessons themselves, or their minutes.
        func units(lessons: Int) -> Int64 { Int64(lessons) * (lessonMinutes ?? 1) }

        /// What `units` (lessons or minutes) cost, rounded once.
        func value(units: Int64) throws -> Money {
            lessonMinutes == nil ? try price * units : try price.scaled(by: units, over: 60, rounding: rounding)
        }

        func value(lessons: Int) throws -> Money { try value(units: units(lessons: lessons)) }

        /// `× 20.00 = 240.00`, or `= 480 分钟 × 3.00/小时 ÷ 60 = 24.00`.
        func product(_ units: Int64, _ amount: Money) -> LocalizedText {
            if lessonMinutes == nil {
                return LocalizedText(zh: " × \(price.formatted()) = \(amount.formatted())", en: " × \(price.formatted()) = \(amount.formatted())")
            }
            return LocalizedText(
                zh: "，共 \(units) 分钟 × \(price.formatted())/小时 ÷ 60 = \(amount.formatted())",
                en: ", \(units) minutes × \(price.formatted())/hour ÷ 60 = \(amount.formatted())")
        }
    }

    /// `settle = "actual_use"`: what was used — lessons present or unrecorded (and absent without leave with
    /// `use = "present_or_absent"`); for `per_student_hour` the present sessions' own minutes plus
    /// `lesson_minutes` for each other lesson used. Cancelled lessons are never used.
    static func chargeByUse(
        meter: Meter, policy: Policy, usage: CourseUsage, label: LocalizedText, trace: inout [TraceStep]
    ) throws -> Billed {
        let counted = usage.present + usage.unrecorded + (policy.use == .presentOrAbsent ? usage.absent : 0)
        var how = "出勤 \(usage.present + usage.unrecorded) 课时"
        var howEn = "\(usage.present + usage.unrecorded) lessons attended"
        if policy.use == .presentOrAbsent {
            how += " + 无故缺勤 \(usage.absent) 课时"
            howEn += " + \(usage.absent) absent without leave"
        }
        let units: Int64
        if let minutes = meter.lessonMinutes {
            // Present lessons by their sessions' minutes; unrecorded and absent ones at `lesson_minutes`.
            units = usage.minutesPresent + Int64(counted - usage.present) * minutes
        } else {
            units = Int64(counted)
        }
        let gross = try meter.value(units: units)
        let product = meter.product(units, gross)
        trace.append(
            TraceStep(
                zh: "\(label.zh)：按实结算，\(how)\(product.zh)", en: "\(label.en): settled by use, \(howEn)\(product.en)",
                amount: gross))
        return Billed(gross: gross, quantity: units, fullTerm: try meter.value(lessons: usage.termLessons))
    }

    /// Not settled by use: the lessons held while enrolled, plus those after a withdrawal that is not
    /// refunded and cancelled ones that are not; less leave as `refund.personal_leave` says; a withdrawal by
    /// `percent:P` keeps (100 − P)% of the lessons after it; `full` gives everything back.
    static func chargeScheduled(
        meter: Meter, policy: Policy, usage: CourseUsage, label: LocalizedText, trace: inout [TraceStep]
    ) throws -> Billed {
        let rounding = meter.rounding
        let lessonsAfterWithdrawal = max(0, usage.termLessons - usage.heldLessons - usage.cancelledLessons)
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
        var gross = try meter.value(lessons: lessons)
        var leaveCredit = Money.zero
        if usage.leave > 0 {
            switch policy.refund.personalLeave {
            case .none:
                zh += "（请假 \(usage.leave) 课时照常收费）"
                en += " (\(usage.leave) on leave, charged as the policy says)"
            case .percent(let p):
                leaveCredit = try meter.value(lessons: usage.leave).scaled(by: Int64(p), over: 100, rounding: rounding)
            default:
                leaveCredit = try meter.value(lessons: usage.leave)
            }
        }
        let product = meter.product(meter.units(lessons: lessons), gross)
        trace.append(TraceStep(zh: "\(label.zh)：\(zh)\(product.zh)", en: "\(label.en): \(en)\(product.en)", amount: gross))
        if !leaveCredit.isZero {
            gross = try gross - leaveCredit
            trace.append(
                TraceStep(
                    zh: "  请假 \(usage.leave) 课时退还 \(leaveCredit.formatted())",
                    en: "  \(usage.leave) lessons on leave credited \(leaveCredit.formatted())", amount: try -leaveCredit))
        }
        if case .percent(let p) = policy.refund.withdrawal, usage.withdrawnOn != nil, lessonsAfterWithdrawal > 0 {
            // percent:P refunds P% of the remaining lessons: the rest of them is still charged.
            let remaining = try meter.value(lessons: lessonsAfterWithdrawal)
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
        return Billed(
            gross: gross, quantity: meter.units(lessons: lessons), fullTerm: try meter.value(lessons: usage.termLessons))
    }

    /// `monthly` and `per_term`: the enrolment's fee (the whole term's, shortened for a late start by
    /// `late_start`), then the withdrawal and the cancelled lessons' pro-rata share.
    static func chargeFlat(
        policy: Policy, usage: CourseUsage, rules: PlanRules, label: LocalizedText, trace: inout [TraceStep]
    ) throws -> Billed {
        let price = policy.price
        let whole = policy.billing == .monthly ? try price * policy.months : price
        var quantity = policy.billing == .monthly ? Int64(policy.months) : 1
        if policy.billing == .monthly {
            trace.append(
                TraceStep(
                    zh: "\(label.zh)：\(price.formatted())/月 × \(policy.months) 个月 = \(whole.formatted())",
                    en: "\(label.en): \(price.formatted())/month × \(policy.months) months = \(whole.formatted())",
                    amount: whole))
        } else {
            trace.append(
                TraceStep(zh: "\(label.zh)：每学期 \(whole.formatted())", en: "\(label.en): \(whole.formatted()) per term", amount: whole))
        }
        let share = lateStartShare(policy: policy, usage: usage, rules: rules)
        let enrolment = try enrolmentFee(whole: whole, share: share, rounding: rules.rounding)
        if let share {
            if policy.billing == .monthly && share.unit == .months { quantity = Int64(share.kept) }
            let total = share.unit.text(share.total)
            trace.append(
                TraceStep(
                    zh: "  \(usage.enrolledFrom) 起报名，按 \(share.kept)/\(total.zh)收取 \(enrolment.formatted())",
                    en: "  enrolled from \(usage.enrolledFrom), \(share.kept) of \(total.en) charged: \(enrolment.formatted())",
                    amount: enrolment))
        }
        var gross = enrolment
        if usage.withdrawnOn != nil {
            gross = try keptAfterWithdrawal(full: enrolment, policy: policy, usage: usage, rules: rules, trace: &trace)
        }
        if usage.cancelledLessons > 0, policy.refund.cancelled != .none, usage.termLessons > 0 {
            let credit = try enrolment.scaled(
                by: Int64(usage.cancelledLessons), over: Int64(usage.termLessons), rounding: rules.rounding)
            gross = try gross - credit
            trace.append(
                TraceStep(
                    zh: "  停课 \(usage.cancelledLessons)/\(usage.termLessons) 次按比例退还 \(credit.formatted())",
                    en: "  \(usage.cancelledLessons) of \(usage.termLessons) sessions cancelled, pro rata \(credit.formatted())",
                    amount: try -credit))
        }
        return Billed(gross: gross, quantity: quantity, fullTerm: enrolment)
    }
}
