import Foundation
import GRDB
import TuoguanCore

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
    public func importFile(_ kind: ImportKind, path: String, dryRun: Bool, by: String) throws -> ImportReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TuoguanError(
                .fileMissing, zh: "找不到文件", en: "the file does not exist",
                fix: LocalizedText(zh: "检查路径", en: "check the path"), at: SourceLocation(file: path))
        }
        if path.lowercased().hasSuffix(".xlsx") {
            let book = try XLSXReader(path: path)
            let names = book.sheetNames
            let sheet =
                names.first { $0.lowercased() == kind.rawValue || $0 == kind.chineseName }
                ?? (names.count == 1 ? names[0] : nil)
            guard let sheet else {
                throw TuoguanError(
                    .badInput,
                    zh: "工作簿中没有名为“\(kind.chineseName)”或“\(kind.rawValue)”的工作表（现有：\(names.joined(separator: "、"))）",
                    en: "the workbook has no sheet named \"\(kind.rawValue)\" or \"\(kind.chineseName)\" (it has: \(names.joined(separator: ", ")))",
                    fix: LocalizedText(zh: "把工作表改名为“\(kind.chineseName)”", en: "rename the sheet to \"\(kind.rawValue)\""),
                    at: SourceLocation(file: path))
            }
            var rows = try book.rows(ofSheet: sheet)[...]
            let fileName = "\(path)[\(sheet)]"
            return try importRows(kind, fileName: fileName, dryRun: dryRun, by: by) {
                rows.popFirst()
            }
        }
        guard let text = TextBytes.contents(of: path) else {
            throw TuoguanError(.fileMissing, zh: "无法读取文件", en: "the file cannot be read", at: SourceLocation(file: path))
        }
        return try importCSV(kind, text: text, fileName: path, dryRun: dryRun, by: by)
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

    /// Imports a file's bytes (mapped: an attendance file of any size is never held in memory whole).
    func importCSV(_ kind: ImportKind, text: TextBytes, fileName: String, dryRun: Bool, by: String) throws -> ImportReport {
        let utf8 = try TextDecoding.utf8Bytes(of: text, fileName: fileName)
        var reader = CSVReader(text: utf8, separator: CSVReader.sniffSeparator(utf8.buffer), fileName: fileName)
        if kind == .attendance {
            return try importRows(
                kind, fileName: fileName, dryRun: dryRun, by: by, next: { try reader.next() },
                rest: { session in try session.importAttendanceRows(&reader) })
        }
        return try importRows(kind, fileName: fileName, dryRun: dryRun, by: by) { try reader.next() }
    }

    /// Runs one import: the header from `next`, then the rows from `next` (or all of them by `rest`).
    func importRows(
        _ kind: ImportKind, fileName: String, dryRun: Bool, by: String, next: () throws -> [TableField]?,
        rest: ((ImportSession) throws -> Void)? = nil
    ) throws -> ImportReport {
        let work = { (db: Database) throws -> ImportReport in
            // A 64 MiB page cache while the big tables and their indexes grow (SQLite's default is 2 MiB: a
            // district's sessions, inserted by date into an index by course, then missed the cache on nearly every
            // row and took twice as long per row), back to what it was after. Payments and refunds (a few rows a
            // family, into the journal) keep the default: their writes reach the file as they go, so a full disk
            // is reported as such (a write failing at commit reports only an I/O error).
            let bigTables: Set<ImportKind> = [.students, .enrollments, .sessions, .attendance, .duties]
            let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            if bigTables.contains(kind) { try db.execute(sql: "PRAGMA cache_size = -65536") }
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            let session = try ImportSession(ledger: self, kind: kind, fileName: fileName, by: by, dryRun: dryRun, db: db)
            guard let header = try next() else {
                throw TuoguanError(
                    .badInput, zh: "文件是空的，应有一行表头", en: "the file is empty: expected a header line",
                    fix: LocalizedText(
                        zh: "第一行写列名：" + kind.columns.map(\.zh).joined(separator: ","),
                        en: "put the column names on the first line: " + kind.columns.map(\.name).joined(separator: ",")),
                    at: SourceLocation(file: fileName, line: 1, column: 1))
            }
            try session.readHeader(header)
            if let rest {
                try rest(session)
            } else {
                while let row = try next() {
                    try session.importRow(row)
                }
            }
            try session.finish()
            if let error = TuoguanError.collecting(session.errors) { throw error }
            return session.report
        }
        // An attendance import checks each row's session, student and course itself (both the bulk path and
        // the row-by-row one), so it runs without SQLite's foreign-key lookups.
        let checked = kind == .attendance
        return dryRun
            ? try writeAndRollBack(referencesChecked: checked, work) : try write(referencesChecked: checked, work)
    }
}
