import GRDB
import TuoguanCore

extension Ledger {
    /// Records a payment (one receipt). The same receipt with the same contents again is `.alreadyRecorded`;
    /// with different contents it is a `.conflict` that shows both.
    ///
    /// ```swift
    /// try ledger.recordPayment(PaymentFact(receipt: "R001", studentId: "S001", amount: Money(fen: 16000),
    ///                                      date: CivilDate(parsing: "2024-09-02")!, method: .wechat), by: "clerk")
    /// ```
    public func recordPayment(_ payment: PaymentFact, by: String) throws -> RecordOutcome {
        try record { writer in try recordPayment(payment, by: by, writer: writer) }
    }

    /// ``recordPayment(_:by:)`` inside the caller's transaction.
    func recordPayment(_ payment: PaymentFact, by: String, db: Database, assigningHeld: Bool = false) throws -> RecordOutcome {
        try recordPayment(payment, by: by, writer: LedgerWriter(ledger: self, db: db), assigningHeld: assigningHeld)
    }

    /// Read → decide → write: the receipt's id checked, the payment decided (``PaymentDecision``), the student
    /// looked up, the entry appended. `assigningHeld`: the payment is a held transfer being assigned
    /// (`assignHeld`), which takes it off the suspense list in the same transaction; any other payment under a
    /// held transfer's id is refused.
    func recordPayment(_ payment: PaymentFact, by: String, writer: LedgerWriter, assigningHeld: Bool = false) throws
        -> RecordOutcome
    {
        try requireId(payment.receipt, what: ("收据号", "receipt"))
        if !assigningHeld { try writer.reader.requireNotHeld(payment.receipt) }
        let facts = writer.reader.paymentFacts(payment)
        let decision = try decided { () throws(PaymentRefusal) in try PaymentDecision.decide(facts) }
        _ = try writer.reader.requireStudent(payment.studentId)
        return try writer.write(decision, by: by)
    }

    /// Warnings for a payment (recorded all the same, ``PaymentWarning``): dated outside the term, a student
    /// with no fee-bearing enrolment, and a payment that takes the family's payments past what the term's fees
    /// can reach (every fee-bearing course's full-term fee after waivers, less what was refunded).
    ///
    /// ```swift
    /// let warnings = try ledger.paymentWarnings(for: "S003")   // ["S003 takes no course that charges a fee …"]
    /// ```
    public func paymentWarnings(for studentId: String, dated date: CivilDate? = nil) throws -> [TuoguanError] {
        try reading { reader in
            var usages = LedgerReader.ReachUsages()
            let dated = date.flatMap { PaymentWarning.date($0, rules: rules) }
            return try ([dated].compactMap { $0 } + feeWarnings(for: studentId, usages: &usages, reader: reader)).map(\.error)
        }
    }

    /// The warning for a payment dated outside the term, if it is.
    func paymentDateWarning(_ date: CivilDate) -> TuoguanError? {
        PaymentWarning.date(date, rules: rules)?.error
    }

    /// The warnings of ``paymentWarnings(for:dated:)`` about the fees (none for an unknown student); `usages`
    /// keeps the full-term usages read, for the next family.
    func feeWarnings(for studentId: String, usages: inout LedgerReader.ReachUsages, reader: LedgerReader) throws
        -> [PaymentWarning]
    {
        guard let facts = try reader.paymentWarningFacts(studentId: studentId, usages: &usages) else { return [] }
        return try PaymentWarning.fees(facts, rules: rules)
    }
}
