/// How the duty log is handed out a group at a time (``DutyRecord/logOrder(_:_:)`` within each group), so that
/// a workbook reads it as it writes it and never holds the whole term's log.
///
/// ```swift
/// try ledger.forEachDutyGroup(.day) { day in for record in day { print(record.date, record.teacherId) } }
/// ```
public enum DutyLogGrouping: Sendable, Equatable {
    /// A day's duties, the days in order: the whole log in its order, a day at a time.
    case day
    /// A teacher's duties, the teachers in the order of their ids' UTF-8 bytes (SQLite's `BINARY`).
    case teacher
}

extension DutyRecord {
    /// The duty log's order: by date, teacher, duty, course. Records equal in all four keep the order they were
    /// read in (held sessions before roster entries).
    ///
    /// ```swift
    /// records.sort(by: DutyRecord.logOrder)
    /// ```
    public static func logOrder(_ a: DutyRecord, _ b: DutyRecord) -> Bool {
        (a.date, a.teacherId, a.duty, a.courseId ?? "") < (b.date, b.teacherId, b.duty, b.courseId ?? "")
    }
}
