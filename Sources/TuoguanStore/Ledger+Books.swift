import GRDB
import TuoguanCore

/// What `tuoguan export` reads of the ledger, all in one read transaction (one consistent state): the term's
/// facts, the money records as ``BookRecord``s in date order, their first and last days, and the payees of
/// the spending. The records are read through cursors, one at a time.
///
/// ```swift
/// try ledger.readBooks { source in
///     let facts = try source.termFacts()
///     try source.forEachRecord { record in print(Books.transaction(for: record)) }
/// }
/// ```
public struct BookSource {
    let ledger: Ledger
    let db: Database

    /// The term's facts (``Ledger/termFacts()``), in this read.
    public func termFacts() throws -> TermFacts { try ledger.reader(db).termFacts() }

    /// The first and last day of any money record (payments, refunds, expenses and their corrections, the
    /// transfers held).
    public func recordDates() throws -> (first: CivilDate?, last: CivilDate?) {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT MIN(d), MAX(d) FROM (SELECT MIN(date) AS d FROM journal UNION ALL SELECT MAX(date) FROM journal
                    UNION ALL SELECT MIN(date) FROM expenses UNION ALL SELECT MAX(date) FROM expenses
                    UNION ALL SELECT MIN(date) FROM transfers t \(Self.stillHeld)
                    UNION ALL SELECT MAX(date) FROM transfers t \(Self.stillHeld))
                """)
        return ((row?[0] as String?).flatMap(CivilDate.init(parsing:)), (row?[1] as String?).flatMap(CivilDate.init(parsing:)))
    }

    /// Every (line, payee) of the spending journal, reversed expenses included, in byte order.
    public func expensePayees() throws -> [(line: SpendingLine, payee: String)] {
        try Row.fetchAll(db, sql: "SELECT DISTINCT line, payee FROM expenses ORDER BY line, payee").map {
            (SpendingLine(parsing: $0[0]), $0[1])
        }
    }

    /// Every money record in date order, corrections included: the money journal, the spending journal and the
    /// transfers held on the suspense list, each in the order recorded (on one day in that order).
    public func forEachRecord(_ body: (BookRecord) throws -> Void) throws {
        let money = try Row.fetchCursor(db, sql: "SELECT * FROM journal ORDER BY date, seq")
        let spending = try Row.fetchCursor(db, sql: "SELECT * FROM expenses ORDER BY date, seq")
        let held = try Row.fetchCursor(db, sql: "SELECT t.* FROM transfers t \(Self.stillHeld) ORDER BY t.date, t.transfer_id")
        let original = try db.makeStatement(sql: "SELECT * FROM journal WHERE entry_id = ?")
        let originalExpense = try db.makeStatement(sql: "SELECT * FROM expenses WHERE entry_id = ?")
        let streams: [() throws -> (date: CivilDate, record: BookRecord)?] = [
            { try money.next().map { try record(journal: $0, originals: original) } },
            { try spending.next().map { try record(expense: $0, originals: originalExpense) } },
            { try held.next().map { try record(held: $0) } },
        ]
        var heads = try streams.indices.map { try streams[$0]() }
        // The earliest head next; on one day the first stream's.
        while let next = heads.indices.filter({ heads[$0] != nil }).min(by: { heads[$0]!.date < heads[$1]!.date }) {
            try body(heads[next]!.record)
            heads[next] = try streams[next]()
        }
    }

    /// The transfers on the suspense list and neither assigned nor returned (``Ledger/heldTransfers()``).
    static let stillHeld = """
        WHERE t.transfer_id IN (SELECT transfer_id FROM suspense)
          AND NOT EXISTS (SELECT 1 FROM suspense_resolutions r WHERE r.transfer_id = t.transfer_id)
        """

    private func record(held row: Row) throws -> (date: CivilDate, record: BookRecord) {
        guard let transfer = Ledger.transfer(row) else { throw unreadable(row["transfer_id"]) }
        return (transfer.date, .held(transfer))
    }

    private func record(journal row: Row, originals: Statement) throws -> (date: CivilDate, record: BookRecord) {
        guard let entry = JournalEntry(row: row) else { throw unreadable(row["entry_id"]) }
        var original: JournalEntry?
        if let reverses = entry.reverses {
            original = try Row.fetchOne(originals, arguments: [reverses]).flatMap(JournalEntry.init(row:))
        }
        guard let record = Self.bookRecord(entry, original: original) else { throw unreadable(entry.entryId) }
        return (entry.date, record)
    }

    private func record(expense row: Row, originals: Statement) throws -> (date: CivilDate, record: BookRecord) {
        guard let entry = ExpenseEntry(row: row) else { throw unreadable(row["entry_id"]) }
        switch entry.kind {
        case .expense:
            return (entry.date, .expense(entry.fact))
        case .opening:
            return (
                entry.date,
                .poolOpening(id: entry.entryId, pool: entry.line, amount: entry.amount, date: entry.date, note: entry.payee))
        case .reversal:
            guard let reverses = entry.reverses,
                let original = try Row.fetchOne(originals, arguments: [reverses]).flatMap(ExpenseEntry.init(row:))
            else { throw unreadable(entry.entryId) }
            return (entry.date, .reversal(id: entry.entryId, date: entry.date, note: entry.note, original: .expense(original.fact)))
        }
    }

    /// A journal entry as the books read it: one case per kind of entry (no default, so a new kind is added
    /// here). Nil for a reversal whose original is missing (`verify` reports such a ledger).
    static func bookRecord(_ entry: JournalEntry, original: JournalEntry?) -> BookRecord? {
        switch entry.kind {
        case .payment:
            return .payment(
                PaymentFact(
                    receipt: entry.entryId, studentId: entry.studentId, amount: entry.amount, date: entry.date,
                    method: entry.method ?? .cash), note: entry.note)
        case .refund:
            return .refund(
                RefundFact(
                    refundId: entry.entryId, studentId: entry.studentId, courseId: entry.courseId, amount: entry.amount,
                    lessons: entry.lessons, date: entry.date, reason: entry.reason ?? .settlement, note: entry.note,
                    unit: entry.unit))
        case .opening:
            guard let side = entry.side else { return nil }
            let signed = side == .arrears ? entry.amount : Money(fen: 0 - entry.amount.fen)
            return .opening(
                OpeningFact(entryId: entry.entryId, studentId: entry.studentId, amount: signed, date: entry.date, note: entry.note))
        case .reversal:
            guard let original, original.kind != .reversal, original.kind != .opening, let reversed = bookRecord(original, original: nil) else { return nil }
            return .reversal(id: entry.entryId, date: entry.date, note: entry.note, original: reversed)
        }
    }

    private func unreadable(_ id: String) -> TuoguanError {
        TuoguanError(
            .ledgerTampered, zh: "账目 \(id) 无法读取", en: "entry \(id) is unreadable",
            fix: LocalizedText(zh: "运行 tuoguan verify 查看账本", en: "run tuoguan verify to check the ledger"))
    }
}

extension Ledger {
    /// Runs `work` with the ledger's books (``BookSource``) in one read transaction.
    public func readBooks<T>(_ work: (BookSource) throws -> T) throws -> T {
        try reading { reader in try work(BookSource(ledger: self, db: reader.db)) }
    }
}
