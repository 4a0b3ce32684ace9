/// What the store read for a one-step correction of a payment's amount (`correct --entry R --amount A`): the
/// entry named (found by the store), what the journal says about it, and the amount asked.
public struct ReplacementFacts: Sendable, Equatable {
    public var entryId: String
    public var kind: JournalEntryKind
    public var amount: Money
    /// The withdrawal or cancellation a refund belongs to, if it does.
    public var eventOfRefund: String?
    /// The entry was reversed already (the correction run again, or reversed by hand before).
    public var reversed: Bool
    /// The right amount.
    public var newAmount: Money

    public init(entryId: String, kind: JournalEntryKind, amount: Money, eventOfRefund: String? = nil, reversed: Bool = false, newAmount: Money) {
        self.entryId = entryId
        self.kind = kind
        self.amount = amount
        self.eventOfRefund = eventOfRefund
        self.reversed = reversed
        self.newAmount = newAmount
    }
}

/// What a one-step correction writes: the reversal of the payment (``ReversalDecision``, with `newAmount` as its
/// credit) and a new payment of `newAmount` under ``replacementReceipt(for:)`` or the receipt asked.
public struct ReplacementDecision: Sendable, Equatable {
    public var entryId: String
    public var oldAmount: Money
    public var newAmount: Money
}

/// Why a one-step correction is refused (the reversal's own refusals come from ``ReversalDecision``).
public enum ReplacementRefusal: DecisionRefusal, Equatable {
    /// A refund of a withdrawal or a cancellation: `undo` takes the event back.
    case refundOfEvent(entryId: String, event: String)
    /// Not a payment: a refund, a reversal or a balance carried in.
    case notAPayment(entryId: String, kind: JournalEntryKind)
    case notPositive(entryId: String, amount: Money)
    /// The payment already has this amount.
    case sameAmount(entryId: String, amount: Money)

    public var error: TuoguanError {
        switch self {
        case let .refundOfEvent(id, event):
            return TuoguanError(
                .badInput, zh: "--amount 只用于更正缴费的金额；退费 \(id) 是退课或停课“\(event)”的一部分",
                en: "--amount corrects a payment's amount; refund \(id) belongs to the withdrawal or cancellation \(event)",
                fix: LocalizedText(
                    zh: "用 tuoguan undo --entry \(event) --id 新编号 --note 原因 撤销整个事件及其全部退费，需要时再重新登记",
                    en: "take the event back whole with tuoguan undo --entry \(event) --id NEW-ID --note WHY, and record it again if needed"),
                at: SourceLocation(key: "--entry"), excerpt: id)
        case let .notAPayment(id, kind):
            return TuoguanError(
                .badInput,
                zh: "--amount 只用于更正缴费的金额，“\(id)”是\(kind == .refund ? "退费" : "冲正")",
                en: "--amount corrects a payment's amount; \"\(id)\" is a \(kind.rawValue)",
                fix: LocalizedText(
                    zh: "退费录错的，先冲正（tuoguan correct --entry \(id) --id 冲正编号 --note 原因），再用 refund 以新编号登记正确的退费",
                    en: "for a refund, reverse it (tuoguan correct --entry \(id) --id NEW-ID --note WHY) and record the right refund under a new id with refund"),
                at: SourceLocation(key: "--entry"), excerpt: id)
        case let .notPositive(id, amount):
            return TuoguanError(
                .badInput, zh: "更正后的缴费金额必须大于零：\(amount.formatted())",
                en: "the corrected payment must be more than zero: \(amount.formatted())",
                fix: LocalizedText(
                    zh: "缴费根本不存在的，只冲正：tuoguan correct --entry \(id) --id 冲正编号 --note 原因",
                    en: "if the payment never happened, only reverse it: tuoguan correct --entry \(id) --id NEW-ID --note WHY"),
                at: SourceLocation(key: "--amount"), excerpt: amount.formatted())
        case let .sameAmount(id, amount):
            return TuoguanError(
                .badInput, zh: "收据 \(id) 的金额已是 \(amount.formatted())，无需更正",
                en: "receipt \(id) is already \(amount.formatted()): nothing to correct",
                fix: LocalizedText(
                    zh: "给出正确的金额；收据记错了学生或日期的，先冲正（--id 冲正编号），再用 pay 重新登记",
                    en: "give the right amount; for a wrong student or date, reverse it (--id NEW-ID) and record it again with pay"),
                at: SourceLocation(key: "--amount"), excerpt: amount.formatted())
        }
    }
}

extension ReplacementDecision {
    /// Decides a one-step correction: only of a payment, to an amount above zero and other than its own
    /// (unless it was reversed already: the correction run again).
    ///
    /// ```swift
    /// // R0001 recorded as 720.00, should be 72.00
    /// try ReplacementDecision.decide(facts)   // oldAmount 720.00, newAmount 72.00
    /// ```
    public static func decide(_ facts: ReplacementFacts) throws(ReplacementRefusal) -> ReplacementDecision {
        if facts.kind == .refund, let event = facts.eventOfRefund {
            throw .refundOfEvent(entryId: facts.entryId, event: event)
        }
        guard facts.kind == .payment else { throw .notAPayment(entryId: facts.entryId, kind: facts.kind) }
        guard facts.newAmount > .zero else { throw .notPositive(entryId: facts.entryId, amount: facts.newAmount) }
        if facts.newAmount == facts.amount && !facts.reversed { throw .sameAmount(entryId: facts.entryId, amount: facts.newAmount) }
        // The replacing payment is above zero and changes something (or the correction is being run again).
        precondition(facts.newAmount > .zero && (facts.newAmount != facts.amount || facts.reversed), "a replacement corrects a payment")
        return ReplacementDecision(entryId: facts.entryId, oldAmount: facts.amount, newAmount: facts.newAmount)
    }

    /// The receipt a corrected payment gets by default: the receipt with `-1` added, or its number raised when
    /// it already ends in a short one: `R0001` → `R0001-1`, `R0001-1` → `R0001-2`. The same for the same
    /// receipt, so running the correction again records nothing.
    ///
    /// ```swift
    /// ReplacementDecision.replacementReceipt(for: "R0001")     // "R0001-1"
    /// ReplacementDecision.replacementReceipt(for: "2024-001")  // "2024-001-1" (three digits: part of the number)
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
}
