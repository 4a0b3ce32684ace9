import GRDB
import TuoguanCore

/// The spending journal's SQL (table `expenses`, see ``ExpenseEntry``): appending an entry, the pools'
/// carried balances, the expenses as the term computation's facts, and the check that an id of the money
/// journal is not one of the spending journal's.
extension Ledger {
    /// Appends `entry` to the spending journal unless an entry with its id exists: same contents →
    /// `.alreadyRecorded`; different → `.conflict` showing both versions.
    func appendExpense(_ entry: ExpenseEntry, by: String, db: Database) throws -> RecordOutcome {
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM expenses WHERE entry_id = ?", arguments: [entry.entryId]) {
            guard let existing = ExpenseEntry(row: row) else {
                throw TuoguanError(.ledgerTampered, zh: "支出 \(entry.entryId) 无法读取", en: "expense \(entry.entryId) is unreadable")
            }
            if existing == entry { return .alreadyRecorded }
            throw ExpenseRefusal.idTaken(id: entry.entryId, ledger: existing.summary, this: entry.summary).error
        }
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM expenses ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] as Int64? ?? 0) + 1
        let previous: String = last?["hash"] ?? ""
        let now = Ledger.timestamp()
        let postings = entry.postings()
        let hash = ExpenseEntry.hash(
            seq: seq, row: entry.columns(recordedBy: by, recordedAt: now), postings: postings, previous: previous)
        try db.execute(
            sql: """
                INSERT INTO expenses (seq, entry_id, kind, line, amount, date, payee, note, reverses, recorded_by,
                    recorded_at, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seq, entry.entryId, entry.kind.rawValue, entry.line, entry.amount.fen, entry.date.description, entry.payee,
                entry.note, entry.reverses, by, now, previous, hash,
            ])
        for (i, p) in postings.enumerated() {
            try db.execute(
                sql: "INSERT INTO expense_postings (seq, line, account, debit, credit) VALUES (?, ?, ?, ?, ?)",
                arguments: [seq, i + 1, p.account, p.debit, p.credit])
        }
        return .recorded
    }

    /// Each pool's balance carried forward from the closed term before this one (the spending journal's
    /// `opening` entries; never reversed), by pool id.
    static func carriedPools(_ db: Database) throws -> [String: Money] {
        var out: [String: Money] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT line, SUM(amount) AS fen FROM expenses WHERE kind = 'opening' GROUP BY line")
        {
            out[row["line"]] = Money(fen: row["fen"])
        }
        return out
    }

    /// Every expense not reversed, as the term computation's facts, in the order recorded.
    static func expenseFacts(_ db: Database) throws -> [ExpenseFact] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM expenses e WHERE kind = 'expense'
                  AND NOT EXISTS (SELECT 1 FROM expenses r WHERE r.reverses = e.entry_id)
                ORDER BY seq
                """
        ).compactMap { ExpenseEntry(row: $0)?.fact }
    }
}
