import Foundation
import TuoguanCore
import TuoguanStore

/// Every check `verify` makes, for the commands that must not go on with a ledger that fails one (`close`,
/// `init --from`, `district`): the money and events chains, the history's chain, the tallies against a recount
/// of the attendance, and the term computation's invariants.
///
/// ```swift
/// let (report, history) = try LedgerCheck.whole(book)   // throws `.ledgerTampered` at the first break
/// ```
enum LedgerCheck {
    static func whole(_ book: Ledger) throws -> (VerifyReport, (changes: Int, firstBreak: String?)) {
        let report = try book.verify()
        if !report.ok {
            throw TuoguanError(
                .ledgerTampered, zh: "账本校验失败：\(report.firstBreak ?? "")", en: "ledger verification failed: \(report.firstBreak ?? "")",
                fix: LocalizedText(zh: "账本被改动过；从备份恢复，并用冲销更正错账", en: "the ledger was edited behind tuoguan's back; restore a backup and correct by reversal"),
                at: SourceLocation(file: book.path))
        }
        // The history of corrections has a hash chain of its own.
        let history = try book.verifyHistory()
        if let broken = history.firstBreak {
            throw TuoguanError(
                .ledgerTampered, zh: "账本校验失败：\(broken)", en: "ledger verification failed: \(broken)",
                fix: LocalizedText(zh: "改动记录被改动过；从备份恢复", en: "the history of corrections was edited behind tuoguan's back; restore a backup"),
                at: SourceLocation(file: book.path))
        }
        // The rules' updates too (tuoguan rules update).
        if let broken = try book.verifyRulesHistory().firstBreak {
            throw TuoguanError(
                .ledgerTampered, zh: "账本校验失败：\(broken)", en: "ledger verification failed: \(broken)",
                fix: LocalizedText(zh: "规则的改动记录被改动过；从备份恢复", en: "the history of the rules was edited behind tuoguan's back; restore a backup"),
                at: SourceLocation(file: book.path))
        }
        // The tallies the term's facts are read from, against a full recount of the attendance.
        try book.checkTallies()
        // Transfers: each a payment or held, never both (issue 24).
        try book.checkTransfers()
        // The term computation's invariants too.
        let facts = try book.termFacts()
        try TermInvariants.check(try TermComputation.compute(rules: book.rules, facts: facts))
        return (report, history)
    }
}
