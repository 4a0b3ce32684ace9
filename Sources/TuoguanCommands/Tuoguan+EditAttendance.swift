import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan edit attendance STUDENT COURSE DATE --status 假 --note …`: corrects one mark (or adds a missing
    /// one, or with `--status 无` removes one), kept in the history; the family's figures follow.
    struct EditAttendance: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attendance", abstract: Tuoguan.text("更正一条考勤（留有改动记录）", "Correct one attendance mark, keeping its history."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan edit attendance S000001 X0001 2024-09-03 --status 假 --note "家长补交假条"
                --status：出勤（√）、请假（假）、缺勤（×），或 无（删去这条考勤，例如退课后误记的一天）。
                改动记入改动记录（原值、新值、谁、何时、为什么），tuoguan show student 可以查看；按实结算的费用随之重算。
                整张考勤表更正后，可用 tuoguan import 考勤 文件 --replace --note 原因 一次改好（逐条列出改动）。
                """,
                """
                Example: tuoguan edit attendance S000001 X0001 2024-09-03 --status 假 --note "家长补交假条"
                --status: present (√), leave (假), absent (×), or none (removes the mark, e.g. one recorded after a
                withdrawal by mistake). The change is kept in the history (old, new, who, when, why; tuoguan show
                student prints it); a charge settled by use follows. A corrected sheet is applied whole with
                tuoguan import attendance FILE --replace --note WHY (every change is listed).
                """))
        @Argument(help: ArgumentHelp(zh: "学号。", en: "Student id (学号).")) var student: String
        @Argument(help: ArgumentHelp(zh: "课程编号。", en: "Course id.")) var course: String
        @Argument(help: ArgumentHelp(zh: "上课日期，如 2024-09-03。", en: "The session's date, e.g. 2024-09-03.")) var date: String
        @Option(name: .long, help: ArgumentHelp(zh: "新的考勤：出勤、请假、缺勤（√、假、×），或 无（删去）。", en: "The new mark: present, leave, absent (√, 假, ×), or none (removes it)."))
        var status: String
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let language = ledger.language
            guard let day = CivilDate(parsing: date) else {
                throw usageError(
                    "日期“\(date)”无法识别，应写成 2024-09-03", "date \"\(date)\" is not valid: write it like 2024-09-03", flag: "DATE")
            }
            let removing = ["none", "无", "删除", "删去", "-"].contains(status.trimmingCharacters(in: .whitespaces))
            let book = try ledger.open()
            let before = try familyStatement(book, student)
            guard
                let change = try book.editAttendance(
                    student: student, course: course, date: day, status: removing ? nil : status, note: edit.note ?? "",
                    by: edit.recorder.name)
            else {
                Console.say(
                    "\(student) 在 \(course) \(day) 的考勤已是这样，没有改动，未作记录",
                    "the mark of \(student) in \(course) on \(day) is already so: nothing changed, nothing recorded", language)
                return
            }
            Console.say("已更正考勤（记入改动记录）：", "attendance corrected (kept in the history):", language)
            print("  " + attendanceChangeLine(change, language))
            try printFiguresFollow(book, student: student, before: before, language)
        }
    }
}

/// `S000001 张三 X0001 2024-09-03：出勤 → 请假` / `S000001 张三 X0001 2024-09-03: present → leave`.
func attendanceChangeLine(_ c: AttendanceChange, _ language: Language) -> String {
    let old = AttendanceChange.word(c.old, language)
    let new = AttendanceChange.word(c.new, language)
    return language == .zh
        ? "\(c.studentId) \(c.studentName) \(c.courseId) \(c.date)：\(old) → \(new)"
        : "\(c.studentId) \(c.studentName) \(c.courseId) \(c.date): \(old) → \(new)"
}

/// The family's charge and balance before → after, when they changed (a charge settled by use).
func printFiguresFollow(_ book: Ledger, student: String, before: StudentStatement?, _ language: Language) throws {
    let text = ClerkText(language: language)
    guard let before, let after = try familyStatement(book, student) else { return }
    guard after.balance != before.balance || after.charged != before.charged else {
        Console.say("  \(student) 的费用不变", "  the figures of \(student) do not change", language)
        return
    }
    Console.say(
        "  \(student) 的费用随之重算：应收 \(before.charged.formatted()) → \(after.charged.formatted()) 元，结余 \(text.balance(before.balance)) → \(text.balance(after.balance))",
        "  the figures of \(student) follow: charged \(before.charged.formatted()) → \(after.charged.formatted()), balance \(text.balance(before.balance)) → \(text.balance(after.balance))",
        language)
}
