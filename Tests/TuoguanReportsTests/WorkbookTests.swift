import Foundation
import Testing
import TuoguanCore
import TuoguanReports

/// Expected figures for the sample school (worked out in SampleSchool's comments), in yuan as the checker
/// reads them back from the file.
private func expectedZh() -> [String: Any] {
    func cell(_ sheet: String, _ key: String, _ column: String, _ value: Double, headerRow: Int = 2) -> [String: Any] {
        ["sheet": sheet, "key": key, "column": column, "value": value, "header_row": headerRow]
    }
    func text(_ sheet: String, _ key: String, _ column: String, _ value: String, headerRow: Int = 2) -> [String: Any] {
        ["sheet": sheet, "key": key, "column": column, "value": value, "header_row": headerRow]
    }
    /// The number in column `column` (1 = A) of the row at or under `row` whose first cells hold `key`.
    func cellAt(_ sheet: String, _ key: String, column: Int, _ value: Double, row: Int) -> [String: Any] {
        ["sheet": sheet, "key": key, "column": column, "value": value, "header_row": row]
    }
    let statement: [String: Any] = [
        "file": "学期结算单.xlsx",
        "sheets": ["汇总", "家庭结算单", "美术", "托管一", "托管二"],
        // One row per student, no course columns (the course detail is on the course sheets and in the blocks).
        "headers": [["sheet": "汇总", "row": 2, "values": ["学号", "姓名", "班级", "减免", "应缴", "已缴", "已退", "结余", "应退", "应补"]]],
        "cells": [
            cell("汇总", "S001", "应缴", 220.00), cell("汇总", "S001", "结余", 0),
            cell("汇总", "S002", "应缴", 240.00), cell("汇总", "S002", "应补", 40.00), cell("汇总", "S002", "应退", 0),
            cell("汇总", "S003", "减免", 120.00), cell("汇总", "S003", "应缴", 120.00), cell("汇总", "S003", "结余", -120.00),
            cell("汇总", "S003", "应退", 120.00), cell("美术", "S003", "单价", 20.00), cell("美术", "S003", "数量", 12),
        ],
        "totals": [
            cell("汇总", "合计", "减免", 120.00), cell("汇总", "合计", "应缴", 580.00),
            cell("汇总", "合计", "已缴", 680.00), cell("汇总", "合计", "已退", 20.00), cell("汇总", "合计", "结余", -80.00),
            cell("汇总", "合计", "应退", 120.00), cell("汇总", "合计", "应补", 40.00),
            cell("美术", "合计", "数量", 35), cell("美术", "合计", "原价", 700.00), cell("美术", "合计", "应收", 580.00),
        ],
        "texts": [text("汇总", "S002", "姓名", "=1+1"), text("美术", "S002", "姓名", "=1+1")],
    ]
    let disclosure: [String: Any] = [
        "file": "收支公示.xlsx",
        "sheets": ["收支公示", "缴费情况"],
        "cells": [
            cell("收支公示", "收入（家长缴费）", "金额", 680.00), cell("收支公示", "退费", "金额", 20.00),
            cell("收支公示", "分配基数", "金额", 580.00),
            cell("收支公示", "辅导教师量化考核", "分配金额", 348.00, headerRow: 9),
            cell("收支公示", "教学质量奖", "分配金额", 116.00, headerRow: 9),
            cell("收支公示", "托管成本", "分配金额", 29.00, headerRow: 9),
            cell("收支公示", "学区提取", "分配金额", 58.00, headerRow: 9),
            // Nothing recorded as spent in the sample school: each pool keeps what it was allocated.
            cell("收支公示", "辅导教师量化考核", "已支出", 0, headerRow: 9),
            cell("收支公示", "教学质量奖", "已支出", 0, headerRow: 9),
        ],
        "totals": [
            cell("收支公示", "实收净额", "金额", 660.00),
            cell("收支公示", "合计", "分配金额", 580.00, headerRow: 9),
            cell("收支公示", "合计", "结余", 580.00, headerRow: 9),
            cell("缴费情况", "合计", "应缴", 580.00), cell("缴费情况", "合计", "结余", -80.00),
        ],
        "texts": [text("缴费情况", "张*明", "班级", "三(2)班"), text("缴费情况", "李*", "班级", "四(1)班")],
    ]
    let workload: [String: Any] = [
        "file": "教师工作量及课酬.xlsx",
        "sheets": ["工作量及课酬", "工作量统计", "工作量明细", "教师确认单"],
        "headers": [["sheet": "工作量明细", "row": 2, "values": ["日期", "工号", "姓名", "职责", "课程", "分钟", "来源", "积分"]]],
        "cells": [
            cell("工作量及课酬", "T1", "积分", 800), cell("工作量统计", "T1", "兴趣活动次数", 12),
            cell("工作量及课酬", "T1", "工作量课酬", 185.60), cell("工作量及课酬", "T1", "质量奖", 61.41),
            cell("工作量及课酬", "T1", "合计", 247.01), cell("工作量及课酬", "T2", "工作量课酬", 162.40),
            cell("工作量及课酬", "T2", "质量奖", 54.59), cell("工作量及课酬", "T2", "补贴", 66.67),
            cell("工作量及课酬", "T2", "合计", 283.66), cell("工作量及课酬", "T2", "排名", 2),
            cell("工作量统计", "T2", "作业辅导小时", 20.00), cell("工作量统计", "T1", "积分", 800),
        ],
        "totals": [
            cell("工作量及课酬", "合计", "积分", 1500), cell("工作量及课酬", "合计", "工作量课酬", 348.00),
            cell("工作量及课酬", "合计", "质量奖", 116.00), cell("工作量及课酬", "合计", "补贴", 66.67),
            cell("工作量及课酬", "合计", "合计", 530.67), cell("工作量明细", "合计", "分钟", 230),
            cell("工作量明细", "合计", "积分", 140),
        ],
    ]
    let register: [String: Any] = [
        "file": "退费登记表.xlsx",
        "sheets": ["退费登记"],
        "cells": [cell("退费登记", "RF-001", "金额", 20.00), cell("退费登记", "RF-002", "计入金额", 0)],
        // RF-002 (20.00) was reversed by RF-003: listed, counted neither in 笔数 nor in the total, so the total
        // is RF-001's 20.00 alone, and its 大写 says 贰拾元整.
        "totals": [cell("退费登记", "合计", "金额", 20.00), cell("退费登记", "合计", "计入金额", 20.00)],
        "texts": [
            text("退费登记", "RF-001", "金额大写", "贰拾元整"), text("退费登记", "RF-002", "姓名", "=1+1"),
            text("退费登记", "RF-002", "冲正单号", "已冲正 RF-003"), text("退费登记", "合计", "日期", "1 笔（另有 1 笔已冲正，不计）"),
            text("退费登记", "合计", "金额大写", "贰拾元整"), text("退费登记", "RF-001", "登记时间", "2024年10月8日 17:30"),
        ],
    ]
    let subsidy: [String: Any] = [
        "file": "补贴申报.xlsx",
        "sheets": ["补贴申报"],
        "cells": [cell("补贴申报", "托管一", "实到学生分钟", 1000), cell("补贴申报", "托管二", "标准（元/生·时）", 2.00)],
        "totals": [
            cell("补贴申报", "小计", "实到学生分钟", 2000), cell("补贴申报", "合计", "补贴金额", 66.67),
            cell("补贴申报", "合计", "实到学生分钟", 2000),
        ],
    ]
    let findings: [String: Any] = [
        "file": "合规检查.xlsx",
        "sheets": ["合规检查"],
        // Row 2 is the summary (共 2 项检查，1 项未通过), row 3 the counts (通过项数 1 in B, 未通过项数 1 in E, both
        // formulas), row 4 the header; the failure comes first.
        "texts": [
            text("合规检查", "开班人数", "结果", "未通过", headerRow: 4), text("合规检查", "开班人数", "代码", "min-enrollment", headerRow: 4),
            text("合规检查", "师生比", "结果", "通过", headerRow: 4), text("合规检查", "开班人数", "对象", "美术（C1）", headerRow: 4),
        ],
        "totals": [cellAt("合规检查", "通过项数", column: 2, 1, row: 3), cellAt("合规检查", "通过项数", column: 5, 1, row: 3)],
    ]
    // Subtotal row of the subsidy claim: the amount rounded once (66.67), a value rather than a formula.
    var subsidyWithAmount = subsidy
    subsidyWithAmount["cells"] = (subsidy["cells"] as! [[String: Any]]) + [cell("补贴申报", "小计", "补贴金额", 66.67)]
    return [
        "files": [statement, disclosure, workload, register, subsidyWithAmount, findings],
        "forbidden": [["file": "收支公示.xlsx", "strings": ["张小明", "=1+1", "李四", "S001", "S002", "S003"]]],
    ]
}

