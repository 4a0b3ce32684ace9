import Foundation
import Testing

/// The first week of term through the real executable: the bill at the start (a prepaid course is owed from
/// the day of enrolment), the timetable from the plan (`schedule`), sessions held as their day passes or as
/// attendance is recorded, substitutes and moved sessions (`edit session`). `TUOGUAN_TODAY` fixes the day.
///
/// The school, by hand: term 2024-09-02 (Mon) … 2024-09-30 (Mon); 中秋 09-16/17 without service; Saturday
/// 09-14 is a make-up day following Monday's timetable.
/// - X1 美术, Mondays 16:30–17:10, T1, 20.00 a lesson prepaid: 09-02, 09-09, 09-14 (make-up), 09-23, 09-30
///   (09-16 is 中秋) = 5 lessons = 100.00.
/// - Y1 书法, Wednesdays 15:30–16:10, T2, 10.00 a lesson prepaid: 09-04, 09-11, 09-18, 09-25 = 4 = 40.00.
/// - S1 张三丰 takes both: 100.00 + 40.00 = 140.00; S2 李四 (留守儿童, X waived) takes X1: 0.00;
///   S3 王五 takes X1 (100.00) and paid 60.00 of it: owes 40.00.
@Suite(.serialized) struct FirstWeekCommandTests {
    static let plan = """
        schema = 1
        school = "测试小学"
        term = "2024-autumn"
        starts = 2024-09-02
        ends = 2024-09-30
        no_service = [{ from = 2024-09-16, to = 2024-09-17, reason = "中秋节" }]
        make_up_days = [{ date = 2024-09-14, follows = 1 }]

        [policies.x]
        name = "拓展课程"
        billing = "per_lesson"
        price = "20.00"
        prepay = "term"
        duty = "activity"

        [policies.y]
        name = "书法"
        billing = "per_lesson"
        price = "10.00"
        prepay = "term"
        duty = "activity"

        [categories.left_behind]
        name = "留守儿童"
        waives = ["x"]

        [points]
        activity = 50

        [[split.pools]]
        id = "all"
        name = "全部"
        percent = 100
        shared_by = "points"

        [notices]
        pay_how = "交班主任"
        pay_by = 2024-09-06
        """

    let cli = CommandTests()

