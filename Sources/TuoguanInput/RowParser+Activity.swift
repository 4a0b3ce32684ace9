import TuoguanCore

extension RowParser {
    /// A row of the attendance sheet (long shape): course and student known to `references`. Whether the
    /// session was held and the student enrolled on the day is the store's to say.
    public func attendance(_ row: [TableField], references: ReferenceCheck) throws -> AttendanceRow? {
        let date = self.date(row, "date", inTerm: true)
        var course: String?
        var courseField: TableField?
        if let (c, f) = text(row, "course_id") {
            courseField = f
            if try known(f, .courses, in: references) { course = c }
        }
        var student: String?
        var studentField: TableField?
        if let (s, f) = text(row, "student_id") {
            studentField = f
            if try known(f, .students, in: references) { student = s }
        }
        var status: String?
        var statusField: TableField?
        if let (_, f) = text(row, "status") {
            statusField = f
            status = word(f, ImportWords.attendance, what: ("考勤状态", "status"))
        }
        guard let date, let course, let student, let status, let courseField, let studentField, let statusField,
            let dateField = field(row, "date")
        else { return nil }
        return AttendanceRow(
            date: date, course: course, student: student, status: status, dateField: dateField,
            courseField: courseField, studentField: studentField, statusField: statusField)
    }

    /// A row of the duties sheet: teacher (and course, when given) known to `references`; the duty one the
    /// rules give points.
    public func duty(_ row: [TableField], references: ReferenceCheck) throws -> DutyRow? {
        let date = self.date(row, "date", inTerm: true)
        var teacher: (String, TableField)?
        if let (t, f) = text(row, "teacher_id") {
            if try known(f, .teachers, in: references) { teacher = (t, f) }
        }
        var duty: String?
        if let (d, f) = text(row, "duty") {
            duty = dutyId(d)
            if duty == nil {
                let accepted = dutiesAccepted()
                fail(
                    f, zh: "职责“\(d)”不在规则的工作量积分中，应为：\(accepted.zh)",
                    en: "duty \"\(d)\" is not in the rules' points: expected one of \(accepted.en)")
            }
        }
        var course: String?
        var courseOK = true
        if let f = filled(row, "course_id") {
            courseOK = try known(f, .courses, in: references)
            if courseOK { course = f.text }
        }
        guard let date, let (teacher, tf) = teacher, let duty, courseOK else { return nil }
        if isDuplicate("\(date)\u{1}\(teacher)\u{1}\(duty)\u{1}\(course ?? "")", tf, what: "\(date) \(teacher) \(duty)") {
            return nil
        }
        return DutyRow(date: date, teacher: teacher, duty: duty, course: course, at: tf)
    }

    /// A row of the scores sheet: a number from 0 to 1000 with at most two decimals.
    public func score(_ row: [TableField], references: ReferenceCheck) throws -> ScoreRow? {
        var teacher: (String, TableField)?
        if let (t, f) = text(row, "teacher_id") {
            if try known(f, .teachers, in: references) { teacher = (t, f) }
        }
        var hundredths: Int64?
        if let (s, f) = text(row, "score") {
            if s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let m = try? Money(parsing: s), !m.isNegative,
                m.fen <= 100_000
            {
                hundredths = m.fen
            } else {
                fail(
                    f, zh: "分数“\(s)”无效，应为 0 到 1000 之间、最多两位小数的数",
                    en: "score \"\(s)\" is not valid: expected a number from 0 to 1000 with at most two decimals")
            }
        }
        guard let (teacher, tf) = teacher, let hundredths else { return nil }
        if isDuplicate(teacher, tf, what: "工号/teacher \(teacher)") { return nil }
        return ScoreRow(teacher: teacher, hundredths: hundredths, at: tf)
    }
}