@Suite("The six workbooks")
struct WorkbookTests {
    @Test("every workbook reads back with the hand-computed figures, formulas and text cells")
    func checkedByPython() throws {
        let dir = try ScriptRunner.temporaryDirectory("zh")
        let paths = try Workbooks.writeAll(SampleSchool.input(), toDirectory: dir)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == [
            "学期结算单.xlsx", "收支公示.xlsx", "教师工作量及课酬.xlsx", "退费登记表.xlsx", "补贴申报.xlsx", "合规检查.xlsx",
        ])
        try ScriptRunner.writeJSON(expectedZh(), to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
    }

    @Test("the checker catches a wrong figure (it can fail)")
    func checkerCanFail() throws {
        let dir = try ScriptRunner.temporaryDirectory("wrong")
        var input = SampleSchool.input()
        input.result.students[1].balance = Money(fen: 4001)  // 40.01 instead of 40.00
        try Workbooks.writeStatement(input, to: dir + "/学期结算单.xlsx")
        let expected: [String: Any] = [
            "files": [["file": "学期结算单.xlsx", "cells": [["sheet": "汇总", "key": "S002", "column": "结余", "value": 40.00]]]]
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 1)
        #expect(output.contains("[S002, 结余]: 40.01 != 40"))
    }

    @Test("the disclosure with counts only lists classes, no names")
    func countsOnly() throws {
        let dir = try ScriptRunner.temporaryDirectory("counts")
        try Workbooks.writeDisclosure(SampleSchool.input(disclosure: .countsOnly), to: dir + "/收支公示.xlsx")
        let expected: [String: Any] = [
            "files": [[
                "file": "收支公示.xlsx", "sheets": ["收支公示", "按班统计"],
                "cells": [["sheet": "按班统计", "key": "三(2)班", "column": "人数", "value": 2]],
                "totals": [
                    ["sheet": "按班统计", "key": "合计", "column": "人数", "value": 3],
                    ["sheet": "按班统计", "key": "合计", "column": "已缴", "value": 680.00],
                ],
            ]],
            "forbidden": [["file": "收支公示.xlsx", "strings": ["张小明", "张*明", "=1+1", "李四", "李*", "S001"]]],
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
    }

    @Test("English captions and file names")
    func english() throws {
        let dir = try ScriptRunner.temporaryDirectory("en")
        let paths = try Workbooks.writeAll(SampleSchool.input(.en), toDirectory: dir)
        #expect(paths.map { ($0 as NSString).lastPathComponent } == [
            "term-statement.xlsx", "disclosure.xlsx", "teacher-workload.xlsx", "refund-register.xlsx",
            "subsidy-claim.xlsx", "findings.xlsx",
        ])
        let expected: [String: Any] = [
            "files": [
                [
                    "file": "term-statement.xlsx", "sheets": ["Summary", "Families", "美术", "托管一", "托管二"],
                    "totals": [["sheet": "Summary", "key": "Total", "column": "Due", "value": 580.00]],
                ],
                [
                    "file": "teacher-workload.xlsx",
                    "totals": [["sheet": "Workload and pay", "key": "Total", "column": "Total", "value": 530.67]],
                ],
            ]
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
    }

