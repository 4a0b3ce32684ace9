import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// `termFacts()` scans a large attendance table on two connections at once, only when both see the same state
/// of the ledger: every committed change counts one up in `meta.write_version`.
@Suite("Attendance scanned on two connections")
struct ParallelScanTests {
    /// The hand-counted term: X1 held Sep 2 and 4, cancelled Sep 9, B1 held Sep 2; seven attendance rows.
    /// Forced to split (from 0 sessions), the four sessions are cut at the median id.
    @Test("the facts are the same scanned on one connection or two")
    func sameFacts() throws {
        let ledger = try handCountedLedger()
        ledger.scanSplitFrom = .max
        let one = try ledger.termFacts()
        ledger.scanSplitFrom = 0
        let asked = Counter()
        ledger.beforeSecondRead = { asked.add() }
        let two = try ledger.termFacts()
        #expect(asked.value == 1)
        #expect(two == one)
        // X1: S001 present Sep 2, leave Sep 4; S002 absent Sep 2, present Sep 4 (one row in each half).
        let x1 = two.usages.filter { $0.courseId == "X1" }.sorted { $0.studentId < $1.studentId }
        #expect(x1.map(\.present) == [1, 1])
        #expect(x1.map(\.leave) == [1, 0])
        #expect(x1.map(\.absent) == [0, 1])
    }

    @Test("a change committed between the two connections' reads is not mixed in")
    func writeInBetween() throws {
        // X1 held Sep 2, 4, 11 and 16 (ids 1–4, cut at id 3); attendance only for Sep 2 and 4 so far.
        let ledger = try seededLedger()
        _ = try ledger.importCSV(
            .sessions,
            data: csv(
                "course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024-09-04,,,,held,\nX1,2024-09-11,,,,held,\nX1,2024-09-16,,,,held,\n"),
            fileName: "sessions.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(
            .attendance,
            data: csv("date,course_id,student_id,status\n2024-09-02,X1,S001,present\n2024-09-04,X1,S001,present\n"),
            fileName: "attendance.csv", dryRun: false, by: "t")
        ledger.scanSplitFrom = .max
        let before = try ledger.termFacts()
        let path = ledger.path
        // On the second connection's thread, before it reads: S001 present on Sep 11 (a session of the second
        // half, which the first connection already knows).
        ledger.beforeSecondRead = {
            let clerk = try! Ledger.open(at: path) { _, _ in testRules() }
            _ = try! clerk.importCSV(
                .attendance, data: csv("date,course_id,student_id,status\n2024-09-11,X1,S001,present\n"),
                fileName: "attendance.csv", dryRun: false, by: "t")
        }
        ledger.scanSplitFrom = 0
        let during = try ledger.termFacts()
        // The first connection's state throughout: the Sep 11 row is not counted.
        #expect(during == before)
        #expect(during.usages.first { $0.studentId == "S001" && $0.courseId == "X1" }?.present == 2)
        ledger.beforeSecondRead = nil
        let after = try ledger.termFacts()
        #expect(after.usages.first { $0.studentId == "S001" && $0.courseId == "X1" }?.present == 3)
        ledger.scanSplitFrom = .max
        #expect(after == (try ledger.termFacts()))
    }

    @Test("every committed change counts one; a repeat, a dry run and a refused import count nothing")
    func writeVersion() throws {
        let ledger = try seededLedger()
        func version() throws -> String { try ledger.read { try Ledger.writeVersion($0) } }
        let start = try version()
        let payment = PaymentFact(receipt: "R-V1", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash)
        _ = try ledger.recordPayment(payment, by: "t")
        #expect(try version() == String(Int(start)! + 1))
        _ = try ledger.recordPayment(payment, by: "t")  // the same id again: a no-op
        #expect(try version() == String(Int(start)! + 1))
        _ = try ledger.importCSV(
            .payments, data: csv("receipt,student_id,amount,date,method\nR-V2,S001,1.00,2024-09-03,cash\n"),
            fileName: "p.csv", dryRun: true, by: "t")
        #expect(try version() == String(Int(start)! + 1))
        #expect(thrown {
            _ = try ledger.importCSV(
                .payments, data: csv("receipt,student_id,amount,date,method\nR-V3,NOBODY,1.00,2024-09-03,cash\n"),
                fileName: "p.csv", dryRun: false, by: "t")
        } != nil)
        #expect(try version() == String(Int(start)! + 1))
        _ = try ledger.importCSV(
            .payments, data: csv("receipt,student_id,amount,date,method\nR-V2,S001,1.00,2024-09-03,cash\n"),
            fileName: "p.csv", dryRun: false, by: "t")
        #expect(try version() == String(Int(start)! + 2))
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
