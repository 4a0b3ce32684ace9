import TOMLKit
import TuoguanCore

/// What a changed rules file would change, key by key, each with what recorded money it could reach.
///
/// Both texts must be valid rules files (``RulesLoader/parse(_:file:)`` first). Comments and layout are not
/// changes; `no_service` and `make_up_days` are compared day by day (a range written otherwise with the same
/// days is no change).
///
/// ```swift
/// let changes = try RulesDiff.changes(from: oldText, to: newText)
/// changes.map(\.key)     // ["disclosure.contact", "policies.x.price"]
/// ```
public enum RulesDiff {
    /// The changes from the rules in force (`old`) to a file's (`new`), in key order.
    public static func changes(from old: String, to new: String) throws -> [RulesChange] {
        let oldPlan = try RulesLoader.parse(old, file: "old.toml")
        let newPlan = try RulesLoader.parse(new, file: "new.toml")
        let before = flatten(try TOMLTable(string: stripBOM(old)))
        let after = flatten(try TOMLTable(string: stripBOM(new)))
        var changes: [RulesChange] = []
        for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
            changes.append(RulesChange(key: key, old: before[key], new: after[key], reach: reach(of: key)))
        }
        changes += dayChanges(oldPlan, newPlan)
        return changes
    }

    /// What the value at `key` reaches (see ``RulesChange/Reach``).
    public static func reach(of key: String) -> RulesChange.Reach {
        let parts = key.split(separator: ".").map(String.init)
        let head = parts.first.map { $0.split(separator: "[").first.map(String.init) ?? $0 } ?? key
        let leaf = parts.last ?? key
        switch head {
        case "school", "plan", "term_name", "timezone", "disclosure", "notices", "sign_off", "limits", "timetable", "print",
            "banks":
            return .wording
        case "schema", "term":
            return .fixed
        case "starts", "ends", "service_weekdays", "lesson_minutes", "rounding", "collector":
            return .term
        case "split", "points":
            return parts.count == 3 && leaf == "name" ? .wording : .split
        case "policies" where parts.count >= 2:
            return ["name", "capacity", "min_enrollment"].contains(leaf) && parts.count == 3 ? .wording : .policy(parts[1])
        case "categories" where parts.count >= 2:
            return ["name", "priority"].contains(leaf) && parts.count == 3 ? .wording : .category(parts[1])
        default:
            return .term
        }
    }

    /// The no-service and make-up days added, removed or given another reason.
    static func dayChanges(_ old: PlanRules, _ new: PlanRules) -> [RulesChange] {
        var changes: [RulesChange] = []
        let before = Dictionary(old.noServiceDays.map { ($0.date, $0.reason) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.noServiceDays.map { ($0.date, $0.reason) }, uniquingKeysWith: { a, _ in a })
        for date in Set(before.keys).union(after.keys).sorted() where before[date] != after[date] {
            // Only the reason changed: the day stays without service, nothing is priced differently.
            let reach: RulesChange.Reach = before[date] != nil && after[date] != nil ? .wording : .day(date)
            changes.append(RulesChange(key: "no_service \(date)", old: before[date], new: after[date], reach: reach))
        }
        // A make-up day as written: 补课日, and the weekday whose timetable it follows (`follows`) when given.
        func madeUp(_ plan: PlanRules) -> [CivilDate: String] {
            Dictionary(
                plan.makeUpDays.map { date in (date, plan.makeUpFollows[date].map { "补课日（按星期\($0)课表）" } ?? "补课日") },
                uniquingKeysWith: { a, _ in a })
        }
        let madeUpBefore = madeUp(old)
        let madeUpAfter = madeUp(new)
        for date in Set(madeUpBefore.keys).union(madeUpAfter.keys).sorted() where madeUpBefore[date] != madeUpAfter[date] {
            changes.append(RulesChange(key: "make_up_days \(date)", old: madeUpBefore[date], new: madeUpAfter[date], reach: .day(date)))
        }
        return changes
    }

    /// Every value of the file by its key path, the days left out (compared by ``dayChanges(_:_:)``).
    static func flatten(_ table: TOMLTable) -> [String: String] {
        var out: [String: String] = [:]
        for key in table.keys where key != "no_service" && key != "make_up_days" {
            if let value = table[key] { add(value, at: key, to: &out) }
        }
        return out
    }

    static func add(_ value: TOMLValueConvertible, at path: String, to out: inout [String: String]) {
        if let table = value.table {
            for key in table.keys { if let v = table[key] { add(v, at: "\(path).\(key)", to: &out) } }
        } else if let array = value.array, (0..<array.count).contains(where: { array[$0].table != nil }) {
            for index in 0..<array.count { add(array[index], at: "\(path)[\(index)]", to: &out) }
        } else if let array = value.array {
            out[path] = "[" + (0..<array.count).map { text(array[$0]) }.joined(separator: ", ") + "]"
        } else {
            out[path] = text(value)
        }
    }

    /// A scalar as a person reads it: strings bare, dates `2024-09-02`.
    static func text(_ value: TOMLValueConvertible) -> String {
        if let s = value.string { return s }
        if let n = value.int { return String(n) }
        if let b = value.bool { return b ? "true" : "false" }
        if let d = value.date, let date = CivilDate(year: Int(d.year), month: Int(d.month), day: Int(d.day)) {
            return date.description
        }
        if let t = value.time {
            let pad = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
            return "\(pad(Int(t.hour))):\(pad(Int(t.minute)))"
        }
        return String(describing: value)
    }

    static func stripBOM(_ text: String) -> String {
        text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }
}
