import GRDB
import TuoguanCore

/// The writes of transfers: a transfer as a payment, its details and its payer kept, the suspense list and
/// its resolutions.
extension LedgerWriter {
    /// A transfer as a payment under its id (``Ledger/recordPayment(_:by:)``'s read → decide → write), its
    /// details kept and its payer remembered for the family.
    ///
    /// ```swift
    /// try writer.recordTransfer(t, studentId: "S000003", file: "微信支付账单.csv", by: "王会计")
    /// ```
    func recordTransfer(_ t: IncomingTransfer, studentId: String, file: String, by: String) throws {
        _ = try ledger.recordPayment(
            PaymentFact(receipt: t.id, studentId: studentId, amount: t.amount, date: t.date, method: t.method), by: by,
            writer: self)
        try keepDetails(t, file: file, by: by)
        try rememberPayer(t, studentId: studentId, by: by)
    }

    /// Keeps a transfer's details as the export gave them (once).
    func keepDetails(_ t: IncomingTransfer, file: String, by: String) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO transfers (transfer_id, method, date, payer, account, memo, amount, file, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [t.id, t.method.rawValue, t.date.description, t.payer, t.account, t.memo, t.amount.fen, file, by, Ledger.timestamp()])
    }

    /// Remembers the transfer's payer for the family (the matcher's confirmed payers); nothing for a transfer
    /// without payer or account.
    func rememberPayer(_ t: IncomingTransfer, studentId: String, by: String) throws {
        guard !t.payer.isEmpty || !t.account.isEmpty else { return }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO transfer_payers (payer_key, student_id, payer, transfer_id, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [t.payerKey, studentId, t.payer, t.id, by, Ledger.timestamp()])
    }

    /// Puts a transfer on the suspense list (money received, not yet assigned).
    func hold(_ t: IncomingTransfer, file: String, by: String) throws {
        try ledger.requireId(t.id, what: ("交易单号", "transaction id"))
        try reader.requireIdFreeInSpendingJournal(t.id)
        try keepDetails(t, file: file, by: by)
        try db.execute(
            sql: "INSERT INTO suspense (transfer_id, recorded_by, recorded_at) VALUES (?, ?, ?)",
            arguments: [t.id, by, Ledger.timestamp()])
    }

    /// Takes a held transfer off the suspense list: `assigned` to a student, or `returned` to the payer.
    func resolve(_ id: String, outcome: String, student: String?, note: String, by: String) throws {
        try db.execute(
            sql: "INSERT INTO suspense_resolutions (transfer_id, outcome, student_id, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [id, outcome, student, note, by, Ledger.timestamp()])
    }
}
