import GRDB
import TuoguanCore

/// The usage function as the money events called it before the reader
/// (``LedgerReader/usage(studentId:course:window:attendance:)`` does the work).
extension Ledger {
    /// One enrolment's usage in [from, until) and the course's schedule
    /// (``LedgerReader/usage(studentId:course:window:attendance:)``), in the caller's transaction.
    func usage(
        studentId: String, course: Course, from: CivilDate, until: CivilDate?, attendance: Bool = true, db: Database
    ) throws -> (usage: CourseUsage, schedule: [CivilDate]) {
        // A date before the first day (input the caller refuses) counts as an empty window, as it always did.
        let window = EnrolmentWindow.checked(from: from, until: until) ?? EnrolmentWindow(from: from, until: from)
        return try reader(db).usage(studentId: studentId, course: course, window: window, attendance: attendance)
    }
}
