import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan close`: close the term after settlement; the ledger records nothing more until `reopen`.
    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("学期结账：核对后封账，说明结转的余额", "Close the term: check, then close the ledger, stating what is carried."),
            discussion: Tuoguan.text(
                """
                先校验账本（同 verify），并列出未通过的合规检查；每户余额须为零，或结转到下学期（--carry 全部结转，--carry-student 只结转指定的户，或规则文件 [year] family_balances = "carry"）。否则列出这些户，什么也不改。
                结账后账本不再记入任何款项或改动，直到 tuoguan reopen --note …。下学期用 tuoguan init --from 本账本 开始。
                示例：tuoguan close --note "2024秋期末结账" --carry
                """,
                """
                Verifies the ledger first (as verify does) and shows the findings that failed; every family's balance
                must be zero or carried into the next term (--carry carries all, --carry-student these families, or
                the rules' [year] family_balances = "carry"); otherwise those families are named and nothing changes.
                A closed ledger records nothing until tuoguan reopen --note …. The next term starts with tuoguan init --from this ledger.
                Example: tuoguan close --note "2024秋期末结账" --carry
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "结账说明（随结账记录保存）。", en: "Why and what (kept with the closing)."))
        var note: String
        @Flag(name: .long, help: ArgumentHelp(zh: "把每户不为零的余额都结转到下学期。", en: "Carry every non-zero balance into the next term."))
        var carry = false
        @Option(name: .customLong("carry-student"), help: ArgumentHelp(zh: "只结转这户的余额（可重复）。", en: "Carry this family's balance (repeatable).", valueName: "id"))
        var carryStudents: [String] = []
        @Option(name: .long, help: ArgumentHelp(zh: "结账记录的编号（默认 CLOSE-学期，重开后再结账为 CLOSE-学期-2 …）。", en: "The closing's id (default CLOSE-<term>, then CLOSE-<term>-2 … after a reopening).", valueName: "id"))
        var id: String?
        @Option(name: .long, help: ArgumentHelp(zh: "结账日期（默认学期最后一天）。", en: "The closing's date (default the term's last day).", valueName: "date"))
        var date: CivilDate?

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if note.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(Tuoguan.text("--note 不能为空：写明为什么结账", "--note is empty: say why the term is closed"))
            }
        }

        func run() throws {
            let language = ledger.language
            let w = ClerkText(language: language)
            let book = try ledger.open()
            if let closed = try book.closing() {
                throw TuoguanError(
                    .ledgerClosed, zh: "账本已于 \(closed.date) 结账（\(closed.eventId)）", en: "the ledger was already closed on \(closed.date) (\(closed.eventId))",
                    fix: LocalizedText(zh: "无需再结账；要更正先 tuoguan reopen --note …", en: "nothing to do; to correct it, tuoguan reopen --note … first"),
                    at: SourceLocation(file: book.path))
            }
            _ = try LedgerCheck.whole(book)
            let result = try TermComputation.compute(rules: book.rules, facts: try book.termFacts())
            let failed = result.findings.filter { !$0.passed }
            print(w.t("合规检查：\(result.findings.count) 项，未通过 \(failed.count) 项", "findings: \(result.findings.count), \(failed.count) failed"))
            for finding in failed { print("  ✗ " + w.t(finding.message.zh, finding.message.en)) }
            let (closing, record) = try book.close(
                eventId: try id ?? book.nextClosingId(), date: date ?? book.rules.ends, note: note, carryAll: carry,
                carryStudents: Set(carryStudents), by: recorder.name)
            ClosingText.print(closing, record: record, rules: book.rules, w)
        }
    }

    /// `tuoguan reopen`: open a closed term again (kept in the events' chain with its note).
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("重新打开已结账的学期账本", "Open a closed term's ledger again."),
            discussion: Tuoguan.text(
                "重新打开会记入账本（谁、何时、为什么）。改完后再 close。已据此结转的下学期账本不受影响，其 verify --with 会指出不一致。\n示例：tuoguan reopen --note \"补录一笔退费\"",
                "The reopening is recorded (who, when, why). Close again when done. A next term already carried from this one is not changed; its verify --with shows what differs.\nExample: tuoguan reopen --note \"补录一笔退费\""))
        @Option(name: .long, help: ArgumentHelp(zh: "为什么重新打开（随记录保存）。", en: "Why (kept with the reopening)."))
        var note: String
        @Option(name: .long, help: ArgumentHelp(zh: "记录编号（默认 REOPEN-结账编号）。", en: "The reopening's id (default REOPEN-<closing id>).", valueName: "id"))
        var id: String?

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if note.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(Tuoguan.text("--note 不能为空：写明为什么重新打开", "--note is empty: say why the term is reopened"))
            }
        }

        func run() throws {
            let w = ClerkText(language: ledger.language)
            let book = try ledger.open()
            let closed = try book.closing()
            let eventId = id ?? "REOPEN-\(closed?.eventId ?? book.rules.term)"
            let today = CivilDate(parsing: String(ISO8601DateFormatter().string(from: Date()).prefix(10))) ?? book.rules.ends
            let record = try book.reopen(eventId: eventId, date: today, note: note, by: recorder.name)
            print(w.t(
                "已重新打开账本（\(eventId)），撤销 \(record.date) 的结账 \(record.eventId)；改完后请再运行 tuoguan close",
                "reopened the ledger (\(eventId)), taking back closing \(record.eventId) of \(record.date); run tuoguan close again when done"))
        }
    }
}

/// What a closing prints: each carried family balance and each pool's unspent balance, with the chain head.
enum ClosingText {
    static func print(_ closing: TermClosing, record: ClosingRecord, rules: PlanRules, _ w: ClerkText) {
        Swift.print(w.t("已结账 \(rules.school) \(rules.termTitle)（\(record.eventId)，\(record.date)）", "closed \(rules.school) \(rules.termTitle) (\(record.eventId), \(record.date))"))
        Swift.print(w.t("结转到下学期的家庭余额：\(closing.families.count) 户", "families' balances carried into the next term: \(closing.families.count)"))
        for f in closing.families {
            let amount = f.balance.isNegative ? Money(fen: 0 - f.balance.fen) : f.balance
            Swift.print(w.t(
                "  \(f.studentId) \(f.name)（\(f.className)）\(f.balance.isNegative ? "结余（应退）" : "欠费（应补）") \(amount.formatted()) 元",
                "  \(f.studentId) \(f.name) (\(f.className)) \(f.balance.isNegative ? "credit" : "arrears") \(amount.formatted())"))
        }
        Swift.print(w.t("各经费项目结余：", "pools' unspent balances:"))
        for p in closing.pools {
            Swift.print(w.t(
                "  \(p.name)：\(p.balance.formatted()) 元，\(p.carried ? "结转下学期使用" : "退回")",
                "  \(p.name): \(p.balance.formatted()), \(p.carried ? "carried forward" : "returned")"))
        }
        Swift.print(w.t("链头（下学期账本据此核对）：\(record.head)", "chain head (the next term checks against it): \(record.head)"))
        Swift.print(w.t(
            "账本已封账：不再记入任何款项；如需更正，tuoguan reopen --note \"原因\"",
            "the ledger is closed: nothing more is recorded; to correct it, tuoguan reopen --note \"why\""))
    }
}
