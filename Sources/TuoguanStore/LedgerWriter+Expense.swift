import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Records an expense: the facts read, the core's decision (``ExpenseDecision``), the decision written.
    ///
    /// ```swift
    /// try ledger.record { writer in try writer.recordExpense(e, by: "clerk") }
    /// ```
    func recordExpense(_ expense: ExpenseFact, by: String) throws -> SpendOutcome {
        try ledger.requireId(expense.expenseId, what: ("支出编号", "expense id"))
        let facts = try reader.expenseFacts(expense)
        let decision = try decided { () throws(ExpenseRefusal) in try ExpenseDecision.decide(facts, rules: rules) }
        return try write(decision, by: by)
    }

    /// Reverses expense `entryId` by `correctionId` (``ExpenseReversalDecision``); nil when `entryId` is not in
    /// the spending journal.
    func reverseExpense(entryId: String, correctionId: String, note: String, by: String) throws -> RecordOutcome? {
        guard let facts = try reader.expenseReversalFacts(entryId: entryId, correctionId: correctionId, note: note) else {
            return nil
        }
        let decision = try decided { () throws(ExpenseRefusal) in try ExpenseReversalDecision.decide(facts) }
        return try write(decision, note: note, by: by)
    }

    /// Writes an expense as decided: appended to the spending journal, or nothing when it was recorded already.
    ///
    /// ```swift
    /// let out = try writer.write(decision, by: "clerk")   // .recorded, the pool's 19.00 left
    /// ```
    func write(_ decision: ExpenseDecision, by: String) throws -> SpendOutcome {
        guard decision.outcome == .record else { return SpendOutcome(outcome: .alreadyRecorded, poolLeft: decision.poolLeft) }
        let expense = decision.expense
        let entry = ExpenseEntry(
            entryId: expense.expenseId, kind: .expense, line: expense.line.key, amount: expense.amount, date: expense.date,
            payee: expense.payee, note: expense.note)
        return SpendOutcome(outcome: try ledger.appendExpense(entry, by: by, db: db), poolLeft: decision.poolLeft)
    }

    /// Writes the reversal of an expense as decided: the expense mirrored under the correction's id.
    func write(_ decision: ExpenseReversalDecision, note: String, by: String) throws -> RecordOutcome {
        guard decision.outcome == .record else { return .alreadyRecorded }
        guard let original = try reader.spendingEntry(decision.reverses) else {
            throw TuoguanError(.ledgerTampered, zh: "支出 \(decision.reverses) 无法读取", en: "expense \(decision.reverses) is unreadable")
        }
        let reversal = original.reversal(id: decision.correctionId, note: note)
        precondition(reversal.amount == decision.amount && reversal.line == decision.line, "a reversal mirrors its expense")
        return try ledger.appendExpense(reversal, by: by, db: db)
    }
}
