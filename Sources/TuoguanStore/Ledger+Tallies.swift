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
/// Every count, kept or recounted, goes through ``AttendanceTally``: one rule of what a row counts for. (The
/// simulation's reference model counts independently.)
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

    /// A tally of the whole ledger: every session and every enrolment's window, nothing counted yet.
    ///
    /// ```swift
    /// let tally = try Ledger.wholeTally(db)
    /// try tally.addAllRows(db: db)   // a full recount
    /// ```
    static func wholeTally(_ db: Database) throws -> AttendanceTally {
        try AttendanceTally(db: db, sessions: loadSessions(db: db), windows: loadWindows(db: db))
    }

    /// Every enrolment's window, or those of the (student, course) pairs given.
    static func loadWindows(db: Database, pairs: [[String]]? = nil) throws -> [AttendanceTally.Window] {
        let sql = "SELECT student_id, course_id, from_date, until_date FROM enrollments"
        var windows: [AttendanceTally.Window] = []
        func add(_ rows: RowCursor) throws {
            while let row = try rows.next() {
                guard let window = LedgerReader.storedWindow(from: row[2], until: row[3]) else { continue }
                windows.append(AttendanceTally.Window(student: row[0], course: row[1], enrolment: window))
            }
        }
        guard let pairs else {
            try add(Row.fetchCursor(db, sql: sql))
            return windows
        }
        // One pair at a time: a cursor of the cached statement is read to its end before the statement is run
        // again (a second cursor made first would reset the first: every pair but the last was lost).
        let statement = try db.cachedStatement(sql: sql + " WHERE student_id = ? AND course_id = ?")
        for pair in pairs { try add(Row.fetchCursor(statement, arguments: StatementArguments(pair))) }
        return windows
    }

    /// Creates and fills the tallies (migration `v5-tallies`).
    static func createTallies(_ db: Database) throws {
        try db.execute(sql: usageTalliesTable + ";\n" + sessionTalliesTable)
        let tally = try wholeTally(db)
        try tally.addAllRows(db: db)
        try tally.write(db)
    }

    /// Recounts one enrolment's tally, in the caller's transaction (its window moved).
    func recountUsage(student: String, course: String, db: Database) throws {
        try recountUsage(pairs: [[student, course]], db: db)
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
        try recountUsage(pairs: pairs.map { [$0[0], $0[1]] }, db: db)
    }

    /// Recounts the tallies of these (student, course) enrolments from their students' rows, in the caller's
    /// transaction. The students present at each session do not change: they count every present row.
    func recountUsage(pairs: [[String]], db: Database) throws {
        let pairs = Array(Set(pairs))
        guard !pairs.isEmpty else { return }
        let delete = try db.cachedStatement(sql: "DELETE FROM usage_tallies WHERE student_id = ? AND course_id = ?")
        for pair in pairs { try delete.execute(arguments: StatementArguments(pair)) }
        let tally = try AttendanceTally(
            db: db, sessions: Self.loadSessions(db: db, courses: Set(pairs.map { $0[1] })),
            windows: Self.loadWindows(db: db, pairs: pairs))
        for student in Set(pairs.map { $0[0] }) { try tally.addRows(ofStudent: student, db: db) }
        try tally.writeUsage(db)
    }

    /// Compares the tallies with a full recount; a difference is a `.ledgerTampered` error naming the first
    /// enrolment (or session) counted differently, with both counts.
    ///
    /// ```swift
    /// try ledger.checkTallies()
    /// ```
    public func checkTallies() throws {
        try reading { reader in try checkTallies(reader.db) }
    }

    func checkTallies(_ db: Database) throws {
        let tally = try Self.wholeTally(db)
        try tally.addAllRows(db: db)
        func usageText(_ c: AttendanceTally.Counts) -> String {
            "\(c.present)/\(c.leave)/\(c.absent)/\(c.minutesPresent)/\(c.minutesLeave)/\(c.minutesAbsent)"
        }
        var counted: [[String]: String] = [:]
        for (w, c) in zip(tally.windows, tally.counts) where c != AttendanceTally.Counts() {
            counted[[w.student, w.course]] = usageText(c)
        }
        var kept: [[String]: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT student_id, course_id, present, leave, absent, minutes_present, minutes_leave, minutes_absent FROM usage_tallies")
        {
            kept[[row[0], row[1]]] = usageText(
                AttendanceTally.Counts(
                    present: row[2], leave: row[3], absent: row[4], minutesPresent: row[5], minutesLeave: row[6],
                    minutesAbsent: row[7]))
        }
        let usage = Self.firstDifference(counted: counted, kept: kept, empty: usageText(AttendanceTally.Counts())) { a, b in
            for (x, y) in zip(a, b) where x != y { return x.utf8.lexicographicallyPrecedes(y.utf8) }
            return false
        }
        if let usage {
            throw TuoguanError(
                .ledgerTampered,
                zh: "学生 \(usage.key[0]) 在课程 \(usage.key[1]) 的考勤汇总（出勤/请假/缺勤/出勤分钟/请假分钟/缺勤分钟）为 \(usage.kept)，按考勤记录重新统计为 \(usage.counted)",
                en: "the attendance tally of student \(usage.key[0]) in course \(usage.key[1]) (present/leave/absent/minutes present/on leave/absent) is \(usage.kept), a recount of the attendance gives \(usage.counted)",
                fix: LocalizedText(zh: "账本被改动过；从备份恢复", en: "the ledger was edited behind tuoguan's back; restore a backup"),
                at: SourceLocation(file: path))
        }
        var keptPresent: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT session_id, present FROM session_tallies") {
            keptPresent[row[0]] = String(row[1] as Int)
        }
        let session = Self.firstDifference(
            counted: tally.presentBySession().mapValues { String($0) }, kept: keptPresent, empty: "0", before: <)
        if let session {
            let row = try Row.fetchOne(db, sql: "SELECT course_id, date FROM sessions WHERE id = ?", arguments: [session.key])
            let course: String = row?[0] ?? "?"
            let day: String = row?[1] ?? "?"
            throw TuoguanError(
                .ledgerTampered, zh: "课程 \(course) 在 \(day) 的课次出勤人数汇总为 \(session.kept)，按考勤记录为 \(session.counted)",
                en: "the count of students present at the session of \(course) on \(day) is \(session.kept), its attendance records give \(session.counted)",
                fix: LocalizedText(zh: "账本被改动过；从备份恢复", en: "the ledger was edited behind tuoguan's back; restore a backup"),
                at: SourceLocation(file: path))
        }
    }

    /// The first key, in the order `before`, whose value differs between what was counted and what is kept; a
    /// key missing on one side has the value `empty` there.
    ///
    /// ```swift
    /// Ledger.firstDifference(counted: [1: "2"], kept: [1: "3"], empty: "0", before: <)   // (1, "3", "2")
    /// ```
    static func firstDifference<Key: Hashable>(
        counted: [Key: String], kept: [Key: String], empty: String, before: (Key, Key) -> Bool
    ) -> (key: Key, kept: String, counted: String)? {
        var first: (key: Key, kept: String, counted: String)?
        for key in Set(counted.keys).union(kept.keys) {
            let (c, k) = (counted[key] ?? empty, kept[key] ?? empty)
            if c != k, first.map({ before(key, $0.key) }) ?? true { first = (key, k, c) }
        }
        return first
    }
}
