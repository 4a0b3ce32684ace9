import Crypto
import GRDB
import TuoguanCore

/// Corrections of recorded master data, with history: every changed field is one row of `history` (old value,
/// new value, who, when, why), append-only and hash-chained. Nothing is overwritten without a trace; the
/// figures follow at the next computation (a category change re-prices the student's waivers). What money
/// already depends on is refused, saying why and what to do instead.
///
/// ```swift
/// let changes = try ledger.editStudent("S1", StudentEdit(category: .some("left_behind")), note: "低保证明", by: "会计")
/// let history = try ledger.history(of: .student, id: "S1")
/// ```
extension Ledger {
    static let historySchema = """
        CREATE TABLE history (
            seq INTEGER PRIMARY KEY,
            subject TEXT NOT NULL CHECK (subject IN ('student', 'teacher', 'course', 'enrollment')),
            subject_id TEXT NOT NULL,
            course_id TEXT,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            note TEXT NOT NULL,
            recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
            prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
        CREATE INDEX history_subject ON history(subject_id);
        CREATE TRIGGER history_no_update BEFORE UPDATE ON history
            BEGIN SELECT RAISE(ABORT, 'the history of master data is append-only'); END;
        CREATE TRIGGER history_no_delete BEFORE DELETE ON history
            BEGIN SELECT RAISE(ABORT, 'the history of master data is append-only'); END;
        """

    // MARK: - Edits

    /// Corrects a student's name, grade, class or category. Returns the fields that changed (empty: all were
    /// already so). A category under which a course would cost less than was refunded for it is refused.
    ///
    /// ```swift
    /// try ledger.editStudent("S1", StudentEdit(grade: 4, className: "四(1)班"), note: "升级", by: "会计")
    /// ```
    public func editStudent(_ id: String, _ edit: StudentEdit, note: String, by: String) throws -> [MasterChange] {
        try requireNote(note)
        return try record { writer in
            let student = try writer.reader.requireStudent(id)
            let changes = try studentChanges(student, edit, reader: writer.reader)
            return try writer.write(
                changes, to: .student, table: "students", key: [("id", id)], subjectId: id, courseId: nil, note: note, by: by)
        }
    }

    /// Corrects a teacher's name or kind.
    ///
    /// ```swift
    /// try ledger.editTeacher("T1", TeacherEdit(name: "王芳"), note: "姓名录错", by: "会计")
    /// ```
    public func editTeacher(_ id: String, _ edit: TeacherEdit, note: String, by: String) throws -> [MasterChange] {
        try requireNote(note)
        return try record { writer in
            try writer.reader.requireTeacher(id, flag: nil)
            let changes = try teacherChanges(edit)
            return try writer.write(
                changes, to: .teacher, table: "teachers", key: [("id", id)], subjectId: id, courseId: nil, note: note, by: by)
        }
    }

    /// Corrects a course's name, teacher, fee policy, times or capacity. The policy and the weekdays cannot change
    /// once a refund of the course was recorded: the refund was priced under the old ones.
    ///
    /// ```swift
    /// try ledger.editCourse("X1", CourseEdit(teacherId: "T2", start: 16 * 60 + 40), note: "换老师", by: "会计")
    /// ```
    public func editCourse(_ id: String, _ edit: CourseEdit, note: String, by: String) throws -> [MasterChange] {
        try requireNote(note)
        return try record { writer in
            let course = try writer.reader.requireCourse(id)
            let changes = try courseChanges(course, edit, reader: writer.reader)
            return try writer.write(course: id, changes, note: note, by: by)
        }
    }

    /// Corrects when an enrolment starts or ends. Refused once a refund for it was recorded (the refund was
    /// computed from these dates), and when attendance is recorded outside the new dates.
    ///
    /// ```swift
    /// try ledger.editEnrollment(student: "S1", course: "X1", EnrollmentEdit(until: .some(CivilDate(parsing: "2024-11-01"))),
    ///                           note: "家长书面申请", by: "会计")
    /// ```
    public func editEnrollment(
        student: String, course: String, _ edit: EnrollmentEdit, note: String, by: String
    ) throws -> [MasterChange] {
        try requireNote(note)
        return try record { writer in
            _ = try writer.reader.requireStudent(student)
            _ = try writer.reader.requireCourse(course)
            let current = try writer.reader.requireEnrolment(studentId: student, courseId: course)
            let changes = try enrollmentChanges(student: student, course: course, current, edit, reader: writer.reader)
            guard !changes.isEmpty else { return [] }
            return try writer.write(enrollment: student, course: course, changes, note: note, by: by)
        }
    }

    // MARK: - History

    /// The history of a student (their enrolments' included), teacher or course, oldest first.
    ///
    /// ```swift
    /// for change in try ledger.history(of: .course, id: "X1") { print(change.field, change.oldValue ?? "", change.newValue ?? "") }
    /// ```
    public func history(of subject: MasterSubject, id: String) throws -> [MasterChange] {
        try reading { reader in try reader.history(of: subject, id: id) }
    }

    /// Checks the history's hash chain: (rows, the first break or nil). Each row's hash covers the one before
    /// it and every column, so a row edited behind tuoguan's back, or one removed or inserted before the last, breaks
    /// the chain.
    ///
    /// ```swift
    /// let (changes, broken) = try ledger.verifyHistory()   // (12, nil)
    /// ```
    public func verifyHistory() throws -> (changes: Int, firstBreak: String?) {
        try reading { reader in try reader.verifyHistory() }
    }

    static func historyHash(_ c: MasterChange, previous: String) -> String {
        var text = "tuoguan-history-v1\n\(previous)\nseq=\(c.seq)\n"
        let fields: [(String, String?)] = [
            ("subject", c.subject.rawValue), ("subject_id", c.subjectId), ("course_id", c.courseId), ("field", c.field),
            ("old_value", c.oldValue), ("new_value", c.newValue), ("note", c.note), ("recorded_by", c.recordedBy),
            ("recorded_at", c.recordedAt),
        ]
        for (key, value) in fields {
            text += value.map { "\(key)=\($0.utf8.count):\($0)\n" } ?? "\(key)=null\n"
        }
        return SHA256.hash(data: Array(text.utf8)).map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    static func change(from row: Row) -> MasterChange {
        MasterChange(
            seq: row["seq"], subject: MasterSubject(rawValue: row["subject"]) ?? .student, subjectId: row["subject_id"],
            courseId: row["course_id"], field: row["field"], oldValue: row["old_value"], newValue: row["new_value"],
            note: row["note"], recordedBy: row["recorded_by"], recordedAt: row["recorded_at"])
    }
}
