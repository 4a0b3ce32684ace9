import Foundation
import Testing

/// Issue 21's two money rules through the real executable: (a) `per_student_hour` counts every lesson by its
/// session's own minutes, however it is used; (b) the `budget` and `outside-share` checks count what the term
/// has committed (spent, plus due and not yet paid), so they never pass because nothing was paid yet.
@Suite(.serialized) struct MoneyRulesCommandTests {
    let cli = CommandTests()

    /// Term 2024-09-02 … 2024-09-30, 中秋 09-16/17 without service: Mondays 09-02, 09-09, 09-23, 09-30 and
    /// Fridays 09-06, 09-13, 09-20, 09-27.
    static let head = """
        schema = 1
        school = "测试小学"
        term = "2024-autumn"
        starts = 2024-09-02
        ends = 2024-09-30
        lesson_minutes = 40
        no_service = [{ from = 2024-09-16, to = 2024-09-17, reason = "中秋节" }]

        """

    func school(_ plan: String, courses: String, enrolments: String, teachers: String = "T1,王老师,staff\n") throws -> String {
        let dir = try cli.tempDir()
        try cli.write(plan, "plan.toml", in: dir)
        try cli.write("student_id,name,grade,class,category\nS1,张三丰,3,三(2)班,\nS2,李四,3,三(2)班,\n", "students.csv", in: dir)
        try cli.write("teacher_id,name,kind\n" + teachers, "teachers.csv", in: dir)
        try cli.write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\n" + courses, "courses.csv", in: dir)
        try cli.write("student_id,course_id,from,until\n" + enrolments, "enrollments.csv", in: dir)
        for args in [
            ["init", "--rules", "plan.toml", "--db", "t.sqlite"],
            ["import", "students", "students.csv", "--db", "t.sqlite"],
            ["import", "teachers", "teachers.csv", "--db", "t.sqlite"],
            ["import", "courses", "courses.csv", "--db", "t.sqlite"],
            ["import", "enrollments", "enrollments.csv", "--db", "t.sqlite"],
            ["schedule", "--db", "t.sqlite"],
        ] {
            let r = try cli.run(args, in: dir, env: ["TUOGUAN_TODAY": "2024-10-01"])
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        return dir
    }

    /// 3.00 per student-hour, settled by use counting absences; 45-minute sessions on Mondays (4, all past on
    /// 10-01). S1: 09-02 present, 09-09 absent, 09-23 on leave, 09-30 not recorded. Used: present 45 + absent
    /// 45 + unrecorded 45 = 135 minutes (not 45 + 40 + 40 = 125 with `lesson_minutes` for the last two) →
    /// 135 × 3.00 ÷ 60 = 6.75.
    @Test func everyLessonCountsItsSessionsMinutes() throws {
        let plan = Self.head + """
            [policies.h]
            name = "托管"
            billing = "per_student_hour"
            price = "3.00"
            settle = "actual_use"
            use = "present_or_absent"

            [[split.pools]]
            id = "all"
            name = "全部"
            percent = 100
            """
        let dir = try school(plan, courses: "H1,托管,h,T1,1,16:30,17:15,30\n", enrolments: "S1,H1,2024-09-02,\n")
        try cli.write(
            "date,course_id,student_id,status\n2024-09-02,H1,S1,present\n2024-09-09,H1,S1,absent\n2024-09-23,H1,S1,leave\n",
            "att.csv", in: dir)
        #expect(try cli.run(["import", "attendance", "att.csv", "--db", "t.sqlite"], in: dir, env: ["TUOGUAN_TODAY": "2024-10-01"]).status == 0)
        let r = try cli.run(["statement", "--json", "--db", "t.sqlite"], in: dir, env: ["TUOGUAN_TODAY": "2024-10-01"])
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let s1 = try #require((doc["students"] as? [[String: Any]])?.first { $0["student_id"] as? String == "S1" })
        let line = try #require((s1["lines"] as? [[String: Any]])?.first)
        #expect(line["quantity"] as? Int == 135)
        #expect(line["charged_fen"] as? Int == 675)
        #expect(try cli.run(["verify", "--db", "t.sqlite"], in: dir, env: ["TUOGUAN_TODAY": "2024-10-01"]).status == 0)
    }

    /// An outside institution paid 100.00 per held lesson teaches on Fridays: 4 held by 10-01 → 400.00 due,
    /// nothing paid. Committed 400.00: outside share 400.00 ÷ 400.00 = 100% > 50% (over by 400.00 − 200.00
    /// = 200.00); per student 400.00 ÷ 2 = 200.00 > the budget of 100.00. Paying 150.00 changes neither.
    @Test func checksCountWhatIsCommitted() throws {
        let plan = Self.head + """
            [policies.o]
            name = "校外机构课程"
            billing = "free"
            outside_institution = true
            outside_pay_per_lesson = "100.00"

            [limits]
            budget_per_student_year = "100.00"
            outside_share_max_percent = 50
            """
        let dir = try school(
            plan, courses: "O1,机器人,o,T3,5,16:30,17:10,30\n", enrolments: "S1,O1,2024-09-02,\nS2,O1,2024-09-02,\n",
            teachers: "T3,某机构,outside\n")
        func findings() throws -> [String: [String: Any]] {
            let r = try cli.run(["check", "--json", "--db", "t.sqlite", "--lang", "zh"], in: dir, env: ["TUOGUAN_TODAY": "2024-10-01"])
            let doc = try #require(JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            let list = try #require(doc["findings"] as? [[String: Any]])
            return Dictionary(uniqueKeysWithValues: list.map { ($0["code"] as! String, $0) })
        }
        var f = try findings()
        #expect(f["outside-share"]?["passed"] as? Bool == false)
        #expect(f["outside-share"]?["actual"] as? String == "100%")
        #expect(
            f["outside-share"]?["message"] as? String
                == "校外机构费用 400.00 元，占总支出 400.00 元的 100%，超过 50%（超出 200.00 元）；已承付 400.00（支出 0.00（资金池 0.00 + 补贴 0.00 + 校外机构 0.00） + 应付未付：补贴 0.00 + 校外机构 400.00）")
        #expect(f["budget"]?["passed"] as? Bool == false)
        #expect(f["budget"]?["actual"] as? String == "200.00")
        let spend = try cli.run(
            ["spend", "--id", "E1", "--pool", "outside", "--amount", "150.00", "--date", "2024-09-30", "--payee", "某机构", "--note", "九月课酬", "--db", "t.sqlite"],
            in: dir, env: ["TUOGUAN_TODAY": "2024-10-01"])
        #expect(spend.status == 0, "\(spend.err)")
        f = try findings()
        #expect(f["outside-share"]?["passed"] as? Bool == false)
        // 150.00 paid + 250.00 due and unpaid = 400.00 committed, as before.
        #expect((f["budget"]?["message"] as? String)?.hasPrefix("已承付 400.00（支出 150.00（资金池 0.00 + 补贴 0.00 + 校外机构 150.00） + 应付未付：补贴 0.00 + 校外机构 250.00）÷ 2 人 = 每生 200.00 元，超过每生每年预算 100.00 元（超出 100.00 元）") == true, "\(f["budget"] ?? [:])")
    }
}
