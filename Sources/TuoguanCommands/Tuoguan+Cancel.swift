import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan cancel`: cancel a day or some sessions for force majeure and refund everyone affected.
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("停课并为受影响家庭退费", "Cancel a day or sessions (force majeure) and refund every family affected."),
            discussion: Tuoguan.text(
                """
                一次完成：当天的课次标为停课，每个受影响的家庭按其收费政策退费。再运行一次不会重复退费。
                示例：tuoguan cancel --date 2024-11-05 --reason 台风 --note "区教育局停课通知"
                """,
                """
                One transaction: the sessions are marked cancelled and each affected family gets the refund its
                policy gives. Running it again does nothing.
                Example: tuoguan cancel --date 2024-11-05 --reason 台风 --note "区教育局停课通知"
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "停课的日期。", en: "The day to cancel."))
        var date: CivilDate
        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(zh: "只停这些课程（默认：当天所有课程）。", en: "Only these courses (default: every course that day)."))
        var course: [String] = []
        @Option(name: .long, help: ArgumentHelp(zh: "停课原因（天气、疫情、运动会 …）。", en: "Why (天气, 疫情, 运动会 …)."))
        var reason: String
        @Option(name: .long, help: ArgumentHelp(zh: "所有退费共用的备注。", en: "A note shared by all the refunds."))
        var note: String = ""
        @Option(name: .long, help: ArgumentHelp(zh: "退费编号的前缀（默认：CX-日期）。", en: "Prefix of the refund ids (default: CX-<date>)."))
        var idPrefix: String?

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let language = ledger.language
            let book = try ledger.open()
            let report = try book.cancel(
                date: date, courseIds: course.isEmpty ? nil : course, reason: reason, note: note.isEmpty ? reason : note,
                refundIdPrefix: idPrefix ?? "CX-\(date)", by: recorder.name)
            var total = Money.zero
            for r in report.refunds {
                total = try total + r.amount
                print("\(r.refundId)\t\(r.studentId)\t\(r.studentName)\t\(r.courseId)\t\(r.courseName)\t\(r.lessons)\t\(r.amount.formatted())")
            }
            if report.sessionsCancelled == 0 {
                // Run again: the store recorded nothing; the lines above are the refunds recorded the first time.
                Console.say(
                    "\(date) 已停课过（当时退费 \(report.refunds.count) 笔，共 \(total.formatted()) 元）：这次什么都没有做",
                    "\(date) was already cancelled (with \(report.refunds.count) refunds, \(total.formatted()) in all, at the time): nothing was done now",
                    language)
                return
            }
            Console.say(
                "\(date) 停课 \(report.sessionsCancelled) 节，退费 \(report.refunds.count) 笔，共 \(total.formatted()) 元",
                "\(date): \(report.sessionsCancelled) sessions cancelled, \(report.refunds.count) refunds, \(total.formatted()) in all",
                language)
        }
    }
}
