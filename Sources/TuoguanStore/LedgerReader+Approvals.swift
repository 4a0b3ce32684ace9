import GRDB
import TuoguanCore

/// The ledger's point (how far each hash chain has come) and the approvals given at a point.
extension LedgerReader {
    /// The ledger's point now: the entries of each chain and the money journal's head.
    ///
    /// ```swift
    /// let point = try ledger.reading { try $0.point() }
    /// point.journalEntries   // 172
    /// ```
    func point() throws -> LedgerPoint {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        let journal = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal") ?? 0
        let expenses = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM expenses") ?? 0
        let events = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM events") ?? 0
        return LedgerPoint(
            journalEntries: journal, journalHead: last?["hash"] ?? "", expenseEntries: expenses, eventEntries: events)
    }

    /// Every approval, oldest first.
    func approvals() throws -> [Approval] {
        try Row.fetchAll(db, sql: "SELECT * FROM approvals ORDER BY seq").compactMap { row in
            guard let kind = ApprovalKind(rawValue: row["kind"]) else { return nil }
            return Approval(
                seq: row["seq"], kind: kind, approvedBy: row["approved_by"], approvedAt: row["approved_at"],
                point: LedgerPoint(
                    journalEntries: row["journal_entries"], journalHead: row["journal_head"],
                    expenseEntries: row["expense_entries"], eventEntries: row["event_entries"]),
                note: row["note"])
        }
    }
}
