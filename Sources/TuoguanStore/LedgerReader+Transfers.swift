import GRDB
import TuoguanCore

/// The reads of bank and wallet transfers: what the matcher needs, the suspense list (待认领), a held
/// transfer and how it was resolved, and the checks that no transfer is lost or counted twice.
extension LedgerReader {
    /// The matcher for an export's transfers (``TransferMatcher``): the families' amounts due are the term
    /// statement's balances (``TermComputation``), the payers those the clerk confirmed, and a transfer
    /// already recorded or held is said so.
    ///
    /// ```swift
    /// let matches = try reader.transferMatcher(for: export.transfers).match(export.transfers)
    /// ```
    func transferMatcher(for transfers: [IncomingTransfer]) throws -> TransferMatcher {
        let result = try TermComputation.compute(rules: rules, facts: termFacts())
        let families = result.students.map { FamilyDue(student: $0.student, due: $0.balance.fen > 0 ? $0.balance : .zero) }
        var payers: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT payer_key, student_id FROM transfer_payers ORDER BY recorded_at, student_id") {
            payers[row["payer_key"], default: []].append(row["student_id"])
        }
        var recorded: [String: String] = [:]
        var held: Set<String> = []
        let journal = try db.cachedStatement(sql: "SELECT student_id FROM journal WHERE entry_id = ?")
        let suspense = try db.cachedStatement(sql: "SELECT 1 FROM suspense WHERE transfer_id = ?")
        for t in transfers {
            if let student = try String.fetchOne(journal, arguments: [t.id]) { recorded[t.id] = student }
            if try Bool.fetchOne(suspense, arguments: [t.id]) ?? false { held.insert(t.id) }
        }
        return TransferMatcher(families: families, payers: payers, recorded: recorded, held: held)
    }

    /// The suspense list: transfers held and neither assigned nor returned, oldest first.
    func heldTransfers() throws -> [HeldTransfer] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.*, s.recorded_at AS held_at FROM suspense s JOIN transfers t USING (transfer_id)
                WHERE NOT EXISTS (SELECT 1 FROM suspense_resolutions r WHERE r.transfer_id = s.transfer_id)
                ORDER BY t.date, t.transfer_id
                """
        ).compactMap { row in
            guard let transfer = Ledger.transfer(row) else { return nil }
            return HeldTransfer(transfer: transfer, file: row["file"], recordedAt: row["held_at"])
        }
    }

    /// The transfer put on the suspense list under this id (resolved or not), or `.unknownReference`.
    func requireHeld(_ transferId: String) throws -> IncomingTransfer {
        guard
            try Bool.fetchOne(db, sql: "SELECT 1 FROM suspense WHERE transfer_id = ?", arguments: [transferId]) ?? false,
            let row = try Row.fetchOne(db, sql: "SELECT * FROM transfers WHERE transfer_id = ?", arguments: [transferId]),
            let t = Ledger.transfer(row)
        else {
            throw TuoguanError(
                .unknownReference, zh: "待认领名单中没有交易单号 \(transferId)", en: "no transaction \(transferId) on the suspense list",
                fix: LocalizedText(zh: "用 tuoguan reconcile --held 查看待认领的转账", en: "list the held transfers with tuoguan reconcile --held"),
                excerpt: transferId)
        }
        return t
    }

    /// How a held transfer was resolved: (`assigned` or `returned`, the student it was assigned to), or nil.
    func resolution(of transferId: String) throws -> (outcome: String, studentId: String?)? {
        try Row.fetchOne(db, sql: "SELECT * FROM suspense_resolutions WHERE transfer_id = ?", arguments: [transferId]).map {
            ($0["outcome"], $0["student_id"])
        }
    }

    /// A payment under the id of a transfer still on the suspense list would count the money twice (held and
    /// paid): refused with the command that assigns it.
    func requireNotHeld(_ id: String) throws {
        let held = try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT 1 FROM suspense s WHERE s.transfer_id = ?
                    AND NOT EXISTS (SELECT 1 FROM suspense_resolutions r WHERE r.transfer_id = s.transfer_id)
                    """), arguments: [id]) ?? false
        guard held else { return }
        throw TuoguanError(
            .conflict, zh: "\(id) 是待认领名单上的转账，不能再作为一笔缴费登记（会重复计算）",
            en: "\(id) is a transfer on the suspense list; recording it as a payment as well would count it twice",
            fix: LocalizedText(zh: "用 tuoguan reconcile --assign \(id) --student 学号 认领", en: "assign it with tuoguan reconcile --assign \(id) --student ID"),
            excerpt: id)
    }

    /// The first transfer lost or counted twice, with what is wrong with it (zh, en), or nil: each transfer
    /// kept is a payment under its id or on the suspense list (and the list's held ones are not payments
    /// too); each assigned one is a payment for the student it was assigned to.
    func transferProblem() throws -> (id: String, zh: String, en: String)? {
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
            if let id = try String.fetchOne(db, sql: sql + " LIMIT 1") { return (id, zh, en) }
        }
        return nil
    }

    /// Students by id, for the ids that exist.
    func students(ids: [String]) throws -> [String: Student] {
        var out: [String: Student] = [:]
        for id in Set(ids) { if let s = try student(id) { out[id] = s } }
        return out
    }
}
