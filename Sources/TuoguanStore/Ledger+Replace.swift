import GRDB
import TuoguanCore

/// What ``Ledger/replacePayment(entryId:amount:correctionId:receipt:note:by:)`` recorded: the reversal of
/// the mistaken payment and the payment that replaces it, in one transaction.
public struct PaymentReplacement: Sendable, Equatable {
    /// `.alreadyRecorded` when both were recorded before with the same contents (the command run again).
    public var outcome: RecordOutcome
    public var correctionId: String
    public var receipt: String
    public var studentId: String
    public var oldAmount: Money
    public var newAmount: Money
}

extension Ledger {
    /// The receipt a corrected payment gets by default: the receipt with `-1` added, or its number raised when
    /// it already ends in a short one: `R0001` → `R0001-1`, `R0001-1` → `R0001-2`. The same for the same
    /// receipt, so running the correction again records nothing.
    ///
    /// ```swift
    /// Ledger.replacementReceipt(for: "R0001")     // "R0001-1"
    /// Ledger.replacementReceipt(for: "2024-001")  // "2024-001-1" (three digits: part of the number)
    /// ```
    public static func replacementReceipt(for receipt: String) -> String {
        if let dash = receipt.lastIndex(of: "-"), dash != receipt.startIndex {
            let tail = receipt[receipt.index(after: dash)...]
            if (1...2).contains(tail.count), tail.allSatisfy(\.isASCII), let n = Int(tail), n < 99 {
                return "\(receipt[..<dash])-\(n + 1)"
            }
        }
        return "\(receipt)-1"
    }

    /// The default id of the reversal that a one-step correction records: `CR-R0001`.
    public static func replacementCorrectionId(for receipt: String) -> String { "CR-\(receipt)" }

    /// Corrects a payment's amount in one step: the reversal of `entryId` and a new payment of `amount` (same
    /// student, date and method; receipt `receipt` or ``replacementReceipt(for:)``), in one transaction, so
    /// refunds recorded after the payment never exceed what the family paid at any moment.
    ///
    /// ```swift
    /// let done = try ledger.replacePayment(entryId: "R0001", amount: Money(fen: 72000), note: "金额录错", by: "会计")
    /// done.receipt       // "R0001-1"
    /// ```
    public func replacePayment(
        entryId: String, amount: Money, correctionId: String? = nil, receipt: String? = nil, note: String, by: String
    ) throws -> PaymentReplacement {
        try record { writer in
            let original = try requireReplaceablePayment(entryId, db: writer.db)
            guard amount.fen > 0 else {
                throw TuoguanError(
                    .badInput, zh: "更正后的缴费金额必须大于零：\(amount.formatted())",
                    en: "the corrected payment must be more than zero: \(amount.formatted())",
                    fix: LocalizedText(
                        zh: "缴费根本不存在的，只冲正：tuoguan correct --entry \(entryId) --id 冲正编号 --note 原因",
                        en: "if the payment never happened, only reverse it: tuoguan correct --entry \(entryId) --id NEW-ID --note WHY"),
                    at: SourceLocation(key: "--amount"), excerpt: amount.formatted())
            }
            let alreadyReversed = try Bool.fetchOne(writer.db, sql: "SELECT 1 FROM journal WHERE reverses = ?", arguments: [entryId]) ?? false
            if amount == original.amount && !alreadyReversed {
                throw TuoguanError(
                    .badInput, zh: "收据 \(entryId) 的金额已是 \(amount.formatted())，无需更正",
                    en: "receipt \(entryId) is already \(amount.formatted()): nothing to correct",
                    fix: LocalizedText(
                        zh: "给出正确的金额；收据记错了学生或日期的，先冲正（--id 冲正编号），再用 pay 重新登记",
                        en: "give the right amount; for a wrong student or date, reverse it (--id NEW-ID) and record it again with pay"),
                    at: SourceLocation(key: "--amount"), excerpt: amount.formatted())
            }
            let correction = correctionId ?? Ledger.replacementCorrectionId(for: entryId)
            let newReceipt = receipt ?? Ledger.replacementReceipt(for: entryId)
            do {
                try requireId(newReceipt, what: ("收据号", "receipt"))
            } catch var error as TuoguanError {
                error.location = SourceLocation(key: "--receipt")
                throw error
            }
            let reversed = try reverse(entryId: entryId, correctionId: correction, note: note, by: by, credit: amount, db: writer.db)
            var entry = JournalEntry(
                entryId: newReceipt, kind: .payment, studentId: original.studentId, amount: amount, date: original.date,
                method: original.method)
            entry.note = note
            let paid = try writer.append(entry, by: by)
            return PaymentReplacement(
                outcome: reversed == .alreadyRecorded && paid == .alreadyRecorded ? .alreadyRecorded : .recorded,
                correctionId: correction, receipt: newReceipt, studentId: original.studentId, oldAmount: original.amount,
                newAmount: amount)
        }
    }

    /// The payment `entryId`, or the error that says what to do with what it is instead.
    func requireReplaceablePayment(_ entryId: String, db: Database) throws -> JournalEntry {
        guard let original = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [entryId])
            .flatMap(JournalEntry.init(row:))
        else {
            throw TuoguanError(
                .unknownReference, zh: "账本中没有收据号为“\(entryId)”的缴费", en: "no payment with receipt \"\(entryId)\" in the ledger",
                fix: LocalizedText(zh: "用 tuoguan find \(entryId) 查找收据号", en: "look the receipt up with tuoguan find \(entryId)"),
                at: SourceLocation(key: "--entry"), excerpt: entryId)
        }
        if original.kind == .refund, let event = try reader(db).eventOfRefund(entryId) {
            throw TuoguanError(
                .badInput, zh: "--amount 只用于更正缴费的金额；退费 \(entryId) 是退课或停课“\(event)”的一部分",
                en: "--amount corrects a payment's amount; refund \(entryId) belongs to the withdrawal or cancellation \(event)",
                fix: LocalizedText(
                    zh: "用 tuoguan undo --entry \(event) --id 新编号 --note 原因 撤销整个事件及其全部退费，需要时再重新登记",
                    en: "take the event back whole with tuoguan undo --entry \(event) --id NEW-ID --note WHY, and record it again if needed"),
                at: SourceLocation(key: "--entry"), excerpt: entryId)
        }
        guard original.kind == .payment else {
            throw TuoguanError(
                .badInput,
                zh: "--amount 只用于更正缴费的金额，“\(entryId)”是\(original.kind == .refund ? "退费" : "冲正")",
                en: "--amount corrects a payment's amount; \"\(entryId)\" is a \(original.kind.rawValue)",
                fix: LocalizedText(
                    zh: "退费录错的，先冲正（tuoguan correct --entry \(entryId) --id 冲正编号 --note 原因），再用 refund 以新编号登记正确的退费",
                    en: "for a refund, reverse it (tuoguan correct --entry \(entryId) --id NEW-ID --note WHY) and record the right refund under a new id with refund"),
                at: SourceLocation(key: "--entry"), excerpt: entryId)
        }
        return original
    }
}
