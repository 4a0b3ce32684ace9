import Testing

@testable import TuoguanCore

/// ``CourseUsage`` counted from a course's schedule and an enrolment's window, without a ledger: the one
/// function the term's facts and a single student's events both use, hand-computed.
@Suite struct CourseUsageCountingTests {
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2024, month: 9, day: d)! }

    /// Mondays and Wednesdays of September 2024: 2, 4, 9, 11, 16, 18, 23, 25, 30 (9 days), each 45 minutes
    /// but the 9th (40): running sums 0, 45, 90, 130, 175, 220, 265, 310, 355, 400; the sessions recorded on
    /// them `sessions`.
    static func september(_ sessions: [ScheduledSession] = []) -> CourseSchedule {
        let days = [2, 4, 9, 11, 16, 18, 23, 25, 30].map(day)
        var sums: [Int64] = [0]
        for d in days { sums.append(sums.last! + (d == day(9) ? 40 : 45)) }
        return CourseSchedule(days: days, minuteSums: sums, sessions: sessions)
    }

    /// From the 10th on there are 6 days (11, 16, 18, 23, 25, 30); from a day before all 9; after all 0;
    /// [2nd, 16th) holds 2, 4, 9, 11 = 4 (45 + 45 + 40 + 45 = 175 minutes); and the binary search gives the
    /// linear count for every day of the month around it.
    @Test func aScheduleCountsItsDaysAsTheLinearCount() {
        let s = Self.september()
        #expect(s.lessons(in: EnrolmentWindow(from: Self.day(10))) == 6)
        #expect(s.lessons(in: EnrolmentWindow(from: CivilDate(year: 2024, month: 8, day: 1)!)) == 9)
        #expect(s.lessons(in: EnrolmentWindow(from: CivilDate(year: 2024, month: 10, day: 1)!)) == 0)
        #expect(s.lessons(in: EnrolmentWindow(from: Self.day(2), until: Self.day(16))) == 4)
        #expect(s.minutes(in: EnrolmentWindow(from: Self.day(2), until: Self.day(16))) == 175)
        for offset in -3..<35 {
            let from = Self.day(2).adding(days: offset)
            let linear = s.days.filter { $0 >= from }.count
            #expect(s.lessons(in: EnrolmentWindow(from: from)) == linear, "\(from)")
        }
        #expect(CourseSchedule().lessons(in: EnrolmentWindow(from: Self.day(2))) == 0)
        #expect(CourseSchedule().minutes(in: EnrolmentWindow(from: Self.day(2))) == 0)
    }

    /// Enrolled from the 4th, withdrawn on the 25th (window 4, 9, 11, 16, 18, 23: 6 lessons), today the 16th.
    /// Sessions: 2nd held (outside), 4th cancelled, 9th held (40), 11th held, 18th cancelled ahead of time.
    /// - term lessons from the 4th: 8; the course's from the term's first day (the 2nd): 9.
    /// - held 9th + 11th = 2 (40 + 45 = 85 minutes); cancelled 4th + 18th = 2 (90 minutes).
    /// - to come: the 16th, 18th, 23rd (3, 135 minutes) less the 18th already cancelled → 2 (90 minutes).
    /// - window lessons 2 + 2 + 2 = 6; window minutes 85 + 90 + 90 = 265 (= 45 + 40 + 45 + 45 + 45 + 45).
    /// - term minutes from the 4th: 400 − 45 = 355. Attendance as counted: present 1 (40), leave 1 (45).
    @Test func aWindowCountsItsLessonsHeldCancelledAndToCome() {
        let schedule = Self.september([
            ScheduledSession(day: Self.day(2).dayNumber, held: true, cancelled: false, minutes: 45),
            ScheduledSession(day: Self.day(4).dayNumber, held: false, cancelled: true, minutes: 45),
            ScheduledSession(day: Self.day(9).dayNumber, held: true, cancelled: false, minutes: 40),
            ScheduledSession(day: Self.day(11).dayNumber, held: true, cancelled: false, minutes: 45),
            ScheduledSession(day: Self.day(18).dayNumber, held: false, cancelled: true, minutes: 45),
        ])
        let usage = CourseUsage(
            studentId: "S1", courseId: "X1", window: EnrolmentWindow(from: Self.day(4), until: Self.day(25)), schedule: schedule,
            attendance: AttendanceCounts(present: 1, leave: 1, minutesPresent: 40, minutesLeave: 45), asOf: Self.day(16),
            termStarts: Self.day(2))
        #expect(usage.termLessons == 8)
        #expect(usage.courseLessons == 9)
        #expect(usage.heldLessons == 2)
        #expect(usage.cancelledLessons == 2)
        #expect(usage.windowLessons == 6)
        #expect(usage.scheduledLessons == 2)
        #expect((usage.present, usage.leave, usage.absent, usage.minutesPresent) == (1, 1, 0, 40))
        #expect(usage.minutes == LessonMinutes(held: 85, cancelled: 90, leave: 45, absent: 0, term: 355, window: 265))
    }

    /// Enrolled from the term's first day (no `courseLessons`), open, today after the last lesson: nothing is
    /// to come, so the window is what was held and cancelled: the 2nd held, the 4th cancelled → 2, though 9
    /// days are scheduled. Withdrawn on the day of enrolment: an empty window (0 lessons, 0 minutes).
    @Test func afterTheTermNothingIsToComeAndAnEmptyWindowCountsNothing() {
        let schedule = Self.september([
            ScheduledSession(day: Self.day(2).dayNumber, held: true, cancelled: false, minutes: 45),
            ScheduledSession(day: Self.day(4).dayNumber, held: false, cancelled: true, minutes: 45),
        ])
        let october = CivilDate(year: 2024, month: 10, day: 8)!
        let whole = CourseUsage(
            studentId: "S1", courseId: "X1", window: EnrolmentWindow(from: Self.day(2)), schedule: schedule,
            attendance: AttendanceCounts(), asOf: october, termStarts: Self.day(2))
        #expect(whole.courseLessons == nil)
        #expect(whole.termLessons == 9)
        #expect(whole.windowLessons == 2)
        #expect(whole.minutes?.window == 90)
        let empty = CourseUsage(
            studentId: "S1", courseId: "X1", window: EnrolmentWindow(from: Self.day(9), until: Self.day(9)), schedule: schedule,
            attendance: AttendanceCounts(), asOf: Self.day(2), termStarts: Self.day(2))
        #expect(empty.windowLessons == 0)
        #expect(empty.heldLessons == 0)
        #expect(empty.minutes?.window == 0)
        #expect(empty.termLessons == 7)
    }

    /// Five days (2, 4, 9, 11, 16) of 45 minutes each: running sums 0, 45, 90, 135, 180, 225 (kept as the one
    /// length). From the 9th: 9, 11, 16 = 3 × 45 = 135 minutes; [4th, 11th): 4, 9 = 2 × 45 = 90; the 9th's
    /// lesson 45. September's lessons (45, but 40 on the 9th: the running sums kept): [4th, 16th) holds 4, 9,
    /// 11 = 45 + 40 + 45 = 130 minutes; the 9th's lesson 40. Both give their running sums back as given.
    @Test func uniformAndMixedLessonLengthsCountTheirMinutes() {
        let uniform = CourseSchedule(days: [2, 4, 9, 11, 16].map(Self.day), minuteSums: [0, 45, 90, 135, 180, 225])
        #expect(uniform.minutes(in: EnrolmentWindow(from: Self.day(9))) == 135)
        #expect(uniform.minutes(in: EnrolmentWindow(from: Self.day(4), until: Self.day(11))) == 90)
        #expect(uniform.lessonMinutes(2) == 45)
        #expect(uniform.minuteSums == [0, 45, 90, 135, 180, 225])
        let mixed = Self.september()
        #expect(mixed.minutes(in: EnrolmentWindow(from: Self.day(4), until: Self.day(16))) == 130)
        #expect(mixed.lessonMinutes(2) == 40)
        #expect(mixed.minuteSums == [0, 45, 90, 130, 175, 220, 265, 310, 355, 400])
    }

    /// Two courses meeting on the same days (Sep 2 and 4), their sessions held alike, keep one array of days
    /// between them, each its own minutes (90 and 85); a third meeting on Sep 2 and 9 keeps its own days.
    @Test func schedulesOfTheSameDaysShareOneArrayOfDays() {
        var sharing = CourseSchedule.Sharing()
        let (d2, d4, d9) = (Int32(Self.day(2).dayNumber), Int32(Self.day(4).dayNumber), Int32(Self.day(9).dayNumber))
        let a = CourseSchedule(dayNumbers: [d2, d4], minuteSums: [0, 45, 90], outcomes: [.held, .held], sharing: &sharing)
        let b = CourseSchedule(dayNumbers: [d2, d4], minuteSums: [0, 45, 85], outcomes: [.held, .held], sharing: &sharing)
        let c = CourseSchedule(dayNumbers: [d2, d9], minuteSums: [0, 45, 90], outcomes: [.held, .toCome], sharing: &sharing)
        func storage(_ s: CourseSchedule) -> UnsafeRawPointer? {
            s.dayNumbers.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        #expect(storage(a) == storage(b))
        #expect(storage(a) != storage(c))
        let all = EnrolmentWindow(from: Self.day(2))
        #expect((a.minutes(in: all), b.minutes(in: all), c.minutes(in: all)) == (90, 85, 90))
        #expect((b.outcome(1), c.outcome(1)) == (.held, .toCome))
    }

    /// Sessions recorded 45, 45 then 40 minutes long give each its own length back; three of 45 give 45 each.
    @Test func recordedSessionsKeepEachLength() {
        func recorded(_ minutes: [Int64]) -> RecordedSessions {
            RecordedSessions(minutes.enumerated().map { i, m in
                ScheduledSession(day: Self.day(2 + i).dayNumber, held: true, cancelled: false, minutes: m)
            })
        }
        #expect(recorded([45, 45, 40]).map(\.minutes) == [45, 45, 40])
        #expect(recorded([45, 45, 45]).map(\.minutes) == [45, 45, 45])
        #expect(recorded([40, 45]).map(\.minutes) == [40, 45])
    }

    /// A pool of arrays gives back the first of equal arrays (one storage) and keeps unequal ones apart: the
    /// weekdays [1, 3] twice are one array, [1, 4] another, and each still reads as given.
    @Test func aPoolKeepsEqualArraysOnce() {
        var pool = SharedArrays<Int>()
        let a = pool.shared([1, 3])
        let b = pool.shared([1, 3])
        let c = pool.shared([1, 4])
        func storage(_ x: [Int]) -> UnsafeRawPointer? { x.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }
        #expect(storage(a) == storage(b))
        #expect(storage(a) != storage(c))
        #expect((a, b, c) == ([1, 3], [1, 3], [1, 4]))
    }

    /// Random schedules (some of one lesson length, some mixed; sessions held, cancelled, scheduled or not
    /// recorded), windows and days of counting: every figure equals its count straight from the definitions,
    /// day by day over a plain list of lessons.
    @Test(arguments: 1...40) func aWindowCountsAsTheLinearCountOfItsLessons(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        let first = Self.day(2)
        let mixed = next(2) == 0
        // (day, minutes, outcome) of each lesson, sorted by day.
        var lessons: [(day: CivilDate, minutes: Int64, outcome: SessionOutcome)] = []
        for offset in 0..<60 where next(3) > 0 {
            let outcome: SessionOutcome = [.toCome, .held, .cancelled][next(3)]
            lessons.append((first.adding(days: offset), mixed ? Int64(30 + 5 * next(4)) : 45, outcome))
        }
        var sums: [Int64] = [0]
        for lesson in lessons { sums.append(sums.last! + lesson.minutes) }
        let sessions = lessons.filter { $0.outcome != .toCome || next(2) == 0 }.map {
            ScheduledSession(
                day: $0.day.dayNumber, held: $0.outcome == .held, cancelled: $0.outcome == .cancelled, minutes: $0.minutes)
        }
        let schedule = CourseSchedule(days: lessons.map(\.day), minuteSums: sums, sessions: sessions)
        for _ in 0..<20 {
            let from = first.adding(days: next(70) - 5)
            let until = next(3) == 0 ? nil : Optional(from.adding(days: next(40)))
            let asOf = first.adding(days: next(70) - 5)
            let usage = CourseUsage(
                studentId: "S1", courseId: "X1", window: EnrolmentWindow(from: from, until: until), schedule: schedule,
                attendance: AttendanceCounts(), asOf: asOf, termStarts: first)
            let inside = lessons.filter { lesson in lesson.day >= from && (until.map { lesson.day < $0 } ?? true) }
            let settled = inside.filter { $0.outcome != .toCome }
            let later = settled.filter { $0.day >= asOf }
            let ahead = inside.filter { $0.day >= asOf }
            let held = inside.filter { $0.outcome == .held }
            let cancelled = inside.filter { $0.outcome == .cancelled }
            func minutes(_ some: [(day: CivilDate, minutes: Int64, outcome: SessionOutcome)]) -> Int64 {
                some.reduce(0) { $0 + $1.minutes }
            }
            let fromFirst = lessons.filter { $0.day >= from }
            #expect(usage.termLessons == fromFirst.count)
            #expect(usage.courseLessons == (from > first ? lessons.count : nil))
            #expect((usage.heldLessons, usage.cancelledLessons) == (held.count, cancelled.count))
            #expect(usage.windowLessons == settled.count + ahead.count - later.count)
            let expected = LessonMinutes(
                held: minutes(held), cancelled: minutes(cancelled), term: minutes(fromFirst),
                window: minutes(settled) + minutes(ahead) - minutes(later))
            #expect(usage.minutes == expected, "seed \(seed) from \(from) until \(String(describing: until)) asOf \(asOf)")
        }
    }
}
