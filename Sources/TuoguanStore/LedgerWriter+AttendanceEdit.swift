import GRDB
import TuoguanCore

/// The writes of a correction of attendance: each changed mark (its row, its session's tally, its history
/// row), then the recount of the enrolments' tallies.
extension LedgerWriter {
    /// Writes each mark whose status changes and recounts the enrolments touched; returns the changes in the
    /// order given. A new mark is written as an import writes it (in a batch of its own, the session held).
    ///
    /// ```swift
    /// let changes = try writer.write(marks: [mark.changed(to: "leave")], note: "家长补假条", by: "王老师")
    /// ```
    func write(marks: [Ledger.MarkTarget], note: String, by: String) throws -> [AttendanceChange] {
        var out: [AttendanceChange] = []
        var batch: Int64?
        for mark in marks where mark.old != mark.new {
            let oldCode = mark.old.flatMap(AttendanceCode.code)
            let newCode = mark.new.flatMap(AttendanceCode.code)
            switch (oldCode, newCode) {
            case (nil, let code?):
                if batch == nil { batch = try editBatch(by: by) }
                try db.execute(
                    sql: "INSERT INTO attendance (session_id, student_no, status, batch) VALUES (?, ?, ?, ?)",
                    arguments: [mark.session, mark.studentNo, code, batch])
                // A session of the timetable is held once its attendance is recorded (as at import).
                try db.execute(
                    sql: "UPDATE sessions SET status = 'held' WHERE id = ? AND status = ?",
                    arguments: [mark.session, SessionState.scheduled])
            case (_?, let code?):
                try db.execute(
                    sql: "UPDATE attendance SET status = ? WHERE session_id = ? AND student_no = ?",
                    arguments: [code, mark.session, mark.studentNo])
            case (_?, nil):
                try db.execute(
                    sql: "DELETE FROM attendance WHERE session_id = ? AND student_no = ?", arguments: [mark.session, mark.studentNo])
            case (nil, nil):
                continue
            }
            try adjustPresent(session: mark.session, by: (newCode == 0 ? 1 : 0) - (oldCode == 0 ? 1 : 0))
            try appendHistory(
                .enrollment, subjectId: mark.studentId, courseId: mark.courseId, field: AttendanceChange.field(mark.date),
                old: mark.old, new: mark.new, note: note, by: by)
            out.append(
                AttendanceChange(
                    studentId: mark.studentId, studentName: mark.studentName, courseId: mark.courseId, date: mark.date,
                    old: mark.old, new: mark.new))
        }
        try ledger.recountUsage(pairs: Array(Set(out.map { [$0.studentId, $0.courseId] })), db: db)
        return out
    }

    /// The import batch the new marks of one correction are recorded under.
    private func editBatch(by: String) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO import_batches (kind, file, recorded_by, recorded_at) VALUES ('attendance', 'edit attendance', ?, ?)",
            arguments: [by, Ledger.timestamp()])
        return db.lastInsertedRowID
    }

    /// Adds `delta` to the students counted present at a session (``Ledger/sessionTalliesTable``).
    private func adjustPresent(session: Int64, by delta: Int) throws {
        guard delta != 0 else { return }
        try db.execute(
            sql: """
                INSERT INTO session_tallies (session_id, present) VALUES (?, ?)
                ON CONFLICT (session_id) DO UPDATE SET present = present + excluded.present
                """, arguments: [session, delta])
        try db.execute(sql: "DELETE FROM session_tallies WHERE session_id = ? AND present = 0", arguments: [session])
    }
}
