/// The kind of a journal entry a reversal is asked for (the spelling of the journal's `kind` column).
public enum JournalEntryKind: String, Sendable, Equatable, CaseIterable {
    case payment, refund, reversal, opening
}

/// What the store read for one reversal (`correct --entry ID --id NEW-ID`): the entry to reverse (found by the
/// store), what the journal says about it, and the family's totals. An expense's reversal is the spending
/// journal's, not this one.
public struct ReversalFacts: Sendable, Equatable {
    public var entryId: String
    public var correctionId: String
    public var kind: JournalEntryKind
    public var amount: Money
    /// The withdrawal or cancellation a refund belongs to, if it does.
    public var eventOfRefund: String?
    /// `correctionId` is in the journal already (the writer compares the contents).
    public var correctionRecorded: Bool
    /// The entry that reversed `entryId` already, if any.
    public var reversedBy: String?
    /// The family's totals now.
    public var family: FamilyTotals
    /// Money the same transaction pays in for the family (a replacing payment, ``ReplacementDecision``).
    public var credit: Money

    public init(
        entryId: String, correctionId: String, kind: JournalEntryKind, amount: Money, eventOfRefund: String? = nil,
        correctionRecorded: Bool = false, reversedBy: String? = nil, family: FamilyTotals, credit: Money = .zero
    ) {
        self.entryId = entryId
        self.correctionId = correctionId
        self.kind = kind
        self.amount = amount
        self.eventOfRefund = eventOfRefund
        self.correctionRecorded = correctionRecorded
        self.reversedBy = reversedBy
        self.family = family
        self.credit = credit
    }
}

/// What to write for one reversal: the entry it mirrors and, when it is new, the family's paid − refunded
/// before and after it.
public struct ReversalDecision: Sendable, Equatable {
    public var entryId: String
    public var correctionId: String
    public var amount: Money
    /// The family's paid − refunded before and after this reversal (nil: the correction is recorded already,
    /// nothing moves).
    public var familyLeftBefore: Money?
    public var familyLeftAfter: Money?
}

/// Why a reversal is refused.
public enum ReversalRefusal: DecisionRefusal, Equatable {
    case isReversal(entryId: String)
    case isOpening(entryId: String)
    /// The refund belongs to a withdrawal or a cancellation in force: `undo` takes the whole event back.
    case refundOfEvent(entryId: String, event: String)
    case alreadyReversed(entryId: String, by: String)
    /// Reversing the payment would leave refunds above payments by `short`; a replacing payment of at least
    /// `least` would not.
    case paymentBelowRefunds(entryId: String, short: Money, least: Money)
    case failed(TuoguanError)

    public var error: TuoguanError {
        switch self {
        case .isReversal(let id):
            return TuoguanError(
                .badInput, zh: "“\(id)”本身是冲正，不能再冲正", en: "\"\(id)\" is itself a reversal and cannot be reversed",
                fix: LocalizedText(zh: "需要时重新登记原来的缴费或退费（用新编号）", en: "record the original again under a new id if needed"),
                excerpt: id)
        case .isOpening(let id):
            return TuoguanError(
                .badInput, zh: "“\(id)”是从上学期结转的余额，不能冲正（它与上学期已结账的账本对应）",
                en: "\"\(id)\" is a balance carried in from the closed term before and cannot be reversed (it matches that closed ledger)",
                fix: LocalizedText(
                    zh: "如结转有误：在上学期账本上 reopen、更正、再 close，然后重新 init --from",
                    en: "if the carried balance is wrong: reopen the last term's ledger, correct it, close it again, then init --from again"),
                excerpt: id)
        case let .refundOfEvent(id, event):
            return TuoguanError(
                .refundRefused,
                zh: "退费 \(id) 是退课或停课“\(event)”的一部分：单独冲正它，退课或停课仍然有效，家长的结算单会再显示应退",
                en: "refund \(id) belongs to the withdrawal or cancellation \(event): reversing it alone leaves that event in force, and the family's statement would show the money as owed again",
                fix: LocalizedText(
                    zh: "用 tuoguan undo --entry \(event) --id 新编号 --note 原因：撤销整个事件及其全部退费",
                    en: "use tuoguan undo --entry \(event) --id NEW-ID --note WHY: it takes back the event with all its refunds"),
                excerpt: id)
        case let .alreadyReversed(id, by):
            return TuoguanError(
                .conflict, zh: "“\(id)”已由“\(by)”冲正", en: "\"\(id)\" was already reversed by \"\(by)\"",
                fix: LocalizedText(
                    zh: "它已不计入账目；应有的缴费或退费以新编号重新登记（tuoguan show receipt \(id) 查看）",
                    en: "it no longer counts; record what should stand under a new id (tuoguan show receipt \(id) shows it)"),
                excerpt: id)
        case let .paymentBelowRefunds(id, short, least):
            let receipt = ReplacementDecision.replacementReceipt(for: id)
            return TuoguanError(
                .refundCeiling,
                zh: "冲正缴费 \(id) 后，已退费用将超过已缴费用 \(short)",
                en: "reversing payment \(id) would leave refunds exceeding payments by \(short)",
                fix: LocalizedText(
                    zh: "金额录错的，一步更正：tuoguan correct --entry \(id) --amount 正确金额 --note 原因（冲正与新收据 \(receipt) 在同一笔操作中登记；正确金额至少 \(least.formatted())）；缴费确实不存在的，先冲正或撤销它之后的退费",
                    en: "if the amount was mistyped, correct it in one step: tuoguan correct --entry \(id) --amount RIGHT-AMOUNT --note WHY (the reversal and the new receipt \(receipt) are recorded together; the right amount is at least \(least.formatted())); if the payment never happened, reverse or undo the refunds after it first"),
                excerpt: id)
        case .failed(let error):
            return error
        }
    }
}

