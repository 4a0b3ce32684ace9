import GRDB
import TuoguanCore

/// Writes the money decisions into the journal: a payment, a clerk's refund, a reversal, a one-step
/// correction's new payment. Idempotent by id (``append(_:by:)``): the same entry again is `.alreadyRecorded`,
/// another one under a used id a `.conflict` showing both.
extension LedgerWriter {
    /// The payment of `decision`.
    func write(_ decision: PaymentDecision, by: String) throws -> RecordOutcome {
        let p = decision.payment
        return try append(
            JournalEntry(entryId: p.receipt, kind: .payment, studentId: p.studentId, amount: p.amount, date: p.date, method: p.method),
            by: by)
    }

    /// The refund of `decision`, with what the request says besides its amount (course, lessons, date, method,
    /// note).
    func write(_ decision: RefundDecision, asked request: RefundRequest, by: String) throws -> RefundOutcome {
        let entry = JournalEntry(
            entryId: request.refundId, kind: .refund, studentId: request.studentId, courseId: request.courseId,
            amount: decision.amount, lessons: decision.lessons, date: request.date, method: request.method,
            reason: request.reason, note: request.note)
        let outcome = try append(entry, by: by)
        return RefundOutcome(outcome: outcome, amount: decision.amount, remainingRefundable: decision.remainingRefundable)
    }

    /// The reversal of `decision`: it mirrors `original` (its student, course, amount, lessons, date, method,
    /// reason and unit), with `note`.
    func write(_ decision: ReversalDecision, of original: JournalEntry, note: String, by: String) throws -> RecordOutcome {
        precondition(decision.entryId == original.entryId && decision.amount == original.amount, "the decision is of this entry")
        return try append(
            JournalEntry(
                entryId: decision.correctionId, kind: .reversal, studentId: original.studentId, courseId: original.courseId,
                amount: original.amount, lessons: original.lessons, date: original.date, method: original.method,
                reason: original.reason, note: note, reverses: original.entryId, unit: original.unit),
            by: by)
    }

    /// The new payment of a one-step correction: `original`'s student, date and method, the decided amount,
    /// under `receipt`, with `note`.
    func write(_ decision: ReplacementDecision, of original: JournalEntry, receipt: String, note: String, by: String) throws
        -> RecordOutcome
    {
        var entry = JournalEntry(
            entryId: receipt, kind: .payment, studentId: original.studentId, amount: decision.newAmount, date: original.date,
            method: original.method)
        entry.note = note
        return try append(entry, by: by)
    }
}
