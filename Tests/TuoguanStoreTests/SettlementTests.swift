import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// ``Ledger/settle(_:by:)``, the library call the command (and the web page) makes: the store reads the term,
/// the core plans, the store writes every refund in one transaction.
@Suite struct SettlementTests {
    let day = CivilDate(parsing: "2024-09-30")!

    /// No session is on file: X1 charges the lessons held, 0 × 20.00 = 0.00; B1 is 40.00 a month × 1 = 40.00.
    /// S001 paid 200.00 and 30.00 more by mistake: 40.00 − 230.00 = −190.00, 应退 190.00; S002 paid 200.00:
    /// 40.00 − 200.00 = −160.00, 应退 160.00; S003 (留守儿童, B1 waived) paid nothing and owes nothing.
    @Test func previewRecordsNothingApplyRecordsOnceWithItsMethod() throws {
        let ledger = try seededLedger()
        _ = try ledger.recordPayment(
            PaymentFact(receipt: "R-EXTRA", studentId: "S001", amount: Money(fen: 3000), date: day, method: .cash), by: "tester")
        let result = try TermComputation.compute(rules: ledger.rules, facts: try ledger.termFacts())
        #expect(result.students.map(\.balance) == [Money(fen: -19000), Money(fen: -16000), .zero])

        let preview = try ledger.settle(SettlementRequest(method: .bank, date: day, apply: false), by: "会计")
        #expect(preview.refunds.map(\.refundId) == ["JS-2024-autumn-S001", "JS-2024-autumn-S002"])
        #expect(preview.refunds.map(\.amount) == [Money(fen: 19000), Money(fen: 16000)])
        #expect(try ledger.refundRegister().isEmpty)

        let applied = try ledger.settle(SettlementRequest(method: .bank, date: day, note: "期末", apply: true), by: "会计")
        #expect(applied == preview)
        let register = try ledger.refundRegister()
        #expect(register.map(\.refundId) == ["JS-2024-autumn-S001", "JS-2024-autumn-S002"])
        #expect(register.first?.amount == Money(fen: 19000))
        #expect(register.first?.method == .bank)
        #expect(register.first?.reason == .settlement)
        #expect(register.first?.recordedBy == "会计")
        #expect(register.first?.note == "期末")
        #expect(try ledger.settle(SettlementRequest(method: .bank, date: day, apply: true), by: "会计").refunds.isEmpty)
        #expect(try ledger.refundRegister().count == 2)
        #expect(try ledger.verify().ok)
    }

    /// A student left out keeps the balance (S001, 应退 190.00), the others are settled (S002, 160.00); an
    /// unknown student is refused with nothing recorded.
    @Test func exceptAndUnknownStudent() throws {
        let ledger = try seededLedger()
        _ = try ledger.recordPayment(
            PaymentFact(receipt: "R-EXTRA", studentId: "S001", amount: Money(fen: 3000), date: day, method: .cash), by: "tester")
        let left = try ledger.settle(SettlementRequest(except: ["S001"], method: .cash, date: day, apply: true), by: "会计")
        #expect(left.refunds.map(\.refundId) == ["JS-2024-autumn-S002"])
        #expect(left.leftOut.map(\.student.id) == ["S001"])
        #expect(left.leftOut.map(\.balance) == [Money(fen: -19000)])
        #expect(throws: TuoguanError.self) {
            try ledger.settle(SettlementRequest(except: ["S404"], method: .cash, date: day, apply: true), by: "会计")
        }
        #expect(try ledger.refundRegister().count == 1)
    }
}