    /// A district: past 60 courses the statement has a course totals sheet and one course lines sheet instead of
    /// a sheet per course. The sample school plus 60 free courses of one lesson each for S001 (gross 0.00,
    /// charged by the calculator from their usages):
    /// 美术 keeps its figures (3 students, 35 lessons, gross 700.00, charged 580.00), so do the totals.
    @Test("past 60 courses the course detail is a totals sheet and one lines sheet")
    func manyCourses() throws {
        var input = SampleSchool.input()
        let extra = (1...60).map { String(format: "C%02d", $0) }
        for id in extra {
            try SampleSchool.addFreeCourse(id, "兴趣\(id)", toStudent: 0, in: &input)
        }
        let dir = try ScriptRunner.temporaryDirectory("district")
        try Workbooks.writeStatement(input, to: dir + "/学期结算单.xlsx")
        func cell(_ sheet: String, _ key: String, _ column: String, _ value: Double) -> [String: Any] {
            ["sheet": sheet, "key": key, "column": column, "value": value]
        }
        let expected: [String: Any] = [
            "files": [[
                "file": "学期结算单.xlsx", "sheets": ["汇总", "家庭结算单", "课程汇总", "课程明细"],
                "headers": [
                    ["sheet": "汇总", "row": 2, "values": ["学号", "姓名", "班级", "减免", "应缴", "已缴", "已退", "结余", "应退", "应补"]],
                    ["sheet": "课程明细", "row": 2, "values": ["课程编号", "课程", "学号", "姓名", "班级", "计费方式", "数量", "单价", "原价", "减免", "应收"]],
                ],
                "cells": [
                    cell("汇总", "S001", "应缴", 220.00), cell("课程汇总", "美术", "人数", 3),
                    cell("课程汇总", "美术", "数量", 35), cell("课程汇总", "美术", "应收", 580.00),
                    cell("课程汇总", "C60", "人数", 1), cell("课程汇总", "C60", "原价", 0),
                ],
                "totals": [
                    cell("汇总", "合计", "应缴", 580.00),
                    cell("课程汇总", "合计", "应收", 580.00), cell("课程汇总", "合计", "原价", 700.00),
                    cell("课程明细", "合计", "原价", 700.00), cell("课程明细", "合计", "减免", 120.00),
                    cell("课程明细", "合计", "应收", 580.00),
                ],
            ]]
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
    }

    /// A district of 200,000 families needs about 1.6 million rows of family blocks, more than a sheet holds:
    /// the blocks go on in a next sheet. A block is its courses + 7 rows; with 12 rows a sheet, the title row
    /// and S001's block (2 courses: 9 rows) fill the first; S002 (9 rows) and S003 (1 course: 8 rows) would
    /// pass row 12, so each starts a new sheet. Each sheet's first block has its header on row 3.
    @Test("family blocks past a sheet's rows go on in the next sheet")
    func familiesContinue() throws {
        var input = SampleSchool.input()
        input.maxRowsPerSheet = 12
        let dir = try ScriptRunner.temporaryDirectory("continued")
        try Workbooks.writeStatement(input, to: dir + "/学期结算单.xlsx")
        let expected: [String: Any] = [
            "files": [[
                "file": "学期结算单.xlsx",
                "sheets": ["汇总", "家庭结算单", "家庭结算单 (2)", "家庭结算单 (3)", "美术", "托管一", "托管二"],
                "totals": [
                    ["sheet": "家庭结算单", "key": "应缴合计", "column": "应缴", "value": 220.00, "header_row": 3],
                    ["sheet": "家庭结算单 (2)", "key": "应缴合计", "column": "应缴", "value": 240.00, "header_row": 3],
                    ["sheet": "家庭结算单 (3)", "key": "应缴合计", "column": "应缴", "value": 120.00, "header_row": 3],
                ],
            ]]
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
    }

    @Test("the same input gives the same bytes")
    func reproducible() throws {
        let a = try ScriptRunner.temporaryDirectory("a")
        let b = try ScriptRunner.temporaryDirectory("b")
        let first = try Workbooks.writeAll(SampleSchool.input(), toDirectory: a)
        let second = try Workbooks.writeAll(SampleSchool.input(), toDirectory: b)
        for (x, y) in zip(first, second) {
            let dx = try Data(contentsOf: URL(fileURLWithPath: x))
            let dy = try Data(contentsOf: URL(fileURLWithPath: y))
            #expect(!dx.isEmpty)
            #expect(dx == dy, "\(x) differs")
        }
    }

    @Test("a directory that does not exist is a file-unwritable error with a fix")
    func unwritable() throws {
        let path = "/nonexistent-tuoguan-dir/学期结算单.xlsx"
        let error = try #require(throws: TuoguanError.self) { try Workbooks.writeStatement(SampleSchool.input(), to: path) }
        #expect(error.code == .fileUnwritable)
        #expect(error.message.zh == "无法写入工作簿“/nonexistent-tuoguan-dir/学期结算单.xlsx”")
        #expect(error.fix?.zh == "请确认目录存在且有写入权限")
    }

    @Test(
        "LibreOffice renders one page wide with Chinese text and recalculates every total to the stored value",
        .enabled(if: ScriptRunner.isInstalled("soffice") && ScriptRunner.isInstalled("pdftotext"),
                 "skipped: soffice (LibreOffice) or pdftotext (poppler-utils) is not installed"))
    func libreOffice() throws {
        let dir = try ScriptRunner.temporaryDirectory("render")
        _ = try Workbooks.writeAll(SampleSchool.input(), toDirectory: dir)
        let expected: [String: Any] = [
            "render": [
                ["file": "学期结算单.xlsx", "first_page": ["学号", "应补", "示例小学"]],
                ["file": "收支公示.xlsx", "first_page": ["项目", "辅导教师量化考核"]],
                ["file": "教师工作量及课酬.xlsx", "first_page": ["工号", "排名"]],
                ["file": "退费登记表.xlsx", "first_page": ["退费编号", "计入金额"]],
                ["file": "补贴申报.xlsx", "first_page": ["工号", "说明"]],
                ["file": "合规检查.xlsx", "first_page": ["检查项", "说明"]],
            ]
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/render.json")
        let (status, output) = try ScriptRunner.python("render_check.py", [dir, dir + "/render.json"])
        #expect(status == 0, "\(output)")
    }
}
