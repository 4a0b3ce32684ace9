/// What the store read for one expense (`tuoguan spend`): the expense as asked, what its id is used for
/// already, and its pool's room now. Everything the decision needs, nothing else.
///
/// ```swift
/// let facts = ExpenseFacts(expense: e, idInUse: nil, room: PoolRoom(collected: c, share: s, spent: .zero))
/// ```
public struct ExpenseFacts: Sendable, Equatable {
    public var expense: ExpenseFact
    /// What the expense's id already names in the ledger (nil: nothing).
    public var idInUse: LedgerIdUse?
    /// The room of the expense's pool before it (nil for a budget line).
    public var room: PoolRoom?

    public init(expense: ExpenseFact, idInUse: LedgerIdUse?, room: PoolRoom?) {
        self.expense = expense
        self.idInUse = idInUse
        self.room = room
    }
}

/// What an id of the spending journal already names: the store's id check, summaries as the journals
/// print them.
public enum LedgerIdUse: Sendable, Equatable {
    /// An entry of the money journal (payment, refund, their correction).
    case moneyJournal(summary: String)
    /// An entry of the spending journal with the same contents: recording it again is a no-op.
    case sameEntry
    /// An entry of the spending journal with other contents: `ledger` as recorded, `this` as asked.
    case otherEntry(ledger: String, this: String)
}

/// What an expense writes: the expense (or nothing, when the same one was recorded already), and what its
/// pool has left after it (nil for a budget line).
public struct ExpenseDecision: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable { case record, alreadyRecorded }
    public var outcome: Outcome
    public var expense: ExpenseFact
    public var poolLeft: Money?

    public init(outcome: Outcome, expense: ExpenseFact, poolLeft: Money?) {
        self.outcome = outcome
        self.expense = expense
        self.poolLeft = poolLeft
    }
}

/// Why an expense or its reversal is refused.
public enum ExpenseRefusal: DecisionRefusal, Equatable {
    case notPositive(amount: Money)
    case outsideTerm(date: CivilDate, starts: CivilDate, ends: CivilDate)
    case noPayee(expenseId: String)
    /// A pool not in `[split]`: `error` is ``PlanRules/unknownPool(_:)``.
    case unknownPool(TuoguanError)
    case idInMoneyJournal(id: String, summary: String)
    case idTaken(id: String, ledger: String, this: String)
    /// More than the pool's room (``PoolRoom``).
    case overPoolRoom(expense: ExpenseFact, pool: Pool, room: PoolRoom)
    case reversalOfReversal(entryId: String)
    case reversalOfOpening(entryId: String)
    case alreadyReversed(entryId: String, by: String)
}

extension ExpenseDecision {
    /// Decides an expense: refuses a non-positive amount, a date outside the term, no payee, an unknown pool,
    /// an id used by another entry, and more than the pool's room; the same expense again is a no-op.
    ///
    /// ```swift
    /// // 400.03 collected; the quality award's 20% is 80.01; 80.00 spent leaves 0.01:
    /// let d = try ExpenseDecision.decide(facts, rules: rules)
    /// d.poolLeft   // 0.01
    /// ```
    public static func decide(_ facts: ExpenseFacts, rules: PlanRules) throws(ExpenseRefusal) -> ExpenseDecision {
        let expense = facts.expense
        try requireWellFormed(expense, rules: rules)
        switch facts.idInUse {
        case .moneyJournal(let summary)?: throw .idInMoneyJournal(id: expense.expenseId, summary: summary)
        case .otherEntry(let ledger, let this)?: throw .idTaken(id: expense.expenseId, ledger: ledger, this: this)
        case .sameEntry?:
            // Checked before the room, which the first time used up.
            return ExpenseDecision(outcome: .alreadyRecorded, expense: expense, poolLeft: facts.room?.left)
        case nil: break
        }
        guard case .pool(let poolId) = expense.line, let room = facts.room,
            let pool = rules.split.pools.first(where: { $0.id == poolId })
        else { return ExpenseDecision(outcome: .record, expense: expense, poolLeft: nil) }
        if expense.amount > room.left { throw .overPoolRoom(expense: expense, pool: pool, room: room) }
        // (No overflow: 0 < amount ≤ room.left.)
        let left = Money(fen: room.left.fen - expense.amount.fen)
        let decision = ExpenseDecision(outcome: .record, expense: expense, poolLeft: left)
        // A pool never spends past its room: what it has left after the expense is never below zero, and
        // the expense plus what is left is the room before it.
        precondition(!left.isNegative && left.fen + expense.amount.fen == room.left.fen, "an expense stays within its pool's room")
        return decision
    }

