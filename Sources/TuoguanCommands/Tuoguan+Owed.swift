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
            abstract: "催缴名单：仍欠费的家庭，按班级、金额从大到小 / Families who still owe, by class, largest first.",
            discussion: "Example: tuoguan owed   (or --json, or --xlsx [--out reports/催缴名单.xlsx])")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        @Flag(name: .long, help: "Print the list as JSON (amounts in fen).") var json = false
        @Flag(name: .long, help: "Write the list as a workbook (default: reports/催缴名单.xlsx).") var xlsx = false

        func run() throws {
            if json && (xlsx || workbook.out != nil) {
                throw usageError("--json 与 --xlsx 只能选一种", "--json and --xlsx: give one of them", flag: "--json")
            }
            if xlsx || workbook.out != nil {
                return try writeWorkbook(ledger, out: workbook.out, name: Workbooks.owedListFileName, write: Workbooks.writeOwedList)
            }
            let result = try ReportContext(ledger, needRecords: false).result
            let classes = try Workbooks.owedByClass(result)
            if json { return try printJSON(OwedDocument(result, classes)) }
            let w = ClerkText(language: ledger.language)
            let total = try Money.sum(classes.map(\.total))
            let count = classes.reduce(0) { $0 + $1.families.count }
            guard count > 0 else {
                return Console.say("\(result.school) \(result.term)：没有欠费的家庭", "\(result.school) \(result.term): no family owes anything", ledger.language)
            }
            print(w.t("\(result.school) \(result.term) 催缴名单：\(count) 户，共应补 \(total.formatted()) 元",
                      "\(result.school) \(result.term) families who owe: \(count), \(total.formatted()) in all"))
            for c in classes {
                print(w.t("\(c.className)（\(c.families.count) 户，共 \(c.total.formatted()) 元）", "\(c.className) (\(c.families.count), \(c.total.formatted()))"))
                for f in c.families {
                    print(w.t(
                        "  \(f.student.id) \(f.student.name)：应补 \(f.balance.formatted()) 元（应收 \(f.charged.formatted())，已缴 \(f.paid.formatted())，已退 \(f.refunded.formatted())）",
                        "  \(f.student.id) \(f.student.name): to pay \(f.balance.formatted()) (charged \(f.charged.formatted()), paid \(f.paid.formatted()), refunded \(f.refunded.formatted()))"))
                }
            }
        }
    }
}

/// `owed --json`: the families who owe, in the order printed; amounts in fen.
struct OwedDocument: Encodable {
    struct Family: Encodable {
        var student_id: String
        var name: String
        var grade: Int
        var `class`: String
        var charged_fen: Int64
        var paid_fen: Int64
        var refunded_fen: Int64
        var owed_fen: Int64
    }
    var school: String
    var term: String
    var families: [Family]
    var total_owed_fen: Int64

    init(_ r: TermResult, _ classes: [OwedClass]) throws {
        school = r.school
        term = r.term
        families = classes.flatMap(\.families).map {
            Family(
                student_id: $0.student.id, name: $0.student.name, grade: $0.student.grade, class: $0.student.className,
                charged_fen: $0.charged.fen, paid_fen: $0.paid.fen, refunded_fen: $0.refunded.fen, owed_fen: $0.balance.fen)
        }
        total_owed_fen = try Money.sum(classes.map(\.total)).fen
    }
}
