import TuoguanCore

extension RowParser {
    /// A row of the students sheet; nil (every problem reported) when it has one.
    public func student(_ row: [TableField]) -> StudentRow? {
        let id = text(row, "student_id")
        let name = text(row, "name")
        let gradeField = text(row, "grade")
        let className = text(row, "class")
        var grade: Int?
        if let (g, f) = gradeField {
            var t = g
            if t.hasSuffix("年级") { t.removeLast(2) }
            if let first = t.first, t.count == 1, let v = ImportWords.chineseDigits[first] { grade = v } else {
                grade = integer(TableField(text: t, line: f.line, column: f.column), what: ("年级", "grade"), range: 1...12)
            }
        }
        var category: String?
        if let f = filled(row, "category"), !["无", "none", "-", "—"].contains(f.text) {
            if rules.categories[f.text] != nil {
                category = f.text
            } else if let match = rules.categories.values.first(where: { SchoolWords.normalized($0.name) == SchoolWords.normalized(f.text) }) {
                category = match.id
            } else {
                fail(
                    f, zh: "类别“\(f.text)”不在规则中，应为：\(rules.categories.keys.sorted().joined(separator: "、"))（或留空、写“无”）",
                    en: "category \"\(f.text)\" is not in the rules: expected one of \(rules.categories.keys.sorted().joined(separator: ", ")) (or empty, or 无)")
                return nil
            }
        }
        guard let (id, idField) = id, let (name, _) = name, let grade, let (className, _) = className else { return nil }
        if isDuplicate(id, idField, what: "学号/student \(id)") { return nil }
        return StudentRow(id: id, name: name, grade: grade, className: ClassName.canonical(className), category: category, at: idField)
    }

    /// A row of the teachers sheet.
    public func teacher(_ row: [TableField]) -> TeacherRow? {
        let id = text(row, "teacher_id")
        let name = text(row, "name")
        var kindValue: TeacherKind?
        if let (_, f) = text(row, "kind") { kindValue = word(f, ImportWords.teacherKinds, what: ("类型", "kind")) }
        guard let (id, idField) = id, let (name, _) = name, let kindValue else { return nil }
        if isDuplicate(id, idField, what: "工号/teacher \(id)") { return nil }
        return TeacherRow(id: id, name: name, kind: kindValue, at: idField)
    }

    /// A row of the courses sheet: its teacher known to `references`.
    public func course(_ row: [TableField], references: ReferenceCheck) throws -> CourseRow? {
        let id = text(row, "course_id")
        let name = text(row, "name")
        var policy: String?
        if let (p, f) = text(row, "policy") {
            policy = policyId(p)
            if policy == nil { unknownPolicy(p, f) }
        }
        var teacher: String?
        if let (t, f) = text(row, "teacher_id") {
            if try known(f, .teachers, in: references) { teacher = t }
        }
        let weekdays = text(row, "weekdays").flatMap { weekdayNumbers($0.1) }
        let start = text(row, "start").flatMap { time($0.1) }
        let end = text(row, "end").flatMap { time($0.1) }
        if let start, let end, end <= start, let f = field(row, "end") {
            fail(f, zh: "结束时间应晚于开始时间", en: "end \(f.text) is not after start: expected a later time")
            return nil
        }
        var capacity: Int?
        if let f = filled(row, "capacity") {
            guard let c = integer(f, what: ("人数上限", "capacity"), range: 1...10000) else { return nil }
            capacity = c
        }
        let room = optionalText(row, "room") ?? ""
        guard let (id, idField) = id, let (name, _) = name, let policy, let teacher, let weekdays, let start, let end
        else { return nil }
        if isDuplicate(id, idField, what: "课程/course \(id)") { return nil }
        return CourseRow(
            id: id, name: name, policy: policy, teacher: teacher, weekdays: weekdays, startMinutes: start,
            endMinutes: end, room: room, capacity: capacity, at: idField)
    }

