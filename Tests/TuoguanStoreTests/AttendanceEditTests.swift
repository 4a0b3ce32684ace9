import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// `Ledger.editAttendance`, the store's function a class teacher's page calls: one mark, or one session's
/// marks at once (all or nothing), each kept in the history, the tallies following.
///
/// The hand-counted ledger (``handCountedLedger()``): X1 held Sep 2 and 4; S001 present Sep 2, on leave
/// Sep 4; S002 absent Sep 2, present Sep 4.
@Suite struct AttendanceEditTests {
    let d = { (s: String) in CivilDate(parsing: s)! }

    @Test func oneSessionAtOnceAllOrNothing() throws {
        let ledger = try handCountedLedger()
        // Sep 4: S001 leave → present, S002 present (the same: not a change), S003 does not take X1.
        #expect(throws: TuoguanError.self) {
            _ = try ledger.editAttendance(
                course: "X1", date: d("2024-09-04"), marks: [("S001", "√"), ("S002", "present"), ("S003", "假")], note: "录入",
                by: "王老师")
        }
        // Nothing stayed: S001 still on leave on Sep 4.
        #expect(try ledger.history(of: .student, id: "S001").isEmpty)
        let changed = try ledger.editAttendance(
            course: "X1", date: d("2024-09-04"), marks: [("S001", "√"), ("S002", "present")], note: "录入", by: "王老师")
        #expect(changed == [AttendanceChange(studentId: "S001", studentName: changed.first?.studentName ?? "", courseId: "X1", date: d("2024-09-04"), old: "leave", new: "present")])
        let history = try ledger.history(of: .student, id: "S001")
        #expect(history.map { [$0.field, $0.oldValue ?? "-", $0.newValue ?? "-", $0.recordedBy, $0.note] } == [["attendance 2024-09-04", "leave", "present", "王老师", "录入"]])
        // S001 in X1: present Sep 2 and Sep 4 now, no leave: the kept tallies equal a recount.
        try ledger.checkTallies()
        #expect(try ledger.verifyHistory().firstBreak == nil)
        // Removing S002's Sep 2 mark (nil) and a student twice.
        #expect(try ledger.editAttendance(course: "X1", date: d("2024-09-02"), marks: [("S002", nil)], note: "误记", by: "t").first?.new == nil)
        #expect(throws: TuoguanError.self) {
            _ = try ledger.editAttendance(course: "X1", date: d("2024-09-02"), marks: [("S001", "×"), ("S001", "√")], note: "x", by: "t")
        }
        try ledger.checkTallies()
    }
}
