import GRDB
import TuoguanCore

/// What a term-end settlement is asked to do (``Ledger/settle(_:by:)``).
///
/// ```swift
/// let request = SettlementRequest(className: "1年级1班", except: ["S000007"], method: .cash,
///                                 date: CivilDate(parsing: "2025-01-20")!, apply: true)
/// ```
public struct SettlementRequest: Sendable, Equatable {
    /// Only this class, if given.
    public var className: String?
    /// Students left out (their balance carries into the next term).
    public var except: [String]
    /// How the money goes back.
    public var method: PaymentMethod
    public var date: CivilDate
    /// Kept with every refund.
    public var note: String
    /// false: a dry run, every refund checked as if recorded and then rolled back.
    public var apply: Bool
    public init(
        className: String? = nil, except: [String] = [], method: PaymentMethod, date: CivilDate, note: String = "",
        apply: Bool
    ) {
        self.className = className
        self.except = except
        self.method = method
        self.date = date
        self.note = note
        self.apply = apply
    }
}

extension Ledger {
    /// Settles the term (多退少补): reads the whole term's facts, lets ``TermSettlement/decide(_:rules:className:except:)``
    /// compute the term (the statement's figures) and decide every family's refund, and records each as a
    /// settlement refund (``recordRefund(_:by:)``, its ceilings checked) in ONE transaction: all or nothing. A dry
    /// run (`apply: false`) does the same and rolls back, so it shows what `apply` would record or the refusal it
    /// would meet. Running it again plans nothing: every settled balance is zero.
    ///
    /// ```swift
    /// let plan = try ledger.settle(SettlementRequest(method: .cash, date: day, apply: true), by: "王会计")
    /// plan.refunds.count   // families refunded; plan.topUps: families who still owe
    /// ```
    public func settle(_ request: SettlementRequest, by: String) throws -> TermSettlement {
        let work = { (writer: LedgerWriter) throws -> TermSettlement in
            let facts = try writer.reader.settlementFacts()
            let plan = try TermSettlement.decide(facts, rules: self.rules, className: request.className, except: request.except)
            for refund in plan.refunds {
                let outcome = try self.recordRefund(
                    RefundRequest(
                        refundId: refund.refundId, studentId: refund.student.id, amount: refund.amount, date: request.date,
                        reason: .settlement, note: request.note, method: request.method),
                    by: by, writer: writer)
                assert(outcome.outcome == .recorded && outcome.amount == refund.amount, "a planned id was free")
            }
            return plan
        }
        return request.apply ? try record(work) : try recordAndRollBack(work)
    }

    /// ``record(whenClosed:_:)`` that always rolls back: a dry run of a write (what it would record, or the
    /// refusal it would meet).
    func recordAndRollBack<T>(_ work: (LedgerWriter) throws -> T) throws -> T {
        try record(dryRun: true, work)
    }
}
