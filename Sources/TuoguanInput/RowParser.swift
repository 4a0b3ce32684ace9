import TuoguanCore

/// Reads the rows of one import sheet into typed rows (``StudentRow``, ``AttendanceRow`` …): maps the
/// header, checks every field, and collects every problem at `FILE:LINE:COL` with the offending text and
/// what was expected. It never touches the ledger: whether an id is known is asked of a ``ReferenceCheck``
/// (the store's), so the messages come out in the order of the row's columns as before.
///
/// ```swift
/// let parser = RowParser(kind: .students, fileName: "s.csv", rules: rules)
/// try parser.readHeader(header)
/// if parser.isRecord(row), let student = parser.student(row) { … }  // else parser.errors says why
/// ```
public final class RowParser {
    public let kind: ImportKind
    public let fileName: String
    public let rules: PlanRules
    /// The worksheet being read, for a workbook: places are then cells (`考勤.xlsx:1年级1班!F7`).
    public var sheet: String?
    /// Every problem found, in the order found (the store adds its own, found while writing, in between).
    public var errors: [TuoguanError] = []
    /// Problems that do not stop the import (ignored columns …), in the same way.
    public var warnings: [TuoguanError] = []
    var columnIndex: [String: Int] = [:]
    /// The 姓名 column of a sheet that names people by id (``ImportKind/namedPeople``): each row's name is
    /// checked against the person of the id.
    public private(set) var personNameIndex: Int?
    var headerLine = 1
    /// Keys seen in this file, for duplicate rows: key → line.
    private var seen: [String: Int] = [:]
    private var dateCache: [String: CivilDate] = [:]

    public init(kind: ImportKind, fileName: String, rules: PlanRules) {
        self.kind = kind
        self.fileName = fileName
        self.rules = rules
    }

    /// The index of `column` in the header read last (nil when the sheet has no such column).
    public func index(of column: String) -> Int? { columnIndex[column] }

    // MARK: - Header

    /// Maps the header's columns (any of each column's spellings); reports a repeated or missing column, and
    /// warns once of the columns not used.
    public func readHeader(_ header: [TableField]) throws {
        headerLine = header.first?.line ?? 1
        columnIndex = [:]  // a workbook's sheets are read one after another
        personNameIndex = nil
        var problems: [TuoguanError] = []
        var ignored: [TableField] = []
        for (i, field) in header.enumerated() {
            let text = field.text.trimmedSpaces
            let lower = text.lowercased()
            if let column = kind.columns.first(where: { $0.spellings.contains(where: { $0.lowercased() == lower }) }) {
                if columnIndex[column.name] != nil {
                    problems.append(
                        TuoguanError(
                            .badInput, zh: "列“\(text)”重复", en: "column \"\(text)\" appears twice",
                            fix: LocalizedText(zh: "删去重复的列", en: "remove one of them"),
                            at: location(field), excerpt: field.text))
                } else {
                    columnIndex[column.name] = i
                }
            } else if let people = kind.namedPeople, personNameIndex == nil, Self.nameSpellings(people).contains(lower) {
                personNameIndex = i
            } else if !text.isEmpty {
                ignored.append(field)
            }
        }
        if let first = ignored.first { warnIgnored(ignored, at: first) }
        problems += missingColumns(header)
        if let error = TuoguanError.collecting(problems) { throw error }
    }

    /// One warning for all the columns not used: a workbook read back has a dozen columns of figures.
    private func warnIgnored(_ ignored: [TableField], at first: TableField) {
        let names = ignored.map { $0.text.trimmedSpaces }
        warnings.append(
            TuoguanError(
                .badInput, zh: "不用的列已忽略：" + names.joined(separator: "、"),
                en: (names.count == 1 ? "a column is not used and was" : "\(names.count) columns are not used and were") + " ignored: "
                    + names.joined(separator: ", "),
                fix: LocalizedText(
                    zh: "\(kind.chineseName)表用的列：" + kind.columns.map(\.zh).joined(separator: "、"),
                    en: "the columns used are: " + kind.columns.map(\.name).joined(separator: ", ")),
                at: location(first)))
    }

