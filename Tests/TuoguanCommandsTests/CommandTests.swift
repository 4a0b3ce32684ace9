import Foundation
import Testing

/// Drives the real `tuoguan` executable as a subprocess (`scripts/test` builds it before `swift test`):
/// each command's happy path, `--json` against hand-computed figures, and each error class with its
/// message and exit code.
@Suite(.serialized) struct CommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: String? {
        for candidate in [".build/debug/tuoguan", ".build/x86_64-unknown-linux-gnu/debug/tuoguan", ".build/aarch64-unknown-linux-gnu/debug/tuoguan"] {
            let path = root.appendingPathComponent(candidate).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    func run(_ args: [String], in dir: String, env: [String: String] = [:]) throws -> Run {
        let exe = try #require(Self.binary, "build the tool first: swift build --product tuoguan (scripts/test does)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "en_US.UTF-8"
        environment["LC_ALL"] = nil
        environment["LC_MESSAGES"] = nil
        environment["TUOGUAN_DB"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "tuoguan-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ text: String, _ name: String, in dir: String) throws {
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
    }

    /// A one-course school, small enough to compute by hand:
    /// - the term is 2024-09-02 … 2024-09-30, Mondays 09-02, 09-09, 09-23, 09-30 (09-16 is 中秋, no service);
    /// - course X1 美术, 20.00 per lesson prepaid for the term; personal leave is not refunded, a
    ///   cancelled lesson is refunded in full;
    /// - 张三丰 (S1) prepays 4 × 20.00 = 80.00; 李四 (S2) is 留守儿童, whose X fees are waived;
    /// - S1 is on leave on 09-09, present otherwise; 09-30 is cancelled for a typhoon.
    func makeSchool(in dir: String) throws {
        try write(Self.rules, "plan.toml", in: dir)
        try write("student_id,name,grade,class,category\nS1,张三丰,3,三(2)班,\nS2,李四,3,三(2)班,left_behind\n", "students.csv", in: dir)
        try write("teacher_id,name,kind\nT1,王老师,staff\n", "teachers.csv", in: dir)
        try write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nX1,美术,x,T1,1,16:30,17:10,30\n", "courses.csv", in: dir)
        try write("student_id,course_id,from,until\nS1,X1,2024-09-02,\nS2,X1,2024-09-02,\n", "enrollments.csv", in: dir)
        try write(
            "course_id,date,start,end,teacher_id,status,reason\n"
                + ["2024-09-02", "2024-09-09", "2024-09-23", "2024-09-30"].map { "X1,\($0),16:30,17:10,T1,held," }.joined(separator: "\n") + "\n",
            "sessions.csv", in: dir)
        try write(
            "date,course_id,student_id,status\n2024-09-02,X1,S1,present\n2024-09-09,X1,S1,leave\n2024-09-23,X1,S1,present\n"
                + "2024-09-02,X1,S2,present\n2024-09-09,X1,S2,present\n2024-09-23,X1,S2,present\n",
            "attendance.csv", in: dir)
        try write("receipt,student_id,amount,date,method\nR1,S1,80.00,2024-09-02,wechat\n", "payments.csv", in: dir)
        for args in [
            ["init", "--rules", "plan.toml", "--db", "t.sqlite"],
            ["import", "students", "students.csv", "--db", "t.sqlite"],
            ["import", "teachers", "teachers.csv", "--db", "t.sqlite"],
            ["import", "courses", "courses.csv", "--db", "t.sqlite"],
            ["import", "enrollments", "enrollments.csv", "--db", "t.sqlite"],
            ["import", "sessions", "sessions.csv", "--db", "t.sqlite"],
            ["import", "attendance", "attendance.csv", "--db", "t.sqlite"],
            ["import", "payments", "payments.csv", "--db", "t.sqlite"],
        ] {
            let r = try run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
    }

    @Test func termStatementByHand() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // Cancel 09-30: S1 prepaid that lesson → 20.00 back; S2 paid nothing (waived) → nothing back.
        let cancel = try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir)
        #expect(cancel.status == 0, "\(cancel.err)")
        #expect(cancel.out.contains("20.00"))
        // The same cancellation again changes nothing.
        let again = try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir)
        #expect(again.status == 0, "\(again.err)")

        let r = try run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let students = try #require(doc["students"] as? [[String: Any]])
        let s1 = try #require(students.first { $0["student_id"] as? String == "S1" })
        // S1: 3 lessons held (09-02, 09-09 on leave but charged, 09-23) × 20.00 = 60.00;
        // paid 80.00, refunded 20.00 → balance 60.00 − (80.00 − 20.00) = 0.
        #expect(s1["charged_fen"] as? Int == 6000)
        #expect(s1["paid_fen"] as? Int == 8000)
        #expect(s1["refunded_fen"] as? Int == 2000)
        #expect(s1["balance_fen"] as? Int == 0)
        let s2 = try #require(students.first { $0["student_id"] as? String == "S2" })
        // S2: 3 × 20.00 = 60.00 gross, all waived → 0 charged, 0 paid.
        #expect(s2["charged_fen"] as? Int == 0)
        #expect(s2["balance_fen"] as? Int == 0)
        let fund = try #require(doc["fund"] as? [String: Any])
        // Income 80.00, refunds 20.00; basis "earned": Σ charged = 60.00, split 60/20/5/5/10 →
        // 36.00 / 12.00 / 3.00 / 3.00 / 6.00.
        #expect(fund["income_fen"] as? Int == 8000)
        #expect(fund["refunds_fen"] as? Int == 2000)
        #expect(fund["net_fen"] as? Int == 6000)
        let pools = try #require(fund["pools"] as? [[String: Any]])
        #expect(pools.compactMap { $0["fen"] as? Int } == [3600, 1200, 300, 300, 600])

        let w = try run(["workload", "--json", "--db", "t.sqlite"], in: dir)
        #expect(w.status == 0, "\(w.err)")
        let wdoc = try #require(try JSONSerialization.jsonObject(with: Data(w.out.utf8)) as? [String: Any])
        let teachers = try #require(wdoc["teachers"] as? [[String: Any]])
        // T1 held 3 sessions × 50 activity points = 150 points and is the only teacher: the whole
        // workload pool 36.00. No quality scores were imported, so the award pool stays unallocated.
        #expect(teachers.first?["points"] as? Int == 150)
        #expect(teachers.first?["workload_fen"] as? Int == 3600)
        #expect(teachers.first?["total_fen"] as? Int == 3600)

        let explain = try run(["explain", "--student", "S1", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(explain.status == 0, "\(explain.err)")
        #expect(explain.out.contains("张三丰"))
        #expect(explain.out.contains("60.00"))

        let verify = try run(["verify", "--db", "t.sqlite"], in: dir)
        #expect(verify.status == 0, "\(verify.err)")

        let report = try run(["report", "--all", "--out", "out", "--db", "t.sqlite"], in: dir)
        #expect(report.status == 0, "\(report.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasSuffix(".xlsx") }
        #expect(files.count == 6)
    }

    @Test func paymentIdempotentAndConflicting() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let args = ["pay", "--receipt", "R9", "--student", "S1", "--amount", "10", "--date", "2024-09-03", "--db", "t.sqlite"]
        #expect(try run(args, in: dir).status == 0)
        let again = try run(args, in: dir)
        #expect(again.status == 0)
        #expect(again.out.contains("already recorded"))
        var other = args
        other[6] = "11"
        let conflict = try run(other, in: dir)
        #expect(conflict.status == 65)
        #expect(conflict.err.contains("R9"))
    }

    @Test func refusedRefundForPersonalLeave() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let r = try run(
            ["refund", "--id", "TF1", "--student", "S1", "--course", "X1", "--lessons", "1", "--reason", "personal_leave",
             "--date", "2024-09-10", "--db", "t.sqlite"], in: dir)
        #expect(r.status == 65)
        #expect(r.err.contains("[refund-refused]"))
    }

