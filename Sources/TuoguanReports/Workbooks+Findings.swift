import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 合规检查: a summary first (`38 项检查，2 项未通过`) and the counts as COUNTIF formulas, at the top of
    /// every page, then every limit checked, failures first, then passes: the check's name in the workbook's
    /// language, the subject (a course by its name and id), pass or fail, the limit, the actual figure, the
    /// message, and the check's code in a column of its own for scripts.
    ///
    /// ```swift
    /// try Workbooks.writeFindings(input, to: "合规检查.xlsx")
    /// ```
    public static func writeFindings(_ input: ReportInput, to path: String) throws {
        // Constant memory: a district's findings are a row per check of each course, thousands, written top to
        // bottom.
        try produce(.findings, input, path: path, constantMemory: true) { book, context in
            let c = context.c
            let layout: [(caption: String, width: Double)] = [
                (c.t("检查项", "Check"), 14), (c.t("对象", "Subject"), 16), (c.t("结果", "Result"), 8),
                (c.t("限值", "Limit"), 10), (c.t("实际", "Actual"), 10), (c.t("说明", "Message"), 36),
                (c.t("代码", "Code"), 21),
            ]
            let s = try context.sheet(book, name: c.t("合规检查", "Findings"), columns: layout.count, landscape: true)
            for (column, entry) in layout.enumerated() { try s.sheet.setColumnWidth(column, entry.width) }
            try s.fitTitle()
            // Failures first, then the passed, each in the computation's order: their positions, not copies of the
            // findings (a district has tens of thousands).
            let all = input.result.findings
            let order = all.indices.filter { !all[$0].passed } + all.indices.filter { all[$0].passed }
            let findings = order.lazy.map { all[$0] }
            let failed = all.count - all.lazy.filter(\.passed).count
            let summary = c.t(
                "共 \(findings.count) 项检查，\(failed) 项未通过，\(findings.count - failed) 项通过",
                "\(findings.count) checks, \(failed) failed, \(findings.count - failed) passed")
            try s.sheet.merge(summary, rows: s.row...s.row, columns: 0...(layout.count - 1), style: failed > 0 ? findingsAlarm : findingsSummary)
            try s.sheet.setRowHeight(s.row, 22)
            s.next()
            // The counts at the top, under the summary (repeated on every page with it): COUNTIF over the result
            // column of the rows written below (header on the next row, then one row per finding).
            let firstData = s.row + 2
            let resultColumn = findings.isEmpty ? nil : CellName.range(column: 2, rows: firstData...(firstData + findings.count - 1))
            // 通过项数 in A, its count in B; 未通过项数 over C:D, its count in E.
            for (label, passed, columns) in [(c.t("通过项数", "passed"), true, 0...0), (c.t("未通过项数", "failed"), false, 2...3)] {
                try s.sheet.merge(label, rows: s.row...s.row, columns: columns, style: CellStyle.totalLabel)
                let count = passed ? findings.count - failed : failed
                let formula = resultColumn.map { "=COUNTIF(\($0),\"\(c.pass(passed))\")" } ?? "=0"
                try s.sheet.write(formula: formula, value: Double(count), row: s.row, column: columns.upperBound + 1, style: .integerTotal)
            }
            s.next()
            try s.header(layout.map(\.caption))
            let first = s.row
            let courses = context.coursesById
            let failStyle = CellStyle(bold: true, border: true, background: 0xFFC7CE)
            for f in findings {
                let name = findingName(f.code, c)
                let subject = courses[f.subject].map { "\($0.name)（\($0.id)）" } ?? findingSubject(f.subject, c)
                let message = f.message.text(context.language)
                try s.text(name, 0, style: .wrappedText)
                try s.text(subject, 1, style: .wrappedText)
                try s.text(c.pass(f.passed), 2, style: f.passed ? .text : failStyle)
                try s.text(f.limit, 3, style: .wrappedText)
                try s.text(f.actual, 4, style: .wrappedText)
                try s.text(message, 5, style: .wrappedText)
                try s.text(f.code, 6)
                try s.fitRowHeight([(name, 0...0), (subject, 1...1), (f.limit, 3...3), (f.actual, 4...4), (message, 5...5)])
                s.next()
            }
            assert(s.dataRows(from: first) == resultColumn.map { _ in first...(first + findings.count - 1) }, "counts' range ≠ the rows written")
            try s.filter(lastDataRow: s.row - 1)
        }
    }

    static let findingsSummary = CellStyle(bold: true, fontSize: 12, alignment: .left, verticalCenter: true, background: 0xE2EFDA)
    static let findingsAlarm = CellStyle(bold: true, fontSize: 12, alignment: .left, verticalCenter: true, background: 0xFFC7CE)

    /// The check's name for people; its code stays in the code column.
    static func findingName(_ code: String, _ c: Captions) -> String {
        switch code {
        case "min-enrollment": return c.t("开班人数", "minimum enrollment")
        case "capacity": return c.t("容量", "capacity")
        case "group-size": return c.t("班额", "group size")
        case "students-per-teacher": return c.t("师生比", "students per teacher")
        case "budget": return c.t("生均年收费上限", "fees per student-year")
        case "outside-share": return c.t("校外机构占比", "outside institutions' share")
        case "pool-unallocated": return c.t("经费未分配", "pool not allocated")
        case "balance-open": return c.t("未结清余额", "open balance")
        default: return code
        }
    }

    /// A subject that is not a course: the fund, or an id as it is.
    static func findingSubject(_ subject: String, _ c: Captions) -> String {
        subject == "fund" ? c.t("经费", "fund") : subject
    }
}
