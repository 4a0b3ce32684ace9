import Foundation
import Testing

/// `explain` says a withdrawal refund in the unit its rule counted in, end to end through the executable.
@Suite(.serialized) struct EnrolmentEdgeCommandTests {
    /// 40.00 a month × 4, prepaid, withdrawal by half-month; term 2024-09-02 … 12-31, Monday–Friday.
    static let plan = """
        schema = 1
        school = "测试小学"
        term = "2024-autumn"
        starts = 2024-09-02
        ends = 2024-12-31

        [policies.h]
        name = "四点半托"
        billing = "monthly"
        price = "40.00"
        months = 4
        prepay = "term"
        refund = { personal_leave = "none", cancelled = "full", withdrawal = "half_month" }

        [[split.pools]]
        id = "all"
        name = "全部"
        percent = 100
        """

    /// 张三丰 prepays 160.00 and leaves on 10-10: 9/2–15, 9/16–30, 10/1–15 begun, 3 of 8 half-months kept →
    /// 160.00 × 3 ÷ 8 = 60.00, 100.00 back for 5 half-months (not "lessons").
    @Test func withdrawalRefundSpeaksInHalfMonths() throws {
        let cli = CommandTests()
        let dir = try cli.tempDir()
        try cli.write(Self.plan, "plan.toml", in: dir)
        try cli.write("student_id,name,grade,class,category\nS1,张三丰,3,三(2)班,\n", "students.csv", in: dir)
        try cli.write("teacher_id,name,kind\nT1,王老师,staff\n", "teachers.csv", in: dir)
        try cli.write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nH1,托管,h,T1,\"1,2,3,4,5\",15:30,17:00,40\n", "courses.csv", in: dir)
        try cli.write("student_id,course_id,from,until\nS1,H1,2024-09-02,\n", "enrollments.csv", in: dir)
        try cli.write("receipt,student_id,amount,date,method\nR1,S1,160.00,2024-09-02,wechat\n", "payments.csv", in: dir)
        for args in [
            ["init", "--rules", "plan.toml", "--db", "t.sqlite"],
            ["import", "students", "students.csv", "--db", "t.sqlite"],
            ["import", "teachers", "teachers.csv", "--db", "t.sqlite"],
            ["import", "courses", "courses.csv", "--db", "t.sqlite"],
            ["import", "enrollments", "enrollments.csv", "--db", "t.sqlite"],
            ["import", "payments", "payments.csv", "--db", "t.sqlite"],
            ["withdraw", "--student", "S1", "--course", "H1", "--date", "2024-10-10", "--id", "W1", "--db", "t.sqlite"],
        ] {
            let r = try cli.run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        let en = try cli.run(["explain", "--student", "S1", "--db", "t.sqlite", "--lang", "en"], in: dir)
        #expect(en.status == 0, "\(en.err)")
        #expect(en.out.contains("refund W1 2024-10-10 withdrawal (5 half-months) 100.00"), "\(en.out)")
        #expect(!en.out.contains("lessons)"))
        let zh = try cli.run(["explain", "--student", "S1", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(zh.out.contains("退费 W1 2024-10-10 退课（5 个半月） 100.00"), "\(zh.out)")
        // `show student` lists the refund in the same unit.
        let show = try cli.run(["show", "student", "S1", "--db", "t.sqlite", "--lang", "en"], in: dir)
        #expect(show.status == 0, "\(show.err)")
        #expect(show.out.contains(", H1, 5 half-months)"), "\(show.out)")
    }
}
