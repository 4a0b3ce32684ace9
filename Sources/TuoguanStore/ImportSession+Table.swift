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
        // Title rows above the header are skipped; when no row reads as a header, every row read while looking
        // is given back (the first is reported as the header it is, with the columns it lacks).
        var header = first
        var looked: [[TableField]] = []
        while !kind.isHeader(header) && looked.count < ImportKind.titleRowsAtMost, let row = try next() {
            looked.append(row)
            header = row
        }
        var replay: ArraySlice<[TableField]> = []
        if !kind.isHeader(header) {
            header = first
            replay = looked[...]
        }
        func nextRow() throws -> [TableField]? {
            if let row = replay.popFirst() { return row }
            return try next()
        }
        if kind == .attendance,
            let wide = try WideAttendance(header: header, parser: parser, courseGiven: courseGiven, courseIds: courseIds)
        {
            let rowsBefore = report.rowsRead
            let marks = try wide.importRows(
                next: nextRow, parser: parser, importRow: writeRow, countRow: { report.rowsRead += 1 },
                nameMatches: { try nameMatches(id: $0, name: $1, of: .students) })
            // Said only when the whole file has no mark (a workbook may have a sheet not filled in yet).
            if marks == 0, report.rowsRead > rowsBefore, wideWithoutMarks == nil {
                wideWithoutMarks = noMarks(header: header, rows: report.rowsRead - rowsBefore)
            }
            return
        }
        try readHeader(header)
        if let rest, replay.isEmpty {
            try rest(self)
        } else {
            while let row = try nextRow() { try importRow(row) }
        }
    }

    /// A class teacher's sheet with students under its header and not one mark: what was expected. (A sheet
    /// without a date column is not read as a class teacher's sheet; one whose dates are all wrong has their
    /// errors.)
    private func noMarks(header: [TableField], rows: Int) -> TuoguanError {
        TuoguanError(
            .badInput, zh: "考勤表有 \(rows) 行学生，但日期列下没有一格填写，没有登记任何考勤",
            en: "the attendance sheet has \(rows) rows of students but not one mark under its dates: nothing was recorded",
            fix: LocalizedText(
                zh: "在日期列下填 √（出勤）、假（请假）或 ×（缺勤）", en: "fill the date columns with √ (present), 假 (leave) or × (absent)"),
            at: SourceLocation(file: fileName, line: header.first?.line ?? 1, column: 1, sheet: sheet))
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
