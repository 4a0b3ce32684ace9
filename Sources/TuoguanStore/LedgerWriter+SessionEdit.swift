import GRDB
import TuoguanCore

/// The writes of an edit of a session: its row, the tallies of the students with attendance at it, and the
/// course's history.
extension LedgerWriter {
    /// Writes the changes of one session and recounts the tallies of the students with attendance at it.
    /// Every field is filed in the course's history under the session's day as it was (`session:DATE:FIELD`),
    /// so the timetable knows it was edited; a move is filed under the new day too.
    ///
    /// ```swift
    /// let out = try writer.write(changes, of: session, course: "X0001", note: "李老师代课", by: "教导处")
    /// ```
    func write(_ changes: SessionChanges, of session: EditableSession, course: String, note: String, by: String) throws
        -> [MasterChange]
    {
        if let teacher = changes.teacherId {
            try db.execute(sql: "UPDATE sessions SET teacher_id = ? WHERE id = ?", arguments: [teacher, session.id])
        }
        try db.execute(
            sql: #"UPDATE sessions SET start = ?, "end" = ? WHERE id = ?"#, arguments: [changes.start, changes.end, session.id])
        if let moved = changes.movedTo {
            try db.execute(sql: "UPDATE sessions SET date = ? WHERE id = ?", arguments: [moved.description, session.id])
        }
        try db.execute(
            sql: "UPDATE sessions SET recorded_by = ?, recorded_at = ? WHERE id = ?", arguments: [by, Ledger.timestamp(), session.id])
        try recountUsage(session: session.id)
        var out = try changes.fields.map { field, old, new in
            try appendHistory(
                .course, subjectId: course, courseId: nil, field: "session:\(session.date):\(field)", old: old, new: new,
                note: note, by: by)
        }
        if let moved = changes.movedTo {
            out.append(
                try appendHistory(
                    .course, subjectId: course, courseId: nil, field: "session:\(moved):date", old: session.date.description,
                    new: moved.description, note: note, by: by))
        }
        return out
    }
}
