import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 补缴通知: a notice for every family that still owes after the term's settlement (应补 > 0), for the class
    /// teacher to hand out. Each says how the term was charged (every course's steps, as `explain` and the
    /// payment notices give them), the balance carried in from the term before (if any), what the family paid
    /// and had back, what is still due in figures and in 大写 (应缴 + 上期结转 − 已缴 + 已退, a formula holding
    /// the statement's balance), how and by when to pay (rules
    /// `[notices] pay_how`, `pay_by`) and whom to ask. One sheet per class (or only `className`), classes in
    /// the order of the families who owe (``owedByClass(_:className:)``), largest first; two notices share a
    /// portrait A4 page, with a cut line, when each fits on half of it. Returns the notices written.
    ///
    /// ```swift
    /// let count = try Workbooks.writeTopUpNotices(input, to: "reports/补缴通知.xlsx")
    /// ```
    @discardableResult
    public static func writeTopUpNotices(_ input: ReportInput, className: String? = nil, to path: String) throws -> Int {
        let classes = try owedByClass(input.result, className: className)
        try produce(.topUpNotices, input, path: path) { book, context in
            let courses = context.coursesById
            if classes.isEmpty {
                let s = try context.sheet(book, name: context.c.t("补缴通知", "Top-up notices"), columns: 5, landscape: false)
                try s.note(context.c.t("没有需要补缴的家庭。", "No family has anything left to pay."))
                return
            }
            for group in classes {
                let s = try context.sheet(book, name: group.className, columns: 5, landscape: false)
                for (column, width) in noticeColumnWidths.enumerated() { try s.sheet.setColumnWidth(column, width) }
                try fillTopUpNotices(s, context, group.families, courses: courses)
            }
        }
        return classes.reduce(0) { $0 + $1.families.count }
    }

    /// The notices of one class, one after another: a notice of at most half a page shares its page with the
    /// next one (the first half padded to the middle, then a cut line); a longer one has a page of its own.
    static func fillTopUpNotices(
        _ s: ReportSheet, _ context: Context, _ families: [StudentStatement], courses: CoursesById
    ) throws {
        var used = s.titleRowHeight
        var secondHalfFree = false
        var breaks: [Int] = []
        for (index, st) in families.enumerated() {
            let notice = try NoticeLayout(st, context, courses: courses)
            let height = notice.height + topUpIntroPoints + (st.opening.isZero ? 0 : NoticeLayout.oneLine)
            if secondHalfFree && height <= noticeHalfPagePoints - NoticeLayout.oneLine {
                try noticeCut(s, pad: noticeHalfPagePoints - used)
                try writeTopUpNotice(s, context, notice)
                secondHalfFree = false
                continue
            }
            if index > 0 {
                breaks.append(s.row)
                used = s.titleRowHeight
            }
            try writeTopUpNotice(s, context, notice)
            used += height
            secondHalfFree = used <= noticeHalfPagePoints
        }
        try s.sheet.setPageBreaks(beforeRows: breaks)
    }

    /// The line under the heading that says why the notice comes (two lines of the notice's width).
    static let topUpIntroPoints = 2 * NoticeLayout.oneLine

    /// One family's top-up notice, top to bottom; its texts and figures are ``NoticeLayout``'s (the same as
    /// the payment notice's), its heading, opening and closing its own.
    static func writeTopUpNotice(_ s: ReportSheet, _ context: Context, _ n: NoticeLayout) throws {
        let c = context.c
        let st = n.statement
        assert(st.balance.fen > 0, "a top-up notice for a family that owes nothing")
        try s.sheet.merge(c.t("课后服务费用补缴通知", "After-school care: notice to pay the balance"), rows: s.row...s.row, columns: 0...4, style: noticeHeading)
        try s.sheet.setRowHeight(s.row, 24)
        s.next()
        try s.sheet.merge(n.subheading, rows: s.row...s.row, columns: 0...4, style: noticeSubheading)
        s.next()
        let intro = c.t(
            "尊敬的家长：本学期课后服务费按实际结算（多退少补）。按下列计算，本学期应缴的费用多于您已缴（扣除已退）的费用，尚需补缴的金额如下。",
            "Dear parents: this term's after-school care is settled by actual use. As computed below, what the term comes to is more than what you paid (less refunds); the balance below is still to pay.")
        try s.sheet.merge(intro, rows: s.row...s.row, columns: 0...4, style: noticeText)
        try s.sheet.setRowHeight(s.row, max(topUpIntroPoints, NoticeLayout.height(intro, width: noticeColumnWidths.reduce(0, +))))
        s.next()
        let dueRow = try noticeCourseLines(s, c, n)
        let e = { (row: Int) in CellName.cell(row: row, column: 4) }
        // 尚需补缴 = 应缴 (+ 上期结转) − 已缴 + 已退: the statement's balance, above zero.
        var owed = "=\(e(dueRow))"
        if !st.opening.isZero {
            owed += "+\(e(s.row))"
            try noticeMoneyRow(
                s, c.t("上期结转", "Carried in"),
                (st.opening.isNegative
                    ? c.t("上学期的结余，结转本学期抵扣", "credit from the term before, deducted")
                    : c.t("上学期的欠缴，结转本学期", "owed from the term before, carried"), NoticeLayout.oneLine), st.opening)
        }
        let paidRow = s.row
        try noticeMoneyRow(s, c.t("已缴", "Paid"), n.receipts, st.paid)
        let refundedRow = s.row
        try noticeMoneyRow(s, c.t("已退", "Refunded"), n.refunds, st.refunded)
        owed += "-\(e(paidRow))+\(e(refundedRow))"
        try s.text(c.t("尚需补缴", "Still to pay"), 0, style: .totalLabel)
        try s.text(c.t("人民币（大写）", "in words: ") + st.balance.uppercase, 1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.blank(3, style: .totalLabel)
        try s.sheet.write(formula: owed, value: excelNumber(st.balance), row: s.row, column: 4, style: .moneyTotal)
        s.next()
        for (text, height) in n.closing {
            try s.sheet.merge(text, rows: s.row...s.row, columns: 0...4, style: noticeText)
            if height > NoticeLayout.oneLine { try s.sheet.setRowHeight(s.row, height) }
            s.next()
        }
        try s.signOff(context.input.rules.printing.signOff)
    }
}