    private func missingColumns(_ header: [TableField]) -> [TuoguanError] {
        var problems: [TuoguanError] = []
        for column in kind.columns where column.required && columnIndex[column.name] == nil {
            problems.append(
                TuoguanError(
                    .badInput, zh: "缺少列“\(column.zh)”（\(column.name)）", en: "missing column \"\(column.name)\" (\(column.zh))",
                    fix: LocalizedText(
                        zh: "\(kind.label) 表的列：" + kind.columns.map(\.zh).joined(separator: ","),
                        en: "the columns of \(kind.rawValue) are: " + kind.columns.map(\.name).joined(separator: ",")),
                    at: SourceLocation(file: fileName, line: headerLine, column: 1, sheet: sheet),
                    excerpt: header.map(\.text).joined(separator: ",")))
        }
        if kind == .refunds && columnIndex["amount"] == nil && columnIndex["lessons"] == nil {
            problems.append(
                TuoguanError(
                    .badInput, zh: "缺少列“金额”或“课时”", en: "missing column \"amount\" or \"lessons\"",
                    at: SourceLocation(file: fileName, line: headerLine, column: 1, sheet: sheet),
                    excerpt: header.map(\.text).joined(separator: ",")))
        }
        return problems
    }

    // MARK: - Names beside ids

    /// The headers of a student's name in a sheet that names students by 学号.
    public static let studentNameSpellings: Set<String> = ["姓名", "学生姓名", "name", "student_name", "student name"]

    /// The headers of a person's name beside their id: a student's, or a teacher's (`教师姓名`, `教师` …).
    public static func nameSpellings(_ people: ReferenceTable) -> Set<String> {
        people == .teachers
            ? ["姓名", "教师姓名", "教师", "老师", "任课教师", "name", "teacher_name", "teacher name", "teacher"] : studentNameSpellings
    }

    /// The row's person's name (trimmed), when the sheet has a 姓名 column and the cell is filled.
    public func personName(_ row: [TableField]) -> TableField? {
        guard let i = personNameIndex, i < row.count else { return nil }
        var f = row[i]
        f.text = f.text.trimmedSpaces
        return f.text.isEmpty ? nil : f
    }

    /// Whether `written` names the child `recorded` (spaces of any width aside, and `·`/`•` of minority
    /// names in either form).
    ///
    /// ```swift
    /// RowParser.sameName("张 三", "张三")   // true
    /// RowParser.sameName("李四", "张三")    // false
    /// ```
    public static func sameName(_ written: String, _ recorded: String) -> Bool {
        func plain(_ s: String) -> String {
            String(s.unicodeScalars.filter { !$0.properties.isWhitespace && $0 != "\u{3000}" }.map { "•·・".unicodeScalars.contains($0) ? "·" : Character($0) })
        }
        return written == recorded || plain(written) == plain(recorded)
    }

    // MARK: - Rows that are not records

    public static let totalsLabels: Set<String> = ["合计", "总计", "小计", "Total", "total"]

    /// Whether `row` is a record: not blank, not the totals line of a sheet the workbooks wrote (合计 / Total
    /// in the first column), not the sign-off block under a printed table (制表人：________).
    public func isRecord(_ row: [TableField]) -> Bool {
        if row.allSatisfy({ $0.text.trimmedSpaces.isEmpty }) { return false }
        if let first = row.first, first.column == 1, Self.totalsLabels.contains(first.text.trimmedSpaces) { return false }
        if let first = row.first, first.column == 1, Self.isSignatureLine(first.text) { return false }
        return true
    }

    /// A caption with a colon and a blank to sign or date on: `制表人：________`, `Date: ________`.
    ///
    /// ```swift
    /// RowParser.isSignatureLine("审核人：________________")   // true
    /// RowParser.isSignatureLine("T1")                        // false
    /// ```
    public static func isSignatureLine(_ text: String) -> Bool {
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
        return text[colon...].contains("____")
    }

    // MARK: - Fields

    public func location(_ field: TableField) -> SourceLocation {
        SourceLocation(file: fileName, line: field.line, column: field.column, sheet: sheet)
    }