    func makeSchool(plan: String = FirstWeekCommandTests.plan) throws -> String {
        let dir = try cli.tempDir()
        try cli.write(plan, "plan.toml", in: dir)
        try cli.write("student_id,name,grade,class,category\nS1,张三丰,3,三(2)班,\nS2,李四,3,三(2)班,left_behind\nS3,王五,3,三(2)班,\n", "students.csv", in: dir)
        try cli.write("teacher_id,name,kind\nT1,王老师,staff\nT2,李老师,staff\n", "teachers.csv", in: dir)
        try cli.write(
            "course_id,name,policy,teacher_id,weekdays,start,end,capacity\nX1,美术,x,T1,1,16:30,17:10,30\nY1,书法,y,T2,3,15:30,16:10,30\n",
            "courses.csv", in: dir)
        try cli.write("student_id,course_id,from,until\nS1,X1,2024-09-02,\nS1,Y1,2024-09-02,\nS2,X1,2024-09-02,\nS3,X1,2024-09-02,\n", "enrollments.csv", in: dir)
        try cli.write("receipt,student_id,amount,date,method\nR1,S3,60.00,2024-09-02,wechat\n", "payments.csv", in: dir)
        for args in [
            ["init", "--rules", "plan.toml", "--db", "t.sqlite"],
            ["import", "students", "students.csv", "--db", "t.sqlite"],
            ["import", "teachers", "teachers.csv", "--db", "t.sqlite"],
            ["import", "courses", "courses.csv", "--db", "t.sqlite"],
            ["import", "enrollments", "enrollments.csv", "--db", "t.sqlite"],
            ["import", "payments", "payments.csv", "--db", "t.sqlite"],
        ] {
            let r = try cli.run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        return dir
    }

    func run(_ args: [String], _ dir: String, today: String, zh: Bool = false) throws -> CommandTests.Run {
        var env = ["TUOGUAN_TODAY": today]
        if zh { env["LANG"] = "zh_CN.UTF-8" }
        return try cli.run(args + ["--db", "t.sqlite"], in: dir, env: env)
    }

    func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    func student(_ statement: [String: Any], _ id: String) throws -> [String: Any] {
        let students = try #require(statement["students"] as? [[String: Any]])
        return try #require(students.first { $0["student_id"] as? String == id })
    }

    /// A fresh ledger, before any lesson: every family with a prepaid course owes its prepayment.
    @Test func freshLedgerOwesThePrepayment() throws {
        let dir = try makeSchool()
        let owed = try run(["owed", "--json"], dir, today: "2024-09-01")
        #expect(owed.status == 0, "\(owed.err)")
        let doc = try json(owed.out)
        let families = try #require(doc["families"] as? [[String: Any]])
        // S1 140.00; S3 100.00 − 60.00 = 40.00; S2 (waived) owes nothing and is not listed.
        #expect(families.map { $0["student_id"] as? String } == ["S1", "S3"])
        #expect(families.map { $0["owed_fen"] as? Int } == [14000, 4000])
        #expect(families.map { $0["due_fen"] as? Int } == [14000, 10000])
        #expect(families.map { $0["paid_fen"] as? Int } == [0, 6000])
        #expect(doc["total_owed_fen"] as? Int == 18000)  // 140.00 + 40.00

        let zh = try run(["owed"], dir, today: "2024-09-01", zh: true)
        #expect(zh.out.contains("催缴名单：2 户，共欠缴 180.00 元"), "\(zh.out)")
        #expect(zh.out.contains("S3 王五：欠缴 40.00 元（应缴 100.00，已缴 60.00，已退 0.00）"), "\(zh.out)")

        // The statement: nothing held, nothing charged yet; due 140.00, owed 140.00.
        let st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-01").out), "S1")
        #expect(st["charged_fen"] as? Int == 0)
        #expect(st["due_fen"] as? Int == 14000)
        #expect(st["balance_fen"] as? Int == 14000)

        let explain = try run(["explain", "--student", "S1"], dir, today: "2024-09-01", zh: true)
        #expect(explain.out.contains("预缴：另有 5 课时尚未上课，按全学期预缴，本课程应缴 100.00"), "\(explain.out)")
        #expect(explain.out.contains("预缴：另有 4 课时尚未上课，按全学期预缴，本课程应缴 40.00"), "\(explain.out)")
        #expect(explain.out.contains("应缴 140.00 − (已缴 0.00 − 已退 0.00) = 140.00\n应补 140.00 元"), "\(explain.out)")

        // A part payment leaves the rest owed: 100.00 − 60.00 = 40.00.
        let show = try run(["show", "student", "S3"], dir, today: "2024-09-01", zh: true)
        #expect(show.out.contains("应缴 100.00 元（减免 0.00 元），已缴 60.00 元，已退 0.00 元；结余：应补 40.00 元"), "\(show.out)")
        #expect(show.out.contains("已上课应收 0.00 元；尚有 5 节未上，按预缴应缴 100.00 元"), "\(show.out)")

        // The start-of-term notices: one per family with something to pay (S1 140.00, S3 40.00; S2's course is
        // waived: nothing to pay), and with --all one for every family (3).
        let notices = try run(["notices", "--out", "n.xlsx"], dir, today: "2024-09-01")
        #expect(notices.status == 0, "\(notices.err)")
        #expect(notices.out.hasPrefix("wrote n.xlsx: 2 notices"), "\(notices.out)")
        let all = try run(["notices", "--all", "--out", "all.xlsx"], dir, today: "2024-09-01")
        #expect(all.out.hasPrefix("wrote all.xlsx: 3 notices"), "\(all.out)")

        // S1 pays the 140.00 before the term: only S3 is left to chase.
        #expect(try run(["pay", "--receipt", "R2", "--student", "S1", "--amount", "140.00", "--date", "2024-09-01"], dir, today: "2024-09-01").status == 0)
        let after = try json(run(["owed", "--json"], dir, today: "2024-09-01").out)
        #expect((after["families"] as? [[String: Any]])?.map { $0["student_id"] as? String } == ["S3"])
        #expect(after["total_owed_fen"] as? Int == 4000)
    }

    /// A withdrawal mid-term refunds the lessons still to come and leaves the family's balance as it was:
    /// S1 prepaid 140.00; leaves X1 on 09-20 with 09-02, 09-09, 09-14 held → 3 kept (60.00), 2 back (40.00);
    /// due 60.00 + 40.00 (Y1) = 100.00, paid 140.00 − refunded 40.00 = 100.00: settled.
    @Test func withdrawalKeepsTheBalance() throws {
        let dir = try makeSchool()
        #expect(try run(["schedule"], dir, today: "2024-09-01").status == 0)
        #expect(try run(["pay", "--receipt", "R2", "--student", "S1", "--amount", "140.00", "--date", "2024-09-03"], dir, today: "2024-09-03").status == 0)
        let w = try run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-20", "--id", "W1"], dir, today: "2024-09-20")
        #expect(w.status == 0, "\(w.err)")
        let st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-20").out), "S1")
        #expect(st["refunded_fen"] as? Int == 4000)
        #expect(st["due_fen"] as? Int == 10000)
        #expect(st["balance_fen"] as? Int == 0)
    }

    /// `schedule` makes every session from the plan; a session is held once its day has passed or its
    /// attendance is recorded; at term end what is due is what was used (settlement unchanged).
    @Test func timetableFromThePlan() throws {
        let dir = try makeSchool()
        let dry = try run(["schedule", "--dry-run"], dir, today: "2024-09-01", zh: true)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("（试运行，未写入）2 门课程：新排 9 节，删去 0 节"), "\(dry.out)")
        let made = try run(["schedule"], dir, today: "2024-09-01", zh: true)
        #expect(made.out.contains("X1 美术（周一 16:30–17:10，教师 T1）：新排 5 节，未变 0 节，删去 0 节，保留已有记录的 0 节；全学期共 5 节（2024-09-02 至 2024-09-30）"), "\(made.out)")
        #expect(made.out.contains("Y1 书法（周三 15:30–16:10，教师 T2）：新排 4 节"), "\(made.out)")
        #expect(made.out.contains("2 门课程：新排 9 节，删去 0 节"), "\(made.out)")
        // Again: nothing new (the dry run wrote nothing, this run made them once).
        let again = try run(["schedule"], dir, today: "2024-09-01")
        #expect(again.out.contains("2 courses: 0 sessions made, 0 removed"), "\(again.out)")

        // 09-09: X1's 09-02 and Y1's 09-04 have passed (held); X1's 09-09 not yet: S1 20.00 + 10.00 = 30.00.
        var st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-09").out), "S1")
        #expect(st["charged_fen"] as? Int == 3000)
        #expect(st["due_fen"] as? Int == 14000)
        // Attendance recorded on 09-09 makes that session held the same day: 2 × 20.00 + 10.00 = 50.00.
        try cli.write("date,course_id,student_id,status\n2024-09-09,X1,S1,present\n", "att.csv", in: dir)
        let att = try run(["import", "attendance", "att.csv"], dir, today: "2024-09-09")
        #expect(att.status == 0, "\(att.err)")
        st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-09").out), "S1")
        #expect(st["charged_fen"] as? Int == 5000)
        // Longer that day (16:30–17:20, 50 minutes): S1's minutes present are recounted in the same transaction,
        // so `verify`'s full recount (50, not 40) agrees with the tallies.
        let longer = try run(["edit", "session", "X1", "2024-09-09", "--end", "17:20", "--note", "晚下课"], dir, today: "2024-09-09")
        #expect(longer.status == 0, "\(longer.err)")
        #expect(longer.out.contains("session 2024-09-09 end 17:10 → 17:20"), "\(longer.out)")
        #expect(try run(["verify"], dir, today: "2024-09-09").status == 0)

        // After the term every session has passed: due = charged = 140.00 (the prepayment, used in full).
        st = try student(try json(run(["statement", "--json"], dir, today: "2024-10-01").out), "S1")
        #expect(st["charged_fen"] as? Int == 14000)
        #expect(st["due_fen"] as? Int == 14000)
        #expect(try run(["verify"], dir, today: "2024-10-01").status == 0)

        // A course imported into a ledger with a timetable gets its sessions at once: Z1 on Fridays, 09-06 …
        try cli.write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nZ1,围棋,y,T1,5,15:30,16:10,30\n", "more.csv", in: dir)
        #expect(try run(["import", "courses", "more.csv"], dir, today: "2024-09-01").status == 0)
        let z = try run(["schedule", "--course", "Z1", "--dry-run"], dir, today: "2024-09-01")
        #expect(z.out.contains("Z1 围棋 (Fri 15:30–16:10, teacher T1): 0 made, 4 unchanged, 0 removed, 0 with records kept; 4 in the term (2024-09-06 to 2024-09-27)"), "\(z.out)")
    }

