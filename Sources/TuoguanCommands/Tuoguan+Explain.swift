import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan explain --student ID`: every amount on one family's statement, as a parent would ask it.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("向家长解释一份结算单", "Explain every amount on one family's statement."),
            discussion: Tuoguan.text("示例：tuoguan explain --student S000001 --lang zh", "Example: tuoguan explain --student S000001 --lang zh"))
        @Option(name: .long, help: ArgumentHelp(zh: "学号。", en: "Student id (学号)."))
        var student: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let language = ledger.language
            // A statement depends only on its own student's facts: compute just those (index lookups), not the term.
            let book = try ledger.open(readOnly: true)
            let facts = try book.termFacts(forStudent: student)
            let result = try facts.map { try TermComputation.compute(rules: book.rules, facts: $0) }
            guard let facts, let r = result, let s = r.students.first(where: { $0.student.id == student }) else {
                throw TuoguanError(
                    .unknownReference, zh: "账本中没有学号为 \(student) 的学生", en: "no student \(student) in the ledger",
                    fix: LocalizedText(zh: "检查学号，或先导入学生名单", en: "check the id, or import the students first"),
                    at: SourceLocation(key: "--student"))
            }
            if language == .zh {
                print("\(r.school) \(book.rules.termTitle) 学期结算说明：\(s.student.name)（\(s.student.id)，\(s.student.className)）")
            } else {
                print("\(r.school) \(book.rules.termTitle) statement explained: \(s.student.name) (\(s.student.id), \(s.student.className))")
            }
            // How it was reached is asked of the calculator again, from the facts the statement was computed from.
            let courses = CoursesById(facts.courses)
            let steps = try TermComputation.explain(s, usages: facts.usages, courses: courses, rules: book.rules)
            for step in steps { print(step.text.text(language)) }
        }
    }

    /// `tuoguan verify`: recompute the journal's hash chain and invariants.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("校验账本（哈希链与借贷平衡）", "Verify the journal's hash chain and invariants."),
            discussion: Tuoguan.text("示例：tuoguan verify --db school.sqlite   （有任何改动则退出码为 1，并指出第一处断裂）", "Example: tuoguan verify --db school.sqlite   (exit 1 and the first break if anything was edited)"))
        @OptionGroup var ledger: LedgerOptions
        @Option(name: .long, help: ArgumentHelp(
            zh: "同时与上学期的账本核对结转的余额（本账本由 init --from 建成时）。",
            en: "Also check the carried balances against the last term's ledger (for a ledger made by init --from).", valueName: "ledger"))
        var with: String?

        func run() throws {
            let language = ledger.language
            let book = try ledger.open(readOnly: true)
            let (report, history) = try LedgerCheck.whole(book)
            if let with {
                let matched = try CarryCheck.compare(next: book, lastPath: with)
                Console.say(matched.zh, matched.en, language)
            }
            if let closing = try book.closing() {
                Console.say(
                    "账本已结账（\(closing.eventId)，\(closing.date)），链头 \(closing.head)",
                    "the ledger is closed (\(closing.eventId), \(closing.date)), chain head \(closing.head)", language)
            }
            Console.say(
                "账本完好：\(report.entries) 笔分录，借方 \(report.debits.formatted()) = 贷方 \(report.credits.formatted())，哈希链完整；改动记录 \(history.changes) 条，链完整",
                "ledger OK: \(report.entries) entries, debits \(report.debits.formatted()) = credits \(report.credits.formatted()), hash chain intact; \(history.changes) corrections in the history, chain intact",
                language)
        }
    }
}
