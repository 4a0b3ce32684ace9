/// One course's lessons as an enrolment's usage counts them: the days it meets (sorted), the running sum of
/// the lessons' minutes, and what became of each day's session (held, cancelled, or still to come).
///
/// The store builds one per course (the days of its timetable or weekdays and every day a session was recorded
/// on, each lasting its session); every enrolment's ``CourseUsage`` is counted from it by
/// ``CourseUsage/init(studentId:courseId:window:schedule:attendance:asOf:termStarts:)``.
///
/// ```swift
/// // a course meeting on d1, d2, d3 for 45, 45 and 40 minutes, d1 held
/// let schedule = CourseSchedule(
///     days: [d1, d2, d3], minuteSums: [0, 45, 90, 130],
///     sessions: [ScheduledSession(day: d1.dayNumber, held: true, cancelled: false, minutes: 45)])
/// schedule.lessons(in: EnrolmentWindow(from: d2))   // 2
/// schedule.minutes(in: EnrolmentWindow(from: d2))   // 85
/// schedule.outcome(0)                                // .held
/// ```
public struct CourseSchedule: Sendable {
    /// The days the course meets (``CivilDate/dayNumber``), sorted, each once: 4 bytes a day (a district's
    /// courses meet half a million times a term), the array shared with the courses meeting on the same days.
    public private(set) var dayNumbers: [Int32]
    /// The running sums of the lessons' minutes (``minuteSums``), or none when every lesson lasts `lessonLength`
    /// (the common case: no 8 bytes a day).
    private var sums: [Int64]
    private var lessonLength: Int64
    /// What became of each day's session, a byte a day (shared like the days).
    private var outcomes: [SessionOutcome]

    /// A schedule of `days` (sorted, each once) and the sessions recorded on some of them, each on a day of the
    /// schedule and lasting that day's lesson.
    public init(days: [CivilDate] = [], minuteSums: [Int64] = [0], sessions: [ScheduledSession] = []) {
        precondition(minuteSums.count == days.count + 1, "a schedule's minute sums do not match its days")
        let dayNumbers = days.map { Int32($0.dayNumber) }
        var outcomes = [SessionOutcome](repeating: .toCome, count: days.count)
        for session in sessions {
            let i = Self.firstIndex(in: dayNumbers, notBefore: session.day)
            // Invariant: a session is on a day of its course's schedule and lasts that day's lesson.
            precondition(i < days.count && Int(dayNumbers[i]) == session.day, "a session on a day its course does not meet")
            precondition(minuteSums[i + 1] - minuteSums[i] == session.minutes, "a session's minutes are not its day's")
            outcomes[i] = session.outcome
        }
        var sharing = Sharing()
        self.init(dayNumbers: dayNumbers, minuteSums: minuteSums, outcomes: outcomes, sharing: &sharing)
    }

    /// A schedule of day numbers (sorted, each once), the running sums of their lessons' minutes and what became
    /// of each day's session; the days and outcomes kept once in `sharing` with the other schedules'.
    public init(dayNumbers: [Int32], minuteSums: [Int64], outcomes: [SessionOutcome], sharing: inout Sharing) {
        // Invariant: one running sum per lesson, after a leading zero, one outcome per day; the days sorted,
        // each once.
        precondition(minuteSums.count == dayNumbers.count + 1, "a schedule's minute sums do not match its days")
        precondition(outcomes.count == dayNumbers.count, "a schedule's outcomes do not match its days")
        assert(zip(dayNumbers, dayNumbers.dropFirst()).allSatisfy { $0 < $1 }, "a schedule's days are not sorted")
        self.dayNumbers = sharing.shared(dayNumbers)
        let length = minuteSums.count > 1 ? minuteSums[1] - minuteSums[0] : 0
        let uniform = minuteSums.indices.allSatisfy { minuteSums[$0] == Int64($0) * length }
        sums = uniform ? [] : minuteSums
        lessonLength = length
        self.outcomes = sharing.shared(outcomes)
    }

    /// The arrays schedules hold alike, kept once (``SharedArrays``): the courses meeting on the same weekdays
    /// meet on the same days, and their sessions are mostly held alike.
    ///
    /// ```swift
    /// var sharing = CourseSchedule.Sharing()
    /// let a = CourseSchedule(dayNumbers: [1, 2], minuteSums: [0, 45, 90], outcomes: [.held, .held], sharing: &sharing)
    /// let b = CourseSchedule(dayNumbers: [1, 2], minuteSums: [0, 40, 80], outcomes: [.held, .held], sharing: &sharing)
    /// // a.dayNumbers and b.dayNumbers: one array in memory
    /// ```
    public struct Sharing {
        private var days = SharedArrays<Int32>()
        private var outcomes = SharedArrays<SessionOutcome>()