    /// The field of `column` in `row` (an empty one, placed after the row's last field, when the row is short);
    /// nil if the sheet has no such column.
    public func field(_ row: [TableField], _ column: String) -> TableField? {
        guard let i = columnIndex[column] else { return nil }
        if i < row.count {
            var f = row[i]
            f.text = f.text.trimmedSpaces
            return f
        }
        let last = row.last
        return TableField(text: "", line: last?.line ?? 0, column: (last?.column ?? 0) + 1 + (i - row.count))
    }

    /// Records a problem of `field`.
    public func fail(
        _ field: TableField, _ code: TuoguanError.Code = .badInput, zh: String, en: String, fix: LocalizedText? = nil
    ) {
        errors.append(TuoguanError(code, zh: zh, en: en, fix: fix, at: location(field), excerpt: field.text))
    }

    /// Records `error` (from the ledger) at `field`.
    public func fail(_ error: TuoguanError, at field: TableField) {
        errors.append(error.located(location(field)).withExcerpt(field.text))
    }

    /// A required text value; reports an empty one.
    func text(_ row: [TableField], _ column: String) -> (String, TableField)? {
        guard let f = field(row, column) else { return nil }
        if f.text.isEmpty {
            let spec = kind.columns.first { $0.name == column }
            fail(f, zh: "“\(spec?.zh ?? column)”为空", en: "\(column) is empty: expected a value")
            return nil
        }
        return (f.text, f)
    }

    func optionalText(_ row: [TableField], _ column: String) -> String? {
        guard let f = field(row, column), !f.text.isEmpty else { return nil }
        return f.text
    }

    /// A non-empty optional field, or nil.
    func filled(_ row: [TableField], _ column: String) -> TableField? {
        guard let f = field(row, column), !f.text.isEmpty else { return nil }
        return f
    }

    /// Reports a row whose key was already in this file.
    func isDuplicate(_ key: String, _ f: TableField, what: @autoclosure () -> String) -> Bool {
        if let line = seen[key] {
            let what = what()
            fail(
                f, .duplicate, zh: "重复的行：\(what)与第 \(line) 行相同", en: "duplicate row: \(what) is the same as on line \(line)",
                fix: LocalizedText(zh: "删去其中一行", en: "remove one of the rows"))
            return true
        }
        seen[key] = f.line
        return false
    }

    /// Whether the id in `f` is known to the ledger; reports it when not.
    func known(_ f: TableField, _ table: ReferenceTable, in references: ReferenceCheck) throws -> Bool {
        if try references.isKnown(f.text, table) { return true }
        unknown(f, table)
        return false
    }

    func unknown(_ f: TableField, _ table: ReferenceTable) {
        let (zh, en) = table.words
        fail(
            f, .unknownReference, zh: "未知的\(zh)“\(f.text)”，应为\(zh)表中已有的编号",
            en: "unknown \(en) \"\(f.text)\": expected an id from the \(table.rawValue) sheet",
            fix: LocalizedText(zh: "检查编号，或先导入\(zh)表", en: "check the id, or import that sheet first"))
    }

    func cachedDate(_ text: String) -> CivilDate? { dateCache[text] }
    func cache(_ date: CivilDate, for text: String) { dateCache[text] = date }
}

/// The ledger's tables a row refers to by id.
public enum ReferenceTable: String, Sendable {
    case students, teachers, courses

    /// The record's name in Chinese (also its sheet's) and in English.
    var words: (zh: String, en: String) {
        switch self {
        case .students: return ("学生", "student")
        case .teachers: return ("教师", "teacher")
        case .courses: return ("课程", "course")
        }
    }
}

/// Answers whether the ledger knows an id: the store's side of a row's checks.
public protocol ReferenceCheck {
    func isKnown(_ id: String, _ table: ReferenceTable) throws -> Bool
    /// The id of the one course named `name` (the 课程名称 written where its id is expected), nil if none or several.
    func courseId(named name: String) throws -> String?
}

extension ReferenceCheck {
    public func courseId(named name: String) throws -> String? { nil }
}

extension TuoguanError {
    public func withExcerpt(_ text: String) -> TuoguanError {
        var copy = self
        copy.excerpt = text
        return copy
    }
}
