import Foundation
import GRDB
import TuoguanCore
import TuoguanInput

#if canImport(Glibc)
    import Glibc
#endif

extension Ledger {
    /// Imports one file of `kind`: `.csv` (or `.tsv`, `.txt`) as text, `.xlsx` as a workbook (the sheet named
    /// like the kind, in English or Chinese, or the only sheet). The file goes in whole or not at all; every
    /// bad row is reported as `FILE:LINE:COL`. Importing the same file again changes nothing.
    ///
    /// ```swift
    /// let report = try ledger.importFile(.attendance, path: "attendance.csv", dryRun: false, by: "clerk")
    /// print(report.inserted, report.unchanged)
    /// ```
    ///
    /// An attendance file may also be a class teacher's sheet (one row per student, one column per date):
    /// its course comes from a `课程` column, else the sheet's name, else `course` (`--course`); a workbook of
    /// such sheets is read whole.
    public func importFile(_ kind: ImportKind, path: String, dryRun: Bool, by: String, course: String? = nil) throws
        -> ImportReport
    {
        try importFile(kind, path: path, dryRun: dryRun, by: by, options: ImportOptions(course: course))
    }

    /// Imports one file of `kind` read as `options` say (`--course`, `--sheet`, `--replace`, `--ignore-names`).
    ///
    /// ```swift
    /// try ledger.importFile(.attendance, path: "考勤.xlsx", dryRun: true, by: "clerk", options: ImportOptions(sheet: "1年级1班"))
    /// ```
    public func importFile(_ kind: ImportKind, path: String, dryRun: Bool, by: String, options: ImportOptions) throws
        -> ImportReport
    {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TuoguanError(
                .fileMissing, zh: "找不到文件", en: "the file does not exist",
                fix: LocalizedText(zh: "检查路径", en: "check the path"), at: SourceLocation(file: path))
        }
        try Self.refuseOldExcel(path)
        if path.lowercased().hasSuffix(".xlsx") {
            let book = try XLSXReader(path: path)
            let names = book.sheetNames
            let sheets = try options.sheet.map { try Self.sheetNamed($0, in: book, path: path) } ?? Self.sheetsToImport(kind, book: book)
            guard !sheets.isEmpty else {
                throw TuoguanError(
                    .badInput,
                    zh: "工作簿中没有名为“\(kind.chineseName)”或“\(kind.rawValue)”的工作表（现有：\(names.joined(separator: "、"))）",
                    en: "the workbook has no sheet named \"\(kind.rawValue)\" or \"\(kind.chineseName)\" (it has: \(names.joined(separator: ", ")))",
                    fix: LocalizedText(zh: "把工作表改名为“\(kind.chineseName)”", en: "rename the sheet to \"\(kind.rawValue)\""),
                    at: SourceLocation(file: path))
            }
            return try importSession(kind, fileName: path, dryRun: dryRun, by: by) { session in
                session.options = options
                for sheet in sheets {
                    var rows = try book.rows(ofSheet: sheet)[...]
                    session.sheet = sheet
                    try session.readTable(next: { rows.popFirst() }, rest: nil)
                }
            }
        }
        guard let text = TextBytes.contents(of: path) else {
            throw TuoguanError(.fileMissing, zh: "无法读取文件", en: "the file cannot be read", at: SourceLocation(file: path))
        }
        return try importCSV(kind, text: text, fileName: path, dryRun: dryRun, by: by, options: options)
    }

    /// An old Excel file (`.xls`, the OLE2 compound format: bytes D0 CF 11 E0 A1 B1 1A E1) is not read: it is
    /// said to be one, with how to save it as `.xlsx`, whatever its name ends with.
    static func refuseOldExcel(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        guard let head = try? handle.read(upToCount: 8), Array(head) == magic else { return }
        throw TuoguanError(
            .badInput, zh: "这是旧版 Excel 文件（.xls，Excel 97-2003 格式），不能直接导入",
            en: "this is an old Excel file (.xls, the Excel 97-2003 format), which is not read",
            fix: LocalizedText(
                zh: "用 Excel 或 WPS 打开，“另存为”选“Excel 工作簿（*.xlsx）”，再导入 .xlsx 文件（或 soffice --headless --convert-to xlsx 文件名.xls）",
                en: "open it in Excel or WPS, Save As \"Excel Workbook (*.xlsx)\" and import the .xlsx (or: soffice --headless --convert-to xlsx FILE.xls)"),
            at: SourceLocation(file: path))
    }

    /// `--sheet NAME`: that sheet of the workbook (its name as written, or with spaces and bracket widths aside).
    static func sheetNamed(_ name: String, in book: XLSXReader, path: String) throws -> [String] {
        let names = book.sheetNames
        if let exact = names.first(where: { $0 == name }) ?? names.first(where: { SchoolWords.normalized($0) == SchoolWords.normalized(name) }) {
            return [exact]
        }
        throw TuoguanError(
            .usage, zh: "工作簿中没有名为“\(name)”的工作表（现有：\(names.joined(separator: "、"))）",
            en: "the workbook has no sheet named \"\(name)\" (it has: \(names.joined(separator: ", ")))",
            fix: LocalizedText(zh: "--sheet 写其中一个工作表的名字", en: "give --sheet one of those names"),
            at: SourceLocation(key: "--sheet"), excerpt: name)
    }

    /// Imports CSV text (UTF-8 with or without BOM, or GB18030; comma or tab separated).
    public func importCSV(_ kind: ImportKind, data: Data, fileName: String, dryRun: Bool, by: String) throws -> ImportReport {
        try importCSV(kind, data: [UInt8](data), fileName: fileName, dryRun: dryRun, by: by)
    }

    /// Imports CSV text given as bytes.
    ///
    /// ```swift
    /// let csv = Array("学号,姓名,年级,班级\nS001,张三,3,三(2)班\n".utf8)
    /// try ledger.importCSV(.students, data: csv, fileName: "students.csv", dryRun: true, by: "clerk")
    /// ```
    public func importCSV(_ kind: ImportKind, data: [UInt8], fileName: String, dryRun: Bool, by: String) throws
        -> ImportReport
    {
        try importCSV(kind, text: TextBytes(copying: data), fileName: fileName, dryRun: dryRun, by: by)
    }

    /// Imports CSV text read as `options` say (`replace` for a corrected attendance sheet …).
    ///
    /// ```swift
    /// try ledger.importCSV(.attendance, data: Data(csv.utf8), fileName: "考勤.csv", dryRun: false, by: "班主任",
    ///                      options: ImportOptions(replace: true, note: "班主任更正"))
    /// ```
    public func importCSV(
        _ kind: ImportKind, data: Data, fileName: String, dryRun: Bool, by: String, options: ImportOptions
    ) throws -> ImportReport {
        try importCSV(kind, text: TextBytes(copying: [UInt8](data)), fileName: fileName, dryRun: dryRun, by: by, options: options)
    }

    /// Imports a file's bytes (mapped: an attendance file of any size is never held in memory whole).
    func importCSV(
        _ kind: ImportKind, text: TextBytes, fileName: String, dryRun: Bool, by: String, options: ImportOptions = ImportOptions()
    ) throws -> ImportReport {
        let utf8 = try TextDecoding.utf8Bytes(of: text, fileName: fileName)
        var reader = CSVReader(text: utf8, separator: CSVReader.sniffSeparator(utf8.buffer), fileName: fileName)
        if kind == .attendance {
            return try importSession(kind, fileName: fileName, dryRun: dryRun, by: by) { session in
                session.options = options
                try session.readTable(next: { try reader.next() }, rest: { session in try session.importAttendanceRows(&reader) })
            }
        }
        return try importSession(kind, fileName: fileName, dryRun: dryRun, by: by) { session in
            session.options = options
            try session.readTable(next: { try reader.next() }, rest: nil)
        }
    }

    /// The sheets of a workbook to import as `kind`: the one named like the kind (`考勤`, `attendance`),
    /// else the only one, else those whose header (under any title rows) is the kind's — for attendance
    /// every such sheet (a class teacher's workbook has a sheet a class), for the others the first.
    static func sheetsToImport(_ kind: ImportKind, book: XLSXReader) throws -> [String] {
        let names = book.sheetNames
        if let named = names.first(where: { $0.lowercased() == kind.rawValue || $0 == kind.chineseName }) { return [named] }
        if names.count == 1 { return names }
        var found: [String] = []
        for name in names {
            let rows = try book.rows(ofSheet: name)
            guard rows.prefix(ImportKind.titleRowsAtMost + 1).contains(where: { kind.isHeader($0) }) else { continue }
            found.append(name)
            if kind != .attendance { break }
        }
        return found
    }

    /// Runs one import: the header from `next`, then the rows from `next` (or all of them by `rest`).
    func importRows(
        _ kind: ImportKind, fileName: String, dryRun: Bool, by: String, next: () throws -> [TableField]?,
        rest: ((ImportSession) throws -> Void)? = nil
    ) throws -> ImportReport {
        try importSession(kind, fileName: fileName, dryRun: dryRun, by: by) { session in
            try session.readTable(next: next, rest: rest)
        }
    }

    /// Runs one import in one transaction: `body` reads the tables into the session; any error collected
    /// undoes everything.
    func importSession(
        _ kind: ImportKind, fileName: String, dryRun: Bool, by: String, body: (ImportSession) throws -> Void
    ) throws -> ImportReport {
        let work = { (writer: LedgerWriter) throws -> ImportReport in
            let db = writer.db
            // A 64 MiB page cache while the big tables and their indexes grow (SQLite's default is 2 MiB: a
            // district's sessions, inserted by date into an index by course, then missed the cache on nearly every
            // row), back to what it was after. Payments and refunds (a few rows a
            // family, into the journal) keep the default: their writes reach the file as they go, so a full disk
            // is reported as such (a write failing at commit reports only an I/O error).
            let bigTables: Set<ImportKind> = [.students, .enrollments, .sessions, .attendance, .duties]
            let session = try Self.withLargeCache(db, when: bigTables.contains(kind)) {
                let session = try ImportSession(ledger: self, kind: kind, fileName: fileName, by: by, dryRun: dryRun, db: db)
                try body(session)
                try session.finish()
                return session
            }
            if let error = TuoguanError.collecting(session.errors) { throw error }
            // Rows read and not one recorded (nor found recorded, nor corrected) is never silent.
            let report = session.report
            if report.rowsRead > 0 && report.inserted == 0 && report.unchanged == 0 && report.changes.isEmpty {
                throw session.nothingRecorded()
            }
            return report
        }
        // An attendance import checks each row's session, student and course itself (both the bulk path and
        // the row-by-row one), an enrollments import each row's student and course, and a sessions import each
        // row's course and teacher (the parser asks the ledger; a row without a teacher takes its course's,
        // which the ledger holds), so they run without SQLite's foreign-key lookups.
        let checked: Set<ImportKind> = [.attendance, .enrollments, .sessions]
        return try record(dryRun: dryRun, referencesChecked: checked.contains(kind), work)
    }

    /// Runs `work` with a 64 MiB page cache (`when` true), then puts back the one before (see
    /// ``importSession(_:fileName:dryRun:by:body:)``).
    ///
    /// ```swift
    /// let facts = try Ledger.withLargeCache(db) { try reader.paymentWarningFacts(studentIds: ids) }
    /// ```
    static func withLargeCache<T>(_ db: Database, when large: Bool = true, _ work: () throws -> T) throws -> T {
        guard large else { return try work() }
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -65536")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        return try work()
    }
}
