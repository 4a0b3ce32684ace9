import GRDB
import TuoguanCore

/// Each enrolment's usage (``CourseUsage``), for the whole term and for one student: the courses' schedules
/// read here, the attendance from the tallies kept at import or counted from one student's rows, and each
/// usage made by the core's one function
/// (``CourseUsage/init(studentId:courseId:window:schedule:attendance:asOf:termStarts:)``).
extension LedgerReader {
    /// One student's enrolment in a course, for counting its usage.
    struct Enrolment {
        var course: Course
        var window: EnrolmentWindow
    }

    /// One student's usage of some courses, each in its window, and each course's schedule: behind a
    /// statement (``termFacts(forStudent:)``), `explain`, the refund ceilings and the money events' facts.
    /// That student's attendance rows are counted by ``AttendanceTally``, the rule the tallies are kept by.
    ///
    /// ```swift
    /// let (usages, schedules) = try reader.studentUsages("S001", [.init(course: x1, window: EnrolmentWindow(from: d))])
    /// usages[0].heldLessons   // X1's held sessions from d on
    /// ```
    /// `attendance: false` leaves present, leave, absent and minutes at zero (what a check of the term's
    /// lessons alone needs, without reading attendance).
    func studentUsages(_ studentId: String, _ enrolments: [Enrolment], attendance: Bool = true) throws
        -> (usages: [CourseUsage], schedules: [String: [CivilDate]])
    {
        var sessions: [Int64: AttendanceTally.Session] = [:]
        var courses: [Course] = []
        for course in enrolments.map(\.course) where !courses.contains(where: { $0.id == course.id }) {
            courses.append(course)
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: Ledger.sessionColumns(db) + " FROM sessions WHERE course_id = ?"), arguments: [course.id])
            try Ledger.addSessions(&sessions, rows: rows, asOf: asOf)
        }
        let schedules = courseSchedules(courses: courses, sessions: sessions)
        var counts = [AttendanceCounts](repeating: AttendanceCounts(), count: enrolments.count)
        if attendance {
            let windows = enrolments.map { AttendanceTally.Window(student: studentId, course: $0.course.id, enrolment: $0.window) }
            let tally = try AttendanceTally(db: db, sessions: sessions, windows: windows)
            try tally.addRows(ofStudent: studentId, db: db)
            counts = tally.counts.map(AttendanceCounts.init)
        }
        let usages = zip(enrolments, counts).map { e, counted in
            CourseUsage(
                studentId: studentId, courseId: e.course.id, window: e.window,
                schedule: schedules[e.course.id] ?? CourseSchedule(), attendance: counted, asOf: asOf, termStarts: rules.starts)
        }
        return (usages, schedules.mapValues(\.days))
    }

    /// One enrolment's usage in `window` and the course's schedule, by ``studentUsages(_:_:attendance:)``.
    ///
    /// ```swift
    /// let (now, schedule) = try reader.usage(studentId: "S001", course: x1, window: window)
    /// ```
    func usage(studentId: String, course: Course, window: EnrolmentWindow, attendance: Bool = true) throws
        -> (usage: CourseUsage, schedule: [CivilDate])
    {
        let out = try studentUsages(studentId, [Enrolment(course: course, window: window)], attendance: attendance)
        return (out.usages[0], out.schedules[course.id] ?? [])
    }

    /// The usage of every enrolment whose row matches `condition` (`AND`-ed, on `e`, the enrollments), by
    /// student and course: the schedule from `schedules`, the attendance from `usage_tallies` (rows read one at
    /// a time: a district has hundreds of thousands of enrolments).
    func familyUsages(schedules: [String: CourseSchedule], where condition: String, arguments: StatementArguments) throws
        -> [CourseUsage]
    {
        let none = CourseSchedule()
        var usages: [CourseUsage] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.student_id, e.course_id, e.from_date, e.until_date,
                       t.present, t.leave, t.absent, t.minutes_present, t.minutes_leave, t.minutes_absent
                FROM enrollments e LEFT JOIN usage_tallies t ON t.student_id = e.student_id AND t.course_id = e.course_id
                WHERE 1\(condition)
                ORDER BY e.student_id, e.course_id
                """, arguments: arguments)
        while let row = try rows.next() {
            let c: String = row[1]
            guard let window = Self.storedWindow(from: row[2], until: row[3]) else { continue }
            let counted = AttendanceCounts(
                present: row[4] ?? 0, leave: row[5] ?? 0, absent: row[6] ?? 0, minutesPresent: row[7] ?? 0,
                minutesLeave: row[8] ?? 0, minutesAbsent: row[9] ?? 0)
            usages.append(
                CourseUsage(
                    studentId: row[0], courseId: c, window: window, schedule: schedules[c] ?? none, attendance: counted,
                    asOf: asOf, termStarts: rules.starts))
        }
        return usages
    }

    /// An enrolment's stored dates as its window, nil when they are unreadable (such a row counts nothing;
    /// `verify` names it).
    static func storedWindow(from: String, until: String?) -> EnrolmentWindow? {
        guard let first = CivilDate(parsing: from) else { return nil }
        return EnrolmentWindow.checked(from: first, until: until.flatMap(CivilDate.init(parsing:)))
    }

    /// Each course's schedule (``CourseSchedule``): its days, the running sum of its lessons' minutes, what
    /// became of each day's session. A course with sessions made by its timetable (`tuoguan schedule`) meets on
    /// its sessions' days; any other course on the service days its weekdays meet
    /// (``PlanRules/courseDays(weekdays:)``) plus every day a session was recorded on. A day with a session
    /// lasts the session's times, any other the course's own.
    ///
    /// ```swift
    /// let schedules = reader.courseSchedules(courses: [x1], sessions: try Ledger.loadSessions(db: db, asOf: asOf))
    /// schedules["X1"]?.days   // X1's days, sorted
    /// ```
    func courseSchedules(courses: [Course], sessions: [Int64: AttendanceTally.Session]) -> [String: CourseSchedule] {
        var byCourse: [String: RecordedSessions] = [:]
        var timetabled: Set<String> = []
        for s in sessions.values {
            byCourse[s.course, default: RecordedSessions()].append(
                ScheduledSession(day: s.day, held: s.held, cancelled: s.cancelled, minutes: rules.lessonLength(s.minutes)))
            if s.planned { timetabled.insert(s.course) }
        }
        return courseSchedules(courses: courses, byCourse: &byCourse, timetabled: timetabled)
    }

    /// ``courseSchedules(courses:sessions:)`` of the sessions kept per course (`byCourse`, each session's minutes
    /// its lesson's length; each course's taken out as its schedule is made) and the courses made by a timetable.
    func courseSchedules(
        courses: [Course], byCourse: inout [String: RecordedSessions], timetabled: Set<String>
    ) -> [String: CourseSchedule] {
        var schedules: [String: CourseSchedule] = [:]
        var sharing = CourseSchedule.Sharing()
        // The term's service days with the weekday whose timetable each follows, once (what
        // ``PlanRules/courseDays(weekdays:)`` filters).
        let serviceDays = rules.serviceDays.map { ($0.dayNumber, rules.timetableWeekday($0)) }
        for course in courses {
            let recorded = byCourse.removeValue(forKey: course.id) ?? RecordedSessions()
            // Each day's lesson: its minutes and what became of its session.
            var lessons: [Int: (minutes: Int64, outcome: SessionOutcome)] = [:]
            let own = rules.lessonLength(Int64(course.end - course.start))
            if !timetabled.contains(course.id) {
                for (day, weekday) in serviceDays where course.weekdays.contains(weekday) { lessons[day] = (own, .toCome) }
            }
            for s in recorded { lessons[s.day] = (s.minutes, s.outcome) }
            let days = lessons.keys.sorted()
            var sums: [Int64] = [0]
            sums.reserveCapacity(days.count + 1)
            for day in days { sums.append(sums.last! + lessons[day]!.minutes) }
            schedules[course.id] = CourseSchedule(
                dayNumbers: days.map { Int32($0) }, minuteSums: sums, outcomes: days.map { lessons[$0]!.outcome },
                sharing: &sharing)
        }
        return schedules
    }
}

extension PlanRules {
    /// A lesson's minutes: its session's own length, `lesson_minutes` for one without times.
    func lessonLength(_ length: Int64) -> Int64 { length > 0 ? length : Int64(lessonMinutes) }
}

extension AttendanceCounts {
    /// What ``AttendanceTally`` (or the ledger's tallies) counted, as the core takes it.
    init(_ counts: AttendanceTally.Counts) {
        self.init(
            present: counts.present, leave: counts.leave, absent: counts.absent, minutesPresent: counts.minutesPresent,
            minutesLeave: counts.minutesLeave, minutesAbsent: counts.minutesAbsent)
    }
}
