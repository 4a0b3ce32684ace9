import GRDB
import TuoguanCore

/// The writes of master data: a changed field and its history row (old, new, who, when, why), the history's
/// hash chain, and what follows a change (a course's timetable, an enrolment's tallies).
extension LedgerWriter {
    /// Writes the `changes` that differ from the stored row, each with a history row; returns those.
    ///
    /// ```swift
    /// try writer.write([("class", "三(3)班")], to: .student, table: "students", key: [("id", "S1")], subjectId: "S1",
    ///                  courseId: nil, note: "转班", by: "会计")
    /// ```
    func write(
        _ changes: FieldChanges, to subject: MasterSubject, table: String, key: [(String, DatabaseValueConvertible?)],
        subjectId: String, courseId: String?, note: String, by: String
    ) throws -> [MasterChange] {
        guard !changes.isEmpty else { return [] }
        let whereClause = key.map { "\"\($0.0)\" = ?" }.joined(separator: " AND ")
        let keyArguments = StatementArguments(key.map { $0.1 })
        let columns = changes.map { "\"\($0.column)\"" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM \(table) WHERE \(whereClause)", arguments: keyArguments)
        else { return [] }
        var out: [MasterChange] = []
        for (i, (column, value)) in changes.enumerated() {
            let stored = row[i] as DatabaseValue
            let new = value?.databaseValue ?? .null
            guard stored != new else { continue }
            try db.execute(
                sql: "UPDATE \(table) SET \"\(column)\" = ?, recorded_by = ?, recorded_at = ? WHERE \(whereClause)",
                arguments: StatementArguments([new, by, Ledger.timestamp()] as [DatabaseValueConvertible?]) + keyArguments)
            out.append(
                try appendHistory(
                    subject, subjectId: subjectId, courseId: courseId, field: column, old: Self.historyText(stored, column),
                    new: Self.historyText(new, column), note: note, by: by))
        }
        return out
    }

    /// Writes a course's changes; a course with a timetable has its sessions still to come with nothing
    /// recorded follow a change of its weekdays, times or teacher.
    func write(course id: String, _ changes: FieldChanges, note: String, by: String) throws -> [MasterChange] {
        let out = try write(
            changes, to: .course, table: "courses", key: [("id", id)], subjectId: id, courseId: nil, note: note, by: by)
        if out.contains(where: { ["weekdays", "start", "end", "teacher_id"].contains($0.field) }),
            try reader.hasTimetable(id)
        {
            _ = try remakeTimetable(of: reader.requireCourse(id), by: by)
        }
        return out
    }

    /// Writes an enrolment's new dates and recounts its tallies.
    func write(enrollment student: String, course: String, _ changes: FieldChanges, note: String, by: String) throws
        -> [MasterChange]
    {
        let recorded = try write(
            changes, to: .enrollment, table: "enrollments", key: [("student_id", student), ("course_id", course)],
            subjectId: student, courseId: course, note: note, by: by)
        try recountUsage(student: student, course: course)
        return recorded
    }

    /// Appends one change of master data to the history (old, new, who, when, why), chained to the last one.
    @discardableResult
    func appendHistory(
        _ subject: MasterSubject, subjectId: String, courseId: String?, field: String, old: String?, new: String?,
        note: String, by: String
    ) throws -> MasterChange {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM history ORDER BY seq DESC LIMIT 1")
        let change = MasterChange(
            seq: (last?["seq"] as Int64? ?? 0) + 1, subject: subject, subjectId: subjectId, courseId: courseId, field: field,
            oldValue: old, newValue: new, note: note, recordedBy: by, recordedAt: Ledger.timestamp())
        let previous: String = last?["hash"] ?? ""
        try db.execute(
            sql: """
                INSERT INTO history (seq, subject, subject_id, course_id, field, old_value, new_value, note, recorded_by,
                    recorded_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                change.seq, subject.rawValue, subjectId, courseId, field, old, new, note, by, change.recordedAt, previous,
                Ledger.historyHash(change, previous: previous),
            ])
        return change
    }

    /// A stored value as the history shows it: times as `16:30`, nothing as nil.
    static func historyText(_ value: DatabaseValue, _ column: String) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return column == "start" || column == "end" ? clock(Int(i)) : String(i)
        case .string(let s): return s
        case .double(let d): return String(d)
        case .blob: return nil
        }
    }
}
