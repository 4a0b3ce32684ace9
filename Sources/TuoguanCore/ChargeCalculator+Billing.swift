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

        /// Units of `lessons` lessons whose sessions' own minutes are `minutes` (nil: not known, each
        /// `lesson_minutes` long): the lessons for `per_lesson`, the minutes for `per_student_hour`.
        func units(lessons: Int, minutes: Int64?) -> Int64 {
            lessonMinutes == nil ? Int64(lessons) : (minutes ?? units(lessons: lessons))
        }

        /// What `units` (lessons or minutes) cost, rounded once.
        func value(units: Int64) throws -> Money {
            lessonMinutes == nil ? try price * units : try price.scaled(by: units, over: 60, rounding: rounding)
        }

        func value(lessons: Int) throws -> Money { try value(units: units(lessons: lessons)) }

        /// `units` priced: the step's product (`× 20.00 = 240.00`, or `480 minutes × 3.00/hour ÷ 60 = 24.00`).
        func product(_ units: Int64, _ amount: Money) -> ChargeStep.Metered {
            ChargeStep.Metered(units: units, price: price, perStudentHour: lessonMinutes != nil, amount: amount)
        }
    }

    /// `settle = "actual_use"`: what was used — lessons present or unrecorded (and absent without leave with
    /// `use = "present_or_absent"`); for `per_student_hour` each lesson used by its session's own minutes.
    /// Cancelled lessons are never used.
    static func chargeByUse(
        meter: Meter, policy: Policy, usage: CourseUsage, label: (course: String, policy: String),
        log: inout StepLog<ChargeStep>
    ) throws -> Billed {
        let counted = usage.present + usage.unrecorded + (policy.use == .presentOrAbsent ? usage.absent : 0)
        let units: Int64
        if let m = usage.minutes, meter.lessonMinutes != nil {
            // Every lesson by its session's own minutes: present, unrecorded (held less the recorded ones),
            // and absent too with `use = "present_or_absent"`.
            let unrecorded = max(0, m.held - usage.minutesPresent - m.leave - m.absent)
            units = usage.minutesPresent + unrecorded + (policy.use == .presentOrAbsent ? m.absent : 0)
        } else if let minutes = meter.lessonMinutes {
            // Minutes not known: present lessons by their sessions' minutes, the others at `lesson_minutes`.
            units = usage.minutesPresent + Int64(counted - usage.present) * minutes
        } else {
            units = Int64(counted)
        }
        let gross = try meter.value(units: units)
        log.record(
            .byUse(
                course: label.course, policy: label.policy, attended: usage.present + usage.unrecorded,
                absent: policy.use == .presentOrAbsent ? usage.absent : nil, product: meter.product(units, gross)))
        let term = meter.units(lessons: usage.termLessons, minutes: usage.minutes?.term)
        return Billed(gross: gross, quantity: units, fullTerm: try meter.value(units: term))
    }

    /// Not settled by use: the lessons held while enrolled, plus those after a withdrawal that is not
    /// refunded and cancelled ones that are not; less leave as `refund.personal_leave` says; a withdrawal by
    /// `percent:P` keeps (100 − P)% of the lessons after it; `full` gives everything back.
    static func chargeScheduled(
        meter: Meter, policy: Policy, usage: CourseUsage, label: (course: String, policy: String),
        log: inout StepLog<ChargeStep>
    ) throws -> Billed {
        let rounding = meter.rounding
        let withdrawn = usage.withdrawnOn != nil
        // The lessons from the withdrawal on: the term's less the window's (held, cancelled or still to come).
        let lessonsAfterWithdrawal = max(0, usage.termLessons - (usage.windowLessons ?? (usage.heldLessons + usage.cancelledLessons)))
        let afterWithdrawal = policy.refund.withdrawal == .none && withdrawn ? lessonsAfterWithdrawal : nil
        let cancelled = policy.refund.cancelled == .none && usage.cancelledLessons > 0 ? usage.cancelledLessons : nil
        let lessons = usage.heldLessons + (afterWithdrawal ?? 0) + (cancelled ?? 0)
        let m = usage.minutes
        let minutesAfterWithdrawal = m.map { max(0, $0.term - $0.window) }
        let units = meter.units(
            lessons: lessons,
            minutes: m.map { $0.held + (afterWithdrawal != nil ? minutesAfterWithdrawal ?? 0 : 0) + (cancelled != nil ? $0.cancelled : 0) })
        var gross = try meter.value(units: units)
        let leaveCredit = try leaveCredit(meter: meter, policy: policy, usage: usage)
        log.record(
            .scheduled(
                course: label.course, policy: label.policy, held: usage.heldLessons, afterWithdrawal: afterWithdrawal,
                cancelled: cancelled, leaveCharged: usage.leave > 0 && policy.refund.personalLeave == .none ? usage.leave : nil,
                product: meter.product(units, gross)))
        if !leaveCredit.isZero {
            gross = try gross - leaveCredit
            log.record(.leaveCredited(lessons: usage.leave, amount: leaveCredit))
        }
        if case .percent(let p) = policy.refund.withdrawal, withdrawn, lessonsAfterWithdrawal > 0 {
            // percent:P refunds P% of the remaining lessons: the rest of them is still charged.
            let remaining = try meter.value(units: meter.units(lessons: lessonsAfterWithdrawal, minutes: minutesAfterWithdrawal))
            let kept = try remaining - remaining.scaled(by: Int64(p), over: 100, rounding: rounding)
            gross = try gross + kept
            log.record(.keptAfterWithdrawal(lessons: lessonsAfterWithdrawal, percent: p, amount: kept))
        }
        if policy.refund.withdrawal == .full, withdrawn {
            log.record(.withdrawalRefundedInFull(amount: gross))
            gross = .zero
        }
        let term = meter.units(lessons: usage.termLessons, minutes: m?.term)
        return Billed(gross: gross, quantity: units, fullTerm: try meter.value(units: term))
    }

    /// What the lessons on leave give back, as `refund.personal_leave` says: nothing (`none`), `percent:P` of
    /// their value, or all of it.
    static func leaveCredit(meter: Meter, policy: Policy, usage: CourseUsage) throws -> Money {
        guard usage.leave > 0 else { return .zero }
        let value = try meter.value(units: meter.units(lessons: usage.leave, minutes: usage.minutes?.leave))
        switch policy.refund.personalLeave {
        case .none:
            return .zero
        case .percent(let p):
            return try value.scaled(by: Int64(p), over: 100, rounding: meter.rounding)
        default:
            return value
        }
    }

    /// `monthly` and `per_term`: the enrolment's fee (the whole term's, shortened for a late start by
    /// `late_start`), then the withdrawal and the cancelled lessons' pro-rata share.
    static func chargeFlat(
        course: String, policy: Policy, usage: CourseUsage, rules: PlanRules, log: inout StepLog<ChargeStep>
    ) throws -> Billed {
        let price = policy.price
        let whole = policy.billing == .monthly ? try price * policy.months : price
        var quantity = policy.billing == .monthly ? Int64(policy.months) : 1
        if policy.billing == .monthly {
            log.record(.monthly(course: course, policy: policy.name, price: price, months: policy.months, amount: whole))
        } else {
            log.record(.perTerm(course: course, policy: policy.name, amount: whole))
        }
        let share = lateStartShare(policy: policy, usage: usage, rules: rules)
        let enrolment = try enrolmentFee(whole: whole, share: share, rounding: rules.rounding)
        if let share {
            if policy.billing == .monthly && share.unit == .months { quantity = Int64(share.kept) }
            log.record(.lateStart(from: usage.enrolledFrom, share: share, amount: enrolment))
        }
        var gross = enrolment
        if usage.withdrawnOn != nil {
            gross = try keptAfterWithdrawal(full: enrolment, policy: policy, usage: usage, rules: rules, log: &log)
        }
        if usage.cancelledLessons > 0, policy.refund.cancelled != .none, usage.termLessons > 0 {
            let credit = try enrolment.scaled(
                by: Int64(usage.cancelledLessons), over: Int64(usage.termLessons), rounding: rules.rounding)
            gross = try gross - credit
            log.record(.cancelledProRata(cancelled: usage.cancelledLessons, of: usage.termLessons, amount: credit))
        }
        return Billed(gross: gross, quantity: quantity, fullTerm: enrolment)
    }
}
