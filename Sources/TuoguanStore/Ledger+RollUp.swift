import GRDB
import TuoguanCore

/// What the district's roll-up reads of one school's ledger, in one read transaction: the term's facts (from
/// the tallies: no attendance row is read), the chains' check and the ledger's head.
public struct LedgerRollUp: Sendable {
    public var facts: TermFacts
    public var verify: VerifyReport
    /// The closing's hash when the ledger is closed, else the money journal's last hash.
    public var head: String
    public var closed: Bool
}

extension Ledger {
    /// Reads the facts and checks the hash chains of the money journal, the spending journal and the events,
    /// all in one read transaction. The tallies are not recounted (that reads every attendance row: `verify`).
    ///
    /// ```swift
    /// let row = try ledger.rollUp()
    /// row.verify.ok   // the chains are intact
    /// ```
    public func rollUp() throws -> LedgerRollUp {
        try reading { reader in
            let facts = try reader.termFacts()
            let report = try verify(reader.db)
            if let closing = try reader.closing() {
                return LedgerRollUp(facts: facts, verify: report, head: closing.head, closed: true)
            }
            let head = try reader.chainHeads().journal
            return LedgerRollUp(facts: facts, verify: report, head: head, closed: false)
        }
    }
}
