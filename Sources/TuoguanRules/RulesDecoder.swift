import TOMLKit
import TuoguanCore

/// Walks a parsed rules file, reads every value into `PlanRules` and collects every problem on the way
/// (it never stops at the first one), each placed at FILE:LINE:COL with its key path and the line's text.
///
/// The readers (`string`, `int`, `amount` …) return nil after reporting a problem, so the caller goes on with
/// the next key; ``RulesLoader`` throws all the problems together at the end.
final class RulesDecoder {
    let file: String
    let locator: TOMLKeyLocator
    private(set) var problems: [TuoguanError] = []

    init(file: String, locator: TOMLKeyLocator) {
        self.file = file
        self.locator = locator
    }

    // MARK: - Reporting

    /// Where `path` is written: its value (`onValue`) or its key; an unwritten key points at its table.
    func location(of path: String, onValue: Bool = true) -> (SourceLocation, excerpt: String?) {
        if let p = locator.position(of: path) {
            let excerpt = locator.line(p.line).map { $0.trimmedSpaces() }
            return (SourceLocation(file: file, line: p.line, column: onValue ? p.valueColumn : p.column, key: path), excerpt)
        }
        if let (_, p) = locator.nearest(to: path) {
            let excerpt = locator.line(p.line).map { $0.trimmedSpaces() }
            return (SourceLocation(file: file, line: p.line, column: p.column, key: path), excerpt)
        }
        // A top-level key that is not written anywhere: the top of the file.
        return (SourceLocation(file: file, line: 1, key: path), nil)
    }

    func report(
        _ code: TuoguanError.Code = .rulesInvalid, at path: String, onValue: Bool = true, zh: String, en: String,
        fix: LocalizedText? = nil
    ) {
        let (location, excerpt) = self.location(of: path, onValue: onValue)
        problems.append(TuoguanError(code, zh: zh, en: en, fix: fix, at: location, excerpt: excerpt))
    }

    /// Reports an error made elsewhere (e.g. by `Money(parsing:)`), placed at `path`.
    func report(_ error: TuoguanError, at path: String) {
        let (location, excerpt) = self.location(of: path)
        var placed = error
        placed.location = location
        placed.excerpt = excerpt
        problems.append(placed)
    }

    func reportMissing(_ key: String, in prefix: String, example: String) {
        let path = TOMLKeyLocator.join(prefix, key)
        let whereEn = prefix.isEmpty ? " near the top of the file" : " under \(RulesDecoder.tableLabel(prefix))"
        let whereZh = prefix.isEmpty ? "（写在文件开头部分）" : "（写在 \(RulesDecoder.tableLabel(prefix)) 下）"
        report(
            at: path, onValue: false, zh: "缺少必填项 `\(key)`", en: "missing required key `\(key)`",
            fix: LocalizedText(zh: "加上一行 `\(example)`\(whereZh)", en: "add a line `\(example)`\(whereEn)"))
    }

    func reportType(_ path: String, expected: LocalizedText, found: TOMLType, fix: LocalizedText? = nil) {
        let key = RulesDecoder.leaf(of: path)
        let found = RulesVocabulary.typeName(found)
        report(
            at: path, zh: "`\(key)` 应为\(expected.zh)，而不是\(found.zh)",
            en: "`\(key)` must be \(expected.en), not \(found.en)", fix: fix)
    }

    /// `[policies.x]`; `` `split.pools[1]` `` for an element of an array of tables.
    static func tableLabel(_ prefix: String) -> String {
        if prefix.hasSuffix("]") { return "`\(prefix)`" }
        return "[\(prefix)]"
    }

    /// `policies.x.price` → `price`; `split.pools[1]` → `pools[1]`.
    static func leaf(of path: String) -> String {
        if let dot = path.lastIndex(of: ".") { return String(path[path.index(after: dot)...]) }
        return path
    }

    // MARK: - Keys

    /// Reports every key of `table` that is not in `known`, with the nearest known key.
    func checkKeys(_ table: TOMLTable, _ prefix: String, known: [String]) {
        for key in table.keys where !known.contains(key) {
            let path = TOMLKeyLocator.join(prefix, key)
            let allowed = known.joined(separator: ", ")
            if let suggestion = RulesVocabulary.nearest(to: key, in: known) {
                report(
                    at: path, onValue: false, zh: "未知的键 `\(key)`；是不是想写 `\(suggestion)`？",
                    en: "unknown key `\(key)`; did you mean `\(suggestion)`?",
                    fix: LocalizedText(zh: "此处可用的键：\(allowed)", en: "the keys allowed here are: \(allowed)"))
            } else {
                report(
                    at: path, onValue: false, zh: "未知的键 `\(key)`", en: "unknown key `\(key)`",
                    fix: LocalizedText(zh: "此处可用的键：\(allowed)", en: "the keys allowed here are: \(allowed)"))
            }
        }
    }

