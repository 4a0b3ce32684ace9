import Foundation
import Testing

/// Issue 21, items 5, 6 and 8 through the real executable: `rules show|diff|update` (settings after `init`),
/// `correct --amount` (a payment replaced in one step), and the school's words in one language.
extension CommandTests {
    /// ``rules`` with `extra` lines added at the end and `replacing` pairs applied.
    func rulesText(adding extra: String = "", replacing: [(String, String)] = []) -> String {
        var text = Self.rules
        for (old, new) in replacing {
            precondition(text.contains(old), "the test rules have no \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text + "\n" + extra + "\n"
    }

    // MARK: - Item 5: rules update

    @Test func rulesUpdateAppliesWhatNoMoneyDependsOnAndKeepsTheHistory() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // Three keys no recorded money depends on: the 公示期 contact, the reviewer, the term's name.
        try write(
            rulesText(
                adding: "[disclosure]\ncontact = \"家委会 陈老师\"\n\n[sign_off]\nreviewed_by = \"李建国\"",
                replacing: [("term = \"2024-autumn\"", "term = \"2024-autumn\"\nterm_name = \"2024年秋季学期\"")]),
            "plan2.toml", in: dir)
        let diff = try run(["rules", "diff", "plan2.toml", "--db", "t.sqlite"], in: dir)
        #expect(diff.status == 0, "\(diff.err)")
        #expect(diff.out == """
            plan2.toml changes 3 keys: 3 can be applied, 0 would be refused
              ✓ disclosure.contact: — → 家委会 陈老师
              ✓ sign_off.reviewed_by: — → 李建国
              ✓ term_name: — → 2024年秋季学期

            """)
        // diff changed nothing: the rules in force have no contact yet.
        let before = try run(["rules", "show", "--db", "t.sqlite"], in: dir)
        #expect(!before.out.contains("陈老师"))
        #expect(before.out.hasPrefix("# rules in force: plan.toml (测试小学 2024-autumn), updated 0 times\n"), "\(before.out)")

        let update = try run(["rules", "update", "plan2.toml", "--note", "补公示联系人", "--by", "王会计", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(update.status == 0, "\(update.err)")
        #expect(update.out == """
            已更新规则（3 项，记入改动记录）：
              disclosure.contact: — → 家委会 陈老师
              sign_off.reviewed_by: — → 李建国
              term_name: — → 2024年秋季学期

            """)
        let show = try run(["rules", "show", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(show.out.hasPrefix("# 账本中现行的规则：plan2.toml（测试小学 2024年秋季学期），已更新 1 次\n"), "\(show.out)")
        #expect(show.out.contains("contact = \"家委会 陈老师\""))
        #expect(show.out.contains(" 王会计：disclosure.contact: — → 家委会 陈老师（原因：补公示联系人；文件 plan2.toml）"), "\(show.out)")
        // The next command reads the new rules: the disclosure workbook's title has the term's name.
        let json = try run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        #expect(json.status == 0)
        // The same file again: nothing changed, nothing recorded; the chain of the rules' history verifies.
        let again = try run(["rules", "update", "plan2.toml", "--note", "again", "--db", "t.sqlite"], in: dir)
        #expect(again.out == "plan2.toml gives the rules in force: nothing changed, nothing recorded\n")
        let verify = try run(["verify", "--db", "t.sqlite"], in: dir)
        #expect(verify.status == 0, "\(verify.err)")
        // Without --note: refused, nothing recorded.
        try write(rulesText(adding: "[disclosure]\ncontact = \"财务室\""), "plan3.toml", in: dir)
        let noNote = try run(["rules", "update", "plan3.toml", "--db", "t.sqlite"], in: dir)
        #expect(noNote.status != 0)
        #expect(noNote.err.contains("--note"), "\(noNote.err)")
    }

    @Test func rulesUpdateRefusesWhatWouldRepriceRecordedMoney() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // X1's four lessons are held and R1 (80.00) is paid: the price is what those were charged at.
        // A contact (fine) and a price (refused) together: all or nothing, so the contact is not applied either.
        try write(
            rulesText(adding: "[disclosure]\ncontact = \"财务室\"", replacing: [("price = \"20.00\"", "price = \"25.00\"")]),
            "price.toml", in: dir)
        let refused = try run(["rules", "update", "price.toml", "--note", "涨价", "--db", "t.sqlite"], in: dir)
        #expect(refused.status == 65)
        #expect(refused.err.hasPrefix(
            "policies.x.price: it would re-price recorded money: the courses of policy x (X1) have 4 sessions and their students 1 payments or refunds [conflict]\n  | 20.00 → 25.00\n"),
            "\(refused.err)")
        #expect(refused.err.contains("fix: keep the old value this term; write the new terms as a new policy (e.g. [policies.x2])"))
        let show = try run(["rules", "show", "--db", "t.sqlite"], in: dir)
        #expect(!show.out.contains("财务室") && show.out.contains("price = \"20.00\""))
        let zh = try run(["rules", "update", "price.toml", "--note", "涨价", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.err.hasPrefix("policies.x.price: 会重算已登记的钱：政策 x 的课程（X1）已有 4 节课次、其学生已有 1 笔缴费或退费 [conflict]\n  | 20.00 → 25.00\n  如何修改：本学期保留原值；新的收费写成一个新政策（如 [policies.x2]），用 tuoguan edit course 课程编号 --policy x2 --note 原因 移过尚无记录的课程；或下学期新建账本时再用新值\n"), "\(zh.err)")
        // diff shows both: one applicable, one refused with what to do.
        let diff = try run(["rules", "diff", "price.toml", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(diff.out.hasPrefix("price.toml 改动 2 项：1 项可以生效，1 项会被拒绝\n  ✓ disclosure.contact: — → 财务室\n  ✗ policies.x.price: 20.00 → 25.00\n      拒绝："), "\(diff.out)")

        // A no-service day in the past (2024-09-23 had a lesson; today is after the term): refused with `cancel`.
        try write(
            rulesText(replacing: [("{ date = 2024-09-16, reason = \"中秋节\" } ]", "{ date = 2024-09-16, reason = \"中秋节\" }, { date = 2024-09-23, reason = \"运动会\" } ]")]),
            "day.toml", in: dir)
        let day = try run(["rules", "update", "day.toml", "--note", "运动会", "--db", "t.sqlite"], in: dir)
        #expect(day.status == 65)
        #expect(day.err.contains("no_service 2024-09-23: 2024-09-23 has passed (today is "), "\(day.err)")
        #expect(day.err.contains("fix: record the day with tuoguan cancel --date 2024-09-23 --reason WHY --note NOTE"), "\(day.err)")

        // The split after spending: 1.00 spent from 托管设备 (the pool's printed name), then a share changed.
        // Equipment's share: 5% of the fees earned so far (S1: 4 lessons × 20.00 = 80.00; S2 waived) = 4.00.
        let spend = try run(["spend", "--id", "E1", "--pool", "托管设备", "--amount", "1.00", "--date", "2024-09-20", "--payee", "文具店", "--note", "彩笔", "--db", "t.sqlite"], in: dir)
        #expect(spend.status == 0, "\(spend.err)")
        try write(
            rulesText(replacing: [("percent = 5\n[[split.pools]]\nid = \"equipment\"", "percent = 4\n[[split.pools]]\nid = \"equipment\""), ("id = \"district_levy\"\nname = \"学区提取\"\npercent = 10", "id = \"district_levy\"\nname = \"学区提取\"\npercent = 11")]),
            "split.toml", in: dir)
        let split = try run(["rules", "update", "split.toml", "--note", "改比例", "--db", "t.sqlite"], in: dir)
        #expect(split.status == 65)
        #expect(split.err.hasPrefix("split.pools[2].percent: this key decides how the fee income is split, and 1 expenses were recorded against the split in force [conflict]\n"), "\(split.err)")
        #expect(split.err.contains("split.pools[4].percent:"))
        #expect(split.err.contains("2 errors in all"), "\(split.err)")
        // A pool's printed name is wording: applied after spending too.
        try write(rulesText(replacing: [("name = \"托管设备\"", "name = \"托管设备购置\"")]), "pool-name.toml", in: dir)
        let name = try run(["rules", "update", "pool-name.toml", "--note", "改名", "--db", "t.sqlite"], in: dir)
        #expect(name.out == "rules updated (1 keys, kept in the history):\n  split.pools[3].name: 托管设备 → 托管设备购置\n", "\(name.err)")
        // The term's id is the ledger's own.
        try write(rulesText(replacing: [("term = \"2024-autumn\"", "term = \"2025-spring\"")]), "term.toml", in: dir)
        let term = try run(["rules", "update", "term.toml", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(term.err.hasPrefix("term: this is the ledger's own term id or format and cannot change [conflict]\n"), "\(term.err)")
        // A file that is not a rules file: its own error, at its line.
        try write("schema = 1\nschool = \n", "broken.toml", in: dir)
        let broken = try run(["rules", "diff", "broken.toml", "--db", "t.sqlite"], in: dir)
        #expect(broken.status == 65)
        #expect(broken.err.hasPrefix("broken.toml:2:"), "\(broken.err)")
        let missing = try run(["rules", "diff", "nowhere.toml", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(missing.status == 66, "\(missing.err)")
        #expect(missing.err.hasPrefix("nowhere.toml: 找不到规则文件 nowhere.toml [file-missing]\n  如何修改：检查路径：给出改过的规则文件，如 tuoguan rules diff rules/学校.toml（或内置方案之一："), "\(missing.err)")
    }

    @Test func rulesUpdateAppliesMoneyKeysWhileNothingIsRecordedAndFutureDays() throws {
        let dir = try tempDir()
        // A term still ahead (2090): nothing recorded but the students and the course.
        let future = rulesText(replacing: [
            ("starts = 2024-09-02", "starts = 2090-09-04"), ("ends = 2024-09-30", "ends = 2090-09-29"),
            ("{ date = 2024-09-16, reason = \"中秋节\" }", "{ date = 2090-09-18, reason = \"中秋节\" }"),
        ])
        try write(future, "plan.toml", in: dir)
        try write("student_id,name,grade,class,category\nS1,张三丰,3,三(2)班,\n", "students.csv", in: dir)
        try write("teacher_id,name,kind\nT1,王老师,staff\n", "teachers.csv", in: dir)
        try write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nX1,美术,x,T1,1,16:30,17:10,30\n", "courses.csv", in: dir)
        try write("student_id,course_id,from,until\nS1,X1,2090-09-04,\n", "enrollments.csv", in: dir)
        for args in [
            ["init", "--rules", "plan.toml"], ["import", "students", "students.csv"], ["import", "teachers", "teachers.csv"],
            ["import", "courses", "courses.csv"], ["import", "enrollments", "enrollments.csv"],
        ] {
            let r = try run(args + ["--db", "f.sqlite"], in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        // A price (no session, no payment yet), a day ahead made a no-service day.
        try write(
            future.replacingOccurrences(of: "price = \"20.00\"", with: "price = \"22.00\"")
                .replacingOccurrences(of: "{ date = 2090-09-18, reason = \"中秋节\" }", with: "{ date = 2090-09-18, reason = \"中秋节\" }, { date = 2090-09-25, reason = \"运动会\" }"),
            "plan2.toml", in: dir)
        let update = try run(["rules", "update", "plan2.toml", "--note", "定价", "--db", "f.sqlite"], in: dir)
        #expect(update.out == "rules updated (2 keys, kept in the history):\n  policies.x.price: 20.00 → 22.00\n  no_service 2090-09-25: — → 运动会\n", "\(update.err)")
        // Paid for the term now: Mondays 09-04, 09-11, 09-18 (中秋), 09-25 (运动会): 2 lessons left × 22.00.
        // Another price is refused once a payment is recorded.
        #expect(try run(["pay", "--receipt", "R1", "--student", "S1", "--amount", "44", "--date", "2090-09-04", "--db", "f.sqlite"], in: dir).status == 0)
        try write(future.replacingOccurrences(of: "price = \"20.00\"", with: "price = \"24.00\""), "plan3.toml", in: dir)
        let refused = try run(["rules", "update", "plan3.toml", "--note", "再涨", "--db", "f.sqlite"], in: dir)
        #expect(refused.status == 65)
        #expect(refused.err.contains("policies.x.price: it would re-price recorded money: the courses of policy x (X1) have 0 sessions and their students 1 payments or refunds"), "\(refused.err)")
    }

    @Test func rulesHelpIsChineseUnderZh() throws {
        let dir = try tempDir()
        for command in ["rules", "rules show", "rules diff", "rules update"] {
            let help = try run(command.split(separator: " ").map(String.init) + ["--help"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
            #expect(help.status == 0)
            #expect(SchoolWordsCommandTests.englishSentences(help.out).isEmpty, "\(command): \(SchoolWordsCommandTests.englishSentences(help.out))")
        }
    }

    // MARK: - Item 6: corrections without dead ends

    @Test func correctReplacesAPaymentARefundDependsOnInOneStep() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // The typhoon of 09-30: S1's prepaid lesson of that day comes back, 1 × 20.00 = 20.00 (S2 is waived).
        let cancel = try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir)
        #expect(cancel.status == 0, "\(cancel.err)")
        // R1 should have read 60.00. Reversing it alone would leave 20.00 refunded of 0.00 paid: refused, and
        // the message names the way out, with the least amount that works (the 20.00 refunded).
        let alone = try run(["correct", "--entry", "R1", "--id", "CR1", "--note", "金额录错", "--db", "t.sqlite"], in: dir)
        #expect(alone.status == 65)
        #expect(alone.err.contains("reversing payment R1 would leave refunds exceeding payments by 20.00"), "\(alone.err)")
        #expect(alone.err.contains("fix: if the amount was mistyped, correct it in one step: tuoguan correct --entry R1 --amount RIGHT-AMOUNT --note WHY (the reversal and the new receipt R1-1 are recorded together; the right amount is at least 20.00)"), "\(alone.err)")
        let one = try run(["correct", "--entry", "R1", "--amount", "60.00", "--note", "金额录错", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(one.status == 0, "\(one.err)")
        #expect(one.out == "已更正 R1：冲正 CR-R1（80.00 元），新收据 R1-1（60.00 元），学生 S1\n")
        // S1: charged 3 held lessons × 20.00 = 60.00 (09-30 cancelled); paid 60.00; refunded 20.00;
        // balance 60.00 − (60.00 − 20.00) = 20.00 to pay.
        let s1 = try student("S1", in: dir)
        #expect(s1["paid_fen"] as? Int == 6000 && s1["refunded_fen"] as? Int == 2000)
        #expect(s1["charged_fen"] as? Int == 6000 && s1["balance_fen"] as? Int == 2000)
        // The same command again: nothing recorded.
        let again = try run(["correct", "--entry", "R1", "--amount", "60.00", "--note", "金额录错", "--db", "t.sqlite"], in: dir)
        #expect(again.out == "R1 was already corrected (reversal CR-R1, new receipt R1-1); nothing changed\n")
        // Below what was refunded: refused, saying the least.
        let low = try run(["correct", "--entry", "R1-1", "--amount", "10", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(low.status == 65)
        #expect(low.err.contains("reversing payment R1-1 would leave refunds exceeding payments by 10.00"), "\(low.err)")
        #expect(low.err.contains("the right amount is at least 20.00"))
        // The corrected receipt corrected again: R1-1 → R1-2.
        let twice = try run(["correct", "--entry", "R1-1", "--amount", "70", "--note", "又错了", "--db", "t.sqlite"], in: dir)
        #expect(twice.out == "corrected R1-1: reversal CR-R1-1 (60.00), new receipt R1-2 (70.00), student S1\n", "\(twice.err)")
        #expect(try student("S1", in: dir)["paid_fen"] as? Int == 7000)
        // What --amount cannot do, each with its message.
        let refund = try run(["correct", "--entry", "CX-2024-09-30-S1-X1", "--amount", "10", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(refund.status == 65)
        #expect(refund.err == """
            --entry: --amount corrects a payment's amount; refund CX-2024-09-30-S1-X1 belongs to the withdrawal or cancellation CX-2024-09-30 [bad-input]
              | CX-2024-09-30-S1-X1
              fix: take the event back whole with tuoguan undo --entry CX-2024-09-30 --id NEW-ID --note WHY, and record it again if needed

            """, "\(refund.err)")
        let receipt = try run(["correct", "--entry", "R1-1", "--amount", "70", "--receipt", " R7", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(receipt.err.hasPrefix("--receipt: the receipt is empty or has surrounding spaces: \" R7\""), "\(receipt.err)")
        let unknown = try run(["correct", "--entry", "R9", "--amount", "10", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(unknown.err.hasPrefix("--entry: no payment with receipt \"R9\" in the ledger [unknown-reference]"), "\(unknown.err)")
        let same = try run(["correct", "--entry", "R1-2", "--amount", "70.00", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(same.status == 65)
        #expect(same.err.hasPrefix("--amount: receipt R1-2 is already 70.00: nothing to correct [bad-input]"), "\(same.err)")
        let zero = try run(["correct", "--entry", "R1-2", "--amount", "0", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(zero.err.hasPrefix("--amount: the corrected payment must be more than zero: 0.00"), "\(zero.err)")
        let neither = try run(["correct", "--entry", "R1-2", "--note", "x", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(neither.status == 64)
        #expect(neither.err.contains("请给出 --id（冲正编号），或用 --amount 给出缴费的正确金额，例：tuoguan correct --entry R1-2 --amount 720.00 --note 原因"), "\(neither.err)")
        #expect(try run(["verify", "--db", "t.sqlite"], in: dir).status == 0)
    }

    /// One student's row of `statement --json`.
    func student(_ id: String, in dir: String) throws -> [String: Any] {
        let json = try run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let students = try #require(doc["students"] as? [[String: Any]])
        return try #require(students.first { $0["student_id"] as? String == id })
    }

    // MARK: - Item 8: the school's words, one language

    @Test func repeatedCancelSaysNothingWasDone() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let zh = ["LANG": "zh_CN.UTF-8"]
        let first = try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir, env: zh)
        // S1's one prepaid lesson, 20.00; S2 is waived (nothing paid, nothing back).
        #expect(first.out.hasSuffix("2024-09-30 停课 1 节，退费 1 笔，共 20.00 元\n"), "\(first.out)")
        let second = try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(second.status == 0)
        #expect(second.out.hasSuffix("2024-09-30 已停课过（当时退费 1 笔，共 20.00 元）：这次什么都没有做\n"), "\(second.out)")
        #expect(try student("S1", in: dir)["refunded_fen"] as? Int == 2000)
    }

    @Test func schoolWordsClassesPoolsCategoriesAndCourseNames() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // Full-width brackets and spaces are the same class; 无 is no category; a course's name for its id.
        try write(
            "student_id,name,grade,class,category\nS5,赵一,1,一（1）班,无\nS6,钱二,2,二(2)班,\nS7,孙三,1,一 (10) 班,\nS8,李四,1,一(2)班,\n",
            "more.csv", in: dir)
        try write("student_id,course_id,from,until\nS5,美术,2024-09-02,\nS6,X1,2024-09-02,\nS7,X1,2024-09-02,\nS8,X1,2024-09-02,\n", "more-enrol.csv", in: dir)
        let students = try run(["import", "students", "more.csv", "--db", "t.sqlite"], in: dir)
        #expect(students.status == 0, "\(students.err)")
        let enrol = try run(["import", "enrollments", "more-enrol.csv", "--db", "t.sqlite"], in: dir)
        #expect(enrol.status == 0, "\(enrol.err)")
        let show = try run(["show", "student", "S5", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(show.out.hasPrefix("学生 S5 赵一，1 年级，一(1)班，类别：无\n"), "\(show.out)")
        #expect(show.out.contains("X1 美术"))
        // owed: by grade then class number; each of the four owes 4 held lessons × 20.00 = 80.00.
        let owed = try run(["owed", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        let classes = owed.out.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
        let order = ["一(1)班", "一(2)班", "一(10)班", "二(2)班"].compactMap { c in classes.firstIndex { $0.contains(c) } }
        #expect(order.count == 4 && order == order.sorted(), "\(owed.out)")
        let one = try run(["owed", "--class", "一（1）班", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(one.status == 0 && one.out.contains("S5 赵一：欠缴 80.00 元"), "\(one.out)\(one.err)")
        // An unknown category still lists what is accepted, 无 among it.
        try write("student_id,name,grade,class,category\nS9,周九,1,一(1)班,特困\n", "bad.csv", in: dir)
        let bad = try run(["import", "students", "bad.csv", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(bad.status == 65)
        #expect(bad.err.contains("类别“特困”不在规则中，应为：left_behind（或留空、写“无”）"), "\(bad.err)")
        // A pool named neither by id nor by name: the list gives both.
        let pool = try run(["spend", "--id", "E9", "--pool", "设备", "--amount", "1", "--date", "2024-09-20", "--payee", "店", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(pool.status == 65)
        #expect(pool.err.contains("托管设备（equipment）"), "\(pool.err)")
    }

    @Test func checkPrintsItsSummaryAndFailures() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let check = try run(["check", "--db", "t.sqlite", "--out", "c.xlsx", "--lang", "zh"], in: dir)
        #expect(check.status == 0, "\(check.err)")
        let json = try run(["check", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let failed = findings.filter { $0["passed"] as? Bool == false }
        let lines = check.out.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("已写入 c.xlsx") })
        let summary = failed.isEmpty ? "\(findings.count) 项检查，全部通过" : "\(findings.count) 项检查，\(failed.count) 项未通过："
        #expect(lines.contains(summary), "\(check.out)")
        #expect(lines.filter { $0.hasPrefix("  ✗ ") }.count == failed.count)
    }
}

extension CommandTests {
    /// A session recorded as held and a row that says cancelled: the conflict names both in the school's words.
    @Test func sessionConflictInTheSchoolsWords() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        try write("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,16:30,17:10,T1,停课,台风\n", "s2.csv", in: dir)
        let zh = try run(["import", "sessions", "s2.csv", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 65)
        #expect(zh.err.contains("状态 账本中为“已上课”，本行为“停课”"), "\(zh.err)")
        #expect(!zh.err.contains("held"), "\(zh.err)")
        let en = try run(["import", "sessions", "s2.csv", "--db", "t.sqlite"], in: dir)
        #expect(en.err.contains("status: ledger has \"held\", this row has \"cancelled\""), "\(en.err)")
    }
}

extension CommandTests {
    /// Refusals that used to end there now say what to do.
    @Test func refusalsNameAWayOut() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let db = ["--db", "t.sqlite"]
        #expect(try run(["correct", "--entry", "R1", "--id", "CR1", "--note", "重复"] + db, in: dir).status == 0)
        let twice = try run(["correct", "--entry", "R1", "--id", "CR2", "--note", "again"] + db, in: dir)
        #expect(twice.status == 65)
        #expect(twice.err.contains("\"R1\" was already reversed by \"CR1\""), "\(twice.err)")
        #expect(twice.err.contains("fix: it no longer counts; record what should stand under a new id (tuoguan show receipt R1 shows it)"), "\(twice.err)")
        // S1 paid again (R2, 80.00), withdrew on 09-30 (one prepaid lesson back, 20.00), undone, undone again.
        #expect(try run(["pay", "--receipt", "R2", "--student", "S1", "--amount", "80", "--date", "2024-09-02"] + db, in: dir).status == 0)
        #expect(try run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-30", "--id", "TK1"] + db, in: dir).status == 0)
        #expect(try run(["undo", "--entry", "TK1", "--id", "UD1", "--note", "撤回"] + db, in: dir).status == 0)
        let undo = try run(["undo", "--entry", "TK1", "--id", "UD2", "--note", "撤回"] + db, in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(undo.status == 65)
        #expect(undo.err.contains("如何修改：它已不起作用；需要时以新编号重新登记退课或停课（tuoguan withdraw / cancel --id 新编号）"), "\(undo.err)")
    }
}

extension CommandTests {
    /// `demo` and `generate` under zh: every line in Chinese (the import kinds by their Chinese names, 用时 in 秒).
    @Test func demoAndGenerateSpeakChinese() throws {
        let dir = try tempDir()
        let zh = ["LANG": "zh_CN.UTF-8"]
        let generate = try run(["generate", "--students", "3", "--days", "2", "--out", "g"], in: dir, env: zh)
        #expect(generate.status == 0, "\(generate.err)")
        let kinds = generate.out.split(separator: "\n").map { String($0.split(separator: "\t").first ?? "") }
        #expect(kinds.first == "学生" && kinds.contains("考勤") && kinds.contains("缴费"), "\(generate.out)")
        #expect(generate.err.hasPrefix("已生成 3 名学生，用时 ") && generate.err.hasSuffix(" 秒\n"), "\(generate.err)")
        let demo = try run(["demo", "--out", "d"], in: dir, env: zh)
        #expect(demo.status == 0, "\(demo.err)")
        let lines = demo.out.split(separator: "\n").map(String.init)
        #expect(lines.first == "导入学生：360 行", "\(demo.out)")
        #expect(lines.last?.hasSuffix(" 秒") == true, "\(demo.out)")
        #expect(SchoolWordsCommandTests.englishSentences(demo.out).isEmpty, "\(SchoolWordsCommandTests.englishSentences(demo.out))")
        #expect(!demo.out.contains("students") && !demo.out.contains("0s"), "\(demo.out)")
    }
}
