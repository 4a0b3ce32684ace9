import GRDB
import TuoguanCore

extension LedgerReader {
    /// What an expense's decision needs: what its id names already and its pool's room now.
    ///
    /// ```swift
    /// let facts = try reader.expenseFacts(e)   // room: equipment's 5% of 400.03 = 20.00, nothing spent
    /// ```
    func expenseFacts(_ expense: ExpenseFact) throws -> ExpenseFacts {
        let entry = ExpenseEntry(
            entryId: expense.expenseId, kind: .expense, line: expense.line.key, amount: expense.amount, date: expense.date,
            payee: expense.payee, note: expense.note)
        var room: PoolRoom?
        if case .pool(let poolId) = expense.line { room = try poolRoom(poolId) }
        return ExpenseFacts(expense: expense, idInUse: try idUse(entry), room: room)
    }

    /// What a reversal of expense `entryId` by `correctionId` needs: the expense, what reversed it since, what
    /// the correction id names already. Nil when `entryId` is not in the spending journal.
    func expenseReversalFacts(entryId: String, correctionId: String, note: String) throws
        -> ExpenseReversalFacts?
    {
        guard let original = try spendingEntry(entryId) else { return nil }
        let kind: ExpenseReversalFacts.Kind
        switch original.kind {
        case .expense: kind = .expense
        case .reversal: kind = .reversal
        case .opening: kind = .opening
        }
        return ExpenseReversalFacts(
            entryId: entryId, kind: kind, line: original.line, amount: original.amount, correctionId: correctionId,
            reversedBy: try String.fetchOne(db, sql: "SELECT entry_id FROM expenses WHERE reverses = ?", arguments: [entryId]),
            idInUse: try idUse(original.reversal(id: correctionId, note: note)))
    }

    /// What `entry`'s id names already: an entry of the money journal, the same entry, or another one.
    func idUse(_ entry: ExpenseEntry) throws -> LedgerIdUse? {
        if let existing = try journalEntry(entry.entryId) {
            return .moneyJournal(summary: existing.summary)
        }
        guard let existing = try spendingEntry(entry.entryId) else { return nil }
        return existing == entry ? .sameEntry : .otherEntry(ledger: existing.summary, this: entry.summary)
    }

    /// The entry `entryId` of the spending journal, or nil.
    func spendingEntry(_ entryId: String) throws -> ExpenseEntry? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM expenses WHERE entry_id = ?", arguments: [entryId]) else {
            return nil
        }
        guard let entry = ExpenseEntry(row: row) else {
            throw TuoguanError(.ledgerTampered, zh: "支出 \(entryId) 无法读取", en: "expense \(entryId) is unreadable")
        }
        return entry
    }

    /// What pool `poolId` may spend now (``PoolRoom/of(_:collected:spent:carried:split:)``): the money
    /// collected less refunds, what the pool spent and what it carried in, read from the journals.
    func poolRoom(_ poolId: String) throws -> PoolRoom {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(CASE WHEN kind = 'payment' THEN amount END), 0) AS paid,
                       COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0) AS refunded
                FROM journal j WHERE kind IN ('payment', 'refund')
                  AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                """)
        let spent =
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(amount), 0) FROM expenses e WHERE line = ? AND kind = 'expense'
                      AND NOT EXISTS (SELECT 1 FROM expenses r WHERE r.reverses = e.entry_id)
                    """, arguments: [poolId]) ?? 0
        return try PoolRoom.of(
            poolId, collected: try Money(fen: row?["paid"] ?? 0) - Money(fen: row?["refunded"] ?? 0),
            spent: Money(fen: spent), carried: try carriedPools()[poolId] ?? .zero, split: rules.split)
    }

    /// Each pool's balance carried forward from the closed term before this one (the spending journal's
    /// `opening` entries; never reversed), by pool id.
    func carriedPools() throws -> [String: Money] {
        var out: [String: Money] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT line, SUM(amount) AS fen FROM expenses WHERE kind = 'opening' GROUP BY line")
        {
            out[row["line"]] = Money(fen: row["fen"])
        }
        return out
    }

    /// Every expense not reversed, as the term computation's facts, in the order recorded.
    func recordedExpenses() throws -> [ExpenseFact] {
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