    /// Reports an id (of a policy, category, duty or pool) that is not plain ASCII.
    @discardableResult
    func checkIdentifier(_ id: String, at path: String, onValue: Bool = false) -> Bool {
        let ok = !id.isEmpty && id.unicodeScalars.allSatisfy { s in
            (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") || s == "_" || s == "-"
        }
        if !ok {
            report(
                at: path, onValue: onValue, zh: "“\(id)”不能用作编号", en: "\"\(id)\" cannot be used as an id",
                fix: LocalizedText(
                    zh: "编号只用英文字母、数字、_ 和 -（如 left_behind）；中文名写在 name 里",
                    en: "ids use ASCII letters, digits, _ and - only (like left_behind); put the Chinese name in `name`"))
        }
        return ok
    }

    // MARK: - Typed readers

    func has(_ table: TOMLTable, _ key: String) -> Bool { table[key] != nil }

    func string(_ table: TOMLTable, _ prefix: String, _ key: String, required example: String? = nil) -> String? {
        let path = TOMLKeyLocator.join(prefix, key)
        guard let value = table[key] else {
            if let example { reportMissing(key, in: prefix, example: example) }
            return nil
        }
        guard let s = value.string else {
            reportType(path, expected: LocalizedText(zh: "字符串", en: "a string"), found: value.type)
            return nil
        }
        if example != nil && s.trimmedSpaces().isEmpty {
            report(
                at: path, zh: "`\(key)` 不能为空", en: "`\(key)` is empty",
                fix: LocalizedText(zh: "写上内容，如 `\(example!)`", en: "fill it in, like `\(example!)`"))
            return nil
        }
        return s
    }

    func int(
        _ table: TOMLTable, _ prefix: String, _ key: String, range: ClosedRange<Int>, required example: String? = nil
    ) -> Int? {
        let path = TOMLKeyLocator.join(prefix, key)
        guard let value = table[key] else {
            if let example { reportMissing(key, in: prefix, example: example) }
            return nil
        }
        return int(value, at: path, range: range)
    }

    func int(_ value: TOMLValueConvertible, at path: String, range: ClosedRange<Int>) -> Int? {
        guard let n = value.int else {
            reportType(path, expected: LocalizedText(zh: "整数", en: "an integer"), found: value.type)
            return nil
        }
        guard range.contains(n) else {
            let key = RulesDecoder.leaf(of: path)
            report(
                at: path, zh: "`\(key)` 为 \(n)，超出范围 \(range.lowerBound)–\(range.upperBound)",
                en: "`\(key)` is \(n), outside \(range.lowerBound)–\(range.upperBound)",
                fix: LocalizedText(
                    zh: "写一个 \(range.lowerBound) 到 \(range.upperBound) 之间的整数",
                    en: "write a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return n
    }

    func bool(_ table: TOMLTable, _ prefix: String, _ key: String) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let b = value.bool else {
            reportType(
                TOMLKeyLocator.join(prefix, key), expected: LocalizedText(zh: "布尔值（true 或 false）", en: "true or false"),
                found: value.type)
            return nil
        }
        return b
    }

    func date(_ table: TOMLTable, _ prefix: String, _ key: String, required example: String? = nil) -> CivilDate? {
        guard let value = table[key] else {
            if let example { reportMissing(key, in: prefix, example: example) }
            return nil
        }
        return date(value, at: TOMLKeyLocator.join(prefix, key))
    }

    /// A TOML date (`2024-09-02`), or a string a person would write (`"2024-09-02"`, `"2024年9月2日"`).
    func date(_ value: TOMLValueConvertible, at path: String) -> CivilDate? {
        if let d = value.date {
            if let civil = CivilDate(year: d.year, month: d.month, day: d.day) { return civil }
            report(
                at: path, zh: "日期 \(d.year)-\(d.month)-\(d.day) 不在 1900–9999 年之间",
                en: "date \(d.year)-\(d.month)-\(d.day) is not between the years 1900 and 9999")
            return nil
        }
        if let s = value.string {
            if let civil = CivilDate(parsing: s) { return civil }
            report(
                at: path, zh: "“\(s)”不是日期", en: "\"\(s)\" is not a date",
                fix: LocalizedText(zh: "日期写成 2024-09-02（不加引号）", en: "write dates like 2024-09-02 (no quotes)"))
            return nil
        }
        reportType(
            path, expected: LocalizedText(zh: "日期（如 2024-09-02）", en: "a date (like 2024-09-02)"), found: value.type)
        return nil
    }

    func amount(_ table: TOMLTable, _ prefix: String, _ key: String) -> Money? {
        guard let value = table[key] else { return nil }
        return amount(value, at: TOMLKeyLocator.join(prefix, key))
    }

    /// An amount: a string parsed by `Money(parsing:)` (`"20.00"`), or a TOML integer of whole yuan (`20`).
    /// Floats are refused (they are not exact) and so are negative amounts.
    func amount(_ value: TOMLValueConvertible, at path: String) -> Money? {
        let key = RulesDecoder.leaf(of: path)
        var money: Money
        switch value.type {
        case .string:
            do {
                money = try Money(parsing: value.string ?? "")
            } catch let error as TuoguanError {
                report(error, at: path)
                return nil
            } catch {
                report(.internal, at: path, zh: "\(error)", en: "\(error)")
                return nil
            }
        case .int:
            do {
                money = try Money(yuan: Int64(value.int ?? 0))
            } catch let error as TuoguanError {
                report(error, at: path)
                return nil
            } catch {
                report(.internal, at: path, zh: "\(error)", en: "\(error)")
                return nil
            }
        case .double:
            let raw = locator.position(of: path)?.raw ?? (value.double.map { "\($0)" } ?? "")
            report(
                .badAmount, at: path, zh: "`\(key)` 写成了浮点数 \(raw)，金额必须精确",
                en: "`\(key)` is a floating-point number (\(raw)); amounts must be exact",
                fix: LocalizedText(zh: "给金额加上引号：\(key) = \"\(raw)\"", en: "quote the amount: \(key) = \"\(raw)\""))
            return nil
        default:
            reportType(path, expected: LocalizedText(zh: "金额（如 \"20.00\"）", en: "an amount (like \"20.00\")"), found: value.type)
            return nil
        }
        if money.isNegative {
            report(
                .badAmount, at: path, zh: "`\(key)` 为负数（\(money)），规则中的金额不能为负",
                en: "`\(key)` is negative (\(money)); amounts in rules are never negative",
                fix: LocalizedText(zh: "去掉负号", en: "write the amount without a minus sign"))
            return nil
        }
        return money
    }

    /// One of the spellings of `E` (`billing = "per_lesson"`), or `fallback` when the key is absent.
    func choice<E: RawRepresentable & CaseIterable>(
        _ table: TOMLTable, _ prefix: String, _ key: String, default fallback: E?, required example: String? = nil
    ) -> E? where E.RawValue == String {
        let path = TOMLKeyLocator.join(prefix, key)
        guard let value = table[key] else {
            if let example { reportMissing(key, in: prefix, example: example) }
            return fallback
        }
        guard let s = value.string else {
            reportType(path, expected: LocalizedText(zh: "字符串", en: "a string"), found: value.type)
            return nil
        }
        if let e = E(rawValue: s) { return e }
        reportSpelling(s, of: key, at: path, accepted: E.allCases.map(\.rawValue))
        return nil
    }

    func reportSpelling(
        _ word: String, of key: String, zhLabel: String? = nil, at path: String, accepted: [String], acceptedText: String? = nil
    ) {
        let zhKey = zhLabel ?? " \(key) 取值"
        let list = acceptedText ?? accepted.joined(separator: ", ")
        let fix = LocalizedText(zh: "可用的取值：\(list)", en: "accepted: \(list)")
        if let suggestion = RulesVocabulary.nearest(to: word, in: accepted) {
            report(
                at: path, zh: "未知的\(zhKey) `\(word)`；是不是想写 `\(suggestion)`？",
                en: "unknown \(key) `\(word)`; did you mean `\(suggestion)`?", fix: fix)
        } else {
            report(at: path, zh: "未知的\(zhKey) `\(word)`", en: "unknown \(key) `\(word)`", fix: fix)
        }
    }

    func table(_ parent: TOMLTable, _ prefix: String, _ key: String) -> TOMLTable? {
        guard let value = parent[key] else { return nil }
        guard let t = value.table else {
            reportType(TOMLKeyLocator.join(prefix, key), expected: LocalizedText(zh: "表", en: "a table"), found: value.type)
            return nil
        }
        return t
    }

    func array(_ parent: TOMLTable, _ prefix: String, _ key: String) -> TOMLArray? {
        guard let value = parent[key] else { return nil }
        guard let a = value.array else {
            reportType(TOMLKeyLocator.join(prefix, key), expected: LocalizedText(zh: "数组", en: "an array"), found: value.type)
            return nil
        }
        return a
    }

    /// The tables of an array (`[[split.pools]]` or `pools = [{ … }]`), with their paths.
    func tables(_ parent: TOMLTable, _ prefix: String, _ key: String) -> [(TOMLTable, String)] {
        guard let array = array(parent, prefix, key) else { return [] }
        var out: [(TOMLTable, String)] = []
        for (i, element) in array.enumerated() {
            let path = TOMLKeyLocator.join(prefix, key) + "[\(i)]"
            guard let t = element.table else {
                reportType(path, expected: LocalizedText(zh: "表", en: "a table"), found: element.type)
                continue
            }
            out.append((t, path))
        }
        return out
    }
}

extension String {
    func trimmedSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
