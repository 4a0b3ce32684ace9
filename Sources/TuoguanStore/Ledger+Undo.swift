import GRDB
import TuoguanCore

/// What an undo did: the event it took back and the reversals of that event's refunds.
public struct UndoReport: Sendable, Equatable {
    /// "withdrawal" or "cancellation".
    public var kind: String
    public var eventId: String
    /// (reversal id, refund id, amount) for each refund the event had made.
    public var reversals: [(reversalId: String, refundId: String, amount: Money)]
    public var outcome: RecordOutcome

    public init(kind: String, eventId: String, reversals: [(reversalId: String, refundId: String, amount: Money)], outcome: RecordOutcome) {
        self.kind = kind
        self.eventId = eventId
        self.reversals = reversals
        self.outcome = outcome
    }

    public static func == (a: UndoReport, b: UndoReport) -> Bool {
        a.kind == b.kind && a.eventId == b.eventId && a.outcome == b.outcome
            && a.reversals.map { "\($0.reversalId)|\($0.refundId)|\($0.amount.fen)" }
                == b.reversals.map { "\($0.reversalId)|\($0.refundId)|\($0.amount.fen)" }
    }
}

extension Ledger {
    /// Undoes a withdrawal or a cancellation with all of its refunds, in one transaction: each refund is
    /// reversed (reversal id `<undoId>-<refundId>`), the enrolment runs to the term's end again or the sessions
    /// are as they were (a session still to come is removed, a held one is held again), and an `undo` event
    /// `undoId` is recorded. Nothing is edited in the money journal. The same `undoId` for the same event again
    /// is a no-op; undoing an event twice, or anything that is not a withdrawal or a cancellation, is an error
    /// (``UndoDecision``: which refunds are reversed, what is restored, the refusals).
    ///
    /// ```swift
    /// try ledger.undo(entryId: "W1", undoId: "U1", note: "书面申请撤回", by: "clerk")
    /// ```
    public func undo(entryId: String, undoId: String, note: String, by: String) throws -> UndoReport {
        try requireId(undoId, what: ("撤销编号", "undo id"))
        return try record { writer in
            if let again = try writer.reader.repeatedUndo(undoId: undoId, entryId: entryId) { return again }
            let facts = try writer.reader.undoFacts(undoId: undoId, entryId: entryId)
            let decision = try decided { () throws(UndoRefusal) in try UndoDecision.decide(facts) }
            return try writer.write(decision, note: note, by: by)
        }
    }
}
