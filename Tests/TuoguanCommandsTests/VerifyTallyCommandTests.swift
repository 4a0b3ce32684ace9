import Foundation
import GRDB
import Testing

/// `verify` recounts the attendance and compares it with the tallies the term's facts are read from.
@Suite(.serialized) struct VerifyTallyCommandTests {
    /// 张三丰 in H1 (15:30–17:00, 90 minutes), present Sep 2 and on leave Sep 3: the tally is 1/1/0/90/90/0
    /// (present/leave/absent, then the minutes present, on leave and absent).
    @Test func verifyNamesATallyEditedBehindItsBack() throws {
        let cli = CommandTests()
        let dir = try cli.tempDir()
        try cli.write(EnrolmentEdgeCommandTests.plan, "plan.toml", in: dir)
        try cli.write("student_id,name,grade,class,category\nS1,张三丰,3,三(2)班,\n", "students.csv", in: dir)
        try cli.write("teacher_id,name,kind\nT1,王老师,staff\n", "teachers.csv", in: dir)
        try cli.write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nH1,托管,h,T1,\"1,2,3,4,5\",15:30,17:00,40\n", "courses.csv", in: dir)
        try cli.write("student_id,course_id,from,until\nS1,H1,2024-09-02,\n", "enrollments.csv", in: dir)
        try cli.write("course_id,date,start,end,teacher_id,status,reason\nH1,2024-09-02,,,,held,\nH1,2024-09-03,,,,held,\n", "sessions.csv", in: dir)
        try cli.write("date,course_id,student_id,status\n2024-09-02,H1,S1,present\n2024-09-03,H1,S1,leave\n", "attendance.csv", in: dir)
        var steps = [["init", "--rules", "plan.toml", "--db", "t.sqlite"]]
        for kind in ["students", "teachers", "courses", "enrollments", "sessions", "attendance"] {
            steps.append(["import", kind, "\(kind).csv", "--db", "t.sqlite"])
        }
        for args in steps {
            let r = try cli.run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        #expect(try cli.run(["verify", "--db", "t.sqlite"], in: dir).status == 0)
        let queue = try DatabaseQueue(path: dir + "/t.sqlite")
        try queue.write { db in try db.execute(sql: "UPDATE usage_tallies SET leave = 0") }
        try queue.close()
        let en = try cli.run(["verify", "--db", "t.sqlite", "--lang", "en"], in: dir)
        #expect(en.status == 1)
        #expect(
            en.err.contains(
                "the attendance tally of student S1 in course H1 (present/leave/absent/minutes present/on leave/absent) is 1/0/0/90/90/0, a recount of the attendance gives 1/1/0/90/90/0"),
            "\(en.err)")
        let zh = try cli.run(["verify", "--db", "t.sqlite", "--lang", "zh"], in: dir)
        #expect(zh.status == 1)
        #expect(zh.err.contains("学生 S1 在课程 H1 的考勤汇总（出勤/请假/缺勤/出勤分钟/请假分钟/缺勤分钟）为 1/0/0/90/90/0，按考勤记录重新统计为 1/1/0/90/90/0"), "\(zh.err)")
    }
}
