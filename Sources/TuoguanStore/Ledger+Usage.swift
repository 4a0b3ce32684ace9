import GRDB
import TuoguanCore

/// The usage functions as the money events called them before the reader (``LedgerReader/studentUsages(_:_:attendance:)``
/// and ``LedgerReader/usage(studentId:course:window:attendance:)`` do the work).
extension Ledger {
    /// One enrolment's window in a course: [from, until).
    struct UsageWindow {
        var course: Course
        var from: CivilDate
        var until: CivilDate?
    }

    /// ``LedgerReader/studentUsages(_:_:attendance:)`` in the caller's transaction.
    ///
    /// ```swift
    /// let (usages, schedules) = try studentUsages("S001", windows: [UsageWindow(course: x1, from: d, until: nil)], db: db)
    /// ```
    func studentUsages(_ studentId: String, windows: [UsageWindow], attendance: Bool = true, db: Database) throws
        -> (usages: [CourseUsage], schedules: [String: [CivilDate]])
    {
        try reader(db).studentUsages(
            studentId,
            windows.map {
                .init(course: $0.course, window: EnrolmentWindow.checked(from: $0.from, until: $0.until) ?? EnrolmentWindow(from: $0.from, until: $0.from))
            }, attendance: attendance)
    }

    /// One enrolment's usage in [from, until) and the course's schedule
    /// (``LedgerReader/usage(studentId:course:window:attendance:)``), in the caller's transaction.
    func usage(
        studentId: String, course: Course, from: CivilDate, until: CivilDate?, attendance: Bool = true, db: Database
    ) throws -> (usage: CourseUsage, schedule: [CivilDate]) {
        // A date before the first day (input the caller refuses) counts as an empty window, as it always did.
        let window = EnrolmentWindow.checked(from: from, until: until) ?? EnrolmentWindow(from: from, until: from)
        return try reader(db).usage(studentId: studentId, course: course, window: window, attendance: attendance)
    }

    /// A lesson's minutes: its session's own length, `lesson_minutes` for one without times.
    func lessonMinutes(_ length: Int64) -> Int64 { rules.lessonLength(length) }
}