    @Test func errorsByKind() throws {
        let dir = try tempDir()
        // Missing rules file: exit 66, names the flag.
        let missing = try run(["init", "--rules", "nope.toml", "--db", "x.sqlite"], in: dir)
        #expect(missing.status == 66)
        #expect(missing.err.hasPrefix("--rules: rules file nope.toml not found [file-missing]\n  fix: pass --rules with the path of a rules file, or one of the built-in plans: city-5plus2, cost-share-points,"))
        // Unknown subcommand: usage, 64.
        #expect(try run(["frobnicate"], in: dir).status == 64)
        // A bad amount: bad data, 65, quoting the text.
        try makeSchool(in: dir)
        let bad = try run(["pay", "--receipt", "R2", "--student", "S1", "--amount", "20.005", "--date", "2024-09-03", "--db", "t.sqlite"], in: dir)
        #expect(bad.status == 65)
        #expect(bad.err.hasPrefix("--amount: amount \"20.005\" has more than two decimals"))
        // Refund with both --lessons and --amount: usage, 64.
        let both = try run(["refund", "--id", "X", "--student", "S1", "--course", "X1", "--lessons", "1", "--amount", "1", "--reason", "withdrawal", "--db", "t.sqlite"], in: dir)
        #expect(both.status == 64)
        // No ledger: missing file, 66.
        #expect(try run(["statement", "--json", "--db", "none.sqlite"], in: dir).status == 66)
        // A folder given as the ledger: missing file, 66, said as such (not a disk error).
        let folderLedger = try run(["statement", "--json", "--db", "."], in: dir)
        #expect(folderLedger.status == 66)
        #expect(folderLedger.err.hasPrefix(".: this is a folder, not a ledger file [file-missing]"))
        // Output folder that does not exist: 1, names --out.
        let out = try run(["statement", "--db", "t.sqlite", "--out", "no/such/dir/s.xlsx"], in: dir)
        #expect(out.status == 1)
        #expect(out.err.contains("--out"))
        // A folder for all workbooks that cannot be made (a file stands in its path): 1, names --out, no trace.
        let folder = try run(["report", "--all", "--db", "t.sqlite", "--out", "t.sqlite/reports"], in: dir)
        #expect(folder.status == 1)
        #expect(folder.err.hasPrefix("--out: cannot create the output folder t.sqlite/reports [file-unwritable]"))
        #expect(!folder.err.contains("NSCocoaErrorDomain"))
        // Chinese messages with --lang zh.
        let zh = try run(["init", "--rules", "nope.toml", "--db", "x.sqlite", "--lang", "zh"], in: dir)
        #expect(zh.err.contains("找不到规则文件 nope.toml"))
    }

