import GRDB
import TuoguanCore

/// Reads the facts a decision needs, inside one transaction (a read, or the write transaction of a
/// ``LedgerWriter``). It never writes: a money event reads through it, a pure core function decides, and the
/// ``LedgerWriter`` writes the decision.
///
/// Lookups (a student, a course, an enrolment's window, an event, a family's totals) are in
/// `LedgerReader+Lookup.swift`; the facts of each money event in `LedgerReader+<Event>Facts.swift`.
///
/// ```swift
/// let student = try ledger.reading { reader in try reader.requireStudent("S001") }
/// ```
struct LedgerReader {
    /// The open transaction.
    let db: Database
    /// The ledger's rules.
    let rules: PlanRules
    /// The day the term is read as of (scheduled sessions before it count as held).
    let asOf: CivilDate
}

extension Ledger {
    /// A reader over `db` with this ledger's rules and day.
    func reader(_ db: Database) -> LedgerReader {
        LedgerReader(db: db, rules: rules, asOf: asOf)
    }

    /// Runs `work` with a ``LedgerReader`` in one read transaction.
    ///
    /// ```swift
    /// let window = try ledger.reading { try $0.enrolment(studentId: "S001", courseId: "X1") }
    /// ```
    func reading<T>(_ work: (LedgerReader) throws -> T) throws -> T {
        try read { db in try work(reader(db)) }
    }

    /// Runs `work` with a ``LedgerWriter`` in one write transaction, committed when `work` returns and rolled
    /// back when it throws: the only way to get a writer. `whenClosed`: the work may run on a closed ledger
    /// (the reopening itself). `dryRun`: always rolled back (the same code path, nothing kept).
    /// `referencesChecked`: see ``write(referencesChecked:whenClosed:_:)``.
    ///
    /// ```swift
    /// try ledger.record { writer in try writer.append(entry, by: "clerk") }
    /// ```
    func record<T>(
        dryRun: Bool = false, referencesChecked: Bool = false, whenClosed: Bool = false, _ work: (LedgerWriter) throws -> T
    ) throws -> T {
        let write = { (db: Database) in try work(LedgerWriter(ledger: self, db: db)) }
        return dryRun
            ? try writeAndRollBack(referencesChecked: referencesChecked, write)
            : try self.write(referencesChecked: referencesChecked, whenClosed: whenClosed, write)
    }
}
