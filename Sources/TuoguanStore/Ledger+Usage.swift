import GRDB
import TuoguanCore

extension Ledger {
    /// One enrolment's window in a course: [from, until).
    struct UsageWindow {
        var course: Course
        var from: CivilDate
        var until: CivilDate?
    }

    /// One student's usage of some courses, each in its window, counted by the rule the tallies are kept by
    /// (``schedulesAndSessions(courses:sessions:)``, ``tally(_:windows:byCourse:)`` and ``AttendanceTally``
    /// over that student's rows): the one usage function behind a statement (``termFacts(forStudent:)``), `explain`,
    /// the refund ceilings and the refunds of withdrawals and cancellations. Also each course's schedule.
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
        let schedules = schedulesAndSessions(courses: courses, sessions: sessions)
        let spans = windows.map {
            AttendanceTally.Window(student: studentId, course: $0.course.id, from: $0.from.dayNumber, until: $0.until?.dayNumber ?? Int.max)
        }
        var usages = windows.map { w in
            CourseUsage(
                studentId: studentId, courseId: w.course.id, enrolledFrom: w.from, withdrawnOn: w.until,
                termLessons: Self.count(schedules.dates[w.course.id] ?? [], from: w.from, until: nil),
                heldLessons: 0, present: 0,
                courseLessons: w.from > rules.starts
                    ? Self.count(schedules.dates[w.course.id] ?? [], from: rules.starts, until: nil) : nil)
        }
        for (i, w) in windows.enumerated() {
            let schedule = schedules.dates[w.course.id] ?? []
            usages[i].minutes = LessonMinutes(
                term: Self.minutes(schedule, sums: schedules.minutes[w.course.id] ?? [0], from: w.from, until: nil))
        }
        Self.tally(
            &usages, windows: spans, byCourse: schedules.sessionsByCourse, dates: schedules.dates, sums: schedules.minutes,
            asOf: asOf)
        guard attendance else { return (usages, schedules.dates) }
        let tally = try AttendanceTally(db: db, sessions: sessions, windows: spans)
        try tally.addRows(ofStudent: studentId, db: db)
        for (i, counts) in tally.counts.enumerated() { usages[i].count(counts) }
        return (usages, schedules.dates)
    }

    /// One enrolment's usage in [from, until) and the course's schedule, by ``studentUsages(_:windows:db:)``.
    func usage(
        studentId: String, course: Course, from: CivilDate, until: CivilDate?, attendance: Bool = true, db: Database
    ) throws -> (usage: CourseUsage, schedule: [CivilDate]) {
        let out = try studentUsages(
            studentId, windows: [UsageWindow(course: course, from: from, until: until)], attendance: attendance, db: db)
        return (out.usages[0], out.schedules[course.id] ?? [])
    }
}

extension CourseUsage {
    /// Takes the attendance counts of ``AttendanceTally`` (or of the ledger's tallies).
    mutating func count(_ counts: AttendanceTally.Counts) {
        present = counts.present
        leave = counts.leave
        absent = counts.absent
        minutesPresent = counts.minutesPresent
        var m = minutes ?? LessonMinutes()
        m.leave = counts.minutesLeave
        m.absent = counts.minutesAbsent
        minutes = m
    }
}