    /// A mark entered by hand (`edit attendance`, as the class teacher's page does) on the day of a timetable's
    /// session makes it held that day, as an import does: on 09-09 S1's X1 counts 09-02 and 09-09 (2 × 20.00)
    /// and Y1's 09-04 (10.00) = 50.00. A cancelled day still refuses a mark.
    @Test func aMarkEnteredByHandMakesTheSessionHeld() throws {
        let dir = try makeSchool()
        #expect(try run(["schedule"], dir, today: "2024-09-01").status == 0)
        var st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-09").out), "S1")
        #expect(st["charged_fen"] as? Int == 3000)
        let edit = try run(
            ["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "√", "--note", "班主任录入"], dir, today: "2024-09-09", zh: true)
        #expect(edit.status == 0, "\(edit.err)")
        st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-09").out), "S1")
        #expect(st["charged_fen"] as? Int == 5000)
        #expect(try run(["verify"], dir, today: "2024-09-09").status == 0)
        #expect(try run(["cancel", "--date", "2024-09-11", "--reason", "台风", "--note", "停课通知"], dir, today: "2024-09-10").status == 0)
        let refused = try run(
            ["edit", "attendance", "S1", "Y1", "2024-09-11", "--status", "√", "--note", "补录"], dir, today: "2024-09-12", zh: true)
        #expect(refused.status != 0)
        #expect(refused.err.contains("已停课"), "\(refused.err)")
    }

    /// A substitute takes the points (代课), a moved session keeps its day out of the timetable (调课), a
    /// changed course re-makes only the future sessions with nothing recorded.
    @Test func sessionEdits() throws {
        let dir = try makeSchool()
        #expect(try run(["schedule"], dir, today: "2024-09-01").status == 0)
        // 09-10: X1 09-02, 09-09 held (T1, 2 × 50 points), Y1 09-04 (T2, 50). Earned: S1 2 × 20 + 10 = 50.00,
        // S3 2 × 20 = 40.00, S2 waived: 90.00, shared by points 100 : 50 → T1 60.00, T2 30.00.
        let before = try json(run(["workload", "--json"], dir, today: "2024-09-10").out)
        let teachers = try #require(before["teachers"] as? [[String: Any]])
        #expect(teachers.map { $0["points"] as? Int } == [100, 50])
        #expect(teachers.map { $0["workload_fen"] as? Int } == [6000, 3000])

        let sub = try run(
            ["edit", "session", "X1", "2024-09-09", "--teacher", "T2", "--note", "王老师病假，李老师代课", "--by", "教导处"], dir,
            today: "2024-09-10", zh: true)
        #expect(sub.status == 0, "\(sub.err)")
        #expect(sub.out.contains("已更改 X1 2024-09-09 的课次（记入改动记录）："), "\(sub.out)")
        #expect(sub.out.contains("教导处：课次 2024-09-09 任课教师 T1 → T2（原因：王老师病假，李老师代课）"), "\(sub.out)")
        // The points follow whoever taught: T1 50, T2 100 → 90.00 × 50 / 150 = 30.00 and 60.00.
        let after = try json(run(["workload", "--json"], dir, today: "2024-09-10").out)
        let byId = Dictionary(uniqueKeysWithValues: try #require(after["teachers"] as? [[String: Any]]).map { ($0["teacher_id"] as! String, $0) })
        #expect(byId["T1"]?["points"] as? Int == 50)
        #expect(byId["T2"]?["points"] as? Int == 100)
        #expect(byId["T1"]?["workload_fen"] as? Int == 3000)
        #expect(byId["T2"]?["workload_fen"] as? Int == 6000)
        let history = try run(["show", "course", "X1"], dir, today: "2024-09-10", zh: true)
        #expect(history.out.contains("课次 2024-09-09 任课教师 T1 → T2（原因：王老师病假，李老师代课）"), "\(history.out)")

        // 调课: 09-23 moves to 09-24; the timetable does not make 09-23 again.
        let moved = try run(["edit", "session", "X1", "2024-09-23", "--date", "2024-09-24", "--note", "运动会调课"], dir, today: "2024-09-10")
        #expect(moved.status == 0, "\(moved.err)")
        #expect(moved.out.contains("session 2024-09-23 date 2024-09-23 → 2024-09-24 (why: 运动会调课)"), "\(moved.out)")
        let remade = try run(["schedule", "--course", "X1"], dir, today: "2024-09-10")
        #expect(remade.out.contains("X1 美术 (Mon 16:30–17:10, teacher T1): 0 made, 3 unchanged, 0 removed, 2 with records kept; 5 in the term"), "\(remade.out)")

        // Y1 moves to Thursdays on 09-10: 09-04 (past) stays; 09-11, 09-18, 09-25 go; 09-12, 09-19, 09-26 come.
        #expect(try run(["edit", "course", "Y1", "--weekdays", "4", "--note", "改周四"], dir, today: "2024-09-10").status == 0)
        let gone = try run(["edit", "session", "Y1", "2024-09-11", "--teacher", "T1", "--note", "代课"], dir, today: "2024-09-10")
        #expect(gone.status == 65, "\(gone.err)")
        #expect(gone.err.contains("course Y1 has no session on 2024-09-11"), "\(gone.err)")
        let times = try run(["edit", "session", "Y1", "2024-09-12", "--start", "15:40", "--end", "16:20", "--note", "晚十分钟"], dir, today: "2024-09-10")
        #expect(times.status == 0, "\(times.err)")
        #expect(times.out.contains("session 2024-09-12 start 15:30 → 15:40"), "\(times.out)")
        #expect(try run(["verify"], dir, today: "2024-09-10").status == 0)
    }

    /// A school that made its timetable can still import a sessions file: a scheduled session with nothing
    /// recorded takes what the file says. X1 09-09 cancelled (运动会): S1's X1 is due for 4 lessons, 80.00 +
    /// 40.00 = 120.00. A session with attendance is held: a file cannot mark it cancelled.
    @Test func aSessionsFileOverTheTimetable() throws {
        let dir = try makeSchool()
        #expect(try run(["schedule"], dir, today: "2024-09-01").status == 0)
        try cli.write("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024-09-09,,,,cancelled,运动会\n", "s.csv", in: dir)
        let r = try run(["import", "sessions", "s.csv"], dir, today: "2024-09-01")
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("2 rows read, 2 new"), "\(r.out)")
        let st = try student(try json(run(["statement", "--json"], dir, today: "2024-09-01").out), "S1")
        #expect(st["due_fen"] as? Int == 12000)
        #expect(st["charged_fen"] as? Int == 2000)  // 09-02 held (by the file) × 20.00
        try cli.write("date,course_id,student_id,status\n2024-09-23,X1,S1,present\n", "a.csv", in: dir)
        #expect(try run(["import", "attendance", "a.csv"], dir, today: "2024-09-23").status == 0)
        try cli.write("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-23,,,,cancelled,台风\n", "s2.csv", in: dir)
        let refused = try run(["import", "sessions", "s2.csv"], dir, today: "2024-09-23", zh: true)
        #expect(refused.status == 65)
        // Its attendance made it held: a file saying otherwise is a conflict, as for any session recorded.
        #expect(refused.err.contains("课程 X1 2024年9月23日 的课次 已登记过，内容不同"), "\(refused.err)")
    }

    /// What `edit session` refuses, each with its message and a way out.
    @Test func sessionEditErrors() throws {
        let dir = try makeSchool()
        #expect(try run(["schedule"], dir, today: "2024-09-01").status == 0)
        let noNote = try run(["edit", "session", "X1", "2024-09-09", "--teacher", "T2"], dir, today: "2024-09-10", zh: true)
        #expect(noNote.status == 64)
        #expect(noNote.err.contains("改动需要说明原因"), "\(noNote.err)")
        let nothing = try run(["edit", "session", "X1", "2024-09-09", "--note", "x"], dir, today: "2024-09-10", zh: true)
        #expect(nothing.status == 64)
        #expect(nothing.err.contains("至少给出其中一项：--teacher, --date, --start, --end"), "\(nothing.err)")
        let taken = try run(["edit", "session", "X1", "2024-09-09", "--date", "2024-09-23", "--note", "x"], dir, today: "2024-09-10", zh: true)
        #expect(taken.status == 65)
        #expect(taken.err.contains("课程 X1 在 2024-09-23 已有课次"), "\(taken.err)")
        let outside = try run(["edit", "session", "X1", "2024-09-09", "--date", "2024-10-08", "--note", "x"], dir, today: "2024-09-10", zh: true)
        #expect(outside.err.contains("新日期 2024-10-08 不在本学期（2024-09-02 至 2024-09-30）内"), "\(outside.err)")
        let teacher = try run(["edit", "session", "X1", "2024-09-09", "--teacher", "T9", "--note", "x"], dir, today: "2024-09-10", zh: true)
        #expect(teacher.err.contains("未知的教师“T9”"), "\(teacher.err)")
        let backwards = try run(["edit", "session", "X1", "2024-09-09", "--end", "16:00", "--note", "x"], dir, today: "2024-09-10", zh: true)
        #expect(backwards.err.contains("结束时间 16:00 应晚于开始时间 16:30"), "\(backwards.err)")
        #expect(try run(["cancel", "--date", "2024-09-23", "--reason", "台风"], dir, today: "2024-09-20").status == 0)
        let cancelled = try run(["edit", "session", "X1", "2024-09-23", "--teacher", "T2", "--note", "x"], dir, today: "2024-09-20", zh: true)
        #expect(cancelled.status == 65)
        #expect(cancelled.err.contains("课程 X1 在 2024-09-23 的课次已停课，不能再改"), "\(cancelled.err)")
        #expect(cancelled.err.contains("先撤销停课"), "\(cancelled.err)")
    }

    /// `make_up_days` with `follows`: a weekday that has no service, or an unknown key, is refused at its key.
    @Test func makeUpDayFollowsAServiceWeekday() throws {
        let dir = try cli.tempDir()
        try cli.write(
            Self.plan.replacingOccurrences(of: "{ date = 2024-09-14, follows = 1 }", with: "{ date = 2024-09-14, follows = 6 }"),
            "plan.toml", in: dir)
        let bad = try cli.run(["init", "--rules", "plan.toml", "--db", "t.sqlite"], in: dir)
        #expect(bad.status == 65)
        #expect(bad.err.contains("(make_up_days[0].follows): `follows` is 6, but ISO weekday 6 is not in service_weekdays"), "\(bad.err)")
        try cli.write(
            Self.plan.replacingOccurrences(of: "follows = 1", with: "follow = 1"), "plan2.toml", in: dir)
        let typo = try cli.run(["init", "--rules", "plan2.toml", "--db", "t.sqlite"], in: dir)
        #expect(typo.status == 65)
        #expect(typo.err.contains("(make_up_days[0].follow): unknown key `follow`; did you mean `follows`?"), "\(typo.err)")
    }
}
