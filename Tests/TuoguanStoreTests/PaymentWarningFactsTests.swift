import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// The fee warnings' facts read for many families at once (what an import of payments reads) against the same
/// facts read one family at a time (what `paymentWarnings(for:)` reads), on random schools: the same facts, so the
/// same warnings, for every student asked about (known or not).
@Suite struct PaymentWarningFactsTests {
    /// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    }

    /// A random school on the test term (``testRules()``): students (some 留守, who are waived the basic
    /// fee), two to five courses of either policy on random weekdays, random enrolments from random service
    /// days, some sessions held or cancelled, payments (some past the fees), a few refunds of a course's fee and
    /// a reversed payment. Returns the ledger and its student ids.
    static func randomSchool(seed: UInt64) throws -> (Ledger, [String]) {
        var r = Random(state: seed)
        let ledger = try newLedger()
        let rules = testRules()
        let days = rules.serviceDays
        let students = (1...r.int(4...14)).map { String(format: "S%03d", $0) }
        var text = "student_id,name,grade,class,category\n"
        for s in students { text += "\(s),学生\(s),3,三(2)班,\(r.chance(25) ? "liushou" : "")\n" }
        _ = try ledger.importCSV(.students, data: csv(text), fileName: "s.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(.teachers, data: csv("teacher_id,name,kind\nT1,赵老师,staff\n"), fileName: "t.csv", dryRun: false, by: "t")
        let courses = (1...r.int(2...5)).map { "C\($0)" }
        text = "course_id,name,policy,teacher_id,weekdays,start,end,capacity,room\n"
        for c in courses {
            let weekdays = (1...5).filter { _ in r.chance(50) }
            text += "\(c),课\(c),\(r.chance(50) ? "x" : "basic"),T1,\"\((weekdays.isEmpty ? [2] : weekdays).map(String.init).joined(separator: ","))\",16:30,17:30,30,201\n"
        }
        _ = try ledger.importCSV(.courses, data: csv(text), fileName: "c.csv", dryRun: false, by: "t")
        text = "student_id,course_id,from,until\n"
        for s in students { for c in courses where r.chance(45) { text += "\(s),\(c),\(days[r.int(0...days.count - 1)]),\n" } }
        _ = try? ledger.importCSV(.enrollments, data: csv(text), fileName: "e.csv", dryRun: false, by: "t")
        text = "course_id,date,start,end,teacher_id,status,reason\n"
        for c in courses {
            for day in days.prefix(8) where r.chance(30) { text += "\(c),\(day),,,,\(r.chance(25) ? "cancelled,雨" : "held,")\n" }
        }
        _ = try? ledger.importCSV(.sessions, data: csv(text), fileName: "x.csv", dryRun: false, by: "t")
        text = "receipt,student_id,amount,date,method\n"
        var receipts: [(String, String)] = []
        for (i, s) in students.enumerated() where r.chance(70) {
            for k in 0..<r.int(1...2) {
                receipts.append(("R\(i)-\(k)", s))
                text += "R\(i)-\(k),\(s),\(r.int(1...300)).\(r.int(10...99)),2024-09-0\(r.int(2...6)),wechat\n"
            }
        }
        _ = try? ledger.importCSV(.payments, data: csv(text), fileName: "p.csv", dryRun: false, by: "t")
        for (s, c) in zip(students, courses) where r.chance(40) {
            _ = try? ledger.recordRefund(
                RefundRequest(
                    refundId: "F-\(s)", studentId: s, courseId: c, amount: Money(fen: Int64(r.int(1...2000))), lessons: nil,
                    date: days[3], reason: .settlement, note: ""), by: "t")
        }
        if let (receipt, _) = receipts.first, r.chance(50) {
            _ = try? ledger.reverse(entryId: receipt, correctionId: "X-\(receipt)", note: "录错", by: "t")
        }
        return (ledger, students)
    }

    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func theBatchedFactsAreEachFamilysOwn(seed: UInt64) throws {
        let (ledger, students) = try Self.randomSchool(seed: seed)
        // An unknown student, and a student asked about twice, as an import's list never has but a caller might.
        let asked = students + ["S999", students[0]]
        try ledger.reading { reader in
            let batched = try reader.paymentWarningFacts(studentIds: asked)
            var usages = LedgerReader.ReachUsages()
            #expect(batched["S999"] == nil)
            #expect(batched.count == students.count)
            for s in asked {
                let single = try reader.paymentWarningFacts(studentId: s, usages: &usages)
                #expect(batched[s] == single, "seed \(seed), \(s)")
                if let single, let facts = batched[s] {
                    #expect(try PaymentWarning.fees(facts, rules: reader.rules) == PaymentWarning.fees(single, rules: reader.rules))
                }
            }
        }
    }

    /// The warnings an import of payments gives, family by family, are `paymentWarnings(for:)`'s: the fee
    /// warnings once a family, at its last row, after the date warnings of the rows.
    @Test func anImportWarnsAsEachFamilysOwnWarnings() throws {
        let ledger = try seededLedger()
        // S001 and S002 paid 200.00 each in the seed (payments.csv); X1 160.00 + B1 40.00 = 200.00 reach each.
        // S001 pays 0.50 more: 200.50 > 200.00 by 0.50. S003 (B1 only, waived as 留守) has no fee to pay.
        let report = try ledger.importCSV(
            .payments, data: csv("receipt,student_id,amount,date,method\nR100,S001,0.50,2024-09-03,wechat\nR101,S003,10.00,2024-09-03,cash\nR102,S002,1.00,2025-01-03,cash\n"),
            fileName: "p.csv", dryRun: false, by: "t")
        let expected = try ["S001", "S003", "S002"].flatMap { try ledger.paymentWarnings(for: $0).map(\.message.en) }
        #expect(expected.count == 3)
        #expect(
            report.warnings.map(\.message.en) == [
                "the payment's date 2025-01-03 is outside the term (2024-09-02 to 2024-09-27); the payment was recorded"
            ] + expected)
        #expect(expected[0] == "张三 (S001) has paid 200.50 (less refunds), more than the term's fees can reach, 200.00, by 0.50; the payment was recorded")
    }
}
