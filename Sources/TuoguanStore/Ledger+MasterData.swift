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
            var changes: [(String, DatabaseValueConvertible?)] = []
            if let name = edit.name { try requireText(name, flag: "--name"); changes.append(("name", name)) }
            if let grade = edit.grade {
                guard (1...12).contains(grade) else {
                    throw TuoguanError(
                        .usage, zh: "年级 \(grade) 不在 1 到 12 之间", en: "grade \(grade) is not between 1 and 12",
                        at: SourceLocation(key: "--grade"), excerpt: String(grade))
                }
                changes.append(("grade", grade))
            }
            if let className = edit.className { try requireText(className, flag: "--class"); changes.append(("class", className)) }
            if let category = edit.category {
                changes.append(("category", try decidedCategory(student, asked: category, db: writer.db)))
            }
            return try apply(
                .student, table: "students", key: [("id", id)], subjectId: id, courseId: nil, changes: changes,
                note: note, by: by, db: writer.db)
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
            guard try Bool.fetchOne(writer.db, sql: "SELECT EXISTS (SELECT 1 FROM teachers WHERE id = ?)", arguments: [id]) == true else {
                throw unknownTeacher(id, flag: nil)
            }
            var changes: [(String, DatabaseValueConvertible?)] = []
            if let name = edit.name { try requireText(name, flag: "--name"); changes.append(("name", name)) }
            if let kind = edit.kind { changes.append(("kind", kind.rawValue)) }
            return try apply(
                .teacher, table: "teachers", key: [("id", id)], subjectId: id, courseId: nil, changes: changes,
                note: note, by: by, db: writer.db)
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
            var changes: [(String, DatabaseValueConvertible?)] = []
            if let name = edit.name { try requireText(name, flag: "--name"); changes.append(("name", name)) }
            if let teacher = edit.teacherId {
                guard try Bool.fetchOne(writer.db, sql: "SELECT EXISTS (SELECT 1 FROM teachers WHERE id = ?)", arguments: [teacher]) == true
                else { throw unknownTeacher(teacher, flag: "--teacher") }
                changes.append(("teacher_id", teacher))
            }
            if let policy = edit.policyId, policy != course.policyId {
                guard rules.policies[policy] != nil else {
                    throw TuoguanError(
                        .usage, zh: "收费政策“\(policy)”不在规则中", en: "policy \"\(policy)\" is not in the rules",
                        fix: LocalizedText(
                            zh: "应为：\(rules.policies.keys.sorted().joined(separator: "、"))",
                            en: "use one of: \(rules.policies.keys.sorted().joined(separator: ", "))"),
                        at: SourceLocation(key: "--policy"), excerpt: policy)
                }
                if let refund = try courseRefunds(courseId: id, studentId: nil, db: writer.db).first {
                    throw moneyDepends(
                        zh: "课程 \(id) 已有退费（如 \(refund)），退费按原收费政策计算，不能再改收费政策",
                        en: "course \(id) has refunds (e.g. \(refund)), priced under its policy: the policy cannot change now",
                        flag: "--policy", refund: refund)
                }
                changes.append(("policy", policy))
            }
            if let weekdays = edit.weekdays {
                let days = Array(Set(weekdays)).sorted()
                guard !days.isEmpty, days.allSatisfy({ (1...7).contains($0) }) else {
                    throw TuoguanError(
                        .usage, zh: "上课星期应为 1 到 7 的数字，如 1,3（1 = 星期一）",
                        en: "weekdays are numbers 1 to 7, like 1,3 (1 = Monday)", at: SourceLocation(key: "--weekdays"))
                }
                if days != course.weekdays {
                    if let refund = try courseRefunds(courseId: id, studentId: nil, db: writer.db).first {
                        throw moneyDepends(
                            zh: "课程 \(id) 已有退费（如 \(refund)），退费按原上课安排计算，不能再改上课星期",
                            en: "course \(id) has refunds (e.g. \(refund)), priced on its timetable: its weekdays cannot change now",
                            flag: "--weekdays", refund: refund)
                    }
                    changes.append(("weekdays", days.map(String.init).joined(separator: ",")))
                }
            }
            let start = edit.start ?? course.start
            let end = edit.end ?? course.end
            if end <= start {
                throw TuoguanError(
                    .usage, zh: "结束时间 \(clock(end)) 应晚于开始时间 \(clock(start))",
                    en: "end \(clock(end)) is not after start \(clock(start))",
                    at: SourceLocation(key: edit.end != nil ? "--end" : "--start"))
            }
            if let s = edit.start { changes.append(("start", s)) }
            if let e = edit.end { changes.append(("end", e)) }
            if let capacity = edit.capacity {
                if let c = capacity, !(1...10000).contains(c) {
                    throw TuoguanError(
                        .usage, zh: "人数上限 \(c) 不在 1 到 10000 之间", en: "capacity \(c) is not between 1 and 10000",
                        at: SourceLocation(key: "--capacity"))
                }
                changes.append(("capacity", capacity))
            }
            let out = try apply(
                .course, table: "courses", key: [("id", id)], subjectId: id, courseId: nil, changes: changes, note: note,
                by: by, db: writer.db)
            // A course with a timetable: its sessions still to come with nothing recorded follow the change.
            if out.contains(where: { ["weekdays", "start", "end", "teacher_id"].contains($0.field) }),
                try hasTimetable(id, db: writer.db)
            {
                _ = try remakeTimetable(of: writer.reader.requireCourse(id), by: by, db: writer.db)
            }
            return out
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
            let from = edit.from ?? current.from
            let until = edit.until ?? current.until
            guard from != current.from || until != current.until else { return [] }
            if edit.from != nil, from < rules.starts || from > rules.ends {
                throw TuoguanError(
                    .usage, zh: "开始日期 \(from) 不在学期内（\(rules.starts) 至 \(rules.ends)）",
                    en: "from \(from) is outside the term (\(rules.starts) to \(rules.ends))", at: SourceLocation(key: "--from"))
            }
            if let until, until <= from {
                throw TuoguanError(
                    .usage, zh: "退课日期 \(until) 应晚于开始日期 \(from)", en: "until \(until) is not after from \(from)",
                    at: SourceLocation(key: "--until"))
            }
            try requireNoEventInForce(student: student, course: course, flag: edit.from != nil ? "--from" : "--until", db: writer.db)
            if let refund = try courseRefunds(courseId: course, studentId: student, db: writer.db).first {
                throw moneyDepends(
                    zh: "\(student) 在 \(course) 已有退费 \(refund)，退费按报名日期计算，不能再改日期",
                    en: "\(student) has refund \(refund) for \(course), computed from these dates: they cannot change now",
                    flag: edit.from != nil ? "--from" : "--until", refund: refund)
            }
            try requireAttendanceInside(
                student: student, course: course, window: EnrolmentWindow(from: from, until: until), db: writer.db)
            var changes: [(String, DatabaseValueConvertible?)] = []
            if edit.from != nil { changes.append(("from_date", from.description)) }
            if edit.until != nil { changes.append(("until_date", until?.description)) }
            let recorded = try apply(
                .enrollment, table: "enrollments", key: [("student_id", student), ("course_id", course)],
                subjectId: student, courseId: course, changes: changes, note: note, by: by, db: writer.db)
            try writer.recountUsage(student: student, course: course)
            return recorded
        }
    }

    // MARK: - History

    /// The history of a student (their enrolments' included), teacher or course, oldest first.
    ///
    /// ```swift
    /// for change in try ledger.history(of: .course, id: "X1") { print(change.field, change.oldValue ?? "", change.newValue ?? "") }
    /// ```
    public func history(of subject: MasterSubject, id: String) throws -> [MasterChange] {
        try reading { reader in
            let subjects = subject == .student ? ["student", "enrollment"] : [subject.rawValue]
            return try Row.fetchAll(
                reader.db,
                sql: "SELECT * FROM history WHERE subject_id = ? AND subject IN (?, ?) ORDER BY seq",
                arguments: [id, subjects[0], subjects.last!]
            ).map(Self.change(from:))
        }
    }

    /// Checks the history's hash chain: (rows, the first break or nil). Each row's hash covers the one before
    /// it and every column, so a row edited behind tuoguan's back, or one removed or inserted before the last, breaks
    /// the chain.
    ///
    /// ```swift
    /// let (changes, broken) = try ledger.verifyHistory()   // (12, nil)
    /// ```
    public func verifyHistory() throws -> (changes: Int, firstBreak: String?) {
        try reading { reader in
            var previous = ""
            var expected: Int64 = 1
            var count = 0
            let rows = try Row.fetchCursor(reader.db, sql: "SELECT * FROM history ORDER BY seq")
            while let row = try rows.next() {
                count += 1
                let change = Self.change(from: row)
                let label = "history \(change.seq) (\(change.subject.rawValue) \(change.subjectId) \(change.field))"
                if change.seq != expected { return (count, "\(label): sequence number where \(expected) was expected (a change is missing)") }
                if (row["prev_hash"] as String) != previous { return (count, "\(label): does not link to the change before it") }
                if Self.historyHash(change, previous: previous) != (row["hash"] as String) {
                    return (count, "\(label): hash does not match its contents (edited after it was recorded)")
                }
                previous = row["hash"]
                expected += 1
            }
            return (count, nil)
        }
    }

    /// Appends one change to the history, chained to the last one.
    func appendHistory(
        _ subject: MasterSubject, subjectId: String, courseId: String?, field: String, old: String?, new: String?,
        note: String, by: String, db: Database
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
                Self.historyHash(change, previous: previous),
            ])
        return change
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
