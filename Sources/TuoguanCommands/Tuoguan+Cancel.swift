import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan cancel`: cancel a day or some sessions for force majeure and refund everyone affected.
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "停课并为受影响家庭退费 / Cancel a day or sessions (force majeure) and refund every family affected.",
            discussion: """
                One transaction: the sessions are marked cancelled and each affected family gets the refund its
                policy gives. Running it again does nothing.
                Example: tuoguan cancel --date 2024-11-05 --reason 台风 --note "区教育局停课通知"
                """)

        @Option(name: .long, help: "The day to cancel.")
        var date: CivilDate
        @Option(name: .long, parsing: .upToNextOption, help: "Only these courses (default: every course that day).")
        var course: [String] = []
        @Option(name: .long, help: "Why (天气, 疫情, 运动会 …).")
        var reason: String
        @Option(name: .long, help: "A note shared by all the refunds.")
        var note: String = ""
        @Option(name: .long, help: "Prefix of the refund ids (default: CX-<date>).")
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
            Console.say(
                "\(date) 停课 \(report.sessionsCancelled) 节，退费 \(report.refunds.count) 笔，共 \(total.formatted()) 元",
                "\(date): \(report.sessionsCancelled) sessions cancelled, \(report.refunds.count) refunds, \(total.formatted()) in all",
                language)
        }
    }
}
