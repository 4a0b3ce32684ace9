import Foundation
import Testing

/// Attendance never lost, and correctable (issue 21, items 3 and 4), through the real executable: the class
/// teacher's sheet in every date form and workbook shape, no import that reads rows and records nothing,
/// `edit attendance` and `import attendance --replace` (history, tallies, the money following, refusals
/// naming the way out), names checked against ids, and the old `.xls` format named.
///
/// The school is ``CommandTests/makeSchool(in:)``: X1 美术 meets on 09-02, 09-09, 09-23 and 09-30 (all held);
/// S1 张三丰 is present 09-02, on leave 09-09, present 09-23, unmarked 09-30, and prepaid 80.00; S2 李四
/// (留守儿童, waived) is present on the first three.
@Suite(.serialized) struct AttendanceCorrectionCommandTests {
    let cli = CommandTests()
    let zh = ["LANG": "zh_CN.UTF-8"]
    static let fixtures = CommandTests.root.appendingPathComponent("Tests/TuoguanCommandsTests/Fixtures/class-sheets").path

    /// The school of ``CommandTests/makeSchool(in:)`` under its rules with `settle` and `prepay` of X1 as
    /// given (the ledger made again from the same files).
    func school(settle: String = "none", prepay: String = "term", leave: String = "none") throws -> String {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        guard settle != "none" || prepay != "term" || leave != "none" else { return dir }
        try FileManager.default.removeItem(atPath: dir + "/t.sqlite")
        let rules = CommandTests.rules.replacingOccurrences(of: "settle = \"none\"", with: "settle = \"\(settle)\"")
            .replacingOccurrences(of: "prepay = \"term\"", with: "prepay = \"\(prepay)\"")
            .replacingOccurrences(of: "personal_leave = \"none\"", with: "personal_leave = \"\(leave)\"")
        try cli.write(rules, "plan.toml", in: dir)
        #expect(try cli.run(["init", "--rules", "plan.toml", "--db", "t.sqlite"], in: dir).status == 0)
        for kind in ["students", "teachers", "courses", "enrollments", "sessions", "attendance", "payments"] {
            let r = try cli.run(["import", kind, "\(kind).csv", "--db", "t.sqlite"], in: dir)
            #expect(r.status == 0, "\(kind): \(r.err)")
        }
        return dir
    }

