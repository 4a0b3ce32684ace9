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
                考勤也可以是班主任的考勤表：学号、姓名，每个日期一列（9月2日、9/2、2024-09-02 或 Excel 日期格），格子里写 √、假、×；
                工作簿的每张表（一班一张）都会读入，--sheet 只读一张。更正过的考勤表用 --replace --note 原因 重新导入。
                有“姓名”列时核对姓名与学号是否一致。
                """,
                """
                KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).
                Example: tuoguan import attendance 考勤.csv --db school.sqlite --dry-run
                Columns are documented in README.md; Chinese headers (学号, 姓名, 金额 …) are accepted.
                Attendance may be a class teacher's sheet (学号, 姓名, one column a date: 9月2日, 9/2, 2024-09-02 or
                an Excel date cell); every sheet of a workbook is read, --sheet reads one. A corrected sheet is
                imported again with --replace --note WHY. A 姓名 column is checked against the ids.
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

        @Option(name: .long, help: ArgumentHelp(
            zh: "只导入工作簿中的这一张工作表（默认：名为“考勤”等的表，否则每张有表头的表）。",
            en: "Import only this sheet of the workbook (default: the sheet named like the kind, else every sheet with the kind's header).",
            valueName: "name"))
        var sheet: String?

        @Flag(name: .long, help: ArgumentHelp(
            zh: "考勤：文件中与已登记不同的考勤以文件为准（逐条列出改动，记入改动记录；需 --note）。",
            en: "Attendance: where the file's mark differs from the recorded one, the file's replaces it (every change listed and kept in the history; needs --note)."))
        var replace = false

        @Option(name: .long, help: ArgumentHelp(zh: "更正的原因（与 --replace 一起用，记入改动记录）。", en: "Why (with --replace; kept in the history)."))
        var note: String?

        @Flag(name: .long, help: ArgumentHelp(
            zh: "不核对“姓名”列与学号是否一致（姓名是小名、曾用名时用）。",
            en: "Do not check the 姓名 (name) column against the 学号 (for nicknames and former names)."))
        var ignoreNames = false

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func checkFlags() throws {
            if replace && kind != .attendance {
                throw usageError(
                    "--replace 只用于考勤：其他记录请用 tuoguan edit（基础数据）或 tuoguan correct（收退款）更正",
                    "--replace is for attendance only: correct other records with tuoguan edit (master data) or tuoguan correct (money)",
                    flag: "--replace")
            }
            if replace && (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw usageError(
                    "--replace 需要说明原因", "--replace needs a reason", flag: "--note",
                    fix: LocalizedText(zh: "加上 --note \"原因\"，如 --note \"班主任更正考勤表\"", en: "add --note \"why\", like --note \"class teacher corrected the sheet\""))
            }
            if sheet != nil && !file.lowercased().hasSuffix(".xlsx") {
                throw usageError("--sheet 只用于 .xlsx 工作簿", "--sheet is for .xlsx workbooks only", flag: "--sheet")
            }
        }

        func run() throws {
            try checkFlags()
            let language = ledger.language
            guard FileManager.default.fileExists(atPath: file) else {
                throw TuoguanError(
                    .fileMissing, zh: "找不到文件 \(file)", en: "file \(file) not found",
                    fix: LocalizedText(zh: "检查文件路径", en: "check the path"), at: SourceLocation(file: file))
            }
            let clock = Stopwatch()
            let book = try ledger.open()
            Console.progress(language == .zh ? "正在导入 \(file) …" : "importing \(file) …")
            let options = ImportOptions(course: course, sheet: sheet, replace: replace, note: note, ignoreNames: ignoreNames)
            let report = try book.importFile(kind, path: file, dryRun: dryRun, by: recorder.name, options: options)
            Console.endProgress()
            for warning in report.warnings { Console.warn(warning.rendered(language)) }
            if !report.changes.isEmpty {
                Console.say(
                    dryRun ? "将更正考勤 \(report.changes.count) 条（试导入，未改动）：" : "已更正考勤 \(report.changes.count) 条（记入改动记录）：",
                    dryRun ? "would correct \(report.changes.count) marks (dry run, nothing changed):" : "corrected \(report.changes.count) marks (kept in the history):",
                    language)
                for change in report.changes { print("  " + attendanceChangeLine(change, language)) }
            }
            if report.allAlreadyRecorded {
                Console.say(
                    "\(kind.chineseName)：全部 \(report.rowsRead) 行都已登记过，内容相同，本次没有新增（重复导入不会重复登记），用时 \(clock.seconds(.zh))",
                    "\(kind.rawValue): all \(report.rowsRead) rows already recorded, the same: nothing new (importing again records nothing twice), in \(clock.seconds)",
                    language)
                return
            }
            let verbZh = dryRun ? "试导入（未改动账本）" : "已导入"
            let verbEn = dryRun ? "would import (dry run, nothing changed)" : "imported"
            Console.say(
                "\(verbZh)\(kind.chineseName)：读取 \(report.rowsRead) 行，新增 \(report.inserted) 条，未变 \(report.unchanged) 条\(report.changes.isEmpty ? "" : "，更正 \(report.changes.count) 条")，用时 \(clock.seconds(.zh))",
                "\(verbEn) \(kind.rawValue): \(report.rowsRead) rows read, \(report.inserted) new, \(report.unchanged) unchanged\(report.changes.isEmpty ? "" : ", \(report.changes.count) corrected"), in \(clock.seconds)",
                language)
        }
    }
}
