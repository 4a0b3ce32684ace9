import Testing
import TuoguanCore
import TuoguanInput
@testable import TuoguanStore

/// The duty log read a group at a time (`forEachDutyGroup`): by day it is the whole log in its order, by teacher
/// each teacher's part of it, the teachers in the order of their ids' bytes.
@Suite("The duty log a day or a teacher at a time")
struct DutyLogTests {
    /// The hand-counted term (X1 书法 held Sep 2 and 4 by T1, cancelled Sep 9; B1 课后托管 held Sep 2 by T2) and a
    /// patrol of T2 on Sep 3 from the roster, without a course (the rules' lesson of 40 minutes). X1's policy
    /// counts `activity` (16:30–17:30: 60 minutes), B1's `supervision` (15:30–17:00: 90 minutes); the cancelled
    /// lesson counts nothing.
    private func ledger() throws -> Ledger {
        let ledger = try handCountedLedger()
        _ = try ledger.importCSV(
            .duties, data: csv("date,teacher_id,duty,course_id\n2024-09-03,T2,patrol,\n"), fileName: "d.csv", dryRun: false, by: "t")
        return ledger
    }

    private func record(_ day: String, _ teacher: String, _ duty: String, _ course: (String, String)?, _ minutes: Int) -> DutyRecord {
        DutyRecord(
            date: date(day), teacherId: teacher, duty: duty, courseId: course?.0, courseName: course?.1, minutes: minutes,
            source: course == nil ? .roster : .session)
    }

    @Test("by day: the log's order, one group a day")
    func byDay() throws {
        let ledger = try ledger()
        var groups: [[DutyRecord]] = []
        try ledger.forEachDutyGroup(.day) { groups.append($0) }
        let x1 = ("X1", "书法"), b1 = ("B1", "课后托管")
        #expect(
            groups == [
                [record("2024-09-02", "T1", "activity", x1, 60), record("2024-09-02", "T2", "supervision", b1, 90)],
                [record("2024-09-03", "T2", "patrol", nil, 40)],
                [record("2024-09-04", "T1", "activity", x1, 60)],
            ])
        #expect(try ledger.dutyLog() == groups.flatMap { $0 })
    }

    @Test("by teacher: each teacher's duties in the log's order, T1 before T2")
    func byTeacher() throws {
        let ledger = try ledger()
        var groups: [[DutyRecord]] = []
        try ledger.forEachDutyGroup(.teacher) { groups.append($0) }
        let log = try ledger.dutyLog()
        #expect(groups.map { $0[0].teacherId } == ["T1", "T2"])
        for group in groups {
            #expect(group == log.filter { $0.teacherId == group[0].teacherId })
        }
        #expect(try ledger.dutyLog(teacherId: "T2").map(\.duty) == ["supervision", "patrol"])
    }
}
