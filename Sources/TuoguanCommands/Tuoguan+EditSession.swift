import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan edit session COURSE DATE`: a substitute (代课), a moved session (调课) or other times.
    struct EditSession: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "session", abstract: Tuoguan.text("更改一节课：代课教师、调课日期或上课时间", "Change one session: a substitute teacher, another day or other times."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan edit session X0001 2024-09-10 --teacher T02 --note "王老师病假，李老师代课"
                      tuoguan edit session X0001 2024-09-10 --date 2024-09-12 --note "运动会调课"
                工作量点数和课酬跟着实际上课的教师走；改动记入课程的改动记录（tuoguan show course X0001）。
                """,
                """
                Example: tuoguan edit session X0001 2024-09-10 --teacher T02 --note "王老师病假，李老师代课"
                         tuoguan edit session X0001 2024-09-10 --date 2024-09-12 --note "运动会调课"
                The workload points and pay follow whoever taught; the change is kept in the course's history
                (tuoguan show course X0001).
                """))
        @Argument(help: ArgumentHelp(zh: "课程编号。", en: "Course id.")) var course: String
        @Argument(help: ArgumentHelp(zh: "课次的日期。", en: "The session's day.")) var date: CivilDate
        @Option(name: .long, help: ArgumentHelp(zh: "实际上课（代课）教师的工号。", en: "Teacher id of whoever taught it (a substitute).")) var teacher: String?
        @Option(name: .customLong("date"), help: ArgumentHelp(zh: "调到的新日期。", en: "The day it moves to.")) var newDate: CivilDate?
        @Option(name: .long, help: ArgumentHelp(zh: "新的开始时间，如 16:30。", en: "New start time, e.g. 16:30.")) var start: String?
        @Option(name: .long, help: ArgumentHelp(zh: "新的结束时间，如 17:10。", en: "New end time, e.g. 17:10.")) var end: String?
        @OptionGroup var edit: EditOptions
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let change = SessionEdit(
                teacherId: teacher, date: newDate, start: try start.map { try clockMinutes($0, flag: "--start") },
                end: try end.map { try clockMinutes($0, flag: "--end") })
            guard change != SessionEdit() else {
                throw TuoguanError(
                    .usage, zh: "没有指定要改什么", en: "nothing to change was given",
                    fix: LocalizedText(zh: "至少给出其中一项：--teacher, --date, --start, --end", en: "give at least one of --teacher, --date, --start, --end"))
            }
            let book = try ledger.open()
            let changes = try book.editSession(courseId: course, date: date, change, note: edit.note ?? "", by: edit.recorder.name)
            let w = ClerkText(language: ledger.language)
            if changes.isEmpty {
                return Console.say("\(course) \(date) 的课次已是这样，没有改动，未作记录", "the session of \(course) on \(date) is already so: nothing changed, nothing recorded", ledger.language)
            }
            Console.say("已更改 \(course) \(date) 的课次（记入改动记录）：", "changed the session of \(course) on \(date) (kept in the history):", ledger.language)
            for c in changes where !(c.field.hasSuffix(":date") && c.field.hasPrefix("session:\(change.date?.description ?? "-")")) {
                print("  " + w.change(c, rules: book.rules))
            }
            if teacher != nil {
                Console.say("  工作量点数和课酬记在实际上课的教师名下（tuoguan workload 即为新数）", "  the workload points and pay go to whoever taught (tuoguan workload shows the new figures)", ledger.language)
            }
        }
    }
}

/// `16:30` → 990; a usage error naming the flag otherwise.
func clockMinutes(_ text: String, flag: String) throws -> Int {
    let parts = text.replacingOccurrences(of: "：", with: ":").split(separator: ":")
    if parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) {
        return h * 60 + m
    }
    throw usageError("时间“\(text)”无法识别，应写成 16:30", "time \"\(text)\" is not valid: write it like 16:30", flag: flag)
}
