import GRDB
import TuoguanCore

/// Writes a decision into the ledger: journal entries, events, the history of master data, and the recounts
/// that follow. The only type that writes; it exists only inside ``Ledger/record(whenClosed:_:)``'s write
/// transaction, so everything it writes for one event commits (or rolls back) together.
///
/// ```swift
/// try ledger.record { writer in
///     let facts = try writer.reader.withdrawalFacts(studentId: "S001", courseId: "X1", on: day)
///     let decision = try decided { try WithdrawalDecision.decide(facts, rules: writer.rules) }
///     return try writer.write(decision, refundId: "W1", by: "clerk")
/// }
/// ```
struct LedgerWriter {
    /// The ledger written to (its rules, its day, its file).
    let ledger: Ledger
    /// The open write transaction.
    let db: Database
    /// The journal's last entry kept from one append to the next, when the caller holds the whole transaction
    /// and appends only through this writer (an import of payments); nil: read before each append.
    var journalHead: JournalHead? = nil

    /// The ledger's rules.
    var rules: PlanRules { ledger.rules }

    /// A reader in the same transaction: what is read sees what was written before it.
    var reader: LedgerReader { ledger.reader(db) }

    /// Appends a money journal entry (idempotent by id: ``RecordOutcome``).
    func append(_ entry: JournalEntry, by: String) throws -> RecordOutcome {
        try ledger.append(entry, by: by, db: db, head: journalHead)
    }

    /// Recounts the tallies of one enrolment after its window or marks changed.
    func recountUsage(student: String, course: String) throws {
        try ledger.recountUsage(student: student, course: course, db: db)
    }

    /// Recounts the tallies of every enrolment a session touches after its status changed.
    func recountUsage(session id: Int64) throws {
        try ledger.recountUsage(session: id, db: db)
    }
}

/// The money journal's last entry (its sequence number and hash, what the next entry links to) as the
/// transaction left it: read at the first append, then set by each append (see ``LedgerWriter/journalHead``).
/// An append by another way in the same transaction would leave it behind; the next entry's sequence number
/// would then be taken, and SQLite refuses it (the chain never forks silently).
///
/// ```swift
/// let writer = LedgerWriter(ledger: ledger, db: db, journalHead: JournalHead())
/// ```
final class JournalHead {
    private var last: (seq: Int64, hash: String)?

    /// The last entry's sequence number and hash (0 and "" for an empty journal).
    func current(_ db: Database) throws -> (seq: Int64, hash: String) {
        if let last { return last }
        let read = try Ledger.journalHead(db)
        last = read
        return read
    }

    /// After an entry was appended.
    func advance(seq: Int64, hash: String) { last = (seq, hash) }
}
