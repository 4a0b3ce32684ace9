import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

#if canImport(Glibc)
    import Glibc
#endif

/// Durability: a child process records payments, refunds, whole-file imports and force-majeure cancellations
/// and is killed with SIGKILL at random moments. After every kill the ledger passes `PRAGMA integrity_check`
/// and `verify`, every operation the child acknowledged (it appends an ack line to a file only after the
/// commit returned) is there whole, an import is either all there or not at all, and a cancellation's refund
/// is never there without its cancelled session.
///
/// The child is this same test binary, started again with `TUOGUAN_CRASH_CHILD` set and a filter that runs
/// only ``CrashTests/crashChild()``: a fresh process (no fork of a multi-threaded test runner), driving the
/// real `Ledger` code. The number of kills is `TUOGUAN_CRASH_KILLS` (default 200); `TUOGUAN_CRASH_SECONDS`
/// stops the loop earlier, after that many seconds; a fresh ledger is started every
/// `TUOGUAN_CRASH_PER_LEDGER` kills (default 500).
@Suite(.serialized) struct CrashTests {
    /// Whether this process is a child started by one of the parent tests.
    static var isChild: Bool { ProcessInfo.processInfo.environment[childEnv] != nil }
    static let childEnv = "TUOGUAN_CRASH_CHILD"

    @Test(.enabled(if: CrashTests.isChild, "runs only as the child process that the parent test starts"))
    func crashChild() throws {
        let spec = try #require(ProcessInfo.processInfo.environment[Self.childEnv])
        // spec: ledger path | ack file | run number
        let parts = spec.split(separator: "|").map(String.init)
        let (path, ackPath, run) = (parts[0], parts[1], parts[2])
        let ack = Glibc.open(ackPath, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        func say(_ line: String) {
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(ack, $0.baseAddress, $0.count) }
        }
        let ledger = try Ledger.open(at: path) { _, _ in testRules() }
        say("READY \(run)")
        // Runs start at different operations (the kill often comes within the first few), so that every kind
        // is in flight at some kills.
        var i = (Int(run.dropFirst()) ?? 0) % 5
        while true {
            i += 1
            let id = "\(run)-\(i)"
            switch i % 5 {
            case 4:
                // A force-majeure cancellation: a new course (Mondays, prepaid per lesson) with S001 enrolled, its
                // session of Monday 2 September cancelled and S001's lesson refunded, in one transaction.
                let course = "K\(id)"
                _ = try ledger.importCSV(
                    .courses, data: csv("course_id,name,policy,teacher_id,weekdays,start,end\n\(course),停课测试,x,T1,1,16:30,17:30\n"),
                    fileName: "k.csv", dryRun: false, by: "child")
                _ = try ledger.importCSV(
                    .enrollments, data: csv("student_id,course_id,from,until\nS001,\(course),2024-09-02,\n"), fileName: "e.csv",
                    dryRun: false, by: "child")
                // Its session of Monday 9 September held, S001 present and S002 (not enrolled) refused: the
                // attendance import's month rows and tallies, written at its end, are whole or absent.
                _ = try ledger.importCSV(
                    .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\n\(course),2024-09-09,,,,held,\n"),
                    fileName: "s.csv", dryRun: false, by: "child")
                _ = try ledger.importCSV(
                    .attendance, data: csv("date,course_id,student_id,status\n2024-09-09,\(course),S001,present\n"),
                    fileName: "a.csv", dryRun: false, by: "child")
                say("A \(course) 1")
                let report = try ledger.cancel(
                    date: date("2024-09-02"), courseIds: [course], reason: "台风", note: "", refundIdPrefix: "C\(id)", by: "child")
                for refund in report.refunds where refund.outcome == .recorded { say("C \(refund.refundId) \(refund.amount.fen)") }
            case 0:
                // A whole file of 20 payments in one transaction.
                var text = "receipt,student_id,amount,date,method\n"
                for k in 1...20 { text += "I\(id)-\(k),S002,1.00,2024-09-03,cash\n" }
                _ = try ledger.importCSV(.payments, data: csv(text), fileName: "p.csv", dryRun: false, by: "child")
                say("I I\(id)- 20")
            case 3:
                let out = try ledger.recordRefund(
                    RefundRequest(
                        refundId: "F\(id)", studentId: "S001", amount: Money(fen: 50), date: date("2024-09-04"),
                        reason: .settlement), by: "child")
                say("F F\(id) \(out.amount.fen)")
            default:
                _ = try ledger.recordPayment(
                    PaymentFact(receipt: "P\(id)", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .wechat),
                    by: "child")
                say("P P\(id) 100")
            }
        }
    }

