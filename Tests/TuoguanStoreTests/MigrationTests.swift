import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

/// A ledger written by an earlier version of the schema opens, is upgraded in place, and gives the same
/// figures as a ledger that was written by this version from the same files.
@Suite struct MigrationTests {
    /// The same rows in a ledger of schema v2 (attendance keyed by student id text, with its course and the
    /// status as a word), copied table by table.
    func v2Copy(of ledger: Ledger, at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try Ledger.migrator.migrate(queue, upTo: "v2")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [ledger.path])
            try db.inTransaction {
                try db.execute(
                    sql: """
                        INSERT INTO main.students (id, name, grade, class, category, recorded_by, recorded_at)
                            SELECT id, name, grade, class, category, recorded_by, recorded_at FROM src.students ORDER BY no
                        """)
                for table in [
                    "meta", "teachers", "courses", "enrollments", "sessions", "import_batches", "journal", "postings",
                    "duties", "scores",
                ] {
                    // The v2 table's own columns: later migrations add columns the v2 table does not have.
                    let columns = try db.columns(in: table, in: "main").map { "\"\($0.name)\"" }
                        .joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM src.\(table)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO main.attendance (session_id, student_id, course_id, status, batch)
                            SELECT session_id, student_id, course_id, status, batch FROM src.attendance_named;
                        """)
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE src")
        }
        let v2 = try queue.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT student_id, course_id, status FROM attendance ORDER BY session_id, student_id")
                    .map { "\($0[0] as String) \($0[1] as String) \($0[2] as String)" },
                try migratedVersions(db)
            )
        }
        // The copy is a real v2 ledger: words in the status column, the course beside each row.
        #expect(v2.0.contains("S001 X1 leave"))
        #expect(v2.0.count == 7)
        #expect(v2.1 == ["v1", "v2"])
        try queue.close()
    }

    /// A ledger before migration `v7-marks`, from one after it: a row per mark in the table `attendance`
    /// (v3's), the same marks.
    func takeBackMarkSheets(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TEMP TABLE marks AS SELECT session_id, student_no, status, batch FROM attendance;
                DROP VIEW attendance_named; DROP VIEW attendance; DROP TRIGGER sessions_move_marks;
                DROP TABLE attendance_marks; DROP TABLE mark_days;
                CREATE TABLE attendance (
                    session_id INTEGER NOT NULL REFERENCES sessions(id),
                    student_no INTEGER NOT NULL REFERENCES students(no),
                    status INTEGER NOT NULL CHECK (status = 0 OR status = 1 OR status = 2),
                    batch INTEGER NOT NULL,
                    PRIMARY KEY (session_id, student_no)) STRICT, WITHOUT ROWID;
                CREATE INDEX attendance_student ON attendance(student_no);
                INSERT INTO attendance SELECT * FROM temp.marks ORDER BY session_id, student_no;
                DROP TABLE temp.marks;
                CREATE VIEW attendance_named AS
                    SELECT a.session_id, st.id AS student_id, se.course_id, se.date,
                           CASE a.status WHEN 0 THEN 'present' WHEN 1 THEN 'leave' ELSE 'absent' END AS status, a.batch
                    FROM attendance a JOIN students st ON st.no = a.student_no JOIN sessions se ON se.id = a.session_id;
                DELETE FROM grdb_migrations WHERE identifier = 'v7-marks';
                """)
    }

