import GRDB
import TuoguanCore
import TuoguanInput

/// Corrections of attendance, kept like master data: each changed mark is one row of the history (subject the
/// enrolment, field `attendance DATE`, old, new, who, when, why), append-only and hash-chained. The tallies are
/// recounted in the same transaction and the money follows at the next computation (a charge settled by use
/// changes). What money already depends on is refused, saying what to do first: a recorded mark of an
/// enrolment whose withdrawal is in force (its refund was computed from the marks), refunds for the course
/// past its fee after the change, or a leave taken away that a refund for personal leave was given for. (A new mark inside the enrolment is added as an import adds it.)
extension Ledger {
    /// Sets (or with `status` nil removes) one student's mark in a course on a day. Returns the change, or nil
    /// when the mark was already so (nothing recorded). `status`: `present`, `leave` or `absent`, or any
    /// word of the attendance sheets (`√`, `假`, `×` …).
    ///
    /// ```swift
    /// try ledger.editAttendance(student: "S1", course: "X1", date: d, status: "假", note: "家长补假条", by: "王老师")
    /// ```
    public func editAttendance(
        student: String, course: String, date: CivilDate, status: String?, note: String, by: String
    ) throws -> AttendanceChange? {
        try requireNote(note)
        let new = try status.map(Self.attendanceStatus)
        return try record { writer in
            let mark = try writer.reader.mark(student: student, course: course, date: date, adding: new != nil)
            guard mark.old != new else { return nil }
            return try applyMarkChanges([mark.changed(to: new)], note: note, by: by, writer: writer).first
        }
    }

    /// Sets the marks of one session at once (a class teacher's entry page: every student of the course on a
    /// day), all or nothing: each student's status (nil removes the mark), returning the marks that changed
    /// (added, changed or removed) in the order given. The same checks and history as
    /// ``editAttendance(student:course:date:status:note:by:)``; the first refusal undoes them all.
    ///
    /// ```swift
    /// let changed = try ledger.editAttendance(course: "X1", date: d, marks: [("S1", "√"), ("S2", "假")],
    ///                                         note: "班主任录入", by: "王老师")
    /// ```
    public func editAttendance(
        course: String, date: CivilDate, marks: [(student: String, status: String?)], note: String, by: String
    ) throws -> [AttendanceChange] {
        try requireNote(note)
        let wanted = try marks.map { ($0.student, try $0.status.map(Self.attendanceStatus)) }
        return try record { writer in
            var targets: [MarkTarget] = []
            var seen: Set<String> = []
            for (student, status) in wanted {
                guard seen.insert(student).inserted else {
                    throw TuoguanError(
                        .duplicate, zh: "学生 \(student) 在这一天出现了两次", en: "student \(student) appears twice for this day",
                        fix: LocalizedText(zh: "每个学生只给一个考勤", en: "give each student one mark"), excerpt: student)
                }
                let mark = try writer.reader.mark(student: student, course: course, date: date, adding: status != nil)
                if mark.old != status { targets.append(mark.changed(to: status)) }
            }
            return try applyMarkChanges(targets, note: note, by: by, writer: writer)
        }
    }

    /// The canonical status of an attendance word; a usage error listing the words otherwise.
    static func attendanceStatus(_ word: String) throws -> String {
        if let status = SchoolWords.attendanceStatus(word) { return status }
        throw TuoguanError(
            .usage, zh: "考勤状态“\(word)”无法识别", en: "attendance status \"\(word)\" is not known",
            fix: LocalizedText(
                zh: "应为 出勤（√、到）、请假（假）、缺勤（×、缺），或 无（删去这条考勤）",
                en: "use present (√), leave (假), absent (×), or none to remove the mark"),
            at: SourceLocation(key: "--status"), excerpt: word)
    }

    /// A mark as found in the ledger, about to change.
    struct MarkTarget {
        var session: Int64
        var studentNo: Int64
        var studentId: String
        var studentName: String
        var courseId: String
        var date: CivilDate
        var old: String?
        var new: String?

        func changed(to status: String?) -> MarkTarget {
            var copy = self
            copy.new = status
            return copy
        }
    }

    /// Writes each change, then decides whether money lets the new marks stay, in the caller's transaction
    /// (so a refusal leaves nothing): a recorded mark of an enrolment whose withdrawal is in force is refused
    /// first (the reader), then the writer writes the marks and recounts, the reader reads what
    /// ``AttendanceEditDecision`` needs, and the core refuses refunds past the course's fee or a leave taken
    /// away that a refund for personal leave was given for.
    ///
    /// ```swift
    /// let changes = try applyMarkChanges([mark.changed(to: "absent")], note: "更正", by: "王老师", writer: writer)
    /// ```
    func applyMarkChanges(_ marks: [MarkTarget], note: String, by: String, writer: LedgerWriter) throws
        -> [AttendanceChange]
    {
        // A new mark is what an import adds; a recorded one changed or removed is what a withdrawal's refund
        // was computed from.
        for mark in marks where mark.old != mark.new && mark.old != nil { try writer.reader.requireNoWithdrawalInForce(mark) }
        let changes = try writer.write(marks: marks, note: note, by: by)
        let facts = try writer.reader.attendanceEditFacts(changes)
        _ = try decided { () throws(AttendanceEditRefusal) in try AttendanceEditDecision.decide(facts, rules: rules) }
        return changes
    }

    /// ``applyMarkChanges(_:note:by:writer:)`` in an import's write transaction (`import attendance --replace`).
    func applyMarkChanges(_ marks: [MarkTarget], note: String, by: String, db: Database) throws -> [AttendanceChange] {
        try applyMarkChanges(marks, note: note, by: by, writer: LedgerWriter(ledger: self, db: db))
    }
}
