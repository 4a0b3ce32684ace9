import GRDB
import TuoguanCore
import TuoguanInput

/// The changes of a column asked for by an edit of master data, in order: (column, new value).
typealias FieldChanges = [(column: String, value: DatabaseValueConvertible?)]

/// What each edit of master data may change (``Ledger/editStudent(_:_:note:by:)`` and its siblings): the new
/// values checked, read through the reader (a teacher that exists, the refunds a change would break), before
/// the writer writes them. Refused with what is wrong and what to do.
extension Ledger {
    /// The student's fields an edit changes; a category is decided by ``CategoryChangeDecision``.
    ///
    /// ```swift
    /// let changes = try studentChanges(s1, StudentEdit(grade: 4), reader: reader)   // [("grade", 4)]
    /// ```
    func studentChanges(_ student: Student, _ edit: StudentEdit, reader: LedgerReader) throws -> FieldChanges {
        var changes: FieldChanges = []
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
            let facts = try reader.categoryFacts(student, asked: category)
            let decision = try decided { () throws(CategoryChangeRefusal) in try CategoryChangeDecision.decide(facts, rules: rules) }
            changes.append(("category", decision.to))
        }
        return changes
    }

    /// The teacher's fields an edit changes.
    func teacherChanges(_ edit: TeacherEdit) throws -> FieldChanges {
        var changes: FieldChanges = []
        if let name = edit.name { try requireText(name, flag: "--name"); changes.append(("name", name)) }
        if let kind = edit.kind { changes.append(("kind", kind.rawValue)) }
        return changes
    }

    /// The course's fields an edit changes. The policy and the weekdays cannot change once a refund of the
    /// course was recorded: the refund was priced under the old ones.
    ///
    /// ```swift
    /// let changes = try courseChanges(x1, CourseEdit(teacherId: "T2"), reader: reader)   // [("teacher_id", "T2")]
    /// ```
    func courseChanges(_ course: Course, _ edit: CourseEdit, reader: LedgerReader) throws -> FieldChanges {
        var changes: FieldChanges = []
        if let name = edit.name { try requireText(name, flag: "--name"); changes.append(("name", name)) }
        if let teacher = edit.teacherId {
            try reader.requireTeacher(teacher, flag: "--teacher")
            changes.append(("teacher_id", teacher))
        }
        if let policy = edit.policyId, policy != course.policyId {
            try requirePolicy(policy)
            if let refund = try reader.courseRefunds(courseId: course.id, studentId: nil).first {
                throw moneyDepends(
                    zh: "课程 \(course.id) 已有退费（如 \(refund)），退费按原收费政策计算，不能再改收费政策",
                    en: "course \(course.id) has refunds (e.g. \(refund)), priced under its policy: the policy cannot change now",
                    flag: "--policy", refund: refund)
            }
            changes.append(("policy", policy))
        }
        if let weekdays = try changedWeekdays(course, edit, reader: reader) { changes.append(("weekdays", weekdays)) }
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
        return changes
    }

    /// Refuses a policy the rules do not have.
    private func requirePolicy(_ policy: String) throws {
        guard rules.policies[policy] == nil else { return }
        throw TuoguanError(
            .usage, zh: "收费政策“\(policy)”不在规则中", en: "policy \"\(policy)\" is not in the rules",
            fix: LocalizedText(
                zh: "应为：\(rules.policies.keys.sorted().joined(separator: "、"))",
                en: "use one of: \(rules.policies.keys.sorted().joined(separator: ", "))"),
            at: SourceLocation(key: "--policy"), excerpt: policy)
    }

    /// The course's new weekdays as stored (`2,4`) when the edit changes them; nil when it does not.
    private func changedWeekdays(_ course: Course, _ edit: CourseEdit, reader: LedgerReader) throws -> String? {
        guard let weekdays = edit.weekdays else { return nil }
        let days = Array(Set(weekdays)).sorted()
        guard !days.isEmpty, days.allSatisfy({ (1...7).contains($0) }) else {
            throw TuoguanError(
                .usage, zh: "上课星期应为 1 到 7 的数字，如 1,3（1 = 星期一）",
                en: "weekdays are numbers 1 to 7, like 1,3 (1 = Monday)", at: SourceLocation(key: "--weekdays"))
        }
        guard days != course.weekdays else { return nil }
        if let refund = try reader.courseRefunds(courseId: course.id, studentId: nil).first {
            throw moneyDepends(
                zh: "课程 \(course.id) 已有退费（如 \(refund)），退费按原上课安排计算，不能再改上课星期",
                en: "course \(course.id) has refunds (e.g. \(refund)), priced on its timetable: its weekdays cannot change now",
                flag: "--weekdays", refund: refund)
        }
        return days.map(String.init).joined(separator: ",")
    }

    /// The enrolment's dates an edit changes (empty: none). Refused outside the term, when the end is not after
    /// the start, while a withdrawal or cancellation in force or a refund was computed from these dates, and
    /// when attendance is recorded outside the new dates.
    ///
    /// ```swift
    /// let changes = try enrollmentChanges(student: "S1", course: "X1", current, edit, reader: reader)
    /// ```
    func enrollmentChanges(
        student: String, course: String, _ current: EnrolmentWindow, _ edit: EnrollmentEdit, reader: LedgerReader
    ) throws -> FieldChanges {
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
        let flag = edit.from != nil ? "--from" : "--until"
        try reader.requireNoEventInForce(student: student, course: course, flag: flag)
        if let refund = try reader.courseRefunds(courseId: course, studentId: student).first {
            throw moneyDepends(
                zh: "\(student) 在 \(course) 已有退费 \(refund)，退费按报名日期计算，不能再改日期",
                en: "\(student) has refund \(refund) for \(course), computed from these dates: they cannot change now",
                flag: flag, refund: refund)
        }
        try reader.requireAttendanceInside(student: student, course: course, window: EnrolmentWindow(from: from, until: until))
        var changes: FieldChanges = []
        if edit.from != nil { changes.append(("from_date", from.description)) }
        if edit.until != nil { changes.append(("until_date", until?.description)) }
        return changes
    }

    func requireNote(_ note: String) throws {
        if note.trimmedSpaces.isEmpty {
            throw TuoguanError(
                .usage, zh: "改动需要说明原因", en: "a correction needs a reason",
                fix: LocalizedText(zh: "加上 --note \"原因\"，如 --note \"家长来电更正姓名\"", en: "add --note \"why\", like --note \"parent phoned to correct the name\""),
                at: SourceLocation(key: "--note"))
        }
    }

    func requireText(_ text: String, flag: String) throws {
        if text.isEmpty || text != text.trimmedSpaces {
            throw TuoguanError(
                .usage, zh: "新的值为空或带有首尾空格：“\(text)”", en: "the new value is empty or has surrounding spaces: \"\(text)\"",
                at: SourceLocation(key: flag), excerpt: text)
        }
    }

    /// A change that money already depends on: why it is refused and what to do instead.
    func moneyDepends(zh: String, en: String, flag: String, refund: String) -> TuoguanError {
        TuoguanError(
            .conflict, zh: zh, en: en,
            fix: LocalizedText(
                zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），改好后再重新登记退费",
                en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note why), make the change, then record the refund again"),
            at: SourceLocation(key: flag), excerpt: refund)
    }
}

/// `16:30` for 990 minutes after midnight.
func clock(_ minutes: Int) -> String {
    let h = minutes / 60
    let m = minutes % 60
    return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
}
