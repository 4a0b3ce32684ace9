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