    /// Refuses an expense that is not one: not more than zero, outside the term, paid to nobody, from a pool
    /// the rules do not have.
    static func requireWellFormed(_ expense: ExpenseFact, rules: PlanRules) throws(ExpenseRefusal) {
        if expense.amount.isNegative || expense.amount.isZero { throw .notPositive(amount: expense.amount) }
        if expense.date < rules.starts || expense.date > rules.ends {
            throw .outsideTerm(date: expense.date, starts: rules.starts, ends: rules.ends)
        }
        if expense.payee.trimmedSpaces.isEmpty { throw .noPayee(expenseId: expense.expenseId) }
        if case .pool(let id) = expense.line, !rules.split.pools.contains(where: { $0.id == id }) {
            throw .unknownPool(rules.unknownPool(id))
        }
    }
}

/// What the store read for the reversal of an expense (`tuoguan correct --entry E1 --id K1`).
public struct ExpenseReversalFacts: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case expense, reversal
        /// A pool's balance carried in from the closed term before.
        case opening
    }
    /// The entry to reverse, as recorded.
    public var entryId: String
    public var kind: Kind
    public var line: String
    public var amount: Money
    public var correctionId: String
    /// The entry that reverses it already, if any.
    public var reversedBy: String?
    /// What `correctionId` already names (nil: nothing).
    public var idInUse: LedgerIdUse?

    public init(
        entryId: String, kind: Kind, line: String, amount: Money, correctionId: String, reversedBy: String?,
        idInUse: LedgerIdUse?
    ) {
        self.entryId = entryId
        self.kind = kind
        self.line = line
        self.amount = amount
        self.correctionId = correctionId
        self.reversedBy = reversedBy
        self.idInUse = idInUse
    }
}

/// What the reversal of an expense writes: an entry `correctionId` mirroring `reverses` (same line, same
/// amount), or nothing when it was recorded already.
public struct ExpenseReversalDecision: Sendable, Equatable {
    public var outcome: ExpenseDecision.Outcome
    public var correctionId: String
    public var reverses: String
    public var line: String
    public var amount: Money

    /// Decides the reversal of an expense: a correction or a carried balance cannot be reversed; an expense
    /// reversed by another id, or a correction id used by another entry, is a conflict; the same reversal
    /// again is a no-op.
    ///
    /// ```swift
    /// let d = try ExpenseReversalDecision.decide(facts)   // K1 reverses E1: equipment, 10.00
    /// ```
    public static func decide(_ facts: ExpenseReversalFacts) throws(ExpenseRefusal) -> ExpenseReversalDecision {
        switch facts.kind {
        case .reversal: throw .reversalOfReversal(entryId: facts.entryId)
        case .opening: throw .reversalOfOpening(entryId: facts.entryId)
        case .expense: break
        }
        if let other = facts.reversedBy, other != facts.correctionId {
            throw .alreadyReversed(entryId: facts.entryId, by: other)
        }
        var outcome = Outcome.record
        switch facts.idInUse {
        case .moneyJournal(let summary)?: throw .idInMoneyJournal(id: facts.correctionId, summary: summary)
        case .otherEntry(let ledger, let this)?: throw .idTaken(id: facts.correctionId, ledger: ledger, this: this)
        case .sameEntry?: outcome = .alreadyRecorded
        case nil: break
        }
        let decision = ExpenseReversalDecision(
            outcome: outcome, correctionId: facts.correctionId, reverses: facts.entryId, line: facts.line, amount: facts.amount)
        // A reversal equals what it reverses: same line, same amount, once.
        precondition(decision.amount == facts.amount && decision.line == facts.line, "a reversal mirrors its expense")
        precondition(outcome == .alreadyRecorded || facts.reversedBy == nil, "an expense is reversed once")
        return decision
    }

    public typealias Outcome = ExpenseDecision.Outcome
}

