import Testing
import TuoguanCore

@testable import TuoguanStore

/// A course's lessons and minutes as the store makes its schedule (``LedgerReader/courseSchedules(courses:sessions:)``):
/// a day with a session lasts the session's times (the course's when the row gives none), any other the
/// course's; the whole term's facts and one student's count alike. Hand-counted on the test term: X1 meets Mon
/// and Wed 16:30–17:30 (60 minutes), Sep 2, 4, 9, 11, 16, 18, 23, 25 (8 lessons); S001 takes it from the 2nd.
@Suite struct ScheduleMinutesTests {
    /// S001's usage of X1 after importing `sessions` (rows of the sessions file), checked to be the same in
    /// the term's facts and in S001's own.
    func usage(_ sessions: String) throws -> CourseUsage {
        let ledger = try seededLedger()
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\n" + sessions), fileName: "sessions.csv",
            dryRun: false, by: "t")
        let whole = try #require(try ledger.termFacts().usages.first { $0.studentId == "S001" && $0.courseId == "X1" })
        let single = try #require(try ledger.termFacts(forStudent: "S001")?.usages.first { $0.courseId == "X1" })
        #expect(single == whole)
        return whole
    }

    /// Every lesson 60 minutes: the 2nd and 4th held, the 9th cancelled, at the course's times.
    /// Term 8 × 60 = 480 minutes; held 2 × 60 = 120; cancelled 60.
    @Test func lessonsOfOneLengthCountTheirMinutes() throws {
        let usage = try usage("X1,2024-09-02,,,,held,\nX1,2024-09-04,,,,held,\nX1,2024-09-09,,,,cancelled,雨\n")
        #expect((usage.termLessons, usage.heldLessons, usage.cancelledLessons) == (8, 2, 1))
        #expect(usage.minutes?.term == 480)
        #expect(usage.minutes?.held == 120)
        #expect(usage.minutes?.cancelled == 60)
    }

    /// The 2nd held 16:30–17:15 (45), the 4th held at the course's times (60), the 9th cancelled 16:30–17:10
    /// (40), the 11th on, no session: 60 each. Term 45 + 60 + 40 + 5 × 60 = 445; held 45 + 60 = 105; cancelled 40.
    @Test func lessonsOfMixedLengthsCountEachDaysMinutes() throws {
        let usage = try usage(
            "X1,2024-09-02,16:30,17:15,,held,\nX1,2024-09-04,,,,held,\nX1,2024-09-09,16:30,17:10,,cancelled,雨\n")
        #expect((usage.termLessons, usage.heldLessons, usage.cancelledLessons) == (8, 2, 1))
        #expect(usage.minutes?.term == 445)
        #expect(usage.minutes?.held == 105)
        #expect(usage.minutes?.cancelled == 40)
    }
}
