import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Notes that these receipts were printed on `day` (a later printing is a reprint, 补打).
    ///
    /// ```swift
    /// try writer.recordReceiptPrints(["R001"], on: today, by: "王会计")
    /// ```
    func recordReceiptPrints(_ entryIds: [String], on day: CivilDate, by: String) throws {
        for id in entryIds {
            try db.execute(
                sql: "INSERT INTO receipt_prints (entry_id, printed_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
                arguments: [id, day.description, by, Ledger.timestamp()])
        }
    }
}
