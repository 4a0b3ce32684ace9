import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Writes the closing ``TermClosing`` decided: a `closing` event whose parts state every carried family
    /// balance (`carry:FEN`) and every pool's unspent balance (`carry:` or `return:FEN`), its reason naming both
    /// journals' chain heads; returns its record as read back.
    ///
    /// ```swift
    /// let record = try writer.write(closing, eventId: "CLOSE-2024-autumn", date: rules.ends, note: "期末结账", by: "王会计")
    /// ```
    func write(_ closing: TermClosing, eventId: String, date: CivilDate, note: String, by: String) throws -> ClosingRecord {
        var parts = closing.families.map { LedgerEvent.Part(kind: .family, ref: $0.studentId, prior: "carry:\($0.balance.fen)") }
        parts += closing.pools.map {
            LedgerEvent.Part(kind: .pool, ref: $0.poolId, prior: "\($0.carried ? "carry" : "return"):\($0.balance.fen)")
        }
        let heads = try reader.chainHeads()
        let event = LedgerEvent(
            eventId: eventId, kind: .closing, date: date, reason: "journal=\(heads.journal) expenses=\(heads.expenses)",
            note: note, parts: parts)
        try appendEvent(event, by: by)
        guard let record = try reader.closing() else {
            throw TuoguanError(.internal, zh: "结账未能记入", en: "the closing was not recorded")
        }
        return record
    }
}
