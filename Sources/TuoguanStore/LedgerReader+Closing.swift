import GRDB
import TuoguanCore

/// The reads of a term's closing: the closing in force, the journals' chain heads, how many closings there were.
extension LedgerReader {
    /// The closing in force: the last `closing` event when no `reopening` came after it, else nil.
    ///
    /// ```swift
    /// if let closing = try reader.closing() { print(closing.head) }
    /// ```
    func closing() throws -> ClosingRecord? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT * FROM events WHERE kind IN ('closing', 'reopening') ORDER BY seq DESC LIMIT 1"),
            (row["kind"] as String) == LedgerEvent.Kind.closing.rawValue,
            let date = CivilDate(parsing: row["date"])
        else { return nil }
        var record = ClosingRecord(
            eventId: row["event_id"], date: date, note: row["note"], recordedBy: row["recorded_by"],
            recordedAt: row["recorded_at"], head: row["hash"], families: [], pools: [])
        for part in try eventParts(seq: row["seq"]) {
            let (how, fen) = Self.closingAmount(part.prior)
            switch part.kind {
            case .family: record.families.append((part.ref, Money(fen: fen)))
            case .pool: record.pools.append((part.ref, Money(fen: fen), how == "carry"))
            default: continue
            }
        }
        return record
    }

    /// `carry:-4000` → ("carry", -4000).
    static func closingAmount(_ prior: String?) -> (String, Int64) {
        let pieces = (prior ?? "").split(separator: ":", maxSplits: 1).map(String.init)
        guard pieces.count == 2, let fen = Int64(pieces[1]) else { return ("", 0) }
        return (pieces[0], fen)
    }

    /// How many closings were recorded (reopened ones included).
    func closingCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events WHERE kind = 'closing'") ?? 0
    }

    /// The hash of the last entry of the money journal and of the spending journal ("" when empty).
    func chainHeads() throws -> (journal: String, expenses: String) {
        let journal = try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? ""
        let expenses = try String.fetchOne(db, sql: "SELECT hash FROM expenses ORDER BY seq DESC LIMIT 1") ?? ""
        return (journal, expenses)
    }

    /// Refuses an event id already recorded, with `fix`.
    func requireNewEvent(_ eventId: String, fix: LocalizedText) throws {
        guard try event(eventId) != nil else { return }
        throw TuoguanError(
            .conflict, zh: "编号 \(eventId) 已登记过", en: "id \(eventId) is already recorded", fix: fix, excerpt: eventId)
    }
}
