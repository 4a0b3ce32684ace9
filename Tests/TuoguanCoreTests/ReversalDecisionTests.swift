import PropertyBased
import Testing
import TuoguanCore

/// Reversals and one-step corrections decided without SQLite: random journal states, the family's balance moved
/// by exactly the reversed amount, each refusal with its message, and hand-computed cases.
@Suite struct ReversalDecisionTests {
    typealias F = Fixtures

    static func facts(
        _ kind: JournalEntryKind = .payment, amount: String = "160.00", paid: String = "200.00", refunded: String = "0.00",
        credit: String = "0.00", event: String? = nil, recorded: Bool = false, reversedBy: String? = nil
    ) -> ReversalFacts {
        ReversalFacts(
            entryId: "R001", correctionId: "C1", kind: kind, amount: F.yuan(amount), eventOfRefund: event,
            correctionRecorded: recorded, reversedBy: reversedBy,
            family: FamilyTotals(paid: F.yuan(paid), refunded: F.yuan(refunded)), credit: F.yuan(credit))
    }

    static func refusal(_ facts: ReversalFacts) -> ReversalRefusal? {
        do {
            _ = try ReversalDecision.decide(facts)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Hand-computed reversals

    @Test func reversingAPaymentOrARefundMovesTheFamilysBalance() throws {
        // Paid 200.00 (R001 160.00 + 40.00), refunded 0.00: without R001, 200.00 − 160.00 = 40.00 left.
        let payment = try ReversalDecision.decide(Self.facts())
        #expect(payment.familyLeftBefore == F.yuan("200.00"))
        #expect(payment.familyLeftAfter == F.yuan("40.00"))
        // A refund of 30.00 reversed: 200.00 − 30.00 = 170.00 before, 170.00 + 30.00 = 200.00 after.
        let refund = try ReversalDecision.decide(Self.facts(.refund, amount: "30.00", refunded: "30.00"))
        #expect(refund.familyLeftBefore == F.yuan("170.00"))
        #expect(refund.familyLeftAfter == F.yuan("200.00"))
        // Asked again under the same correction id: nothing moves, the writer finds it recorded.
        let again = try ReversalDecision.decide(Self.facts(recorded: true, reversedBy: "C1"))
        #expect(again.familyLeftBefore == nil && again.amount == F.yuan("160.00"))
    }

    @Test func aPaymentWhoseRefundsWouldExceedWhatIsLeft() {
        // Paid 200.00, refunded 60.00; reversing R001 (160.00): 200.00 − 60.00 − 160.00 = −20.00, short 20.00;
        // a replacing payment of at least 0.00 − (−20.00) = 20.00 would do.
        let error = Self.refusal(Self.facts(refunded: "60.00"))?.error
        #expect(error?.code == .refundCeiling)
        #expect(error?.message.zh == "冲正缴费 R001 后，已退费用将超过已缴费用 20.00")
        #expect(error?.message.en == "reversing payment R001 would leave refunds exceeding payments by 20.00")
        #expect(error?.fix?.en.contains("the new receipt R001-1 are recorded together; the right amount is at least 20.00") == true)
        // Corrected to 15.00 in one step: −20.00 + 15.00 = −5.00, still short 5.00, at least 15.00 − (−5.00) = 20.00.
        let short = Self.refusal(Self.facts(refunded: "60.00", credit: "15.00"))
        #expect(short == .paymentBelowRefunds(entryId: "R001", short: F.yuan("5.00"), least: F.yuan("20.00")))
        // Corrected to 20.00: −20.00 + 20.00 = 0.00, allowed.
        #expect(Self.refusal(Self.facts(refunded: "60.00", credit: "20.00")) == nil)
    }

    // MARK: - Every refusal, with its message

    @Test func aReversalOrABalanceCarriedInIsNotReversed() {
        let reversal = Self.refusal(Self.facts(.reversal))?.error
        #expect(reversal?.code == .badInput)
        #expect(reversal?.message.en == "\"R001\" is itself a reversal and cannot be reversed")
        #expect(reversal?.message.zh == "“R001”本身是冲正，不能再冲正")
        let opening = Self.refusal(Self.facts(.opening))?.error
        #expect(opening?.message.zh == "“R001”是从上学期结转的余额，不能冲正（它与上学期已结账的账本对应）")
    }

    @Test func aRefundOfAnEventIsTakenBackWithTheEvent() {
        let error = Self.refusal(Self.facts(.refund, amount: "20.00", refunded: "20.00", event: "W1"))?.error
        #expect(error?.code == .refundRefused)
        #expect(
            error?.message.en
                == "refund R001 belongs to the withdrawal or cancellation W1: reversing it alone leaves that event in force, and the family's statement would show the money as owed again")
        #expect(error?.fix?.zh == "用 tuoguan undo --entry W1 --id 新编号 --note 原因：撤销整个事件及其全部退费")
        // Under a correction id already recorded, the writer compares it instead.
        #expect(Self.refusal(Self.facts(.refund, amount: "20.00", refunded: "20.00", event: "W1", recorded: true)) == nil)
    }

    @Test func anEntryReversedAlready() {
        let error = Self.refusal(Self.facts(reversedBy: "C0"))?.error
        #expect(error?.code == .conflict)
        #expect(error?.message.en == "\"R001\" was already reversed by \"C0\"")
        #expect(error?.message.zh == "“R001”已由“C0”冲正")
    }

    @Test func anOverflowIsRefusedWithItsOwnMessage() {
        // paid − refunded = 92,233,720,368,547,758.07 yuan; reversing a refund of 0.01 adds past Int64.
        let facts = ReversalFacts(
            entryId: "F1", correctionId: "C1", kind: .refund, amount: Money(fen: 1),
            family: FamilyTotals(paid: Money(fen: .max), refunded: .zero))
        #expect(Self.refusal(facts)?.error.code == .overflow)
    }

    // MARK: - One-step corrections (correct --entry R --amount A)

    static func replacement(_ kind: JournalEntryKind = .payment, amount: String = "720.00", to new: String = "72.00", event: String? = nil, reversed: Bool = false)
        -> ReplacementFacts
    {
        ReplacementFacts(entryId: "R0001", kind: kind, amount: F.yuan(amount), eventOfRefund: event, reversed: reversed, newAmount: F.yuan(new))
    }

    static func replacementRefusal(_ facts: ReplacementFacts) -> ReplacementRefusal? {
        do {
            _ = try ReplacementDecision.decide(facts)
            return nil
        } catch {
            return error
        }
    }

    @Test func aMistypedPaymentIsReplaced() throws {
        // 720.00 typed for 72.00.
        let d = try ReplacementDecision.decide(Self.replacement())
        #expect(d.oldAmount == F.yuan("720.00") && d.newAmount == F.yuan("72.00"))
        // Run again after it was recorded (R0001 reversed): the same amount is no refusal.
        #expect(Self.replacementRefusal(Self.replacement(amount: "72.00", reversed: true)) == nil)
        #expect(ReplacementDecision.replacementReceipt(for: "R0001") == "R0001-1")
        #expect(ReplacementDecision.replacementReceipt(for: "R0001-1") == "R0001-2")
        #expect(ReplacementDecision.replacementReceipt(for: "2024-001") == "2024-001-1")
    }

    @Test func everyRefusalOfAOneStepCorrection() {
        let event = Self.replacementRefusal(Self.replacement(.refund, event: "W1"))?.error
        #expect(event?.message.en == "--amount corrects a payment's amount; refund R0001 belongs to the withdrawal or cancellation W1")
        #expect(event?.location?.key == "--entry")
        let refund = Self.replacementRefusal(Self.replacement(.refund))?.error
        #expect(refund?.message.zh == "--amount 只用于更正缴费的金额，“R0001”是退费")
        let reversal = Self.replacementRefusal(Self.replacement(.reversal))?.error
        #expect(reversal?.message.en == "--amount corrects a payment's amount; \"R0001\" is a reversal")
        let zero = Self.replacementRefusal(Self.replacement(to: "0.00"))?.error
        #expect(zero?.message.zh == "更正后的缴费金额必须大于零：0.00")
        #expect(zero?.location?.key == "--amount")
        let same = Self.replacementRefusal(Self.replacement(to: "720.00"))?.error
        #expect(same?.message.en == "receipt R0001 is already 720.00: nothing to correct")
    }

    // MARK: - Random reversals

    /// Kind index, amount (fen), paid (fen), refunded (fen), credit (fen), event?, recorded?, reversed by another?
    static let reversal = zip(
        Gen.int(in: 0...3), Gen.int64(in: 1...30_000), Gen.int64(in: 0...60_000), Gen.int64(in: 0...60_000),
        Gen.int64(in: 0...30_000), Gen.bool(0.2), Gen.bool(0.2), Gen.bool(0.2))

    @Test func aReversalMovesTheBalanceByItsAmountAndNeverLeavesRefundsAbovePayments() async {
        await propertyCheck(count: 500, input: Self.reversal) { spec in
            let (kindIndex, amount, paid, refunded, credit, event, recorded, reversedByOther) = spec
            let kind = JournalEntryKind.allCases[kindIndex]
            let facts = ReversalFacts(
                entryId: "E1", correctionId: "C1", kind: kind, amount: Money(fen: amount), eventOfRefund: event ? "W1" : nil,
                correctionRecorded: recorded, reversedBy: reversedByOther ? "C0" : (recorded ? "C1" : nil),
                family: FamilyTotals(paid: Money(fen: paid), refunded: Money(fen: refunded)), credit: Money(fen: credit))
            switch Result(catching: { () throws(ReversalRefusal) in try ReversalDecision.decide(facts) }) {
            case .success(let decision):
                #expect(kind == .payment || kind == .refund)
                #expect(!reversedByOther)
                #expect(decision.amount == facts.amount)
                if let before = decision.familyLeftBefore, let after = decision.familyLeftAfter {
                    #expect(before.fen == paid - refunded)
                    #expect(after.fen == (kind == .payment ? before.fen - amount : before.fen + amount))
                    if kind == .payment { #expect(after.fen + credit >= 0) }
                } else {
                    #expect(recorded)
                }
            case .failure(let error):
                switch error {
                case .isReversal: #expect(kind == .reversal)
                case .isOpening: #expect(kind == .opening)
                case .refundOfEvent: #expect(kind == .refund && event && !recorded)
                case .alreadyReversed(_, let by): #expect(reversedByOther && by == "C0")
                case let .paymentBelowRefunds(_, short, least):
                    #expect(kind == .payment && paid - refunded - amount + credit == -short.fen && least.fen == short.fen + credit)
                case .failed: Issue.record("no overflow in these ranges")
                }
            }
        }
    }
}
