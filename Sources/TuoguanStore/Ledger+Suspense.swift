import GRDB
import TuoguanCore

/// A transfer on the suspense list: money received and not yet assigned to a family (待认领).
public struct HeldTransfer: Sendable, Equatable {
    public var transfer: IncomingTransfer
    /// The file it came from.
    public var file: String
    public var recordedAt: String
}

extension Ledger {
    /// The suspense list: transfers held and neither assigned nor returned, oldest first.
    ///
    /// ```swift
    /// let held = try ledger.heldTransfers()
    /// try Money.sum(held.map(\.transfer.amount))   // money received, not yet assigned
    /// ```
    public func heldTransfers() throws -> [HeldTransfer] {
        try reading { reader in try heldTransfers(reader.db) }
    }

    func heldTransfers(_ db: Database) throws -> [HeldTransfer] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.*, s.recorded_at AS held_at FROM suspense s JOIN transfers t USING (transfer_id)
                WHERE NOT EXISTS (SELECT 1 FROM suspense_resolutions r WHERE r.transfer_id = s.transfer_id)
                ORDER BY t.date, t.transfer_id
                """
        ).compactMap { row in
            guard let transfer = Self.transfer(row) else { return nil }
            return HeldTransfer(transfer: transfer, file: row["file"], recordedAt: row["held_at"])
        }
    }

    static func transfer(_ row: Row) -> IncomingTransfer? {
        guard let method = PaymentMethod(rawValue: row["method"]), let date = CivilDate(parsing: row["date"]) else { return nil }
        return IncomingTransfer(
            id: row["transfer_id"], method: method, date: date, payer: row["payer"], account: row["account"],
            memo: row["memo"], amount: Money(fen: row["amount"]))
    }

    /// Assigns a held transfer to a student: a payment under the transfer's id, the payer remembered for the
    /// family, the transfer off the list. Assigning it again to the same student is `.alreadyRecorded`; to
    /// another, or a transfer returned or not held, is refused.
    ///
    /// ```swift
    /// try ledger.assignHeld("4200001234202409020001", to: "S000003", by: "王会计")
    /// ```
    public func assignHeld(_ transferId: String, to studentId: String, by: String) throws -> RecordOutcome {
        try record { writer in
            let t = try requireHeld(transferId, db: writer.db)
            if let resolved = try Row.fetchOne(writer.db, sql: "SELECT * FROM suspense_resolutions WHERE transfer_id = ?", arguments: [transferId]) {
                if resolved["outcome"] == "assigned" && resolved["student_id"] == studentId { return .alreadyRecorded }
                throw Self.resolvedAlready(transferId, resolved)
            }
            _ = try writer.reader.requireStudent(studentId)
            _ = try recordPayment(
                PaymentFact(receipt: t.id, studentId: studentId, amount: t.amount, date: t.date, method: t.method), by: by, db: writer.db,
                assigningHeld: true)
            try rememberPayer(t, studentId: studentId, by: by, db: writer.db)
            try resolve(transferId, outcome: "assigned", student: studentId, note: "", by: by, db: writer.db)
            return .recorded
        }
    }

    /// Marks a held transfer as sent back to the payer (退回付款人): off the list, never a family's payment.
    public func returnHeld(_ transferId: String, note: String, by: String) throws -> RecordOutcome {
        try record { writer in
            _ = try requireHeld(transferId, db: writer.db)
            if let resolved = try Row.fetchOne(writer.db, sql: "SELECT * FROM suspense_resolutions WHERE transfer_id = ?", arguments: [transferId]) {
                if resolved["outcome"] == "returned" { return .alreadyRecorded }
                throw Self.resolvedAlready(transferId, resolved)
            }
            try resolve(transferId, outcome: "returned", student: nil, note: note, by: by, db: writer.db)
            return .recorded
        }
    }

    func resolve(_ id: String, outcome: String, student: String?, note: String, by: String, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO suspense_resolutions (transfer_id, outcome, student_id, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [id, outcome, student, note, by, Ledger.timestamp()])
    }

    func requireHeld(_ transferId: String, db: Database) throws -> IncomingTransfer {
        guard
            try Bool.fetchOne(db, sql: "SELECT 1 FROM suspense WHERE transfer_id = ?", arguments: [transferId]) ?? false,
            let row = try Row.fetchOne(db, sql: "SELECT * FROM transfers WHERE transfer_id = ?", arguments: [transferId]),
            let t = Self.transfer(row)
        else {
            throw TuoguanError(
                .unknownReference, zh: "待认领名单中没有交易单号 \(transferId)", en: "no transaction \(transferId) on the suspense list",
                fix: LocalizedText(zh: "用 tuoguan reconcile --held 查看待认领的转账", en: "list the held transfers with tuoguan reconcile --held"),
                excerpt: transferId)
        }
        return t
    }

    /// A payment under the id of a transfer still on the suspense list would count the money twice (held and
    /// paid): refused with the command that assigns it.
    func requireNotHeld(_ id: String, db: Database) throws {
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

    static func resolvedAlready(_ id: String, _ row: Row) -> TuoguanError {
        let assigned = (row["outcome"] as String) == "assigned"
        let student: String = row["student_id"] ?? ""
        return TuoguanError(
            .conflict,
            zh: assigned ? "交易 \(id) 已认领给 \(student)" : "交易 \(id) 已退回付款人",
            en: assigned ? "transaction \(id) was already assigned to \(student)" : "transaction \(id) was already returned to the payer",
            fix: LocalizedText(
                zh: "认领错了：先用 tuoguan correct --entry \(id) 冲正这笔缴费，再按正确学生用 tuoguan pay 登记",
                en: "assigned wrongly: reverse the payment with tuoguan correct --entry \(id), then record it for the right student with tuoguan pay"),
            excerpt: id)
    }
}

extension Ledger {
    /// Students by id, for the ids that exist (to print the names beside matches).
    public func students(ids: [String]) throws -> [String: Student] {
        try reading { reader in
            var out: [String: Student] = [:]
            for id in Set(ids) { if let s = try reader.student(id) { out[id] = s } }
            return out
        }
    }
}
