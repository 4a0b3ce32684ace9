import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 缴费/结算通知单, one per family, for the class teacher to hand out: the family's courses with how each
    /// charge was computed, 应收, 已缴, 已退, then 应补 or 应退 in figures and in 大写, how and by when to pay
    /// or collect (rules `[notices]`), whom to ask, and a sign-off. Every class on one sheet, class after class
    /// (or only `className`); a notice that fits on half an A4 page shares its page with the next, a cut line
    /// between them, else it has a page of its own.
    /// The figures are the term statement's (``ReportInput/result``), not computed again.
    ///
    /// ```swift
    /// let count = try Workbooks.writeNotices(input, className: "1年级1班", to: "缴费结算通知单-1年级1班.xlsx")
    /// ```
    ///
    /// Only the families with something to pay or to collect get a notice, unless `everyFamily` (`--all`).
    @discardableResult
    public static func writeNotices(
        _ input: ReportInput, className: String? = nil, everyFamily: Bool = false, to path: String
    ) throws -> Int {
        let classes = try noticeClasses(Array(input.families), className: className).compactMap { group in
            let families = everyFamily ? group.students : group.students.filter { $0.balance.fen != 0 }
            return families.isEmpty ? nil : (className: group.className, students: families)
        }
        try produce(.notices, input, path: path, constantMemory: true) { book, context in
            let courses = context.coursesById
            func sheet(_ name: String) throws -> ReportSheet {
                let s = try context.sheet(book, name: name, columns: 5, landscape: false)
                for (column, width) in noticeColumnWidths.enumerated() { try s.sheet.setColumnWidth(column, width) }
                return s
            }
            // Two to a page with a cut line between them, class after class (each notice names its class):
            // one class on a sheet of its own name, every class on one sheet.
            let name = className.map(ClassName.canonical) ?? context.c.t("全部班级", "All classes")
            try fillNotices(sheet(name), context, [classes.flatMap(\.students)], courses: courses)
        }
        return classes.reduce(0) { $0 + $1.students.count }
    }

    /// Column widths of a notice (characters): 课程, 计算过程, 原价, 减免, 应收; 88 in all, one portrait A4 page wide.
    static let noticeColumnWidths: [Double] = [14, 42, 10, 10, 12]

    /// The students by class, classes in order of first appearance; only `className` if given. An unknown
    /// class is an `unknown-reference` error listing the classes there are.
    static func noticeClasses(
        _ students: [StudentStatement], className: String?
    ) throws -> [(className: String, students: [StudentStatement])] {
        var order: [String] = []
        var byClass: [String: [StudentStatement]] = [:]
        for st in students {
            if byClass[st.student.className] == nil { order.append(st.student.className) }
            byClass[st.student.className, default: []].append(st)
        }
        order.sort(by: ClassName.ordered)
        guard let className = className.map(ClassName.canonical) else { return order.map { ($0, byClass[$0] ?? []) } }
        guard let group = byClass[className] else {
            let known = order.prefix(20).joined(separator: ", ") + (order.count > 20 ? " …" : "")
            throw TuoguanError(
                .unknownReference, zh: "没有班级“\(className)”的学生", en: "no student is in class \"\(className)\"",
                fix: order.isEmpty
                    ? LocalizedText(zh: "先导入学生名单", en: "import the students first")
                    : LocalizedText(zh: "已有的班级：\(known)", en: "the classes are: \(known)"))
        }
        return [(className, group)]
    }

    /// Points of one printed page's body (A4 portrait between the margins, a little to spare), and half of it.
    static let noticePagePoints = 720.0
    static let noticeHalfPagePoints = 360.0

    /// Writes the notices one after another, each class (group) from a new page: a notice of at most half a
    /// page starts at the top or in the middle of a page (the first half padded to the middle, with a cut
    /// line); a longer one starts a page.
    static func fillNotices(
        _ s: ReportSheet, _ context: Context, _ classes: [[StudentStatement]], courses: CoursesById
    ) throws {
        let title = 24.0  // the sheet's title row, repeated at the top of every page
        var used = title  // points used on this page
        var pageHasNotice = false
        var secondHalfFree = false
        var breaks: [Int] = []
        for students in classes {
            secondHalfFree = false
            for st in students {
                let notice = try NoticeLayout(st, context, courses: courses)
                if secondHalfFree && notice.height <= noticeHalfPagePoints - 15 {
                    try noticeCut(s, pad: noticeHalfPagePoints - used)
                    try writeNotice(s, context, notice)
                    secondHalfFree = false
                    continue
                }
                if pageHasNotice {
                    breaks.append(s.row)
                    used = title
                }
                try writeNotice(s, context, notice)
                pageHasNotice = true
                used += notice.height
                // A notice that ends in the first half leaves the second half to the next one.
                secondHalfFree = used <= noticeHalfPagePoints
            }
        }
        try s.sheet.setPageBreaks(beforeRows: breaks)
    }

    /// The middle of a page: a row of `pad` points (if any), then the cut line.
    static func noticeCut(_ s: ReportSheet, pad: Double) throws {
        if pad >= 1 {
            try s.sheet.setRowHeight(s.row, pad)
            s.next()
        }
        try s.sheet.merge(
            String(repeating: "- ", count: 24) + s.t("✂ 沿此线剪开", "✂ cut here") + String(repeating: " -", count: 24),
            rows: s.row...s.row, columns: 0...4, style: noticeCutLine)
        s.next()
    }

    static let noticeHeading = CellStyle(bold: true, fontSize: 14, alignment: .center, verticalCenter: true)
    static let noticeSubheading = CellStyle(alignment: .left, verticalCenter: true)
    static let noticeCutLine = CellStyle(alignment: .center, verticalCenter: true)
    static let noticeText = CellStyle(wrap: true, alignment: .left, verticalCenter: true)

    /// One family's notice, top to bottom (``NoticeLayout`` has its texts and row heights).
    static func writeNotice(_ s: ReportSheet, _ context: Context, _ n: NoticeLayout) throws {
        let c = context.c
        let st = n.statement
        try s.sheet.merge(c.t("课后服务缴费/结算通知单", "After-school care: payment and settlement notice"), rows: s.row...s.row, columns: 0...4, style: noticeHeading)
        try s.sheet.setRowHeight(s.row, 24)
        s.next()
        try s.sheet.merge(n.subheading, rows: s.row...s.row, columns: 0...4, style: noticeSubheading)
        s.next()
        let chargedRow = try noticeCourseLines(s, c, n)
        let paidRow = s.row
        try noticeMoneyRow(s, c.t("已缴", "Paid"), n.receipts, st.paid)
        let refundedRow = s.row
        try noticeMoneyRow(s, c.t("已退", "Refunded"), n.refunds, st.refunded)
        let e = { (row: Int) in CellName.cell(row: row, column: 4) }
        // 应补 = 应缴 − 已缴 + 已退; 应退 = 已缴 − 已退 − 应缴; 已结清: either is 0.
        let formula = st.balance.fen < 0
            ? "=\(e(paidRow))-\(e(refundedRow))-\(e(chargedRow))" : "=\(e(chargedRow))-\(e(paidRow))+\(e(refundedRow))"
        try s.text(n.outcomeLabel, 0, style: .totalLabel)
        try s.text(n.outcomeWords, 1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.blank(3, style: .totalLabel)
        try s.sheet.write(formula: formula, value: excelNumber(n.outcomeAmount), row: s.row, column: 4, style: .moneyTotal)
        s.next()
        for (text, height) in n.closing {
            try s.sheet.merge(text, rows: s.row...s.row, columns: 0...4, style: noticeText)
            if height > NoticeLayout.oneLine { try s.sheet.setRowHeight(s.row, height) }
            s.next()
        }
        // The sign-off on one row (a notice is half a page): 制表人, 审核人, 家委会财经小组（签字）, 日期.
        try s.sheet.merge(n.signOff.text, rows: s.row...s.row, columns: 0...4, style: ReportSheet.signOffStyle)
        try s.sheet.setRowHeight(s.row, n.signOff.height)
        s.next()
    }

    /// `已缴` / `已退`: the receipts (or refunds) one per line, and the amount.
    /// A notice's courses: the header, each course with how it was charged (gross, waived, due), and the
    /// total row (sums as formulas holding the statement's figures). Returns the total row; the sheet's next
    /// row follows it. The payment notice and the top-up notice share it.
    static func noticeCourseLines(_ s: ReportSheet, _ c: Captions, _ n: NoticeLayout) throws -> Int {
        let st = n.statement
        for (column, caption) in [c.t("课程", "Course"), c.t("计算过程", "How it was computed"), c.t("原价", "Gross"), c.t("减免", "Waived"), c.t("应缴", "Due")].enumerated() {
            try s.text(caption, column, style: .header)
        }
        s.next()
        let firstLine = s.row
        for (line, trace) in zip(st.lines, n.traces) {
            try s.text(line.courseName, 0, style: .wrappedText)
            try s.text(trace.text, 1, style: .wrappedText)
            try s.money(line.gross, 2)
            try s.money(line.waived, 3)
            try s.money(line.due, 4)
            if trace.height > NoticeLayout.oneLine { try s.sheet.setRowHeight(s.row, trace.height) }
            s.next()
        }
        let lineRows = s.dataRows(from: firstLine)
        let totalRow = s.row
        try s.text(c.t("应缴合计", "Due, total"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.sumMoney(try Money.sum(st.lines.map(\.gross)), column: 2, rows: lineRows)
        try s.sumMoney(try Money.sum(st.lines.map(\.waived)), column: 3, rows: lineRows)
        try s.sumMoney(st.due, column: 4, rows: lineRows)
        s.next()
        return totalRow
    }

    static func noticeMoneyRow(_ s: ReportSheet, _ label: String, _ items: (text: String, height: Double), _ amount: Money) throws {
        try s.text(label, 0)
        try s.text(items.text, 1, style: .wrappedText)
        if items.height > NoticeLayout.oneLine { try s.sheet.setRowHeight(s.row, items.height) }
        try s.blank(2)
        try s.blank(3)
        try s.money(amount, 4)
        s.next()
    }


    /// Points the shared sign-off block takes (``ReportSheet/signOff(_:)``): a blank row and two rows for
    /// signatures (the receipts use it; a notice signs on one row, ``NoticeLayout/signOff``).
    static let noticeSignOffPoints = NoticeLayout.oneLine + 2 * ReportSheet.signOffRowHeight
}

/// One family's notice laid out: its texts and the height of each row in points, so that notices can be
/// placed on half pages before they are written. Wrapped text gets one 15-point line per line it takes
/// in its column (``TextWidth/wrappedLines(_:columnWidth:)``).
struct NoticeLayout {
    let statement: StudentStatement
    let subheading: String
    /// Per charge line: its trace, one step per line, and the row's height.
    let traces: [(text: String, height: Double)]
    let receipts: (text: String, height: Double)
    let refunds: (text: String, height: Double)
    /// `应补金额` / `应退金额` / `结余`, the amount in 大写, and the amount (≥ 0).
    let outcomeLabel: String
    let outcomeWords: String
    let outcomeAmount: Money
    /// How and when to pay or collect, whom to ask: merged rows across the notice.
    let closing: [(text: String, height: Double)]
    /// 制表人, 审核人, 家委会财经小组（签字）and 日期 on one row, at least a signature's height.
    let signOff: (text: String, height: Double)
    /// Points of the whole notice.
    let height: Double
    /// A row's default height, in points (one line of 11-point text).
    static let oneLine = 15.0

    /// `courses`: every course by id (to ask how each line was reached).
    init(_ st: StudentStatement, _ context: Workbooks.Context, courses: CoursesById) throws {
        let c = context.c
        let language = context.language
        let rules = context.input.rules
        let p = rules.publication
        let widths = Workbooks.noticeColumnWidths
        let textWidth = widths[1]
        let fullWidth = widths.reduce(0, +)
        let line = NoticeLayout.oneLine
        statement = st
        subheading = c.t(
            "\(rules.school)  \(rules.termTitle)    班级：\(st.student.className)    学生：\(st.student.name)（学号 \(st.student.id)）",
            "\(rules.school)  \(rules.termTitle)    Class: \(st.student.className)    Student: \(st.student.name) (ID \(st.student.id))")
        traces = try Workbooks.lineTraces(st, context, courses: courses).map { text in
            (text, NoticeLayout.height(text, width: textWidth))
        }
        let receiptText = st.payments.map {
            c.t("收据 \($0.receipt)  \($0.date.chinese)  \($0.amount.formatted())", "receipt \($0.receipt)  \($0.date)  \($0.amount.formatted())")
        }.joined(separator: "\n")
        receipts = (receiptText, NoticeLayout.height(receiptText, width: textWidth))
        let refundText = st.refunds.map {
            c.t("退费 \($0.refundId)  \($0.date.chinese)  \($0.amount.formatted())", "refund \($0.refundId)  \($0.date)  \($0.amount.formatted())")
        }.joined(separator: "\n")
        refunds = (refundText, NoticeLayout.height(refundText, width: textWidth))
        var closing: [String]
        let date = { (d: CivilDate?) in d.map { PrintText.date($0, language) } ?? c.t("____年__月__日", "____-__-__") }
        if st.balance.fen > 0 {
            outcomeLabel = c.t("应补金额", "To pay")
            outcomeAmount = st.balance
            closing = [
                c.t("缴费方式：", "How to pay: ") + (p.payHow ?? "________________________")
                    + c.t("；请于 \(date(p.payBy)) 前缴清。", "; please pay by \(date(p.payBy)).")
            ]
        } else if st.balance.fen < 0 {
            outcomeLabel = c.t("应退金额", "To refund")
            outcomeAmount = try st.balance.magnitude()
            closing = [
                c.t("退费方式：", "How the refund is paid: ") + (p.collectHow ?? "________________________")
                    + c.t("；于 \(date(p.collectBy)) 前退还。", "; paid back by \(date(p.collectBy)).")
            ]
        } else {
            outcomeLabel = c.t("结余", "Balance")
            outcomeAmount = .zero
            closing = [c.t("本学期费用已结清，无需补缴或退费。", "The term is settled: nothing to pay, nothing to refund.")]
        }
        outcomeWords = c.t("人民币（大写）", "in words: ") + outcomeAmount.uppercase
        closing.append(c.t("如有疑问，请联系：", "Questions: ") + (p.contact ?? c.t("班主任", "the class teacher")))
        self.closing = closing.map { ($0, NoticeLayout.height($0, width: fullWidth)) }
        // Shorter lines to sign on than the workbooks' block, so that the four fit on one printed line.
        let names = rules.printing.signOff
        let blank = { (name: String) in name.isEmpty ? "__________" : name }
        let signOffText = c.t(
            "制表人：\(blank(names.preparedBy))    审核人：\(blank(names.reviewedBy))    家委会财经小组（签字）：\(blank(names.financeGroup))    日期：____年__月__日",
            "Prepared by: \(blank(names.preparedBy))    Checked by: \(blank(names.reviewedBy))    Finance group: \(blank(names.financeGroup))    Date: ____-__-__")
        signOff = (signOffText, max(ReportSheet.signOffRowHeight, NoticeLayout.height(signOffText, width: fullWidth)))
        // Heading 24, subheading, header, lines, 应收合计, 已缴, 已退, the outcome, closing, sign-off, a cut line.
        height = 24 + line + line + traces.reduce(0) { $0 + $1.height } + line + receipts.height + refunds.height + line
            + self.closing.reduce(0) { $0 + $1.height } + signOff.height + line
    }

    /// The height of a row whose text wraps in a column `width` characters wide.
    /// A row of one line keeps the default height.
    static func height(_ text: String, width: Double) -> Double {
        let lines = TextWidth.wrappedLines(text, columnWidth: width)
        return lines > 1 ? TextWidth.rowHeight(lines: lines) : oneLine
    }
}
