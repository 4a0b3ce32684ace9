import GRDB
import TuoguanCore

/// What a reversal and a one-step correction read (``ReversalDecision``, ``ReplacementDecision``).
extension LedgerReader {
    /// The payment, refund or reversal `entryId` of the money journal, or `.unknownReference` (`flag`: the
    /// command's flag the error points at, for `correct --amount`).
    func requireJournalEntry(_ entryId: String, unknown: (zh: String, en: String), fix: LocalizedText? = nil, flag: String? = nil)
        throws -> JournalEntry
    {
        guard let entry = try journalEntry(entryId) else {
            throw TuoguanError(
                .unknownReference, zh: unknown.zh, en: unknown.en, fix: fix, at: flag.map { SourceLocation(key: $0) },
                excerpt: entryId)
        }
        return entry
    }

    /// The facts of reversing `original` under `correctionId`: the refund's event, whether the correction is
    /// recorded, what reversed the entry already, the family's totals; `credit`: a replacing payment recorded
    /// in the same transaction.
    ///
    /// ```swift
    /// let facts = try reader.reversalFacts(of: r001, correctionId: "C1", credit: .zero)
    /// facts.reversedBy   // nil: not reversed yet
    /// ```
    func reversalFacts(of original: JournalEntry, correctionId: String, credit: Money) throws -> ReversalFacts {
        ReversalFacts(
            entryId: original.entryId, correctionId: correctionId, kind: Self.kind(original), amount: original.amount,
            eventOfRefund: original.kind == .refund ? try eventOfRefund(original.entryId) : nil,
            correctionRecorded: try journalEntry(correctionId) != nil, reversedBy: try reversedBy(original.entryId),
            family: try familyMoney(studentId: original.studentId), credit: credit)
    }

    /// The facts of correcting `original`'s amount to `amount` in one step.
    func replacementFacts(of original: JournalEntry, amount: Money) throws -> ReplacementFacts {
        ReplacementFacts(
            entryId: original.entryId, kind: Self.kind(original), amount: original.amount,
            eventOfRefund: original.kind == .refund ? try eventOfRefund(original.entryId) : nil,
            reversed: try reversedBy(original.entryId) != nil, newAmount: amount)
    }

    /// The entry that reversed `entryId`, if any.
    func reversedBy(_ entryId: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT entry_id FROM journal WHERE reverses = ?", arguments: [entryId])
    }

    /// A journal entry's kind as the core names it.
    static func kind(_ entry: JournalEntry) -> JournalEntryKind {
        switch entry.kind {
        case .payment: return .payment
        case .refund: return .refund
        case .reversal: return .reversal
        case .opening: return .opening
        }
    }
}
