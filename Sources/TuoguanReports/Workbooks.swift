import Foundation
import TuoguanCore
import TuoguanSpreadsheet

/// The six workbooks of a term. Each takes the same ``ReportInput`` and writes one .xlsx file; captions are
/// Chinese unless `input.language` is `.en`. Every total is a formula with the money core's figure stored as
/// its value, and the same input always gives the same bytes.
///
/// ```swift
/// let paths = try Workbooks.writeAll(input, toDirectory: "reports/2024-autumn")
/// // ["reports/2024-autumn/学期结算单.xlsx", …]
/// ```
public enum Workbooks {
    /// The six workbooks, in the order ``writeAll(_:toDirectory:)`` writes them.
    public enum Kind: String, CaseIterable, Sendable {
        case statement, disclosure, workload, refundRegister, subsidyClaim, findings

        /// The file name in each language.
        public func fileName(_ language: Language) -> String {
            switch (self, language) {
            case (.statement, .zh): return "学期结算单.xlsx"
            case (.disclosure, .zh): return "收支公示.xlsx"
            case (.workload, .zh): return "教师工作量及课酬.xlsx"
            case (.refundRegister, .zh): return "退费登记表.xlsx"
            case (.subsidyClaim, .zh): return "补贴申报.xlsx"
            case (.findings, .zh): return "合规检查.xlsx"
            case (.statement, .en): return "term-statement.xlsx"
            case (.disclosure, .en): return "disclosure.xlsx"
            case (.workload, .en): return "teacher-workload.xlsx"
            case (.refundRegister, .en): return "refund-register.xlsx"
            case (.subsidyClaim, .en): return "subsidy-claim.xlsx"
            case (.findings, .en): return "findings.xlsx"
            }
        }

        /// The workbook's title, shown in every sheet's title row.
        public func title(_ language: Language) -> String {
            let zh = String(fileName(.zh).dropLast(".xlsx".count))
            switch self {
            case .statement: return language == .zh ? zh : "Term statement"
            case .disclosure: return language == .zh ? zh : "Income and spending disclosure"
            case .workload: return language == .zh ? zh : "Teacher workload and pay"
            case .refundRegister: return language == .zh ? zh : "Refund register"
            case .subsidyClaim: return language == .zh ? zh : "Subsidy claim"
            case .findings: return language == .zh ? zh : "Findings"
            }
        }
    }

    /// Writes one workbook of `kind` to `path`.
    public static func write(_ kind: Kind, _ input: ReportInput, to path: String) throws {
        switch kind {
        case .statement: try writeStatement(input, to: path)
        case .disclosure: try writeDisclosure(input, to: path)
        case .workload: try writeWorkload(input, to: path)
        case .refundRegister: try writeRefundRegister(input, to: path)
        case .subsidyClaim: try writeSubsidyClaim(input, to: path)
        case .findings: try writeFindings(input, to: path)
        }
    }

