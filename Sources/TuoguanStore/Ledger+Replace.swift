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
        ReplacementDecision.replacementReceipt(for: receipt)
    }

    /// The default id of the reversal that a one-step correction records: `CR-R0001`.
    public static func replacementCorrectionId(for receipt: String) -> String { "CR-\(receipt)" }

    /// Corrects a payment's amount in one step: the reversal of `entryId` and a new payment of `amount` (same
    /// student, date and method; receipt `receipt` or ``replacementReceipt(for:)``), in one transaction, so
    /// refunds recorded after the payment never exceed what the family paid at any moment. Decided by
    /// ``ReplacementDecision``, then ``ReversalDecision`` with `amount` as its credit.
    ///
    /// ```swift
    /// let done = try ledger.replacePayment(entryId: "R0001", amount: Money(fen: 72000), note: "金额录错", by: "会计")
    /// done.receipt       // "R0001-1"
    /// ```
    public func replacePayment(
        entryId: String, amount: Money, correctionId: String? = nil, receipt: String? = nil, note: String, by: String
    ) throws -> PaymentReplacement {
        try record { writer in
            let original = try writer.reader.requireJournalEntry(
                entryId, unknown: ("账本中没有收据号为“\(entryId)”的缴费", "no payment with receipt \"\(entryId)\" in the ledger"),
                fix: LocalizedText(zh: "用 tuoguan find \(entryId) 查找收据号", en: "look the receipt up with tuoguan find \(entryId)"),
                flag: "--entry")
            let facts = try writer.reader.replacementFacts(of: original, amount: amount)
            let decision = try decided { () throws(ReplacementRefusal) in try ReplacementDecision.decide(facts) }
            let correction = correctionId ?? Ledger.replacementCorrectionId(for: entryId)
            let newReceipt = receipt ?? Ledger.replacementReceipt(for: entryId)
            do {
                try requireId(newReceipt, what: ("收据号", "receipt"))
            } catch var error as TuoguanError {
                error.location = SourceLocation(key: "--receipt")
                throw error
            }
            let reversed = try reverse(entryId: entryId, correctionId: correction, note: note, by: by, credit: amount, writer: writer)
            let paid = try writer.write(decision, of: original, receipt: newReceipt, note: note, by: by)
            return PaymentReplacement(
                outcome: reversed == .alreadyRecorded && paid == .alreadyRecorded ? .alreadyRecorded : .recorded,
                correctionId: correction, receipt: newReceipt, studentId: original.studentId, oldAmount: original.amount,
                newAmount: amount)
        }
    }
}
