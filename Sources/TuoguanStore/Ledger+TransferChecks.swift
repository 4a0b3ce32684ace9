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
        try reading { reader in
            let problems: [(String, String, String)] = [
                ("""
                 SELECT t.transfer_id FROM transfers t
                 WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.entry_id = t.transfer_id AND j.kind = 'payment')
                   AND NOT EXISTS (SELECT 1 FROM suspense s WHERE s.transfer_id = t.transfer_id)
                 """, "既不是缴费也不在待认领名单上", "is neither a payment nor on the suspense list"),
                ("""
                 SELECT s.transfer_id FROM suspense s
                 WHERE NOT EXISTS (SELECT 1 FROM suspense_resolutions r WHERE r.transfer_id = s.transfer_id)
                   AND EXISTS (SELECT 1 FROM journal j WHERE j.entry_id = s.transfer_id)
                 """, "在待认领名单上，又是一笔缴费（重复计算）", "is on the suspense list and a payment as well (counted twice)"),
                ("""
                 SELECT r.transfer_id FROM suspense_resolutions r WHERE r.outcome = 'assigned'
                   AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.entry_id = r.transfer_id AND j.kind = 'payment' AND j.student_id = r.student_id)
                 """, "已认领，却没有认领学生的这笔缴费", "was assigned, but is no payment of the student it was assigned to"),
            ]
            for (sql, zh, en) in problems {
                if let id = try String.fetchOne(reader.db, sql: sql + " LIMIT 1") {
                    throw TuoguanError(
                        .ledgerTampered, zh: "账本校验失败：转账 \(id) \(zh)", en: "ledger verification failed: transfer \(id) \(en)",
                        fix: LocalizedText(zh: "账本被改动过；从备份恢复", en: "the ledger was edited behind tuoguan's back; restore a backup"),
                        at: SourceLocation(file: path), excerpt: id)
                }
            }
        }
    }
}
