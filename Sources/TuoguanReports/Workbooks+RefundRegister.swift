import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 退费登记表 for the clerk: every refund recorded, with the amount in figures and in 大写, who recorded it
    /// and when (local time). A refund reversed later stays listed, marked 已冲正 with the reversing entry's
    /// id, and counts 0 in 计入金额; the total row counts and adds up only the refunds that stand, and its 大写
    /// states that total. The columns are laid out for a landscape A4 page at full size; long ids and notes
    /// wrap. A sign-off block ends the sheet.
    ///
    /// ```swift
    /// try Workbooks.writeRefundRegister(input, to: "退费登记表.xlsx")
    /// ```
    public static func writeRefundRegister(_ input: ReportInput, to path: String) throws {
        try produce(.refundRegister, input, path: path) { book, context in
            let c = context.c
            let layout = refundRegisterColumns(c)
            let s = try context.sheet(book, name: c.t("退费登记", "Refunds"), columns: layout.count, landscape: true)
            for (column, entry) in layout.enumerated() { try s.sheet.setColumnWidth(column, entry.width) }
            try s.fitTitle()
            try s.header(layout.map(\.caption))
            let first = s.row
            for r in input.refunds { try refundRow(s, r, context) }
            let rows = s.dataRows(from: first)
            try s.filter(lastDataRow: s.row - 1)
            try refundTotals(s, input.refunds, rows: rows, c)
            try s.signOff(input.rules.printing.signOff)
        }
    }

    /// The register's columns and their widths (in characters of `0`): 123 in all, a landscape A4 page at
    /// about nine tenths of full size; ids, names, notes and times wrap.
    static func refundRegisterColumns(_ c: Captions) -> [(caption: String, width: Double)] {
        [
            (c.t("退费编号", "Refund id"), 10), (c.t("日期", "Date"), 14), (c.t("学号", "Student id"), 8),
            (c.t("姓名", "Name"), 7), (c.t("课程", "Course"), 8), (c.t("课时", "Lessons"), 5), (c.t("原因", "Reason"), 8),
            (c.t("备注", "Note"), 10), (c.t("登记人", "Recorded by"), 7), (c.t("登记时间", "Recorded at"), 11),
            (c.t("冲正单号", "Reversed by"), 9), (c.t("金额", "Amount"), 9), (c.t("金额大写", "Amount in words"), 9),
            (c.t("计入金额", "Counted"), 9),
        ]
    }

    /// Notes the program itself wrote into the ledger in both languages, shown in the workbook's language.
    static func refundNote(_ note: String, _ c: Captions) -> String {
        switch note {
        case "退课 withdrawal": return c.t("退课", "withdrawal")
        default: return note
        }
    }

    static func refundRow(_ s: ReportSheet, _ r: RefundRecord, _ context: Context) throws {
        let c = context.c
        let wrap = CellStyle.wrappedText
        let reversed = r.reversedBy != nil
        let note = refundNote(r.note, c)
        let recordedAt = PrintText.time(utc: r.recordedAt, timeZone: context.input.rules.printing.timeZone, context.language)
        let words = r.amount.isNegative ? "负" + (try r.amount.magnitude()).uppercase : r.amount.uppercase
        let reversal = r.reversedBy.map { c.t("已冲正 \($0)", "reversed by \($0)") }
        let course = r.courseName ?? r.courseId ?? ""
        try s.text(r.refundId, 0, style: wrap)
        try s.date(r.date, 1)
        try s.text(r.studentId, 2, style: wrap)
        try s.text(r.studentName, 3, style: wrap)
        try s.text(course, 4, style: wrap)
        // Lessons as a number (summed below); a refund counted in months, half-months or service days says its
        // unit.
        var unitText = ""
        if let lessons = r.lessons, let unit = r.unit, unit != .lessons {
            let text = unit.text(lessons)
            unitText = c.t(text.zh, text.en)
            try s.text(unitText, 5, style: wrap)
        } else if let lessons = r.lessons {
            try s.integer(Int64(lessons), 5)
        } else {
            try s.blank(5)
        }
        try s.text(c.reason(r.reason), 6, style: wrap)
        try s.text(note, 7, style: wrap)
        try s.text(r.recordedBy, 8, style: wrap)
        try s.text(recordedAt, 9, style: wrap)
        // A blank cell (not an empty string) when the refund stands: the total's SUMIF picks those rows.
        if let reversal { try s.text(reversal, 10, style: refundReversed) } else { try s.blank(10) }
        try s.money(r.amount, 11)
        try s.text(words, 12, style: wrap)
        try s.money(reversed ? .zero : r.amount, 13)
        try s.fitRowHeight(
            [(r.refundId, 0...0), (r.studentId, 2...2), (r.studentName, 3...3), (course, 4...4), (unitText, 5...5), (c.reason(r.reason), 6...6),
             (note, 7...7), (r.recordedBy, 8...8), (recordedAt, 9...9), (reversal ?? "", 10...10), (words, 12...12)])
        s.next()
    }

    /// A reversed refund's mark: bold on grey.
    static let refundReversed = CellStyle(bold: true, border: true, wrap: true, background: 0xD9D9D9)

    /// 合计: the number of refunds that stand, their lessons, their amount (a SUMIF over the rows with no
    /// reversal) with its 大写, and the counted column's SUM (the same figure).
    static func refundTotals(_ s: ReportSheet, _ refunds: [RefundRecord], rows: ClosedRange<Int>?, _ c: Captions) throws {
        let standing = refunds.filter { $0.reversedBy == nil }
        let total = try Money.sum(standing.map(\.amount))
        let words = total.isNegative ? "负" + (try total.magnitude()).uppercase : total.uppercase
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        let reversedCount = refunds.count - standing.count
        let count = c.t("\(standing.count) 笔", "\(standing.count) refunds")
            + (reversedCount > 0 ? c.t("（另有 \(reversedCount) 笔已冲正，不计）", " (\(reversedCount) reversed, not counted)") : "")
        try s.sheet.merge(count, rows: s.row...s.row, columns: 1...4, style: refundCountStyle)
        for column in [6, 7, 8, 9, 10] { try s.blank(column, style: .totalLabel) }
        // Only refunds counted in lessons add up here (a text cell such as `2 个月` is left out by SUMIF too).
        let lessons = Int64(standing.reduce(0) { $0 + (($1.unit ?? .lessons) == .lessons ? $1.lessons ?? 0 : 0) })
        let amountRange = rows.map { CellName.range(column: 11, rows: $0) }
        let markRange = rows.map { CellName.range(column: 10, rows: $0) }
        let lessonRange = rows.map { CellName.range(column: 5, rows: $0) }
        let lessonFormula = rows == nil ? "=0" : "=SUMIF(\(markRange!),\"\",\(lessonRange!))"
        try s.sheet.write(formula: lessonFormula, value: Double(lessons), row: s.row, column: 5, style: .integerTotal)
        let amountFormula = rows == nil ? "=0" : "=SUMIF(\(markRange!),\"\",\(amountRange!))"
        try s.sheet.write(formula: amountFormula, value: excelNumber(total), row: s.row, column: 11, style: .moneyTotal)
        try s.text(words, 12, style: refundCountStyle)
        try s.sumMoney(total, column: 13, rows: rows)
        try s.fitRowHeight([(count, 1...4), (words, 12...12)])
        s.next()
    }

    /// The total row's wrapping label cells.
    static let refundCountStyle = CellStyle(bold: true, border: true, wrap: true, background: 0xF2F2F2)
}
