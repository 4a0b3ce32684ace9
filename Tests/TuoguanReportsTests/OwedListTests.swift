import Foundation
import Testing
import TuoguanCore
import TuoguanReports

/// 催缴名单 (`tuoguan owed --xlsx`), read back by the Python checker.
@Suite("The owed list")
struct OwedListTests {
    @Test("only the families who owe, with the statement's balance, a class subtotal and the total as formulas")
    func checkedByPython() throws {
        let dir = try ScriptRunner.temporaryDirectory("owed")
        let input = SampleSchool.input()
        // The sample school: S001 is settled (0), S003 is owed 120.00 back; only S002 (三(2)班) still has to pay
        // 240.00 − 200.00 = 40.00 (the statement's 应补 column).
        let classes = try Workbooks.owedByClass(input.result)
        #expect(classes.map(\.className) == ["三(2)班"])
        #expect(classes.first?.families.map(\.student.id) == ["S002"])
        #expect(classes.first?.total == Money(fen: 4000))
        try Workbooks.writeOwedList(input, to: dir + "/催缴名单.xlsx")
        func cell(_ key: String, _ column: String, _ value: Double) -> [String: Any] {
            ["sheet": "催缴名单", "key": key, "column": column, "value": value]
        }
        let expected: [String: Any] = [
            "files": [[
                "file": "催缴名单.xlsx",
                "sheets": ["催缴名单"],
                "headers": [["sheet": "催缴名单", "row": 2, "values": ["班级", "学号", "姓名", "应缴", "已缴", "已退", "应补", "应补大写"]]],
                "cells": [cell("S002", "应缴", 240.00), cell("S002", "已缴", 200.00), cell("S002", "应补", 40.00)],
                "totals": [cell("三(2)班 小计（1 户）", "应补", 40.00), cell("合计", "应补", 40.00)],
                "texts": [
                    ["sheet": "催缴名单", "key": "S002", "column": "姓名", "value": "=1+1"],
                    ["sheet": "催缴名单", "key": "S002", "column": "应补大写", "value": "肆拾元整"],
                ],
            ]],
            "forbidden": [["file": "催缴名单.xlsx", "strings": ["S001", "S003", "张小明", "李四"]]],
        ]
        try ScriptRunner.writeJSON(expected, to: dir + "/expected.json")
        let (status, output) = try ScriptRunner.python("check_workbooks.py", [dir, dir + "/expected.json"])
        #expect(status == 0, "\(output)")
    }
}
