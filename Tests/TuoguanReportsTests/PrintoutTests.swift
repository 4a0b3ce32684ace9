import Foundation
import Testing
import TuoguanCore
import TuoguanReports

/// The papers that leave the office: the families' notices and the disclosure with real spending, read back
/// by Scripts/check_printouts.py (the 大写 is parsed there and compared with the figure beside it).
@Suite("Notices and the disclosure")
struct PrintoutTests {
    /// The sample school with the 公示期, contact and notice instructions written, and spending recorded:
    /// workload pool 348.00 paid out whole, award 116.00 whole, running cost 20.00 of 29.00, equipment
    /// nothing, levy 58.00 whole (from the pools 348 + 116 + 20 + 58 = 542.00); subsidies due 66.67 and paid
    /// 66.67 (T2's); no outside institution. All spending: 542.00 + 66.67 = 608.67, five expenses.
    static func input() -> ReportInput {
        var input = SampleSchool.input()
        input.rules.publication = Publication(
            disclosureFrom: SampleSchool.date("2025-01-20"), disclosureTo: SampleSchool.date("2025-01-26"),
            contact: "家委会财经小组 王老师", payHow: "交班主任", payBy: SampleSchool.date("2025-01-24"),
            collectHow: "原路退回", collectBy: SampleSchool.date("2025-02-14"))
        let spent: [Int64] = [34800, 11600, 2000, 0, 5800]
        input.result.fund.pools = zip(input.result.fund.pools, spent).map {
            PoolShare(pool: $0.pool, amount: $0.amount, spent: Money(fen: $1))
        }
        func expense(_ id: String, _ line: SpendingLine, _ fen: Int64, _ payee: String, _ note: String) -> ExpenseFact {
            ExpenseFact(expenseId: id, line: line, amount: Money(fen: fen), date: SampleSchool.date("2025-01-10"), payee: payee, note: note)
        }
        input.result.fund.spending = TermSpending(
            fromPools: Money(fen: 54200), subsidies: Money(fen: 6667), outside: .zero, total: Money(fen: 60867),
            subsidiesDue: Money(fen: 6667), outsideDue: .zero,
            expenses: [
                expense("E1", .pool("workload"), 34800, "王老师、刘老师", "工作量课酬"),
                expense("E2", .pool("award"), 11600, "王老师、刘老师", "教学质量奖"),
                expense("E3", .pool("running"), 2000, "文具店", "彩笔 20 盒"),
                expense("E4", .pool("levy"), 5800, "学区", "学区提取"),
                expense("E5", .subsidies, 6667, "刘老师", "课时补贴"),
            ])
        return input
    }

    static func check(_ dir: String, _ expected: [String: Any]) throws -> (status: Int32, output: String) {
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        return try ScriptRunner.python("check_printouts.py", [dir, dir + "/expected.json"])
    }

    /// S001 paid 240.00, got 20.00 back, owes 220.00: settled (零元整). S002 owes 240.00, paid 200.00: 应补
    /// 40.00 (肆拾元整), by 2025-01-24. S003 owes 120.00, paid 240.00: 应退 120.00 (壹佰贰拾元整).
    static var sampleNotices: [String: Any] { [
        "S001": ["label": "结余", "amount": 0.0, "lines": ["本学期费用已结清，无需补缴或退费。"]],
        "S002": ["label": "应补金额", "amount": 40.0, "lines": ["缴费方式：交班主任；请于 2025年1月24日 前缴清。", "如有疑问，请联系：家委会财经小组 王老师"]],
        "S003": ["label": "应退金额", "amount": 120.0, "lines": ["退费方式：原路退回；于 2025年2月14日 前退还。"]],
    ] }

    @Test("a notice per family, by class, its 大写 equal to the figure beside it, with how to pay and a sign-off")
    func notices() throws {
        let dir = try ScriptRunner.temporaryDirectory("notices")
        let count = try Workbooks.writeNotices(Self.input(), everyFamily: true, to: dir + "/缴费结算通知单.xlsx")
        #expect(count == 3)
        let (status, output) = try Self.check(dir, [
            // One sheet, class after class, two short notices to a page with a cut line between them: 三(2)班's
            // two on page 1, 四(1)班's one on page 2 (a break before it).
            "notices": [
                "file": "缴费结算通知单.xlsx", "sheets": ["全部班级"], "count": 3, "breaks": 1, "cuts": 1,
                "students": Self.sampleNotices,
            ]
        ])
        #expect(status == 0, "\(output)")
    }