extension ReversalDecision {
    /// Decides a reversal of a payment or a refund: never of a reversal or of a balance carried in; a refund
    /// of a withdrawal or a cancellation only with its event (`undo`); an entry once only; a payment only when
    /// the refunds after it stay within what the family paid (counting `credit`, a replacing payment).
    ///
    /// ```swift
    /// // paid 160.00 (R001) + 40.00, refunded 60.00; reversing R001: 200.00 − 60.00 − 160.00 = −20.00 → refused,
    /// // a replacing payment of at least 0.00 − (−20.00) = 20.00 would do
    /// try ReversalDecision.decide(facts)   // throws .paymentBelowRefunds(short: 20.00, least: 20.00)
    /// ```
    public static func decide(_ facts: ReversalFacts) throws(ReversalRefusal) -> ReversalDecision {
        switch facts.kind {
        case .reversal: throw .isReversal(entryId: facts.entryId)
        case .opening: throw .isOpening(entryId: facts.entryId)
        case .payment, .refund: break
        }
        if facts.kind == .refund, let event = facts.eventOfRefund, !facts.correctionRecorded {
            throw .refundOfEvent(entryId: facts.entryId, event: event)
        }
        if let by = facts.reversedBy, by != facts.correctionId { throw .alreadyReversed(entryId: facts.entryId, by: by) }
        var decision = ReversalDecision(entryId: facts.entryId, correctionId: facts.correctionId, amount: facts.amount)
        guard !facts.correctionRecorded else { return decision }
        let before = try figured(ReversalRefusal.failed) { try facts.family.left }
        let after = try figured(ReversalRefusal.failed) {
            facts.kind == .payment ? try before - facts.amount : try before + facts.amount
        }
        if facts.kind == .payment {
            // Reversing a payment must not leave the family owed back more than it paid.
            let left = try figured(ReversalRefusal.failed) { try after + facts.credit }
            if left.isNegative {
                let (short, least) = try figured(ReversalRefusal.failed) { (try -left, try facts.credit - left) }
                throw .paymentBelowRefunds(entryId: facts.entryId, short: short, least: least)
            }
        }
        decision.familyLeftBefore = before
        decision.familyLeftAfter = after
        // The family's paid − refunded moves by exactly the reversed amount: down for a payment (never below
        // zero with the replacing payment counted), up for a refund.
        precondition(
            after.fen == (facts.kind == .payment ? before.fen - facts.amount.fen : before.fen + facts.amount.fen),
            "a reversal moves the family's balance by its amount")
        precondition(facts.kind != .payment || after.fen + facts.credit.fen >= 0, "refunds stay within payments")
        return decision
    }
}