    @Test(.enabled(if: !CrashTests.isChild, "the parent side; skipped inside the child process"))
    func survivesSIGKILL() throws {
        let kills = Int(ProcessInfo.processInfo.environment["TUOGUAN_CRASH_KILLS"] ?? "") ?? 200
        // TUOGUAN_CRASH_SECONDS: stop at the first kill after that many seconds (the count is printed).
        let seconds = Double(ProcessInfo.processInfo.environment["TUOGUAN_CRASH_SECONDS"] ?? "")
        // TUOGUAN_CRASH_PER_LEDGER: kills on one ledger before the loop moves on to a fresh one (default 500).
        // The check after each kill reads the whole ledger, so on one ledger the loop slows down as it grows
        // (about 40 kills a minute at 800 kills, 15 at 1,700); a fresh ledger every 500 keeps it steady.
        let perLedger = max(1, Int(ProcessInfo.processInfo.environment["TUOGUAN_CRASH_PER_LEDGER"] ?? "") ?? 500)
        let start = Date()
        var ledger: Ledger! = nil
        var ackPath = ""
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var generator = SystemRandomNumberGenerator()
        var acked: [String: Int64] = [:]  // entry id (or import prefix) → amount in fen (or row count)
        var imports: [String: Int] = [:]
        var marks: [String: Int] = [:]  // course → marks its acknowledged attendance import recorded
        // Of the ledgers done with: acknowledged entries, imports and cancellation refunds found intact.
        var (earlierAcked, earlierImports, earlierCancellations, ledgers) = (0, 0, 0, 0)
        var survived = 0
        for run in 1...kills {
            if (run - 1) % perLedger == 0 {
                if run > 1 {
                    earlierAcked += acked.count
                    earlierImports += imports.count
                    earlierCancellations += acked.keys.filter { $0.hasPrefix("C") }.count
                    try? FileManager.default.removeItem(atPath: (ledger.path as NSString).deletingLastPathComponent)
                }
                let dir = try temporaryDirectory()
                ledger = try newLedger(dir)
                _ = try ledger.importFile(.students, path: fixture("students.csv"), dryRun: false, by: "t")
                _ = try ledger.importFile(.teachers, path: fixture("teachers.csv"), dryRun: false, by: "t")
                ackPath = dir + "/acks.txt"
                (acked, imports, marks) = ([:], [:], [:])
                ledgers += 1
            }
            let process = Process()
            process.executableURL = exe
            process.arguments = ["--testing-library", "swift-testing", "--filter", "crashChild"]
            var env = ProcessInfo.processInfo.environment
            env[Self.childEnv] = "\(ledger.path)|\(ackPath)|r\(run)"
            process.environment = env
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until the child has opened the ledger, then let it work for a random while.
            let deadline = Date().addingTimeInterval(20)
            while !((try? String(contentsOfFile: ackPath, encoding: .utf8)) ?? "").contains("READY r\(run)\n") {
                if Date() > deadline || !process.isRunning { break }
                usleep(2_000)
            }
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()

            let acks = (try? String(contentsOfFile: ackPath, encoding: .utf8)) ?? ""
            for line in acks.split(separator: "\n") {
                let f = line.split(separator: " ").map(String.init)
                guard f.count == 3 else { continue }
                if f[0] == "I" {
                    imports[f[1]] = Int(f[2])
                } else if f[0] == "A" {
                    marks[f[1]] = Int(f[2])
                } else {
                    acked[f[1]] = Int64(f[2])
                }
            }
            // The ledger as the next user finds it.
            let queue = try DatabaseQueue(path: ledger.path)
            let integrity = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
            #expect(integrity == ["ok"], "run \(run)")
            let verify = try ledger.verify()
            #expect(verify.ok, "run \(run): \(verify.firstBreak ?? "")")
            let stored = try queue.read { db in
                try Dictionary(
                    uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT entry_id, amount FROM journal").map {
                        ($0["entry_id"] as String, $0["amount"] as Int64)
                    })
            }
            for (id, amount) in acked where stored[id] != amount {
                Issue.record("run \(run): acknowledged \(id) of \(amount) fen is missing or changed")
            }
            // Imports are whole: for every started prefix either all 20 rows or none.
            var perPrefix: [String: Int] = [:]
            for id in stored.keys where id.hasPrefix("I") {
                let prefix = String(id[...id.lastIndex(of: "-")!])
                perPrefix[prefix, default: 0] += 1
            }
            for (prefix, n) in perPrefix where n != 20 {
                Issue.record("run \(run): import \(prefix) is partial (\(n) of 20 rows)")
            }
            for (prefix, n) in imports where perPrefix[prefix] != n {
                Issue.record("run \(run): acknowledged import \(prefix) is missing")
            }
            // A cancellation is whole: no refund for a cancellation without its cancelled session.
            let orphans = try queue.read { db in
                try String.fetchAll(
                    db,
                    sql: """
                        SELECT entry_id FROM journal j WHERE j.entry_id LIKE 'C%' AND NOT EXISTS (
                            SELECT 1 FROM sessions s WHERE s.course_id = j.course_id AND s.date = '2024-09-02' AND s.status = 'cancelled')
                        """)
            }
            for id in orphans { Issue.record("run \(run): refund \(id) is there without its cancelled session") }
            // An acknowledged attendance import is there (verify has recounted the tallies from the marks).
            for (course, n) in marks {
                let found = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM attendance_named WHERE course_id = ?", arguments: [course]) }
                if found != n { Issue.record("run \(run): acknowledged attendance of \(course) is missing (\(found ?? 0) of \(n) marks)") }
            }
            try queue.close()
            if !verify.ok || integrity != ["ok"] { break }
            survived = run
            if run % 500 == 0 {
                // A long run shows its progress, so that a run stopped early still has a count.
                print("crash loop: so far \(survived) kills survived, \(earlierAcked + acked.count) acknowledged entries and \(earlierImports + imports.count) imports intact")
                fflush(nil)
            }
            if let seconds, Date().timeIntervalSince(start) >= seconds { break }
        }
        let (allAcked, allImports) = (earlierAcked + acked.count, earlierImports + imports.count)
        let cancellations = earlierCancellations + acked.keys.filter { $0.hasPrefix("C") }.count
        print("crash loop: \(survived) of \(kills) kills survived, \(allAcked) acknowledged entries and \(allImports) imports intact, \(cancellations) of the entries cancellation refunds, on \(ledgers) ledger\(ledgers == 1 ? "" : "s")")
        // The kills landed while work was going on: most runs acknowledged something before the kill.
        #expect(allAcked + allImports >= survived / 2, "only \(allAcked + allImports) acks in \(survived) runs")
        // Cancellations were among them (one operation in five).
        #expect(cancellations > 0 || survived < 20, "no cancellation acknowledged in \(survived) runs")
    }
}
