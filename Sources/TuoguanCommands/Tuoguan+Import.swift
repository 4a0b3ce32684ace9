import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

extension ImportKind: ExpressibleByArgument {
    /// `students` or `学生` (and the other words of ``SchoolWords/importKind(_:)``).
    public init?(argument: String) {
        guard let kind = SchoolWords.importKind(argument) else { return nil }
        self = kind
    }

    /// The kinds as help and errors list them: 学生, 教师 … in Chinese, students, teachers … in English.
    public static var allValueStrings: [String] {
        Tuoguan.language == .zh ? allCases.map(\.chineseName) : allCases.map(\.rawValue)
    }
}

extension Tuoguan {
    /// `tuoguan import KIND FILE`: one file of one kind, all or nothing.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("导入名单、课程、考勤、收款等", "Import one CSV or .xlsx file of one kind, all or nothing."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan import 考勤 考勤.csv --db school.sqlite --dry-run
                各类文件的列见 README.md；中文表头（学号、姓名、金额 …）、中文词（在编、微信支付、√ …）都可以用。
                考勤也可以是班主任的考勤表：学号、姓名，每个日期一列（9月2日），格子里写 √、假、×。
                """,
                """
                KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).
                Example: tuoguan import attendance 考勤.csv --db school.sqlite --dry-run
                Columns are documented in README.md; Chinese headers (学号, 姓名, 金额 …) are accepted.
                """))

        @Argument(help: ArgumentHelp(zh: "文件的内容（中文或英文名称都可以）。", en: "What the file holds."))
        var kind: ImportKind

        @Argument(help: ArgumentHelp(zh: "CSV 文件（UTF-8 或 GB18030，逗号或制表符分隔）或 .xlsx 工作簿。", en: "A .csv (UTF-8, UTF-8 with BOM or GB18030; comma or tab) or .xlsx file."))
        var file: String

        @Flag(name: .long, help: ArgumentHelp(zh: "只检查文件、报告会有哪些改动，不改动账本。", en: "Check the file and report what would change, changing nothing."))
        var dryRun = false

        @Flag(name: .long, help: ArgumentHelp(zh: "显示全部错误（默认：每类只显示前 20 个，再给出总数）。", en: "Show every error (by default: the first 20 of each kind, then a count)."))
        var allErrors = false

        @Option(name: .long, help: ArgumentHelp(
            zh: "班主任考勤表的课程（表中没有“课程”列、工作表也不以课程命名时）。",
            en: "The course of a class teacher's attendance sheet with no 课程 column and not named after a course.",
            valueName: "course"))
        var course: String?

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let language = ledger.language
            guard FileManager.default.fileExists(atPath: file) else {
                throw TuoguanError(
                    .fileMissing, zh: "找不到文件 \(file)", en: "file \(file) not found",
                    fix: LocalizedText(zh: "检查文件路径", en: "check the path"), at: SourceLocation(file: file))
            }
            let clock = Stopwatch()
            let book = try ledger.open()
            Console.progress(language == .zh ? "正在导入 \(file) …" : "importing \(file) …")
            let report = try book.importFile(kind, path: file, dryRun: dryRun, by: recorder.name, course: course)
            Console.endProgress()
            for warning in report.warnings { Console.warn(warning.rendered(language)) }
            let verbZh = dryRun ? "试导入（未改动账本）" : "已导入"
            let verbEn = dryRun ? "would import (dry run, nothing changed)" : "imported"
            Console.say(
                "\(verbZh)\(kind.chineseName)：读取 \(report.rowsRead) 行，新增 \(report.inserted) 条，未变 \(report.unchanged) 条，用时 \(clock.seconds(.zh))",
                "\(verbEn) \(kind.rawValue): \(report.rowsRead) rows read, \(report.inserted) new, \(report.unchanged) unchanged, in \(clock.seconds)",
                language)
        }
    }
}
