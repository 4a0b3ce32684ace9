import GRDB
import TuoguanCore

/// The events' chain checked, as `verify` does (the money journal: ``Ledger/verify()``; the spending journal:
/// `Ledger+SpendingVerify.swift`).
extension Ledger {
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
