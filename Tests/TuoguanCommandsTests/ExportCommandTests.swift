import Foundation
import Testing

/// `tuoguan export`, checked by the accountants' own tools: hledger (`check -s`, `balance`) and Beancount's
/// `bean-check` must accept every transaction and every closing balance of the sample school and of the
/// hand-computed school (withdrawal, undo, cancellation, corrections, spending), and refuse a tampered file.
/// A test needing a tool the machine lacks is disabled, visibly (`scripts/setup --tests` installs both).
extension CommandTests {
    static func installed(_ tool: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    }
    static let hasHledger = installed("hledger")
    static let hasBeancount = installed("bean-check")

    /// Runs a tool of the machine (hledger, bean-check) in `dir`.
    func tool(_ name: String, _ args: [String], in dir: String) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
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

    /// Exports `db` in both formats and both languages; each file must pass hledger's strict check with its
    /// dates in order, or bean-check. Returns the files' names.
    @discardableResult
    func exportAndCheck(_ db: String, in dir: String) throws -> [String] {
        var files: [String] = []
        for (format, ext) in [("hledger", "journal"), ("beancount", "beancount")] {
            for lang in ["zh", "en"] {
                let file = "term-\(lang).\(ext)"
                let r = try run(["export", "--format", format, "--out", file, "--lang", lang, "--db", db], in: dir)
                #expect(r.status == 0, "\(format) \(lang): \(r.err)")
                files.append(file)
                let check = format == "hledger"
                    ? try tool("hledger", ["-f", file, "check", "-s", "ordereddates"], in: dir)
                    : try tool("bean-check", [file], in: dir)
                #expect(check.status == 0, "\(file): \(check.out)\(check.err)")
            }
        }
        return files
    }