    private func unknownPolicy(_ p: String, _ f: TableField) {
        let ids = rules.policies.keys.sorted()
        fail(
            f, zh: "收费政策“\(p)”不在规则中，应为：\(ids.map { "\(rules.policies[$0]!.name)（\($0)）" }.joined(separator: "、"))",
            en: "policy \"\(p)\" is not in the rules: expected one of \(ids.map { "\($0) (\(rules.policies[$0]!.name))" }.joined(separator: ", "))",
            fix: LocalizedText(zh: "写政策的编号或规则文件中的名称（name）", en: "write the policy's id or its name from the rules file"))
    }

    /// `1,3`, `周一、周三`, `星期1 星期3` → [1, 3].
    func weekdayNumbers(_ f: TableField) -> [Int]? {
        var days: [Int] = []
        var ok = true
        for part in f.text.split(whereSeparator: { ",，、;； /".contains($0) }) {
            var p = String(part)
            for prefix in ["星期", "周"] where p.hasPrefix(prefix) { p.removeFirst(prefix.count) }
            if let v = Int(p), (1...7).contains(v) {
                days.append(v)
            } else if p.count == 1, let v = ImportWords.chineseDigits[p.first!], v <= 7 {
                days.append(v)
            } else {
                ok = false
            }
        }
        if ok && !days.isEmpty { return Array(Set(days)).sorted() }
        fail(
            f, zh: "星期“\(f.text)”无法识别，应写成 1,3（1 = 星期一）",
            en: "weekdays \"\(f.text)\" are not valid: expected ISO numbers like 1,3 (1 = Monday)")
        return nil
    }

    /// A row of the enrollments sheet: student and course known to `references`.
    public func enrollment(_ row: [TableField], references: ReferenceCheck) throws -> EnrollmentRow? {
        var student: (String, TableField)?
        if let (s, f) = text(row, "student_id") {
            if try known(f, .students, in: references) { student = (s, f) }
        }
        var course: String?
        if let (c, f) = text(row, "course_id") {
            // A course's name (美术) where its id is expected: the one course of that name.
            if try !references.isKnown(c, .courses), let id = try references.courseId(named: c) {
                course = id
            } else if try known(f, .courses, in: references) {
                course = c
            }
        }
        let from = date(row, "from", inTerm: true)
        var until: CivilDate?
        if let f = filled(row, "until") {
            guard let u = date(f, inTerm: false) else { return nil }
            if let from, u <= from {
                fail(f, zh: "退课日期 \(u) 应晚于开始日期 \(from)", en: "until \(u) is not after from \(from): expected a later date")
                return nil
            }
            until = u
        }
        guard let (student, sf) = student, let course, let from else { return nil }
        if isDuplicate(student + "\u{1}" + course, sf, what: "\(student) / \(course)") { return nil }
        return EnrollmentRow(student: student, course: course, from: from, until: until, at: sf)
    }

    /// A row of the sessions sheet: course (and teacher, when given) known to `references`.
    public func session(_ row: [TableField], references: ReferenceCheck) throws -> SessionRow? {
        var course: String?
        if let (c, f) = text(row, "course_id") {
            if try known(f, .courses, in: references) { course = c }
        }
        var date: CivilDate?
        if let (_, f) = text(row, "date"), let d = self.date(f, inTerm: true), serviceDayCheck(d, f) { date = d }
        var status: String?
        if let (_, f) = text(row, "status") { status = word(f, ImportWords.sessionStatus, what: ("状态", "status")) }
        var teacher: String?
        var teacherOK = true
        if let f = filled(row, "teacher_id") {
            teacherOK = try known(f, .teachers, in: references)
            if teacherOK { teacher = f.text }
        }
        var start: Int?
        var end: Int?
        var timesOK = true
        if let f = filled(row, "start") {
            start = time(f)
            timesOK = start != nil
        }
        if let f = filled(row, "end") {
            end = time(f)
            timesOK = timesOK && end != nil
        }
        let reason = optionalText(row, "reason") ?? ""
        guard let course, let date, let status, teacherOK, timesOK, let cf = field(row, "course_id") else { return nil }
        if isDuplicate(course + "\u{1}" + String(date.dayNumber), cf, what: "\(course) \(date)") { return nil }
        return SessionRow(
            course: course, date: date, status: status, teacher: teacher, startMinutes: start, endMinutes: end,
            reason: reason, at: cf)
    }
}
