import GRDB
import TuoguanCore

/// The duty log (the duties behind the teachers' points): held sessions of courses whose policy has a duty,
/// and the roster's duties. Read a group at a time, as the workload workbook writes it: reads only.
extension LedgerReader {
    /// Calls `body` with the duty log a day or a teacher at a time (``DutyLogGrouping``), each group in the
    /// log's order (``DutyRecord/logOrder(_:_:)``): one cursor, sorted by SQLite (whose sorter spills to disk),
    /// so only one group is in memory. `teacherId`: that teacher's duties only.
    ///
    /// ```swift
    /// try reader.forEachDutyGroup(.teacher) { duties in print(duties[0].teacherId, duties.count) }
    /// ```
    func forEachDutyGroup(
        _ grouping: DutyLogGrouping, teacherId: String? = nil, _ body: ([DutyRecord]) throws -> Void
    ) throws {
        let key = grouping == .day ? "date" : "teacher_id"
        // Within a group, the held sessions before the roster (`roster` 0, then 1): the order ties keep.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.date AS date, s.teacher_id AS teacher_id, NULL AS duty, s.course_id AS course_id,
                       c.name AS name, c.policy AS policy, s."end" - s.start AS minutes, 0 AS roster
                FROM sessions s JOIN courses c ON c.id = s.course_id
                WHERE (s.status = 'held' OR (s.status = 'scheduled' AND s.date < ?2)) AND (?1 IS NULL OR s.teacher_id = ?1)
                UNION ALL
                SELECT d.date, d.teacher_id, d.duty, d.course_id, c.name, NULL, COALESCE(c."end" - c.start, ?3), 1
                FROM duties d LEFT JOIN courses c ON c.id = d.course_id
                WHERE (?1 IS NULL OR d.teacher_id = ?1)
                ORDER BY \(key), roster
                """, arguments: [teacherId, asOf.description, rules.lessonMinutes])
        var group: [DutyRecord] = []
        var groupKey: String?
        func flush() throws {
            guard !group.isEmpty else { return }
            group.sort(by: DutyRecord.logOrder)
            try body(group)
            group.removeAll(keepingCapacity: true)
        }
        while let row = try rows.next() {
            let rowKey: String = row[key]
            if rowKey != groupKey {
                try flush()
                groupKey = rowKey
            }
            if let record = dutyRecord(row) { group.append(record) }
        }
        try flush()
    }

    /// A row of the log's query as a record; nil for a session whose course's policy has no duty, or a date
    /// that does not read.
    private func dutyRecord(_ row: Row) -> DutyRecord? {
        let roster = (row["roster"] as Int) == 1
        let duty: String? = roster ? row["duty"] : rules.policies[row["policy"] as String]?.duty
        guard let duty, let date = CivilDate(parsing: row["date"]) else { return nil }
        return DutyRecord(
            date: date, teacherId: row["teacher_id"], duty: duty, courseId: row["course_id"], courseName: row["name"],
            minutes: row["minutes"], source: roster ? .roster : .session)
    }

    /// The whole duty log (or one teacher's), in its order (``DutyRecord/logOrder(_:_:)``).
    func dutyLog(teacherId: String?) throws -> [DutyRecord] {
        var out: [DutyRecord] = []
        try forEachDutyGroup(.day, teacherId: teacherId) { out += $0 }
        return out
    }
}
