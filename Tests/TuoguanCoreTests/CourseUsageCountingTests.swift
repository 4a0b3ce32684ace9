import Testing

@testable import TuoguanCore

/// ``CourseUsage`` counted from a course's schedule and an enrolment's window, without a ledger: the one
/// function the term's facts and a single student's events both use, hand-computed.
@Suite struct CourseUsageCountingTests {
    static func day(_ d: Int) -> CivilDate { CivilDate(year: 2024, month: 9, day: d)! }

    /// Mondays and Wednesdays of September 2024: 2, 4, 9, 11, 16, 18, 23, 25, 30 (9 days), each 45 minutes
    /// but the 9th (40): running sums 0, 45, 90, 130, 175, 220, 265, 310, 355, 400.
    static let september: CourseSchedule = {
        let days = [2, 4, 9, 11, 16, 18, 23, 25, 30].map(day)
        var sums: [Int64] = [0]
        for d in days { sums.append(sums.last! + (d == day(9) ? 40 : 45)) }
        return CourseSchedule(days: days, minuteSums: sums)
    }()

    /// From the 10th on there are 6 days (11, 16, 18, 23, 25, 30); from a day before all 9; after all 0;
    /// [2nd, 16th) holds 2, 4, 9, 11 = 4 (45 + 45 + 40 + 45 = 175 minutes); and the binary search gives the
    /// linear count for every day of the month around it.
    @Test func aScheduleCountsItsDaysAsTheLinearCount() {
        let s = Self.september
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
        var schedule = Self.september
        schedule.sessions = [
            ScheduledSession(day: Self.day(2).dayNumber, held: true, cancelled: false, minutes: 45),
            ScheduledSession(day: Self.day(4).dayNumber, held: false, cancelled: true, minutes: 45),
            ScheduledSession(day: Self.day(9).dayNumber, held: true, cancelled: false, minutes: 40),
            ScheduledSession(day: Self.day(11).dayNumber, held: true, cancelled: false, minutes: 45),
            ScheduledSession(day: Self.day(18).dayNumber, held: false, cancelled: true, minutes: 45),
        ]
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
        var schedule = Self.september
        schedule.sessions = [
            ScheduledSession(day: Self.day(2).dayNumber, held: true, cancelled: false, minutes: 45),
            ScheduledSession(day: Self.day(4).dayNumber, held: false, cancelled: true, minutes: 45),
        ]
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
}
