import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanStore

extension Tuoguan {
    /// `tuoguan owed`: 催缴名单, the families who still owe, by class, largest first; the balances are the term
    /// statement's (one computation).
    struct Owed: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("催缴名单：仍欠费的家庭，按班级、金额从大到小", "Families who still owe, by class, largest first."),
            discussion: Tuoguan.text("示例：tuoguan owed --class 1年级1班   （或加 --json，或加 --xlsx [--out reports/催缴名单.xlsx]）", "Example: tuoguan owed --class 1年级1班   (or --json, or --xlsx [--out reports/催缴名单.xlsx])"))
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出名单（金额以分计）。", en: "Print the list as JSON (amounts in fen).")) var json = false
        @Flag(name: .long, help: ArgumentHelp(zh: "把名单写成工作簿（默认：reports/催缴名单.xlsx）。", en: "Write the list as a workbook (default: reports/催缴名单.xlsx).")) var xlsx = false
        @Option(name: .customLong("class"), help: ArgumentHelp(zh: "只列这个班（与学生名单中的写法相同）。", en: "Only this class (as in the students file).", valueName: "class"))
        var className: String?

        func run() throws {
            if json && (xlsx || workbook.out != nil) {
                throw usageError("--json 与 --xlsx 只能选一种", "--json and --xlsx: give one of them", flag: "--json")
            }
            if xlsx || workbook.out != nil {
                let className = self.className
                return try writeWorkbook(ledger, out: workbook.out, name: Workbooks.owedListFileName) { input, path in
                    try requireClass(className, input.result)
                    try Workbooks.writeOwedList(input, className: className, to: path)
                }
            }
            let context = try ReportContext(ledger, needRecords: false)
            let result = context.result
            let term = context.ledger.rules.termTitle
            try requireClass(className, result)
            let classes = try Workbooks.owedByClass(result, className: className)
            let unassigned = context.input.unassigned
            if json { return JSONOutput.print(try JSONDocuments.owed(result, classes, unassigned: unassigned)) }
            let w = ClerkText(language: ledger.language)
            defer { if let note = try? OwedUnassigned.line(unassigned, w) { print(note) } }
            let total = try Money.sum(classes.map(\.total))
            let count = classes.reduce(0) { $0 + $1.families.count }
            guard count > 0 else {
                let whom = className.map { w.t("\($0)", " in \($0)") } ?? ""
                return Console.say("\(result.school) \(term)：\(whom)没有欠费的家庭", "\(result.school) \(term): no family\(whom) owes anything", ledger.language)
            }
            print(w.t("\(result.school) \(term) 催缴名单：\(count) 户，共欠缴 \(total.formatted()) 元",
                      "\(result.school) \(term) families who owe: \(count), \(total.formatted()) in all"))
            for c in classes {
                print(w.t("\(c.className)（\(c.families.count) 户，共 \(c.total.formatted()) 元）", "\(c.className) (\(c.families.count), \(c.total.formatted()))"))
                for f in c.families {
                    print(w.t(
                        "  \(f.student.id) \(f.student.name)：欠缴 \(f.balance.formatted()) 元（应缴 \(f.due.formatted())，已缴 \(f.paid.formatted())，已退 \(f.refunded.formatted())）",
                        "  \(f.student.id) \(f.student.name): owes \(f.balance.formatted()) (due \(f.due.formatted()), paid \(f.paid.formatted()), refunded \(f.refunded.formatted()))"))
                }
            }
        }
    }
}

/// A `--class` that names no class of the students: a usage error listing some that exist.
private func requireClass(_ className: String?, _ result: TermResult) throws {
    guard let className, !result.students.contains(where: { $0.student.className == ClassName.canonical(className) }) else { return }
    var grades: [String: Int] = [:]
    for s in result.students { grades[s.student.className] = min(grades[s.student.className] ?? s.student.grade, s.student.grade) }
    let known = grades.keys.sorted {
        grades[$0]! != grades[$1]! ? grades[$0]! < grades[$1]! : ClassName.ordered($0, $1)
    }
    let shown = known.prefix(8).joined(separator: "、") + (known.count > 8 ? " …" : "")
    throw usageError(
        "没有班级“\(className)”", "there is no class \"\(className)\"", flag: "--class",
        fix: LocalizedText(zh: "按学生名单中的写法，如：\(shown)", en: "write it as in the students file, e.g. \(shown)"))
}

/// The line under the list when transfers are on the suspense list: received, not yet any family's.
enum OwedUnassigned {
    static func line(_ held: [IncomingTransfer], _ w: ClerkText) throws -> String? {
        guard !held.isEmpty else { return nil }
        let total = try Money.sum(held.map(\.amount))
        return w.t(
            "另有待认领转账 \(held.count) 笔，共 \(total.formatted()) 元（已收到、未分配到家庭，未计入上面的已缴）：tuoguan reconcile --held",
            "Besides, \(held.count) transfers, \(total.formatted()) in all, are received and not yet assigned (not in paid above): tuoguan reconcile --held")
    }
}
