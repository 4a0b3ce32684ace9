import GRDB
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// The enrollments and sessions imports run without SQLite's foreign-key lookups (the parser asks the ledger
/// about every id a row names): an unknown id is still refused at its cell with nothing recorded, and what is
/// recorded leaves no reference dangling.
@Suite struct ReferencesCheckedImportTests {
    @Test func anEnrolmentOfAnUnknownStudentOrCourseIsRefusedAtItsCell() throws {
        let ledger = try seededLedger()
        let before = try ledger.counts()[.enrollments]
        let error = thrown {
            _ = try ledger.importCSV(
                .enrollments, data: csv("student_id,course_id,from,until\nS404,X1,2024-09-02,\nS003,X9,2024-09-02,\nS003,X1,2024-09-02,\n"),
                fileName: "e.csv", dryRun: false, by: "t")
        }
        #expect(lines(error) == [
            "e.csv:2:1: unknown student \"S404\": expected an id from the students sheet [unknown-reference]",
            "e.csv:3:6: unknown course \"X9\": expected an id from the courses sheet [unknown-reference]",
        ])
        #expect(try ledger.counts()[.enrollments] == before)  // the good third row went back with the file
    }

    @Test func whatTheyRecordLeavesNoReferenceDangling() throws {
        let ledger = try seededLedger()
        _ = try ledger.importCSV(
            .enrollments, data: csv("student_id,course_id,from,until\nS003,X1,2024-09-04,\n"), fileName: "e.csv", dryRun: false, by: "t")
        // A row without a teacher takes its course's (T1 for X1); one names T2.
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024-09-04,,,T2,held,\n"),
            fileName: "s.csv", dryRun: false, by: "t")
        let (dangling, teachers) = try ledger.reading { reader throws in
            (
                try Row.fetchAll(reader.db, sql: "PRAGMA foreign_key_check").count,
                try String.fetchAll(reader.db, sql: "SELECT teacher_id FROM sessions ORDER BY date")
            )
        }
        #expect(dangling == 0)
        #expect(teachers == ["T1", "T2"])
        // The writing connection checks references again once the import is over.
        #expect(try ledger.record { writer throws in try Bool.fetchOne(writer.db, sql: "PRAGMA foreign_keys") } == true)
    }

    /// The sessions file's duplicate check keys a row by its course and day: the same day written two ways is
    /// the same session.
    @Test func aSessionTwiceInAFileIsADuplicateHoweverItsDateIsWritten() throws {
        let ledger = try seededLedger()
        let error = thrown {
            _ = try ledger.importCSV(
                .sessions,
                data: csv("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024/9/4,,,,held,\nX1,2024/9/2,,,,held,\n"),
                fileName: "s.csv", dryRun: false, by: "t")
        }
        #expect(lines(error) == ["s.csv:4:1: duplicate row: X1 2024-09-02 is the same as on line 2 [duplicate]"])
    }
}
