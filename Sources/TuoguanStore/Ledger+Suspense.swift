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
        try reading { reader in try reader.heldTransfers() }
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
            let t = try writer.reader.requireHeld(transferId)
            if let resolved = try writer.reader.resolution(of: transferId) {
                if resolved.outcome == "assigned" && resolved.studentId == studentId { return .alreadyRecorded }
                throw Self.resolvedAlready(transferId, resolved)
            }
            _ = try writer.reader.requireStudent(studentId)
            _ = try recordPayment(
                PaymentFact(receipt: t.id, studentId: studentId, amount: t.amount, date: t.date, method: t.method), by: by,
                writer: writer, assigningHeld: true)
            try writer.rememberPayer(t, studentId: studentId, by: by)
            try writer.resolve(transferId, outcome: "assigned", student: studentId, note: "", by: by)
            return .recorded
        }
    }

    /// Marks a held transfer as sent back to the payer (退回付款人): off the list, never a family's payment.
    public func returnHeld(_ transferId: String, note: String, by: String) throws -> RecordOutcome {
        try record { writer in
            _ = try writer.reader.requireHeld(transferId)
            if let resolved = try writer.reader.resolution(of: transferId) {
                if resolved.outcome == "returned" { return .alreadyRecorded }
                throw Self.resolvedAlready(transferId, resolved)
            }
            try writer.resolve(transferId, outcome: "returned", student: nil, note: note, by: by)
            return .recorded
        }
    }

    static func resolvedAlready(_ id: String, _ resolved: (outcome: String, studentId: String?)) -> TuoguanError {
        let assigned = resolved.outcome == "assigned"
        let student = resolved.studentId ?? ""
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
        try reading { reader in try reader.students(ids: ids) }
    }
}
