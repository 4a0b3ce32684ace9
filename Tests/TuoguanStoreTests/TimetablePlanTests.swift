import Testing
import TuoguanCore

@testable import TuoguanStore

/// What the timetable does to one course's sessions, decided without a ledger.
@Suite struct TimetablePlanTests {
    static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    /// X1 on Tuesdays and Thursdays 15:40–16:20 with T1; planned: 09-03, 09-05, 09-10, 09-12, 09-17; today (the cut) 09-05.
    /// - 09-03 untouched but before the cut, taught by T2: left as it is (the past never changes) → unchanged 1
    /// - 09-05 untouched, fits → unchanged 2
    /// - 09-10 untouched, T2 instead of T1: no longer fits → removed, and the day is made again → made 09-10
    /// - 09-11 marked (attendance recorded), not a planned day → kept 1
    /// - 09-12 a session was moved away from it (调课) → not made again
    /// - 09-17 planned, no session → made
    /// So: remove [3], make [09-10, 09-17], unchanged 2, kept 1.
    @Test func untouchedSessionsToComeFollowTheTimetableAndRecordedOnesStay() {
        let course = Course(id: "X1", name: "美术", policyId: "x", teacherId: "T1", weekdays: [2, 4], start: 940, end: 980)
        let planned = ["2024-09-03", "2024-09-05", "2024-09-10", "2024-09-12", "2024-09-17"].map(Self.day)
        let sessions = [
            TimetableSession(id: 1, date: "2024-09-03", start: 940, end: 980, teacherId: "T2", untouched: true),
            TimetableSession(id: 2, date: "2024-09-05", start: 940, end: 980, teacherId: "T1", untouched: true),
            TimetableSession(id: 3, date: "2024-09-10", start: 940, end: 980, teacherId: "T2", untouched: true),
            TimetableSession(id: 4, date: "2024-09-11", start: 940, end: 980, teacherId: "T1", untouched: false),
        ]
        let plan = Ledger.timetablePlan(
            course: course, planned: planned, sessions: sessions, taken: ["2024-09-12"], cut: Self.day("2024-09-05"),
            termStart: Self.day("2024-09-01"))
        #expect(plan.remove == [3])
        #expect(plan.make == [Self.day("2024-09-10"), Self.day("2024-09-17")])
        #expect(plan.unchanged == 2)
        #expect(plan.kept == 1)
    }

    /// A course with no session yet gets every planned day from the term's first (the cut is the term's start).
    @Test func aCourseWithoutSessionsGetsTheWholeTerm() {
        let course = Course(id: "X1", name: "美术", policyId: "x", teacherId: "T1", weekdays: [2, 4], start: 940, end: 980)
        let planned = ["2024-09-03", "2024-09-10"].map(Self.day)
        let plan = Ledger.timetablePlan(
            course: course, planned: planned, sessions: [], taken: [], cut: Self.day("2024-09-01"),
            termStart: Self.day("2024-09-01"))
        #expect(plan.make == planned && plan.remove.isEmpty && plan.unchanged == 0 && plan.kept == 0)
    }
}