    /// A ledger of a row per mark (before `v7-marks`) gets the month rows: every mark kept with its session,
    /// student, status and import, the same facts and tallies, and the marks written after it go where an
    /// import or an edit puts them.
    @Test func aLedgerOfARowPerMarkIsUpgradedToMonthRows() throws {
        let current = try handCountedLedger()
        let expected = try current.termFacts()
        let named = "SELECT session_id, student_id, course_id, date, status, batch FROM attendance_named ORDER BY 1, 2"
        let marks = try DatabaseQueue(path: current.path).read { db in try Row.fetchAll(db, sql: named) }
        let path = try temporaryDirectory() + "/v6.ledger"
        let queue = try DatabaseQueue(path: path)
        try DatabaseQueue(path: current.path).backup(to: queue)
        try queue.writeWithoutTransaction { db in try takeBackMarkSheets(db) }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM attendance") } == 7)
        #expect(try !queue.read { try migratedVersions($0) }.contains("v7-marks"))
        try queue.close()

        let upgraded = try Ledger.open(at: path) { _, _ in testRules() }
        #expect(try upgraded.termFacts() == expected)
        try upgraded.checkTallies()
        try DatabaseQueue(path: path).read { db in
            #expect(try Row.fetchAll(db, sql: named) == marks)
            // The seven marks of `handCountedLedger` (S001 and S002 in X1 on Sep 2 and 4, S001–S003 in B1 on
            // Sep 2), one import: one row per student, course and month, five rows.
            let rows = try Row.fetchAll(
                db, sql: "SELECT st.id, m.course_id, m.month, m.marks FROM attendance_marks m JOIN students st ON st.no = m.student_no ORDER BY 1, 2"
            ).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String)" }
            // S001: X1 present Sep 2 (day 2: "0"), leave Sep 4 (day 4: "1"); S002: X1 absent Sep 2, present Sep 4.
            func month(_ marks: String) -> String { marks + String(repeating: ".", count: 31 - marks.count) }
            #expect(
                rows == [
                    "S001 B1 2024-09 \(month(".0"))", "S001 X1 2024-09 \(month(".0.1"))", "S002 B1 2024-09 \(month(".0"))",
                    "S002 X1 2024-09 \(month(".2.0"))", "S003 B1 2024-09 \(month(".0"))",
                ])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
        // A correction through the view changes the one character of its month row.
        _ = try upgraded.editAttendance(student: "S002", course: "X1", date: date("2024-09-04"), status: "leave", note: "假条", by: "t")
        try DatabaseQueue(path: path).read { db in
            let row = try String.fetchOne(
                db, sql: "SELECT marks FROM attendance_marks WHERE course_id = 'X1' AND student_no = (SELECT no FROM students WHERE id = 'S002')")
            #expect(row == ".2.1" + String(repeating: ".", count: 27))
        }
        try upgraded.checkTallies()
    }

    func migratedVersions(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid")
    }

    @Test func anUpgradeThatWouldLeaveRowsBehindStopsAndChangesNothing() throws {
        let path = try temporaryDirectory() + "/old.ledger"
        try v2Copy(of: try handCountedLedger(), at: path)
        // A row naming a student the students table does not have (only possible with foreign keys off).
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(
                sql: "INSERT INTO attendance (session_id, student_id, course_id, status, batch) SELECT id, 'S999', course_id, 'present', 1 FROM sessions LIMIT 1")
        }
        try queue.close()
        let error = thrown { _ = try Ledger.open(at: path) { _, _ in testRules() } }
        #expect(error?.code == .ledgerTampered)
        #expect(
            error?.message.en
                == "upgrading the ledger: 1 attendance rows name a student who is not in the students table; nothing was changed")
        let still = try DatabaseQueue(path: path)
        #expect(try still.read { try migratedVersions($0) } == ["v1", "v2"])
        #expect(try still.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM attendance") } == 8)
        try still.close()
    }

    @Test func v2LedgerIsUpgradedAndGivesTheSameFigures() throws {
        let current = try handCountedLedger()
        let expected = try current.termFacts()
        let expectedS001 = try current.termFacts(forStudent: "S001")
        let path = try temporaryDirectory() + "/old.ledger"
        try v2Copy(of: current, at: path)

        // A read-only open (what `statement` and `report` do) upgrades the ledger first.
        let reopened = try Ledger.open(at: path, readOnly: true) { _, _ in testRules() }
        #expect(try reopened.termFacts() == expected)
        #expect(try reopened.termFacts(forStudent: "S001") == expectedS001)
        #expect(try reopened.verify().ok)
        let after = try DatabaseQueue(path: path)
        try after.read { db in
            // Every migration ran, in the order registered (v1, v2, v3, then this round's v4-…).
            #expect(try Set(migratedVersions(db)) == Set(Ledger.migrator.migrations))
            #expect(Array(Ledger.migrator.migrations.prefix(3)) == ["v1", "v2", "v3"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            // Every row kept, now as (session, student key, status code): S001 took leave on Sep 4 in X1.
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT st.id, a.status FROM attendance a JOIN students st ON st.no = a.student_no
                    JOIN sessions se ON se.id = a.session_id WHERE se.course_id = 'X1' AND se.date = '2024-09-04'
                    ORDER BY st.id
                    """
            ).map { "\($0[0] as String) \($0[1] as Int)" }
            #expect(rows == ["S001 1", "S002 0"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance") == 7)
        }
        try after.close()

        // New attendance goes into the upgraded ledger as into a new one.
        let writable = try Ledger.open(at: path) { _, _ in testRules() }
        let report = try writable.importCSV(
            .attendance, data: csv("date,course_id,student_id,status\n2024-09-02,B1,S001,present\n"),
            fileName: "more.csv", dryRun: false, by: "t")
        // Sep 2 B1 S001 is already there, present: unchanged. Sep 4 X1 S002 was present, so "leave" conflicts,
        // placed at the status cell (column 20 of `2024-09-04,X1,S002,leave`).
        #expect((report.inserted, report.unchanged) == (0, 1))
        let error = thrown {
            _ = try writable.importCSV(
                .attendance, data: csv("date,course_id,student_id,status\n2024-09-04,X1,S002,leave\n"),
                fileName: "more.csv", dryRun: false, by: "t")
        }
        #expect(
            lines(error) == [
                "more.csv:2:20: attendance of S002 in X1 on 2024-09-04 is already recorded as present; this row has leave [conflict]"
            ])
    }

    /// A ledger of the schema before the tallies (up to v4, with the write counter the two-connection read
    /// kept in `meta`): the upgrade fills the tallies by a full recount, and the facts are the same.
    @Test func v4LedgerGetsItsTalliesFilled() throws {
        let current = try handCountedLedger()
        let expected = try current.termFacts()
        let path = try temporaryDirectory() + "/v4.ledger"
        let queue = try DatabaseQueue(path: path)
        try DatabaseQueue(path: current.path).backup(to: queue)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE usage_tallies; DROP TABLE session_tallies")
            // (and what came after it: v6-timetable added the tallies' minutes of leave and absence)
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier IN ('v5-tallies', 'v6-timetable')")
            // The migrations after v5 (each its own topic) are taken back too: a v4 ledger had none of them.
            try db.execute(sql: "DROP TABLE rules_history; DROP TABLE rules_texts")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v6-rules-history'")
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('write_version', '12')")
            try takeBackMarkSheets(db)
        }
        // (Later migrations, independent of the tallies, may stay applied.)
        #expect(try !queue.read { try migratedVersions($0) }.contains("v5-tallies"))
        try queue.close()

        let upgraded = try Ledger.open(at: path, readOnly: true) { _, _ in testRules() }
        #expect(try upgraded.termFacts() == expected)
        try upgraded.checkTallies()
        let after = try DatabaseQueue(path: path)
        try after.read { db in
            #expect(try Set(migratedVersions(db)) == Set(Ledger.migrator.migrations))
            #expect(Ledger.migrator.migrations.contains("v5-tallies"))
            // Hand-counted (see `TallyTests.handCounted`): S001 in X1 present once (60 min), on leave once.
            let s001 = try Row.fetchOne(
                db, sql: "SELECT present, leave, absent, minutes_present FROM usage_tallies WHERE student_id = 'S001' AND course_id = 'X1'")
            let counts: [Int] = s001.map { row in (0..<4).map { row[$0] as Int } } ?? []
            #expect(counts == [1, 1, 0, 60])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM usage_tallies") == 5)
            #expect(try Int.fetchOne(db, sql: "SELECT SUM(present) FROM session_tallies") == 5)
            #expect(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'write_version'") == nil)
        }
        try after.close()
    }
}
