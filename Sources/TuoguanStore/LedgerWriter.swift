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

    /// The ledger's rules.
    var rules: PlanRules { ledger.rules }

    /// A reader in the same transaction: what is read sees what was written before it.
    var reader: LedgerReader { ledger.reader(db) }

    /// Appends a money journal entry (idempotent by id: ``RecordOutcome``).
    func append(_ entry: JournalEntry, by: String) throws -> RecordOutcome {
        try ledger.append(entry, by: by, db: db)
    }

    /// Appends an event (withdrawal, cancellation, undo …) whose id the caller checked is new.
    func appendEvent(_ event: LedgerEvent, by: String) throws {
        try ledger.appendEvent(event, by: by, db: db)
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
