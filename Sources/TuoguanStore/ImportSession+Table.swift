import GRDB
import TuoguanCore
import TuoguanInput

extension ImportSession {
    /// Reads one table: its header (under up to ``ImportKind/titleRowsAtMost`` title rows), then its rows from `next`
    /// (or all of them by `rest`). An attendance sheet in the class teacher's shape (学号, 姓名, one column
    /// a date) goes through ``WideAttendance`` into the same rows and checks.
    func readTable(next: () throws -> [TableField]?, rest: ((ImportSession) throws -> Void)?) throws {
        guard let first = try next() else {
            throw TuoguanError(
                .badInput, zh: "文件是空的，应有一行表头", en: "the file is empty: expected a header line",
                fix: LocalizedText(
                    zh: "第一行写列名：" + kind.columns.map(\.zh).joined(separator: ","),
                    en: "put the column names on the first line: " + kind.columns.map(\.name).joined(separator: ",")),
                at: SourceLocation(file: fileName, line: 1, column: 1, sheet: sheet))
        }
        var header = first
        var skipped = 0
        while !kind.isHeader(header) && skipped < ImportKind.titleRowsAtMost, let row = try next() {
            header = row
            skipped += 1
        }
        if !kind.isHeader(header) { header = first }  // reported as it is: the columns it lacks
        if kind == .attendance,
            let wide = try WideAttendance(header: header, parser: parser, courseGiven: courseGiven, courseIds: courseIds)
        {
            try wide.importRows(next: next, parser: parser, importRow: writeRow, countRow: { report.rowsRead += 1 })
            return
        }
        try readHeader(header)
        if let rest {
            try rest(self)
        } else {
            while let row = try next() { try importRow(row) }
        }
    }

    /// The ledger's courses for a class teacher's sheet: normalized id or name → id (an id wins over a name).
    private func courseIds() throws -> [String: String] {
        var ids: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, name FROM courses") {
            let id: String = row["id"]
            ids[SchoolWords.normalized(row["name"])] = ids[SchoolWords.normalized(row["name"])] ?? id
        }
        for row in try String.fetchAll(db, sql: "SELECT id FROM courses") { ids[SchoolWords.normalized(row)] = row }
        return ids
    }
}
