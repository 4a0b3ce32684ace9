import GRDB
import TuoguanCore

extension Ledger {
    /// Checks that no transfer is lost or counted twice: each transfer kept is a payment of the journal under
    /// its id or on the suspense list (and the list's held ones are not payments too); each assigned one is a
    /// payment for the student it was assigned to. `verify` runs it; the first problem is a `ledger-tampered`
    /// error.
    ///
    /// ```swift
    /// try ledger.checkTransfers()   // throws if a transfer is both held and paid, or neither
    /// ```
    public func checkTransfers() throws {
        guard let problem = try reading({ reader in try reader.transferProblem() }) else { return }
        throw TuoguanError(
            .ledgerTampered, zh: "账本校验失败：转账 \(problem.id) \(problem.zh)",
            en: "ledger verification failed: transfer \(problem.id) \(problem.en)",
            fix: LocalizedText(zh: "账本被改动过；从备份恢复", en: "the ledger was edited behind tuoguan's back; restore a backup"),
            at: SourceLocation(file: path), excerpt: problem.id)
    }
}
