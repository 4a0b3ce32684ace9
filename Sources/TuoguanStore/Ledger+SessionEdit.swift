import GRDB
import TuoguanCore

/// The fields of one session to change (nil: unchanged): the teacher who taught it (代课), its day (调课) or
/// its times.
///
/// ```swift
/// SessionEdit(teacherId: "T02")                                   // a substitute
/// SessionEdit(date: CivilDate(parsing: "2024-09-12"))             // moved to another day
/// ```
public struct SessionEdit: Sendable, Equatable {
    public var teacherId: String?
    public var date: CivilDate?
    public var start: Int?
    public var end: Int?
    public init(teacherId: String? = nil, date: CivilDate? = nil, start: Int? = nil, end: Int? = nil) {
        self.teacherId = teacherId
        self.date = date
        self.start = start
        self.end = end
    }
}

extension Ledger {
    /// Changes one session of `courseId` on `date`: its teacher (the workload points and pay follow whoever
    /// taught: they are counted from the sessions), its day or its times. Each changed field is kept in the
    /// course's history as `session:DATE:FIELD` (old, new, who, when, why); the tallies of the students with
    /// attendance at it are recounted in the same transaction (their minutes, their enrolment windows). A
    /// session so edited is never re-made by the timetable.
    ///
    /// Refused: a cancelled session (undo the cancellation first), a day outside the term or already taken by
    /// another session of the course, a day outside the enrolment of a student with attendance at it.
    ///
    /// ```swift
    /// try ledger.editSession(courseId: "X0001", date: d, SessionEdit(teacherId: "T02"), note: "王老师病假，李老师代课", by: "教导处")
    /// ```
    public func editSession(courseId: String, date: CivilDate, _ edit: SessionEdit, note: String, by: String) throws
        -> [MasterChange]
    {
        try requireNote(note)
        return try record { writer in
            let course = try writer.reader.requireCourse(courseId)
            let session = try writer.reader.editableSession(of: course.id, on: date)
            let changes = try sessionChanges(session, edit, course: course, reader: writer.reader)
            guard !changes.fields.isEmpty else { return [] }
            return try writer.write(changes, of: session, course: course.id, note: note, by: by)
        }
    }

    /// What an edit changes of a session, checked: the teacher exists, the end is after the start, a new day is
    /// one the session can move to (``LedgerReader/requireMovable(session:course:to:)``).
    func sessionChanges(_ session: EditableSession, _ edit: SessionEdit, course: Course, reader: LedgerReader) throws
        -> SessionChanges
    {
        var changes = SessionChanges(start: session.start, end: session.end)
        if let teacher = edit.teacherId, teacher != session.teacherId {
            try reader.requireTeacher(teacher, flag: "--teacher")
            changes.teacherId = teacher
            changes.fields.append(("teacher_id", session.teacherId, teacher))
        }
        let start = edit.start ?? session.start
        let end = edit.end ?? session.end
        guard end > start else {
            throw TuoguanError(
                .usage, zh: "结束时间 \(clock(end)) 应晚于开始时间 \(clock(start))",
                en: "end \(clock(end)) is not after start \(clock(start))",
                at: SourceLocation(key: edit.end != nil ? "--end" : "--start"))
        }
        (changes.start, changes.end) = (start, end)
        if start != session.start { changes.fields.append(("start", clock(session.start), clock(start))) }
        if end != session.end { changes.fields.append(("end", clock(session.end), clock(end))) }
        if let moved = edit.date, moved != session.date {
            try reader.requireMovable(session: session, course: course.id, to: moved)
            changes.movedTo = moved
            changes.fields.append(("date", session.date.description, moved.description))
        }
        return changes
    }
}

/// A session about to be edited, as recorded.
struct EditableSession {
    var id: Int64
    var date: CivilDate
    var start: Int
    var end: Int
    var teacherId: String
}

/// What an edit of a session writes: its teacher (nil: unchanged), its times, its new day (nil: unchanged), and
/// each changed field for the history as (field, old, new).
struct SessionChanges {
    var teacherId: String?
    var start: Int
    var end: Int
    var movedTo: CivilDate?
    var fields: [(field: String, old: String?, new: String?)] = []
}
