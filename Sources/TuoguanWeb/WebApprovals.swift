import TuoguanCore
import TuoguanReports
import TuoguanStore

/// The approvals as the pages and the printouts show them (one wording: ``PrintText/approval``).
///
/// ```swift
/// WebApprovals.line(approval, now: try ledger.currentPoint(), rules: ledger.rules, .zh)
/// // "经 张敏 于 2025年1月20日 审核，账本第 172 笔"
/// ```
public enum WebApprovals {
    /// Entries of the three chains recorded after the approval's point.
    public static func after(_ a: Approval, now: LedgerPoint) -> Int {
        (now.journalEntries - a.point.journalEntries) + (now.expenseEntries - a.point.expenseEntries)
            + (now.eventEntries - a.point.eventEntries)
    }

    public static func line(_ a: Approval, now: LedgerPoint?, rules: PlanRules, _ language: Language) -> String {
        PrintText.approval(
            by: a.approvedBy, utc: a.approvedAt, entries: a.point.journalEntries, after: now.map { after(a, now: $0) } ?? 0,
            confirmed: a.kind == .pay, timeZone: rules.printing.timeZone, language)
    }

    /// The lines the workbooks print under their sign-off, from the latest approval of each kind.
    public static func printed(_ ledger: Ledger, _ language: Language) throws -> [Workbooks.Kind: String] {
        let now = try ledger.currentPoint()
        var lines: [Workbooks.Kind: String] = [:]
        for (kind, book) in [(ApprovalKind.statement, Workbooks.Kind.statement), (.disclosure, .disclosure), (.pay, .workload)] {
            if let a = try ledger.latestApproval(kind) { lines[book] = line(a, now: now, rules: ledger.rules, language) }
        }
        return lines
    }
}
