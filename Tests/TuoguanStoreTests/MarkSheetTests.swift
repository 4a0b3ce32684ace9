import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

/// The marks kept as the class teacher's sheet holds them (migration `v7-marks`): one row per student, course,
/// month and import; the view `attendance` gives them back a mark a row, and writes through it.
@Suite struct MarkSheetTests {
    /// The month rows of a ledger as "student course month batch marks", sorted.
    func monthRows(_ ledger: Ledger) throws -> [String] {
        try DatabaseQueue(path: ledger.path).read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT st.id, m.course_id, m.month, m.batch, m.marks FROM attendance_marks m
                    JOIN students st ON st.no = m.student_no ORDER BY 1, 2, 3, 4
                    """
            ).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as Int) \($0[4] as String)" }
        }
    }

    /// `marks` at the start of a month, the rest of its 31 days without a mark.
    func month(_ marks: String) -> String { marks + String(repeating: ".", count: 31 - marks.count) }

    @Test func aSecondImportAddsItsOwnRowsAndAnImportAgainChangesNothing() throws {
        let ledger = try handCountedLedger()
        let batch = try DatabaseQueue(path: ledger.path).read { try Int.fetchOne($0, sql: "SELECT MAX(id) FROM import_batches") } ?? 0
        // handCountedLedger: S001 X1 present on Sep 2 (day 2: "0") and on leave on Sep 4 (day 4: "1").
        #expect(try monthRows(ledger).contains("S001 X1 2024-09 \(batch) \(month(".0.1"))"))
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-16,,,,held,\n"),
            fileName: "s.csv", dryRun: false, by: "t")
        let file = csv("date,course_id,student_id,status\n2024-09-16,X1,S001,absent\n2024-09-02,X1,S001,present\n")
        let report = try ledger.importCSV(.attendance, data: file, fileName: "more.csv", dryRun: false, by: "t")
        // Sep 16 is new (inserted); Sep 2 was recorded present already (unchanged).
        #expect((report.inserted, report.unchanged) == (1, 1))
        let rows = try monthRows(ledger)
        // The new mark in a row of its own import (day 16: the 16th character).
        #expect(rows.contains("S001 X1 2024-09 \(batch + 2) \(month(String(repeating: ".", count: 15) + "2"))"))
        #expect(rows.count == 6)
        let again = try ledger.importCSV(.attendance, data: file, fileName: "more.csv", dryRun: false, by: "t")
        #expect((again.inserted, again.unchanged) == (0, 2))
        #expect(try monthRows(ledger) == rows)
        try ledger.checkTallies()
    }

    @Test func aDuplicateInTheFileIsReportedAndNothingIsWritten() throws {
        let ledger = try handCountedLedger()
        let before = try monthRows(ledger)
        let file = csv("date,course_id,student_id,status\n2024-09-09,B1,S001,present\n2024-09-09,B1,S001,present\n")
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\nB1,2024-09-09,,,,held,\n"),
            fileName: "s.csv", dryRun: false, by: "t")
        let error = thrown { _ = try ledger.importCSV(.attendance, data: file, fileName: "dup.csv", dryRun: false, by: "t") }
        #expect(error?.code == .duplicate)
        #expect(try monthRows(ledger) == before)
    }

    @Test func aSessionMovedToAnotherDayTakesItsMarksAlong() throws {
        let ledger = try handCountedLedger()
        let before = try ledger.attendanceMarks(courseId: "X1", date: date("2024-09-04"))
        #expect(before == ["S001": "leave", "S002": "present"])
        // To another day of the same month rows (调课, through `edit session`).
        _ = try ledger.editSession(courseId: "X1", date: date("2024-09-04"), SessionEdit(date: date("2024-09-05")), note: "调课", by: "t")
        #expect(try ledger.attendanceMarks(courseId: "X1", date: date("2024-09-04")).isEmpty)
        #expect(try ledger.attendanceMarks(courseId: "X1", date: date("2024-09-05")) == before)
        #expect(try monthRows(ledger).contains { $0.hasPrefix("S001 X1 2024-09 ") && $0.hasSuffix(" \(month(".0..1"))") })
        try ledger.checkTallies()
        // Into another month (the test term is September only: the session's date set directly): the marks
        // leave September's rows, S002's Sep 5 for a row of October of its own, and come back alike.
        let queue = try DatabaseQueue(path: ledger.path)
        try queue.write { try $0.execute(sql: "UPDATE sessions SET date = '2024-10-08' WHERE course_id = 'X1' AND date = '2024-09-05'") }
        #expect(try ledger.attendanceMarks(courseId: "X1", date: date("2024-10-08")) == before)
        var rows = try monthRows(ledger)
        #expect(rows.contains { $0.hasPrefix("S001 X1 2024-09 ") && $0.hasSuffix(" \(month(".0"))") })
        #expect(rows.contains { $0.hasPrefix("S002 X1 2024-09 ") && $0.hasSuffix(" \(month(".2"))") })
        #expect(rows.contains { $0.hasPrefix("S002 X1 2024-10 ") && $0.hasSuffix(" \(month(".......0"))") })
        try queue.write { try $0.execute(sql: "UPDATE sessions SET date = '2024-09-04' WHERE course_id = 'X1' AND date = '2024-10-08'") }
        rows = try monthRows(ledger)
        #expect(!rows.contains { $0.contains(" 2024-10 ") })
        #expect(rows.contains { $0.hasPrefix("S002 X1 2024-09 ") && $0.hasSuffix(" \(month(".2.0"))") })
        #expect(try ledger.attendanceMarks(courseId: "X1", date: date("2024-09-04")) == before)
        try ledger.checkTallies()
    }

    @Test func theViewRefusesASecondMarkOfTheSameStudentAtASession() throws {
        let ledger = try handCountedLedger()
        let refused = try DatabaseQueue(path: ledger.path).write { db -> Bool in
            do {
                try db.execute(
                    sql: """
                        INSERT INTO attendance (session_id, student_no, status, batch)
                        SELECT session_id, student_no, 2, 99 FROM attendance LIMIT 1
                        """)
                return false
            } catch let error as DatabaseError {
                return error.message?.contains("UNIQUE constraint failed") == true
            }
        }
        #expect(refused)
    }
}
