import TuoguanCore

/// The attendance sheet a class teacher keeps: one row per student, one column per date.
///
/// ```
/// 学号,姓名,9月2日,9月9日,9/23
/// S1,张三丰,√,假,√
/// S2,李四,√,×,
/// ```
///
/// Columns: 学号, optionally 姓名 (checked against the 学号's child by the store), optionally 课程 (the course, by
/// id or name), then one column per date (`9月2日`, `9/2`, `9-2`, `9.2`, `2024-09-02`, `2024/9/2`, with a
/// weekday after or not, or an Excel date cell; a date without a year takes the year that puts it inside the
/// term). Cells:
/// the attendance words (`√`/`✓`/`到` present, `假` leave, `×`/`缺` absent …); an empty cell is no record.
/// Without a 课程 column the course is the sheet's name (a course's id or name), else `--course`. Each filled cell becomes one row of
/// the long shape (date, course, student, status) placed at that cell, and goes through the same checks.
public struct WideAttendance {
    /// Column indexes (0-based) of the student, the course (if any) and each date.
    let student: Int
    let course: Int?
    /// The 姓名 column, checked against each row's 学号.
    let name: Int?
    let dates: [(index: Int, date: CivilDate)]
    /// The course of every row when there is no course column.
    let sheetCourse: String?
    /// Course id or name (as looked up) → course id.
    let courseIds: [String: String]

    /// The shape of `header`, or nil when it is not a class teacher's header (then it is read as the long
    /// shape). Problems of the header (a date outside the term, no course) are reported through `parser`;
    /// `courseIds` gives the ledger's courses (normalized id or name → id), `courseGiven` is `--course`.
    public init?(
        header: [TableField], parser: RowParser, courseGiven: String?, courseIds: () throws -> [String: String]
    ) throws {
        let columns = ImportKind.attendance.columns
        func index(of column: ImportColumn) -> Int? {
            header.firstIndex { f in column.spellings.contains { $0.lowercased() == f.text.trimmedSpaces.lowercased() } }
        }
        guard index(of: columns[0]) == nil, index(of: columns[3]) == nil, let student = index(of: columns[2]) else {
            return nil
        }
        let course = index(of: columns[1])
        let names: Set<String> = ["序号", "no", "班级", "class", "年级", "grade"]
        let name = header.firstIndex { RowParser.studentNameSpellings.contains($0.text.trimmedSpaces.lowercased()) }
        var dates: [(index: Int, date: CivilDate)] = []
        var seen: [CivilDate: TableField] = [:]
        var ignored: [String] = []
        for (i, f) in header.enumerated() where i != student && i != course && i != name {
            let text = f.text.trimmedSpaces
            if text.isEmpty || names.contains(text.lowercased()) { continue }
            guard let date = Self.date(f, parser: parser) else {
                if !Self.looksLikeDate(f) { ignored.append(text) }
                continue
            }
            if let other = seen[date] {
                parser.fail(
                    f, zh: "日期 \(date) 有两列（另一列在第 \(other.column) 列）", en: "date \(date) has two columns (the other is column \(other.column))",
                    fix: LocalizedText(zh: "删去其中一列", en: "remove one of them"))
                continue
            }
            seen[date] = f
            dates.append((i, date))
        }
        guard header.contains(where: Self.looksLikeDate) else { return nil }
        let courseIds = try courseIds()
        self.student = student
        self.course = course
        self.name = name
        self.dates = dates
        self.courseIds = courseIds
        self.sheetCourse = course == nil ? Self.sheetCourse(header: header, parser: parser, given: courseGiven, courseIds: courseIds) : nil
        if !ignored.isEmpty {
            parser.warnings.append(
                TuoguanError(
                    .badInput, zh: "不用的列已忽略：" + ignored.joined(separator: "、"),
                    en: "columns not used were ignored: " + ignored.joined(separator: ", "),
                    fix: LocalizedText(
                        zh: "考勤表的列：学号、姓名（可无）、课程（可无）、每个日期一列（如 9月2日）",
                        en: "the columns of a class teacher's sheet: 学号, 姓名 (optional), 课程 (optional), one per date (e.g. 9月2日)"),
                    at: parser.location(header[0])))
        }
        let line = header.first?.line ?? 1
        try parser.readHeader(
            ["date", "course_id", "student_id", "status"].enumerated().map { TableField(text: $1, line: line, column: $0 + 1) })
    }

