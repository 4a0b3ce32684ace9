import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

#if canImport(Glibc)
    import Glibc
#endif

/// Faults from the outside world: a read-only ledger, a ledger held by another writer, a full disk, two clerks
/// writing at the same time. Each gives a clear `TuoguanError` (never a raw SQLite message such as "database is
/// locked"), writes nothing half-way, and leaves a ledger that opens and verifies.
///
/// The scenarios that need a process of their own (a lower file-size limit, another user, two writers) run
/// this same test binary again with `TUOGUAN_FAULT_CHILD` set, like ``CrashTests``; the child prints
/// `FAULT …` lines that the parent checks.
@Suite(.serialized) struct FaultTests {
    /// Whether this process is a child started by one of the parent tests.
    static var isChild: Bool { ProcessInfo.processInfo.environment[childEnv] != nil }
    static let childEnv = "TUOGUAN_FAULT_CHILD"

    // MARK: - The child side

    @Test(.enabled(if: FaultTests.isChild, "runs only as the child process that the parent test starts"))
    func faultChild() throws {
        let spec = try #require(ProcessInfo.processInfo.environment[Self.childEnv])
        let parts = spec.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        func say(_ line: String) {
            let bytes = Array(("FAULT " + line.replacingOccurrences(of: "\n", with: " ⏎ ") + "\n").utf8)
            _ = bytes.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
        }
        func report(_ label: String, _ body: () throws -> Void) {
            do {
                try body()
                say("\(label) ok")
            } catch let error as TuoguanError {
                say("\(label) error \(error.code.rawValue) \(error.message.en) | \(error.message.zh) | \(error.fix?.en ?? "")")
            } catch {
                say("\(label) raw \(error)")
            }
        }
        switch parts[0] {
        case "readonly":
            // readonly|ledger: as an unprivileged user when run as root (root ignores file modes).
            if geteuid() == 0 {
                _ = setgid(65534)
                _ = setuid(65534)
            }
            let path = parts[1]
            report("open-write") {
                let ledger = try Ledger.open(at: path) { _, _ in testRules() }
                report("pay") {
                    _ = try ledger.recordPayment(
                        PaymentFact(receipt: "RO-1", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash),
                        by: "child")
                }
                report("import") {
                    _ = try ledger.importCSV(
                        .payments, data: csv("receipt,student_id,amount,date,method\nRO-2,S001,1.00,2024-09-03,cash\n"),
                        fileName: "p.csv", dryRun: false, by: "child")
                }
            }
            report("verify") {
                let ledger = try Ledger.open(at: path, readOnly: true) { _, _ in testRules() }
                let v = try ledger.verify()
                if !v.ok { throw TuoguanError(.ledgerTampered, zh: "", en: v.firstBreak ?? "not ok") }
                say("entries \(v.entries)")
            }
        case "diskfull":
            // diskfull|ledger|limit bytes|rows: an import that outgrows the file-size limit.
            let (path, limit, rows) = (parts[1], Int(parts[2])!, Int(parts[3])!)
            signal(SIGXFSZ, SIG_IGN)
            let ledger = try Ledger.open(at: path) { _, _ in testRules() }
            var text = "receipt,student_id,amount,date,method\n"
            for k in 1...rows { text += "FULL-\(k),S001,1.00,2024-09-03,cash\n" }
            var rl = rlimit(rlim_cur: rlim_t(limit), rlim_max: rlim_t(limit))
            #if canImport(Glibc)
                _ = setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &rl)
            #endif
            report("import") {
                _ = try ledger.importCSV(.payments, data: csv(text), fileName: "big.csv", dryRun: false, by: "child")
            }
            report("pay") {
                _ = try ledger.recordPayment(
                    PaymentFact(receipt: "FULL-PAY", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash),
                    by: "child")
            }
        case "clerk":
            // clerk|ledger|name|count|go file: `count` payments of 1.00 and refunds of 0.50, ids NAME-P-i, NAME-F-i.
            let (path, name, count, go) = (parts[1], parts[2], Int(parts[3])!, parts[4])
            let ledger = try Ledger.open(at: path) { _, _ in testRules() }
            let deadline = Date().addingTimeInterval(30)
            while !FileManager.default.fileExists(atPath: go) && Date() < deadline { usleep(1_000) }
            var recorded = 0
            for i in 1...count {
                report("pay \(i)") {
                    _ = try ledger.recordPayment(
                        PaymentFact(receipt: "\(name)-P-\(i)", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash),
                        by: name)
                    recorded += 1
                }
                if i == 1 {
                    // Each clerk goes on only once the other has recorded its first payment too, so their writes
                    // overlap however late the other process starts on a loaded machine.
                    _ = FileManager.default.createFile(atPath: "\(go)-\(name)", contents: Data())
                    let other = "\(go)-\(name == "A" ? "B" : "A")"
                    while !FileManager.default.fileExists(atPath: other) && Date() < deadline { usleep(1_000) }
                }
                report("refund \(i)") {
                    _ = try ledger.recordRefund(
                        RefundRequest(
                            refundId: "\(name)-F-\(i)", studentId: "S001", amount: Money(fen: 50), date: date("2024-09-04"),
                            reason: .settlement), by: name)
                    recorded += 1
                }
            }
            say("recorded \(recorded)")
        default:
            Issue.record("unknown fault child \(spec)")
        }
    }

    // MARK: - Running a child

    struct Child {
        let process: Process
        let output: Pipe

        /// Waits for the child and returns its `FAULT` lines (without the prefix).
        func finish() -> [String] {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("FAULT ") }.map { String($0.dropFirst(6)) }
        }
    }

    static func startChild(_ spec: String) throws -> Child {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["--testing-library", "swift-testing", "--filter", "faultChild"]
        var env = ProcessInfo.processInfo.environment
        env[childEnv] = spec
        process.environment = env
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        return Child(process: process, output: output)
    }

    static func runChild(_ spec: String) throws -> [String] { try startChild(spec).finish() }

    /// The seeded ledger's file, closed (so its WAL is folded back in), with `S001`…`S003` and two payments.
    static func closedSeededLedger() throws -> String {
        let ledger = try seededLedger()
        return ledger.path
    }

    static func journalIds(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "SELECT entry_id FROM journal ORDER BY seq") }
    }

    static func integrity(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    static func snapshot(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            out[name] = FileManager.default.contents(atPath: dir + "/" + name)
        }
        return out
    }

    // MARK: - Read-only

    /// The ledger file is read-only (0444), its folder writable (0777) or not (0555). Writing fails with
    /// `file-unwritable` and a message that says so; the files are byte for byte unchanged; the ledger still
    /// opens read-only and verifies, and once writable again takes new entries.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"), arguments: [0o777, 0o555])
    func readOnlyLedger(directoryMode: Int) throws {
        let path = try Self.closedSeededLedger()
        let dir = (path as NSString).deletingLastPathComponent
        let before = try Self.snapshot(dir)
        #expect(before.keys.sorted() == ["school.ledger"], "the closed ledger is one file")
        chmod(path, 0o444)
        chmod(dir, mode_t(directoryMode))
        // Twice: the second time finds the (empty) WAL and index files the first left, and opens further.
        let lines = try Self.runChild("readonly|\(path)") + Self.runChild("readonly|\(path)")
        chmod(dir, 0o755)
        chmod(path, 0o600)

        #expect(lines.contains("open-write ok") || lines.contains { $0.hasPrefix("open-write error file-unwritable") }, "\(lines)")
        for line in lines where line.hasPrefix("pay ") || line.hasPrefix("import ") {
            #expect(line.contains(" error file-unwritable the ledger file is read-only: nothing was recorded"), "\(line)")
        }
        if let open = lines.first(where: { $0.hasPrefix("open-write error") }) {
            #expect(open.contains("the ledger file is read-only"), "\(open)")
        }
        #expect(lines.contains("verify ok"), "\(lines)")
        #expect(lines.contains("entries 2"), "\(lines)")
        #expect(lines.filter { $0 == "verify ok" }.count == 2, "\(lines)")
        #expect(!lines.joined().contains("readonly database"), "a raw SQLite message reached the user: \(lines)")
        // The ledger is byte for byte the same; SQLite may have left an empty WAL and its index beside it.
        let after = try Self.snapshot(dir)
        #expect(after["school.ledger"] == before["school.ledger"], "the read-only ledger was changed")
        #expect((after["school.ledger-wal"]?.count ?? 0) == 0, "\(after.mapValues(\.count))")

        // Writable again: it takes a payment and verifies.
        let ledger = try Ledger.open(at: path) { _, _ in testRules() }
        _ = try ledger.recordPayment(
            PaymentFact(receipt: "RW-1", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash), by: "t")
        #expect(try ledger.verify().ok)
        #expect(try ledger.verify().entries == 3)
    }

    /// A write that SQLite refuses as read-only once the ledger is open (here: `PRAGMA query_only` on its
    /// connection) gets the same clear message, and changes nothing.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"))
    func readOnlyAtWriteTime() throws {
        let ledger = try seededLedger()
        try ledger.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 1") }
        let error = thrown {
            _ = try ledger.recordPayment(
                PaymentFact(receipt: "Q-1", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash),
                by: "t")
        }
        #expect(lines(error) == ["school.ledger: the ledger file is read-only: nothing was recorded [file-unwritable]"])
        #expect(error?.message.zh == "账本文件是只读的，无法写入：没有记下任何内容")
        let importError = thrown {
            _ = try ledger.importCSV(
                .payments, data: csv("receipt,student_id,amount,date,method\nQ-2,S001,1.00,2024-09-03,cash\n"),
                fileName: "p.csv", dryRun: false, by: "t")
        }
        #expect(importError?.code == .fileUnwritable)
        try ledger.writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA query_only = 0") }
        #expect(try Self.journalIds(ledger.path) == ["R001", "R002"])
        #expect(try ledger.verify().ok)
    }

    // MARK: - Locked by another writer

    /// Holds `BEGIN IMMEDIATE` on a second connection for `seconds`, on a thread of its own.
    final class LockHolder: @unchecked Sendable {
        let queue: DatabaseQueue
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)

        init(path: String, seconds: Double) throws {
            var config = Configuration()
            config.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: config)
            let queue = self.queue
            Thread.detachNewThread { [self] in
                try? queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('other-writer', 'x')")
                    self.locked.signal()
                    usleep(UInt32(seconds * 1_000_000))
                    try db.execute(sql: "ROLLBACK")
                }
                self.released.signal()
            }
            locked.wait()
        }
    }

    /// Another program holds the write lock for a second: the write waits and then succeeds.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"))
    func lockedBrieflyWaitsThenWrites() throws {
        let ledger = try seededLedger()
        let holder = try LockHolder(path: ledger.path, seconds: 1)
        let start = Date()
        let outcome = try ledger.recordPayment(
            PaymentFact(receipt: "L-1", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash), by: "t")
        #expect(outcome == .recorded)
        #expect(Date().timeIntervalSince(start) >= 0.8, "the write did not wait for the lock")
        holder.released.wait()
        #expect(try ledger.verify().entries == 3)
    }

    /// Another program holds the write lock longer than the ledger waits: `ledger-busy`, with a message that
    /// says what to do, after the whole retry window — never SQLite's "database is locked". Nothing is written.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"))
    func lockedTooLongIsLedgerBusy() throws {
        let path = try seededLedger().path
        let ledger = try Ledger.open(at: path, busyTimeout: 0.6) { _, _ in testRules() }
        let holder = try LockHolder(path: path, seconds: 3)
        let start = Date()
        let error = thrown {
            _ = try ledger.recordPayment(
                PaymentFact(receipt: "L-2", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-03"), method: .cash),
                by: "t")
        }
        let waited = Date().timeIntervalSince(start)
        #expect(lines(error) == ["school.ledger: the ledger is in use by another program (it waited 0.6 s) [ledger-busy]"])
        #expect(error?.message.zh == "账本正被另一个程序使用（已等待 0.6 秒）")
        #expect(error?.fix?.en == "try again when the other program has finished (another tuoguan, or a program that has the ledger open)")
        #expect(waited >= 0.5 && waited < 2.5, "waited \(waited) s")
        // An import and a read-only open while the lock is still held.
        let importError = thrown {
            _ = try ledger.importCSV(
                .payments, data: csv("receipt,student_id,amount,date,method\nL-3,S001,1.00,2024-09-03,cash\n"),
                fileName: "p.csv", dryRun: false, by: "t")
        }
        #expect(importError?.code == .ledgerBusy)
        #expect(try Ledger.open(at: path, readOnly: true) { _, _ in testRules() }.verify().entries == 2, "readers are not blocked")
        holder.released.wait()
        #expect(try Self.journalIds(path) == ["R001", "R002"])
    }

    // MARK: - Disk full

    /// The child may write files of at most a few hundred kilobytes (RLIMIT_FSIZE, SIGXFSZ ignored): an
    /// import of thousands of payments fails with `file-unwritable` that says the disk is full, none of its
    /// rows is there, and the ledger opens, passes the integrity check, verifies and takes the next import.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"))
    func diskFullImport() throws {
        let path = try Self.closedSeededLedger()
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let lines = try Self.runChild("diskfull|\(path)|\(size + 96 * 1024)|6000")
        let importLine = try #require(lines.first { $0.hasPrefix("import ") }, "\(lines)")
        #expect(
            importLine.hasPrefix(
                "import error file-unwritable the disk is full or the file is too large: the ledger could not be written, nothing was recorded"),
            "\(importLine)")
        #expect(!lines.joined().contains("disk I/O error") && !lines.joined().contains("database or disk is full"), "\(lines)")

        #expect(try Self.integrity(path) == ["ok"])
        let ids = try Self.journalIds(path)
        #expect(!ids.contains { $0.hasPrefix("FULL-") && $0 != "FULL-PAY" }, "part of the failed import is there")
        let ledger = try Ledger.open(at: path) { _, _ in testRules() }
        #expect(try ledger.verify().ok)
        let report = try ledger.importCSV(
            .payments, data: csv("receipt,student_id,amount,date,method\nAFTER-1,S002,1.00,2024-09-03,cash\n"),
            fileName: "p.csv", dryRun: false, by: "t")
        #expect(report.inserted == 1)
        #expect(try ledger.verify().ok)
    }

    // MARK: - Two clerks

    /// Two processes record 150 payments and 150 refunds each into one ledger at the same time: all 600
    /// entries are there exactly once, the chain verifies, and neither clerk saw an error.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"))
    func twoClerksAtOnce() throws {
        let path = try Self.closedSeededLedger()
        let count = 150
        let go = (path as NSString).deletingLastPathComponent + "/go"
        let clerks = try ["A", "B"].map { try Self.startChild("clerk|\(path)|\($0)|\(count)|\(go)") }
        usleep(300_000)
        _ = FileManager.default.createFile(atPath: go, contents: Data())
        let outputs = clerks.map { $0.finish() }
        for (name, lines) in zip(["A", "B"], outputs) {
            let errors = lines.filter { $0.contains(" error ") || $0.contains(" raw ") }
            #expect(errors.isEmpty, "clerk \(name): \(errors.prefix(5))")
            #expect(lines.contains("recorded \(2 * count)"), "clerk \(name): \(lines.suffix(3))")
            #expect(!lines.joined().contains("locked"), "clerk \(name) saw a lock error")
        }
        let ids = try Self.journalIds(path)
        #expect(ids.count == 2 + 4 * count)
        #expect(Set(ids).count == ids.count, "an entry is there twice")
        for name in ["A", "B"] {
            for i in 1...count {
                for kind in ["P", "F"] where !ids.contains("\(name)-\(kind)-\(i)") {
                    Issue.record("\(name)-\(kind)-\(i) is missing")
                }
            }
        }
        // Interleaved, not one after the other: each clerk's entries are not all in one block.
        let firstB = ids.firstIndex { $0.hasPrefix("B-") } ?? ids.count
        let lastA = ids.lastIndex { $0.hasPrefix("A-") } ?? 0
        #expect(firstB < lastA, "the clerks did not write at the same time")
        let ledger = try Ledger.open(at: path) { _, _ in testRules() }
        let verify = try ledger.verify()
        #expect(verify.ok, "\(verify.firstBreak ?? "")")
        #expect(try Self.integrity(path) == ["ok"])
    }

    // MARK: - File mode

    /// The ledger (and the WAL and shared-memory files SQLite keeps next to it) is readable by its owner only.
    @Test(.enabled(if: !FaultTests.isChild, "the parent side; skipped inside the child process"))
    func ledgerFileIsOwnerOnly() throws {
        let old = umask(0o022)
        defer { umask(old) }
        let ledger = try seededLedger()
        let dir = (ledger.path as NSString).deletingLastPathComponent
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            var st = stat()
            #expect(stat(dir + "/" + name, &st) == 0)
            #expect(st.st_mode & 0o777 == 0o600, "\(name) has mode \(String(st.st_mode & 0o777, radix: 8))")
        }
    }
}