extension ExpenseRefusal {
    /// The user's message, word for word as the ledger has always given it.
    public var error: TuoguanError {
        switch self {
        case .notPositive(let amount):
            return TuoguanError(
                .badInput, zh: "支出金额必须大于零：\(amount.formatted())", en: "an expense must be more than zero: \(amount.formatted())",
                fix: LocalizedText(zh: "更正已登记的支出请用 tuoguan correct", en: "to correct a recorded expense use tuoguan correct"),
                excerpt: amount.formatted())
        case .outsideTerm(let date, let starts, let ends):
            return TuoguanError(
                .badInput, zh: "支出日期 \(date) 不在本学期内，应在 \(starts) 至 \(ends) 之间",
                en: "expense date \(date) is outside the term: expected \(starts) to \(ends)", excerpt: date.description)
        case .noPayee(let expenseId):
            return TuoguanError(
                .badInput, zh: "支出 \(expenseId) 没有收款方", en: "expense \(expenseId) has no payee",
                fix: LocalizedText(zh: "写明钱付给了谁（教师、商店、机构）", en: "say who was paid (a teacher, a shop, an institution)"),
                excerpt: expenseId)
        case .unknownPool(let error):
            return error
        case .idInMoneyJournal(let id, let summary):
            return TuoguanError(
                .conflict, zh: "编号 \(id) 已用于一笔收退款：\(summary)", en: "id \(id) is already used in the money journal: \(summary)",
                fix: LocalizedText(zh: "支出换一个编号", en: "give the expense another id"), excerpt: id)
        case .idTaken(let id, let ledger, let this):
            return TuoguanError(
                .conflict, zh: "编号 \(id) 已登记为不同的内容：账本中为 \(ledger)；本次为 \(this)",
                en: "id \(id) is already recorded with different contents: ledger has \(ledger); this one is \(this)",
                fix: LocalizedText(
                    zh: "如果原记录有误，用 tuoguan correct 冲销后以新编号登记；否则换一个编号",
                    en: "if the recorded entry is wrong, reverse it with tuoguan correct and record again under a new id; otherwise use another id"),
                excerpt: id)
        case .overPoolRoom(let expense, let pool, let room):
            return overPoolRoomError(expense, pool: pool, room: room)
        case .reversalOfReversal(let entryId):
            return TuoguanError(
                .badInput, zh: "“\(entryId)”本身是冲正，不能再冲正", en: "\"\(entryId)\" is itself a reversal and cannot be reversed",
                fix: LocalizedText(zh: "需要时重新登记原来的支出（用新编号）", en: "record the original expense again under a new id if needed"),
                excerpt: entryId)
        case .reversalOfOpening(let entryId):
            return TuoguanError(
                .badInput, zh: "“\(entryId)”是从上学期结转的余额，不能冲正（它与上学期已结账的账本对应）",
                en: "\"\(entryId)\" is a balance carried in from the closed term before and cannot be reversed (it matches that closed ledger)",
                fix: LocalizedText(
                    zh: "如结转有误：在上学期账本上 reopen、更正、再 close，然后重新 init --from",
                    en: "if the carried balance is wrong: reopen the last term's ledger, correct it, close it again, then init --from again"),
                excerpt: entryId)
        case .alreadyReversed(let entryId, let by):
            return TuoguanError(
                .conflict, zh: "“\(entryId)”已由“\(by)”冲正", en: "\"\(entryId)\" was already reversed by \"\(by)\"", excerpt: entryId)
        }
    }

    func overPoolRoomError(_ expense: ExpenseFact, pool: Pool, room: PoolRoom) -> TuoguanError {
        let most = max(Money.zero, room.left).formatted()
        return TuoguanError(
            .spendingCeiling,
            zh: "支出 \(expense.amount.formatted()) 超过资金池“\(pool.name)”（\(pool.id)）可支出的余额：实收减退费 \(room.collected.formatted())，按 \(pool.percentText)% 分得 \(room.share.formatted())，已支出 \(room.spent.formatted())，最多还可支出 \(most)",
            en: "expense of \(expense.amount.formatted()) exceeds what is left in pool \(pool.id) (\(pool.name)): collected less refunds \(room.collected.formatted()), its \(pool.percentText)% share \(room.share.formatted()), spent \(room.spent.formatted()), at most \(most) left",
            fix: LocalizedText(
                zh: "一个资金池的支出不能超过它在已收款项（减去退费）中的份额；等收到更多款项，或减少金额",
                en: "a pool cannot spend more than its share of the money collected less refunds; wait for more payments, or spend less"),
            excerpt: expense.expenseId)
    }
}
