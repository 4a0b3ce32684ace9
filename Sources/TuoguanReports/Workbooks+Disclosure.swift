import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 收支公示 for ALL parents: income, refunds, net, the split into pools with a pie chart, each pool's
    /// spending, and the families' accounts with masked names (`张*明`) or only counts per class, as
    /// `rules.disclosure` says. No child's full name or id appears.
    ///
    /// ```swift
    /// try Workbooks.writeDisclosure(input, to: "收支公示.xlsx")
    /// ```
    public static func writeDisclosure(_ input: ReportInput, to path: String) throws {
        try produce(.disclosure, input, path: path) { book, context in try disclosureSheets(book, context) }
    }

    /// The disclosure as a job of one part (its sheets) and its close, which another thread may do
    /// (``run(_:threads:familiesOnCaller:)``).
    static func disclosureJob(_ input: ReportInput, path: String) throws -> WorkbookJob {
        try job(.disclosure, input, path: path, constantMemory: false) { book, context in
            [{ try disclosureSheets(book, context) }]
        }
    }

    /// The disclosure's sheets, in order.
    static func disclosureSheets(_ book: Workbook, _ context: Context) throws {
        try disclosureFund(book, context)
        if !context.input.result.fund.spending.expenses.isEmpty { try disclosureExpenses(book, context) }
        switch context.input.rules.disclosure {
        case .maskedNames: try disclosureMaskedStudents(book, context)
        case .countsOnly: try disclosureClassCounts(book, context)
        }
    }

    static func disclosureFund(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let s = try context.sheet(book, name: c.t("收支公示", "Disclosure"), columns: 5, landscape: false)
        try s.sheet.setColumnWidth(0, 22)
        for column in 1...4 { try s.sheet.setColumnWidth(column, 14) }
        try disclosureIncome(s, context)
        s.next()
        let poolRows = try disclosurePools(s, context)
        s.next()
        try disclosureOutside(s, context)
        s.next()
        if let rows = poolRows {
            let chart = ChartSpec(
                kind: .pie, title: c.t("经费分配", "Split of the fund"), seriesName: c.t("分配金额", "Allocated"),
                categories: CellRange(sheet: s.name, column: 0, rows: rows),
                values: CellRange(sheet: s.name, column: 2, rows: rows))
            try s.sheet.insertChart(chart, row: s.row, column: 0)
            // The chart is 288 px high: 15 rows of the default 20 px, and one to spare.
            s.row += 16
        }
        try disclosureClosing(s, context)
    }

    /// 收入, 退费, 实收净额 (a formula), 应收, 分配基数.
    static func disclosureIncome(_ s: ReportSheet, _ context: Context) throws {
        let c = context.c
        let fund = context.input.result.fund
        try s.header([c.t("项目", "Item"), c.t("金额", "Amount"), c.t("说明", "Note"), "", ""])
        let incomeRow = s.row
        try s.text(c.t("收入（家长缴费）", "Income (fees received)"), 0)
        try s.money(fund.income, 1)
        try s.text(c.t("本学期实收", "received this term"), 2)
        s.next()
        let refundsRow = s.row
        try s.text(c.t("退费", "Refunds"), 0)
        try s.money(fund.refunds, 1)
        try s.text(c.t("本学期退还家长", "paid back to families"), 2)
        s.next()
        try s.text(c.t("实收净额", "Net cash"), 0, style: .totalLabel)
        try s.sheet.write(
            formula: "=\(CellName.cell(row: incomeRow, column: 1))-\(CellName.cell(row: refundsRow, column: 1))",
            value: excelNumber(try fund.income - fund.refunds), row: s.row, column: 1, style: .moneyTotal)
        try s.text(c.t("收入 − 退费", "income − refunds"), 2)
        s.next()
        try s.text(c.t("应收（减免及结算后）", "Earned (after waivers and settlement)"), 0)
        try s.money(fund.earned, 1)
        try s.text(c.t("全体学生应收合计", "sum of all students' charges"), 2)
        s.next()
        try s.text(c.t("分配基数", "Split basis"), 0, style: .totalLabel)
        try s.money(fund.net, 1, style: .moneyTotal)
        try s.text(
            fund.basis == .earned ? c.t("按应收分配", "split of fees earned") : c.t("按实收净额分配", "split of net cash"), 2)
        s.next()
    }

    /// Per pool: share, allocated, spent (the expenses recorded against it), balance (a formula); totals.
    /// Returns the pools' rows (for the pie chart).
    static func disclosurePools(_ s: ReportSheet, _ context: Context) throws -> ClosedRange<Int>? {
        let c = context.c
        let fund = context.input.result.fund
        for (column, caption) in [
            c.t("经费项目", "Pool"), c.t("比例", "Share"), c.t("分配金额", "Allocated"), c.t("已支出", "Spent"),
            c.t("结余", "Remaining"),
        ].enumerated() {
            try s.text(caption, column, style: .header)
        }
        s.next()
        let first = s.row
        for share in fund.pools {
            try s.text(share.pool.name, 0)
            // A share, not money: basis points / 10,000 shown as a percentage.
            try s.decimal(Double(share.pool.basisPoints) / 10_000, 1, style: .percent)
            try s.money(share.amount, 2)
            try s.money(share.spent, 3)
            try s.sheet.write(
                formula: "=\(CellName.cell(row: s.row, column: 2))-\(CellName.cell(row: s.row, column: 3))",
                value: excelNumber(share.balance), row: s.row, column: 4, style: .money)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.sumDecimal(
            Double(fund.pools.reduce(Int64(0)) { $0 + $1.pool.basisPoints }) / 10_000, column: 1, rows: rows,
            style: CellStyle(bold: true, numberFormat: "0.00%", border: true, background: 0xF2F2F2))
        try s.sumMoney(try Money.sum(fund.pools.map(\.amount)), column: 2, rows: rows)
        try s.sumMoney(fund.spending.fromPools, column: 3, rows: rows)
        try s.sumMoney(try Money.sum(fund.pools.map(\.balance)), column: 4, rows: rows)
        s.next()
        return rows
    }

    /// What was paid outside the fees' split, each on its own line: the per-student-hour subsidies and the
    /// outside institutions' pay (due, paid, still to pay); then all spending of the term.
    static func disclosureOutside(_ s: ReportSheet, _ context: Context) throws {
        let c = context.c
        let spending = context.input.result.fund.spending
        for (column, caption) in [
            c.t("其他支出", "Other spending"), c.t("应付", "Due"), c.t("已支付", "Paid"), c.t("未付", "Unpaid"), "",
        ].enumerated() {
            try s.text(caption, column, style: .header)
        }
        s.next()
        let first = s.row
        for (label, due, paid) in [
            (c.t("课时补贴（财政）", "Subsidies (per student-hour)"), spending.subsidiesDue, spending.subsidies),
            (c.t("校外机构课酬", "Outside institutions' pay"), spending.outsideDue, spending.outside),
        ] {
            try s.text(label, 0)
            try s.money(due, 1)
            try s.money(paid, 2)
            try s.sheet.write(
                formula: "=\(CellName.cell(row: s.row, column: 1))-\(CellName.cell(row: s.row, column: 2))",
                value: excelNumber(try due - paid), row: s.row, column: 3, style: .money)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.sumMoney(try spending.subsidiesDue + spending.outsideDue, column: 1, rows: rows)
        try s.sumMoney(try spending.subsidies + spending.outside, column: 2, rows: rows)
        try s.sumMoney(
            try (spending.subsidiesDue + spending.outsideDue) - (spending.subsidies + spending.outside), column: 3, rows: rows)
        s.next()
        s.next()
        // Under 已支付: what was paid, from the pools and outside them.
        try s.text(c.t("本学期支出合计", "All spending this term"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.money(spending.total, 2, style: .moneyTotal)
        try s.text(c.t("各项目已支出 + 补贴 + 校外课酬", "pools + subsidies + outside pay"), 3)
        s.next()
        // What the budget checks count: the spending plus what is due and not yet paid (``TermSpending/committed()``).
        let committed = try spending.committed()
        try s.text(c.t("本学期已承付合计", "Committed this term"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.money(committed.total, 2, style: .moneyTotal)
        try s.text(c.t("已支出 + 应付未付（预算检查按此计）", "spent + due, not yet paid (what the budget checks count)"), 3)
        s.next()
    }

    /// The notes, the 公示期 and whom to ask (rules `[disclosure] from`, `to`, `contact`; blanks to fill in when
    /// not written), and the sign-off block.
    static func disclosureClosing(_ s: ReportSheet, _ context: Context) throws {
        let c = context.c
        let p = context.input.rules.publication
        try s.note(
            c.t("已支出为记账的实际支出；课时补贴、校外机构课酬不从家长缴费中列支，单列。",
                "Spent is what was recorded as paid; subsidies and outside pay are not paid from the fees and stand on their own lines."))
        try s.note(disclosurePrivacySentence(context))
        let period = p.disclosurePeriod.map { PrintText.date($0.from, context.language) + c.t(" 至 ", " to ") + PrintText.date($0.to, context.language) }
            ?? c.t("____年__月__日 至 ____年__月__日", "____-__-__ to ____-__-__")
        if let note = try unassignedNote(context) { try s.note(note) }
        try s.note(c.t("公示期：", "Disclosure period: ") + period)
        try s.note(c.t("如有疑问，请联系：", "Questions: ") + (p.contact ?? "________________"))
        try s.signOff(context.input.rules.printing.signOff)
        try s.approval(context.input.approvals[.disclosure])
    }

    /// 支出明细: every expense recorded and not reversed, by date, and their total (the term's spending).
    static func disclosureExpenses(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let spending = context.input.result.fund.spending
        let pools = Dictionary(context.input.rules.split.pools.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let captions = [
            c.t("序号", "No."), c.t("日期", "Date"), c.t("经费项目", "Paid from"), c.t("金额", "Amount"),
            c.t("收款方", "Payee"), c.t("用途", "For"),
        ]
        let s = try context.sheet(book, name: c.t("支出明细", "Expenses"), columns: captions.count, landscape: true)
        try s.sheet.setColumnWidth(5, 30)
        try s.header(captions)
        let first = s.row
        for (i, expense) in spending.expenses.enumerated() {
            try s.integer(Int64(i + 1), 0)
            try s.date(expense.date, 1)
            switch expense.line {
            case .pool(let id): try s.text(pools[id] ?? id, 2)
            case .subsidies: try s.text(c.t("课时补贴", "Subsidies"), 2)
            case .outside: try s.text(c.t("校外机构课酬", "Outside pay"), 2)
            }
            try s.money(expense.amount, 3)
            try s.text(expense.payee, 4)
            try s.text(expense.note, 5, style: .wrappedText)
            try s.fitRowHeight([(expense.note, 5...5)])
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        for column in [1, 2, 4, 5] { try s.blank(column, style: .totalLabel) }
        assert(spending.expenses.reduce(Int64(0)) { $0 + $1.amount.fen } == spending.total.fen, "expenses ≠ spending.total")
        try s.sumMoney(spending.total, column: 3, rows: rows)
        s.next()
    }

    /// What the first page says of the families' figures, in agreement with the page that follows it
    /// (`[disclosure] names`).
    static func disclosurePrivacySentence(_ context: Context) -> String {
        let c = context.c
        switch context.input.rules.disclosure {
        case .maskedNames:
            return c.t(
                "“缴费情况”页每个家庭一行，列出其费用、缴费、退费和结余，姓名只显示首尾字（如 张*明），不含学号和电话。",
                "The Accounts page has a row per family with its fees, payments, refunds and balance, names masked (张*明), without ids or phones.")
        case .countsOnly:
            return c.t(
                "“按班统计”页只列各班人数和金额合计，不含学生姓名、学号和电话。",
                "The By class page gives each class's number of students and totals only: no child's name, id or phone.")
        }
    }

    /// Per-student accounts with masked names: no id, no full name. A row per family: the sheet is written in
    /// constant memory (its text in its cells), so a district's families are not all held until the file is
    /// written.
    static func disclosureMaskedStudents(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let captions = [
            c.t("序号", "No."), c.t("姓名", "Name"), c.t("班级", "Class"), c.t("应缴", "Due"),
            c.t("已缴", "Paid"), c.t("已退", "Refunded"), c.t("结余", "Balance"),
        ]
        // The caption says what the page shows, in the title row printed at the top of every page.
        let name = c.t("缴费情况", "Accounts")
        let caption = c.t(
            "：每个家庭一行，结余为正应补、为负应退；姓名只显示首尾字，不含学号，按班级排列",
            ": a row per family, a positive balance to pay, a negative one to refund; names masked to first and last character, no ids, by class")
        let s = try ReportSheet(
            book, name: name, title: context.sheetTitle(name) + caption, columns: captions.count, language: context.language,
            landscape: false, constantMemory: true)
        try s.header(captions)
        let first = s.row
        // The families class by class (``ClassName/ordered(_:_:)``), each class in the statement's order, from one
        // pass over the families in their order: each row kept in a temporary file under its class.
        let spill = try RowSpill()
        var totals = FamilyColumns()
        for st in context.input.families {
            try totals.add(st)
            try spill.append(
                to: st.student.className, texts: [NameMasking.mask(st.student.name)],
                numbers: [st.due.fen, st.paid.fen, st.refunded.fen, st.balance.fen])
        }
        var i: Int64 = 0
        for className in spill.groups.sorted(by: ClassName.ordered) {
            try spill.forEachRow(of: className) { texts, numbers in
                i += 1
                try s.integer(i, 0)
                try s.text(texts[0], 1)
                try s.text(className, 2)
                for (column, fen) in zip(3...6, numbers) { try s.money(Money(fen: fen), column) }
                s.next()
            }
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.sumMoney(totals.due, column: 3, rows: rows)
        try s.sumMoney(totals.paid, column: 4, rows: rows)
        try s.sumMoney(totals.refunded, column: 5, rows: rows)
        try s.sumMoney(totals.balance, column: 6, rows: rows)
        s.next()
    }

    /// Counts per class only (`counts_only`).
    static func disclosureClassCounts(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let captions = [
            c.t("班级", "Class"), c.t("人数", "Students"), c.t("应缴", "Due"), c.t("已缴", "Paid"),
            c.t("已退", "Refunded"), c.t("结余", "Balance"),
        ]
        let s = try context.sheet(book, name: c.t("按班统计", "By class"), columns: captions.count, landscape: false)
        try s.header(captions)
        // Each class's columns added up in one pass over the families.
        var order: [String] = []
        var byClass: [String: FamilyColumns] = [:]
        var all = FamilyColumns()
        for st in context.input.families {
            if byClass[st.student.className] == nil { order.append(st.student.className) }
            try byClass[st.student.className, default: FamilyColumns()].add(st)
            try all.add(st)
        }
        order.sort(by: ClassName.ordered)
        let first = s.row
        for className in order {
            let group = byClass[className] ?? FamilyColumns()
            try s.text(className, 0)
            try s.integer(Int64(group.count), 1)
            try s.money(group.due, 2)
            try s.money(group.paid, 3)
            try s.money(group.refunded, 4)
            try s.money(group.balance, 5)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.sumInteger(Int64(all.count), column: 1, rows: rows)
        try s.sumMoney(all.due, column: 2, rows: rows)
        try s.sumMoney(all.paid, column: 3, rows: rows)
        try s.sumMoney(all.refunded, column: 4, rows: rows)
        try s.sumMoney(all.balance, column: 5, rows: rows)
        s.next()
    }
}