    static let rules = """
        schema = 1
        school = "测试小学"
        plan = "测试方案"
        term = "2024-autumn"
        starts = 2024-09-02
        ends = 2024-09-30
        lesson_minutes = 40
        collector = "parents_committee"
        rounding = "half_up"
        no_service = [ { date = 2024-09-16, reason = "中秋节" } ]

        [categories.left_behind]
        name = "留守儿童"
        waives = ["x"]
        waive_percent = 100

        [policies.x]
        name = "拓展课程"
        billing = "per_lesson"
        price = "20.00"
        prepay = "term"
        settle = "none"
        min_enrollment = 2
        duty = "activity"
        refund = { personal_leave = "none", cancelled = "full", withdrawal = "remaining_lessons" }

        [split]
        basis = "earned"
        [[split.pools]]
        id = "teacher_workload"
        name = "辅导教师量化考核"
        percent = 60
        shared_by = "points"
        [[split.pools]]
        id = "quality_award"
        name = "教学质量奖"
        percent = 20
        shared_by = "quality_score"
        [[split.pools]]
        id = "running_cost"
        name = "托管成本"
        percent = 5
        [[split.pools]]
        id = "equipment"
        name = "托管设备"
        percent = 5
        [[split.pools]]
        id = "district_levy"
        name = "学区提取"
        percent = 10

        [points]
        supervision = 50
        activity = 50
        patrol = 40
        """
}
