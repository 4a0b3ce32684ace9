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

    /// The sheet of the marks this import adds, made at the first (after the tally, whose enrolments it
    /// indexes): ``finish()`` writes them into the ledger before the tallies.
    func attendanceMarks() throws -> AttendanceMarkSheet {
        if let marks { return marks }
        let made = try AttendanceMarkSheet(db: db, tally: attendanceTally())
        marks = made
        return made
    }
}
