import GRDB

extension Ledger {
    /// Migration `v6-timetable` (see `Ledger+Schema.swift`): the sessions table rebuilt with the status
    /// `scheduled` and the column `timetable`; the view that names attendance rows made again over it.
    static let timetableMigration = """
        DROP VIEW IF EXISTS attendance_named;
        CREATE TABLE sessions_v6 (
            id INTEGER PRIMARY KEY,
            course_id TEXT NOT NULL REFERENCES courses(id),
            date TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            teacher_id TEXT NOT NULL REFERENCES teachers(id),
            status TEXT NOT NULL CHECK (status = 'held' OR status = 'cancelled' OR status = 'scheduled'),
            reason TEXT NOT NULL DEFAULT '',
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            timetable INTEGER NOT NULL DEFAULT 0 CHECK (timetable = 0 OR timetable = 1),
            UNIQUE (course_id, date)) STRICT;
        INSERT INTO sessions_v6 (id, course_id, date, start, "end", teacher_id, status, reason, recorded_by, recorded_at)
            SELECT id, course_id, date, start, "end", teacher_id, status, reason, recorded_by, recorded_at FROM sessions;
        DROP TABLE sessions;
        ALTER TABLE sessions_v6 RENAME TO sessions;
        CREATE INDEX sessions_date ON sessions(date);
        CREATE VIEW attendance_named AS
            SELECT a.session_id, st.id AS student_id, se.course_id, se.date,
                   CASE a.status WHEN 0 THEN 'present' WHEN 1 THEN 'leave' ELSE 'absent' END AS status, a.batch
            FROM attendance a JOIN students st ON st.no = a.student_no JOIN sessions se ON se.id = a.session_id;
        """

    /// Migration `v6-timetable`'s second part: the tallies keep the minutes of leave and absence too (every
    /// lesson counted by its own minutes), filled by a full recount.
    static func addMinutesToTallies(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE usage_tallies ADD COLUMN minutes_leave INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE usage_tallies ADD COLUMN minutes_absent INTEGER NOT NULL DEFAULT 0;
                DELETE FROM usage_tallies;
                DELETE FROM session_tallies;
                """)
        let tally = try wholeTally(db)
        try tally.addAllRows(db: db)
        try tally.write(db)
    }

    /// A scheduled session with attendance recorded is held (in the transaction that recorded it).
    static func markAttendedSessionsHeld(_ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE sessions SET status = 'held'
                WHERE status = 'scheduled' AND EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = sessions.id)
                """)
    }
}
