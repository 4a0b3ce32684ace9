import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports

/// Options of the commands that write one workbook.
struct WorkbookOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(zh: "工作簿写到哪里（默认：reports 文件夹）。", en: "Where to write the workbook (default: reports/NAME.xlsx).", valueName: "file.xlsx"))
    var out: String?

    func validate() throws {
        if let out, !out.lowercased().hasSuffix(".xlsx") {
            throw ValidationError(Tuoguan.text("--out 须是以 .xlsx 结尾的文件：\(out)", "--out must name an .xlsx file: \(out)"))
        }
    }
}

/// Writes one workbook and says where.
func writeWorkbook(
    _ options: LedgerOptions, out: String?, name: (Language) -> String,
    write: (ReportInput, String) throws -> Void
) throws {
    let language = options.language
    let path = try prepareOutput(out, defaultName: name(options.workbookLanguage))
    let clock = Stopwatch()
    // The families a range of students at a time, as `report --all` reads them.
    try ReportContext.withFamiliesInRanges(options) { input in
        Console.progress(language == .zh ? "正在写入 \(path) …" : "writing \(path) …")
        try write(input, path)
    }
    Console.endProgress()
    Console.say("已写入 \(path)（用时 \(clock.seconds(.zh))）", "wrote \(path) (in \(clock.seconds))", language)
}

extension Tuoguan {
    struct Statement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("学期结算单（财经小组）", "The term statement for the finance committee."),
            discussion: Tuoguan.text("示例：tuoguan statement --db school.sqlite --out reports/结算单.xlsx   （或加 --json）", "Example: tuoguan statement --db school.sqlite --out reports/结算单.xlsx   (or --json)"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出结算单（金额以分计），不写工作簿。", en: "Print the statement as JSON (amounts in fen) instead of writing a workbook."))
        var json = false

        func run() throws {
            if json {
                return try JSONDocuments.printStatement(try ledger.open(readOnly: true))
            }
            try writeWorkbook(ledger, out: workbook.out, name: { Workbooks.Kind.statement.fileName($0) }, write: Workbooks.writeStatement)
        }
    }

    struct Workload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("教师工作量及课酬（校长）", "Teacher workload and pay for the principal."),
            discussion: Tuoguan.text("示例：tuoguan workload --db school.sqlite   （或加 --json）", "Example: tuoguan workload --db school.sqlite   (or --json)"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出教师课酬（金额以分计），不写工作簿。", en: "Print the teachers' pay as JSON (amounts in fen) instead of writing a workbook."))
        var json = false

        func run() throws {
            if json { return JSONOutput.print(JSONDocuments.workload(try ReportContext(ledger, needRecords: false).result)) }
            try writeWorkbook(ledger, out: workbook.out, name: { Workbooks.Kind.workload.fileName($0) }, write: Workbooks.writeWorkload)
        }
    }

    struct Disclosure: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("收支公示（全体家长）", "Income and spending disclosure for all parents (no child's name)."),
            discussion: Tuoguan.text("示例：tuoguan disclosure --db school.sqlite", "Example: tuoguan disclosure --db school.sqlite"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        func run() throws {
            try writeWorkbook(ledger, out: workbook.out, name: { Workbooks.Kind.disclosure.fileName($0) }, write: Workbooks.writeDisclosure)
        }
    }

    struct Refunds: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("退费登记表（会计）", "The refund register for the clerk."),
            discussion: Tuoguan.text("示例：tuoguan refunds --db school.sqlite", "Example: tuoguan refunds --db school.sqlite"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        func run() throws {
            try writeWorkbook(ledger, out: workbook.out, name: { Workbooks.Kind.refundRegister.fileName($0) }, write: Workbooks.writeRefundRegister)
        }
    }

    struct Subsidy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("课时补贴申报", "The per-student-hour subsidy claim for the budget holder."),
            discussion: Tuoguan.text("示例：tuoguan subsidy --db school.sqlite", "Example: tuoguan subsidy --db school.sqlite"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        func run() throws {
            try writeWorkbook(ledger, out: workbook.out, name: { Workbooks.Kind.subsidyClaim.fileName($0) }, write: Workbooks.writeSubsidyClaim)
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("合规检查", "Check every limit of the plan (enrollment, group size, budget, outside share)."),
            discussion: Tuoguan.text("示例：tuoguan check --db school.sqlite   （或加 --json；无论结果退出码都是 0，是否通过见检查结果）", "Example: tuoguan check --db school.sqlite   (or --json; exits 0 either way, the findings say pass or fail)"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出检查结果，不写工作簿。", en: "Print the findings as JSON instead of writing a workbook."))
        var json = false
        func run() throws {
            if json {
                return JSONOutput.print(JSONDocuments.findings(try ReportContext(ledger, needRecords: false).result, language: ledger.language))
            }
            var result: TermResult?
            try writeWorkbook(ledger, out: workbook.out, name: { Workbooks.Kind.findings.fileName($0) }) { input, path in
                try Workbooks.writeFindings(input, to: path)
                result = input.result
            }
            if let result { summarize(result) }
        }

        /// `8 项检查，2 项未通过：` and each failure, under the workbook's path.
        func summarize(_ result: TermResult) {
            let failed = result.findings.filter { !$0.passed }
            let language = ledger.language
            Console.say(
                failed.isEmpty ? "\(result.findings.count) 项检查，全部通过" : "\(result.findings.count) 项检查，\(failed.count) 项未通过：",
                failed.isEmpty ? "\(result.findings.count) checks, all passed" : "\(result.findings.count) checks, \(failed.count) failed:",
                language)
            for finding in failed { print("  ✗ \(finding.message.text(language))") }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("一次写出全部六份工作簿", "Write all six workbooks at once."),
            discussion: Tuoguan.text("示例：tuoguan report --all --out reports/2024-autumn", "Example: tuoguan report --all --out reports/2024-autumn"))
        @Flag(name: .long, help: ArgumentHelp(zh: "全部工作簿（目前只有这一种方式；写在脚本里更清楚）。", en: "All workbooks (the only mode for now; kept for clarity in scripts)."))
        var all = false
        @Option(name: .long, help: ArgumentHelp(zh: "写到哪个文件夹。", en: "The folder to write into.", valueName: "dir"))
        var out: String = "reports"
        @OptionGroup var ledger: LedgerOptions

        func validate() throws {
            if !all { throw ValidationError(Tuoguan.text("请加 --all（写出全部工作簿）；只要一份请用 statement、workload、disclosure、refunds、subsidy 或 check", "say --all; for one workbook use statement, workload, disclosure, refunds, subsidy or check")) }
        }

        func run() throws {
            let clock = Stopwatch()
            try createFolder(out)
            _ = try prepareOutput(out + "/x.xlsx", defaultName: "")
            let paths = try ReportContext.withFamiliesInRanges(ledger) { try Workbooks.writeAll($0, toDirectory: out) }
            for p in paths { print(p) }
            Console.say("已写入 \(paths.count) 份工作簿到 \(out)（用时 \(clock.seconds(.zh))）", "wrote \(paths.count) workbooks to \(out) (in \(clock.seconds))", ledger.language)
        }
    }
}
