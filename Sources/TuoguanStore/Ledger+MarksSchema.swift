import GRDB
import TuoguanCore

/// Migration `v7-marks`: the attendance kept the way the class teacher's sheet holds it, one row per student,
/// course, month and import (`attendance_marks`), a character per day of the month: `.` no mark, `0` present,
/// `1` leave, `2` absent (``AttendanceCode``). A district's term is then about a fourteenth of the rows it was
/// with a row per mark, and a mark is one byte.
///
/// ```
/// student_no | course_id | month   | batch | marks
/// 20         | X0005     | 2024-09 | 7     | .....0......00.....0......0.0..
/// ```
///
/// `attendance` is a view with the columns of the table it replaces (session, student's integer key, status
/// code, import batch): every reader of the marks keeps its SQL, and writing into the view (a mark added,
/// changed or removed by `edit attendance` or `import --replace`) goes into the rows by its `INSTEAD OF`
/// triggers. A session moved to another day (调课) takes its marks along (trigger `sessions_move_marks`). The
/// attendance import writes the rows itself (``AttendanceMarkSheet``).
///
/// ```swift
/// try Ledger.createMarkSheets(db)   // then: INSERT INTO attendance (session_id, student_no, status, batch) VALUES (…)
/// ```
extension Ledger {
    /// The characters of a month's marks (31 days; a shorter month leaves its last days `.`).
    static let markDays = 31

    /// Creates the rows, the view and its triggers over an empty ledger or one whose `attendance` table was
    /// renamed away (see ``migrateToMarkSheets(_:)``).
    static func createMarkSheets(_ db: Database) throws {
        try db.execute(sql: markSheetsSchema)
    }

