import Testing

@testable import TuoguanCore

/// ``TermSettlement``: who is refunded, who must top up, the ids, on a hand-made term.
@Suite struct TermSettlementTests {
    /// A family's statement with only its figures: charged, paid, refunded (fen); balance = charged − (paid − refunded).
    func family(_ id: String, _ className: String, grade: Int, charged: Int64, paid: Int64, refunded: Int64 = 0) -> StudentStatement {
        StudentStatement(
            student: Student(id: id, name: "学生\(id)", grade: grade, className: className), lines: [], waived: .zero,
            charged: Money(fen: charged), payments: [], refunds: [], paid: Money(fen: paid), refunded: Money(fen: refunded),
            balance: Money(fen: charged - (paid - refunded)))
    }

    /// S1: 261.00 − (285.00 − 3.00) = −21.00 (应退 21.00); S2: 780.00 − 760.00 = 20.00 (应补); S3 settled (0);
    /// S4 in 1年级13班: 100.00 − 150.00 = −50.00; S5 in 1年级2班: 0 − 5.00 = −5.00; S6 in 2年级1班 owes 30.00.
    var term: TermResult {
        TermResult(
            school: "某小学", term: "2024-autumn",
            students: [
                family("S1", "1年级13班", grade: 1, charged: 26100, paid: 28500, refunded: 300),
                family("S2", "1年级13班", grade: 1, charged: 78000, paid: 76000),
                family("S3", "1年级2班", grade: 1, charged: 10000, paid: 10000),
                family("S4", "1年级13班", grade: 1, charged: 10000, paid: 15000),
                family("S5", "1年级2班", grade: 1, charged: 0, paid: 500),
                family("S6", "2年级1班", grade: 2, charged: 3000, paid: 0),
            ],
            fund: FundStatement(basis: .earned, income: .zero, refunds: .zero, earned: .zero, net: .zero, pools: [], steps: []),
            teachers: [], findings: [])
    }

    @Test func refundsAndTopUpsByClass() throws {
        let plan = try TermSettlement.plan(term, term: "2024-autumn", takenIds: [])
        // 1年级2班 before 1年级13班 (natural order), then grade 2; classes with nothing to settle (none here) left out.
        #expect(plan.classes.map(\.className) == ["1年级2班", "1年级13班", "2年级1班"])
        #expect(plan.refunds.map(\.refundId) == ["JS-2024-autumn-S5", "JS-2024-autumn-S1", "JS-2024-autumn-S4"])
        #expect(plan.refunds.map(\.amount.fen) == [500, 2100, 5000])
        #expect(try plan.refundTotal == Money(fen: 500 + 2100 + 5000))
        #expect(plan.topUps.map(\.student.id) == ["S2", "S6"])
        #expect(try plan.topUpTotal == Money(fen: 2000 + 3000))
        #expect(plan.classes[1].refundTotal == Money(fen: 7100))  // 21.00 + 50.00
    }

    @Test func exceptClassAndIds() throws {
        // S4's first settlement id is taken (settled before, then its figures changed): the next is -2; -2 taken too: -3.
        let plan = try TermSettlement.plan(
            term, term: "2024-autumn", className: "1年级13班", except: ["S1"],
            takenIds: ["JS-2024-autumn-S4", "JS-2024-autumn-S4-2"])
        #expect(plan.refunds.map(\.refundId) == ["JS-2024-autumn-S4-3"])
        #expect(plan.topUps.map(\.student.id) == ["S2"])
        #expect(plan.leftOut.map(\.student.id) == ["S1"])
        #expect(TermSettlement.refundId(term: "t", studentId: "S9", taken: ["JS-t-S1"]) == "JS-t-S9")
    }

    @Test func unknownClassOrStudent() throws {
        #expect(throws: TuoguanError.self) { try TermSettlement.plan(term, term: "t", className: "3年级1班", takenIds: []) }
        do {
            _ = try TermSettlement.plan(term, term: "t", except: ["S1", "S404", "S405"], takenIds: [])
            Issue.record("an unknown student was accepted")
        } catch let error as TuoguanError {
            #expect(error.code == .unknownReference)
            #expect(error.location?.key == "--except")
            #expect(error.message.en == "no student of the term has the id S404, S405")
        }
    }

    @Test func naturalOrder() {
        #expect(TermSettlement.naturalLess("1年级2班", "1年级13班"))
        #expect(!TermSettlement.naturalLess("1年级13班", "1年级2班"))
        #expect(TermSettlement.naturalLess("三(2)班", "三(10)班"))
        #expect(!TermSettlement.naturalLess("A", "A"))
    }
}
