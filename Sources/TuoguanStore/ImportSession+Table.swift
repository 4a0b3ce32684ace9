import TuoguanCore

extension ImportKind {
    /// Whether `row` reads as this kind's header: two of its column names (one of one-column needs), or for
    /// attendance a class teacher's header (学号 and a date).
    func isHeader(_ row: [TableField]) -> Bool {
        let names = Set(row.map { $0.text.trimmedSpaces.lowercased() })
        let matched = columns.filter { $0.spellings.contains { names.contains($0.lowercased()) } }.count
        if matched >= min(2, columns.filter(\.required).count) { return true }
        if self == .attendance, row.contains(where: { WideAttendance.monthDay($0.text.trimmedSpaces) != nil }) {
            return columns[2].spellings.contains { names.contains($0.lowercased()) }
        }
        return false
    }
}

extension ImportSession {
    /// Title rows a sheet may have above its header (`一年级一班考勤表`, a workbook's caption).
    static let titleRowsAtMost = 9

    /// Reads one table: its header (under up to ``titleRowsAtMost`` title rows), then its rows from `next`
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
        while !kind.isHeader(header) && skipped < Self.titleRowsAtMost, let row = try next() {
            header = row
            skipped += 1
        }
        if !kind.isHeader(header) { header = first }  // reported as it is: the columns it lacks
        if kind == .attendance, let wide = try WideAttendance(header: header, session: self) {
            try wide.importRows(next: next, session: self)
            return
        }
        try readHeader(header)
        if let rest {
            try rest(self)
        } else {
            while let row = try next() { try importRow(row) }
        }
    }
}
