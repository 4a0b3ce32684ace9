import Crypto
import GRDB
import TuoguanCore

/// One event of the term that moves money and master data together: a withdrawal, a cancellation, or the
/// undoing of one of them. Kept in the `events` table (migration "v4-events"), append-only and hash-chained
/// like the money journal: each event's `hash` is SHA-256 over the previous event's hash, its columns and its
/// parts, so `verify` finds an edited or missing event.
///
/// Its parts say what it did, so that `undo` can take it back exactly: the refunds it recorded, the sessions
/// it cancelled (and whether a session row was there before), the reversals an undo recorded.
///
/// ```swift
/// let event = LedgerEvent(eventId: "W1", kind: .withdrawal, studentId: "S001", courseId: "X1",
///                         date: CivilDate(parsing: "2024-09-18")!, parts: [.init(kind: .refund, ref: "W1")])
/// ```
struct LedgerEvent: Equatable {
    enum Kind: String {
        case withdrawal, cancellation, undo
        /// The term's closing (migration v6-year): its parts state every carried family balance and every
        /// pool's unspent balance; from then on the ledger records nothing until a reopening.
        case closing
        /// The closing taken back (`tuoguan reopen`): the ledger records again.
        case reopening
    }

    struct Part: Equatable {
        enum Kind: String {
            case refund, session, reversal
            /// A closing's family balance: `ref` the student, `prior` `carry:FEN` (signed: + arrears, − credit).
            case family
            /// A closing's pool balance: `ref` the pool, `prior` `carry:FEN` or `return:FEN`.
            case pool
        }
        var kind: Kind
        /// The refund's or reversal's journal id; for a session, its course id.
        var ref: String
        /// A session's date.
        var date: CivilDate? = nil
        /// A session's state before the cancellation: "none" (no row: still to come) or "held".
        var prior: String? = nil
    }

    var eventId: String
    var kind: Kind
    var studentId: String? = nil
    var courseId: String? = nil
    var date: CivilDate
    var reason: String = ""
    var note: String = ""
    /// For an undo: the event it undoes.
    var undoes: String? = nil
    var parts: [Part] = []

    init?(row: Row, parts: [Part]) {
        guard let kind = Kind(rawValue: row["kind"]), let date = CivilDate(parsing: row["date"]) else { return nil }
        self.eventId = row["event_id"]
        self.kind = kind
        self.studentId = row["student_id"]
        self.courseId = row["course_id"]
        self.date = date
        self.reason = row["reason"]
        self.note = row["note"]
        self.undoes = row["undoes"]
        self.parts = parts
    }

    init(
        eventId: String, kind: Kind, studentId: String? = nil, courseId: String? = nil, date: CivilDate,
        reason: String = "", note: String = "", undoes: String? = nil, parts: [Part] = []
    ) {
        self.eventId = eventId
        self.kind = kind
        self.studentId = studentId
        self.courseId = courseId
        self.date = date
        self.reason = reason
        self.note = note
        self.undoes = undoes
        self.parts = parts
    }

    static let hashedColumns = [
        "event_id", "kind", "student_id", "course_id", "date", "reason", "note", "undoes", "recorded_by", "recorded_at",
    ]

    /// The stored columns (text form, as hashed).
    func columns(recordedBy: String, recordedAt: String) -> [String: String?] {
        [
            "event_id": eventId, "kind": kind.rawValue, "student_id": studentId, "course_id": courseId,
            "date": date.description, "reason": reason, "note": note, "undoes": undoes, "recorded_by": recordedBy,
            "recorded_at": recordedAt,
        ]
    }

    /// The hash of an event as stored: over the previous hash, every stored column and the parts.
    static func hash(seq: Int64, columns: [String: String?], parts: [Part], previous: String) -> String {
        var text = "tuoguan-events-v1\n\(previous)\nseq=\(seq)\n"
        for key in hashedColumns {
            if let value = columns[key] ?? nil {
                text += "\(key)=\(value.utf8.count):\(value)\n"
            } else {
                text += "\(key)=null\n"
            }
        }
        for (i, p) in parts.enumerated() {
            let date = p.date?.description ?? "null"
            text += "part\(i + 1)=\(p.kind.rawValue) \(p.ref.utf8.count):\(p.ref) \(date) \(p.prior ?? "null")\n"
        }
        return SHA256.hash(data: Array(text.utf8)).map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    /// `withdrawal W1: student S001, course X1, 2024-09-18`.
    var summary: String {
        var parts: [String] = []
        if let studentId { parts.append("student \(studentId)") }
        if let courseId { parts.append("course \(courseId)") }
        parts.append(date.description)
        if let undoes { parts.append("undoes \(undoes)") }
        return "\(kind.rawValue) \(eventId): " + parts.joined(separator: ", ")
    }

    /// The migration that adds the events (registered after the existing ones).
    static func registerMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY,
                        event_id TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind IN ('withdrawal', 'cancellation', 'undo')),
                        student_id TEXT, course_id TEXT,
                        date TEXT NOT NULL,
                        reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
                        undoes TEXT UNIQUE REFERENCES events(event_id),
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
                    CREATE TABLE event_parts (
                        seq INTEGER NOT NULL REFERENCES events(seq),
                        line INTEGER NOT NULL,
                        part TEXT NOT NULL CHECK (part IN ('refund', 'session', 'reversal')),
                        ref TEXT NOT NULL, date TEXT, prior TEXT,
                        PRIMARY KEY (seq, line)) STRICT;
                    CREATE INDEX event_parts_ref ON event_parts(ref);
                    CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                        BEGIN SELECT RAISE(ABORT, 'the events are append-only'); END;
                    CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                        BEGIN SELECT RAISE(ABORT, 'the events are append-only'); END;
                    CREATE TRIGGER event_parts_no_update BEFORE UPDATE ON event_parts
                        BEGIN SELECT RAISE(ABORT, 'the events are append-only'); END;
                    CREATE TRIGGER event_parts_no_delete BEFORE DELETE ON event_parts
                        BEGIN SELECT RAISE(ABORT, 'the events are append-only'); END;
                    """)
        }
    }
}
