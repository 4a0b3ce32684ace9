import GRDB
import TuoguanCore

/// The reads of the timetable: a course's sessions as the timetable sees them, the days sessions were moved
/// away from, and the courses with a timetable.
extension LedgerReader {
    /// Every course's id, in order.
    func courseIds() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM courses ORDER BY id")
    }

    /// The courses with sessions made by the timetable, in order.
    func timetabledCourseIds() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT DISTINCT course_id FROM sessions WHERE timetable = 1 ORDER BY course_id")
    }

    /// Whether `course` has sessions made by the timetable (a change of the course re-makes them).
    func hasTimetable(_ courseId: String) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE course_id = ? AND timetable = 1)", arguments: [courseId]
        ) ?? false
    }

    /// The course's sessions by day, each with whether the timetable may still change it.
    ///
    /// ```swift
    /// let sessions = try reader.timetableSessions(of: "X1")   // [TimetableSession(date: "2024-09-03", untouched: true, …)]
    /// ```
    func timetableSessions(of courseId: String) throws -> [TimetableSession] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.date, s.start, s."end", s.teacher_id, s.status, s.timetable,
                       EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id) AS marked,
                       EXISTS (SELECT 1 FROM history h WHERE h.subject = 'course' AND h.subject_id = s.course_id
                               AND h.field LIKE 'session:' || s.date || ':%') AS edited
                FROM sessions s WHERE s.course_id = ? ORDER BY s.date
                """, arguments: [courseId]
        ).map { row in
            TimetableSession(
                id: row["id"], date: row["date"], start: row["start"], end: row["end"], teacherId: row["teacher_id"],
                untouched: (row["timetable"] as Int64) == 1 && (row["status"] as String) == SessionState.scheduled
                    && !(row["marked"] as Bool) && !(row["edited"] as Bool))
        }
    }

    /// The days a session of the course was moved away from (调课): the timetable does not fill them again.
    func daysMovedAway(of courseId: String) throws -> Set<String> {
        Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT old_value FROM history WHERE subject = 'course' AND subject_id = ? AND field LIKE 'session:%:date'
                      AND old_value IS NOT NULL
                    """, arguments: [courseId]))
    }

    /// How many sessions the course has, and its first and last day.
    func sessionSpan(of courseId: String) throws -> (total: Int, first: CivilDate?, last: CivilDate?) {
        let span = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), MIN(date), MAX(date) FROM sessions WHERE course_id = ?", arguments: [courseId])
        return (
            span?[0] ?? 0, (span?[1] as String?).flatMap(CivilDate.init(parsing:)),
            (span?[2] as String?).flatMap(CivilDate.init(parsing:))
        )
    }
}
