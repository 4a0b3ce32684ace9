import Foundation
import Testing

/// The clerk's commands through the real executable: `edit` (with history, figures following, refusals),
/// `find`, `show`, `owed`, `--version`, `demo` and `init` from any folder; messages in English and Chinese.
extension CommandTests {
    /// The one-course school of ``makeSchool(in:)`` plus two families, for the owed list:
    /// - S3 王五, 二(1)班, takes X1 from 09-02 and has paid nothing;
    /// - S4 赵六, 三(2)班, takes X1 from 09-02 and has paid 30.00.
    /// Every session of X1 is held (09-02, 09-09, 09-23, 09-30): 4 × 20.00 = 80.00 for each family who pays.
    func makeOwingSchool(in dir: String) throws {
        try makeSchool(in: dir)
        try write("student_id,name,grade,class,category\nS3,王五,2,二(1)班,\nS4,赵六,3,三(2)班,\n", "more-students.csv", in: dir)
        try write("student_id,course_id,from,until\nS3,X1,2024-09-02,\nS4,X1,2024-09-02,\n", "more-enrollments.csv", in: dir)
        for args in [
            ["import", "students", "more-students.csv", "--db", "t.sqlite"],
            ["import", "enrollments", "more-enrollments.csv", "--db", "t.sqlite"],
            ["pay", "--receipt", "R4", "--student", "S4", "--amount", "30", "--date", "2024-09-03", "--db", "t.sqlite"],
        ] {
            let r = try run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
    }

    @Test func editKeepsTheHistoryAndTheFiguresFollow() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // S2 (留守儿童) had X1 waived: 4 held lessons × 20.00 = 80.00 gross, 0 charged. Without the category
        // the 80.00 is charged, and nothing is paid: the family owes 80.00.
        let edit = try run(["edit", "student", "S2", "--category", "none", "--note", "certificate expired", "--by", "Ms Li", "--db", "t.sqlite"], in: dir)
        #expect(edit.status == 0, "\(edit.err)")
        let lines = edit.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first == "corrected S2 (1 field, kept in the history):")
        #expect(lines.dropFirst().first?.hasSuffix(" Ms Li: category 留守儿童（left_behind） → (none) (why: certificate expired)") == true)
        #expect(lines.last == "  the figures follow: charged 0.00 → 80.00, balance settled → to pay 80.00")
        // The same again: nothing changed, nothing recorded.
        let again = try run(["edit", "student", "S2", "--category", "none", "--note", "again", "--db", "t.sqlite"], in: dir)
        #expect(again.out == "S2 is already so: nothing changed, nothing recorded\n")
        // In Chinese, with a class change; `show` prints both changes, oldest first.
        let zh = try run(["edit", "student", "S2", "--class", "三(3)班", "--note", "转班", "--by", "会计", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.out.hasPrefix("已更正 S2（1 项，记入改动记录）：\n"))
        #expect(zh.out.hasSuffix(" 会计：班级 三(2)班 → 三(3)班（原因：转班）\n"))
        let show = try run(["show", "student", "S2", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(show.status == 0, "\(show.err)")
        let shown = show.out.split(separator: "\n").map(String.init)
        #expect(shown.first == "学生 S2 李四，3 年级，三(3)班，类别：无")
        #expect(shown.contains("  X1 美术：2024-09-02 起，至学期末；已上 4 节：出勤 3、请假 0、缺勤 0、未记 1；停课 0 节；已上课应收 80.00 元"))
        #expect(shown.contains("应缴 80.00 元（减免 0.00 元），已缴 0.00 元，已退 0.00 元；结余：应补 80.00 元"))
        #expect(shown.suffix(3).first == "改动记录：")
        #expect(shown.last?.hasSuffix("会计：班级 三(2)班 → 三(3)班（原因：转班）") == true)
        // A course (start and end) and a teacher: their history too; verify checks the chain of all 5 changes.
        #expect(try run(["edit", "course", "X1", "--start", "16:40", "--end", "17:20", "--note", "调时间", "--db", "t.sqlite"], in: dir).status == 0)
        #expect(try run(["edit", "teacher", "T1", "--name", "王芳", "--note", "姓名录错", "--db", "t.sqlite"], in: dir).status == 0)
        let course = try run(["show", "course", "X1", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(course.out.hasPrefix("课程 X1 美术，拓展课程，任课 T1，星期 1，16:40–17:20，人数上限 30\n改动记录：\n"))
        #expect(course.out.contains("开始时间 16:30 → 16:40（原因：调时间）"))
        let teacher = try run(["show", "teacher", "T1", "--db", "t.sqlite"], in: dir)
        #expect(teacher.out.contains("name 王老师 → 王芳 (why: 姓名录错)"))
        let verify = try run(["verify", "--db", "t.sqlite"], in: dir)
        #expect(verify.out.hasSuffix("hash chain intact; 5 corrections in the history, chain intact\n"), "\(verify.out)")
    }

    @Test func editRefusesWhatMoneyDependsOnAndSaysWhatToDo() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // S1 withdraws from X1 on 09-30: one prepaid lesson left, 20.00 back (refund TK1).
        let withdraw = try run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-30", "--id", "TK1", "--db", "t.sqlite"], in: dir)
        #expect(withdraw.status == 0, "\(withdraw.err)")
        let refused = try run(["edit", "enrollment", "S1", "X1", "--until", "none", "--note", "撤回退课", "--db", "t.sqlite"], in: dir)
        #expect(refused.status == 65)
        #expect(refused.err == """
            --until: the withdrawal TK1 of S1 in X1 is in force, its refund computed from these dates: they cannot change now [conflict]
              | TK1
              fix: undo it first (tuoguan undo --entry TK1 --id NEW-ID --note WHY), make the change, then record the withdrawal again

            """)
        let zh = try run(["edit", "enrollment", "S1", "X1", "--until", "none", "--note", "撤回退课", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.err == """
            --until: S1 在 X1 的退课 TK1 仍然有效，其退费按报名日期计算，不能再改日期 [conflict]
              | TK1
              如何修改：先撤销（tuoguan undo --entry TK1 --id 新编号 --note 原因），改好后再重新登记退课

            """)
        // The history holds the withdrawal's end date.
        let show = try run(["show", "student", "S1", "--db", "t.sqlite"], in: dir)
        #expect(show.out.contains("X1 until (none) → 2024-09-30 (why: 退课，退费 TK1)"), "\(show.out)")
        // No reason, nothing to change, a bad time: usage (64), in the user's language.
        let noNote = try run(["edit", "student", "S1", "--name", "张三", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(noNote.status == 64)
        #expect(noNote.err == "--note: 改动需要说明原因 [usage]\n  如何修改：加上 --note \"原因\"，如 --note \"家长来电更正姓名\"\n")
        let nothing = try run(["edit", "course", "X1", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(nothing.status == 64)
        #expect(nothing.err == "nothing to change was given [usage]\n  fix: give at least one of --name, --teacher, --policy, --weekdays, --start, --end, --capacity\n")
        let time = try run(["edit", "course", "X1", "--start", "4pm", "--note", "x", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(time.err == "--start: 时间“4pm”无法识别，应写成 16:30 [usage]\n")
        let kind = try run(["edit", "teacher", "T1", "--kind", "boss", "--note", "x", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(kind.status == 64)
        #expect(kind.err == "--kind: 教师类型“boss”无法识别 [usage]\n  如何修改：应为 staff（在职）、retired（退休）、outside（校外）或 volunteer（志愿者）\n")
        let grade = try run(["edit", "student", "S1", "--grade", "四年级", "--note", "升级", "--db", "t.sqlite"], in: dir)
        #expect(grade.out.contains("grade 3 → 4 (why: 升级)"))
        let unknown = try run(["edit", "student", "S9", "--name", "x", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(unknown.status == 65)
        #expect(unknown.err.hasPrefix("unknown student \"S9\" [unknown-reference]"))
    }

    @Test func findShowAndTheOwedList() throws {
        let dir = try tempDir()
        try makeOwingSchool(in: dir)
        let find = try run(["find", "张", "--db", "t.sqlite"], in: dir)
        #expect(find.out == "student  S1  张三丰  三(2)班\nreceipt  R1  张三丰  S1 2024-09-02 80.00\n2 found; details: tuoguan show student|receipt|refund ID\n")
        let findZh = try run(["find", "不存在", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(findZh.out == "没有找到含“不存在”的学生、教师、课程、收据或退费\n")
        let receipt = try run(["show", "receipt", "R4", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(receipt.out.hasPrefix("2024-09-03 缴费 R4 30.00 元（微信）\n学生：S4 赵六\n金额大写：叁拾元整\n登记人："))
        let wrongKind = try run(["show", "refund", "R4", "--db", "t.sqlite"], in: dir)
        #expect(wrongKind.status == 64)
        #expect(wrongKind.err == "R4 is a receipt, not a refund [usage]\n  | R4\n  fix: use tuoguan show receipt R4\n")
        let missing = try run(["show", "student", "S9", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(missing.status == 65)
        #expect(missing.err.hasPrefix("账本中没有学号为 S9 的学生 [unknown-reference]"))

        // Who owes (4 held lessons × 20.00 = 80.00 each; S1 paid 80.00, S2 is waived): S3 80.00 (二(1)班,
        // grade 2, first), then 三(2)班 largest first: S4 80.00 − 30.00 = 50.00. Total 130.00.
        let owed = try run(["owed", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(owed.status == 0, "\(owed.err)")
        #expect(owed.out == """
            测试小学 2024-autumn 催缴名单：2 户，共欠缴 130.00 元
            二(1)班（1 户，共 80.00 元）
              S3 王五：欠缴 80.00 元（应缴 80.00，已缴 0.00，已退 0.00）
            三(2)班（1 户，共 50.00 元）
              S4 赵六：欠缴 50.00 元（应缴 80.00，已缴 30.00，已退 0.00）

            """)
        // One class for its teacher; a class that does not exist says so.
        let oneClass = try run(["owed", "--class", "三(2)班", "--db", "t.sqlite"], in: dir)
        #expect(oneClass.out == "测试小学 2024-autumn families who owe: 1, 50.00 in all\n三(2)班 (1, 50.00)\n  S4 赵六: owes 50.00 (due 80.00, paid 30.00, refunded 0.00)\n")
        let noClass = try run(["owed", "--class", "九(9)班", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(noClass.status == 64)
        #expect(noClass.err == "--class: 没有班级“九(9)班” [usage]\n  如何修改：按学生名单中的写法，如：二(1)班、三(2)班\n")
        // S2 loses the waiver: 三(2)班 now S2 80.00 before S4 50.00. The JSON agrees with the statement's balances.
        #expect(try run(["edit", "student", "S2", "--category", "none", "--note", "x", "--db", "t.sqlite"], in: dir).status == 0)
        let json = try run(["owed", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let families = try #require(doc["families"] as? [[String: Any]])
        #expect(families.map { $0["student_id"] as? String } == ["S3", "S2", "S4"])
        #expect(families.map { $0["owed_fen"] as? Int } == [8000, 8000, 5000])
        #expect(doc["total_owed_fen"] as? Int == 21000)
        let statement = try run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        let students = try #require((try JSONSerialization.jsonObject(with: Data(statement.out.utf8)) as? [String: Any])?["students"] as? [[String: Any]])
        let owing = students.filter { ($0["balance_fen"] as? Int ?? 0) > 0 }
        #expect(owing.reduce(0) { $0 + ($1["balance_fen"] as? Int ?? 0) } == 21000)
        let xlsx = try run(["owed", "--xlsx", "--out", "owed.xlsx", "--db", "t.sqlite"], in: dir)
        #expect(xlsx.status == 0, "\(xlsx.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/owed.xlsx"))
        // A receipt reversed: both entries show it, and S4 now owes the whole 80.00.
        #expect(try run(["correct", "--entry", "R4", "--id", "CR4", "--note", "录错", "--db", "t.sqlite"], in: dir).status == 0)
        let reversed = try run(["show", "receipt", "R4", "--db", "t.sqlite"], in: dir)
        #expect(reversed.out.hasPrefix("2024-09-03 payment R4 30.00 (WeChat) — reversed by CR4\n"))
        #expect(reversed.out.hasSuffix("reversed by CR4: it no longer counts\n"))
        let reversal = try run(["show", "receipt", "CR4", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(reversal.out.contains("冲正 CR4 30.00 元（冲销 R4）"), "\(reversal.out)")
        let after = try run(["owed", "--json", "--db", "t.sqlite"], in: dir)
        let afterDoc = try #require(try JSONSerialization.jsonObject(with: Data(after.out.utf8)) as? [String: Any])
        #expect(afterDoc["total_owed_fen"] as? Int == 24000)
    }

    /// With a Chinese locale every line the clerk's commands print, results and errors alike, is Chinese: once
    /// the commands they name (`tuoguan correct --entry …`), flags, ids and the term's id are taken out, no
    /// English word is left.
    @Test func everyLineIsChineseUnderAChineseLocale() throws {
        let dir = try tempDir()
        try makeOwingSchool(in: dir)
        let withdraw = ["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-30", "--id", "TK1", "--by", "会计"]
        #expect(try run(withdraw + ["--db", "t.sqlite"], in: dir).status == 0)
        let commands: [[String]] = [
            ["edit", "student", "S2", "--category", "none", "--note", "证明过期", "--by", "会计"],
            ["edit", "student", "S2", "--category", "none", "--note", "再次", "--by", "会计"],
            ["edit", "course", "X1", "--start", "16:40", "--note", "调时间", "--by", "会计"],
            ["edit", "teacher", "T1", "--kind", "退休", "--note", "退休返聘", "--by", "会计"],
            ["edit", "enrollment", "S4", "X1", "--until", "2024-09-30", "--note", "家长申请", "--by", "会计"],
            ["find", "张"], ["find", "TK"], ["find", "无此人"],
            ["show", "student", "S1"], ["show", "student", "S2"], ["show", "receipt", "R1"], ["show", "refund", "TK1"],
            ["show", "course", "X1"], ["show", "teacher", "T1"], ["owed"], ["owed", "--xlsx", "--out", "催缴.xlsx"], ["verify"],
            // Wrong on purpose.
            ["edit", "student", "S1", "--name", "张三"], ["edit", "student", "S1", "--note", "x"],
            ["edit", "student", "S1", "--grade", "十三", "--note", "x"], ["edit", "student", "S1", "--category", "vip", "--note", "x"],
            ["edit", "enrollment", "S1", "X1", "--until", "none", "--note", "撤回"],
            ["edit", "enrollment", "S3", "X1", "--from", "2024-10-40", "--note", "x"],
            ["edit", "course", "X1", "--weekdays", "9", "--note", "x"], ["edit", "course", "X1", "--teacher", "T9", "--note", "x"],
            ["show", "student", "S9"], ["show", "refund", "R1"], ["show", "receipt", "R9"], ["find", " "],
            ["init", "--rules", "nope", "--db", "n.sqlite"], ["owed", "--json", "--xlsx"],
        ]
        var lines = 0
        for args in commands {
            let r = try run(args + ["--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
            for line in (r.out + r.err).split(separator: "\n") {
                lines += 1
                var rest = String(line)
                // Left out: commands and flags named, ids, the error's code, what the user typed (quoted or
                // under `|`), names of the rules (plans, categories, the term, `none`), file extensions, and
                // the refund's note `退课 withdrawal` (data the withdraw command stores, in both languages), the
                // login name the imports recorded (`clerk` when the environment has none) and the rules file typed.
                for pattern in [
                    #"tuoguan( [-a-zA-Z0-9_|./"…]+)+"#, #"--[a-z-]+"#, #"\b[A-Z]+[0-9]+\b"#, #"\[[a-z-]+\]"#, "“[^”]*”",
                    #"^ *\| .*"#, #"[a-z0-9]+(-[a-z0-9]+)+"#, "left_behind", #"\bnone\b"#, #"\.(sqlite|xlsx|toml)"#, "退课 withdrawal",
                    "登记人：[^，]*", "规则文件 nope",
                ] {
                    rest = rest.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
                }
                #expect(rest.range(of: "[A-Za-z]{3,}", options: .regularExpression) == nil, "\(args): \(line)")
            }
        }
        #expect(lines > 60)
    }

    @Test func versionAndTheBuiltInRulesFromAnyFolder() throws {
        let dir = try tempDir()
        let version = try run(["--version"], in: dir)
        #expect(version.status == 0)
        #expect(version.out.split(separator: ".").count == 3)
        // No rules/ folder here: init and demo use the built-in plans.
        let initialized = try run(["init", "--rules", "one-plus-x", "--db", "x.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(initialized.status == 0, "\(initialized.err)")
        #expect(initialized.out.hasPrefix("（使用内置规则文件 rules/one-plus-x.toml）\n已新建账本 x.sqlite："))
        let missing = try run(["init", "--rules", "nope", "--db", "y.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(missing.status == 66)
        #expect(missing.err.contains("如何修改：用 --rules 指定规则文件的路径，或内置方案之一：city-5plus2、"))
        let demo = try run(["demo", "--students", "30", "--out", "out"], in: dir)
        #expect(demo.status == 0, "\(demo.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasSuffix(".xlsx") }
        #expect(files.count == 6)
    }
}
