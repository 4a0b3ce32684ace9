/// How a `monthly` or `per_term` fee is shortened for a student who enrols after the term began
/// (`late_start` in a policy; the same vocabulary as the withdrawal granularities). An enrolment runs from
/// its `from` day (included) to the day before `until` (the first day no longer attending), or to the term's
/// last day.
///
/// ```swift
/// // A November–December term at 60.00 a month, enrolled from 12-01, `late_start = "month"`:
/// // December has service days inside the enrolment, November none → 1 month × 60.00 = 60.00.
/// LateStartRule.month.unit   // .months
/// ```
public enum LateStartRule: String, Sendable, Equatable, CaseIterable {
    /// The whole term is charged, whenever the student starts.
    case none
    /// Each calendar month with a service day inside the enrolment (at most the policy's `months`).
    case month
    /// Each half-month (1st–15th, 16th–end) with a service day inside the enrolment.
    case halfMonth = "half_month"
    /// The share of the term's service days inside the enrolment.
    case perDay = "per_day"
    /// The share of the course's lessons of the term held inside the enrolment.
    case remainingLessons = "remaining_lessons"

    /// The unit the share is counted in; nil for `none`.
    public var unit: ProRataUnit? {
        switch self {
        case .none: return nil
        case .month: return .months
        case .halfMonth: return .halfMonths
        case .perDay: return .days
        case .remainingLessons: return .lessons
        }
    }
}

/// The unit a share of a term is counted in: what a refund line or a charge step speaks of.
///
/// ```swift
/// ProRataUnit.halfMonths.text(3).en   // "3 half-months"
/// ```
public enum ProRataUnit: String, Sendable, Equatable, CaseIterable, Codable {
    case lessons
    case days
    case halfMonths = "half_months"
    case months

    /// `3 个半月` / `3 half-months`.
    public func text(_ count: Int) -> LocalizedText {
        switch self {
        case .lessons: return LocalizedText(zh: "\(count) 课时", en: "\(count) \(count == 1 ? "lesson" : "lessons")")
        case .days: return LocalizedText(zh: "\(count) 个服务日", en: "\(count) service \(count == 1 ? "day" : "days")")
        case .halfMonths: return LocalizedText(zh: "\(count) 个半月", en: "\(count) \(count == 1 ? "half-month" : "half-months")")
        case .months: return LocalizedText(zh: "\(count) 个月", en: "\(count) \(count == 1 ? "month" : "months")")
        }
    }
}

extension Policy {
    /// The `late_start` rule in force: the policy's own, else `month` for `monthly` and `remaining_lessons`
    /// for `per_term` (other billings count lessons or minutes from the enrolment's first day already).
    public var effectiveLateStart: LateStartRule {
        if let lateStart { return lateStart }
        return billing == .monthly ? .month : billing == .perTerm ? .remainingLessons : .none
    }
}

extension RefundRule {
    /// The unit a withdrawal refund under this rule is counted in: lessons for `remaining_lessons` and
    /// `percent:P`, service days for `per_day`, half-months, months; nil for `none` and `full`.
    public var unit: ProRataUnit? {
        switch self {
        case .none, .full: return nil
        case .remainingLessons, .percent: return .lessons
        case .perDay: return .days
        case .halfMonth: return .halfMonths
        case .month: return .months
        }
    }
}
