import GRDB
import TuoguanCore

extension Ledger {
    /// One enrolment's window in a course: [from, until).
    struct UsageWindow {
        var course: Course
        var from: CivilDate
        var until: CivilDate?
    }

    /// One student's usage of some courses, each in its window: the courses' schedules
    /// (``courseSchedules(courses:sessions:)``), that student's attendance rows counted by ``AttendanceTally``,
    /// and each usage made by the core's one function (``CourseUsage/init(studentId:courseId:enrolledFrom:withdrawnOn:schedule:attendance:asOf:termStarts:)``,
    /// the same the term's facts use). Behind a statement (``termFacts(forStudent:)``), `explain`, the refund
    /// ceilings and the refunds of withdrawals and cancellations. Also each course's schedule.
    ///
    /// ```swift
    /// let (usages, schedules) = try studentUsages("S001", windows: [UsageWindow(course: x1, from: d, until: nil)], db: db)
    /// usages[0].heldLessons   // X1's held sessions from d on
    /// ```
    /// `attendance: false` leaves present, leave, absent and minutes at zero (what a check of the term's
    /// lessons alone needs, without reading attendance).
    func studentUsages(_ studentId: String, windows: [UsageWindow], attendance: Bool = true, db: Database) throws
        -> (usages: [CourseUsage], schedules: [String: [CivilDate]])
    {
        var sessions: [Int64: AttendanceTally.Session] = [:]
        var courses: [Course] = []
        for course in windows.map(\.course) where !courses.contains(where: { $0.id == course.id }) {
            courses.append(course)
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: Self.sessionColumns(db) + " FROM sessions WHERE course_id = ?"), arguments: [course.id])
            try Self.addSessions(&sessions, rows: rows, asOf: asOf)
        }
        let schedules = courseSchedules(courses: courses, sessions: sessions)
        var counts = [AttendanceCounts](repeating: AttendanceCounts(), count: windows.count)
        if attendance {
            let spans = windows.map {
                AttendanceTally.Window(student: studentId, course: $0.course.id, from: $0.from.dayNumber, until: $0.until?.dayNumber ?? Int.max)
            }
            let tally = try AttendanceTally(db: db, sessions: sessions, windows: spans)
            try tally.addRows(ofStudent: studentId, db: db)
            counts = tally.counts.map(AttendanceCounts.init)
        }
        let usages = zip(windows, counts).map { w, counted in
            CourseUsage(
                studentId: studentId, courseId: w.course.id, enrolledFrom: w.from, withdrawnOn: w.until,
                schedule: schedules[w.course.id] ?? CourseSchedule(), attendance: counted, asOf: asOf, termStarts: rules.starts)
        }
        return (usages, schedules.mapValues(\.days))
    }

    /// One enrolment's usage in [from, until) and the course's schedule, by ``studentUsages(_:windows:db:)``.
    func usage(
        studentId: String, course: Course, from: CivilDate, until: CivilDate?, attendance: Bool = true, db: Database
    ) throws -> (usage: CourseUsage, schedule: [CivilDate]) {
        let out = try studentUsages(
            studentId, windows: [UsageWindow(course: course, from: from, until: until)], attendance: attendance, db: db)
        return (out.usages[0], out.schedules[course.id] ?? [])
    }

    /// Each course's schedule (``CourseSchedule``): its days, the running sum of its lessons' minutes, its
    /// sessions. A course with sessions made by its timetable (`tuoguan schedule`) meets on its sessions' days;
    /// any other course on the service days its weekdays meet (``PlanRules/courseDays(weekdays:)``) plus every
    /// day a session was recorded on. A day without a session row lasts the course's own times.
    ///
    /// ```swift
    /// let schedules = ledger.courseSchedules(courses: [x1], sessions: try Ledger.loadSessions(db: db, asOf: asOf))
    /// schedules["X1"]?.days   // X1's days, sorted
    /// ```
    func courseSchedules(courses: [Course], sessions: [Int64: AttendanceTally.Session]) -> [String: CourseSchedule] {
        var byCourse: [String: [ScheduledSession]] = [:]
        var timetabled: Set<String> = []
        for s in sessions.values {
            byCourse[s.course, default: []].append(
                ScheduledSession(day: s.day, held: s.held, cancelled: s.cancelled, minutes: lessonMinutes(s.minutes)))
            if s.planned { timetabled.insert(s.course) }
        }
        var schedules: [String: CourseSchedule] = [:]
        // The term's service days with the weekday whose timetable each follows, once (what
        // ``PlanRules/courseDays(weekdays:)`` filters).
        let serviceDays = rules.serviceDays.map { ($0.dayNumber, rules.timetableWeekday($0)) }
        for course in courses {
            var length: [Int: Int64] = [:]
            let own = lessonMinutes(Int64(course.end - course.start))
            if !timetabled.contains(course.id) {
                for (day, weekday) in serviceDays where course.weekdays.contains(weekday) { length[day] = own }
            }
            for s in byCourse[course.id] ?? [] { length[s.day] = s.minutes }
            let days = length.keys.sorted()
            var sums: [Int64] = [0]
            sums.reserveCapacity(days.count + 1)
            for day in days { sums.append(sums.last! + length[day]!) }
            schedules[course.id] = CourseSchedule(
                days: days.map { CivilDate(dayNumber: $0) }, minuteSums: sums, sessions: byCourse[course.id] ?? [])
        }
        return schedules
    }

    /// A lesson's minutes: its session's own length, `lesson_minutes` for one without times.
    func lessonMinutes(_ length: Int64) -> Int64 { length > 0 ? length : Int64(rules.lessonMinutes) }
}

extension AttendanceCounts {
    /// What ``AttendanceTally`` (or the ledger's tallies) counted, as the core takes it.
    init(_ counts: AttendanceTally.Counts) {
        self.init(
            present: counts.present, leave: counts.leave, absent: counts.absent, minutesPresent: counts.minutesPresent,
            minutesLeave: counts.minutesLeave, minutesAbsent: counts.minutesAbsent)
    }
}