    /// The course when the sheet has no 课程 column: the sheet's name, else `--course`, by id or name.
    private static func sheetCourse(
        header: [TableField], parser: RowParser, given: String?, courseIds: [String: String]
    ) -> String? {
        if let sheet = parser.sheet, let id = courseIds[SchoolWords.normalized(sheet)] { return id }
        if let given {
            if let id = courseIds[SchoolWords.normalized(given)] { return id }
            parser.errors.append(
                TuoguanError(
                    .unknownReference, zh: "未知的课程“\(given)”，应为课程表中已有的编号或名称",
                    en: "unknown course \"\(given)\": expected the id or name of a course in the courses sheet",
                    at: SourceLocation(key: "--course"), excerpt: given))
            return nil
        }
        parser.errors.append(
            TuoguanError(
                .badInput,
                zh: parser.sheet.map { "不知道是哪门课的考勤：没有“课程”列，工作表名“\($0)”也不是课程编号或名称" }
                    ?? "不知道是哪门课的考勤：没有“课程”列",
                en: parser.sheet.map { "which course is this attendance of? there is no 课程 column, and the sheet's name \"\($0)\" is no course's id or name" }
                    ?? "which course is this attendance of? there is no 课程 column",
                fix: LocalizedText(
                    zh: "加一列“课程”，或用 --course 指定课程，或把工作表改名为课程编号或名称",
                    en: "add a 课程 column, or give --course, or name the sheet after the course"),
                at: parser.location(header[0])))
        return nil
    }

    /// Reads the rows under the header: each filled date cell as one attendance row of the long shape (date,
    /// course, student, status) given to `importRow`; `countRow` once for each row of the sheet read;
    /// `nameMatches(学号, 姓名)` for each row with a name (false: reported, the row is not read). Returns the
    /// number of filled date cells.
    @discardableResult
    public func importRows(
        next: () throws -> [TableField]?, parser: RowParser, importRow: ([TableField]) throws -> Void,
        countRow: () -> Void, nameMatches: (TableField, TableField) throws -> Bool = { _, _ in true }
    ) throws -> Int {
        var marks = 0
        while let row = try next() {
            if row.allSatisfy({ $0.text.trimmedSpaces.isEmpty }) { continue }
            if let first = row.first, RowParser.totalsLabels.contains(first.text.trimmedSpaces) { continue }
            defer { countRow() }
            let line = row.first?.line ?? 0
            let studentField = cell(row, student, line: line)
            if let name {
                var written = cell(row, name, line: line)
                written.text = written.text.trimmedSpaces
                if !written.text.isEmpty, !studentField.text.trimmedSpaces.isEmpty,
                    try !nameMatches(studentField, written)
                {
                    continue
                }
            }
            var courseField: TableField
            if let course {
                courseField = cell(row, course, line: line)
                courseField.text = courseIds[SchoolWords.normalized(courseField.text)] ?? courseField.text.trimmedSpaces
            } else {
                guard let sheetCourse else { continue }  // reported once, at the header
                courseField = TableField(text: sheetCourse, line: line, column: studentField.column)
            }
            let errorsBefore = parser.errors.count
            for (index, date) in dates {
                let mark = cell(row, index, line: line)
                if mark.text.trimmedSpaces.isEmpty { continue }
                marks += 1
                // Every problem of this record is placed at its cell (`考勤.xlsx:1年级1班!F7`).
                var student = studentField
                student.column = mark.column
                if course == nil { courseField.column = mark.column }
                try importRow(
                    [TableField(text: date.description, line: mark.line, column: mark.column), courseField, student, mark])
            }
            // An unknown student (or course) is said once for the row, not once for each of its dates.
            var said: Set<String> = []
            let rowErrors = parser.errors[errorsBefore...].filter { said.insert($0.message.en).inserted }
            parser.errors.replaceSubrange(errorsBefore..., with: rowErrors)
        }
        return marks
    }


    private func cell(_ row: [TableField], _ index: Int, line: Int) -> TableField {
        index < row.count ? row[index] : TableField(text: "", line: line, column: index + 1)
    }
}
