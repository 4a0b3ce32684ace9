import GRDB
import TuoguanCore

extension Ledger {
    /// Appends an event to the hash-chained events table (the caller checked its id is new).
    func appendEvent(_ event: LedgerEvent, by: String, db: Database) throws {
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

    /// Checks the events' hash chain: contiguous sequence, each event linked to the one before, each stored
    /// hash equal to the recomputed one, each undo taking back an earlier withdrawal or cancellation once, and
    /// each refund or reversal part naming an entry of the money journal. The first break, or nil.
    func verifyEvents(db: Database) throws -> String? {
        var previous = ""
        var expectedSeq: Int64 = 1
        var seen: [String: LedgerEvent.Kind] = [:]
        var undone: Set<String> = []
        var closed = false
        for row in try Row.fetchAll(db, sql: "SELECT * FROM events ORDER BY seq") {
            let seq: Int64 = row["seq"]
            let label = "event \(seq) (\(row["event_id"] as String))"
            let parts = try reader(db).eventParts(seq: seq)
            var columns: [String: String?] = [:]
            for key in LedgerEvent.hashedColumns { columns[key] = row[key] as String? }
            if seq != expectedSeq { return "\(label): sequence number \(seq) where \(expectedSeq) was expected (an event is missing)" }
            if (row["prev_hash"] as String) != previous { return "\(label): does not link to the event before it" }
            if LedgerEvent.hash(seq: seq, columns: columns, parts: parts, previous: previous) != (row["hash"] as String) {
                return "\(label): hash does not match its contents (edited after it was recorded)"
            }
            guard let event = LedgerEvent(row: row, parts: parts) else { return "\(label): unreadable contents" }
            if let broken = Self.closingOrderBreak(event, closed: &closed) { return "\(label): \(broken)" }
            if event.kind == .undo {
                guard let target = event.undoes, let kind = seen[target], kind == .withdrawal || kind == .cancellation,
                    !undone.contains(target)
                else {
                    return "\(label): undoes \(event.undoes ?? "nothing"), which is not an earlier withdrawal or cancellation"
                }
                undone.insert(target)
            }
            for part in parts where part.kind == .refund || part.kind == .reversal {
                let kind = try String.fetchOne(db, sql: "SELECT kind FROM journal WHERE entry_id = ?", arguments: [part.ref])
                if kind != (part.kind == .refund ? "refund" : "reversal") {
                    return "\(label): names \(part.kind.rawValue) \(part.ref), which the money journal does not hold"
                }
            }
            seen[event.eventId] = event.kind
            previous = row["hash"]
            expectedSeq = seq + 1
        }
        return nil
    }
}
