import GRDB

extension ImportSession {
    /// The counter of the attendance rows this import inserts, made at the first: every session and
    /// enrolment of the ledger, with their windows. ``finish()`` adds what it counted into the ledger's tallies,
    /// in the import's transaction.
    ///
    /// ```swift
    /// try session.attendanceTally().add(session: 7, studentNo: 1, code: 0)
    /// ```
    func attendanceTally() throws -> AttendanceTally {
        if let tally { return tally }
        let made = try Ledger.wholeTally(db)
        tally = made
        return made
    }
}
