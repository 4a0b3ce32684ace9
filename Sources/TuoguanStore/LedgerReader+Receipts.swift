import GRDB
import TuoguanCore

extension LedgerReader {
    /// The receipts of the payments `selection` names, in journal order (see ``Ledger/receipts(_:)``).
    ///
    /// ```swift
    /// let receipts = try reader.receipts(.className("三(2)班"))
    /// ```
    func receipts(_ selection: ReceiptSelection) throws -> [PaymentReceipt] {
        let base = """
            SELECT j.seq, j.entry_id, j.student_id, j.amount, j.date, j.method, t.payer,
                   (SELECT r.recorded_at FROM journal r WHERE r.reverses = j.entry_id) AS reversed_at,
                   (SELECT MIN(p.printed_on) FROM receipt_prints p WHERE p.entry_id = j.entry_id) AS printed_on,
                   t.transfer_id IS NOT NULL AS is_transfer
            FROM journal j LEFT JOIN transfers t ON t.transfer_id = j.entry_id
            WHERE j.kind = 'payment'
            """
        switch selection {
        case .ids(let ids):
            return try ids.map { id in
                guard let row = try Row.fetchOne(db, sql: base + " AND j.entry_id = ?", arguments: [id]) else {
                    throw TuoguanError(
                        .unknownReference, zh: "账本中没有收款“\(id)”", en: "no payment \"\(id)\" in the ledger",
                        fix: LocalizedText(zh: "用 tuoguan find 查收据号或交易单号", en: "look the id up with tuoguan find"),
                        excerpt: id)
                }
                return Self.receipt(row)
            }
        case .day(let day):
            return try Row.fetchAll(db, sql: base + " AND j.date = ? ORDER BY j.seq", arguments: [day.description]).map(Self.receipt)
        case .className(let name):
            return try Row.fetchAll(
                db, sql: base + " AND j.student_id IN (SELECT id FROM students WHERE class = ?) ORDER BY j.seq",
                arguments: [name]
            ).map(Self.receipt)
        }
    }

    static func receipt(_ row: Row) -> PaymentReceipt {
        let day = { (text: String?) in text.flatMap { CivilDate(parsing: String($0.prefix(10))) } }
        return PaymentReceipt(
            number: PaymentReceipt.number(seq: row["seq"]), entryId: row["entry_id"], studentId: row["student_id"],
            amount: Money(fen: row["amount"]), date: CivilDate(parsing: row["date"]) ?? CivilDate(year: 2000, month: 1, day: 1)!,
            method: PaymentMethod(rawValue: row["method"] ?? "cash") ?? .cash, payer: row["payer"],
            isTransfer: row["is_transfer"], reversedOn: day(row["reversed_at"]), firstPrintedOn: day(row["printed_on"]))
    }
}
