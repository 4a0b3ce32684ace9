import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanStore

extension BookFormat: ExpressibleByArgument {}

extension Tuoguan {
    /// `tuoguan export --format hledger|beancount`: the term's books in double entry for the accountants' own
    /// tools, every money record with its id, the term's figures and the statement's balances asserted
    /// (README, "Books for accountants"). Written as it goes: to `--out` (whole or not at all), else stdout.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text(
                "导出复式账（hledger 或 Beancount），由会计自己的软件核对", "Export the books in double entry for hledger or Beancount."),
            discussion: Tuoguan.text(
                "示例：tuoguan export --format hledger --out term.journal，然后 hledger -f term.journal check -s、hledger -f term.journal bal 负债:家长预收\n      tuoguan export --format beancount --out term.beancount，然后 bean-check term.beancount\n科目名默认为中文，--lang en 为英文。",
                "Example: tuoguan export --format hledger --out term.journal, then hledger -f term.journal check -s\n         tuoguan export --format beancount --out term.beancount --lang en, then bean-check term.beancount\nAccount names are Chinese unless --lang en."))
        @OptionGroup var ledger: LedgerOptions
        @Option(name: .long, help: ArgumentHelp(zh: "格式：hledger 或 beancount。", en: "The format: hledger or beancount.", valueName: "format"))
        var format: BookFormat
        @Option(name: .long, help: ArgumentHelp(zh: "写入的文件（默认：输出到屏幕）。", en: "The file to write (default: standard output).", valueName: "file"))
        var out: String?

        func validate() throws {
            if let out, out.isEmpty { throw ValidationError(Tuoguan.text("--out 不能为空：写上文件名，或不写 --out（输出到屏幕）", "--out is empty: name a file, or leave --out out (standard output)")) }
        }

        func run() throws {
            let path = try out.map { try prepareOutput($0, defaultName: $0) }
            let book = try ledger.open(readOnly: true)
            let sink = try BookFile(path: path)
            let counts: (transactions: Int, assertions: Int)
            do {
                counts = try book.readBooks { source in
                    try BookExport(rules: book.rules, format: format, language: ledger.workbookLanguage).write(source, to: sink)
                }
                try sink.finish()
            } catch {
                sink.discard()
                throw error
            }
            guard let path else { return }
            Console.say(
                "已写出 \(path)：\(counts.transactions) 笔交易，\(counts.assertions) 项期末核对；核对：\(checkCommand(path))",
                "wrote \(path): \(counts.transactions) transactions, \(counts.assertions) closing balances; check: \(checkCommand(path))",
                ledger.language)
        }

        func checkCommand(_ path: String) -> String {
            switch format {
            case .hledger: return "hledger -f \(path) check -s"
            case .beancount: return "bean-check \(path)"
            }
        }
    }
}
