import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan edit student|teacher|course|enrollment`: corrects recorded master data. Every change is kept in
    /// the history (old value, new value, who, when, why: `--note`); `show` prints it.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("更正已登记的基础数据（留有改动记录）", "Correct recorded master data, keeping its history."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan edit student S000001 --class "三(3)班" --note "转班，班主任通知"
                每次改动都留有记录（原值、新值、谁、何时、为什么），show 可以查看。
                已经影响到钱的改动（有退费的报名、有退费课程的上课星期或收费政策）会被拒绝，并说明该怎么办。
                编号不能改：缴费和退费都引用它。
                """,
                """
                Example: tuoguan edit student S000001 --class "三(3)班" --note "转班，班主任通知"
                Every change is kept in the history (old value, new value, who, when, why); show prints it.
                What money already depends on (an enrolment with a refund, the weekdays or policy of a course
                with refunds) is refused, saying what to do instead. Ids do not change: payments and refunds
                refer to them.
                """),
            subcommands: [EditStudent.self, EditTeacher.self, EditCourse.self, EditEnrollment.self, EditSession.self,
                EditAttendance.self])
    }

    struct EditStudent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "student", abstract: Tuoguan.text("更正学生的姓名、年级、班级或类别", "Correct a student's name, grade, class or category."),
            discussion: Tuoguan.text("示例：tuoguan edit student S000001 --category left_behind --note \"民政证明\"   （--category none 清除类别）", "Example: tuoguan edit student S000001 --category left_behind --note \"民政证明\"   (--category none clears it)"))
        @Argument(help: ArgumentHelp(zh: "学号。", en: "Student id (学号).")) var id: String
        @Option(name: .long, help: ArgumentHelp(zh: "新的姓名或名称。", en: "New name.")) var name: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的年级（1–12，或 三、三年级）。", en: "New grade (1–12, or 三 / 三年级).")) var grade: String?
        @Option(name: .customLong("class"), help: ArgumentHelp(zh: "新的班级，如 三(2)班。", en: "New class, e.g. 三(2)班.")) var className: String?
        @Option(name: .long, help: ArgumentHelp(zh: "规则中的新类别（编号或名称，如 留守儿童），或 none（清除）。", en: "New category of the rules (id or name, e.g. 留守儿童), or none.")) var category: String?
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let change = StudentEdit(
                name: name, grade: try grade.map(parseGrade), className: className.map(ClassName.canonical),
                category: category.map { ["none", "无", ""].contains($0) ? nil : $0 })
            guard change != StudentEdit() else { throw nothingToChange("--name, --grade, --class, --category") }
            let book = try ledger.open()
            let before = try familyStatement(book, id)
            let changes = try book.editStudent(id, change, note: edit.note ?? "", by: edit.recorder.name)
            try report(changes, book: book, subject: "\(id)", balanceOf: category != nil ? id : nil, before: before, ledger.language)
        }
    }

    struct EditTeacher: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "teacher", abstract: Tuoguan.text("更正教师的姓名或类型", "Correct a teacher's name or kind."),
            discussion: Tuoguan.text("示例：tuoguan edit teacher T01 --name 王芳 --note \"姓名录错\"", "Example: tuoguan edit teacher T01 --name 王芳 --note \"姓名录错\""))
        @Argument(help: ArgumentHelp(zh: "工号。", en: "Teacher id (工号).")) var id: String
        @Option(name: .long, help: ArgumentHelp(zh: "新的姓名或名称。", en: "New name.")) var name: String?
        @Option(name: .long, help: ArgumentHelp(zh: "在职、退休、校外或志愿者（staff、retired、outside、volunteer）。", en: "staff (在职), retired (退休), outside (校外) or volunteer (志愿者).")) var kind: String?
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let change = TeacherEdit(name: name, kind: try kind.map(parseKind))
            guard change != TeacherEdit() else { throw nothingToChange("--name, --kind") }
            let book = try ledger.open()
            let changes = try book.editTeacher(id, change, note: edit.note ?? "", by: edit.recorder.name)
            try report(changes, book: book, subject: id, balanceOf: nil, before: nil, ledger.language)
        }
    }

    struct EditCourse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "course", abstract: Tuoguan.text("更正课程的名称、任课教师、收费政策、时间或人数上限", "Correct a course's name, teacher, policy, times or capacity."),
            discussion: Tuoguan.text("示例：tuoguan edit course X0001 --teacher T02 --start 16:40 --end 17:20 --note \"换老师，调时间\"", "Example: tuoguan edit course X0001 --teacher T02 --start 16:40 --end 17:20 --note \"换老师，调时间\""))
        @Argument(help: ArgumentHelp(zh: "课程编号。", en: "Course id.")) var id: String
        @Option(name: .long, help: ArgumentHelp(zh: "新的姓名或名称。", en: "New name.")) var name: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的任课教师工号。", en: "New teacher id.")) var teacher: String?
        @Option(name: .long, help: ArgumentHelp(zh: "规则中新的收费政策编号（课程已有退费则不能改）。", en: "New fee policy id of the rules (refused once the course has refunds).")) var policy: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的上课星期，如 1,3（1 = 星期一）。", en: "New weekdays, e.g. 1,3 (1 = Monday).")) var weekdays: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的开始时间，如 16:30。", en: "New start time, e.g. 16:30.")) var start: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的结束时间，如 17:10。", en: "New end time, e.g. 17:10.")) var end: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的人数上限，或 none（不限）。", en: "New capacity, or none.")) var capacity: String?
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            var change = CourseEdit(name: name, teacherId: teacher, policyId: policy)
            if let weekdays {
                change.weekdays = try weekdays.split(whereSeparator: { ",，、 ".contains($0) }).map {
                    guard let day = Int($0) else {
                        throw usageError("上课星期“\(weekdays)”无法识别，应写成 1,3（1 = 星期一）", "weekdays \"\(weekdays)\" are not valid: write them like 1,3 (1 = Monday)", flag: "--weekdays")
                    }
                    return day
                }
            }
            if let start { change.start = try minutes(start, flag: "--start") }
            if let end { change.end = try minutes(end, flag: "--end") }
            if let capacity {
                if ["none", "无", ""].contains(capacity) {
                    change.capacity = .some(nil)
                } else if let c = Int(capacity) {
                    change.capacity = .some(c)
                } else {
                    throw usageError("人数上限“\(capacity)”应为整数或 none", "capacity \"\(capacity)\" is not a whole number or none", flag: "--capacity")
                }
            }
            guard change != CourseEdit() else { throw nothingToChange("--name, --teacher, --policy, --weekdays, --start, --end, --capacity") }
            let book = try ledger.open()
            let changes = try book.editCourse(id, change, note: edit.note ?? "", by: edit.recorder.name)
            try report(changes, book: book, subject: id, balanceOf: nil, before: nil, ledger.language)
            if changes.contains(where: { $0.field == "policy" || $0.field == "weekdays" }) {
                Console.say(
                    "  报名该课程的各家庭费用随之重算（tuoguan owed、statement 即为新数）",
                    "  the charges of every family in the course follow (tuoguan owed and statement show the new figures)", ledger.language)
            }
        }
    }

    struct EditEnrollment: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enrollment", abstract: Tuoguan.text("更正报名的开始或退课日期", "Correct when an enrolment starts or ends."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan edit enrollment S000001 X0001 --until 2024-11-01 --note "家长书面申请"
                --until 是不再上课的第一天；--until none：上到学期末。要退课并一并退还预交的费用，请用 tuoguan withdraw。
                """,
                """
                Example: tuoguan edit enrollment S000001 X0001 --until 2024-11-01 --note "家长书面申请"
                --until is the first day no longer attending; --until none: to the end of the term. To end an
                enrolment and refund what was prepaid in one step, use tuoguan withdraw.
                """))
        @Argument(help: ArgumentHelp(zh: "学号。", en: "Student id (学号).")) var student: String
        @Argument(help: ArgumentHelp(zh: "课程编号。", en: "Course id.")) var course: String
        @Option(name: .long, help: ArgumentHelp(zh: "新的开始日期。", en: "New first day.")) var from: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的退课日期（不再上课的第一天），或 none。", en: "New first day no longer attending, or none.")) var until: String?
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            var change = EnrollmentEdit()
            if let from { change.from = try date(from, flag: "--from") }
            if let until { change.until = ["none", "无", ""].contains(until) ? .some(nil) : .some(try date(until, flag: "--until")) }
            guard change != EnrollmentEdit() else { throw nothingToChange("--from, --until") }
            let book = try ledger.open()
            let before = try familyStatement(book, student)
            let changes = try book.editEnrollment(student: student, course: course, change, note: edit.note ?? "", by: edit.recorder.name)
            try report(changes, book: book, subject: "\(student) \(course)", balanceOf: student, before: before, ledger.language)
        }
    }
}

/// `--note` (why; required) and `--by` (who) of every `edit`.
struct EditOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(zh: "原因（记入改动记录；必填）。", en: "Why (kept in the history; required).")) var note: String?
    @OptionGroup var recorder: RecorderOption
}

/// Prints what changed (or that nothing did) and, when the family's figures may follow, the balance before and after.
private func report(
    _ changes: [MasterChange], book: Ledger, subject: String, balanceOf student: String?, before: StudentStatement?,
    _ language: Language
) throws {
    let text = ClerkText(language: language)
    if changes.isEmpty {
        Console.say("\(subject) 已是这样，没有改动，未作记录", "\(subject) is already so: nothing changed, nothing recorded", language)
        return
    }
    Console.say("已更正 \(subject)（\(changes.count) 项，记入改动记录）：", "corrected \(subject) (\(changes.count == 1 ? "1 field" : "\(changes.count) fields"), kept in the history):", language)
    for change in changes { print("  " + text.change(change, rules: book.rules)) }
    if let student, let before, let after = try familyStatement(book, student), after.balance != before.balance || after.charged != before.charged {
        Console.say(
            "  费用随之重算：应收 \(before.charged.formatted()) → \(after.charged.formatted()) 元，结余 \(text.balance(before.balance)) → \(text.balance(after.balance))",
            "  the figures follow: charged \(before.charged.formatted()) → \(after.charged.formatted()), balance \(text.balance(before.balance)) → \(text.balance(after.balance))",
            language)
    }
}

private func nothingToChange(_ flags: String) -> TuoguanError {
    TuoguanError(
        .usage, zh: "没有指定要改什么", en: "nothing to change was given",
        fix: LocalizedText(zh: "至少给出其中一项：\(flags)", en: "give at least one of \(flags)"))
}

/// `16:30` → 990; a usage error naming the flag otherwise.
private func minutes(_ text: String, flag: String) throws -> Int {
    let parts = text.replacingOccurrences(of: "：", with: ":").split(separator: ":")
    if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) {
        return h * 60 + m
    }
    throw usageError("时间“\(text)”无法识别，应写成 16:30", "time \"\(text)\" is not valid: write it like 16:30", flag: flag)
}

private func date(_ text: String, flag: String) throws -> CivilDate {
    guard let d = CivilDate(parsing: text) else {
        throw usageError("日期“\(text)”无法识别，应写成 2024-09-02", "date \"\(text)\" is not valid: write it like 2024-09-02", flag: flag)
    }
    return d
}

/// `3`, `三` or `三年级` → 3; a usage error naming `--grade` otherwise (the range is the store's check).
private func parseGrade(_ text: String) throws -> Int {
    var t = text
    if t.hasSuffix("年级") { t.removeLast(2) }
    let chinese = ["一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12]
    if let v = Int(t) ?? chinese[t] { return v }
    throw usageError("年级“\(text)”无法识别，应写成 3 或 三年级", "grade \"\(text)\" is not valid: write it like 3", flag: "--grade")
}

/// `staff` / `在职` … → the kind; a usage error listing the kinds otherwise.
private func parseKind(_ text: String) throws -> TeacherKind {
    let words: [String: TeacherKind] = [
        "在职": .staff, "在职教师": .staff, "退休": .retired, "退休教师": .retired, "校外": .outside, "校外机构": .outside,
        "志愿者": .volunteer,
    ]
    if let kind = TeacherKind(rawValue: text.lowercased()) ?? words[text] { return kind }
    throw usageError(
        "教师类型“\(text)”无法识别", "teacher kind \"\(text)\" is not valid", flag: "--kind",
        fix: LocalizedText(zh: "应为 staff（在职）、retired（退休）、outside（校外）或 volunteer（志愿者）", en: "use staff, retired, outside or volunteer"))
}
