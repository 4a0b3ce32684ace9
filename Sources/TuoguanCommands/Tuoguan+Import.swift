import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension ImportKind: ExpressibleByArgument {}

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
            let report = try book.importFile(kind, path: file, dryRun: dryRun, by: recorder.name)
            Console.endProgress()
            for warning in report.warnings { Console.warn(warning.rendered(language)) }
            let verbZh = dryRun ? "将导入（试运行，未改动）" : "已导入"
            let verbEn = dryRun ? "would import (dry run, nothing changed)" : "imported"
            Console.say(
                "\(verbZh) \(kind.rawValue)：读取 \(report.rowsRead) 行，新增 \(report.inserted)，未变 \(report.unchanged)，用时 \(clock.seconds)",
                "\(verbEn) \(kind.rawValue): \(report.rowsRead) rows read, \(report.inserted) new, \(report.unchanged) unchanged, in \(clock.seconds)",
                language)
        }
    }
}