    /// By default only the families with something to pay or collect: S001 is settled (no notice), S002 pays
    /// 40.00, S003 gets 120.00 back: two notices, sharing page 1 (三(2)班's above the cut line, 四(1)班's below).
    @Test("by default only families with something to pay or collect get a notice")
    func onlyOpenBalances() throws {
        let dir = try ScriptRunner.temporaryDirectory("notices-open")
        let count = try Workbooks.writeNotices(Self.input(), to: dir + "/n.xlsx")
        #expect(count == 2)
        let (status, output) = try Self.check(dir, [
            "notices": [
                "file": "n.xlsx", "sheets": ["全部班级"], "count": 2, "breaks": 0, "cuts": 1,
                "students": ["S002": Self.sampleNotices["S002"]!, "S003": Self.sampleNotices["S003"]!],
            ]
        ])
        #expect(status == 0, "\(output)")
    }

    @Test("one class for its teacher")
    func oneClass() throws {
        let dir = try ScriptRunner.temporaryDirectory("notices-class")
        let count = try Workbooks.writeNotices(Self.input(), className: "四(1)班", to: dir + "/n.xlsx")
        #expect(count == 1)
        let (status, output) = try Self.check(dir, [
            "notices": ["file": "n.xlsx", "sheets": ["四(1)班"], "count": 1, "students": ["S003": Self.sampleNotices["S003"]!]]
        ])
        #expect(status == 0, "\(output)")
    }

    @Test("without the rules' instructions a notice leaves blanks to fill in")
    func blanks() throws {
        let dir = try ScriptRunner.temporaryDirectory("notices-blank")
        try Workbooks.writeNotices(SampleSchool.input(), className: "三(2)班", everyFamily: true, to: dir + "/n.xlsx")
        let (status, output) = try Self.check(dir, [
            "notices": ["file": "n.xlsx", "count": 2, "students": [
                "S002": ["label": "应补金额", "amount": 40.0, "lines": ["缴费方式：________________________；请于 ____年__月__日 前缴清。", "如有疑问，请联系：班主任"]]
            ]]
        ])
        #expect(status == 0, "\(output)")
    }

    @Test("the checker catches a wrong amount (it can fail)")
    func checkerCanFail() throws {
        let dir = try ScriptRunner.temporaryDirectory("notices-wrong")
        try Workbooks.writeNotices(Self.input(), to: dir + "/n.xlsx")
        let (status, output) = try Self.check(dir, [
            "notices": ["file": "n.xlsx", "students": ["S002": ["label": "应补金额", "amount": 40.01]]]
        ])
        #expect(status == 1)
        #expect(output.contains("notices/S002: 应补金额 40 != 应补金额 40.01"))
    }

