import GRDB
import TuoguanCore

extension Ledger {
    /// Corrects a payment, refund or expense by a reversing entry (`correctionId`), which mirrors its postings
    /// (an expense's reversal goes in the spending journal, see ``reverseExpense(entryId:correctionId:note:by:db:)``).
    /// Decided by ``ReversalDecision``.
    ///
    /// ```swift
    /// try ledger.reverse(entryId: "R001", correctionId: "C-R001", note: "wrong student", by: "clerk")
    /// ```
    public func reverse(entryId: String, correctionId: String, note: String, by: String) throws -> RecordOutcome {
        try record { writer in
            try reverse(entryId: entryId, correctionId: correctionId, note: note, by: by, credit: .zero, writer: writer)
        }
    }

    /// Read → decide → write, inside the caller's transaction. `credit` is money the same transaction pays in
    /// for the family (a replacing payment), counted when checking that refunds stay within payments.
    func reverse(
        entryId: String, correctionId: String, note: String, by: String, credit: Money, writer: LedgerWriter
    ) throws -> RecordOutcome {
        try requireId(correctionId, what: ("冲正编号", "correction id"))
        if let outcome = try reverseExpense(entryId: entryId, correctionId: correctionId, note: note, by: by, db: writer.db) {
            return outcome
        }
        let original = try writer.reader.requireJournalEntry(
            entryId,
            unknown: ("账本中没有编号为“\(entryId)”的缴费、退费或支出", "no payment, refund or expense with id \"\(entryId)\" in the ledger"))
        let facts = try writer.reader.reversalFacts(of: original, correctionId: correctionId, credit: credit)
        let decision = try decided { () throws(ReversalRefusal) in try ReversalDecision.decide(facts) }
        return try writer.write(decision, of: original, note: note, by: by)
    }
}