    /// Every family's balance in fen, from `statement --json`.
    func statementBalances(_ db: String, in dir: String) throws -> [String: Int] {
        let r = try run(["statement", "--json", "--db", db], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let students = try #require(doc["students"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: students.map { ($0["student_id"] as! String, $0["balance_fen"] as! Int) })
    }

    /// hledger's balance of one account in fen (`hledger bal -O csv`: `"ACCOUNT","-5.00 CNY"`), read as text.
    func hledgerBalance(_ account: String, file: String, in dir: String) throws -> Int? {
        let r = try tool("hledger", ["-f", file, "bal", "^\(account)$", "-N", "-O", "csv"], in: dir)
        guard r.status == 0 else { return nil }
        for line in r.out.split(separator: "\n") where line.hasPrefix("\"\(account)\"") {
            let amount = line.split(separator: ",").last!.replacingOccurrences(of: "\"", with: "")
                .replacingOccurrences(of: " CNY", with: "")
            if amount == "0" { return 0 }
            return Int(amount.replacingOccurrences(of: ".", with: ""))
        }
        return 0  // no posting left a balance: hledger lists nothing
    }

    @Test(.enabled(if: hasHledger && hasBeancount, "needs hledger and bean-check (scripts/setup --tests)"))
    func exportOfTheSampleSchoolPassesBothTools() throws {
        let dir = try tempDir()
        let demo = try run(["demo", "--keep-db", "demo.sqlite", "--out", "demo"], in: dir)
        #expect(demo.status == 0, "\(demo.err)")
        try exportAndCheck("demo.sqlite", in: dir)
        // The same ledger gives the same bytes.
        #expect(try run(["export", "--format", "hledger", "--out", "again.journal", "--db", "demo.sqlite"], in: dir).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: dir + "/term-zh.journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/again.journal")) == first)
        // To stdout, the same bytes again.
        let stdout = try run(["export", "--format", "hledger", "--db", "demo.sqlite", "--lang", "zh"], in: dir)
        #expect(Data(stdout.out.utf8) == first)
        // hledger's balance of a family's account is the statement's balance_fen, for families who owe, are
        // owed and are settled (the first of each, and the first and last families).
        let balances = try statementBalances("demo.sqlite", in: dir)
        let ids = balances.keys.sorted()
        let owes = ids.first { balances[$0]! > 0 }
        let owed = ids.first { balances[$0]! < 0 }
        let settled = ids.first { balances[$0]! == 0 }
        let chosen = Set([owes, owed, settled, ids.first, ids.last].compactMap { $0 })
        #expect(chosen.count >= 3)
        for id in chosen.sorted() {
            #expect(try hledgerBalance("负债:家长预收:\(id)", file: "term-zh.journal", in: dir) == balances[id], "\(id)")
            #expect(try hledgerBalance("Liabilities:Families:\(id)", file: "term-en.journal", in: dir) == balances[id], "\(id)")
        }
    }

    /// `makeSchool`'s term, then: S1 withdraws from 09-24 (20.00 back) and the withdrawal is undone; 09-30 is
    /// cancelled (S1 gets 20.00 back); S1 pays 5.00 by bank, and 9.00 by cash that is corrected; S2 (waived)
    /// pays 10.00 by Alipay and gets it back at settlement; 3.00 spent on equipment, 2.00 corrected away, 1.00
    /// of subsidies paid, 0.50 to a payee written with `;`, `|` and quotes.
    func makeBusySchool(in dir: String) throws {
        try makeSchool(in: dir)
        let db = ["--db", "t.sqlite"]
        for args in [
            ["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-24", "--id", "TK1"],
            ["undo", "--entry", "TK1", "--id", "U1", "--note", "家长撤回"],
            ["cancel", "--date", "2024-09-30", "--reason", "台风", "--id-prefix", "TF0930"],
            ["pay", "--receipt", "R2", "--student", "S1", "--amount", "5.00", "--method", "bank", "--date", "2024-09-25"],
            ["pay", "--receipt", "R3", "--student", "S1", "--amount", "9.00", "--method", "cash", "--date", "2024-09-25"],
            ["correct", "--entry", "R3", "--id", "CR3", "--note", "收错了, 退回"],
            ["pay", "--receipt", "R4", "--student", "S2", "--amount", "10.00", "--method", "alipay", "--date", "2024-09-26"],
            ["refund", "--id", "TF9", "--student", "S2", "--amount", "10.00", "--reason", "settlement", "--date", "2024-09-30", "--note", "期末结算 多退"],
            ["spend", "--id", "E1", "--pool", "equipment", "--amount", "3.00", "--date", "2024-09-27", "--payee", "文具店 (东门)", "--note", "彩笔"],
            ["spend", "--id", "E2", "--pool", "running_cost", "--amount", "2.00", "--date", "2024-09-27", "--payee", "水电", "--note", "x"],
            ["correct", "--entry", "E2", "--id", "CE2", "--note", "记错池"],
            ["spend", "--id", "E3", "--pool", "subsidies", "--amount", "1.00", "--date", "2024-09-28", "--payee", "王老师"],
            // What the clerk may type, which neither tool takes as it is: a comment sign, a payee's end, quotes,
            // a backslash, a line break.
            ["spend", "--id", "E4", "--pool", "running_cost", "--amount", "0.50", "--date", "2024-09-28",
             "--payee", "画材 \"店\"; 北门|B", "--note", "两盒\\彩笔\n下周到"],
        ] {
            let r = try run(args + db, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
    }

    @Test(.enabled(if: hasHledger && hasBeancount, "needs hledger and bean-check (scripts/setup --tests)"))
    func exportOfAHandComputedSchoolAgreesWithTheStatement() throws {
        let dir = try tempDir()
        try makeBusySchool(in: dir)
        try exportAndCheck("t.sqlite", in: dir)
        // S1: 3 lessons (09-02, 09-09 on leave, 09-23; 09-30 cancelled) × 20.00 = 60.00 charged; paid 80.00 +
        // 5.00 (R3's 9.00 reversed) = 85.00; refunded 20.00 (TK1's 20.00 undone) → 60.00 − (85.00 − 20.00) = −5.00.
        // S2: 60.00 waived, 10.00 paid and refunded → 0.
        let balances = try statementBalances("t.sqlite", in: dir)
        #expect(balances == ["S1": -500, "S2": 0])
        #expect(try hledgerBalance("负债:家长预收:S1", file: "term-zh.journal", in: dir) == -500)
        #expect(try hledgerBalance("负债:家长预收:S2", file: "term-zh.journal", in: dir) == 0)
        // Income by method: 80.00 WeChat, 5.00 bank, 10.00 Alipay, cash 9.00 − 9.00 = 0.
        #expect(try hledgerBalance("资产:收款:微信", file: "term-zh.journal", in: dir) == 8000)
        #expect(try hledgerBalance("资产:收款:银行", file: "term-zh.journal", in: dir) == 500)
        #expect(try hledgerBalance("资产:收款:现金", file: "term-zh.journal", in: dir) == 0)
        // The equipment pool: 5% of 60.00 = 3.00 allocated, 3.00 spent at 文具店 (东门) → 0 left.
        #expect(try hledgerBalance("支出:专项:托管设备:文具店-东门", file: "term-zh.journal", in: dir) == 300)
        let journal = try String(contentsOfFile: dir + "/term-zh.journal", encoding: .utf8)
        #expect(journal.contains("2024-09-25 * S1 | 冲正 CR3\n    ; id:CR3\n    ; reverses:R3\n    ; student:S1\n    ; note:收错了, 退回\n"))
        #expect(journal.contains("2024-09-28 * 画材 \"店\"； 北门｜B | 支出 E4\n    ; id:E4\n    ; note:两盒\\彩笔 下周到\n    支出:专项:托管成本:画材-店-北门-B  0.50 CNY\n"))
        let beancount = try String(contentsOfFile: dir + "/term-zh.beancount", encoding: .utf8)
        #expect(beancount.contains("2024-09-28 * \"画材 \\\"店\\\"; 北门|B\" \"支出 E4\"\n  id: \"E4\"\n  note: \"两盒\\\\彩笔 下周到\"\n"))
        #expect(beancount.contains("option \"name_liabilities\" \"负债\"\n"))
        #expect(beancount.contains(" open 负债:Families-家长预收:S1 CNY\n"))
        #expect(beancount.contains(" balance 负债:Families-家长预收:S1  -5.00 ~ 0.00 CNY\n"))
    }

    @Test(.enabled(if: hasHledger && hasBeancount, "needs hledger and bean-check (scripts/setup --tests)"))
    func aTamperedExportIsRefusedByBothTools() throws {
        let dir = try tempDir()
        try makeBusySchool(in: dir)
        let files = try exportAndCheck("t.sqlite", in: dir)
        for file in files {
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            // R2's 5.00 by bank: its first posting changed alone (the transaction no longer balances), and both
            // postings changed together (it balances, but S1's and the bank's closing balances no longer hold).
            let bank = file.hasSuffix("journal") ? "    \(file.contains("zh") ? "资产:收款:银行" : "Assets:Received:Bank")  5.00 CNY"
                : "  \(file.contains("zh") ? "资产:Received-收款:Bank-银行" : "Assets:Received:Bank")  5.00 CNY"
            #expect(text.contains(bank + "\n"), "\(file)")
            let oneSide = text.replacingOccurrences(of: bank + "\n", with: bank.replacingOccurrences(of: "5.00", with: "5.01") + "\n")
            let bothSides = oneSide.replacingOccurrences(of: "  -5.00 CNY\n", with: "  -5.01 CNY\n")
            for (name, tampered) in [("one-side", oneSide), ("both-sides", bothSides)] {
                #expect(tampered != text)
                let path = "tampered-\(name)-\(file)"
                try tampered.write(toFile: dir + "/" + path, atomically: true, encoding: .utf8)
                let check = file.hasSuffix("journal")
                    ? try tool("hledger", ["-f", path, "check", "-s"], in: dir) : try tool("bean-check", [path], in: dir)
                #expect(check.status != 0, "\(path) was accepted")
            }
        }
    }

    @Test func exportErrorsSayWhatToDo() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let format = try run(["export", "--format", "xlsx", "--db", "t.sqlite"], in: dir)
        #expect(format.status == 64)
        #expect(format.err.contains("--format"))
        let formatZh = try run(["export", "--format", "xlsx", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(formatZh.status == 64)
        #expect(formatZh.err.contains("hledger"))
        let folder = try run(["export", "--format", "hledger", "--out", "nowhere/term.journal", "--db", "t.sqlite"], in: dir)
        #expect(folder.status == 1)
        #expect(folder.err.hasPrefix("--out: output folder nowhere does not exist [file-unwritable]"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/nowhere"))
        let empty = try run(["export", "--format", "hledger", "--out", "", "--db", "t.sqlite"], in: dir)
        #expect(empty.status == 64)
        #expect(empty.err.contains("--out is empty"))
        let missing = try run(["export", "--format", "beancount", "--db", "none.sqlite"], in: dir)
        #expect(missing.status == 66)
    }
}

extension CommandTests {
    /// The books of a term carried from a closed one: each family's balance carried in and each pool's carried
    /// balance are opened against 权益:上期结转, and the tools find the statement's figures. By hand (the sample
    /// school's autumn, see ``twoTermsCarriedByHand()``): S000001 paid 50.00 for free care, so spring opens with a
    /// credit of 50.00 (balance −50.00); S000035 was charged 780.00 and paid 760.00, so spring opens with 20.00 of
    /// arrears. Nothing else happened in spring yet: those are their balances, and each pool holds what autumn
    /// left it.
    @Test(.enabled(if: hasHledger && hasBeancount, "needs hledger and bean-check (scripts/setup --tests)"))
    func carriedBalancesAreBookedAndCheckedByBothTools() throws {
        let dir = try tempDir()
        try makeAutumn(in: dir)
        #expect(try run(["close", "--note", "期末结账", "--carry", "--db", "autumn.sqlite"], in: dir).status == 0)
        let spring = try run(["init", "--from", "autumn.sqlite", "--rules", Self.springRules, "--db", "spring.sqlite"], in: dir)
        #expect(spring.status == 0, "\(spring.err)")
        try exportAndCheck("spring.sqlite", in: dir)
        let balances = try statementBalances("spring.sqlite", in: dir)
        #expect(balances["S000001"] == -5000)
        #expect(balances["S000035"] == 2000)
        for id in ["S000001", "S000035"] {
            #expect(try hledgerBalance("负债:家长预收:\(id)", file: "term-zh.journal", in: dir) == balances[id], "\(id)")
        }
        let equipment = try #require(try pool("equipment", of: try statementJSON("spring.sqlite", in: dir))["balance_fen"] as? Int)
        #expect(equipment > 0)
        #expect(try hledgerBalance("资产:专项:托管设备:上期结转", file: "term-zh.journal", in: dir) == equipment)
    }
}