    /// Migration `v7-marks`: every row of the old attendance table carried into the month rows (same session,
    /// student, status and batch); the upgrade stops, changing nothing, if the view does not give back as many.
    static func migrateToMarkSheets(_ db: Database) throws {
        try db.execute(sql: "DROP VIEW IF EXISTS attendance_named; ALTER TABLE attendance RENAME TO attendance_v6")
        try createMarkSheets(db)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT a.student_no, se.course_id, substr(se.date, 1, 7), a.batch, CAST(substr(se.date, 9, 2) AS INTEGER), a.status
                FROM attendance_v6 a JOIN sessions se ON se.id = a.session_id
                ORDER BY a.student_no, se.course_id, substr(se.date, 1, 7), a.batch
                """)
        let insert = try db.makeStatement(
            sql: "INSERT INTO attendance_marks (student_no, course_id, month, batch, marks) VALUES (?, ?, ?, ?, ?)")
        var key: [DatabaseValue] = []
        var marks = [UInt8](repeating: UInt8(ascii: "."), count: markDays)
        func flush() throws {
            guard !key.isEmpty else { return }
            try insert.execute(arguments: StatementArguments(key + [String(decoding: marks, as: UTF8.self).databaseValue]))
            marks = [UInt8](repeating: UInt8(ascii: "."), count: markDays)
        }
        while let row = try rows.next() {
            let rowKey = (0..<4).map { row[$0] as DatabaseValue }
            if rowKey != key {
                try flush()
                key = rowKey
            }
            let day: Int = row[4]
            let code: Int64 = row[5]
            marks[day - 1] = UInt8(ascii: "0") + UInt8(code)
        }
        try flush()
        let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance_v6") ?? 0
        let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance") ?? 0
        if before != after {
            throw TuoguanError(
                .ledgerTampered, zh: "升级账本时有 \(before - after) 条考勤记录无法转存（课次缺失），账本未改动",
                en: "upgrading the ledger: \(before - after) attendance rows could not be carried over (their session is missing); nothing was changed",
                fix: LocalizedText(zh: "请联系管理员检查账本", en: "have the administrator check the ledger"))
        }
        try db.execute(sql: "DROP TABLE attendance_v6")
    }

    /// `substr`'s arithmetic: `marks` with the character at day `day` (an SQL expression, 1-based) made `mark`.
    private static func put(_ marks: String, day: String, _ mark: String) -> String {
        "substr(\(marks), 1, \(day) - 1) || \(mark) || substr(\(marks), \(day) + 1)"
    }

    /// The day of the month of session `id` (an SQL expression).
    private static func dayOf(session id: String) -> String {
        "(SELECT CAST(substr(date, 9, 2) AS INTEGER) FROM sessions WHERE id = \(id))"
    }

    /// The month row that holds the mark of view row `r` (`OLD` or `NEW`).
    private static func monthRow(_ r: String) -> String {
        """
        student_no = \(r).student_no AND batch = \(r).batch
                AND course_id = (SELECT course_id FROM sessions WHERE id = \(r).session_id)
                AND month = (SELECT substr(date, 1, 7) FROM sessions WHERE id = \(r).session_id)
        """
    }

    static var markSheetsSchema: String {
        let dots = "'" + String(repeating: ".", count: markDays) + "'"
        let newDay = dayOf(session: "NEW.session_id")
        let oldDay = dayOf(session: "OLD.session_id")
        let movedFrom = "CAST(substr(OLD.date, 9, 2) AS INTEGER)"
        let movedTo = "CAST(substr(NEW.date, 9, 2) AS INTEGER)"
        let markedBefore = "course_id = OLD.course_id AND month = substr(OLD.date, 1, 7) AND substr(marks, \(movedFrom), 1) != '.'"
        return """
            CREATE TABLE attendance_marks (
                student_no INTEGER NOT NULL REFERENCES students(no),
                course_id TEXT NOT NULL REFERENCES courses(id),
                month TEXT NOT NULL,
                batch INTEGER NOT NULL,
                marks TEXT NOT NULL CHECK (length(marks) = \(markDays) AND marks GLOB '*[012]*' AND NOT marks GLOB '*[^.012]*'),
                PRIMARY KEY (student_no, course_id, month, batch)) STRICT, WITHOUT ROWID;
            CREATE INDEX attendance_marks_course ON attendance_marks(course_id, month);
            CREATE TABLE mark_days (n INTEGER PRIMARY KEY, day TEXT NOT NULL) STRICT;
            WITH RECURSIVE d(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM d WHERE n < \(markDays))
                INSERT INTO mark_days (n, day) SELECT n, printf('%02d', n) FROM d;
            CREATE VIEW attendance AS
                SELECT se.id AS session_id, m.student_no AS student_no, CAST(substr(m.marks, d.n, 1) AS INTEGER) AS status,
                       m.batch AS batch
                FROM attendance_marks m JOIN mark_days d JOIN sessions se
                WHERE se.course_id = m.course_id AND se.date = m.month || '-' || d.day
                    AND m.month = substr(se.date, 1, 7) AND d.n = CAST(substr(se.date, 9, 2) AS INTEGER)
                    AND substr(m.marks, d.n, 1) != '.';
            CREATE VIEW attendance_named AS
                SELECT a.session_id, st.id AS student_id, se.course_id, se.date,
                       CASE a.status WHEN 0 THEN 'present' WHEN 1 THEN 'leave' ELSE 'absent' END AS status, a.batch
                FROM attendance a JOIN students st ON st.no = a.student_no JOIN sessions se ON se.id = a.session_id;
            CREATE TRIGGER attendance_insert INSTEAD OF INSERT ON attendance BEGIN
                SELECT RAISE(ABORT, 'UNIQUE constraint failed: attendance.session_id, attendance.student_no')
                    WHERE EXISTS (SELECT 1 FROM attendance WHERE session_id = NEW.session_id AND student_no = NEW.student_no);
                INSERT INTO attendance_marks (student_no, course_id, month, batch, marks)
                    SELECT NEW.student_no, course_id, substr(date, 1, 7), NEW.batch, \(put(dots, day: newDay, "NEW.status"))
                    FROM sessions WHERE id = NEW.session_id
                    ON CONFLICT DO UPDATE SET marks = \(put("marks", day: newDay, "NEW.status"));
            END;
            CREATE TRIGGER attendance_update INSTEAD OF UPDATE OF status ON attendance BEGIN
                UPDATE attendance_marks SET marks = \(put("marks", day: oldDay, "NEW.status")) WHERE \(monthRow("OLD"));
            END;
            CREATE TRIGGER attendance_delete INSTEAD OF DELETE ON attendance BEGIN
                DELETE FROM attendance_marks WHERE \(monthRow("OLD")) AND length(replace(marks, '.', '')) = 1;
                UPDATE attendance_marks SET marks = \(put("marks", day: oldDay, "'.'")) WHERE \(monthRow("OLD"));
            END;
            CREATE TRIGGER sessions_move_marks AFTER UPDATE OF date ON sessions WHEN OLD.date != NEW.date BEGIN
                INSERT INTO attendance_marks (student_no, course_id, month, batch, marks)
                    SELECT student_no, course_id, substr(NEW.date, 1, 7), batch, \(put(dots, day: movedTo, "substr(marks, \(movedFrom), 1)"))
                    FROM attendance_marks WHERE \(markedBefore)
                    ON CONFLICT DO UPDATE SET marks = \(put("marks", day: movedTo, "substr(excluded.marks, \(movedTo), 1)"));
                DELETE FROM attendance_marks WHERE \(markedBefore) AND length(replace(marks, '.', '')) = 1;
                UPDATE attendance_marks SET marks = \(put("marks", day: movedFrom, "'.'")) WHERE \(markedBefore);
            END;
            """
    }
}
