import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension ImportKind: ExpressibleByArgument {
    /// `students` or `学生` (and the other words of ``SchoolWords/importKind(_:)``).
    public init?(argument: String) {
        guard let kind = SchoolWords.importKind(argument) else { return nil }
        self = kind
    }
}

extension Tuoguan {
    /// `tuoguan import KIND FILE`: one file of one kind, all or nothing.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入名单、课程、考勤、收款等 / Import one CSV or .xlsx file of one kind, all or nothing.",
            discussion: """
                KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).
                Example: tuoguan import attendance 考勤.csv --db school.sqlite --dry-run
                Columns are documented in README.md; Chinese headers (学号, 姓名, 金额 …) are accepted.
                """)

        @Argument(help: "What the file holds.")
        var kind: ImportKind

        @Argument(help: "A .csv (UTF-8, UTF-8 with BOM or GB18030; comma or tab) or .xlsx file.")
        var file: String

        @Flag(name: .long, help: "Check the file and report what would change, changing nothing.")
        var dryRun = false

        @Flag(name: .long, help: "Show every error (by default: the first 20 of each kind, then a count).")
        var allErrors = false

        @Option(name: .long, help: ArgumentHelp(
            "The course of a class teacher's attendance sheet with no 课程 column and not named after a course.",
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
