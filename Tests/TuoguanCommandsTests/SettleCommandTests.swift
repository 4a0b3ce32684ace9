import Foundation
import Testing

/// `tuoguan settle`, run as the real executable over the sample school of `tuoguan demo` under the plan that
/// settles by use (rules/per-lesson-settled.toml: basic care at 3.00 a lesson, prepaid for the term's 95
/// lessons, settled at term end by the lessons attended, 多退少补; 360 students, seed 2024), and under the demo's
/// default plan (rules/one-plus-x.toml), where nine families still owe.
///
/// Three families of the per-lesson sample, by hand (`tuoguan explain --student …`):
/// - S000003 魏宇懿: 87 lessons attended × 3.00 = 261.00; paid 285.00 (95 × 3.00); 3.00 refunded for the
///   cancelled 2024-10-31: 261.00 − (285.00 − 3.00) = −21.00, 应退 21.00.
/// - S000036 何铭安: 83 × 3.00 = 249.00; 249.00 − (285.00 − 3.00) = −33.00, 应退 33.00.
/// - S000001 叶诺承: 91 × 3.00 = 273.00; paid 282.00, 3.00 refunded: 273.00 − 279.00 = −6.00, 应退 6.00.
/// - S000019 邓懿馨 is 留守儿童: her 87 lessons (261.00) are waived, she paid nothing: balance 0.
@Suite struct SettleCommandTests {
    let cli = CommandTests()

    /// A copy of the per-lesson sample school's ledger in a fresh folder.
    func sampleSchool(rules: String = "per-lesson-settled") throws -> String {
        let dir = try cli.tempDir()
        let demo = try cli.run(["demo", "--rules", rules, "--out", "out", "--keep-db", "s.sqlite"], in: dir)
        #expect(demo.status == 0, "\(demo.err)")
        return dir
    }

