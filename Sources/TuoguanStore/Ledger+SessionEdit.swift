import GRDB
import TuoguanCore

/// The fields of one session to change (nil: unchanged): the teacher who taught it (代课), its day (调课) or
/// its times.
///
/// ```swift
/// SessionEdit(teacherId: "T02")                                   // a substitute
/// SessionEdit(date: CivilDate(parsing: "2024-09-12"))             // moved to another day
/// ```
public struct SessionEdit: Sendable, Equatable {
    public var teacherId: String?
    public var date: CivilDate?
    public var start: Int?
    public var end: Int?
    public init(teacherId: String? = nil, date: CivilDate? = nil, start: Int? = nil, end: Int? = nil) {
        self.teacherId = teacherId
        self.date = date
        self.start = start
        self.end = end
    }
}

extension Ledger {
    /// Changes one session of `courseId` on `date`: its teacher (the workload points and pay follow whoever
    /// taught: they are counted from the sessions), its day or its times. Each changed field is kept in the
    /// course's history as `session:DATE:FIELD` (old, new, who, when, why); the tallies of the students with
    /// attendance at it are recounted in the same transaction (their minutes, their enrolment windows). A
    /// session so edited is never re-made by the timetable.
    ///
    /// Refused: a cancelled session (undo the cancellation first), a day outside the term or already taken by
    /// another session of the course, a day outside the enrolment of a student with attendance at it.
    ///
    /// ```swift
    /// try ledger.editSession(courseId: "X0001", date: d, SessionEdit(teacherId: "T02"), note: "王老师病假，李老师代课", by: "教导处")
    /// ```
    public func editSession(courseId: String, date: CivilDate, _ edit: SessionEdit, note: String, by: String) throws
        -> [MasterChange]
    {
        try requireNote(note)
        return try record { writer in
            let course = try writer.reader.requireCourse(courseId)
            guard
                let row = try Row.fetchOne(
                    writer.db, sql: #"SELECT id, start, "end", teacher_id, status FROM sessions WHERE course_id = ? AND date = ?"#,
                    arguments: [course.id, date.description])
            else { throw noSession(course.id, date) }
            let id: Int64 = row["id"]
            if (row["status"] as String) == "cancelled" {
                throw TuoguanError(
                    .conflict, zh: "课程 \(course.id) 在 \(date) 的课次已停课，不能再改",
                    en: "the session of \(course.id) on \(date) was cancelled: it cannot be changed",
                    fix: LocalizedText(
                        zh: "先撤销停课（tuoguan undo --entry 停课编号 --id 新编号 --note 原因），再改",
                        en: "undo the cancellation first (tuoguan undo --entry CANCEL-ID --id NEW-ID --note why), then change it"),
                    excerpt: course.id)
            }
            var changes: [(String, String?, String?)] = []
            if let teacher = edit.teacherId, teacher != row["teacher_id"] as String {
                try writer.reader.requireTeacher(teacher, flag: "--teacher")
                try writer.db.execute(sql: "UPDATE sessions SET teacher_id = ? WHERE id = ?", arguments: [teacher, id])
                changes.append(("teacher_id", row["teacher_id"], teacher))
            }
            let start = edit.start ?? row["start"]
            let end = edit.end ?? row["end"]
            guard end > start else {
                throw TuoguanError(
                    .usage, zh: "结束时间 \(clock(end)) 应晚于开始时间 \(clock(start))",
                    en: "end \(clock(end)) is not after start \(clock(start))",
                    at: SourceLocation(key: edit.end != nil ? "--end" : "--start"))
            }
            if start != row["start"] as Int {
                changes.append(("start", clock(row["start"]), clock(start)))
            }
            if end != row["end"] as Int { changes.append(("end", clock(row["end"]), clock(end))) }
            try writer.db.execute(sql: #"UPDATE sessions SET start = ?, "end" = ? WHERE id = ?"#, arguments: [start, end, id])
            if let moved = edit.date, moved != date {
                try requireMovable(id: id, course: course, from: date, to: moved, db: writer.db)
                try writer.db.execute(sql: "UPDATE sessions SET date = ? WHERE id = ?", arguments: [moved.description, id])
                changes.append(("date", date.description, moved.description))
            }
            guard !changes.isEmpty else { return [] }
            try writer.db.execute(
                sql: "UPDATE sessions SET recorded_by = ?, recorded_at = ? WHERE id = ?", arguments: [by, Ledger.timestamp(), id])
            try writer.recountUsage(session: id)
            // Every field is filed under the session's day as it was, so the timetable knows it was edited; a
            // move is filed under the new day too.
            var out = try changes.map { field, old, new in
                try writer.appendHistory(
                    .course, subjectId: course.id, courseId: nil, field: "session:\(date):\(field)", old: old, new: new,
                    note: note, by: by)
            }
            if let moved = edit.date, moved != date {
                out.append(
                    try writer.appendHistory(
                        .course, subjectId: course.id, courseId: nil, field: "session:\(moved):date", old: date.description,
                        new: moved.description, note: note, by: by))
            }
            return out
        }
    }

    /// A session moved from `from` to `to` (调课): inside the term, a day without another session of the course,
    /// and inside the enrolment of every student with attendance at it.
    private func requireMovable(id: Int64, course: Course, from: CivilDate, to: CivilDate, db: Database) throws {
        guard to >= rules.starts && to <= rules.ends else {
            throw TuoguanError(
                .usage, zh: "新日期 \(to) 不在本学期（\(rules.starts) 至 \(rules.ends)）内",
                en: "the new day \(to) is outside the term (\(rules.starts) to \(rules.ends))", at: SourceLocation(key: "--date"))
        }
        if try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE course_id = ? AND date = ?)",
            arguments: [course.id, to.description]) == true
        {
            throw TuoguanError(
                .conflict, zh: "课程 \(course.id) 在 \(to) 已有课次", en: "course \(course.id) already has a session on \(to)",
                fix: LocalizedText(zh: "换一天，或先改那一天的课次", en: "choose another day, or change that day's session first"),
                at: SourceLocation(key: "--date"))
        }
        let outside = try String.fetchOne(
            db,
            sql: """
                SELECT st.id FROM attendance a JOIN students st ON st.no = a.student_no
                JOIN enrollments e ON e.student_id = st.id AND e.course_id = ?
                WHERE a.session_id = ? AND (e.from_date > ? OR (e.until_date IS NOT NULL AND e.until_date <= ?))
                ORDER BY st.id LIMIT 1
                """, arguments: [course.id, id, to.description, to.description])
        if let outside {
            throw TuoguanError(
                .conflict, zh: "学生 \(outside) 在 \(from) 有考勤，但 \(to) 不在其报名期内",
                en: "student \(outside) has attendance at the session of \(from), but \(to) is outside their enrolment",
                fix: LocalizedText(zh: "换一天，或先更正该生的报名日期（tuoguan edit enrollment）", en: "choose another day, or correct the enrolment's dates first (tuoguan edit enrollment)"),
                at: SourceLocation(key: "--date"), excerpt: outside)
        }
    }

    private func noSession(_ course: String, _ date: CivilDate) -> TuoguanError {
        TuoguanError(
            .unknownReference, zh: "课程 \(course) 在 \(date) 没有课次", en: "course \(course) has no session on \(date)",
            fix: LocalizedText(
                zh: "检查日期（tuoguan show course \(course) 列出课次），或先排课（tuoguan schedule）",
                en: "check the date (tuoguan show course \(course) lists the sessions), or make the timetable first (tuoguan schedule)"),
            excerpt: course)
    }
}
