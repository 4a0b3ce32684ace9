import GRDB
import TuoguanCore
import TuoguanInput

// MARK: Attendance (streamed: preloaded lookups, the marks kept on one sheet, written at the end)

extension ImportSession {
    /// Imports the rows of an attendance CSV: each row through ``AttendanceBulkImport`` when it is plainly
    /// valid, through ``importRow(_:)`` (every check, every message) otherwise.
    func importAttendanceRows(_ reader: inout CSVReader) throws {
        guard let date = parser.index(of: "date"), let course = parser.index(of: "course_id"),
            let student = parser.index(of: "student_id"), let status = parser.index(of: "status")
        else {
            while let row = try reader.next() { try importRow(row) }
            return
        }
        let name = options.ignoreNames ? nil : parser.personNameIndex
        let columns = AttendanceBulkImport.Columns(date: date, course: course, student: student, status: status, name: name)
        let bulk = try AttendanceBulkImport(
            rules: rules, tally: attendanceTally(), sheet: attendanceMarks(), names: name == nil ? nil : loadNames(.students))
        let buffer = reader.bytes
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(8)
        rows: while true {
            switch reader.nextRaw(buffer, into: &ranges) {
            case .end:
                break rows
            case .quoted:
                guard let row = try reader.next() else { break rows }
                try importRow(row)
            case .row(let line, let lineStart):
                if bulk.insert(buffer, ranges: ranges, columns: columns) {
                    report.rowsRead += 1
                    report.inserted += 1
                } else {
                    try importRow(reader.fields(of: ranges, line: line, lineStart: lineStart))
                }
                // The file's pages behind this line are not needed again.
                reader.text.release(before: lineStart)
            }
        }
    }

    /// One attendance row by the row-by-row path: parsed, then checked against the sessions and
    /// enrollments, then inserted (or found there already).
    func writeAttendance(_ fields: [TableField]) throws {
        if attendance == nil { attendance = try AttendanceWriter(db: db, sheet: attendanceMarks()) }
        guard let writer = attendance, let row = try parser.attendance(fields, references: writer.references),
            let studentNo = writer.references.students[row.student], let code = AttendanceCode.code(row.status)
        else { return }
        let (date, course, student, status) = (row.date, row.course, row.student, row.status)
        guard let session = writer.references.sessions[course + "\u{1}" + date.description] else {
            parser.fail(
                row.dateField, .unknownReference, zh: "课程 \(course) 在 \(date) 没有课次，应先导入该课次（已上课）",
                en: "no session of course \(course) on \(date): expected a held session (import the sessions first)")
            return
        }
        if !session.held {
            parser.fail(
                row.dateField, zh: "课程 \(course) 在 \(date) 已停课，不能登记考勤",
                en: "the session of course \(course) on \(date) was cancelled: expected a held session",
                fix: LocalizedText(
                    zh: "如那天其实上了课，先用 tuoguan undo 撤销这次停课，再导入；否则删去这一行",
                    en: "if it was held after all, take the cancellation back with tuoguan undo first; otherwise remove the row"))
            return
        }
        guard let enrollment = writer.references.enrollments[student + "\u{1}" + course], enrollment.from <= date,
            enrollment.until.map({ date < $0 }) ?? true
        else {
            parser.fail(
                row.studentField, .unknownReference, zh: "学生 \(student) 在 \(date) 没有报名课程 \(course)",
                en: "student \(student) is not enrolled in course \(course) on \(date): expected an enrollment covering the date",
                fix: LocalizedText(
                    zh: "核对学号和日期；如报名日期有误，先 tuoguan edit enrollment \(student) \(course) --from（或 --until）日期 --note 原因；如未报名，先导入报名",
                    en: "check the id and the date; if the enrolment's dates are wrong, first tuoguan edit enrollment \(student) \(course) --from (or --until) DATE --note WHY; if not enrolled, import the enrolment first"))
            return
        }
        switch writer.insert(session: session.id, studentNo: studentNo, code: code) {
        case .inserted:
            try attendanceTally().add(session: session.id, studentNo: studentNo, code: code)
            report.inserted += 1
        case .earlierInThisFile:
            parser.fail(
                row.studentField, .duplicate, zh: "重复的行：学生 \(student) 在 \(date) 课程 \(course) 的考勤已在本文件中出现",
                en: "duplicate row: attendance of \(student) in \(course) on \(date) appears earlier in this file",
                fix: LocalizedText(zh: "删去其中一行", en: "remove one of the rows"))
        case .recorded(let stored) where stored == status:
            report.unchanged += 1
        case .recorded(let stored) where options.replace:
            let mark = Ledger.MarkTarget(
                session: session.id, studentNo: studentNo, studentId: student, studentName: (try loadNames(.students))[student] ?? "",
                courseId: course, date: date, old: stored, new: status)
            pendingMarks.append((mark, row.statusField))
        case .recorded(let stored):
            let (old, new) = (AttendanceChange.word(stored, .zh), AttendanceChange.word(status, .zh))
            parser.fail(
                row.statusField, .conflict,
                zh: "学生 \(student) 在 \(date) 课程 \(course) 的考勤已登记为“\(old)”，本行为“\(new)”",
                en: "attendance of \(student) in \(course) on \(date) is already recorded as \(stored); this row has \(status)",
                fix: LocalizedText(
                    zh: "如本行是更正：加 --replace --note 原因 重新导入（逐条列出改动），或 tuoguan edit attendance \(student) \(course) \(date) --status \(new) --note 原因",
                    en: "if this row is a correction: import again with --replace --note WHY (every change is listed), or tuoguan edit attendance \(student) \(course) \(date) --status \(status) --note WHY"))
        case .none:
            return
        }
    }
}

/// The row-by-row attendance path's lookups, made at its first row: a valid file goes through the bulk path
/// entirely, and these tables (every session and enrollment keyed by text) would be a district's largest
/// allocation. Its marks go on the import's ``AttendanceMarkSheet`` like the bulk path's.
final class AttendanceWriter {
    enum Outcome {
        case inserted
        /// The same student and session came earlier in this import.
        case earlierInThisFile
        /// Recorded by an earlier import, with this status word.
        case recorded(String)
    }

    let references: AttendanceReferences
    private let sheet: AttendanceMarkSheet

    init(db: Database, sheet: AttendanceMarkSheet) throws {
        references = try AttendanceReferences(db: db)
        self.sheet = sheet
    }

    /// Marks the student at the session, or says what is there already (nil: the student has no enrolment in
    /// the session's course, which the caller has checked).
    func insert(session: Int64, studentNo: Int64, code: Int64) -> Outcome? {
        guard let cell = sheet.cell(session: session, studentNo: studentNo) else { return nil }
        switch sheet.mark(cell, code: code) {
        case .added: return .inserted
        case .addedBefore: return .earlierInThisFile
        case .recorded(let stored): return .recorded(AttendanceCode.name(stored))
        }
    }
}
