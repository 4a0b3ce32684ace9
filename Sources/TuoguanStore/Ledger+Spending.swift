import GRDB
import TuoguanCore
import TuoguanInput

extension Ledger {
    /// Records an expense paid from a pool of the split or a budget line (`subsidies`, `outside`). The same id
    /// with the same contents again is `.alreadyRecorded`; with other contents a `.conflict` showing both.
    /// A pool never spends more than its share of the money collected so far less refunds: an expense past
    /// it is refused (`spending-ceiling`), saying what is left.
    ///
    /// ```swift
    /// let out = try ledger.recordExpense(ExpenseFact(expenseId: "E001", line: .pool("equipment"),
    ///     amount: Money(fen: 30_000), date: CivilDate(parsing: "2024-10-08")!, payee: "文具店"), by: "clerk")
    /// out.poolLeft   // the equipment pool's 5% of what was collected, less 300.00
    /// ```
    public func recordExpense(_ expense: ExpenseFact, by: String) throws -> SpendOutcome {
        try write { db in try recordExpense(expense, by: by, db: db) }
    }

    func recordExpense(_ expense: ExpenseFact, by: String, db: Database) throws -> SpendOutcome {
        try requireId(expense.expenseId, what: ("支出编号", "expense id"))
        if expense.amount.isNegative || expense.amount.isZero {
            throw TuoguanError(
                .badInput, zh: "支出金额必须大于零：\(expense.amount.formatted())",
                en: "an expense must be more than zero: \(expense.amount.formatted())",
                fix: LocalizedText(zh: "更正已登记的支出请用 tuoguan correct", en: "to correct a recorded expense use tuoguan correct"),
                excerpt: expense.amount.formatted())
        }
        if expense.date < rules.starts || expense.date > rules.ends {
            throw TuoguanError(
                .badInput, zh: "支出日期 \(expense.date) 不在本学期内，应在 \(rules.starts) 至 \(rules.ends) 之间",
                en: "expense date \(expense.date) is outside the term: expected \(rules.starts) to \(rules.ends)",
                excerpt: expense.date.description)
        }
        if expense.payee.trimmedSpaces.isEmpty {
            throw TuoguanError(
                .badInput, zh: "支出 \(expense.expenseId) 没有收款方", en: "expense \(expense.expenseId) has no payee",
                fix: LocalizedText(zh: "写明钱付给了谁（教师、商店、机构）", en: "say who was paid (a teacher, a shop, an institution)"),
                excerpt: expense.expenseId)
        }
        try requirePoolOrLine(expense.line)
        try requireIdFreeInMoneyJournal(expense.expenseId, db: db)
        let entry = ExpenseEntry(
            entryId: expense.expenseId, kind: .expense, line: expense.line.key, amount: expense.amount, date: expense.date,
            payee: expense.payee, note: expense.note)
        guard case .pool(let poolId) = expense.line else {
            return SpendOutcome(outcome: try appendExpense(entry, by: by, db: db), poolLeft: nil)
        }
        // Same id, same contents: nothing to do (checked before the ceiling, which the first time used up).
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM expenses WHERE entry_id = ?", arguments: [expense.expenseId]) ?? false {
            let outcome = try appendExpense(entry, by: by, db: db)
            return SpendOutcome(outcome: outcome, poolLeft: try poolRoom(poolId, db: db).left)
        }
        let room = try poolRoom(poolId, db: db)
        if expense.amount > room.left {
            let pool = rules.split.pools.first { $0.id == poolId }!
            throw TuoguanError(
                .spendingCeiling,
                zh: "支出 \(expense.amount.formatted()) 超过资金池“\(pool.name)”（\(pool.id)）可支出的余额：实收减退费 \(room.collected.formatted())，按 \(pool.percentText)% 分得 \(room.share.formatted())，已支出 \(room.spent.formatted())，最多还可支出 \(max(Money.zero, room.left).formatted())",
                en: "expense of \(expense.amount.formatted()) exceeds what is left in pool \(pool.id) (\(pool.name)): collected less refunds \(room.collected.formatted()), its \(pool.percentText)% share \(room.share.formatted()), spent \(room.spent.formatted()), at most \(max(Money.zero, room.left).formatted()) left",
                fix: LocalizedText(
                    zh: "一个资金池的支出不能超过它在已收款项（减去退费）中的份额；等收到更多款项，或减少金额",
                    en: "a pool cannot spend more than its share of the money collected less refunds; wait for more payments, or spend less"),
                excerpt: expense.expenseId)
        }
        let outcome = try appendExpense(entry, by: by, db: db)
        return SpendOutcome(outcome: outcome, poolLeft: try room.left - expense.amount)
    }

    /// What pool `poolId` may spend now (see ``PoolRoom``).
    ///
    /// ```swift
    /// try ledger.poolRoom("running_cost").left   // 5% of (payments − refunds) − spent
    /// ```
    public func poolRoom(_ poolId: String) throws -> PoolRoom {
        try read { db in try poolRoom(poolId, db: db) }
    }

    func poolRoom(_ poolId: String, db: Database) throws -> PoolRoom {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(CASE WHEN kind = 'payment' THEN amount END), 0) AS paid,
                       COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0) AS refunded
                FROM journal j WHERE kind IN ('payment', 'refund')
                  AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                """)
        let collected = try Money(fen: row?["paid"] ?? 0) - Money(fen: row?["refunded"] ?? 0)
        let shares = try Allocation.largestRemainder(
            collected, weights: rules.split.pools.map { (key: $0.id, weight: $0.basisPoints) })
        let spent =
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(amount), 0) FROM expenses e WHERE line = ? AND kind = 'expense'
                      AND NOT EXISTS (SELECT 1 FROM expenses r WHERE r.reverses = e.entry_id)
                    """, arguments: [poolId]) ?? 0
        var room = PoolRoom(collected: collected, share: shares[poolId] ?? .zero, spent: Money(fen: spent))
        room.carried = try Self.carriedPools(db)[poolId] ?? .zero
        return room
    }

    /// Refuses a pool that is not in the split (budget lines are always known).
    func requirePoolOrLine(_ line: SpendingLine) throws {
        try rules.requirePoolOrLine(line)
    }

    /// Refuses an expense id that a payment, refund or their correction already uses.
    func requireIdFreeInMoneyJournal(_ id: String, db: Database) throws { try reader(db).requireIdFreeInMoneyJournal(id) }

    /// Appends `entry` to the spending journal unless an entry with its id exists: same contents →
    /// `.alreadyRecorded`; different → `.conflict` showing both versions.
    func appendExpense(_ entry: ExpenseEntry, by: String, db: Database) throws -> RecordOutcome {
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM expenses WHERE entry_id = ?", arguments: [entry.entryId]) {
            guard let existing = ExpenseEntry(row: row) else {
                throw TuoguanError(.ledgerTampered, zh: "支出 \(entry.entryId) 无法读取", en: "expense \(entry.entryId) is unreadable")
            }
            if existing == entry { return .alreadyRecorded }
            throw TuoguanError(
                .conflict,
                zh: "编号 \(entry.entryId) 已登记为不同的内容：账本中为 \(existing.summary)；本次为 \(entry.summary)",
                en: "id \(entry.entryId) is already recorded with different contents: ledger has \(existing.summary); this one is \(entry.summary)",
                fix: LocalizedText(
                    zh: "如果原记录有误，用 tuoguan correct 冲销后以新编号登记；否则换一个编号",
                    en: "if the recorded entry is wrong, reverse it with tuoguan correct and record again under a new id; otherwise use another id"),
                excerpt: entry.entryId)
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

    /// Reverses expense `entryId` by `correctionId`; nil when `entryId` is not in the spending journal.
    func reverseExpense(entryId: String, correctionId: String, note: String, by: String, db: Database) throws
        -> RecordOutcome?
    {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM expenses WHERE entry_id = ?", arguments: [entryId]) else {
            return nil
        }
        guard let original = ExpenseEntry(row: row) else {
            throw TuoguanError(.ledgerTampered, zh: "支出 \(entryId) 无法读取", en: "expense \(entryId) is unreadable")
        }
        if original.kind == .reversal {
            throw TuoguanError(
                .badInput, zh: "“\(entryId)”本身是冲正，不能再冲正", en: "\"\(entryId)\" is itself a reversal and cannot be reversed",
                fix: LocalizedText(zh: "需要时重新登记原来的支出（用新编号）", en: "record the original expense again under a new id if needed"),
                excerpt: entryId)
        }
        if original.kind == .opening {
            throw TuoguanError(
                .badInput, zh: "“\(entryId)”是从上学期结转的余额，不能冲正（它与上学期已结账的账本对应）",
                en: "\"\(entryId)\" is a balance carried in from the closed term before and cannot be reversed (it matches that closed ledger)",
                fix: LocalizedText(
                zh: "如结转有误：在上学期账本上 reopen、更正、再 close，然后重新 init --from",
                en: "if the carried balance is wrong: reopen the last term's ledger, correct it, close it again, then init --from again"),
                excerpt: entryId)
        }
        if let other = try String.fetchOne(db, sql: "SELECT entry_id FROM expenses WHERE reverses = ?", arguments: [entryId]),
            other != correctionId
        {
            throw TuoguanError(
                .conflict, zh: "“\(entryId)”已由“\(other)”冲正", en: "\"\(entryId)\" was already reversed by \"\(other)\"",
                excerpt: entryId)
        }
        try requireIdFreeInMoneyJournal(correctionId, db: db)
        return try appendExpense(
            ExpenseEntry(
                entryId: correctionId, kind: .reversal, line: original.line, amount: original.amount, date: original.date,
                payee: original.payee, note: note, reverses: entryId), by: by, db: db)
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

extension Ledger {
    /// Refuses a payment, refund or correction id that an expense or its correction already uses.
    func requireIdFreeInSpendingJournal(_ id: String, db: Database) throws {
        try reader(db).requireIdFreeInSpendingJournal(id)
    }
}
