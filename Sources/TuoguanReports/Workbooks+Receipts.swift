import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 收据, one per payment of `input.receipts`, for the family: the school and the collector (the rules'
    /// `collector`), the payer, the child's name and class, what for (the term and the child's courses, from
    /// the term statement), the amount in figures and in 大写, the method and the transaction id, the date,
    /// the receipt number and the sign-off. Portrait A4, as many to a page as fit (three when the courses take
    /// one line), with a cut line between them. A reprint says 补打 and the day; a reversed payment's
    /// receipt says 已冲正 and is void.
    ///
    /// ```swift
    /// var input = ReportInput(rules: rules, facts: facts, result: result)
    /// input.receipts = try ledger.receipts(.ids(["R0001"]))
    /// try Workbooks.writeReceipts(input, printedOn: today, to: "收据.xlsx")
    /// ```
    /// `a5`: one receipt to a landscape A5 page (as wide as portrait A4), no cut lines.
    public static func writeReceipts(_ input: ReportInput, printedOn: CivilDate? = nil, a5: Bool = false, to path: String) throws {
        precondition(!input.receipts.isEmpty, "receipts to print are chosen before the workbook is written")
        try produce(.receipts, input, path: path) { book, context in
            let s = try context.sheet(book, name: context.c.t("收据", "Receipts"), columns: 6, landscape: false)
            for (column, width) in receiptColumnWidths.enumerated() { try s.sheet.setColumnWidth(column, width) }
            if a5 { try s.sheet.setPage(PageSetup(paper: a5Paper, landscape: true, repeatRows: 0...0)) }
            let statements = Dictionary(input.families.map { ($0.student.id, $0) }, uniquingKeysWith: { a, _ in a })
            var used = s.titleRowHeight
            var breaks: [Int] = []
            for (index, receipt) in input.receipts.enumerated() {
                let layout = ReceiptLayout(receipt, statements[receipt.studentId], context, printedOn: printedOn)
                if index > 0 && (a5 || used + layout.height > noticePagePoints) {
                    breaks.append(s.row)
                    used = s.titleRowHeight
                }
                try writeReceipt(s, context, layout, cut: !a5 && index + 1 < input.receipts.count)
                used += layout.height
            }
            try s.sheet.setPageBreaks(beforeRows: breaks)
        }
    }

    /// Excel's paper code of A5.
    static let a5Paper: UInt8 = 11

    /// label, value, label, value, label, value: 91 characters, one portrait A4 page wide.
    static let receiptColumnWidths: [Double] = [14, 17, 13, 18, 13, 16]

    static let receiptHeading = CellStyle(bold: true, fontSize: 16, alignment: .center, verticalCenter: true)
    static let receiptMark = CellStyle(bold: true, fontSize: 12, alignment: .center, verticalCenter: true)
    static let receiptLabel = CellStyle(bold: true, border: true, verticalCenter: true)
    static let receiptValue = CellStyle(border: true, wrap: true, verticalCenter: true)

    /// One receipt, top to bottom.
    static func writeReceipt(_ s: ReportSheet, _ context: Context, _ r: ReceiptLayout, cut: Bool) throws {
        let c = context.c
        try s.sheet.merge(r.heading, rows: s.row...s.row, columns: 0...5, style: receiptHeading)
        try s.sheet.setRowHeight(s.row, 26)
        s.next()
        if let mark = r.mark {
            try s.sheet.merge(mark, rows: s.row...s.row, columns: 0...5, style: receiptMark)
            s.next()
        }
        try receiptRow(s, [(c.t("收款单位", "Received by"), r.collector, 1...3), (c.t("收据编号", "No."), r.receipt.number, 5...5)])
        try receiptRow(s, [
            (c.t("交款人", "Paid by"), r.payer, 1...1), (c.t("学生", "Student"), r.student, 3...3), (c.t("班级", "Class"), r.className, 5...5),
        ], height: r.payerHeight)
        try receiptRow(s, [(c.t("收款事由", "For"), r.purpose, 1...5)], height: r.purposeHeight)
        try s.text(c.t("金额大写", "In words"), 0, style: receiptLabel)
        try s.sheet.merge(r.words, rows: s.row...s.row, columns: 1...3, style: receiptValue)
        try s.text(c.t("金额小写", "Amount"), 4, style: receiptLabel)
        try s.money(r.receipt.amount, 5)
        s.next()
        try receiptRow(s, [
            (c.t("收款方式", "Method"), r.receipt.method.traceName.text(context.language), 1...1),
            (r.receipt.isTransfer ? c.t("交易单号", "Txn id") : c.t("单号", "Entry"), r.receipt.entryId, 3...5),
        ])
        try receiptRow(s, [(c.t("收款日期", "Date"), PrintText.date(r.receipt.date, context.language), 1...5)])
        try s.signOff(context.input.rules.printing.signOff)
        if cut { try noticeCut(s, pad: 0) }
    }

    /// A row of label/value pairs; each value spans `columns`, its label the column before.
    static func receiptRow(_ s: ReportSheet, _ pairs: [(String, String, ClosedRange<Int>)], height: Double? = nil) throws {
        for (label, value, columns) in pairs {
            try s.text(label, columns.lowerBound - 1, style: receiptLabel)
            if columns.count == 1 {
                try s.text(value, columns.lowerBound, style: receiptValue)
            } else {
                try s.sheet.merge(value, rows: s.row...s.row, columns: columns, style: receiptValue)
            }
        }
        if let height, height > NoticeLayout.oneLine { try s.sheet.setRowHeight(s.row, height) }
        s.next()
    }
}

