import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports

extension Tuoguan {
    /// `tuoguan notices`: the families' payment and settlement notices (缴费/结算通知单), one sheet per class,
    /// or one class for its teacher with `--class`.
    struct Notices: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("缴费/结算通知单（每户一份，按班打印）", "A payment and settlement notice per family, by class."),
            discussion: Tuoguan.text("示例：tuoguan notices --class 1年级1班 --db school.sqlite   （不加 --class：每个班一张工作表）", "Example: tuoguan notices --class 1年级1班 --db school.sqlite   (without --class: every class, a sheet each)"))
        @OptionGroup var ledger: LedgerOptions
        @Option(name: .customLong("class"), help: ArgumentHelp(zh: "只打印这个班（与学生名单中的写法相同）。", en: "Only this class (as in the students file).", valueName: "class"))
        var className: String?
        @Flag(name: .long, help: ArgumentHelp(zh: "每户都打印（默认只打印需要补缴或退费的家庭）。", en: "A notice for every family (default: only families with something to pay or collect)."))
        var all = false
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
                count = try Workbooks.writeNotices(context.input, className: className, everyFamily: all, to: path)
            } catch var error as TuoguanError where error.code == .unknownReference {
                Console.endProgress()
                // A flag's value that names nothing: a usage error, as `owed --class` says it.
                error.code = .usage
                error.location = SourceLocation(key: "--class")
                throw error
            }
            Console.endProgress()
            if count == 0 {
                try? FileManager.default.removeItem(atPath: path)
                Console.say(
                    "没有需要补缴或退费的家庭，未写通知单（每户都要时加 --all）",
                    "no family has anything to pay or collect: no notices written (--all for every family)", language)
                return
            }
            Console.say(
                "已写入 \(path)：\(count) 份通知单（用时 \(clock.seconds(.zh))）", "wrote \(path): \(count) notices (in \(clock.seconds))",
                language)
        }

        /// A class name as part of a file name: `/` and `\` become `-`.
        static func fileSafe(_ name: String) -> String {
            String(name.map { $0 == "/" || $0 == "\\" ? "-" : $0 })
        }
    }
}
