import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan withdraw`: a student leaves a course on a date, refunded by the policy's granularity.
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("学生退课并按政策退费", "A student leaves a course on a date; refunded as the policy says."),
            discussion: Tuoguan.text("示例：tuoguan withdraw --student S000001 --course X0001 --date 2024-11-01 --id TK001", "Example: tuoguan withdraw --student S000001 --course X0001 --date 2024-11-01 --id TK001"))

        @Option(name: .long, help: ArgumentHelp(zh: "学号。", en: "Student id (学号)."))
        var student: String
        @Option(name: .long, help: ArgumentHelp(zh: "课程编号。", en: "Course id."))
        var course: String
        @Option(name: .long, help: ArgumentHelp(zh: "学生不再上课的第一天。", en: "First day the student no longer attends."))
        var date: CivilDate
        @Option(name: .long, help: ArgumentHelp(zh: "由此产生的退费的编号。", en: "Refund number for the refund this gives."))
        var id: String

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let book = try ledger.open()
            let report = try book.withdraw(studentId: student, courseId: course, on: date, refundId: id, by: recorder.name)
            switch report.outcome {
            case .recorded:
                Console.say(
                    "\(student) 自 \(date) 退出 \(course)，退费 \(report.refund.formatted()) 元（\(report.refund.uppercase)）",
                    "\(student) leaves \(course) from \(date); refund \(report.refund.formatted())", ledger.language)
            case .alreadyRecorded:
                Console.say("该退课已登记过，未改动", "this withdrawal was already recorded; nothing changed", ledger.language)
            }
        }
    }
}
