import Foundation
import Testing
import TuoguanInput

/// The clerk's term (issue 16): the school's own words, the class teacher's attendance sheet, one language,
/// bounded output — each through the real executable, its message read as the clerk reads it.
@Suite(.serialized) struct SchoolWordsCommandTests {
    let cli = CommandTests()
    static let fixtures = CommandTests.root.appendingPathComponent("Tests/TuoguanCommandsTests/Fixtures").path
    let zh = ["LANG": "zh_CN.UTF-8"]

    /// A copy of a fixture folder in a fresh temporary folder.
    func copy(_ fixture: String) throws -> String {
        let dir = try cli.tempDir()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.fixtures + "/" + fixture) {
            try FileManager.default.copyItem(atPath: Self.fixtures + "/\(fixture)/\(name)", toPath: dir + "/" + name)
        }
        return dir
    }

    /// A term as the office writes it: Chinese headers and words everywhere (类别 在编, 类型 拓展性托管（X）,
    /// 上课情况 正常上课, 支付方式 微信支付, 退费原因 期末结算, 职责 安全巡查 / 护送, 质量分), the students' list in
    /// GB18030, the attendance as the class teacher's workbook (title row, one column a date, √ 假 × 迟到, the
    /// course from the sheet's name 美术), each imported by its Chinese kind — with no hand conversion.
    @Test func officeTermImportsAsWritten() throws {
        let dir = try copy("office-term")
        #expect(try cli.run(["init", "--rules", "规则.toml", "--db", "t.sqlite"], in: dir, env: zh).status == 0)
        for (kind, file, rows, new) in [
            ("学生", "学生名单.csv", 2, 2), ("教师", "教师.csv", 2, 2), ("课程", "课程.csv", 1, 1), ("报名", "报名.csv", 2, 2),
            ("课次", "课次.csv", 4, 4), ("考勤", "考勤.xlsx", 2, 6), ("值班", "值班.csv", 2, 2), ("缴费", "缴费.csv", 1, 1),
            ("退费", "退费.csv", 1, 1), ("评分", "质量分.csv", 2, 2),
        ] {
            let r = try cli.run(["import", kind, file, "--db", "t.sqlite"], in: dir, env: zh)
            #expect(r.status == 0, "\(file): \(r.err)")
            #expect(r.out.hasPrefix("已导入\(kind)：读取 \(rows) 行，新增 \(new) 条，未变 0 条，用时 "), "\(r.out)")
            #expect(r.err.isEmpty, "\(file): \(r.err)")
        }
        let statement = try cli.run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(statement.out.utf8)) as? [String: Any])
        let students = try #require(doc["students"] as? [[String: Any]])
        let s1 = try #require(students.first { $0["student_id"] as? String == "S1" })
        // S1: held 09-02 √, 09-09 假 (charged: no refund for personal leave), 09-23 ✓ = 3 × 20.00 = 60.00;
        // paid ¥80.00 by 微信支付; 09-30 停课, so the statement owes 20.00 back, refunded as 期末结算 → 60.00 − (80.00 − 20.00) = 0.
        #expect(s1["charged_fen"] as? Int == 6000)
        #expect(s1["paid_fen"] as? Int == 8000)
        #expect(s1["refunded_fen"] as? Int == 2000)
        #expect(s1["balance_fen"] as? Int == 0)
        // S2 is 留守儿童 (the category by its name): all waived.
        #expect(students.first { $0["student_id"] as? String == "S2" }?["charged_fen"] as? Int == 0)
        let workload = try cli.run(["workload", "--json", "--db", "t.sqlite"], in: dir)
        let wdoc = try #require(try JSONSerialization.jsonObject(with: Data(workload.out.utf8)) as? [String: Any])
        let teachers = try #require(wdoc["teachers"] as? [[String: Any]])
        // T1 (在编) held 3 sessions × 50 activity points = 150; T2 (退休返聘) 安全巡查 40 + 护送 40 = 80.
        // Workload pool 60% of 60.00 = 36.00: 3600 × 150/230 = 2347.83 → 2348 (largest remainder), 3600 × 80/230
        // = 1252.17 → 1252.
        #expect(teachers.map { $0["points"] as? Int } == [150, 80])
        #expect(teachers.map { $0["workload_fen"] as? Int } == [2348, 1252])
    }

    /// Whatever the workload workbook prints as a header or a label (工号, 姓名, 类别 在职教师 / 退休教师, 质量分)
    /// is accepted back: the workbook imported as teachers and as scores changes nothing.
    @Test func workloadWorkbookImportsBackUnchanged() throws {
        let dir = try copy("office-term")
        #expect(try cli.run(["init", "--rules", "规则.toml", "--db", "t.sqlite"], in: dir).status == 0)
        for (kind, file) in [("教师", "教师.csv"), ("评分", "质量分.csv")] {
            #expect(try cli.run(["import", kind, file, "--db", "t.sqlite"], in: dir).status == 0)
        }
        let out = try cli.run(["workload", "--db", "t.sqlite", "--out", "workload.xlsx"], in: dir, env: zh)
        #expect(out.status == 0, "\(out.err)")
        for kind in ["teachers", "scores"] {
            let back = try cli.run(["import", kind, "workload.xlsx", "--db", "t.sqlite"], in: dir)
            #expect(back.status == 0, "\(back.err)")
            // Every row read back is what is recorded: said as such (not "0 new"), exit 0.
            #expect(back.out.hasPrefix("\(kind): all 2 rows already recorded, the same: nothing new"), "\(back.out)")
        }
    }

    /// The command line accepts the files' words: `--method 微信`, `--reason 请假`, `import 学生`; a word it
    /// does not know is refused with what it accepts.
    @Test func wordsOnTheCommandLine() throws {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        let pay = ["pay", "--receipt", "R2", "--student", "S1", "--amount", "10", "--date", "2024-09-03", "--db", "t.sqlite"]
        #expect(try cli.run(pay + ["--method", "微信"], in: dir).status == 0)
        let again = try cli.run(pay + ["--method", "微信支付"], in: dir)  // the same payment: 微信支付 is wechat
        #expect(again.out.contains("already recorded"), "\(again.err)")
        let paypal = try cli.run(pay + ["--method", "paypal"], in: dir, env: zh)
        #expect(paypal.status == 64)
        #expect(paypal.err.hasPrefix("--method: 值“paypal”无法识别 [usage]\n  如何修改：应为：支付宝、"), "\(paypal.err)")
        #expect(paypal.err.contains("微信、微信支付、微信收款、微信转账（wechat）"))
        // 请假 is personal leave, which this plan does not refund: parsed, then refused by the policy.
        let leave = try cli.run(
            ["refund", "--id", "TF1", "--student", "S1", "--course", "X1", "--lessons", "1", "--reason", "请假",
             "--date", "2024-09-10", "--db", "t.sqlite"], in: dir)
        #expect(leave.status == 65)
        #expect(leave.err.contains("[refund-refused]"), "\(leave.err)")
        try cli.write("学号,姓名,年级,班级\nS3,王五,三年级,三(2)班\n", "名单.csv", in: dir)
        let students = try cli.run(["import", "学生", "名单.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(students.out.hasPrefix("已导入学生：读取 1 行，新增 1 条"), "\(students.err)")
    }

    /// Each vocabulary through a file: every Chinese word the README lists imports; one it does not list is
    /// refused with the list.
    @Test func eachVocabularyThroughAFile() throws {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        let kinds = ["在职", "在职教师", "在编", "在编教师", "编内", "在岗", "正式", "正式教师", "本校教师", "退休", "退休教师", "返聘", "退休返聘",
                     "校外", "校外机构", "机构", "外聘", "外聘教师", "第三方", "第三方机构", "志愿者", "义工", "家长志愿者"]
        let teachers = "工号,姓名,类别\n" + kinds.enumerated().map { "T\($0 + 10),老师\($0),\($1)" }.joined(separator: "\n")
        try cli.write(teachers + "\n", "教师.csv", in: dir)
        let t = try cli.run(["import", "教师", "教师.csv", "--db", "t.sqlite"], in: dir)
        #expect(t.out.hasPrefix("imported teachers: \(kinds.count) rows read, \(kinds.count) new"), "\(t.err)")
        let methods = ["现金", "微信", "微信支付", "微信转账", "微信收款", "支付宝", "支付宝支付", "支付宝转账", "银行", "银行转账", "转账", "银行卡",
                       "刷卡", "对公转账", "网银"]
        let payments = "收据号,学号,金额,日期,付款方式\n" + methods.enumerated().map { "P\($0),S1,1.00,2024-09-03,\($1)" }.joined(separator: "\n")
        try cli.write(payments + "\n", "缴费.csv", in: dir)
        let p = try cli.run(["import", "缴费", "缴费.csv", "--db", "t.sqlite"], in: dir)
        #expect(p.out.hasPrefix("imported payments: \(methods.count) rows read, \(methods.count) new"), "\(p.err)")
        let marks = ["√", "✓", "✔", "到", "已到", "出勤", "出席", "迟到", "早退", "假", "请假", "事假", "病假", "×", "✗", "✕", "缺", "缺勤", "旷课", "未到"]
        // Every mark on the same record: the file is refused for repeating it, but no mark is unknown.
        try cli.write("日期,课程,学号,考勤\n" + marks.map { "2024-09-02,X1,S1,\($0)" }.joined(separator: "\n") + "\n", "a.csv", in: dir)
        let a = try cli.run(["import", "考勤", "a.csv", "--db", "t.sqlite", "--dry-run", "--all-errors"], in: dir)
        #expect(a.status == 65)
        #expect(a.err.contains("[conflict]") && !a.err.contains("is not valid"), "\(a.err)")
        try cli.write("日期,课程,学号,考勤\n2024-09-02,X1,S1,到了\n", "b.csv", in: dir)
        let unknown = try cli.run(["import", "attendance", "b.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(unknown.err.hasPrefix("b.csv:2:18: 考勤状态“到了”无法识别，应为：×、✕、✗、旷课、未到、缺、缺勤（absent）；事假、假、病假、请假（leave）；√、"), "\(unknown.err)")
        try cli.write("日期,工号,职责\n2024-09-03,T1,安全巡查\n2024-09-04,T1,护送\n2024-09-05,T1,打扫\n", "d.csv", in: dir)
        let duties = try cli.run(["import", "值班", "d.csv", "--db", "t.sqlite"], in: dir)
        // The test plan gives points to patrol (安全巡查) but not escort: 护送 is refused, with the list.
        #expect(duties.err.hasPrefix("d.csv:3:15: duty \"护送\" is not in the rules' points: expected one of activity (兴趣活动, 兴趣活动辅导, 社团活动), patrol (安全巡查, 巡查, 巡逻), supervision (作业辅导"), "\(duties.err)")
        #expect(duties.err.contains("d.csv:4:15: duty \"打扫\""))
        #expect(!duties.err.contains("安全巡查\" is not"))
        try cli.write("课程编号,课程名称,类型,教师工号,星期,开始时间,结束时间\nX2,书法,拓展课程,T1,周三,16:30,17:10\nX3,围棋,兴趣班,T1,3,16:30,17:10\n", "c.csv", in: dir)
        let policy = try cli.run(["import", "课程", "c.csv", "--db", "t.sqlite"], in: dir, env: zh)
        // The policy by its rules name (拓展课程) is accepted; 兴趣班 is no policy's id or name.
        #expect(policy.err.hasPrefix("c.csv:3:7: 收费政策“兴趣班”不在规则中，应为：拓展课程（x） [bad-input]"), "\(policy.err)")
    }

    /// The class teacher's sheet as a workbook: course from the 课程 column (by name or id), a title row,
    /// marks checked like any attendance, the error placed at its cell.
    @Test func classTeacherWorkbookErrorAtTheCell() throws {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        try FileManager.default.copyItem(atPath: Self.fixtures + "/class-sheet/考勤.xlsx", toPath: dir + "/考勤.xlsx")
        let r = try cli.run(["import", "考勤", "考勤.xlsx", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(r.err.hasPrefix("考勤.xlsx:1年级1班!F7: 考勤状态“？”无法识别，应为："), "\(r.err)")
        #expect(r.err.split(separator: "\n").filter { $0.hasPrefix("考勤.xlsx") }.count == 1, "\(r.err)")
    }

    /// The wide sheet as CSV: dates without a year, a holiday column and a date outside the term refused at
    /// the header, an unknown student once for its row, not once a date.
    @Test func classTeacherCSVChecks() throws {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        try cli.write("学号,姓名,9月2日,9/9,9月16日,10月8日\nS1,张三丰,√,假,,\nS9,王五,√,×,,\n", "wide.csv", in: dir)
        let r = try cli.run(["import", "attendance", "wide.csv", "--db", "t.sqlite", "--course", "美术"], in: dir)
        #expect(r.status == 65)
        #expect(
            r.err == """
                wide.csv:1:16: 2024-09-16 is not a service day (中秋节): remove this column [bad-input]
                  | 9月16日
                wide.csv:1:22: date 2024-10-08 is outside the term: expected 2024-09-02 to 2024-09-30 [bad-input]
                  | 10月8日
                wide.csv:3:7: unknown student "S9": expected an id from the students sheet [unknown-reference]
                  | S9
                  fix: check the id, or import that sheet first
                3 errors in all

                """)
        // Without the two bad columns and the unknown student it goes in: the same records as the long file.
        try cli.write("学号,姓名,9月2日,9/9,2024-09-23\nS1,张三丰,√,假,✓\nS2,李四,到,迟到,\n", "wide.csv", in: dir)
        let ok = try cli.run(["import", "attendance", "wide.csv", "--db", "t.sqlite", "--course", "X1"], in: dir)
        #expect(ok.status == 0, "\(ok.err)")
        // 2 rows, 5 marks, each recorded already by the long file: said so, exit 0.
        #expect(ok.out.hasPrefix("attendance: all 2 rows already recorded, the same: nothing new"), "\(ok.out)")
        let none = try cli.run(["import", "attendance", "wide.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(none.err.hasPrefix("wide.csv:1:1: 不知道是哪门课的考勤：没有“课程”列 [bad-input]\n  如何修改：加一列“课程”，或用 --course 指定课程"), "\(none.err)")
    }

    /// One wrong column of 30 rows: the first 20 and a count, then the total; --all-errors shows all 30.
    @Test func boundedErrors() throws {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        let rows = (1...30).map { "Q" + ($0 < 10 ? "0" : "") + "\($0),S1,1.00,2024-09-03,paypal" }
        try cli.write("receipt,student_id,amount,date,method\n" + rows.joined(separator: "\n") + "\n", "p.csv", in: dir)
        let r = try cli.run(["import", "payments", "p.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        let lines = r.err.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("p.csv:") }.count == 20)
        #expect(lines.suffix(2) == ["…以及另外 10 行同类错误（[bad-input]，第 24 列）", "共 30 个错误；加 --all-errors 显示全部"])
        let all = try cli.run(["import", "payments", "p.csv", "--db", "t.sqlite", "--all-errors"], in: dir)
        let allLines = all.err.split(separator: "\n")
        #expect(allLines.filter { $0.hasPrefix("p.csv:") }.count == 30)
        #expect(allLines.last == "30 errors in all")
    }

    /// With zh every line is Chinese: the parser's errors, a negative amount, progress, conflicts; with en,
    /// English.
    @Test func oneLanguage() throws {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        let pay = ["pay", "--receipt", "R1", "--student", "S1", "--db", "t.sqlite"]
        let date = try cli.run(pay + ["--amount", "80", "--date", "2024-13-02"], in: dir, env: zh)
        #expect(date.status == 64)
        #expect(date.err.hasPrefix("错误：选项 --date 的值“2024-13-02”无效\n"), "\(date.err)")
        #expect(!date.err.contains("Usage") && !date.err.contains("Error") && !date.err.contains("Help:"))
        let missing = try cli.run(["pay", "--student", "S1"], in: dir, env: zh)
        #expect(missing.err.hasPrefix("错误：缺少必需的选项 --receipt\n"), "\(missing.err)")
        let negative = try cli.run(pay + ["--amount", "-60", "--date", "2024-09-02"], in: dir, env: zh)
        #expect(negative.status == 64)
        #expect(negative.err.hasPrefix("--amount: 收款金额必须大于零：-60 [usage]"), "\(negative.err)")
        let conflict = try cli.run(pay + ["--amount", "81", "--date", "2024-09-02"], in: dir, env: zh)
        #expect(conflict.status == 65)
        #expect(
            conflict.err.contains("账本中为 收款 R1：学生 S1，80.00 元，2024年9月2日，微信；这次为 收款 R1：学生 S1，81.00 元，2024年9月2日，微信"),
            "\(conflict.err)")
        #expect(conflict.err.contains("tuoguan correct --entry R1") && !conflict.err.contains("reverse"))
        let en = try cli.run(pay + ["--amount", "80", "--date", "2024-13-02"], in: dir)
        #expect(en.err.hasPrefix("Error: The value '2024-13-02' is invalid for '--date <date>'"), "\(en.err)")
        for command in [
            "init", "import", "pay", "refund", "cancel", "withdraw", "correct", "statement", "workload", "disclosure",
            "refunds", "subsidy", "check", "report", "explain", "verify", "edit", "edit student", "edit teacher",
            "edit course", "edit enrollment", "find", "show", "show student", "show receipt", "owed", "spend", "notices", "undo",
            "settle",
            "demo", "generate",
        ] {
            let help = try cli.run(command.split(separator: " ").map(String.init) + ["--help"], in: dir, env: zh)
            #expect(help.status == 0)
            #expect(help.out.contains("用法：") && help.out.contains("选项："), "\(help.out)")
            #expect(Self.englishSentences(help.out).isEmpty, "\(command): \(Self.englishSentences(help.out))")
        }
    }

    /// Lines with two English words in a row once commands, flags, placeholders and examples are taken out.
    static func englishSentences(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            var t = line
            for pattern in [#"tuoguan [a-z]+"#, #"--[a-z-]+"#, #"<[^>]*>"#, #"\$[A-Z_]+"#, #"[A-Za-z0-9_.-]+\.(csv|xlsx|sqlite|toml)"#] {
                t = t.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
            }
            return t.range(of: #"[A-Za-z]{2,}[ ,]+[A-Za-z]{3,}"#, options: .regularExpression) != nil
        }
    }
}
