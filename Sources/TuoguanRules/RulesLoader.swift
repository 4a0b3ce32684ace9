import Foundation
import TOMLKit
import TuoguanCore

/// Reads a school's rules file (`rules/*.toml`, documented in `rules/README.md`) into ``PlanRules``.
///
/// Everything is validated and every problem is reported at once: the thrown ``TuoguanError`` is the first
/// problem, with the others in its `more`, each placed at `FILE:LINE:COL (key.path)` with the line's text
/// and a fix, in Chinese and English.
///
/// ```swift
/// let rules = try RulesLoader.load(path: "rules/xiwei-monthly.toml")
/// rules.policies["basic"]?.price      // 40.00 (per month)
/// rules.policies["basic"]?.months     // 4
///
/// do {
///     _ = try RulesLoader.parse("schema = 1\nlesson_minute = 40\n", file: "bad.toml")
/// } catch let error as TuoguanError {
///     print(error.rendered(.en))
///     // bad.toml:2:1 (lesson_minute): unknown key `lesson_minute`; did you mean `lesson_minutes`? [rules-invalid] …
/// }
/// ```
public enum RulesLoader {
    /// Reads and validates the rules file at `path`.
    ///
    /// - Throws: ``TuoguanError`` with code `fileMissing` when there is no such file, otherwise as ``parse(_:file:)``.
    public static func load(path: String) throws -> PlanRules {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw TuoguanError(
                .fileMissing, zh: "找不到规则文件“\(path)”", en: "rules file \"\(path)\" not found",
                fix: LocalizedText(
                    zh: "检查路径；规则文件放在 rules/ 目录下，如 rules/one-plus-x.toml",
                    en: "check the path; rules files live in rules/, like rules/one-plus-x.toml"),
                at: SourceLocation(file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TuoguanError(
                .fileMissing, zh: "无法读取规则文件“\(path)”", en: "cannot read rules file \"\(path)\"",
                fix: LocalizedText(zh: "检查文件权限", en: "check the file's permissions"), at: SourceLocation(file: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw TuoguanError(
                .rulesSyntax, zh: "规则文件“\(path)”不是 UTF-8 文本", en: "rules file \"\(path)\" is not UTF-8 text",
                fix: LocalizedText(zh: "用 UTF-8 编码另存此文件", en: "save the file as UTF-8"),
                at: SourceLocation(file: path))
        }
        return try parse(text, file: path)
    }

    /// Parses and validates the text of a rules file; `file` is the name used in error locations.
    ///
    /// - Throws: ``TuoguanError``: `rulesSyntax` for TOML that does not parse (at TOMLKit's line and column),
    ///   `rulesSchema` for a missing or newer `schema`, `rulesInvalid` or `badAmount` for everything else —
    ///   the first problem with every other one in `more`, in the order of the file's lines.
    public static func parse(_ text: String, file: String) throws -> PlanRules {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let locator = TOMLKeyLocator(text: text)
        if let (line, column, problem) = TOMLPrecheck.firstProblem(in: text) {
            let (message, fix): (LocalizedText, LocalizedText) =
                switch problem {
                case .headerWithoutName:
                    (
                        LocalizedText(zh: "TOML 语法错误：表头的“[”后面应是表名", en: "TOML syntax error: a table header needs a name after `[`"),
                        LocalizedText(zh: "表头写成 [policies.x] 或 [[split.pools]]", en: "write headers like [policies.x] or [[split.pools]]")
                    )
                case .braceInArray:
                    (
                        LocalizedText(zh: "TOML 语法错误：数组中多了一个“}”", en: "TOML syntax error: a `}` inside an array"),
                        LocalizedText(
                            zh: "数组写成 [ {…}, {…} ]：每个“{”配一个“}”，数组以“]”结束",
                            en: "write arrays like [ {…}, {…} ]: one `}` for each `{`, and `]` at the end")
                    )
                case .dateThenDigit:
                    (
                        LocalizedText(zh: "TOML 语法错误：日期后面跟着一个数字", en: "TOML syntax error: a date followed by a number"),
                        LocalizedText(
                            zh: "日期写成 2024-09-02；日期和时间写成 2024-09-02T16:30:00",
                            en: "write a date as 2024-09-02, a date and time as 2024-09-02T16:30:00")
                    )
                }
            throw TuoguanError(
                .rulesSyntax, zh: message.zh, en: message.en, fix: fix, at: SourceLocation(file: file, line: line, column: column),
                excerpt: locator.line(line).map { $0.trimmedSpaces() })
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw syntaxError(error, file: file, locator: locator)
        }
        let decoder = RulesDecoder(file: file, locator: locator)
        let plan = decoder.decodePlan(root)
        if let plan, decoder.problems.isEmpty { return plan }
        // In the order of the file, problems without a line last; stable for problems on the same line.
        let ordered = decoder.problems.enumerated().sorted { a, b in
            let la = a.element.location?.line ?? Int.max
            let lb = b.element.location?.line ?? Int.max
            if la != lb { return la < lb }
            let ca = a.element.location?.column ?? 0
            let cb = b.element.location?.column ?? 0
            if ca != cb { return ca < cb }
            return a.offset < b.offset
        }.map(\.element)
        throw TuoguanError.collecting(ordered)
            ?? TuoguanError(.internal, zh: "规则文件无法读取，原因不明", en: "the rules file could not be read, for no known reason")
    }

    static func syntaxError(_ error: TOMLParseError, file: String, locator: TOMLKeyLocator) -> TuoguanError {
        let line = error.source.begin.line
        let column = error.source.begin.column
        return TuoguanError(
            .rulesSyntax, zh: "TOML 语法错误：\(error.description)", en: "TOML syntax error: \(error.description)",
            fix: LocalizedText(
                zh: "检查这一行的写法：`键 = 值`，字符串加双引号，日期写成 2024-09-02，表头写成 [policies.x]",
                en: "check this line: `key = value`, strings in double quotes, dates like 2024-09-02, headers like [policies.x]"),
            at: SourceLocation(file: file, line: line > 0 ? line : nil, column: column > 0 ? column : nil),
            excerpt: locator.line(line).map { $0.trimmedSpaces() })
    }
}
