import GRDB
import TuoguanCore

/// The term's tallies, kept where the attendance is written: what each enrolment's rows count
/// (`usage_tallies`) and how many students were present at each session (`session_tallies`). The term's facts
/// read these small tables instead of counting the attendance table.
///
/// Who keeps them, always in the transaction of the change:
/// - the attendance import adds the rows it inserts (``AttendanceTally``);
/// - whatever moves an enrolment's window or a session's status recounts the pairs it touches
///   (``recountUsage(student:course:db:)``, ``recountUsage(session:db:)``);
/// - migration `v5-tallies` fills them by a full recount; `verify` compares them with one (``checkTallies()``).
///
/// ```swift
/// try ledger.checkTallies()   // throws `.ledgerTampered` naming the first enrolment counted differently
/// ```
extension Ledger {
    /// One row per enrolment (student, course) whose attendance counts anything; an enrolment without a row
    /// counts zero.
    static let usageTalliesTable = """
        CREATE TABLE usage_tallies (
            student_id TEXT NOT NULL, course_id TEXT NOT NULL,
            present INTEGER NOT NULL, leave INTEGER NOT NULL, absent INTEGER NOT NULL,
            minutes_present INTEGER NOT NULL,
            PRIMARY KEY (student_id, course_id)) STRICT, WITHOUT ROWID
        """

    /// One row per session with a student present (any status of the session).
    static let sessionTalliesTable = """
        CREATE TABLE session_tallies (session_id INTEGER PRIMARY KEY, present INTEGER NOT NULL) STRICT
        """

    /// The recount of `usage_tallies`: the rows of held sessions whose day is inside the enrolment's window
    /// [from, until), per enrolment, the same rule as ``AttendanceTally/add(session:studentNo:code:)``.
    /// `restriction` narrows it (` AND e.student_id = ?1 AND e.course_id = ?2`), or is empty for all.
    ///
    /// ```swift
    /// let all = try Row.fetchAll(db, sql: Ledger.usageRecountSQL(""))
    /// ```
    static func usageRecountSQL(_ restriction: String) -> String {
        """
        SELECT e.student_id, e.course_id, SUM(a.status = 0) AS present, SUM(a.status = 1) AS leave,
               SUM(a.status = 2) AS absent, SUM(CASE WHEN a.status = 0 THEN se."end" - se.start ELSE 0 END) AS minutes_present
        FROM enrollments e JOIN students st ON st.id = e.student_id
        JOIN attendance a ON a.student_no = st.no
        JOIN sessions se ON se.id = a.session_id AND se.course_id = e.course_id
        WHERE se.status = 'held' AND se.date >= e.from_date AND (e.until_date IS NULL OR se.date < e.until_date)\(restriction)
        GROUP BY e.student_id, e.course_id
        """
    }

    /// The recount of `session_tallies`.
    static let sessionRecountSQL = "SELECT session_id, COUNT(*) AS present FROM attendance WHERE status = 0 GROUP BY session_id"

    /// Creates and fills the tallies (migration `v5-tallies`).
    static func createTallies(_ db: Database) throws {
        try db.execute(sql: usageTalliesTable + ";\n" + sessionTalliesTable)
        try db.execute(
            sql: "INSERT INTO usage_tallies (student_id, course_id, present, leave, absent, minutes_present) " + usageRecountSQL(""))
        try db.execute(sql: "INSERT INTO session_tallies (session_id, present) " + sessionRecountSQL)
    }

    /// Recounts one enrolment's tally, in the caller's transaction (its window moved).
    func recountUsage(student: String, course: String, db: Database) throws {
        try db.execute(sql: "DELETE FROM usage_tallies WHERE student_id = ? AND course_id = ?", arguments: [student, course])
        try db.execute(
            sql: "INSERT INTO usage_tallies (student_id, course_id, present, leave, absent, minutes_present) "
                + Self.usageRecountSQL(" AND e.student_id = ?1 AND e.course_id = ?2"),
            arguments: [student, course])
    }

    /// Recounts the tallies of the enrolments with attendance at session `id`, in the caller's transaction (its
    /// status changed, or it is about to be removed).
    func recountUsage(session id: Int64, db: Database) throws {
        let pairs = try Row.fetchAll(
            db,
            sql: """
                SELECT st.id, se.course_id FROM attendance a JOIN students st ON st.no = a.student_no
                JOIN sessions se ON se.id = a.session_id WHERE a.session_id = ?
                """, arguments: [id])
        for pair in pairs { try recountUsage(student: pair[0], course: pair[1], db: db) }
    }

