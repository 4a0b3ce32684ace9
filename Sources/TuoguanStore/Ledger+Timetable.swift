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
        let run = { (writer: LedgerWriter) throws -> [CourseTimetable] in
            try (courseIds ?? writer.reader.courseIds()).map { try writer.remakeTimetable(of: writer.reader.requireCourse($0), by: by) }
        }
        guard dryRun else { return try record { writer in try run(writer) } }
        return try record { writer in
            var out: [CourseTimetable] = []
            // A savepoint rolled back: the same code path, nothing kept.
            try writer.db.inSavepoint {
                out = try run(writer)
                return .rollback
            }
            return out
        }
    }

    /// One course's sessions made again from its timetable, in the caller's transaction (an import's: see
    /// ``LedgerWriter/remakeTimetable(of:by:)``).
    func remakeTimetable(of course: Course, by: String, db: Database) throws -> CourseTimetable {
        try LedgerWriter(ledger: self, db: db).remakeTimetable(of: course, by: by)
    }

    /// What the timetable does to one course's sessions, decided from what is there: a session of the
    /// timetable still to come (from `cut` on) with nothing recorded that no longer fits the course's `planned`
    /// days, times or teacher is removed; a planned day from `cut` on with no session (and not one a session was
    /// moved away from, `taken`) gets one. Sessions with something recorded are kept.
    ///
    /// ```swift
    /// let plan = Ledger.timetablePlan(course: x1, planned: days, sessions: rows, taken: [], cut: asOf)
    /// plan.make   // the days to make a session on
    /// ```
    static func timetablePlan(
        course: Course, planned plan: [CivilDate], sessions: [TimetableSession], taken moved: Set<String>, cut: CivilDate,
        termStart: CivilDate
    ) -> TimetablePlan {
        var result = TimetablePlan()
        var taken = moved
        let planned = Set(plan.map(\.description))
        for session in sessions {
            let future = (CivilDate(parsing: session.date) ?? termStart) >= cut
            if session.untouched && future {
                let fits = planned.contains(session.date) && session.start == course.start && session.end == course.end
                    && session.teacherId == course.teacherId
                if !fits {
                    result.remove.append(session.id)
                    continue
                }
                result.unchanged += 1
            } else if !session.untouched {
                result.kept += 1
            } else {
                result.unchanged += 1
            }
            taken.insert(session.date)
        }
        result.make = plan.filter { $0 >= cut && !taken.contains($0.description) }
        return result
    }
}

/// A session of a course as the timetable sees it.
struct TimetableSession {
    var id: Int64
    var date: String
    var start: Int
    var end: Int
    var teacherId: String
    /// Made by the timetable, still scheduled, no attendance and no edit: the timetable may change it.
    var untouched: Bool
}

/// What the timetable does to one course: sessions to remove (by id), days to make a session on, and the
/// sessions left as they are.
struct TimetablePlan {
    var remove: [Int64] = []
    var make: [CivilDate] = []
    var unchanged = 0
    var kept = 0
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
