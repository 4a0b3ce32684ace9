import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Appends an approval of `kind` given at `point` (the approvals table is append-only).
    ///
    /// ```swift
    /// try ledger.record { writer in try writer.appendApproval(.statement, at: writer.reader.point(), by: "张敏", note: "") }
    /// ```
    func appendApproval(_ kind: ApprovalKind, at point: LedgerPoint, by: String, note: String) throws -> Approval {
        let now = Ledger.timestamp()
        try db.execute(
            sql: """
                INSERT INTO approvals (kind, approved_by, approved_at, journal_entries, journal_head,
                    expense_entries, event_entries, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [kind.rawValue, by, now, point.journalEntries, point.journalHead, point.expenseEntries,
                        point.eventEntries, note])
        return Approval(seq: db.lastInsertedRowID, kind: kind, approvedBy: by, approvedAt: now, point: point, note: note)
    }
}