    @Test("an unknown class is an error listing the classes")
    func unknownClass() throws {
        let error = try #require(throws: TuoguanError.self) {
            try Workbooks.writeNotices(Self.input(), className: "五(9)班", to: "/tmp/never-written.xlsx")
        }
        #expect(error.code == .unknownReference)
        #expect(error.message.zh == "没有班级“五(9)班”的学生")
        #expect(error.message.en == "no student is in class \"五(9)班\"")
        #expect(error.fix?.zh == "已有的班级：三(2)班, 四(1)班")
    }

    /// Counts only (`[disclosure] names = "counts_only"`): the first sheet says the families' page lists classes.
    @Test("with counts only the disclosure's first page says that only classes are listed")
    func disclosureCountsOnly() throws {
        var input = Self.input()
        input.rules.disclosure = .countsOnly
        let dir = try ScriptRunner.temporaryDirectory("disclosure-counts")
        try Workbooks.writeDisclosure(input, to: dir + "/收支公示.xlsx")
        let (status, output) = try Self.check(dir, [
            "disclosure": [
                "file": "收支公示.xlsx",
                "lines": ["“按班统计”页只列各班人数和金额合计，不含学生姓名、学号和电话。", "公示期：2025年1月20日 至 2025年1月26日"],
                "forbidden": ["张*明", "李*", "姓名只显示首尾字"],
            ]
        ])
        #expect(status == 0, "\(output)")
    }

    @Test("the disclosure shows each pool's spending, the subsidies and outside pay, the 公示期 and a sign-off, no child's name")
    func disclosure() throws {
        let dir = try ScriptRunner.temporaryDirectory("disclosure")
        try Workbooks.writeDisclosure(Self.input(), to: dir + "/收支公示.xlsx")
        func cell(_ key: String, _ column: String, _ value: Double, _ headerRow: Int) -> [String: Any] {
            ["sheet": "收支公示", "key": key, "column": column, "value": value, "header_row": headerRow]
        }
        // Pools on rows 10–14 under the header on row 9; the other spending's header on row 17.
        try ScriptRunner.writeJSON([
            "files": [[
                "file": "收支公示.xlsx", "sheets": ["收支公示", "支出明细", "缴费情况"],
                "cells": [
                    cell("辅导教师量化考核", "已支出", 348.00, 9), cell("托管成本", "已支出", 20.00, 9),
                    cell("托管设备", "已支出", 0, 9), cell("课时补贴（财政）", "已支付", 66.67, 17),
                    cell("校外机构课酬", "已支付", 0, 17), cell("本学期支出合计", "已支付", 608.67, 17),
                ],
                "totals": [
                    cell("托管成本", "结余", 9.00, 9), cell("托管设备", "结余", 29.00, 9), cell("合计", "已支出", 542.00, 9),
                    cell("合计", "结余", 38.00, 9), cell("实收净额", "金额", 660.00, 2),
                    ["sheet": "支出明细", "key": "合计", "column": "金额", "value": 608.67],
                ],
                "texts": [["sheet": "支出明细", "key": 3, "column": "经费项目", "value": "托管成本"]],
            ]],
        ], to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
        let (status2, output2) = try Self.check(dir, [
            "disclosure": [
                "file": "收支公示.xlsx",
                // The sentence on what the families' page shows, then the 公示期 and the contact.
                "lines": [
                    "“缴费情况”页每个家庭一行，列出其费用、缴费、退费和结余，姓名只显示首尾字（如 张*明），不含学号和电话。",
                    "公示期：2025年1月20日 至 2025年1月26日", "如有疑问，请联系：家委会财经小组 王老师",
                ],
                "sign_off": ["制表人", "审核人", "家委会财经小组（签字）", "日期"],
                "forbidden": ["张小明", "李四", "=1+1", "S001", "S002", "S003"],
            ]
        ])
        #expect(status2 == 0, "\(output2)")
    }

    /// T1 王老师: activity 12 × 50 + patrol 5 × 40 = 800 points, pay 185.60 + 61.41 = 247.01; the sample's duty
    /// log has two of T1's duties (activity 50 + patrol 40 = 90 points). T2 刘老师: 700 points, pay 283.66,
    /// one duty in the log (supervision, 50 points).
    @Test("a page per teacher: the duties, subtotals, pay from each pool, a line to sign; the chart names both")
    func teacherPages() throws {
        let dir = try ScriptRunner.temporaryDirectory("teachers")
        try Workbooks.writeWorkload(SampleSchool.input(), to: dir + "/w.xlsx")
        let (status, output) = try Self.check(dir, [
            "teacher_pages": [
                "file": "w.xlsx", "sheet": "教师确认单", "breaks": 1,
                "teachers": [
                    "T1": ["points": 800, "duty_points": 90, "total": 247.01],
                    "T2": ["points": 700, "duty_points": 50, "total": 283.66],
                ],
            ],
            "chart": ["file": "w.xlsx", "title": "工作量积分", "categories": 2, "every_label": true],
        ])
        #expect(status == 0, "\(output)")
    }

    /// T1 with 100 more activity lessons in the duty log (50 points each): 102 duty lines. A page holds 720
    /// points: the title (24), the heading (22) and the header (15) leave room for 42 lines while a line and
    /// the total under it still fit (61 + 15 × 42 + 30 = 721 > 720 stops at 42): 42 + 42 + 18 lines on three
    /// pages, the heading again (（续）) on the second and third, then T2 from a new page: 3 breaks. The duty
    /// lines' total: 90 + 100 × 50 = 5,090 points.
    @Test("a teacher whose list runs past a page has the name and 工号 again on every page")
    func longTeacherPages() throws {
        var input = SampleSchool.input()
        for day in 0..<100 {
            input.duties.append(DutyRecord(
                date: SampleSchool.date("2024-09-02").adding(days: day), teacherId: "T1", duty: "activity", courseId: "C1",
                courseName: "美术", minutes: 60, source: .session))
        }
        let dir = try ScriptRunner.temporaryDirectory("teachers-long")
        try Workbooks.writeWorkload(input, to: dir + "/w.xlsx")
        let (status, output) = try Self.check(dir, [
            "teacher_pages": [
                "file": "w.xlsx", "sheet": "教师确认单", "breaks": 3,
                "teachers": [
                    "T1": ["points": 800, "duty_points": 5090, "total": 247.01, "continued": 2],
                    "T2": ["points": 700, "duty_points": 50, "total": 283.66],
                ],
            ]
        ])
        #expect(status == 0, "\(output)")
    }

    /// 45 teachers (the sample's two and 43 more with 1…43 points): the chart names the top 30 and says so.
    @Test("past 30 teachers the chart names the top 30 and says so")
    func chartTopTeachers() throws {
        var input = SampleSchool.input()
        for i in 1...43 {
            var pay = input.result.teachers[1]
            pay.teacher = Teacher(id: "X\(i)", name: "老师\(i)", kind: .staff)
            pay.points = Int64(i)
            input.result.teachers.append(pay)
        }
        let dir = try ScriptRunner.temporaryDirectory("chart")
        try Workbooks.writeWorkload(input, to: dir + "/w.xlsx")
        let (status, output) = try Self.check(dir, [
            "chart": ["file": "w.xlsx", "title": "工作量积分（前 30 名，共 45 人）", "categories": 30, "every_label": true]
        ])
        #expect(status == 0, "\(output)")
    }

    /// 201 classes (the sample's S001 copied into classes C1…C201), a notice each, all on one sheet two to a
    /// page: 201 notices on 101 pages, so 100 page breaks, and a cut line on each of the 100 full pages.
    @Test("a district's classes share one sheet, two notices to a page")
    func manyClasses() throws {
        var input = Self.input()
        let s1 = input.result.students[0]
        let usages = input.facts.usagesByStudent[s1.student.id] ?? []
        input.result.students = (1...201).map { i in
            var st = s1
            st.student = Student(id: "S\(i)", name: "学生\(i)", grade: 1, className: "C\(i)")
            input.facts.usagesByStudent[st.student.id] = usages.map { var u = $0; u.studentId = st.student.id; return u }
            return st
        }
        let dir = try ScriptRunner.temporaryDirectory("notices-district")
        #expect(try Workbooks.writeNotices(input, everyFamily: true, to: dir + "/n.xlsx") == 201)
        let (status, output) = try Self.check(dir, [
            "notices": ["file": "n.xlsx", "sheets": ["全部班级"], "count": 201, "breaks": 100, "cuts": 100,
                        "students": ["S201": ["label": "结余", "amount": 0.0]]]
        ])
        #expect(status == 0, "\(output)")
    }

    /// S001 with 30 more free courses: its notice is taller than half a page, so it has the first page to
    /// itself and S002's starts the next (a break, no cut line).
    @Test("a notice taller than half a page has a page of its own")
    func longNotice() throws {
        var input = Self.input()
        for i in 1...30 {
            try SampleSchool.addFreeCourse("F\(i)", "兴趣小组\(i)", toStudent: 0, in: &input)
        }
        let dir = try ScriptRunner.temporaryDirectory("notices-long")
        try Workbooks.writeNotices(input, className: "三(2)班", everyFamily: true, to: dir + "/n.xlsx")
        let (status, output) = try Self.check(dir, [
            "notices": ["file": "n.xlsx", "count": 2, "breaks": 1, "cuts": 0,
                        "students": ["S001": ["label": "结余", "amount": 0.0], "S002": ["label": "应补金额", "amount": 40.0]]]
        ])
        #expect(status == 0, "\(output)")
    }

    @Test("the same input gives the same notices, byte for byte")
    func noticesReproducible() throws {
        let a = try ScriptRunner.temporaryDirectory("notices-a") + "/n.xlsx"
        let b = try ScriptRunner.temporaryDirectory("notices-b") + "/n.xlsx"
        try Workbooks.writeNotices(Self.input(), to: a)
        try Workbooks.writeNotices(Self.input(), to: b)
        let da = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(!da.isEmpty)
        #expect(da == (try Data(contentsOf: URL(fileURLWithPath: b))))
    }
}