/// One receipt's texts and its height in points, so receipts can be placed on pages before they are written.
struct ReceiptLayout {
    let receipt: PaymentReceipt
    let heading: String
    /// 补打 … / 已冲正 …, or nil.
    let mark: String?
    let collector: String
    let payer: String
    let student: String
    let className: String
    let purpose: String
    let purposeHeight: Double
    /// The payer's row: a long nickname or name wraps.
    let payerHeight: Double
    let words: String
    let height: Double

    init(_ r: PaymentReceipt, _ statement: StudentStatement?, _ context: Workbooks.Context, printedOn: CivilDate?) {
        let c = context.c
        let rules = context.input.rules
        let language = context.language
        receipt = r
        heading = rules.school + " " + c.t("课后服务费收据", "after-school care: receipt")
        var marks: [String] = []
        if let reversed = r.reversedOn {
            marks.append(c.t("已冲正（\(PrintText.date(reversed, language))），本收据作废", "REVERSED (\(PrintText.date(reversed, language))): this receipt is void"))
        }
        if let first = r.firstPrintedOn {
            let day = printedOn.map { PrintText.date($0, language) } ?? ""
            marks.append(c.t("补打 \(day)（首次打印于 \(PrintText.date(first, language))）", "REPRINT \(day) (first printed \(PrintText.date(first, language)))"))
        }
        mark = marks.isEmpty ? nil : marks.joined(separator: "  ")
        let by = rules.collector == .school ? c.t("学校", "the school") : c.t("家长委员会", "the parents' committee")
        collector = c.t("\(rules.school)（\(by)）", "\(rules.school) (\(by))")
        payer = r.payer.flatMap { $0.isEmpty ? nil : $0 } ?? c.t("学生家长", "family")
        let name = statement?.student.name ?? r.studentId
        student = "\(name)（\(r.studentId)）"
        className = statement?.student.className ?? ""
        let widths = Workbooks.receiptColumnWidths
        payerHeight = [(payer, widths[1]), (student, widths[3]), (className, widths[5])]
            .map { NoticeLayout.height($0.0, width: $0.1) }.max() ?? NoticeLayout.oneLine
        let courses = (statement?.lines ?? []).filter { $0.gross.fen > 0 }.map(\.courseName)
        purpose = rules.termTitle + " " + c.t("课后服务费", "after-school care")
            + (courses.isEmpty ? "" : c.t("：", ": ") + courses.joined(separator: c.t("、", ", ")))
        purposeHeight = NoticeLayout.height(purpose, width: widths[1...].reduce(0, +))
        words = c.t("人民币", "RMB ") + r.amount.uppercase
        let line = NoticeLayout.oneLine
        // Heading 26, the mark, the collector, the payer, the purpose, the amount, the method, the date row, the sign-off, the cut line.
        height = 26 + (mark == nil ? 0 : line) + 4 * line + payerHeight + purposeHeight + Workbooks.noticeSignOffPoints + line
    }
}