    /// Compares the tallies with a full recount; a difference is a `.ledgerTampered` error naming the first
    /// enrolment (or session) counted differently, with both counts.
    ///
    /// ```swift
    /// try ledger.checkTallies()
    /// ```
    public func checkTallies() throws {
        try read { db in try checkTallies(db) }
    }

    func checkTallies(_ db: Database) throws {
        // One recount, merged with the stored rows: both come in key order (the recount walks the enrolments'
        // primary key, and the attendance's for the sessions).
        let usage = try Self.firstDifference(
            counted: Row.fetchCursor(db, sql: Self.usageRecountSQL("") + " ORDER BY e.student_id, e.course_id"),
            kept: Row.fetchCursor(
                db,
                sql: "SELECT student_id, course_id, present, leave, absent, minutes_present FROM usage_tallies ORDER BY student_id, course_id"),
            key: { [$0[0] as String, $0[1] as String] }, empty: "0/0/0/0",
            value: { "\($0[2] as Int)/\($0[3] as Int)/\($0[4] as Int)/\($0[5] as Int64)" })
        if let usage {
            throw TuoguanError(
                .ledgerTampered,
                zh: "学生 \(usage.key[0]) 在课程 \(usage.key[1]) 的考勤汇总（出勤/请假/缺勤/出勤分钟）为 \(usage.kept)，按考勤记录重新统计为 \(usage.counted)",
                en: "the attendance tally of student \(usage.key[0]) in course \(usage.key[1]) (present/leave/absent/minutes present) is \(usage.kept), a recount of the attendance gives \(usage.counted)",
                fix: LocalizedText(zh: "账本被改动过；从备份恢复", en: "the ledger was edited behind tuoguan's back; restore a backup"),
                at: SourceLocation(file: path))
        }
        let session = try Self.firstDifference(
            counted: Row.fetchCursor(db, sql: Self.sessionRecountSQL + " ORDER BY session_id"),
            kept: Row.fetchCursor(db, sql: "SELECT session_id, present FROM session_tallies ORDER BY session_id"),
            key: { [String(format: "%020lld", $0[0] as Int64)] }, empty: "0", value: { "\($0[1] as Int)" })
        if let session, let id = Int64(session.key[0]) {
            let row = try Row.fetchOne(db, sql: "SELECT course_id, date FROM sessions WHERE id = ?", arguments: [id])
            let course: String = row?[0] ?? "?"
            let day: String = row?[1] ?? "?"
            throw TuoguanError(
                .ledgerTampered, zh: "课程 \(course) 在 \(day) 的课次出勤人数汇总为 \(session.kept)，按考勤记录为 \(session.counted)",
                en: "the count of students present at the session of \(course) on \(day) is \(session.kept), its attendance records give \(session.counted)",
                fix: LocalizedText(zh: "账本被改动过；从备份恢复", en: "the ledger was edited behind tuoguan's back; restore a backup"),
                at: SourceLocation(file: path))
        }
    }

    /// The first key whose value differs between two cursors sorted by key (SQLite's BINARY order: the keys'
    /// UTF-8 bytes); a key missing on one side has the value `empty` there.
    static func firstDifference(
        counted: RowCursor, kept: RowCursor, key: (Row) -> [String], empty: String, value: (Row) -> String
    ) throws -> (key: [String], kept: String, counted: String)? {
        func next(_ rows: RowCursor) throws -> (key: [String], value: String)? {
            try rows.next().map { (key($0), value($0)) }
        }
        func before(_ a: [String], _ b: [String]) -> Bool {
            for (x, y) in zip(a, b) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            return false
        }
        var c = try next(counted)
        var k = try next(kept)
        while c != nil || k != nil {
            if let cc = c, let kk = k, cc.key == kk.key {
                if cc.value != kk.value { return (cc.key, kk.value, cc.value) }
                c = try next(counted)
                k = try next(kept)
            } else if let cc = c, k.map({ before(cc.key, $0.key) }) ?? true {
                return (cc.key, empty, cc.value)
            } else if let kk = k {
                return (kk.key, kk.value, empty)
            }
        }
        return nil
    }
}
