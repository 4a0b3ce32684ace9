import GRDB
import TuoguanCore

/// The writes of the timetable: a course's sessions made again from its timetable.
extension LedgerWriter {
    /// One course's sessions made again from its timetable (see ``Ledger/makeTimetable(courseIds:dryRun:by:)``):
    /// the reader reads its sessions, ``Ledger/timetablePlan(course:planned:sessions:taken:cut:termStart:)``
    /// decides, and the sessions no longer fitting are removed and the missing days made.
    ///
    /// ```swift
    /// let made = try writer.remakeTimetable(of: x1, by: "教导处")   // made.made: 32
    /// ```
    func remakeTimetable(of course: Course, by: String) throws -> CourseTimetable {
        let sessions = try reader.timetableSessions(of: course.id)
        let plan = Ledger.timetablePlan(
            course: course, planned: rules.courseDays(weekdays: course.weekdays), sessions: sessions,
            taken: try reader.daysMovedAway(of: course.id), cut: sessions.isEmpty ? rules.starts : ledger.asOf,
            termStart: rules.starts)
        for id in plan.remove { try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id]) }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO sessions (course_id, date, start, "end", teacher_id, status, reason, timetable, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, 'scheduled', '', 1, ?, ?)
                """)
        let now = Ledger.timestamp()
        for day in plan.make {
            try insert.execute(arguments: [course.id, day.description, course.start, course.end, course.teacherId, by, now])
        }
        let span = try reader.sessionSpan(of: course.id)
        return CourseTimetable(
            course: course, made: plan.make.count, removed: plan.remove.count, unchanged: plan.unchanged, kept: plan.kept,
            total: span.total, first: span.first, last: span.last)
    }

    /// Every course with a timetable made again: what a change of the plan's days (`no_service`,
    /// `make_up_days`, service weekdays) does, with this writer's rules (the rules now in force).
    func remakeTimetables(by: String) throws -> [CourseTimetable] {
        try reader.timetabledCourseIds().map { try remakeTimetable(of: reader.requireCourse($0), by: by) }
    }
}
