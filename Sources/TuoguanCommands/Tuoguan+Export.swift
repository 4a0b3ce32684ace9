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
            if let out, out.isEmpty { throw usageError("--out 不能为空", "--out is empty", flag: "--out") }
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

/// The export's steps: the header, every account, every money record, the term's figures, the closing
/// balances, written in that order as each is made.
struct BookExport {
    let rules: PlanRules
    let format: BookFormat
    let language: Language

    func write(_ source: BookSource, to sink: BookFile) throws -> (transactions: Int, assertions: Int) {
        let result = try TermComputation.compute(rules: rules, facts: try source.termFacts())
        try TermInvariants.check(result)
        let dates = try source.recordDates()
        let opening = Books.openingDate(rules: rules, firstRecord: dates.first)
        let closing = Books.closingDate(rules: rules, lastRecord: dates.last)
        var writer = BookWriter(
            format: format, language: language,
            poolNames: Dictionary(rules.split.pools.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        try sink.write(writer.header(school: result.school, term: rules.termTitle, opening: opening))
        for subtree in Books.assertedSubtrees(result) { try sink.write(writer.declaration(subtree, opening: opening)) }
        try Books.forEachAccount(result, expensePayees: try source.expensePayees()) { account in
            try sink.write(writer.declaration(account, opening: opening))
        }
        try sink.write("\n")
        var transactions = 0
        try source.forEachRecord { record in
            transactions += 1
            try sink.write(writer.transaction(Books.transaction(for: record)))
        }
        try Books.forEachClosingTransaction(result, date: closing) { t in
            transactions += 1
            try sink.write(writer.transaction(t))
        }
        var assertions = 0
        try Books.forEachAssertion(result, date: closing.adding(days: 1)) { a in
            assertions += 1
            try sink.write(writer.assertion(a))
        }
        return (transactions, assertions)
    }
}

/// Where the export goes: standard output, or a file written beside its place and renamed into it at the end
/// (a failed export leaves no half file). Bytes go out in pieces of about a megabyte.
final class BookFile {
    private let path: String?
    private let partPath: String?
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        guard let path else {
            partPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let part = path + ".part"
        guard FileManager.default.createFile(atPath: part, contents: nil), let h = FileHandle(forWritingAtPath: part) else {
            throw TuoguanError(
                .fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)",
                fix: LocalizedText(zh: "换一个可写的位置（--out）", en: "choose a writable place with --out"),
                at: SourceLocation(key: "--out"))
        }
        partPath = part
        handle = h
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TuoguanError(
                .fileUnwritable, zh: "写入 \(path ?? "标准输出") 失败：\(error.localizedDescription)",
                en: "writing \(path ?? "standard output") failed: \(error.localizedDescription)",
                fix: LocalizedText(zh: "检查磁盘空间与写入权限", en: "check the disk space and the permissions"),
                at: SourceLocation(key: "--out"))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in its place.
    func finish() throws {
        try flush()
        guard let path, let partPath else { return }
        try? handle.close()
        guard rename(partPath, path) == 0 else {
            throw TuoguanError(
                .fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)",
                fix: LocalizedText(zh: "换一个可写的位置（--out）", en: "choose a writable place with --out"),
                at: SourceLocation(key: "--out"))
        }
    }

    /// Removes the half-written file.
    func discard() {
        guard let partPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partPath)
    }
}