    func charged(_ student: String, in dir: String) throws -> (charged: Int, balance: Int) {
        let r = try cli.run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let s = try #require((doc["students"] as? [[String: Any]])?.first { $0["student_id"] as? String == student })
        return (try #require(s["charged_fen"] as? Int), try #require(s["balance_fen"] as? Int))
    }

    // MARK: - The class teacher's sheet

    /// ISO dates, `2024/9/9`, `9-23`, `9.30` and weekday suffixes, under a title row: each column a date. The
    /// first three columns repeat what is recorded (6 marks unchanged); 09-30 is new for both (2 new).
    @Test func everyDateFormUnderATitleRow() throws {
        let dir = try school()
        try cli.write(
            "三(2)班 美术 考勤表\n学号,姓名,2024-09-02,2024/9/9(一),9-23 周一,9.30\nS1,张三丰,√,假,√,√\nS2,李四,√,√,√,×\n", "wide.csv", in: dir)
        let r = try cli.run(["import", "attendance", "wide.csv", "--db", "t.sqlite", "--course", "X1"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("imported attendance: 2 rows read, 2 new, 6 unchanged"), "\(r.out)")
        #expect(!r.err.contains("ignored"), "the 姓名 column is read, not ignored: \(r.err)")
        // `9月30日 周二` is the wrong weekday's name but still 09-30; `9/23（周一）` the same: all recorded already.
        try cli.write("学号,姓名,9/23（周一）,9月30日 周二\nS1,张三丰,√,√\nS2,李四,√,×\n", "again.csv", in: dir)
        let again = try cli.run(["import", "考勤", "again.csv", "--db", "t.sqlite", "--course", "美术"], in: dir, env: zh)
        #expect(again.status == 0, "\(again.err)")
        #expect(again.out.hasPrefix("考勤：全部 2 行都已登记过，内容相同，本次没有新增（重复导入不会重复登记）"), "\(again.out)")
    }

    /// Dates written with their year only (`2024-09-30`, `2024/9/30`), no title row: before, the search for a
    /// header took the rows with it and the file imported as `0 rows read, 0 new`, exit 0. Now both rows are
    /// read: 09-30 of S1 and S2 new (2), and the rest of the term's file as before.
    @Test func datesWithTheirYearOnly() throws {
        let dir = try school()
        try cli.write("学号,姓名,2024-09-23,2024/9/30\nS1,张三丰,√,√\nS2,李四,√,×\n", "iso.csv", in: dir)
        let r = try cli.run(["import", "考勤", "iso.csv", "--course", "X1", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 0, "\(r.err)")
        // 4 marks: 09-23 recorded already for both (2 unchanged), 09-30 new for both (2 new).
        #expect(r.out.hasPrefix("已导入考勤：读取 2 行，新增 2 条，未变 2 条"), "\(r.out)")
    }

    /// A workbook with a sheet a class, a title row on each and the dates as Excel date cells (serial numbers
    /// 45537, 45544, 45558, 45565 = 09-02, 09-09, 09-23, 09-30 with the format m/d): every sheet is read;
    /// `--sheet` picks one. Each sheet has one student: the 09-30 mark is new, the other three are recorded.
    @Test func workbookOfClassesWithDateCells() throws {
        let dir = try school()
        try FileManager.default.copyItem(atPath: Self.fixtures + "/考勤-两个班.xlsx", toPath: dir + "/考勤.xlsx")
        let one = try cli.run(["import", "attendance", "考勤.xlsx", "--sheet", "二班", "--db", "t.sqlite", "--dry-run"], in: dir)
        #expect(one.status == 0, "\(one.err)")
        // Sheet 二班 alone: S2's 4 marks, 09-30 new (1), three unchanged.
        #expect(one.out.hasPrefix("would import (dry run, nothing changed) attendance: 1 rows read, 1 new, 3 unchanged"), "\(one.out)")
        let all = try cli.run(["import", "考勤", "考勤.xlsx", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(all.status == 0, "\(all.err)")
        // Both sheets: 2 students, 2 new (09-30 of each), 6 unchanged.
        #expect(all.out.hasPrefix("已导入考勤：读取 2 行，新增 2 条，未变 6 条"), "\(all.out)")
        let missing = try cli.run(["import", "考勤", "考勤.xlsx", "--sheet", "三班", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(missing.status == 64)
        #expect(missing.err.hasPrefix("--sheet: 工作簿中没有名为“三班”的工作表（现有：一班、二班） [usage]"), "\(missing.err)")
        let csv = try cli.run(["import", "考勤", "attendance.csv", "--sheet", "一班", "--db", "t.sqlite"], in: dir)
        #expect(csv.status == 64)
        #expect(csv.err.hasPrefix("--sheet: --sheet is for .xlsx workbooks only [usage]"), "\(csv.err)")
    }

    /// A header that means a date and is none (`13/45`) is refused at its cell, with the forms that are read.
    @Test func aHeaderThatIsNoDate() throws {
        let dir = try school()
        try cli.write("学号,姓名,9月2日,13/45\nS1,张三丰,√,√\n", "bad.csv", in: dir)
        let r = try cli.run(["import", "考勤", "bad.csv", "--course", "X1", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(r.err.hasPrefix("bad.csv:1:12: 表头“13/45”不是日期，应写成 9月2日、9/2、2024-09-02 或 2024/9/2 [bad-input]"), "\(r.err)")
    }

    /// Students under the dates and not one mark: refused, saying what was expected (before: `读取 2 行，新增 0
    /// 条`, exit 0).
    @Test func aSheetWithoutMarksIsRefused() throws {
        let dir = try school()
        try cli.write("学号,姓名,9月2日,9月9日\nS1,张三丰,,\nS2,李四,,\n", "empty.csv", in: dir)
        let r = try cli.run(["import", "考勤", "empty.csv", "--db", "t.sqlite", "--course", "X1"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(
            r.err.hasPrefix(
                "empty.csv:1:1: 考勤表有 2 行学生，但日期列下没有一格填写，没有登记任何考勤 [bad-input]\n  如何修改：在日期列下填 √（出勤）、假（请假）或 ×（缺勤）"),
            "\(r.err)")
        let en = try cli.run(["import", "attendance", "empty.csv", "--db", "t.sqlite", "--course", "X1"], in: dir)
        #expect(en.err.hasPrefix("empty.csv:1:1: the attendance sheet has 2 rows of students but not one mark under its dates"), "\(en.err)")
    }

    /// The same file again is not an error: every row recorded already, said so (exit 0), in both languages.
    @Test func aRepeatedImportSaysAllAlreadyRecorded() throws {
        let dir = try school()
        let en = try cli.run(["import", "attendance", "attendance.csv", "--db", "t.sqlite"], in: dir)
        #expect(en.status == 0)
        #expect(en.out.hasPrefix("attendance: all 6 rows already recorded, the same: nothing new"), "\(en.out)")
        let payments = try cli.run(["import", "缴费", "payments.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(payments.status == 0)
        #expect(payments.out.hasPrefix("缴费：全部 1 行都已登记过，内容相同"), "\(payments.out)")
    }

    // MARK: - A wrong mark, corrected

    /// A different mark for a recorded one names both ways to correct it, in Chinese words.
    @Test func aDifferentMarkNamesTheCorrection() throws {
        let dir = try school()
        try cli.write("date,course_id,student_id,status\n2024-09-09,X1,S1,present\n", "fix.csv", in: dir)
        let r = try cli.run(["import", "考勤", "fix.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(
            r.err.hasPrefix(
                """
                fix.csv:2:18: 学生 S1 在 2024-09-09 课程 X1 的考勤已登记为“请假”，本行为“出勤” [conflict]
                  | present
                  如何修改：如本行是更正：加 --replace --note 原因 重新导入（逐条列出改动），或 tuoguan edit attendance S1 X1 2024-09-09 --status 出勤 --note 原因
                """), "\(r.err)")
        let en = try cli.run(["import", "attendance", "fix.csv", "--db", "t.sqlite"], in: dir)
        #expect(en.err.contains("is already recorded as leave; this row has present [conflict]"), "\(en.err)")
        #expect(en.err.contains("fix: if this row is a correction: import again with --replace --note WHY"), "\(en.err)")
    }

    /// `edit attendance` under settlement by use: S1 used 09-02, 09-23 (present) and 09-30 (held, unmarked) =
    /// 3 × 20.00 = 60.00 of the 80.00 paid (应退 20.00). 09-09 leave → present: 4 × 20.00 = 80.00, settled.
    /// The history keeps it; the tallies agree with a recount (`verify`).
    @Test func editAttendanceAndTheMoneyFollows() throws {
        let dir = try school(settle: "actual_use")
        #expect(try charged("S1", in: dir) == (6000, -2000))
        let r = try cli.run(
            ["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "到", "--note", "假条作废", "--by", "王老师", "--db", "t.sqlite"],
            in: dir, env: zh)
        #expect(r.status == 0, "\(r.err)")
        #expect(
            r.out == """
                已更正考勤（记入改动记录）：
                  S1 张三丰 X1 2024-09-09：请假 → 出勤
                  S1 的费用随之重算：应收 60.00 → 80.00 元，结余 应退 20.00 元 → 已结清

                """)
        #expect(try charged("S1", in: dir) == (8000, 0))
        let same = try cli.run(["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "present", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(same.out == "the mark of S1 in X1 on 2024-09-09 is already so: nothing changed, nothing recorded\n")
        let show = try cli.run(["show", "student", "S1", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(show.out.contains("王老师：X1 的考勤（2024-09-09） 请假 → 出勤（原因：假条作废）"), "\(show.out)")
        #expect(show.out.contains("出勤 3、请假 0、缺勤 0、未记 1"), "\(show.out)")
        // Removed (`--status 无`): 09-09 becomes held and unmarked, still used under actual_use: 80.00 stays.
        let removed = try cli.run(["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "无", "--note", "误记", "--db", "t.sqlite"], in: dir)
        #expect(removed.out.contains("S1 张三丰 X1 2024-09-09: present → (no mark)"), "\(removed.out)")
        #expect(removed.out.contains("the figures of S1 do not change"), "\(removed.out)")
        // Added where there was none: 09-30 absent → not used: 3 × 20.00 = 60.00 again.
        let added = try cli.run(["edit", "attendance", "S1", "X1", "2024-09-30", "--status", "×", "--note", "补记", "--db", "t.sqlite"], in: dir)
        #expect(added.out.contains("S1 张三丰 X1 2024-09-30: (no mark) → absent"), "\(added.out)")
        #expect(try charged("S1", in: dir) == (6000, -2000))
        let verify = try cli.run(["verify", "--db", "t.sqlite"], in: dir)
        #expect(verify.status == 0, "\(verify.out)\(verify.err)")
    }

    /// Each refusal of `edit attendance`, with its message and the way out.
    @Test func editAttendanceRefusals() throws {
        let dir = try school()
        func edit(_ args: [String], zh: Bool = false) throws -> CommandTests.Run {
            try cli.run(["edit", "attendance"] + args + ["--db", "t.sqlite"], in: dir, env: zh ? self.zh : [:])
        }
        let word = try edit(["S1", "X1", "2024-09-09", "--status", "迟迟", "--note", "x"], zh: true)
        #expect(word.status == 64)
        #expect(word.err.hasPrefix("--status: 考勤状态“迟迟”无法识别 [usage]"), "\(word.err)")
        #expect(word.err.contains("如何修改：应为 出勤（√、到）、请假（假）、缺勤（×、缺），或 无（删去这条考勤）"), "\(word.err)")
        let note = try edit(["S1", "X1", "2024-09-09", "--status", "present"])
        #expect(note.status == 64)
        #expect(note.err.hasPrefix("--note: a correction needs a reason [usage]"), "\(note.err)")
        let day = try edit(["S1", "X1", "2024-09-10", "--status", "present", "--note", "x"], zh: true)
        #expect(day.status == 65)
        #expect(day.err.hasPrefix("课程 X1 在 2024-09-10 没有课次 [unknown-reference]"), "\(day.err)")
        #expect(day.err.contains("如何修改：核对日期（tuoguan show course X1 列出课次），或先导入该课次"), "\(day.err)")
        let date = try edit(["S1", "X1", "9月40日", "--status", "present", "--note", "x"])
        #expect(date.status == 64)
        #expect(date.err.contains("date \"9月40日\" is not valid: write it like 2024-09-03"), "\(date.err)")
        // S3 王五 joins X1 on 09-23: a mark on 09-09 is outside the enrolment; S4 赵六 does not take X1 at all.
        try cli.write("student_id,name,grade,class,category\nS3,王五,3,三(2)班,\nS4,赵六,3,三(2)班,\n", "more.csv", in: dir)
        try cli.write("student_id,course_id,from,until\nS3,X1,2024-09-23,\n", "late.csv", in: dir)
        #expect(try cli.run(["import", "students", "more.csv", "--db", "t.sqlite"], in: dir).status == 0)
        #expect(try cli.run(["import", "enrollments", "late.csv", "--db", "t.sqlite"], in: dir).status == 0)
        let early = try edit(["S3", "X1", "2024-09-09", "--status", "√", "--note", "x"], zh: true)
        #expect(early.status == 65)
        #expect(early.err.hasPrefix("S3 在 2024-09-09 不在课程 X1 的报名期内（2024-09-23 起） [conflict]"), "\(early.err)")
        #expect(early.err.contains("如何修改：核对日期；如报名日期有误，先 tuoguan edit enrollment S3 X1 --from 日期 --note 原因"), "\(early.err)")
        let notTaking = try edit(["S4", "X1", "2024-09-09", "--status", "√", "--note", "x"])
        #expect(notTaking.status == 65)
        #expect(notTaking.err.hasPrefix("student S4 is not enrolled in course X1 [unknown-reference]"), "\(notTaking.err)")
        // 09-30 cancelled (typhoon): no attendance on it.
        #expect(try cli.run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir).status == 0)
        let cancelled = try edit(["S1", "X1", "2024-09-30", "--status", "present", "--note", "x"])
        #expect(cancelled.status == 65)
        #expect(cancelled.err.hasPrefix("the session of X1 on 2024-09-30 was cancelled: it has no attendance [conflict]"), "\(cancelled.err)")
    }

    /// A withdrawal in force: its refund was computed from the marks, so they cannot change; the message
    /// names undo, and after undo the correction goes through. And the way out `withdraw` names (a mark on or
    /// after the date removed by `edit attendance --status 无`) works.
    @Test func aWithdrawalInForceAndTheWayOut() throws {
        let dir = try school()
        // S1's last mark is 09-23: a withdrawal dated 09-23 is refused, naming the mark's removal.
        let early = try cli.run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-23", "--id", "TK1", "--db", "t.sqlite"], in: dir)
        #expect(early.status == 65)
        #expect(early.err.contains("remove it first (tuoguan edit attendance S1 X1 2024-09-23 --status none --note WHY), then withdraw"), "\(early.err)")
        #expect(try cli.run(["edit", "attendance", "S1", "X1", "2024-09-23", "--status", "none", "--note", "误记", "--db", "t.sqlite"], in: dir).status == 0)
        let withdraw = try cli.run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-23", "--id", "TK1", "--db", "t.sqlite"], in: dir)
        #expect(withdraw.status == 0, "\(withdraw.err)")
        let refused = try cli.run(
            ["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "present", "--note", "x", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(refused.status == 65)
        #expect(
            refused.err == """
                S1 在 X1 的退课 TK1 仍然有效，其退费按当时的考勤计算，2024-09-09 的考勤不能再改 [conflict]
                  | S1 X1 2024-09-09
                  如何修改：先撤销退课（tuoguan undo --entry TK1 --id 新编号 --note 原因），更正考勤，再重新办理退课（tuoguan withdraw）

                """)
        // The same by a re-import with --replace: refused at the cell, nothing recorded.
        try cli.write("date,course_id,student_id,status\n2024-09-02,X1,S2,present\n2024-09-09,X1,S1,present\n", "fix.csv", in: dir)
        let replaced = try cli.run(["import", "attendance", "fix.csv", "--replace", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(replaced.status == 65)
        #expect(
            replaced.err.hasPrefix(
                "fix.csv:3:18: the withdrawal TK1 of S1 from X1 is in force, its refund computed from the attendance: the mark of 2024-09-09 cannot change now [conflict]"),
            "\(replaced.err)")
        #expect(replaced.err.contains("fix: undo the withdrawal first (tuoguan undo --entry TK1 --id NEW-ID --note WHY)"), "\(replaced.err)")
        #expect(try cli.run(["undo", "--entry", "TK1", "--id", "UD1", "--note", "更正考勤", "--db", "t.sqlite"], in: dir).status == 0)
        let after = try cli.run(["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "present", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(after.status == 0, "\(after.err)")
    }

    /// A course paid by use (not prepaid): its refunds may not exceed what it charges. S1 paid 80.00 + 20.00
    /// = 100.00; used 09-02, 09-23 (present) and 09-30 (unmarked) = 60.00, so 应退 40.00, refunded for X1
    /// (TF1). 09-02 → absent: 2 × 20.00 = 40.00 ≥ 40.00, allowed; then 09-23 → absent: 1 × 20.00 = 20.00 <
    /// 40.00 refunded: refused, naming the refund to reverse first.
    @Test func refundsPastTheFeeAreRefused() throws {
        let dir = try school(settle: "actual_use", prepay: "none")
        for args in [
            ["pay", "--receipt", "R2", "--student", "S1", "--amount", "20.00", "--date", "2024-09-24"],
            ["refund", "--id", "TF1", "--student", "S1", "--course", "X1", "--amount", "40.00", "--reason", "settlement", "--note", "结算"],
            ["edit", "attendance", "S1", "X1", "2024-09-02", "--status", "absent", "--note", "x"],
        ] {
            let r = try cli.run(args + ["--db", "t.sqlite"], in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        let r = try cli.run(["edit", "attendance", "S1", "X1", "2024-09-23", "--status", "absent", "--note", "x", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(r.err.hasPrefix("改后 S1 的 X1 费用为 20.00 元，少于已就该课程退的 40.00 元（如退费 TF1） [conflict]"), "\(r.err)")
        #expect(r.err.contains("如何修改：先冲正该退费（tuoguan correct --entry TF1 --id 新编号 --note 原因），更正考勤后再按新的费用重新退费"), "\(r.err)")
        // Nothing of the refused change stayed: 09-23 still present, 40.00 charged (09-23 and 09-30).
        #expect(try charged("S1", in: dir).charged == 4000)
    }

    /// Leave refunded for personal leave (`personal_leave = "full"`): S1's one lesson on leave (09-09) was
    /// refunded as such, 1 × 20.00 (L1); taking that leave away is refused, naming the refund to reverse; after
    /// `correct`, it goes through.
    @Test func aLeaveRefundedCannotBeTakenAway() throws {
        let dir = try school(leave: "full")
        let refund = try cli.run(
            ["refund", "--id", "L1", "--student", "S1", "--course", "X1", "--lessons", "1", "--reason", "personal_leave", "--date", "2024-09-10", "--note", "病假", "--db", "t.sqlite"], in: dir)
        #expect(refund.status == 0, "\(refund.err)")
        #expect(refund.out.contains("20.00"), "\(refund.out)")
        let r = try cli.run(["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "出勤", "--note", "x", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(
            r.err == """
                S1 在 X1 已按个人请假退费 1 节（如退费 L1），改后只有 0 节请假 [conflict]
                  | L1
                  如何修改：先冲正该退费（tuoguan correct --entry L1 --id 新编号 --note 原因），更正考勤后按新的请假节数重新退费

                """)
        #expect(try cli.run(["correct", "--entry", "L1", "--id", "CR1", "--note", "假条作废", "--db", "t.sqlite"], in: dir).status == 0)
        #expect(try cli.run(["edit", "attendance", "S1", "X1", "2024-09-09", "--status", "出勤", "--note", "x", "--db", "t.sqlite"], in: dir).status == 0)
    }

    /// A corrected sheet re-imported with `--replace`: every change printed old → new, kept in the history,
    /// the money following (actual use: S1 09-09 leave → present and 09-30 present: 4 × 20.00 = 80.00; S2
    /// waived: 0 either way). Without `--note` it is refused; for another kind too.
    @Test func replaceWithACorrectedSheet() throws {
        let dir = try school(settle: "actual_use")
        try cli.write("学号,姓名,9月2日,9月9日,9月23日,9月30日\nS1,张三丰,√,√,√,√\nS2,李四,√,√,×,\n", "corrected.csv", in: dir)
        let noNote = try cli.run(["import", "考勤", "corrected.csv", "--course", "X1", "--replace", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(noNote.status == 64)
        #expect(noNote.err.hasPrefix("--note: --replace 需要说明原因 [usage]"), "\(noNote.err)")
        let kind = try cli.run(["import", "payments", "payments.csv", "--replace", "--note", "x", "--db", "t.sqlite"], in: dir)
        #expect(kind.status == 64)
        #expect(kind.err.hasPrefix("--replace: --replace is for attendance only"), "\(kind.err)")
        let dry = try cli.run(["import", "考勤", "corrected.csv", "--course", "X1", "--replace", "--note", "班主任更正", "--dry-run", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.hasPrefix("将更正考勤 2 条（试导入，未改动）：\n  S1 张三丰 X1 2024-09-09：请假 → 出勤\n  S2 李四 X1 2024-09-23：出勤 → 缺勤\n"), "\(dry.out)")
        #expect(try charged("S1", in: dir) == (6000, -2000))
        let r = try cli.run(["import", "考勤", "corrected.csv", "--course", "X1", "--replace", "--note", "班主任更正", "--by", "王老师", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 0, "\(r.err)")
        // 7 filled cells: 09-30 of S1 new (1), 09-09 of S1 and 09-23 of S2 corrected (2), 4 the same.
        #expect(r.out.hasPrefix("已更正考勤 2 条（记入改动记录）：\n  S1 张三丰 X1 2024-09-09：请假 → 出勤\n  S2 李四 X1 2024-09-23：出勤 → 缺勤\n"), "\(r.out)")
        #expect(r.out.contains("已导入考勤：读取 2 行，新增 1 条，未变 4 条，更正 2 条"), "\(r.out)")
        #expect(try charged("S1", in: dir) == (8000, 0))
        let show = try cli.run(["show", "student", "S2", "--db", "t.sqlite"], in: dir)
        #expect(show.out.contains("王老师: X1 attendance on 2024-09-23 present → absent (why: 班主任更正)"), "\(show.out)")
        #expect(try cli.run(["verify", "--db", "t.sqlite"], in: dir).status == 0)
    }

    // MARK: - Names against ids

    /// A 姓名 that is not the 学号's child is refused with both names (and the 学号 of the child named, when one
    /// is), in every file with both: payments, the long attendance file (its fast path too), the class
    /// teacher's sheet. `--ignore-names` takes the file as it is.
    @Test func aNameThatIsNotTheIdsChildIsRefused() throws {
        let dir = try school()
        try cli.write("收据号,学号,姓名,金额,日期,方式\nR9,S1,李四,20.00,2024-09-03,微信\n", "pay.csv", in: dir)
        let pay = try cli.run(["import", "缴费", "pay.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(pay.status == 65)
        #expect(
            pay.err.hasPrefix(
                """
                pay.csv:2:7: 姓名“李四”与学号 S1 不符：学号 S1 是“张三丰”；“李四”的学号是 S2 [conflict]
                  | 李四
                  如何修改：核对这一行的学号和姓名，改正后再导入；如“李四”是 张三丰 的小名或曾用名，导入时加 --ignore-names（不核对姓名）
                """), "\(pay.err)")
        try cli.write("date,course_id,student_id,name,status\n2024-09-30,X1,S1,张三丰,present\n2024-09-30,X1,S2,王五,present\n", "long.csv", in: dir)
        let long = try cli.run(["import", "attendance", "long.csv", "--db", "t.sqlite"], in: dir)
        #expect(long.status == 65)
        #expect(long.err.hasPrefix("long.csv:3:18: name \"王五\" does not match student id S2, which is \"李四\" [conflict]"), "\(long.err)")
        try cli.write("学号,姓名,9月30日\nS1,张三丰,√\nS2,张 三丰,√\n", "wide.csv", in: dir)
        let wide = try cli.run(["import", "attendance", "wide.csv", "--course", "X1", "--db", "t.sqlite"], in: dir)
        #expect(wide.status == 65)
        #expect(wide.err.hasPrefix("wide.csv:3:4: name \"张 三丰\" does not match student id S2, which is \"李四\"; 张 三丰 is S1 [conflict]"), "\(wide.err)")
        // Known nicknames: --ignore-names.
        let ignored = try cli.run(["import", "attendance", "wide.csv", "--course", "X1", "--ignore-names", "--db", "t.sqlite"], in: dir)
        #expect(ignored.status == 0, "\(ignored.err)")
        #expect(ignored.out.hasPrefix("imported attendance: 2 rows read, 2 new, 0 unchanged"), "\(ignored.out)")
    }

    /// A teacher's 姓名 beside the 工号 (a scores sheet, the workload workbook read back) is checked the same way.
    @Test func aNameThatIsNotTheTeacherIsRefused() throws {
        let dir = try school()
        try cli.write("工号,姓名,质量分\nT1,李老师,90\n", "scores.csv", in: dir)
        let r = try cli.run(["import", "评分", "scores.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(r.err.hasPrefix("scores.csv:2:4: 姓名“李老师”与工号 T1 不符：工号 T1 是“王老师” [conflict]"), "\(r.err)")
        #expect(r.err.contains("先 tuoguan edit teacher T1 --name 李老师 --note 原因"), "\(r.err)")
        try cli.write("工号,姓名,质量分\nT1,王老师,90\n", "scores.csv", in: dir)
        let ok = try cli.run(["import", "评分", "scores.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(ok.status == 0, "\(ok.err)")
        #expect(ok.out.hasPrefix("已导入评分：读取 1 行，新增 1 条，未变 0 条"), "\(ok.out)")
        #expect(!ok.err.contains("忽略"), "the 姓名 column is read: \(ok.err)")
    }

    /// A real `.xls` (old Excel, saved by LibreOffice) says what it is and how to save it as `.xlsx`, whatever
    /// its name ends with.
    @Test func anOldExcelFileIsNamed() throws {
        let dir = try school()
        try FileManager.default.copyItem(atPath: Self.fixtures + "/考勤-旧版.xls", toPath: dir + "/考勤.xls")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/考勤-旧版.xls", toPath: dir + "/考勤.csv")
        let r = try cli.run(["import", "考勤", "考勤.xls", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(r.status == 65)
        #expect(
            r.err == """
                考勤.xls: 这是旧版 Excel 文件（.xls，Excel 97-2003 格式），不能直接导入 [bad-input]
                  如何修改：用 Excel 或 WPS 打开，“另存为”选“Excel 工作簿（*.xlsx）”，再导入 .xlsx 文件（或 soffice --headless --convert-to xlsx 文件名.xls）

                """)
        let renamed = try cli.run(["import", "attendance", "考勤.csv", "--db", "t.sqlite"], in: dir)
        #expect(renamed.err.hasPrefix("考勤.csv: this is an old Excel file (.xls, the Excel 97-2003 format), which is not read [bad-input]"), "\(renamed.err)")
    }
}
