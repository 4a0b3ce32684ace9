import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// The journal's head kept by an import's writer from one row to the next (``JournalHead``): the chain it
/// writes is the one `verify` recomputes, after entries recorded before it and with refunds among the rows; a
/// head left behind by an append made another way is refused by SQLite, never a fork.
@Suite struct JournalHeadTests {
    @Test func anImportsChainFollowsTheEntriesBeforeItAndVerifies() throws {
        let ledger = try seededLedger()  // two payments already in the journal
        _ = try ledger.importCSV(
            .payments,
            data: csv("receipt,student_id,amount,date,method\nH1,S001,1.00,2024-09-03,cash\nH2,S002,2.00,2024-09-03,wechat\nH3,S001,3.00,2024-09-04,bank\n"),
            fileName: "p.csv", dryRun: false, by: "t")
        _ = try ledger.recordPayment(
            PaymentFact(receipt: "H4", studentId: "S002", amount: Money(fen: 400), date: CivilDate(parsing: "2024-09-05")!, method: .cash),
            by: "t")
        _ = try ledger.importCSV(
            .refunds, data: csv("refund_id,student_id,course_id,amount,date,reason\nHF1,S001,,0.50,2024-09-06,settlement\n"),
            fileName: "f.csv", dryRun: false, by: "t")
        let report = try ledger.verify()
        #expect(report.ok, "\(report.firstBreak ?? "")")
        #expect(report.entries == 2 + 3 + 1 + 1)
    }

    @Test func aHeadLeftBehindIsRefusedAndNothingIsRecorded() throws {
        let ledger = try seededLedger()
        let day = CivilDate(parsing: "2024-09-03")!
        let entry = { (id: String) in JournalEntry(entryId: id, kind: .payment, studentId: "S001", amount: Money(fen: 100), date: day, method: .cash) }
        #expect(throws: (any Error).self) {
            try ledger.record { writer in
                let kept = LedgerWriter(ledger: ledger, db: writer.db, journalHead: JournalHead())
                _ = try kept.append(entry("K1"), by: "t")
                _ = try writer.append(entry("K2"), by: "t")  // another way: `kept` does not see it
                _ = try kept.append(entry("K3"), by: "t")  // would take K2's sequence number
            }
        }
        #expect(try ledger.reading { reader throws in try reader.journalEntry("K1") } == nil)
        #expect(try ledger.verify().ok)
    }
}