    /// Writes all six workbooks into `dir` (which must exist) and returns their paths. Two workbooks are
    /// written at a time (each is one thread's work: libxlsxwriter keeps no state between workbooks), the
    /// statement, the largest, first; the first error in ``Kind`` order is thrown.
    public static func writeAll(_ input: ReportInput, toDirectory dir: String) throws -> [String] {
        let kinds = Kind.allCases
        let paths = kinds.map { dir.hasSuffix("/") ? dir + $0.fileName(input.language) : dir + "/" + $0.fileName(input.language) }
        let errors = ErrorSlots(count: kinds.count)
        let next = ErrorSlots.Counter()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while let i = next.take(below: kinds.count) {
                do { try write(kinds[i], input, to: paths[i]) } catch { errors.set(i, error) }
            }
        }
        if let error = errors.first { throw error }
        return paths
    }

    /// One error slot per workbook, filled from the writing threads.
    private final class ErrorSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [(any Error)?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ error: any Error) { lock.withLock { slots[i] = error } }
        var first: (any Error)? { lock.withLock { slots.compactMap { $0 }.first } }

        /// Hands out 0, 1, 2 … to whichever thread asks next.
        final class Counter: @unchecked Sendable {
            private let lock = NSLock()
            private var value = 0
            func take(below limit: Int) -> Int? {
                lock.withLock {
                    guard value < limit else { return nil }
                    defer { value += 1 }
                    return value
                }
            }
        }
    }

    // MARK: Shared

    /// Opens a workbook with fixed document properties, runs `body`, closes it; spreadsheet errors become
    /// `TuoguanError`s.
    static func produce(
        _ kind: Kind, _ input: ReportInput, path: String, constantMemory: Bool = false,
        _ body: (Workbook, Context) throws -> Void
    ) throws {
        let context = Context(input: input, kind: kind)
        // The creation date is the term's last day at 00:00 UTC: fixed by the data, never "now".
        let created = input.rules.ends.dayNumber * 86_400
        let properties = Workbook.DocumentProperties(
            title: context.title, subject: input.rules.planName, author: input.rules.school,
            company: input.rules.school, created: created)
        let book = Workbook(path: path, constantMemory: constantMemory, properties: properties)
        do {
            try body(book, context)
            try book.close()
        } catch let error as SpreadsheetError {
            throw translate(error, path: path)
        }
    }

    static func translate(_ error: SpreadsheetError, path: String) -> TuoguanError {
        switch error {
        case .cannotCreateFile:
            return TuoguanError(
                .fileUnwritable, zh: "无法写入工作簿“\(path)”", en: "cannot write the workbook \"\(path)\"",
                fix: LocalizedText(zh: "请确认目录存在且有写入权限", en: "check that the directory exists and is writable"),
                at: SourceLocation(file: path))
        case .cellOutOfRange(let row, let column):
            return TuoguanError(
                .badInput, zh: "数据超出工作表范围（第 \(row + 1) 行，第 \(column + 1) 列）",
                en: "too much data for one sheet (row \(row + 1), column \(column + 1))",
                fix: LocalizedText(zh: "一张工作表最多 1,048,576 行、16,384 列；请按年级或班级分开导出", en: "a sheet holds at most 1,048,576 rows and 16,384 columns; export by grade or class"),
                at: SourceLocation(file: path))
        case .textTooLong(let row, let column):
            return TuoguanError(
                .badInput, zh: "单元格文字超过 32767 个字符（第 \(row + 1) 行，第 \(column + 1) 列）",
                en: "text longer than 32,767 characters in row \(row + 1), column \(column + 1)",
                fix: LocalizedText(zh: "请缩短备注等文字", en: "shorten the note or name"), at: SourceLocation(file: path))
        default:
            return TuoguanError(
                .internal, zh: "写入工作簿失败：\(error)", en: "writing the workbook failed: \(error)",
                at: SourceLocation(file: path))
        }
    }

    /// What every sheet's title row needs.
    struct Context {
        let input: ReportInput
        let kind: Kind
        var language: Language { input.language }
        var c: Captions { Captions(language: input.language) }
        var title: String { kind.title(input.language) }
        /// `某某小学 2024-autumn 课后服务方案 — 学期结算单`.
        func sheetTitle(_ sheetCaption: String? = nil) -> String {
            let rules = input.rules
            var parts = [rules.school, rules.term]
            if !rules.planName.isEmpty { parts.append(rules.planName) }
            var out = parts.joined(separator: "  ") + " — " + title
            if let sheetCaption { out += " · " + sheetCaption }
            return out
        }
        func sheet(_ book: Workbook, name: String, columns: Int, landscape: Bool? = nil) throws -> ReportSheet {
            try ReportSheet(book, name: name, title: sheetTitle(name), columns: columns, language: language, landscape: landscape)
        }
        var studentsById: [String: Student] {
            Dictionary(input.facts.students.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var teachersById: [String: Teacher] {
            var out = Dictionary(input.facts.teachers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for pay in input.result.teachers where out[pay.teacher.id] == nil { out[pay.teacher.id] = pay.teacher }
            return out
        }
        var coursesById: [String: Course] {
            Dictionary(input.facts.courses.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
