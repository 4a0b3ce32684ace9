import GRDB
import TuoguanCore

/// Which payments to print receipts for.
public enum ReceiptSelection: Sendable, Equatable {
    /// These payments, by id (receipt number or 交易单号).
    case ids([String])
    /// Every payment dated that day.
    case day(CivilDate)
    /// Every payment of the students of a class.
    case className(String)
}

extension Ledger {
    /// The payments' receipts, in journal order: reversed ones carry the reversal's date (已冲正), and ones
    /// printed before the day their first printing (补打). An id that is no payment is an error.
    ///
    /// ```swift
    /// let receipts = try ledger.receipts(.day(CivilDate(parsing: "2024-09-02")!))
    /// ```
    public func receipts(_ selection: ReceiptSelection) throws -> [PaymentReceipt] {
        try reading { reader in try reader.receipts(selection) }
    }

    /// Notes that these receipts were printed on `day` (a later printing is a reprint, 补打).
    public func recordReceiptPrints(_ entryIds: [String], on day: CivilDate, by: String) throws {
        try record { writer in try writer.recordReceiptPrints(entryIds, on: day, by: by) }
    }
}
