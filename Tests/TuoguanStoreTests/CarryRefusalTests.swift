import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// A term is carried only into a ledger that records nothing yet.
@Suite struct CarryRefusalTests {
    @Test func carryingIntoALedgerThatHoldsRecordsIsRefusedAndChangesNothing() throws {
        let ledger = try seededLedger()
        let before = try ledger.openingBalances()
        let plan = try NextTerm.plan(
            students: [], teachers: [], families: [], pools: [], promote: false, rules: ledger.rules)
        let source = CarrySource(file: "autumn.sqlite", school: "示范小学", term: "2024-autumn", closingId: "CLOSE-1", head: "ab")
        let error = try #require(throws: TuoguanError.self) { try ledger.carryIn(plan, from: source, by: "会计") }
        #expect(error.code == .conflict)
        #expect(error.message.zh == "新学期账本已有记录，不能再从上学期结转")
        #expect(error.message.en == "the new ledger already holds records: nothing can be carried into it")
        #expect(error.fix?.zh == "用一个新的账本文件（--db）")
        #expect(error.fix?.en == "use a new ledger file (--db)")
        #expect(try ledger.carriedFrom() == nil)
        #expect(try ledger.openingBalances() == before)
    }
}
