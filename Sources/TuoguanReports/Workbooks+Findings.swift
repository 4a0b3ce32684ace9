import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 合规检查: every limit checked, pass or fail, the limit, the actual figure and the message, with counts.
    ///
    /// ```swift
    /// try Workbooks.writeFindings(input, to: "合规检查.xlsx")
    /// ```
    public static func writeFindings(_ input: ReportInput, to path: String) throws {
        try produce(.findings, input, path: path) { book, context in
            let c = context.c
            let captions = [
                c.t("检查项", "Check"), c.t("对象", "Subject"), c.t("结果", "Result"), c.t("限值", "Limit"),
                c.t("实际", "Actual"), c.t("说明", "Message"),
            ]
            let s = try context.sheet(book, name: c.t("合规检查", "Findings"), columns: captions.count, landscape: true)
            try s.header(captions)
            let failStyle = CellStyle(bold: true, border: true, background: 0xFFC7CE)
            let first = s.row
            let findings = input.result.findings
            for f in findings {
                try s.text(f.code, 0)
                try s.text(f.subject, 1)
                try s.text(c.pass(f.passed), 2, style: f.passed ? .text : failStyle)
                try s.text(f.limit, 3)
                try s.text(f.actual, 4)
                try s.text(f.message.text(context.language), 5, style: .wrappedText)
                s.next()
            }
            let rows = s.dataRows(from: first)
            try s.filter(lastDataRow: s.row - 1)
            let range = rows.map { CellName.range(column: 2, rows: $0) }
            for (label, passed) in [(c.t("通过项数", "passed"), true), (c.t("未通过项数", "failed"), false)] {
                try s.text(label, 0, style: .totalLabel)
                let count = findings.filter { $0.passed == passed }.count
                let formula = range.map { "=COUNTIF(\($0),\"\(c.pass(passed))\")" } ?? "=0"
                try s.sheet.write(formula: formula, value: Double(count), row: s.row, column: 1, style: .integerTotal)
                s.next()
            }
        }
    }
}
