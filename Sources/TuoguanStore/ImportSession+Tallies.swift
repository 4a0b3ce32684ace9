import GRDB
import TuoguanCore

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
        var windows: [AttendanceTally.Window] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT student_id, course_id, from_date, until_date FROM enrollments")
        while let row = try rows.next() {
            guard let from = CivilDate(parsing: row[2] as String) else { continue }
            let until = (row[3] as String?).flatMap(CivilDate.init(parsing:))
            windows.append(
                AttendanceTally.Window(student: row[0], course: row[1], from: from.dayNumber, until: until?.dayNumber ?? Int.max))
        }
        let made = try AttendanceTally(db: db, sessions: try Ledger.loadSessions(db: db), windows: windows)
        tally = made
        return made
    }
}
