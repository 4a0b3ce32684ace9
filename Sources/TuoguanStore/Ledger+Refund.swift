import GRDB
import TuoguanCore

extension Ledger {
    /// Records a refund by amount or by lessons, decided by ``RefundDecision`` (priced by ``RefundCalculator``):
    /// the course's policy decides whether the reason is refundable; a refund never exceeds what the family
    /// paid less what was refunded already, a refund for a course (which the student must take) never takes the
    /// refunds for it past the course's fee, and a settlement never leaves the family owing. A withdrawal's or a
    /// cancellation's refund is refused here: `withdraw` and `cancel` record it with the event.
    ///
    /// ```swift
    /// let out = try ledger.recordRefund(RefundRequest(refundId: "T1", studentId: "S001", courseId: "X1",
    ///     lessons: 2, date: CivilDate(parsing: "2024-10-08")!, reason: .settlement), by: "clerk")
    /// out.amount               // 2 × 20.00 = 40.00
    /// out.remainingRefundable  // paid − refunded after this one
    /// ```
    public func recordRefund(_ request: RefundRequest, by: String) throws -> RefundOutcome {
        try record { writer in try recordRefund(request, by: by, writer: writer) }
    }

    /// ``recordRefund(_:by:)`` inside the caller's transaction.
    func recordRefund(_ request: RefundRequest, by: String, db: Database) throws -> RefundOutcome {
        try recordRefund(request, by: by, writer: LedgerWriter(ledger: self, db: db))
    }

    /// Read → decide → write. The same id with the same contents again is `.alreadyRecorded` (its ceilings,
    /// which the first time used up, are not checked again); a different refund under it is a `.conflict`.
    func recordRefund(_ request: RefundRequest, by: String, writer: LedgerWriter) throws -> RefundOutcome {
        try requireId(request.refundId, what: ("退费编号", "refund id"))
        let facts = try writer.reader.refundFacts(request)
        let decision = try decided { () throws(RefundRefusal) in try RefundDecision.decide(facts, rules: rules) }
        return try writer.write(decision, asked: request, by: by)
    }
}
