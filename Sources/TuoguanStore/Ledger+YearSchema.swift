import GRDB
import TuoguanCore

extension Ledger {
    /// v6-year: the kinds a term's closing and the next term's opening need (see `Ledger+Closing.swift`).
    ///
    /// - `events.kind` gains `closing` and `reopening`; `event_parts.part` gains `family` (a family's carried
    ///   balance: `ref` the student, `prior` the signed fen) and `pool` (a pool's unspent balance: `ref` the pool,
    ///   `prior` the signed fen, `date` set when it is carried forward rather than returned).
    /// - `journal.kind` gains `opening` (a family's balance carried in from the closed term; `reason` says
    ///   `credit` or `arrears`).
    /// - `expenses.kind` gains `opening` (a pool's balance carried forward from the closed term).
    ///
    /// SQLite cannot alter a CHECK, so the four tables are rebuilt with every row and column as they were (the
    /// hashes are over the columns, so the chains are unchanged), and their append-only triggers made again.
    static func registerYearMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-year") { db in
            try db.execute(sql: yearSchemaEvents)
            try db.execute(sql: yearSchemaJournal)
            try db.execute(sql: yearSchemaExpenses)
        }
    }

    private static func appendOnly(_ table: String, _ what: String) -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(what) append-only'); END;
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(what) append-only'); END;
        """
    }

    private static let yearSchemaEvents = """
        CREATE TABLE events_v6 (
            seq INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('withdrawal', 'cancellation', 'undo', 'closing', 'reopening')),
            student_id TEXT, course_id TEXT,
            date TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
            undoes TEXT UNIQUE REFERENCES events_v6(event_id),
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
        INSERT INTO events_v6 SELECT seq, event_id, kind, student_id, course_id, date, reason, note, undoes,
            recorded_by, recorded_at, prev_hash, hash FROM events ORDER BY seq;
        CREATE TABLE event_parts_v6 (
            seq INTEGER NOT NULL REFERENCES events(seq),
            line INTEGER NOT NULL,
            part TEXT NOT NULL CHECK (part IN ('refund', 'session', 'reversal', 'family', 'pool')),
            ref TEXT NOT NULL, date TEXT, prior TEXT,
            PRIMARY KEY (seq, line)) STRICT;
        INSERT INTO event_parts_v6 SELECT seq, line, part, ref, date, prior FROM event_parts ORDER BY seq, line;
        DROP TABLE event_parts;
        DROP TABLE events;
        ALTER TABLE events_v6 RENAME TO events;
        ALTER TABLE event_parts_v6 RENAME TO event_parts;
        CREATE INDEX event_parts_ref ON event_parts(ref);
        \(appendOnly("events", "the events are"))
        \(appendOnly("event_parts", "the events are"))
        """

    private static let yearSchemaJournal = """
        CREATE TABLE journal_v6 (
            seq INTEGER PRIMARY KEY,
            entry_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'reversal', 'opening')),
            student_id TEXT NOT NULL REFERENCES students(id),
            course_id TEXT REFERENCES courses(id),
            amount INTEGER NOT NULL CHECK (amount >= 0),
            lessons INTEGER,
            date TEXT NOT NULL,
            method TEXT,
            reason TEXT,
            note TEXT NOT NULL DEFAULT '',
            reverses TEXT UNIQUE REFERENCES journal_v6(entry_id),
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
            unit TEXT) STRICT;
        INSERT INTO journal_v6 SELECT seq, entry_id, kind, student_id, course_id, amount, lessons, date, method,
            reason, note, reverses, recorded_by, recorded_at, prev_hash, hash, unit FROM journal ORDER BY seq;
        DROP TABLE journal;
        ALTER TABLE journal_v6 RENAME TO journal;
        CREATE INDEX journal_student ON journal(student_id);
        \(appendOnly("journal", "the money journal is"))
        """

    private static let yearSchemaExpenses = """
        CREATE TABLE expenses_v6 (
            seq INTEGER PRIMARY KEY,
            entry_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind = 'expense' OR kind = 'reversal' OR kind = 'opening'),
            line TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            date TEXT NOT NULL,
            payee TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            reverses TEXT UNIQUE REFERENCES expenses_v6(entry_id),
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
        INSERT INTO expenses_v6 SELECT seq, entry_id, kind, line, amount, date, payee, note, reverses,
            recorded_by, recorded_at, prev_hash, hash FROM expenses ORDER BY seq;
        DROP TABLE expenses;
        ALTER TABLE expenses_v6 RENAME TO expenses;
        CREATE INDEX expenses_line ON expenses(line);
        \(appendOnly("expenses", "the spending journal is"))
        """
}
