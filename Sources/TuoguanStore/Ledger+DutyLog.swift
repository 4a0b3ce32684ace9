import TuoguanCore

extension Ledger {
    /// Calls `body` with the duty log a day or a teacher at a time, in one read transaction
    /// (``LedgerReader/forEachDutyGroup(_:teacherId:_:)``): what the workload workbook writes as it reads.
    ///
    /// ```swift
    /// try ledger.forEachDutyGroup(.day) { day in print(day[0].date, day.count) }
    /// ```
    public func forEachDutyGroup(_ grouping: DutyLogGrouping, _ body: ([DutyRecord]) throws -> Void) throws {
        try reading { try $0.forEachDutyGroup(grouping, body) }
    }

    /// ``termFacts()`` with the refund register, in one read transaction: what the workbooks need besides the
    /// duty log, which they read a group at a time (``forEachDutyGroup(_:_:)``).
    ///
    /// ```swift
    /// let (facts, refunds) = try ledger.termFactsAndRefunds()
    /// ```
    public func termFactsAndRefunds() throws -> (facts: TermFacts, refunds: [RefundRecord]) {
        try reading { reader in (try reader.termFacts(), try reader.refundRegister()) }
    }
}