        public init() {}

        /// `days`, or the equal array seen before.
        mutating func shared(_ days: [Int32]) -> [Int32] { self.days.shared(days) }

        /// `outcomes`, or the equal array seen before.
        mutating func shared(_ outcomes: [SessionOutcome]) -> [SessionOutcome] { self.outcomes.shared(outcomes) }
    }

    /// `minuteSums[i]`: the minutes of the first `i` lessons (`days.count + 1` values, the first 0).
    public var minuteSums: [Int64] { dayNumbers.indices.reduce(into: [0]) { $0.append(minuteSum($1 + 1)) } }

    /// The minutes of the first `i` lessons.
    private func minuteSum(_ i: Int) -> Int64 { sums.isEmpty ? Int64(i) * lessonLength : sums[i] }

    /// The days the course meets, sorted, each once.
    public var days: [CivilDate] { dayNumbers.map { CivilDate(dayNumber: Int($0)) } }

    /// What became of the session of the `i`-th day (`.toCome` when none is recorded).
    public func outcome(_ i: Int) -> SessionOutcome { outcomes[i] }

    /// The minutes of the `i`-th day's lesson.
    public func lessonMinutes(_ i: Int) -> Int64 { minuteSum(i + 1) - minuteSum(i) }

    /// The lessons in `window`.
    public func lessons(in window: EnrolmentWindow) -> Int { positions(in: window).count }

    /// The minutes of the lessons in `window`.
    public func minutes(in window: EnrolmentWindow) -> Int64 {
        let inside = positions(in: window)
        return minuteSum(inside.upperBound) - minuteSum(inside.lowerBound)
    }

    /// The positions in `dayNumbers` of the window's lessons.
    public func positions(in window: EnrolmentWindow) -> Range<Int> {
        let days = window.dayNumbers
        let first = Self.firstIndex(in: dayNumbers, notBefore: days.from)
        let last = days.until.map { Self.firstIndex(in: dayNumbers, notBefore: $0) } ?? dayNumbers.count
        return first..<max(first, last)
    }

    /// The index of the first of sorted `days` on or after `day`.
    static func firstIndex(in days: [Int32], notBefore day: Int) -> Int {
        var low = 0
        var high = days.count
        while low < high {
            let mid = (low + high) / 2
            if Int(days[mid]) < day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// What became of a course's session: held, cancelled, or still to come (scheduled, or not recorded yet).
public enum SessionOutcome: UInt8, Sendable, Hashable {
    case toCome, held, cancelled
}

/// A course's sessions recorded in the ledger, in the order the store reads them, as columns (5 bytes a
/// session): the day, what became of it, and its minutes, kept once while every session lasts the same. The
/// store makes the course's ``CourseSchedule`` from them.
///
/// ```swift
/// var recorded = RecordedSessions()
/// recorded.append(ScheduledSession(day: d1.dayNumber, held: true, cancelled: false, minutes: 45))
/// recorded[0].held   // true
/// ```
public struct RecordedSessions: Sendable, RandomAccessCollection {
    private var days: [Int32] = []
    /// Each session's minutes, or none while every session lasts `length` (the common case: no 8 bytes a
    /// session).
    private var lengths: [Int64] = []
    private var length: Int64 = 0
    private var outcomes: [SessionOutcome] = []

    public init() {}

    public init(_ sessions: [ScheduledSession]) {
        for session in sessions { append(session) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { days.count }

    /// The `i`-th session.
    public subscript(i: Int) -> ScheduledSession {
        ScheduledSession(
            day: Int(days[i]), held: outcomes[i] == .held, cancelled: outcomes[i] == .cancelled,
            minutes: lengths.isEmpty ? length : lengths[i])
    }

    public mutating func append(_ session: ScheduledSession) {
        if days.isEmpty { length = session.minutes }
        // The first session of another length: every length kept from now on.
        if lengths.isEmpty && session.minutes != length { lengths = Array(repeating: length, count: days.count) }
        if !lengths.isEmpty { lengths.append(session.minutes) }
        days.append(Int32(session.day))
        outcomes.append(session.outcome)
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

    /// What became of it.
    public var outcome: SessionOutcome { held ? .held : cancelled ? .cancelled : .toCome }
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
        for i in schedule.positions(in: window) {
            let outcome = schedule.outcome(i)
            if outcome == .toCome { continue }
            let minutes = schedule.lessonMinutes(i)
            if outcome == .held {
                held += 1
                heldMinutes += minutes
            } else {
                cancelled += 1
                cancelledMinutes += minutes
            }
            if Int(schedule.dayNumbers[i]) >= asOf.dayNumber {
                settledLater += 1
                settledLaterMinutes += minutes
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
