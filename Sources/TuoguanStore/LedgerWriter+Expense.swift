import GRDB
import TuoguanCore

extension Ledger {
    /// Writes an expense as decided: appended to the spending journal, or nothing when it was recorded already.
    ///
    /// ```swift
    /// let out = try write(decision, by: "clerk", db: db)   // .recorded, the pool's 19.00 left
    /// ```
    func write(_ decision: ExpenseDecision, by: String, db: Database) throws -> SpendOutcome {
        guard decision.outcome == .record else { return SpendOutcome(outcome: .alreadyRecorded, poolLeft: decision.poolLeft) }
        let expense = decision.expense
        let entry = ExpenseEntry(
            entryId: expense.expenseId, kind: .expense, line: expense.line.key, amount: expense.amount, date: expense.date,
            payee: expense.payee, note: expense.note)
        return SpendOutcome(outcome: try appendExpense(entry, by: by, db: db), poolLeft: decision.poolLeft)
    }

    /// Writes the reversal of an expense as decided: the expense mirrored under the correction's id.
    func write(_ decision: ExpenseReversalDecision, note: String, by: String, db: Database) throws -> RecordOutcome {
        guard decision.outcome == .record else { return .alreadyRecorded }
        guard let original = try spendingEntry(decision.reverses, db: db) else {
            throw TuoguanError(.ledgerTampered, zh: "支出 \(decision.reverses) 无法读取", en: "expense \(decision.reverses) is unreadable")
        }
        let reversal = original.reversal(id: decision.correctionId, note: note)
        precondition(reversal.amount == decision.amount && reversal.line == decision.line, "a reversal mirrors its expense")
        return try appendExpense(reversal, by: by, db: db)
    }
}
