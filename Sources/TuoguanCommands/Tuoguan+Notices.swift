import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports

extension Tuoguan {
    /// `tuoguan notices`: the families' payment and settlement notices (缴费/结算通知单), one sheet per class,
    /// or one class for its teacher with `--class`.
    struct Notices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "缴费/结算通知单（每户一份，按班打印） / A payment and settlement notice per family, by class.",
            discussion: "Example: tuoguan notices --class 1年级1班 --db school.sqlite   (without --class: every class, a sheet each)")
        @OptionGroup var ledger: LedgerOptions
        @Option(name: .customLong("class"), help: ArgumentHelp("Only this class (as in the students file).", valueName: "class"))
        var className: String?
        @OptionGroup var workbook: WorkbookOptions

        func run() throws {
            let language = ledger.language
            let kind = Workbooks.Kind.notices
            let name = { (lang: Language) -> String in
                guard let className else { return kind.fileName(lang) }
                return String(kind.fileName(lang).dropLast(".xlsx".count)) + "-" + Notices.fileSafe(className) + ".xlsx"
            }
            let path = try prepareOutput(workbook.out, defaultName: name(ledger.workbookLanguage))
            let clock = Stopwatch()
            let context = try ReportContext(ledger, needRecords: false)
            Console.progress(language == .zh ? "正在写入 \(path) …" : "writing \(path) …")
            let count: Int
            do {
                count = try Workbooks.writeNotices(context.input, className: className, to: path)
            } catch var error as TuoguanError where error.code == .unknownReference {
                Console.endProgress()
                error.location = SourceLocation(key: "--class")
                throw error
            }
            Console.endProgress()
            Console.say(
                "已写入 \(path)：\(count) 份通知单（用时 \(clock.seconds)）", "wrote \(path): \(count) notices (in \(clock.seconds))",
                language)
        }

        /// A class name as part of a file name: `/` and `\` become `-`.
        static func fileSafe(_ name: String) -> String {
            String(name.map { $0 == "/" || $0 == "\\" ? "-" : $0 })
        }
    }
}
