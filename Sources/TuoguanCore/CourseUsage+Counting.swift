/// One course's lessons as an enrolment's usage counts them: the days it meets (sorted), the running sum of
/// the lessons' minutes, and the sessions recorded (held, cancelled, or still to come).
///
/// The store builds one per course (from the course's timetable or weekdays and its session rows); every
/// enrolment's ``CourseUsage`` is counted from it by ``CourseUsage/init(studentId:courseId:window:schedule:attendance:asOf:termStarts:)``.
///
/// ```swift
/// // a course meeting on d1, d2, d3 for 45, 45 and 40 minutes, d1 held
/// let schedule = CourseSchedule(
///     days: [d1, d2, d3], minuteSums: [0, 45, 90, 130],
///     sessions: [ScheduledSession(day: d1.dayNumber, held: true, cancelled: false, minutes: 45)])
/// schedule.lessons(in: EnrolmentWindow(from: d2))   // 2
/// schedule.minutes(in: EnrolmentWindow(from: d2))   // 85
/// ```
public struct CourseSchedule: Sendable {
    /// The days the course meets, sorted, each once.
    public var days: [CivilDate]
    /// `minuteSums[i]`: the minutes of the first `i` lessons (`days.count + 1` values, the first 0).
    public var minuteSums: [Int64]
    /// The course's sessions recorded in the ledger, in any order.
    public var sessions: [ScheduledSession]

    public init(days: [CivilDate] = [], minuteSums: [Int64] = [0], sessions: [ScheduledSession] = []) {
        // Invariant: one running sum per lesson, after a leading zero.
        precondition(minuteSums.count == days.count + 1, "a schedule's minute sums do not match its days")
        self.days = days
        self.minuteSums = minuteSums
        self.sessions = sessions
    }

    /// The lessons in `window`.
    public func lessons(in window: EnrolmentWindow) -> Int {
        window.count(sorted: days)
    }

    /// The minutes of the lessons in `window`.
    public func minutes(in window: EnrolmentWindow) -> Int64 {
        let first = EnrolmentWindow.firstIndex(in: days, notBefore: window.from)
        let last = window.until.map { EnrolmentWindow.firstIndex(in: days, notBefore: $0) } ?? days.count
        return last > first ? minuteSums[last] - minuteSums[first] : 0
    }
}

/// One session of a course as an enrolment's usage counts it.
public struct ScheduledSession: Sendable {
    /// ``CivilDate/dayNumber`` of its day.
    public var day: Int
    public var held: Bool
    public var cancelled: Bool
    /// Its own length (`lesson_minutes` for one without times).
    public var minutes: Int64

    public init(day: Int, held: Bool, cancelled: Bool, minutes: Int64) {
        self.day = day
        self.held = held
        self.cancelled = cancelled
        self.minutes = minutes
    }
}

/// What one enrolment's attendance rows count inside its window (the store's tallies, or a count of a
/// student's rows).
public struct AttendanceCounts: Sendable, Equatable {
    public var present: Int
    public var leave: Int
    public var absent: Int
    public var minutesPresent: Int64
    /// The sessions' minutes at the lessons on leave and absent.
    public var minutesLeave: Int64
    public var minutesAbsent: Int64

    public init(
        present: Int = 0, leave: Int = 0, absent: Int = 0, minutesPresent: Int64 = 0, minutesLeave: Int64 = 0,
        minutesAbsent: Int64 = 0
    ) {
        self.present = present
        self.leave = leave
        self.absent = absent
        self.minutesPresent = minutesPresent
        self.minutesLeave = minutesLeave
        self.minutesAbsent = minutesAbsent
    }
}

extension CourseUsage {
    /// One enrolment's usage, counted from its course's schedule, its window [`enrolledFrom`, `withdrawnOn`) and
    /// what its attendance rows count: the one place a ``CourseUsage`` is made (the term's facts, a single
    /// student's statement, and every money event's facts).
    ///
    /// - `termLessons`: the lessons from the window's first day on, as if never withdrawn; `courseLessons`
    ///   those from the term's first day, when the enrolment starts later.
    /// - `heldLessons` / `cancelledLessons`: the sessions held / cancelled inside the window.
    /// - `windowLessons`: those plus the lessons of the window still to come (days of the schedule from `asOf`
    ///   on, neither held nor cancelled).
    ///
    /// ```swift
    /// // d1 held, d2 cancelled, d3 to come (asOf d3); enrolled from d1, present at d1
    /// let usage = CourseUsage(
    ///     studentId: "S1", courseId: "X1", window: EnrolmentWindow(from: d1), schedule: schedule,
    ///     attendance: AttendanceCounts(present: 1, minutesPresent: 45), asOf: d3, termStarts: d1)
    /// usage.heldLessons      // 1
    /// usage.windowLessons    // 3: held 1 + cancelled 1 + 1 to come
    /// ```
    public init(
        studentId: String, courseId: String, window: EnrolmentWindow, schedule: CourseSchedule,
        attendance: AttendanceCounts, asOf: CivilDate, termStarts: CivilDate
    ) {
        // Every lesson from the first day on, as if never withdrawn.
        let fromFirstDay = window.ending(nil)
        self.init(
            studentId: studentId, courseId: courseId, enrolledFrom: window.from, withdrawnOn: window.until,
            termLessons: schedule.lessons(in: fromFirstDay), heldLessons: 0, present: attendance.present,
            leave: attendance.leave, absent: attendance.absent, minutesPresent: attendance.minutesPresent,
            courseLessons: window.from > termStarts ? schedule.lessons(in: EnrolmentWindow(from: termStarts)) : nil)
        var held = 0
        var cancelled = 0
        var heldMinutes: Int64 = 0
        var cancelledMinutes: Int64 = 0
        // Held or cancelled from `asOf` on: not among the lessons still to come.
        var settledLater = 0
        var settledLaterMinutes: Int64 = 0
        let days = window.dayNumbers
        for s in schedule.sessions where s.day >= days.from && days.until.map({ s.day < $0 }) ?? true {
            if s.held {
                held += 1
                heldMinutes += s.minutes
            } else if s.cancelled {
                cancelled += 1
                cancelledMinutes += s.minutes
            } else {
                continue
            }
            if s.day >= asOf.dayNumber {
                settledLater += 1
                settledLaterMinutes += s.minutes
            }
        }
        // The lessons still to come: the window's days from `asOf` on (none when it ended before).
        let ahead = EnrolmentWindow.checked(from: max(window.from, asOf), until: window.until)
        heldLessons = held
        cancelledLessons = cancelled
        windowLessons = held + cancelled + max(0, (ahead.map(schedule.lessons(in:)) ?? 0) - settledLater)
        minutes = LessonMinutes(
            held: heldMinutes, cancelled: cancelledMinutes, leave: attendance.minutesLeave,
            absent: attendance.minutesAbsent, term: schedule.minutes(in: fromFirstDay),
            window: heldMinutes + cancelledMinutes + max(0, (ahead.map(schedule.minutes(in:)) ?? 0) - settledLaterMinutes))
        // Invariant: the window's lessons are never fewer than those held and cancelled in it.
        assert(windowLessons! >= heldLessons + cancelledLessons, "window lessons below held + cancelled")
    }
}
