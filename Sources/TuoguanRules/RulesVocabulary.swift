import TOMLKit
import TuoguanCore

/// The keys a rules file may use, table by table (documented in `rules/README.md`), and the helpers that
/// turn a misspelling into a suggestion.
enum RulesVocabulary {
    static let topLevel = [
        "schema", "school", "plan", "term", "starts", "ends", "lesson_minutes", "collector", "rounding",
        "service_weekdays", "no_service", "make_up_days", "categories", "policies", "split", "points", "limits",
        "timetable", "disclosure", "term_name", "timezone", "sign_off", "notices",
        "banks", "year",
    ]
    static let year = ["starts_month", "family_balances", "pool_balances", "top_grade", "classes"]
    static let noServiceDay = ["date", "from", "to", "reason"]
    static let makeUpDay = ["date", "follows"]
    static let category = ["name", "waives", "waive_percent", "priority"]
    static let policy = [
        "name", "billing", "price", "months", "prepay", "settle", "use", "refund", "min_enrollment", "capacity",
        "duty", "subsidy_per_student_hour", "outside_pay_per_lesson", "outside_institution", "late_start",
    ]
    static let refund = ["personal_leave", "cancelled", "withdrawal"]
    static let split = ["basis", "pools"]
    static let pool = ["id", "name", "percent", "shared_by"]
    static let limits = ["budget_per_student_year", "outside_share_max_percent", "group_size", "students_per_teacher"]
    static let timeSlot = ["grades", "season", "start", "end"]
    static let seasons = ["winter", "summer", "all"]
    static let disclosure = ["names", "from", "to", "contact"]
    static let signOff = ["prepared_by", "reviewed_by", "finance_group"]
    static let notices = ["pay_how", "pay_by", "collect_how", "collect_by"]

    /// The closest candidate to `word` when it is close enough to be a likely misspelling.
    static func nearest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let tolerance = max(2, min(word.count, candidate.count) / 3)
        return d <= tolerance ? candidate : nil
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }

    static func typeName(_ type: TOMLType) -> LocalizedText {
        switch type {
        case .table: return LocalizedText(zh: "表", en: "a table")
        case .array: return LocalizedText(zh: "数组", en: "an array")
        case .string: return LocalizedText(zh: "字符串", en: "a string")
        case .int: return LocalizedText(zh: "整数", en: "an integer")
        case .double: return LocalizedText(zh: "浮点数", en: "a floating-point number")
        case .bool: return LocalizedText(zh: "布尔值", en: "a boolean")
        case .date: return LocalizedText(zh: "日期", en: "a date")
        case .time: return LocalizedText(zh: "时刻", en: "a time")
        case .dateTime: return LocalizedText(zh: "日期时间", en: "a date-time")
        }
    }
}
