import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan schedule`: every session of every course made from the course's weekdays and times and the
    /// term's days (service weekdays, `no_service`, `make_up_days` and the weekday each follows).
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("按课程的上课星期和时间、学期的停课日和调休日排出全学期的课次", "Make every course's sessions from its weekdays and times and the term's days."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan schedule            （所有课程；先加 --dry-run 看看会排多少节）
                      tuoguan schedule --course X0001
                排出的课次为“待上”：当天过后即算已上课（或登记考勤时即为已上课）。再运行一次（或改了课程的星期、时间、
                教师）只重排今天起尚无任何记录的课次；已登记考勤、停课或改过的课次不动。自己排课表的学校可以不用本命令，
                照旧导入课次文件（tuoguan import sessions）。
                """,
                """
                Example: tuoguan schedule            (every course; try --dry-run first)
                         tuoguan schedule --course X0001
                The sessions made are scheduled: held once their day has passed (or as soon as attendance is
                recorded for them). Running it again (or changing a course's weekdays, times or teacher) re-makes
                only the sessions from today on with nothing recorded; sessions with attendance, cancelled or
                edited are kept. A school that keeps its own timetable need not use it: import a sessions file.
                """))
        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(zh: "只排这些课程（默认：所有课程）。", en: "Only these courses (default: every course)."))
        var course: [String] = []
        @Flag(name: .long, help: ArgumentHelp(zh: "只显示会排出什么，不写入账本。", en: "Show what would be made; write nothing."))
        var dryRun = false
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let language = ledger.language
            let w = ClerkText(language: language)
            let book = try ledger.open()
            let made = try book.makeTimetable(courseIds: course.isEmpty ? nil : course, dryRun: dryRun, by: recorder.name)
            guard !made.isEmpty else {
                throw TuoguanError(
                    .unknownReference, zh: "账本中还没有课程", en: "the ledger has no course yet",
                    fix: LocalizedText(zh: "先导入课程（tuoguan import courses 课程.csv）", en: "import the courses first (tuoguan import courses courses.csv)"))
            }
            for t in made { print(Self.line(t, w)) }
            let total = made.reduce(0) { $0 + $1.made }
            let removed = made.reduce(0) { $0 + $1.removed }
            let head = dryRun ? w.t("（试运行，未写入）", "(dry run, nothing written) ") : ""
            Console.say(
                "\(head)\(made.count) 门课程：新排 \(total) 节，删去 \(removed) 节",
                "\(head)\(made.count) courses: \(total) sessions made, \(removed) removed", language)
        }

        /// `X0001 美术（周二、周四 15:30–16:10，教师 T01）：新排 32 节 …`
        static func line(_ t: CourseTimetable, _ w: ClerkText) -> String {
            let c = t.course
            let zhDays = c.weekdays.map { "周" + ["一", "二", "三", "四", "五", "六", "日"][max(0, min(6, $0 - 1))] }.joined(separator: "、")
            let enDays = c.weekdays.map { ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][max(0, min(6, $0 - 1))] }.joined(separator: ", ")
            let times = "\(clockText(c.start))–\(clockText(c.end))"
            let span = t.first.map { first in w.t("（\(first) 至 \(t.last ?? first)）", " (\(first) to \(t.last ?? first))") } ?? ""
            return w.t(
                "\(c.id) \(c.name)（\(zhDays) \(times)，教师 \(c.teacherId)）：新排 \(t.made) 节，未变 \(t.unchanged) 节，删去 \(t.removed) 节，保留已有记录的 \(t.kept) 节；全学期共 \(t.total) 节\(span)",
                "\(c.id) \(c.name) (\(enDays) \(times), teacher \(c.teacherId)): \(t.made) made, \(t.unchanged) unchanged, \(t.removed) removed, \(t.kept) with records kept; \(t.total) in the term\(span)")
        }
    }
}
