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
        return SpendOutcome(outcome: try appendExpense(entry, by: by), poolLeft: decision.poolLeft)
    }

    /// Writes the reversal of an expense as decided: the expense mirrored under the correction's id.
    func write(_ decision: ExpenseReversalDecision, note: String, by: String) throws -> RecordOutcome {
        guard decision.outcome == .record else { return .alreadyRecorded }
        guard let original = try reader.spendingEntry(decision.reverses) else {
            throw TuoguanError(.ledgerTampered, zh: "支出 \(decision.reverses) 无法读取", en: "expense \(decision.reverses) is unreadable")
        }
        let reversal = original.reversal(id: decision.correctionId, note: note)
        precondition(reversal.amount == decision.amount && reversal.line == decision.line, "a reversal mirrors its expense")
        return try appendExpense(reversal, by: by)
    }

    /// Appends `entry` to the spending journal unless an entry with its id exists: same contents →
    /// `.alreadyRecorded`; different → `.conflict` showing both versions.
    func appendExpense(_ entry: ExpenseEntry, by: String) throws -> RecordOutcome {
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
}
