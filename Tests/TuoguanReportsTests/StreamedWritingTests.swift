import Foundation
import Synchronization
import Testing
import TuoguanCore
@testable import TuoguanReports

#if canImport(Glibc)
    import Glibc
#endif

/// What lets `report --all` read the families once, in order, from a store: rows kept in a temporary file under
/// their group (`RowSpill`), the duty log a group at a time (`DutyGroups`), and the workbooks that read the
/// families run on the calling thread only (`Workbooks.run(_:threads:familiesOnCaller:)`).
@Suite("Writing the workbooks as the families are read")
struct StreamedWritingTests {
    @Test("a spilled row comes back whole, under its group, in the order appended")
    func spill() throws {
        let spill = try RowSpill()
        // Empty and multi-byte texts, the extreme numbers, a group with no numbers.
        try spill.append(to: "C1", texts: ["S001", "张*明", ""], numbers: [24_000, -1, .max, .min])
        try spill.append(to: "C2", texts: ["一年级（1）班"], numbers: [])
        try spill.append(to: "C1", texts: ["S002", "李*"], numbers: [0])
        var c1: [([String], [Int64])] = []
        try spill.forEachRow(of: "C1") { c1.append(($0, $1)) }
        #expect(c1.map(\.0) == [["S001", "张*明", ""], ["S002", "李*"]])
        #expect(c1.map(\.1) == [[24_000, -1, .max, .min], [0]])
        var c2: [[String]] = []
        try spill.forEachRow(of: "C2") { texts, numbers in
            c2.append(texts)
            #expect(numbers.isEmpty)
        }
        #expect(c2 == [["一年级（1）班"]])
        // Appending after reading goes on; an unknown group has no rows.
        try spill.append(to: "C2", texts: ["二年级（2）班"], numbers: [7])
        var again: [String] = []
        try spill.forEachRow(of: "C2") { texts, _ in again += texts }
        #expect(again == ["一年级（1）班", "二年级（2）班"])
        try spill.forEachRow(of: "none") { _, _ in Issue.record("a row of a group never appended to") }
        #expect(Set(spill.groups) == ["C1", "C2"])
    }

    @Test("kept duty records come a run of one day, or one teacher, at a time, in the order given")
    func keptDutyGroups() throws {
        func duty(_ day: String, _ teacher: String) -> DutyRecord {
            DutyRecord(
                date: CivilDate(parsing: day)!, teacherId: teacher, duty: "patrol", courseId: nil, courseName: nil,
                minutes: 40, source: .roster)
        }
        let records = [duty("2024-09-02", "T2"), duty("2024-09-02", "T1"), duty("2024-09-03", "T2"), duty("2024-09-05", "T10")]
        let groups = DutyGroups(kept: records)
        var days: [[String]] = []
        try groups.forEach(.day) { days.append($0.map(\.teacherId)) }
        #expect(days == [["T2", "T1"], ["T2"], ["T10"]])
        var teachers: [[String]] = []
        try groups.forEach(.teacher) { teachers.append($0.map { "\($0.teacherId) \($0.date)" }) }
        // By the ids' bytes: T1 < T10 < T2.
        #expect(teachers == [["T1 2024-09-02"], ["T10 2024-09-05"], ["T2 2024-09-02", "T2 2024-09-03"]])
    }

    /// The other thread, free from the start, would take the disclosure while the calling thread writes the
    /// statement if the parts that read the families were not kept on the calling thread.
    @Test("the workbooks that read the families run on the calling thread")
    func familiesOnCaller() throws {
        let caller = pthread_self()
        let onCaller = Mutex<[Workbooks.Kind: Bool]>([:])
        func job(_ kind: Workbooks.Kind) -> Workbooks.WorkbookJob {
            Workbooks.WorkbookJob(kind: kind, parts: [{
                // Long enough that the other thread is free to take any part it may.
                usleep(20_000)
                onCaller.withLock { $0[kind] = pthread_equal(pthread_self(), caller) != 0 }
            }], finish: {})
        }
        try Workbooks.run(
            [job(.statement), job(.disclosure), job(.workload), job(.refundRegister), job(.subsidyClaim), job(.findings)],
            threads: 2, familiesOnCaller: true)
        let ran = onCaller.withLock { $0 }
        #expect(ran.count == 6)
        #expect(ran[.statement] == true)
        #expect(ran[.disclosure] == true)
    }
}
