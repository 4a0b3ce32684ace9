import GRDB
import TuoguanCore

/// The reads of an edit of a session (代课, 调课, its times): the session as recorded, and whether it can move.
extension LedgerReader {
    /// The session of `courseId` on `date`; refused when there is none or it was cancelled.
    ///
    /// ```swift
    /// let session = try reader.editableSession(of: "X0001", on: d)   // teacherId: "T01"
    /// ```
    func editableSession(of courseId: String, on date: CivilDate) throws -> EditableSession {
        guard
            let row = try Row.fetchOne(
                db, sql: #"SELECT id, start, "end", teacher_id, status FROM sessions WHERE course_id = ? AND date = ?"#,
                arguments: [courseId, date.description])
        else {
            throw TuoguanError(
                .unknownReference, zh: "课程 \(courseId) 在 \(date) 没有课次", en: "course \(courseId) has no session on \(date)",
                fix: LocalizedText(
                    zh: "检查日期（tuoguan show course \(courseId) 列出课次），或先排课（tuoguan schedule）",
                    en: "check the date (tuoguan show course \(courseId) lists the sessions), or make the timetable first (tuoguan schedule)"),
                excerpt: courseId)
        }
        if (row["status"] as String) == "cancelled" {
            throw TuoguanError(
                .conflict, zh: "课程 \(courseId) 在 \(date) 的课次已停课，不能再改",
                en: "the session of \(courseId) on \(date) was cancelled: it cannot be changed",
                fix: LocalizedText(
                    zh: "先撤销停课（tuoguan undo --entry 停课编号 --id 新编号 --note 原因），再改",
                    en: "undo the cancellation first (tuoguan undo --entry CANCEL-ID --id NEW-ID --note why), then change it"),
                excerpt: courseId)
        }
        return EditableSession(id: row["id"], date: date, start: row["start"], end: row["end"], teacherId: row["teacher_id"])
    }

    /// Refuses moving a session to `to` (调课) outside the term, onto a day with another session of the course,
    /// or outside the enrolment of a student with attendance at it.
    func requireMovable(session: EditableSession, course: String, to: CivilDate) throws {
        guard to >= rules.starts && to <= rules.ends else {
            throw TuoguanError(
                .usage, zh: "新日期 \(to) 不在本学期（\(rules.starts) 至 \(rules.ends)）内",
                en: "the new day \(to) is outside the term (\(rules.starts) to \(rules.ends))", at: SourceLocation(key: "--date"))
        }
        if try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE course_id = ? AND date = ?)",
            arguments: [course, to.description]) == true
        {
            throw TuoguanError(
                .conflict, zh: "课程 \(course) 在 \(to) 已有课次", en: "course \(course) already has a session on \(to)",
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
                """, arguments: [course, session.id, to.description, to.description])
        if let outside {
            throw TuoguanError(
                .conflict, zh: "学生 \(outside) 在 \(session.date) 有考勤，但 \(to) 不在其报名期内",
                en: "student \(outside) has attendance at the session of \(session.date), but \(to) is outside their enrolment",
                fix: LocalizedText(zh: "换一天，或先更正该生的报名日期（tuoguan edit enrollment）", en: "choose another day, or correct the enrolment's dates first (tuoguan edit enrollment)"),
                at: SourceLocation(key: "--date"), excerpt: outside)
        }
    }
}
