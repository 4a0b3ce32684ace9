import GRDB
import TuoguanCore

extension Ledger {
    /// Records an expense paid from a pool of the split or a budget line (`subsidies`, `outside`). The same id
    /// with the same contents again is `.alreadyRecorded`; with other contents a `.conflict` showing both.
    /// A pool never spends more than its share of the money collected so far less refunds: an expense past
    /// it is refused (`spending-ceiling`), saying what is left (``ExpenseDecision``: the checks and the room).
    ///
    /// ```swift
    /// let out = try ledger.recordExpense(ExpenseFact(expenseId: "E001", line: .pool("equipment"),
    ///     amount: Money(fen: 30_000), date: CivilDate(parsing: "2024-10-08")!, payee: "文具店"), by: "clerk")
    /// out.poolLeft   // the equipment pool's 5% of what was collected, less 300.00
    /// ```
    public func recordExpense(_ expense: ExpenseFact, by: String) throws -> SpendOutcome {
        try record { writer in try writer.recordExpense(expense, by: by) }
    }

    /// What pool `poolId` may spend now (see ``PoolRoom``).
    ///
    /// ```swift
    /// try ledger.poolRoom("running_cost").left   // 5% of (payments − refunds) − spent
    /// ```
    public func poolRoom(_ poolId: String) throws -> PoolRoom {
        try reading { reader in try reader.poolRoom(poolId) }
    }

    /// ``LedgerWriter/recordExpense(_:by:)`` inside the caller's write transaction (an import's).
    func recordExpense(_ expense: ExpenseFact, by: String, db: Database) throws -> SpendOutcome {
        try LedgerWriter(ledger: self, db: db).recordExpense(expense, by: by)
    }

    /// ``LedgerWriter/reverseExpense(entryId:correctionId:note:by:)`` inside the caller's write transaction
    /// (`correct`'s); nil when `entryId` is not in the spending journal.
    func reverseExpense(entryId: String, correctionId: String, note: String, by: String, db: Database) throws
        -> RecordOutcome?
    {
        try LedgerWriter(ledger: self, db: db).reverseExpense(entryId: entryId, correctionId: correctionId, note: note, by: by)
    }
}
