/// The edges of an enrolment: how much of a `monthly` or `per_term` fee a late start keeps (`late_start`),
/// and how much a withdrawal keeps (`refund.withdrawal`), each counted in its rule's unit.
extension ChargeCalculator {
    /// `kept` units of `total`, in `unit`.
    public struct Share: Sendable, Equatable, Hashable {
        public var kept: Int
        public var total: Int
        public var unit: ProRataUnit
    }

    typealias WithdrawalShare = Share

    /// The part of the whole term's fee an enrolment starting on `usage.enrolledFrom` is charged, by the
    /// policy's `late_start`; nil when the whole term is charged (started in time, or `late_start = "none"`).
    ///
    /// ```swift
    /// // 溪尾 (40.00 × 4 months, term 09-02 … 01-17), enrolled from 12-01: December and January have
    /// // service days inside the enrolment → Share(kept: 2, total: 4, unit: .months) → 80.00.
    /// ```
    static func lateStartShare(policy: Policy, usage: CourseUsage, rules: PlanRules) -> Share? {
        guard let unit = policy.effectiveLateStart.unit else { return nil }
        if unit == .lessons {
            let total = usage.courseLessons ?? usage.termLessons
            guard total > usage.termLessons else { return nil }
            return Share(kept: usage.termLessons, total: total, unit: .lessons)
        }
        guard usage.enrolledFrom > rules.starts else { return nil }
        let total = termUnits(unit, policy: policy, rules: rules)
        let inside = min(total, units(unit, from: usage.enrolledFrom, until: nil, rules: rules))
        guard inside < total else { return nil }
        return Share(kept: inside, total: total, unit: unit)
    }

    /// The fee of a `monthly` or `per_term` enrolment before any refundable event: the whole term's
    /// (price × months, or price), shortened for a late start by `late_start`, rounded once. Zero for other
    /// billings (they are priced by the lesson or the minute).
    ///
    /// ```swift
    /// // 60.00 a month × 2 (November–December), enrolled from 12-01 → 1 of 2 months → 60.00
    /// try ChargeCalculator.enrolmentFee(policy: monthly, usage: u, rules: rules)
    /// ```
    public static func enrolmentFee(policy: Policy, usage: CourseUsage, rules: PlanRules) throws -> Money {
        guard policy.billing == .monthly || policy.billing == .perTerm else { return .zero }
        let whole = policy.billing == .monthly ? try policy.price * policy.months : policy.price
        return try enrolmentFee(
            whole: whole, share: lateStartShare(policy: policy, usage: usage, rules: rules), rounding: rules.rounding)
    }

    /// The whole term's fee × the late start's share, rounded once (the whole fee without a share).
    static func enrolmentFee(whole: Money, share: Share?, rounding: RoundingRule) throws -> Money {
        guard let share else { return whole }
        return try whole.scaled(by: Int64(share.kept), over: Int64(share.total), rounding: rounding)
    }

    /// What a withdrawal on `usage.withdrawnOn` keeps of the enrolment, in the unit of `refund.withdrawal`,
    /// counted from the enrolment's first day: lessons before the date of the enrolment's lessons
    /// (`remaining_lessons`, `percent:P`), service days (`per_day`), or months / half-months with a service
    /// day before the date, at most as many as the enrolment is charged for (`month`, `half_month`). nil
    /// without a withdrawal or for `none` / `full`.
    static func withdrawalShare(policy: Policy, usage: CourseUsage, rules: PlanRules) -> Share? {
        guard let date = usage.withdrawnOn, let unit = policy.refund.withdrawal.unit else { return nil }
        let from = usage.enrolledFrom
        switch unit {
        case .lessons:
            // Every lesson of the window before the date: held, cancelled, or still to come (a timetable's).
            let before = min(usage.termLessons, usage.windowLessons ?? (usage.heldLessons + usage.cancelledLessons))
            return Share(kept: before, total: usage.termLessons, unit: .lessons)
        case .days:
            return Share(
                kept: units(.days, from: from, until: date, rules: rules),
                total: units(.days, from: from, until: nil, rules: rules), unit: .days)
        case .months, .halfMonths:
            let total = min(
                termUnits(unit, policy: policy, rules: rules), units(unit, from: from, until: nil, rules: rules))
            return Share(kept: min(total, units(unit, from: from, until: date, rules: rules)), total: total, unit: unit)
        }
    }

    /// What a withdrawal gives back, counted in its rule's unit (3 half-months, 2 months, 14 service days,
    /// 7 lessons), for the refund's record; nil when the rule counts nothing (`none`, `full`) or the student
    /// has not withdrawn. `usage` is the enrolment with `withdrawnOn` set.
    ///
    /// ```swift
    /// // 溪尾, half-month withdrawal on 10-10 from a term enrolled from 09-02: 3 of 8 half-months kept
    /// ChargeCalculator.withdrawalRefundUnits(policy: monthly, usage: u, rules: rules)   // (5, .halfMonths)
    /// ```
    public static func withdrawalRefundUnits(policy: Policy, usage: CourseUsage, rules: PlanRules) -> (
        count: Int, unit: ProRataUnit
    )? {
        guard let share = withdrawalShare(policy: policy, usage: usage, rules: rules) else { return nil }
        return (max(0, share.total - share.kept), share.unit)
    }

    /// The term's units a fee is shared over: the term's months, half-months or service days that have a
    /// service day; for `monthly`, at most its `months` (or twice as many half-months), so that each month
    /// charged is one of the price's months.
    static func termUnits(_ unit: ProRataUnit, policy: Policy, rules: PlanRules) -> Int {
        let count = max(1, units(unit, from: rules.starts, until: nil, rules: rules))
        if policy.billing == .monthly && policy.months > 0 {
            if unit == .months { return min(policy.months, count) }
            if unit == .halfMonths { return min(2 * policy.months, count) }
        }
        return count
    }

    /// Calendar months, half-months (1st–15th, 16th–end) or days with a service day in [from, until) of the
    /// term (nil `until`: to the term's last day). Lessons are not dates: counted by the store.
    static func units(_ unit: ProRataUnit, from: CivilDate, until: CivilDate?, rules: PlanRules) -> Int {
        var seen = Set<Int>()
        var days = 0
        var d = max(from, rules.starts)
        while d <= rules.ends, until == nil || d < until! {
            if rules.isServiceDay(d) {
                days += 1
                let month = d.year * 12 + d.month
                seen.insert(unit == .halfMonths ? month * 2 + (d.day >= 16 ? 1 : 0) : month)
            }
            d = d.adding(days: 1)
        }
        return unit == .days || unit == .lessons ? days : seen.count
    }
}
