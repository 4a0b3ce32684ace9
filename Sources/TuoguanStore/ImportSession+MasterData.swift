import GRDB
import TuoguanCore
import TuoguanInput

/// The writers of the reference sheets: each typed row as one row of its table (see ``upsert(table:key:values:what:at:)``).
extension ImportSession {
    func write(_ row: StudentRow) throws {
        try upsert(
            table: "students", key: [("id", row.id)],
            values: [("name", row.name), ("grade", row.grade), ("class", row.className), ("category", row.category)],
            what: LocalizedText(zh: "学生 \(row.id)", en: "student \(row.id)"), at: row.at)
    }

    func write(_ row: TeacherRow) throws {
        try upsert(
            table: "teachers", key: [("id", row.id)], values: [("name", row.name), ("kind", row.kind.rawValue)],
            what: LocalizedText(zh: "教师 \(row.id)", en: "teacher \(row.id)"), at: row.at)
    }

    func write(_ row: CourseRow) throws {
        try upsert(
            table: "courses", key: [("id", row.id)],
            values: [
                ("name", row.name), ("policy", row.policy), ("teacher_id", row.teacher),
                ("weekdays", row.weekdays.map(String.init).joined(separator: ",")), ("start", row.startMinutes),
                ("end", row.endMinutes), ("room", row.room), ("capacity", row.capacity),
            ], what: LocalizedText(zh: "课程 \(row.id)", en: "course \(row.id)"), at: row.at)
    }

    func write(_ row: EnrollmentRow) throws {
        try upsert(
            table: "enrollments", key: [("student_id", row.student), ("course_id", row.course)],
            values: [("from_date", row.from.description), ("until_date", row.until?.description)],
            what: LocalizedText(
                zh: "学生 \(row.student) 报名课程 \(row.course)", en: "enrollment of \(row.student) in \(row.course)"),
            at: row.at)
    }

    /// A session: its times and teacher, when the row leaves them out, the course's.
    func write(_ row: SessionRow) throws {
        guard let course = try references.course(row.course) else { return }  // known: the parser asked
        let date = row.date
        if try recordScheduled(row, course: course) { return }
        try upsert(
            table: "sessions", key: [("course_id", course.id), ("date", date.description)],
            values: [
                ("start", row.startMinutes ?? course.start), ("end", row.endMinutes ?? course.end),
                ("teacher_id", row.teacher ?? course.teacherId), ("status", row.status), ("reason", row.reason),
            ],
            what: LocalizedText(zh: "课程 \(course.id) \(date.chinese) 的课次", en: "session of \(course.id) on \(date)"),
            at: row.at)
    }

    func write(_ row: DutyRow) throws {
        try upsert(
            table: "duties",
            key: [("date", row.date.description), ("teacher_id", row.teacher), ("duty", row.duty), ("course_id", row.course)],
            values: [], what: LocalizedText(zh: "值班", en: "duty"), at: row.at)
    }

    func write(_ row: ScoreRow) throws {
        try upsert(
            table: "scores", key: [("teacher_id", row.teacher)], values: [("hundredths", row.hundredths)],
            what: LocalizedText(zh: "教师 \(row.teacher) 的分数", en: "score of \(row.teacher)"), at: row.at)
    }

    /// A row of a sessions file for a session the timetable made and nothing recorded yet: the file says what
    /// happened (held or cancelled, times, teacher), and the row counts as one that added something. True when
    /// it was such a session.
    func recordScheduled(_ row: SessionRow, course: Course) throws -> Bool {
        // (Looked for once: a ledger without the timetable's sessions has none to look up for each row.)
        if hasScheduled == nil {
            hasScheduled = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE status = ?)", arguments: [SessionState.scheduled])
        }
        guard hasScheduled == true,
            let stored = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, status FROM sessions WHERE course_id = ? AND date = ?"),
                arguments: [course.id, row.date.description]),
            (stored["status"] as String) == SessionState.scheduled
        else { return false }
        let id: Int64 = stored["id"]
        // (A session with attendance is held: recording it made it so.)
        try db.execute(
            sql: """
                UPDATE sessions SET start = ?, "end" = ?, teacher_id = ?, status = ?, reason = ?, recorded_by = ?, recorded_at = ?
                WHERE id = ?
                """,
            arguments: [
                row.startMinutes ?? course.start, row.endMinutes ?? course.end, row.teacher ?? course.teacherId, row.status,
                row.reason, by, Ledger.timestamp(), id,
            ])
        report.inserted += 1
        return true
    }
}
