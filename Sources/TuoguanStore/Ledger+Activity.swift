import GRDB
import TuoguanCore

/// One thing done to the ledger, for the history page: who did what, when, why.
///
/// ```swift
/// let last = try ledger.activity(limit: 10)
/// last[0].what      // "payment"
/// last[0].ref       // "R0001"
/// ```
public struct LedgerActivity: Sendable, Equatable {
    /// `payment`, `refund`, `reversal`, `expense`, `withdrawal`, `cancellation`, `undo`, `edit`, `import`,
    /// `account`, `approval`.
    public var what: String
    /// The entry's id (a receipt, a refund, an event, a field's subject, an imported file …).
    public var ref: String
    /// What it touched: the student or the course, the amount in fen where there is one.
    public var subject: String
    public var amountFen: Int64?
    /// The note kept with it (why), or the detail (an import's kind, an edit's field and values).
    public var note: String
    public var recordedBy: String
    /// UTC, as stored.
    public var recordedAt: String
    /// The money journal's entry number, for journal entries (`账本第 172 笔`).
    public var journalSeq: Int64?
    /// The spending journal's and the events' entry numbers, for their entries.
    public var expenseSeq: Int64?
    public var eventSeq: Int64?

    /// Whether this was recorded after the ledger's `point` (an approval's): a later entry of one of the chains.
    public func isAfter(_ point: LedgerPoint) -> Bool {
        if let s = journalSeq { return s > Int64(point.journalEntries) }
        if let s = expenseSeq { return s > Int64(point.expenseEntries) }
        if let s = eventSeq { return s > Int64(point.eventEntries) }
        return false
    }
}

extension Ledger {
    /// The latest `limit` things done to the ledger, newest first, from every append-only record: the money
    /// journal, the spending journal, the events, the history of corrections, the imports, the accounts' log
    /// and the approvals.
    public func activity(limit: Int = 100, offset: Int = 0) throws -> [LedgerActivity] {
        try reading { reader in try reader.activity(limit: limit, offset: offset) }
    }

    /// The marks recorded for a course's session on a day: student id → `present`, `leave` or `absent`
    /// (students without a mark are absent from the dictionary; no session: empty).
    public func attendanceMarks(courseId: String, date: CivilDate) throws -> [String: String] {
        try reading { reader in try reader.attendanceMarks(courseId: courseId, date: date) }
    }

    /// A fingerprint of what the ledger holds: the last entry of every append-only record (the money journal,
    /// the spending journal, the events, the history of corrections, the imports, the approvals). Every write of tuoguan appends
    /// to one of them in the same transaction, so two equal fingerprints mean the same facts: a reader (the web
    /// page) may keep a term computation for as long as the fingerprint stays the same.
    public func fingerprint() throws -> String {
        try reading { reader in try reader.fingerprint() }
    }
}
