import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanRules
import TuoguanStore

extension Tuoguan {
    /// `tuoguan year`: the school year's report (年度报告) over this ledger and the ones it was carried from.
    struct Year: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("学年报告：各学期与全年的收支、服务与预算", "The school year's report: each term and the year, money, service and budget."),
            discussion: Tuoguan.text(
                """
                本账本与它结转自的、同一学年的上学期账本（init --from 记下的文件，在同一文件夹中；或 --with 指定）。全年预算检查：全年支出 ÷ 全年服务的学生数，对照规则文件的每生每年预算。
                示例：tuoguan year --db 2025春.sqlite --out 年度报告.xlsx   （或 --json）
                """,
                """
                This ledger and the last term's it was carried from in the same school year (the file init --from
                recorded, in the same folder; or --with). The year's budget check: the year's spending ÷ the students
                served in the year, against the rules' budget per student per year.
                Example: tuoguan year --db spring.sqlite --out 年度报告.xlsx   (or --json)
                """))
        @OptionGroup var ledger: LedgerOptions
        @Option(name: .long, help: ArgumentHelp(zh: "上学期的账本（默认：init --from 记下的文件）。", en: "The last term's ledger (default: the one init --from recorded).", valueName: "ledger"))
        var with: String?
        @Option(name: .long, help: ArgumentHelp(zh: "工作簿写到哪里。", en: "Where to write the workbook.", valueName: "file"))
        var out: String?
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出（金额以分计），不写工作簿。", en: "Print JSON (amounts in fen) instead of writing a workbook."))
        var json = false

        func run() throws {
            let language = ledger.language
            let book = try ledger.open(readOnly: true)
            var terms = [try Self.term(book, file: (book.path as NSString).lastPathComponent)]
            if let last = try lastTerm(of: book) { terms.insert(last, at: 0) }
            let year = try SchoolYear(terms: terms, rules: book.rules)
            if json { return JSONOutput.print(Self.json(year)) }
            let path = try prepareOutput(out, defaultName: language == .zh || ledger.workbookLanguage == .zh ? "年度报告.xlsx" : "year-report.xlsx")
            try Workbooks.writeYear(year, language: ledger.workbookLanguage, to: path)
            Console.say("已写入 \(path)", "wrote \(path)", language)
            if let budget = year.budget {
                Console.say(budget.message.zh, budget.message.en, language)
            }
        }

        /// The last term: `--with`, else the file `init --from` recorded next to this ledger, when it is of the
        /// same school year (a term of the year before is not part of this year's report).
        func lastTerm(of book: Ledger) throws -> SchoolYear.Term? {
            let source = try book.carriedFrom()
            guard let path = with ?? source.map({ ((book.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent($0.file) }) else {
                return nil
            }
            let last = try Ledger.open(at: path, readOnly: true) { text, file in try RulesLoader.parse(text, file: file) }
            guard last.rules.school == book.rules.school else {
                throw TuoguanError(
                    .badInput, zh: "上学期账本属于“\(last.rules.school)”，不是“\(book.rules.school)”",
                    en: "the last term's ledger belongs to \"\(last.rules.school)\", not \"\(book.rules.school)\"",
                    fix: LocalizedText(zh: "用 --with 指定本校上学期的账本", en: "give this school's last ledger with --with"),
                    at: SourceLocation(key: "--with"), excerpt: path)
            }
            let year = book.rules.year
            guard year.schoolYear(of: last.rules.starts) == year.schoolYear(of: book.rules.starts) else { return nil }
            return try Self.term(last, file: (path as NSString).lastPathComponent)
        }

        static func term(_ book: Ledger, file: String) throws -> SchoolYear.Term {
            let facts = try book.termFacts()
            let result = try TermComputation.compute(rules: book.rules, facts: facts)
            let closing = try book.closing().map { try ClosedBalances(families: $0.families, pools: $0.pools) }
            return try SchoolYear.Term(file: file, rules: book.rules, facts: facts, result: result, closing: closing)
        }

        static func json(_ year: SchoolYear) -> JSONValue {
            func term(_ t: SchoolYear.Term) -> JSONValue {
                let s = t.summary
                let c = t.closing
                return .object([
                    "carried_arrears_fen": .integer(c?.arrears.fen ?? 0), "carried_credits_fen": .integer(c?.credits.fen ?? 0),
                    "closed": .bool(c != nil), "income_fen": .integer(s.income.fen), "outside_fen": .integer(s.outside.fen),
                    "pools_carried_fen": .integer(c?.poolsCarried.fen ?? 0), "pools_returned_fen": .integer(c?.poolsReturned.fen ?? 0),
                    "refunds_fen": .integer(s.refunds.fen), "service_minutes": .integer(s.serviceMinutes),
                    "sessions_held": .integer(Int64(s.sessionsHeld)), "spending_fen": .integer(t.result.fund.spending.total.fen),
                    "students": .integer(Int64(s.students)), "subsidies_fen": .integer(s.subsidies.fen),
                    "teachers": .integer(Int64(t.result.teachers.count)), "teachers_pay_fen": .integer(s.teachersPay.fen),
                    "term": .string(s.term),
                ])
            }
            return .object([
                "budget_passed": .bool(year.budget?.passed ?? true), "school_year": .integer(Int64(year.startYear)),
                "spending_fen": .integer(year.spending.total.fen), "students_served": .integer(Int64(year.studentsServed)),
                "terms": .array(year.terms.map(term)),
            ])
        }
    }
}
