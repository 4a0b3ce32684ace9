import Foundation
import Testing

/// Two terms of the sample school (`tuoguan demo --keep-db`): autumn closed, spring carried from it.
extension CommandTests {
    static let springRules = root.appendingPathComponent("Tests/TuoguanCommandsTests/Fixtures/year/one-plus-x-spring.toml").path

    /// `statement --json` of a ledger, as a dictionary.
    func statementJSON(_ db: String, in dir: String) throws -> [String: Any] {
        let r = try run(["statement", "--json", "--db", db], in: dir)
        #expect(r.status == 0, "\(r.err)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    }

    func student(_ id: String, of doc: [String: Any]) throws -> [String: Any] {
        let students = try #require(doc["students"] as? [[String: Any]])
        return try #require(students.first { $0["student_id"] as? String == id })
    }

    func pool(_ id: String, of doc: [String: Any]) throws -> [String: Any] {
        let fund = try #require(doc["fund"] as? [String: Any])
        let pools = try #require(fund["pools"] as? [[String: Any]])
        return try #require(pools.first { $0["pool"] as? String == id })
    }

    /// The sample school's autumn, with a credit: S000001 (basic care only, settled) pays 50.00 more.
    func makeAutumn(in dir: String) throws {
        let demo = try run(["demo", "--keep-db", "autumn.sqlite", "--out", "out"], in: dir)
        #expect(demo.status == 0, "\(demo.err)")
        let credit = try run(["pay", "--receipt", "RC1", "--student", "S000001", "--amount", "50.00", "--method", "cash", "--date", "2025-01-10", "--db", "autumn.sqlite"], in: dir)
        #expect(credit.status == 0, "\(credit.err)")
    }

    /// Autumn closed, spring carried, by hand:
    /// - S000001: autumn charged 0.00 (basic care is free), paid 50.00 → balance −50.00, a credit carried.
    ///   Spring: X9 from 2025-06-16, a Monday course: 06-16 and 06-23 are the term's sessions from then on,
    ///   prepaid for the term: 2 × 20.00 = 40.00 charged; 40.00 − 50.00 credit = −10.00 (应退 10.00), refunded
    ///   as settlement (allowed: the credit counts as paid) → 0.00. The credit is used: 40.00 of it for X9.
    /// - S000035: autumn 39 × 20.00 = 780.00 charged, 760.00 paid → 20.00 arrears carried (README's example).
    ///   Spring: 40.00 charged + 20.00 arrears − 60.00 paid = 0.00: the arrears are paid.
    /// - Equipment pool: autumn's balance B (its statement's `balance_fen`) carried forward. Spring earned
    ///   2 × 40.00 = 80.00 → 5 % = 4.00; spent 100.00 (more than spring's own 4.00: only the carried money
    ///   allows it) → balance B + 4.00 − 100.00.
    /// - Spring income 60.00, refunds 10.00: the carried credit and arrears are neither (they were autumn's).
    @Test func twoTermsCarriedByHand() throws {
        let dir = try tempDir()
        try makeAutumn(in: dir)
        let autumn = try statementJSON("autumn.sqlite", in: dir)
        #expect(try student("S000001", of: autumn)["balance_fen"] as? Int == -5000)
        #expect(try student("S000035", of: autumn)["balance_fen"] as? Int == 2000)
        let equipment = try #require(try pool("equipment", of: autumn)["balance_fen"] as? Int)
        #expect(equipment > 10000)

        // Not settled and not carried: refused, the families named, nothing closed.
        let refused = try run(["close", "--note", "期末结账", "--db", "autumn.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(refused.status == 65)
        #expect(refused.err.contains("S000001 叶诺承（1年级1班）应退 50.00 元"), "\(refused.err)")
        #expect(refused.err.contains("S000035 武瑶皓（1年级1班）应补 20.00 元"))
        #expect(refused.err.contains("[balances-open]") && refused.err.contains("--carry"))
        #expect(try run(["pay", "--receipt", "RC2", "--student", "S000002", "--amount", "1", "--method", "cash", "--date", "2025-01-10", "--db", "autumn.sqlite"], in: dir).status == 0)
        #expect(try run(["correct", "--entry", "RC2", "--id", "K-RC2", "--note", "录错", "--db", "autumn.sqlite"], in: dir).status == 0)

        // Spring from an open ledger: refused with the command that closes it, nothing created.
        let unclosed = try run(["init", "--from", "autumn.sqlite", "--rules", Self.springRules, "--db", "spring.sqlite"], in: dir)
        #expect(unclosed.status == 65)
        #expect(unclosed.err.hasPrefix("--from: the --from ledger autumn.sqlite is not closed: nothing can be carried from it"), "\(unclosed.err)")
        #expect(unclosed.err.contains("tuoguan close --db autumn.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/spring.sqlite"))

        let closed = try run(["close", "--note", "2024秋期末结账", "--carry", "--db", "autumn.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(closed.status == 0, "\(closed.err)")
        #expect(closed.out.contains("结转到下学期的家庭余额：10 户"), "\(closed.out)")
        #expect(closed.out.contains("  S000001 叶诺承（1年级1班）结余（应退） 50.00 元"))
        #expect(closed.out.contains("  托管设备：\(String(format: "%d.%02d", equipment / 100, equipment % 100)) 元，结转下学期使用"), "\(closed.out)")

        let init_ = try run(["init", "--from", "autumn.sqlite", "--rules", Self.springRules, "--db", "spring.sqlite"], in: dir)
        #expect(init_.status == 0, "\(init_.err)")
        #expect(init_.out.contains("carried from 2024-autumn: 360 students, 19 teachers"), "\(init_.out)")
        let verified = try run(["verify", "--db", "spring.sqlite", "--with", "autumn.sqlite"], in: dir)
        #expect(verified.status == 0, "\(verified.err)")
        #expect(verified.out.contains("10 family balances and 5 pools carried exactly"), "\(verified.out)")

        try write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nX9,书法,x,T0001,1,16:30,17:10,30\n", "courses.csv", in: dir)
        try write("student_id,course_id,from,until\nS000001,X9,2025-06-16,\nS000035,X9,2025-06-16,\n", "enrollments.csv", in: dir)
        try write("course_id,date,start,end,teacher_id,status,reason\nX9,2025-06-16,16:30,17:10,T0001,held,\nX9,2025-06-23,16:30,17:10,T0001,held,\n", "sessions.csv", in: dir)
        try write("receipt,student_id,amount,date,method\nRS35,S000035,60.00,2025-06-16,wechat\n", "payments.csv", in: dir)
        for kind in ["courses", "enrollments", "sessions", "payments"] {
            let r = try run(["import", kind, "\(kind).csv", "--db", "spring.sqlite"], in: dir)
            #expect(r.status == 0, "\(kind): \(r.err)")
        }
        var spring = try statementJSON("spring.sqlite", in: dir)
        var s1 = try student("S000001", of: spring)
        #expect(s1["charged_fen"] as? Int == 4000 && s1["opening_fen"] as? Int == -5000 && s1["balance_fen"] as? Int == -1000)
        let s35 = try student("S000035", of: spring)
        #expect(s35["charged_fen"] as? Int == 4000 && s35["opening_fen"] as? Int == 2000 && s35["paid_fen"] as? Int == 6000)
        #expect(s35["balance_fen"] as? Int == 0)
        let refund = try run(["refund", "--id", "TF1", "--student", "S000001", "--amount", "10.00", "--reason", "settlement", "--date", "2025-06-27", "--db", "spring.sqlite"], in: dir)
        #expect(refund.status == 0, "\(refund.err)")
        let spend = try run(["spend", "--id", "E9", "--pool", "equipment", "--amount", "100.00", "--date", "2025-06-20", "--payee", "文具店", "--db", "spring.sqlite"], in: dir)
        #expect(spend.status == 0, "\(spend.err)")
        spring = try statementJSON("spring.sqlite", in: dir)
        s1 = try student("S000001", of: spring)
        #expect(s1["balance_fen"] as? Int == 0 && s1["refunded_fen"] as? Int == 1000)
        let springEquipment = try pool("equipment", of: spring)
        #expect(springEquipment["carried_fen"] as? Int == equipment)
        #expect(springEquipment["fen"] as? Int == 400)
        #expect(springEquipment["balance_fen"] as? Int == equipment + 400 - 10000)
        let fund = try #require(spring["fund"] as? [String: Any])
        #expect(fund["income_fen"] as? Int == 6000 && fund["refunds_fen"] as? Int == 1000 && fund["earned_fen"] as? Int == 8000)
        #expect(try run(["verify", "--db", "spring.sqlite", "--with", "autumn.sqlite"], in: dir).status == 0)

        // The school year (autumn 2024 and spring 2025 both begin in the school year of September 2024): its
        // spending is autumn's recorded spending A plus spring's 100.00 from equipment, over the 360 students
        // served in the year (the same 360 both terms), against 1,000.00 per student per year.
        let autumnFund = try #require(autumn["fund"] as? [String: Any])
        let autumnSpending = try #require((autumnFund["spending"] as? [String: Any])?["total_fen"] as? Int)
        let year = try run(["year", "--json", "--db", "spring.sqlite"], in: dir)
        #expect(year.status == 0, "\(year.err)")
        let y = try #require(try JSONSerialization.jsonObject(with: Data(year.out.utf8)) as? [String: Any])
        #expect(y["school_year"] as? Int == 2024 && y["students_served"] as? Int == 360)
        #expect(y["spending_fen"] as? Int == autumnSpending + 10000)
        #expect(y["budget_passed"] as? Bool == (autumnSpending + 10000 <= 100_000 * 360))
        let terms = try #require(y["terms"] as? [[String: Any]])
        #expect(terms.compactMap { $0["term"] as? String } == ["2024-autumn", "2025-spring"])
        // Autumn's closing carried every balance of its statement: S000001's 50.00 credit (the only one) and
        // the arrears of every family who still owed (README's 20.00 of S000035 among them).
        let balances = try #require(autumn["students"] as? [[String: Any]]).compactMap { $0["balance_fen"] as? Int }
        #expect(balances.filter { $0 < 0 } == [-5000])
        #expect(terms[0]["carried_credits_fen"] as? Int == 5000)
        #expect(terms[0]["carried_arrears_fen"] as? Int == balances.filter { $0 > 0 }.reduce(0, +))
        let report = try run(["year", "--db", "spring.sqlite", "--out", "年度报告.xlsx"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(report.status == 0, "\(report.err)")
        #expect(report.out.contains("已写入 年度报告.xlsx") && report.out.contains("每生每年预算 1,000.00 元"), "\(report.out)")
    }

    /// After `close`, every path that records money (or anything) is refused with `reopen` named; `reopen`
    /// (kept in the chain) lets it record again, and `close` again closes.
    @Test func closedLedgerRefusesEveryWrite() throws {
        let dir = try tempDir()
        try makeAutumn(in: dir)
        let db = ["--db", "autumn.sqlite"]
        #expect(try run(["close", "--note", "期末", "--carry"] + db, in: dir).status == 0)
        try write("receipt,student_id,amount,date,method\nRX1,S000002,10.00,2025-01-10,cash\n", "payments.csv", in: dir)
        let writes: [[String]] = [
            ["pay", "--receipt", "RX1", "--student", "S000002", "--amount", "10", "--method", "cash", "--date", "2025-01-10"],
            ["refund", "--id", "TX1", "--student", "S000001", "--amount", "10", "--reason", "settlement", "--date", "2025-01-10"],
            ["spend", "--id", "EX1", "--pool", "equipment", "--amount", "1", "--date", "2025-01-10", "--payee", "店"],
            ["withdraw", "--student", "S000035", "--course", "X0001", "--date", "2025-01-06", "--id", "WX1"],
            ["cancel", "--date", "2025-01-06", "--reason", "台风"],
            ["correct", "--entry", "RC1", "--id", "KX1", "--note", "x"],
            ["import", "payments", "payments.csv"],
            ["edit", "student", "S000001", "--class", "1年级2班", "--note", "转班"],
        ]
        for args in writes {
            let r = try run(args + db, in: dir)
            #expect(r.status == 65, "\(args): \(r.out) \(r.err)")
            #expect(r.err.contains("this term's ledger is closed (CLOSE-2024-autumn 2025-01-17)") && r.err.contains("tuoguan reopen --note"), "\(args): \(r.err)")
        }
        let zh = try run(writes[0] + db, in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.err.contains("本学期账本已结账") && zh.err.contains("tuoguan reopen --note") && !zh.err.contains("is closed"), "\(zh.err)")
        let again = try run(["close", "--note", "x", "--carry"] + db, in: dir)
        #expect(again.status == 65 && again.err.contains("already closed"))

        let reopened = try run(["reopen", "--note", "补录一笔缴费", "--id", "RO1"] + db, in: dir)
        #expect(reopened.status == 0, "\(reopened.err)")
        #expect(try run(writes[0] + db, in: dir).status == 0)
        #expect(try run(["reopen", "--note", "x"] + db, in: dir).status == 65)
        let closedAgain = try run(["close", "--note", "再次结账", "--carry", "--id", "CLOSE-2"] + db, in: dir)
        #expect(closedAgain.status == 0, "\(closedAgain.err)")
        #expect(try run(["verify"] + db, in: dir).out.contains("the ledger is closed (CLOSE-2, 2025-01-17)"))
        // Tampering with the closing is found by verify.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [dir + "/autumn.sqlite", "DROP TRIGGER event_parts_no_update; UPDATE event_parts SET prior = 'carry:0' WHERE part = 'family'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        let tampered = try run(["verify"] + db, in: dir)
        #expect(tampered.status == 1 && tampered.err.contains("hash does not match its contents"), "\(tampered.err)")
    }

    /// Bad input to `init --from` and `verify --with`, each with its fix, and nothing created.
    @Test func carryRefusals() throws {
        let dir = try tempDir()
        try makeAutumn(in: dir)
        #expect(try run(["close", "--note", "期末", "--carry", "--db", "autumn.sqlite"], in: dir).status == 0)
        let spring = try String(contentsOfFile: Self.springRules, encoding: .utf8)
        try write(spring.replacingOccurrences(of: "school = \"示范小学\"", with: "school = \"另一小学\""), "other.toml", in: dir)
        let other = try run(["init", "--from", "autumn.sqlite", "--rules", "other.toml", "--db", "x.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(other.status == 65)
        #expect(other.err.hasPrefix("--from: --from 的账本属于“示范小学”，新学期的规则文件是“另一小学”：不是同一所学校"), "\(other.err)")
        let same = try run(["init", "--from", "autumn.sqlite", "--rules", "one-plus-x", "--db", "x.sqlite"], in: dir)
        #expect(same.status == 65 && same.err.contains("not after it"), "\(same.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.sqlite"))
        let promote = try run(["init", "--promote", "--rules", Self.springRules, "--db", "x.sqlite"], in: dir)
        #expect(promote.status == 64 && promote.err.contains("--promote needs --from"), "\(promote.err)")

        // A ledger written by a newer tuoguan: refused, named, not changed.
        let newer = Process()
        newer.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        newer.arguments = [dir + "/autumn.sqlite", "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"]
        try newer.run()
        newer.waitUntilExit()
        let future = try run(["init", "--from", "autumn.sqlite", "--rules", Self.springRules, "--db", "x.sqlite"], in: dir)
        #expect(future.status == 1 && future.err.contains("autumn.sqlite: the ledger was written by a newer tuoguan"), "\(future.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.sqlite"))
        #expect(try run(["verify", "--db", "autumn.sqlite"], in: dir).err.contains("upgrade tuoguan"))
    }

    /// `--promote` at a new school year: grade up one, classes renamed (`1年级1班` → `2年级1班`), the top grade
    /// leaves unless a balance is carried for it.
    @Test func promotionAtANewSchoolYear() throws {
        let dir = try tempDir()
        try makeAutumn(in: dir)
        #expect(try run(["close", "--note", "期末", "--carry", "--db", "autumn.sqlite"], in: dir).status == 0)
        let spring = try String(contentsOfFile: Self.springRules, encoding: .utf8)
        try write(spring.replacingOccurrences(of: "term = \"2025-spring\"", with: "term = \"2025-autumn\"")
            .replacingOccurrences(of: "starts = 2025-02-17", with: "starts = 2025-09-01")
            .replacingOccurrences(of: "ends = 2025-06-27", with: "ends = 2026-01-16")
            .replacingOccurrences(of: "make_up_days = [2025-04-27]", with: "make_up_days = []")
            .replacingOccurrences(of: "no_service = [\n  { from = 2025-04-04, to = 2025-04-04, reason = \"清明节\" },\n  { from = 2025-05-01, to = 2025-05-05, reason = \"劳动节\" },\n  { from = 2025-06-02, to = 2025-06-02, reason = \"端午节\" },\n]", with: "no_service = []")
            .replacingOccurrences(of: "from = 2025-06-23", with: "from = 2026-01-12")
            .replacingOccurrences(of: "to = 2025-06-27", with: "to = 2026-01-16")
            .replacingOccurrences(of: "pay_by = 2025-06-25", with: "pay_by = 2026-01-14")
            .replacingOccurrences(of: "collect_by = 2025-07-10", with: "collect_by = 2026-01-30"), "next.toml", in: dir)
        let r = try run(["init", "--from", "autumn.sqlite", "--promote", "--rules", "next.toml", "--db", "next.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let before = try statementJSON("autumn.sqlite", in: dir)
        let after = try statementJSON("next.sqlite", in: dir)
        let s1 = try student("S000001", of: after)
        #expect(s1["class"] as? String == "2年级1班")
        let students = try #require(before["students"] as? [[String: Any]])
        let sixth = students.filter { ($0["class"] as? String)?.hasPrefix("6") == true }.count
        let kept = try #require(after["students"] as? [[String: Any]]).count
        // Every sixth grader leaves (none of them has a carried balance in the sample school).
        #expect(kept == students.count - sixth)
        #expect(r.out.contains("\(sixth) left (top grade)"), "\(r.out)")
    }

    /// A bad `[year]` key is refused at its line and column with the accepted values; nothing is created.
    @Test func badYearRules() throws {
        let dir = try tempDir()
        let spring = try String(contentsOfFile: Self.springRules, encoding: .utf8)
        try write(spring.replacingOccurrences(of: "family_balances = \"refund\"", with: "family_balances = \"keep\""), "bad.toml", in: dir)
        let r = try run(["init", "--rules", "bad.toml", "--db", "x.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(r.status == 65)
        #expect(r.err.contains("(year.family_balances): 未知的 family_balances 取值 `keep` [rules-invalid]"), "\(r.err)")
        #expect(r.err.contains("可用的取值：carry, refund"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.sqlite"))
    }
}
