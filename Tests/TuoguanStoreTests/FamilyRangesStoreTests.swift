import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// The ledger's families read a range of students at a time (``Ledger/readingTermInRanges(rangeSize:_:)``) are
/// the whole term's facts, split by student id; the term computed from them is the whole term's.
@Suite struct FamilyRangesStoreTests {
    /// The hand-counted term (S001–S003, X1 and B1 attended) with payments of S003 and S001 interleaved after
    /// the fixture's two, one of them reversed (net of reversals: it counts nowhere).
    static func ledger() throws -> Ledger {
        let ledger = try handCountedLedger()
        _ = try ledger.importCSV(
            .payments,
            data: csv("receipt,student_id,amount,date,method\nR101,S003,50.00,2024-09-03,cash\nR102,S001,30.00,2024-09-04,wechat\nR103,S003,7.00,2024-09-05,cash\n"),
            fileName: "payments.csv", dryRun: false, by: "t")
        _ = try ledger.reverse(entryId: "R103", correctionId: "C1", note: "录错", by: "t")
        return ledger
    }

    @Test("the ranges partition the whole term's families by student id, every size", arguments: [1, 2, 3, 50])
    func rangesPartitionTheFamilies(size: Int) throws {
        let ledger = try Self.ledger()
        let whole = try ledger.termFacts()
        let (term, ranges) = try ledger.readingTermInRanges(rangeSize: size) { term, families in
            (term, try (0..<families.rangeCount).map { try families.families(inRange: $0) })
        }
        #expect(term == whole.withoutFamilies)
        // 3 students: ⌈3 / size⌉ ranges.
        #expect(ranges.count == (3 + size - 1) / size)
        #expect(ranges.flatMap(\.students) == whole.students)
        #expect(ranges.flatMap(\.usages) == whole.usages)
        #expect(ranges.flatMap(\.openings) == whole.openings)
        // Each range's money in the journal's order; across ranges by student: compare as sets of receipts.
        #expect(Set(ranges.flatMap(\.payments).map(\.receipt)) == Set(whole.payments.map(\.receipt)))
        #expect(!whole.payments.contains { $0.receipt == "R103" })
        for range in ranges {
            let ids = Set(range.students.map(\.id))
            #expect(range.payments.allSatisfy { ids.contains($0.studentId) })
            #expect(range.payments == whole.payments.filter { ids.contains($0.studentId) })
        }
    }

    @Test("the term computed a range at a time is the whole term's", arguments: [1, 2, 2_000])
    func rangedComputationIsWhole(size: Int) throws {
        let ledger = try Self.ledger()
        let whole = try TermComputation.compute(rules: ledger.rules, facts: try ledger.termFacts())
        let (result, statements) = try ledger.readingTermInRanges(rangeSize: size) { term, families in
            let (result, statements) = try TermComputation.compute(rules: ledger.rules, term: term, families: families)
            return (result, Array(statements))
        }
        var expected = whole
        expected.students = []
        #expect(result == expected)
        #expect(statements == whole.students)
        // S003 paid 50.00 (R103's 7.00 reversed); S001 200.00 + 30.00.
        #expect(statements.map(\.paid) == [Money(fen: 23_000), Money(fen: 20_000), Money(fen: 5_000)])
    }
}
