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
