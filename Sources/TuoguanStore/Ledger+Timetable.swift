import GRDB
import TuoguanCore

/// What `tuoguan schedule` did (or would do) to one course's sessions.
public struct CourseTimetable: Sendable, Equatable {
    public var course: Course
    /// Sessions made now.
    public var made: Int
    /// Sessions still to come with nothing recorded that no longer fit the timetable, removed.
    public var removed: Int
    /// Sessions of the timetable already there, unchanged.
    public var unchanged: Int
    /// Sessions with something recorded (held, cancelled, attendance, an edit, or from a sessions file): kept.
    public var kept: Int
    /// The course's sessions after it, first and last day.
    public var total: Int
    public var first: CivilDate?
    public var last: CivilDate?
}

/// The timetable: every session of a course made from its weekdays and times, the term's service weekdays,
/// `no_service` and `make_up_days` (``PlanRules/courseDays(weekdays:)``), as `scheduled` sessions. A scheduled
/// session is held once its day has passed (``asOf``) or as soon as its attendance is recorded.
extension Ledger {
    /// Makes (or re-makes) the sessions of `courseIds` (nil: every course) from their timetables, in one
    /// transaction. A course with no session yet gets the whole term; otherwise only the days from `asOf` on
    /// change: a session of the timetable still to come with nothing recorded (no attendance, no edit, not
    /// cancelled) that no longer fits is removed, a day that fits and has no session gets one. Sessions with
    /// something recorded, and days before `asOf`, are never touched. `dryRun`: what it would do, nothing written.
    ///
    /// ```swift
    /// let made = try ledger.makeTimetable(courseIds: ["X0001"], dryRun: false, by: "王会计")
    /// made[0].made   // 32: every Tuesday and Thursday of the term with service
    /// ```
    public func makeTimetable(courseIds: [String]? = nil, dryRun: Bool, by: String) throws -> [CourseTimetable] {
        let run = { (db: Database) throws -> [CourseTimetable] in
            let ids = try courseIds ?? String.fetchAll(db, sql: "SELECT id FROM courses ORDER BY id")
            return try ids.map { try self.remakeTimetable(of: self.reader(db).requireCourse($0), by: by, db: db) }
        }
        if dryRun {
            return try record { writer in
                var out: [CourseTimetable] = []
                // A savepoint rolled back: the same code path, nothing kept.
                try writer.db.inSavepoint {
                    out = try run(writer.db)
                    return .rollback
                }
                return out
            }
        }
        return try record { writer in try run(writer.db) }
    }

    /// One course's sessions made again from its timetable, in the caller's transaction (see
    /// ``makeTimetable(courseIds:dryRun:by:)``).
    func remakeTimetable(of course: Course, by: String, db: Database) throws -> CourseTimetable {
        let plan = rules.courseDays(weekdays: course.weekdays)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT s.id, s.date, s.start, s."end", s.teacher_id, s.status, s.timetable,
                       EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id) AS marked,
                       EXISTS (SELECT 1 FROM history h WHERE h.subject = 'course' AND h.subject_id = s.course_id
                               AND h.field LIKE 'session:' || s.date || ':%') AS edited
                FROM sessions s WHERE s.course_id = ? ORDER BY s.date
                """, arguments: [course.id])
        let cut = rows.isEmpty ? rules.starts : asOf
        var result = CourseTimetable(course: course, made: 0, removed: 0, unchanged: 0, kept: 0, total: 0)
        // A day a session was moved away from (调课) is taken: the timetable does not fill it again.
        var taken = Set(
            try String.fetchAll(
                db,
                sql: """
                    SELECT old_value FROM history WHERE subject = 'course' AND subject_id = ? AND field LIKE 'session:%:date'
                      AND old_value IS NOT NULL
                    """, arguments: [course.id]))
        let planned = Set(plan.map(\.description))
        for row in rows {
            let date: String = row["date"]
            let untouched =
                (row["timetable"] as Int64) == 1 && (row["status"] as String) == SessionState.scheduled
                && !(row["marked"] as Bool) && !(row["edited"] as Bool)
            let future = (CivilDate(parsing: date) ?? rules.starts) >= cut
            if untouched && future {
                let fits =
                    planned.contains(date) && (row["start"] as Int) == course.start && (row["end"] as Int) == course.end
                    && (row["teacher_id"] as String) == course.teacherId
                if !fits {
                    try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [row["id"] as Int64])
                    result.removed += 1
                    continue
                }
                result.unchanged += 1
            } else if !untouched {
                result.kept += 1
            } else {
                result.unchanged += 1
            }
            taken.insert(date)
        }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO sessions (course_id, date, start, "end", teacher_id, status, reason, timetable, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, 'scheduled', '', 1, ?, ?)
                """)
        let now = Ledger.timestamp()
        for day in plan where day >= cut && !taken.contains(day.description) {
            try insert.execute(arguments: [course.id, day.description, course.start, course.end, course.teacherId, by, now])
            result.made += 1
        }
        let span = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), MIN(date), MAX(date) FROM sessions WHERE course_id = ?", arguments: [course.id])
        result.total = span?[0] ?? 0
        result.first = (span?[1] as String?).flatMap(CivilDate.init(parsing:))
        result.last = (span?[2] as String?).flatMap(CivilDate.init(parsing:))
        return result
    }

    /// Every course with a timetable made again, in the caller's transaction: what a change of the plan's
    /// days (`no_service`, `make_up_days`, service weekdays) does, with `self.rules` the rules now in force.
    ///
    /// ```swift
    /// try ledger.record { writer in try ledger.remakeTimetables(by: "教导处", db: writer.db) }
    /// ```
    func remakeTimetables(by: String, db: Database) throws -> [CourseTimetable] {
        try String.fetchAll(db, sql: "SELECT DISTINCT course_id FROM sessions WHERE timetable = 1 ORDER BY course_id").map {
            try remakeTimetable(of: reader(db).requireCourse($0), by: by, db: db)
        }
    }

    /// Whether `course` has sessions made by the timetable (a change of the course re-makes them).
    func hasTimetable(_ courseId: String, db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE course_id = ? AND timetable = 1)", arguments: [courseId]
        ) ?? false
    }
}

extension ImportSession {
    /// In a ledger with a timetable, a course imported without sessions gets its timetable in the import's
    /// transaction (a school without a timetable keeps importing its sessions).
    func scheduleNewCourses() throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE timetable = 1)") == true else { return }
        let fresh = try String.fetchAll(
            db, sql: "SELECT id FROM courses c WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.course_id = c.id) ORDER BY id")
        for id in fresh { _ = try ledger.remakeTimetable(of: ledger.reader(db).requireCourse(id), by: by, db: db) }
    }
}