    /// The statement's students by id, and the fund's refunds (`statement --json`).
    func statement(_ dir: String) throws -> (students: [String: [String: Any]], refundsFen: Int, text: String) {
        let r = try cli.run(["statement", "--json", "--db", "s.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let rows = try #require(doc["students"] as? [[String: Any]])
        let fund = try #require(doc["fund"] as? [String: Any])
        var byId: [String: [String: Any]] = [:]
        for row in rows { byId[row["student_id"] as! String] = row }
        return (byId, fund["refunds_fen"] as! Int, r.out)
    }

    func fen(_ row: [String: Any]?, _ key: String) -> Int { row?[key] as? Int ?? Int.min }

    /// 元 with two decimals and thousands separators, as the tool prints: 5568_00 → "5,568.00".
    func yuan(_ fen: Int) -> String {
        let whole = String(fen / 100)
        var grouped = ""
        for (i, ch) in whole.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        return String(grouped.reversed()) + "." + String(format: "%02d", fen % 100)
    }

    @Test func everyFamilySettledInOneCommand() throws {
        let dir = try sampleSchool()
        let before = try statement(dir)
        #expect(fen(before.students["S000003"], "balance_fen") == -2100)
        #expect(fen(before.students["S000036"], "balance_fen") == -3300)
        #expect(fen(before.students["S000001"], "balance_fen") == -600)
        #expect(fen(before.students["S000019"], "balance_fen") == 0)
        let owedBack = before.students.values.filter { fen($0, "balance_fen") < 0 }
        let total = owedBack.reduce(0) { $0 - fen($1, "balance_fen") }
        #expect(owedBack.count > 300)  // the sample: every paying family attended fewer than the 95 lessons prepaid

        // The dry run shows every refund and records nothing.
        let dry = try cli.run(["settle", "--db", "s.sqlite"], in: dir)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.hasPrefix("某小学 2024年秋季学期 settlement (preview, nothing recorded): \(owedBack.count) families to refund, \(yuan(total)) in all; 0 to pay, 0.00 in all\n"), "\(dry.out.prefix(300))")
        #expect(dry.out.contains("\n  refund S000003 魏宇懿 21.00 (贰拾壹元整) as JS-2024-autumn-S000003\n"))
        #expect(dry.out.contains("\n  refund S000036 何铭安 33.00 (叁拾叁元整) as JS-2024-autumn-S000036\n"))
        #expect(!dry.out.contains("S000019"))
        #expect(try statement(dir).text == before.text)
        // --json: every refund is the statement's −balance_fen, for exactly the families with a negative balance.
        let json = try cli.run(["settle", "--json", "--db", "s.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let refunds = try #require(doc["refunds"] as? [[String: Any]])
        #expect(Set(refunds.map { $0["student_id"] as! String }) == Set(owedBack.map { $0["student_id"] as! String }))
        for r in refunds {
            let id = r["student_id"] as! String
            #expect(fen(r, "amount_fen") == -fen(before.students[id], "balance_fen"), "\(id)")
            #expect(r["refund_id"] as? String == "JS-2024-autumn-\(id)")
        }
        #expect(fen(doc, "refund_total_fen") == total)
        #expect(doc["recorded"] as? Bool == false)

        let apply = try cli.run(["settle", "--apply", "--method", "现金", "--date", "2025-01-20", "--by", "王会计", "--db", "s.sqlite"], in: dir)
        #expect(apply.status == 0, "\(apply.err)")
        #expect(apply.out.contains("recorded \(owedBack.count) settlement refunds, \(yuan(total)) in all, paid back by cash on 2025-01-20"), "\(apply.out.suffix(300))")

        // The statement after: no 应退 left, each family refunded exactly what it was owed, the fund's refunds
        // up by the total (the disclosure and the refund register read the same ledger).
        let after = try statement(dir)
        for (id, row) in before.students {
            let was = fen(row, "balance_fen")
            #expect(fen(after.students[id], "balance_fen") == max(0, was), "\(id)")
            #expect(fen(after.students[id], "refunded_fen") == fen(row, "refunded_fen") + max(0, -was), "\(id)")
        }
        #expect(after.refundsFen == before.refundsFen + total)
        let shown = try cli.run(["show", "refund", "JS-2024-autumn-S000003", "--db", "s.sqlite"], in: dir)
        #expect(shown.out.hasPrefix("2025-01-20 refund JS-2024-autumn-S000003 21.00 (term-end settlement)\n"), "\(shown.out)")
        #expect(shown.out.contains("paid back by: cash\n"))
        #expect(shown.out.contains("recorded by 王会计 at "))

        // Again: nothing twice.
        let again = try cli.run(["settle", "--apply", "--method", "现金", "--date", "2025-01-21", "--db", "s.sqlite"], in: dir)
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out == "某小学 2024年秋季学期 settlement: 0 families to refund, 0.00 in all; 0 to pay, 0.00 in all\nno family is owed anything back: nothing recorded\n")
        #expect(try statement(dir).text == after.text)
        #expect(try cli.run(["verify", "--db", "s.sqlite"], in: dir).status == 0)
    }

    /// A family settled by hand first (`refund --reason settlement`) is not refunded again; one refunded in
    /// part gets only the rest; `--except` leaves a family's balance to carry; `--class` settles one class.
    @Test func settledByHandExceptAndClass() throws {
        let dir = try sampleSchool()
        for args in [
            ["refund", "--id", "TF-H1", "--student", "S000003", "--amount", "21.00", "--reason", "结算", "--date", "2025-01-15"],
            ["refund", "--id", "TF-H2", "--student", "S000036", "--amount", "10.00", "--reason", "结算", "--date", "2025-01-15"],
        ] {
            let r = try cli.run(args + ["--db", "s.sqlite"], in: dir)
            #expect(r.status == 0, "\(r.err)")
        }
        let before = try statement(dir)
        #expect(fen(before.students["S000003"], "balance_fen") == 0)  // −21.00 + 21.00
        #expect(fen(before.students["S000036"], "balance_fen") == -2300)  // −33.00 + 10.00
        let oneClass = before.students.values.filter { $0["class"] as? String == "1年级1班" && fen($0, "balance_fen") < 0 }
        let classTotal = oneClass.reduce(0) { $0 - fen($1, "balance_fen") }
        // S000001 (6.00) is left out: its balance carries.
        let r = try cli.run(["settle", "--apply", "--class", "1年级1班", "--except", "S000001", "--method", "bank", "--date", "2025-01-20", "--db", "s.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("某小学 2024年秋季学期 settlement: \(oneClass.count - 1) families to refund, \(yuan(classTotal - 600)) in all;"), "\(r.out.prefix(200))")
        #expect(!r.out.contains("refund S000003"))
        #expect(r.out.contains("\n  refund S000036 何铭安 23.00 (贰拾叁元整) as JS-2024-autumn-S000036\n"))
        #expect(r.out.contains("\nleft out (--except, carried): S000001 叶诺承 to refund 6.00\n"))
        let after = try statement(dir)
        #expect(fen(after.students["S000003"], "refunded_fen") == 300 + 2100)  // the cancellation's 3.00 and TF-H1 only
        #expect(fen(after.students["S000036"], "refunded_fen") == 300 + 1000 + 2300)
        #expect(fen(after.students["S000001"], "balance_fen") == -600)
        // Another class is untouched.
        let other = before.students.values.first { $0["class"] as? String != "1年级1班" && fen($0, "balance_fen") < 0 }!
        #expect(fen(after.students[other["student_id"] as! String], "balance_fen") == fen(other, "balance_fen"))
        let unknown = try cli.run(["show", "refund", "JS-2024-autumn-S000003", "--db", "s.sqlite"], in: dir)
        #expect(unknown.status != 0)
    }

    /// Figures that change after settlement settle only the difference: a late payment (5.00 paid again by
    /// mistake) is 应退 5.00 under the next id `…-2`; a settlement refund reversed (`correct`) is owed again
    /// and refunded under a new id, never the reversed one; a category corrected out of the waived one leaves
    /// the family 应补 the whole fee (87 × 3.00 = 261.00), listed by `owed`, refunded nothing.
    @Test func lateChangeSettlesOnlyTheDifference() throws {
        let dir = try sampleSchool()
        #expect(try cli.run(["settle", "--apply", "--method", "cash", "--date", "2025-01-20", "--db", "s.sqlite"], in: dir).status == 0)
        for args in [
            ["pay", "--receipt", "R-LATE", "--student", "S000003", "--amount", "5.00", "--date", "2025-01-22"],
            ["correct", "--entry", "JS-2024-autumn-S000036", "--id", "CZ-1", "--note", "退错方式"],
            ["edit", "student", "S000019", "--category", "", "--note", "类别录错"],
        ] {
            let r = try cli.run(args + ["--db", "s.sqlite"], in: dir)
            #expect(r.status == 0, "\(args) \(r.err)")
        }
        let before = try statement(dir)
        let dry = try cli.run(["settle", "--db", "s.sqlite"], in: dir)
        #expect(dry.out.hasPrefix("某小学 2024年秋季学期 settlement (preview, nothing recorded): 2 families to refund, 38.00 in all; 1 to pay, 261.00 in all\n"), "\(dry.out)")
        #expect(dry.out.contains("\n  refund S000003 魏宇懿 5.00 (伍元整) as JS-2024-autumn-S000003-2\n"))
        #expect(dry.out.contains("\n  refund S000036 何铭安 33.00 (叁拾叁元整) as JS-2024-autumn-S000036-2\n"))
        #expect(dry.out.contains("\n  to pay S000019 邓懿馨 261.00 (due 261.00, paid 0.00, refunded 0.00)\n"))
        let apply = try cli.run(["settle", "--apply", "--method", "wechat", "--date", "2025-01-25", "--db", "s.sqlite"], in: dir)
        #expect(apply.status == 0, "\(apply.err)")
        #expect(apply.out.contains("recorded 2 settlement refunds, 38.00 in all, paid back by WeChat on 2025-01-25"))
        let after = try statement(dir)
        // 5.00 more refunded to S000003 (21.00 + 5.00 of settlements, 3.00 of the cancellation), 33.00 again to
        // S000036 (the reversed 33.00 no longer counts).
        #expect(fen(after.students["S000003"], "refunded_fen") == 300 + 2100 + 500)
        #expect(fen(after.students["S000036"], "refunded_fen") == 300 + 3300)
        #expect(after.refundsFen == before.refundsFen + 3800)
        #expect(after.students.values.allSatisfy { fen($0, "balance_fen") >= 0 })
        let owed = try cli.run(["owed", "--json", "--db", "s.sqlite"], in: dir)
        #expect(owed.out.contains(#""total_owed_fen":26100"#), "\(owed.out)")
        #expect(owed.out.contains(#""student_id":"S000019""#))
        let again = try cli.run(["settle", "--apply", "--method", "wechat", "--db", "s.sqlite"], in: dir)
        #expect(again.out.contains("no family is owed anything back: nothing recorded"))
        #expect(try cli.run(["verify", "--db", "s.sqlite"], in: dir).status == 0)
    }

    static var paperTools: Bool {
        PrintTests.toolsInstalled
            && (try? { () throws -> Bool in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = ["python3", "-c", "import openpyxl"]
                p.standardError = FileHandle.nullDevice
                try p.run()
                p.waitUntilExit()
                return p.terminationStatus == 0
            }()) == true
    }

    /// The sign-for sheet lists the refunds `settle` recorded that stand, by class, with the method each was
    /// paid back by (a second payout after late changes apart with `--date`); the top-up notice of the family
    /// that owes after a corrected category says 尚需补缴 261.00 (87 × 3.00) and 贰佰陆拾壹元整. Both read back
    /// with openpyxl and printed to A4 and checked (`print_check.py`: type size, wrapped rows, sign-off, every
    /// 大写 equal to its amount).
    @Test(.enabled(if: SettleCommandTests.paperTools, "skipped: needs soffice, poppler-utils, python3 with openpyxl and the built tool"))
    func signForSheetAndTopUpNoticesOnPaper() throws {
        let dir = try sampleSchool()
        let owedBack = try statement(dir).students.values.filter { fen($0, "balance_fen") < 0 }.count
        for args in [
            ["settle", "--apply", "--method", "现金", "--date", "2025-01-20"],
            ["pay", "--receipt", "R-LATE", "--student", "S000003", "--amount", "5.00", "--date", "2025-01-22"],
            ["correct", "--entry", "JS-2024-autumn-S000036", "--id", "CZ-1", "--note", "退错方式"],
            ["edit", "student", "S000019", "--category", "", "--note", "类别录错"],
            ["settle", "--apply", "--method", "微信", "--date", "2025-01-25"],
        ] {
            let r = try cli.run(args + ["--db", "s.sqlite"], in: dir)
            #expect(r.status == 0, "\(args) \(r.err)")
        }
        try FileManager.default.createDirectory(atPath: dir + "/paper", withIntermediateDirectories: true)
        let all = try cli.run(["settle", "--sheet", "--out", "paper/退费签领表.xlsx", "--db", "s.sqlite"], in: dir)
        // Every family of the first payout, less S000036's reversed refund, and the two of the second.
        #expect(all.out.hasPrefix("wrote paper/退费签领表.xlsx: \(owedBack - 1 + 2) settlement refunds"), "\(all.out)")
        let late = try cli.run(["settle", "--sheet", "--date", "2025-01-25", "--out", "late.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(late.out.hasPrefix("wrote late.xlsx: 2 settlement refunds"), "\(late.out)")
        let notices = try cli.run(["settle", "--notices", "--out", "paper/补缴通知.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(notices.out.hasPrefix("wrote paper/补缴通知.xlsx: 1 top-up notices"), "\(notices.out)")
        let found = try cli.python(
            #"""
            import sys, openpyxl
            sheet = openpyxl.load_workbook(sys.argv[1] + "/paper/退费签领表.xlsx", data_only=True)
            for row in sheet["1年级1班"].iter_rows(values_only=True):
                if row[0] in ("S000003", "S000036") or (row[0] or "").startswith("本班合计"):
                    print("|".join("" if v is None else str(v) for v in row))
            summary = [r for r in sheet["汇总"].iter_rows(values_only=True) if r[0] == "全校合计"]
            print("school", summary[0][1], summary[0][3])
            notice = openpyxl.load_workbook(sys.argv[1] + "/paper/补缴通知.xlsx", data_only=True)
            for ws in notice:
                for row in ws.iter_rows(values_only=True):
                    if row[0] == "尚需补缴":
                        print(ws.title, row[1], row[4])
            """#, [dir])
        // S000003: 21.00 in cash, then the late 5.00 by WeChat; S000036: only the second 33.00 (the first reversed).
        #expect(found.contains("S000003|魏宇懿|JS-2024-autumn-S000003|21|贰拾壹元整|现金||"), "\(found)")
        #expect(found.contains("S000003|魏宇懿|JS-2024-autumn-S000003-2|5|伍元整|微信||"), "\(found)")
        #expect(found.contains("S000036|何铭安|JS-2024-autumn-S000036-2|33|叁拾叁元整|微信||"), "\(found)")
        #expect(!found.contains { $0.contains("JS-2024-autumn-S000036|") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("本班合计（") }, "\(found)")
        // 5,568.00 of the first payout − 33.00 reversed + 5.00 + 33.00 of the second = 5,573.00.
        #expect(found.contains("school \(owedBack + 1) 伍仟伍佰柒拾叁元整"), "\(found)")
        #expect(found.contains("1年级1班 人民币（大写）贰佰陆拾壹元整 261"), "\(found)")
        let (status, output) = try paperCheck(dir + "/paper")
        #expect(status == 0, "\(output)")
        #expect(output.contains("2 workbooks printed, 0 problems"), "\(output)")
    }

    /// `print_check.py DIR`: every workbook of DIR printed to A4 and checked.
    func paperCheck(_ dir: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CommandTests.root.appendingPathComponent("Tests/TuoguanReportsTests/Scripts/print_check.py").path, dir]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The demo's default plan: nobody is owed back, nine families owe (S000035: 39 lessons × 20.00 = 780.00,
    /// paid 760.00: 应补 20.00); the top-up notices go to those nine, in Chinese.
    @Test func topUpsOfTheSampleSchool() throws {
        let dir = try sampleSchool(rules: "one-plus-x")
        let zh = ["LANG": "zh_CN.UTF-8"]
        let dry = try cli.run(["settle", "--db", "s.sqlite"], in: dir, env: zh)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.hasPrefix("示范小学 2024年秋季学期 期末结算（预览，未登记）：应退 0 户，共 0.00 元；应补 9 户，共 190.00 元\n"), "\(dry.out)")
        #expect(dry.out.contains("\n  应补 S000035 武瑶皓 20.00 元（应缴 780.00，已缴 760.00，已退 0.00）\n"))
        let notices = try cli.run(["settle", "--notices", "--db", "s.sqlite"], in: dir, env: zh)
        #expect(notices.status == 0, "\(notices.err)")
        #expect(notices.out.hasPrefix("已写入 reports/补缴通知.xlsx：9 份补缴通知（用时 "), "\(notices.out)")
        let one = try cli.run(["settle", "--notices", "--class", "1年级1班", "--db", "s.sqlite"], in: dir)
        #expect(one.out.hasPrefix("wrote reports/补缴通知-1年级1班.xlsx: 1 top-up notices (in "), "\(one.out)")
        let sheet = try cli.run(["settle", "--sheet", "--out", "sign.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(sheet.out.hasPrefix("wrote sign.xlsx: 0 settlement refunds (in "), "\(sheet.out)")
    }

    /// `--except` leaves a family's balance to carry (`close --carry-student`, `init --from`): the next term
    /// settles it. The 90-student sample: S000001 is owed back 21.00 and left out; S000019's category is
    /// corrected out of 留守儿童 (89 lessons attended × 3.00 = 267.00 owed) and carried too. In spring, before any
    /// lesson, settle refunds S000001's 21.00 under the spring's id and lists S000019's 267.00 (应缴 0.00 +
    /// 上期结转 267.00) on a top-up notice.
    @Test func leftOutFamiliesCarryIntoTheNextTerm() throws {
        let dir = try cli.tempDir()
        let demo = try cli.run(["demo", "--rules", "per-lesson-settled", "--students", "90", "--out", "out", "--keep-db", "s.sqlite"], in: dir)
        #expect(demo.status == 0, "\(demo.err)")
        let rules = try String(contentsOf: CommandTests.root.appendingPathComponent("rules/per-lesson-settled.toml"), encoding: .utf8)
        let spring = rules.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            switch true {
            case line.hasPrefix("term = "): return #"term = "2025-spring""#
            case line.hasPrefix("term_name = "): return #"term_name = "2025年春季学期""#
            case line.hasPrefix("starts = "): return "starts = 2025-02-17"
            case line.hasPrefix("ends = "): return "ends = 2025-07-04"
            case line.hasPrefix("make_up_days = "): return "make_up_days = []"
            default: return String(line)
            }
        }.joined(separator: "\n").replacingOccurrences(of: #"no_service = \[[^\]]*\]"#, with: "no_service = []", options: .regularExpression)
        try cli.write(spring, "spring.toml", in: dir)
        for args in [
            ["edit", "student", "S000019", "--category", "", "--note", "类别录错", "--db", "s.sqlite"],
            ["settle", "--apply", "--method", "cash", "--date", "2025-01-20", "--except", "S000001", "--db", "s.sqlite"],
            ["close", "--note", "期末结账", "--carry-student", "S000001", "--carry-student", "S000019", "--db", "s.sqlite"],
            ["init", "--rules", "spring.toml", "--from", "s.sqlite", "--db", "spring.sqlite"],
        ] {
            let r = try cli.run(args, in: dir)
            #expect(r.status == 0, "\(args) \(r.err)")
        }
        let r = try cli.run(["settle", "--apply", "--method", "cash", "--date", "2025-07-10", "--db", "spring.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("某小学 2025年春季学期 settlement: 1 families to refund, 21.00 in all; 1 to pay, 267.00 in all\n"), "\(r.out)")
        #expect(r.out.contains("\n  refund S000001 叶诺承 21.00 (贰拾壹元整) as JS-2025-spring-S000001\n"), "\(r.out)")
        #expect(r.out.contains("\n  to pay S000019 邓懿馨 267.00 (due 0.00, carried in 267.00, paid 0.00, refunded 0.00)\n"), "\(r.out)")
        let notices = try cli.run(["settle", "--notices", "--out", "t.xlsx", "--db", "spring.sqlite"], in: dir)
        #expect(notices.out.hasPrefix("wrote t.xlsx: 1 top-up notices"), "\(notices.out)")
        let again = try cli.run(["settle", "--apply", "--method", "cash", "--db", "spring.sqlite"], in: dir)
        #expect(again.out.contains("no family is owed anything back: nothing recorded"), "\(again.out)")
    }

    /// Bad input: each with its message in English and Chinese, exit 64, nothing recorded.
    @Test func badInput() throws {
        let dir = try sampleSchool()
        let before = try statement(dir).text
        let zh = ["LANG": "zh_CN.UTF-8"]
        let cases: [(args: [String], en: String, zh: String)] = [
            (["--class", "9年级9班"],
             "--class: there is no class \"9年级9班\" [usage]\n  | 9年级9班\n  fix: write it as in the students file, e.g. 1年级1班、1年级2班、2年级1班、2年级2班、3年级1班、3年级2班、4年级1班、5年级1班 …\n",
             "--class: 没有班级“9年级9班” [usage]\n  | 9年级9班\n  如何修改：按学生名单中的写法，如：1年级1班、1年级2班、2年级1班、2年级2班、3年级1班、3年级2班、4年级1班、5年级1班 …\n"),
            (["--except", "S000001", "S999999"],
             "--except: no student of the term has the id S999999 [usage]\n  | S999999\n  fix: check the student id (tuoguan find NAME shows it)\n",
             "--except: 本学期没有学号为 S999999 的学生 [usage]\n  | S999999\n  如何修改：检查学号（tuoguan find 姓名 可查学号）\n"),
            (["--method", "支票"],
             "--method: \"支票\" is not a value this option accepts [usage]\n",
             "--method: 值“支票”无法识别 [usage]\n"),
        ]
        for c in cases {
            let en = try cli.run(["settle", "--apply"] + (c.args.contains("--method") ? [] : ["--method", "cash"]) + c.args + ["--db", "s.sqlite"], in: dir)
            #expect(en.status == 64, "\(c.args) \(en.err)")
            #expect(en.err.hasPrefix(c.en), "\(en.err)")
            let cn = try cli.run(["settle", "--apply"] + (c.args.contains("--method") ? [] : ["--method", "cash"]) + c.args + ["--db", "s.sqlite"], in: dir, env: zh)
            #expect(cn.status == 64)
            #expect(cn.err.hasPrefix(c.zh), "\(cn.err)")
        }
        // --apply without --method; --sheet with --apply.
        let noMethod = try cli.run(["settle", "--apply", "--db", "s.sqlite"], in: dir, env: zh)
        #expect(noMethod.status == 64)
        #expect(noMethod.err.contains("--apply 需要 --method（现金、微信、支付宝或银行转账）"), "\(noMethod.err)")
        let both = try cli.run(["settle", "--apply", "--sheet", "--method", "cash", "--db", "s.sqlite"], in: dir)
        #expect(both.status == 64)
        #expect(both.err.contains("give one of --apply, --sheet and --notices"), "\(both.err)")
        let sheetClass = try cli.run(["settle", "--sheet", "--class", "9年级9班", "--db", "s.sqlite"], in: dir)
        #expect(sheetClass.status == 64)
        #expect(sheetClass.err.hasPrefix("--class: there is no class \"9年级9班\" [usage]"), "\(sheetClass.err)")
        #expect(try statement(dir).text == before)
    }
}
