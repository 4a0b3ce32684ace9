import GRDB
import TuoguanCore

// TEMPORARY (money engineer): the three reads of `LedgerReader+Usage.swift` and `LedgerReader+TermFacts.swift`
// (the rooms engineer's, not in main yet: `usage(studentId:course:window:attendance:)`, `termFacts(forStudent:)`,
// `termFacts()`), done by the old `Ledger` functions over the reader's transaction. When those land, the money
// facts call them instead and this file goes.
extension LedgerReader {
    /// A `Ledger` with no file of its own whose `db:` functions run on this reader's transaction.
    private func bridge() throws -> Ledger {
        let ledger = Ledger(writer: try DatabaseQueue(), path: "", rules: rules, readOnly: true, busyTimeout: 0)
        ledger.asOf = asOf
        return ledger
    }

    func moneyUsage(studentId: String, course: Course, window: EnrolmentWindow, attendance: Bool = true) throws
        -> (usage: CourseUsage, schedule: [CivilDate])
    {
        try bridge().usage(studentId: studentId, course: course, from: window.from, until: window.until, attendance: attendance, db: db)
    }

    func moneyTermFacts(forStudent id: String) throws -> TermFacts? { try bridge().termFacts(forStudent: id, db: db) }

    func moneyTermFacts() throws -> TermFacts { try bridge().termFacts(db) }
}
