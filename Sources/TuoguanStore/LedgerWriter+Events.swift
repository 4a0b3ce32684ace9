import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Appends an event to the hash-chained events table (the caller checked its id is new).
    func appendEvent(_ event: LedgerEvent, by: String) throws {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] as Int64? ?? 0) + 1
        let previous: String = last?["hash"] ?? ""
        let now = Ledger.timestamp()
        let columns = event.columns(recordedBy: by, recordedAt: now)
        let hash = LedgerEvent.hash(seq: seq, columns: columns, parts: event.parts, previous: previous)
        try db.execute(
            sql: """
                INSERT INTO events (seq, event_id, kind, student_id, course_id, date, reason, note, undoes,
                    recorded_by, recorded_at, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seq, event.eventId, event.kind.rawValue, event.studentId, event.courseId, event.date.description,
                event.reason, event.note, event.undoes, by, now, previous, hash,
            ])
        for (i, p) in event.parts.enumerated() {
            try db.execute(
                sql: "INSERT INTO event_parts (seq, line, part, ref, date, prior) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [seq, i + 1, p.kind.rawValue, p.ref, p.date?.description, p.prior])
        }
    }
}
