import GRDB
import TuoguanCore

// TEMPORARY (money engineer): the three reads of `LedgerReader+Usage.swift` and `LedgerReader+TermFacts.swift`
// (the rooms engineer's, not in main yet) with the same names, done by the old `Ledger` functions over the
// reader's transaction. Delete this file when those land: they declare the same functions.
extension LedgerReader {
    /// A `Ledger` with no file of its own whose `db:` functions run on this reader's transaction.
    private func bridge() throws -> Ledger {
        let ledger = Ledger(writer: try DatabaseQueue(), path: "", rules: rules, readOnly: true, busyTimeout: 0)
        ledger.asOf = asOf
        return ledger
    }

    func usage(studentId: String, course: Course, window: EnrolmentWindow, attendance: Bool = true) throws
        -> (usage: CourseUsage, schedule: [CivilDate])
    {
        try bridge().usage(studentId: studentId, course: course, from: window.from, until: window.until, attendance: attendance, db: db)
    }

    func termFacts(forStudent id: String) throws -> TermFacts? { try bridge().termFacts(forStudent: id, db: db) }

    func termFacts() throws -> TermFacts { try bridge().termFacts(db) }
}
