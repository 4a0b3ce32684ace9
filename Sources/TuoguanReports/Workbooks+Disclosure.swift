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
        try produce(.disclosure, input, path: path) { book, context in
            try disclosureFund(book, context)
            switch input.rules.disclosure {
            case .maskedNames: try disclosureMaskedStudents(book, context)
            case .countsOnly: try disclosureClassCounts(book, context)
            }
        }
    }

    static func disclosureFund(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let fund = context.input.result.fund
        let s = try context.sheet(book, name: c.t("收支公示", "Disclosure"), columns: 5, landscape: true)
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
        s.next()

        // The split.
        for (column, caption) in [
            c.t("经费项目", "Pool"), c.t("比例", "Share"), c.t("分配金额", "Allocated"), c.t("已支出", "Spent"),
            c.t("结余", "Remaining"),
        ].enumerated() {
            try s.text(caption, column, style: .header)
        }
        s.next()
        let teachers = context.input.result.teachers
        let first = s.row
        var allocated: [Money] = []
        var spentAll: [Money] = []
        for share in fund.pools {
            let spent: Money
            switch share.pool.sharedBy {
            case .points: spent = try Money.sum(teachers.map(\.workload))
            case .qualityScore: spent = try Money.sum(teachers.map(\.award))
            case .none: spent = share.amount
            }
            allocated.append(share.amount)
            spentAll.append(spent)
            try s.text(share.pool.name, 0)
            // A share, not money: basis points / 10,000 shown as a percentage.
            try s.decimal(Double(share.pool.basisPoints) / 10_000, 1, style: .percent)
            try s.money(share.amount, 2)
            try s.money(spent, 3)
            try s.sheet.write(
                formula: "=\(CellName.cell(row: s.row, column: 2))-\(CellName.cell(row: s.row, column: 3))",
                value: excelNumber(try share.amount - spent), row: s.row, column: 4, style: .money)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.sumDecimal(
            Double(fund.pools.reduce(Int64(0)) { $0 + $1.pool.basisPoints }) / 10_000, column: 1, rows: rows,
            style: CellStyle(bold: true, numberFormat: "0.00%", border: true, background: 0xF2F2F2))
        let totalAllocated = try Money.sum(allocated)
        let totalSpent = try Money.sum(spentAll)
        try s.sumMoney(totalAllocated, column: 2, rows: rows)
        try s.sumMoney(totalSpent, column: 3, rows: rows)
        try s.sumMoney(try totalAllocated - totalSpent, column: 4, rows: rows)
        s.next()
        s.next()
        try s.note(
            c.t("教师课酬按工作量积分分配；质量奖按教导处考核分数分配；其余项目按分配金额列支。",
                "Teacher pay is shared by workload points; the award by the academic office's scores; the other pools are spent as allocated."),
            )
        if let rows {
            let chart = ChartSpec(
                kind: .pie, title: c.t("经费分配", "Split of the fund"), seriesName: c.t("分配金额", "Allocated"),
                categories: CellRange(sheet: s.name, column: 0, rows: rows),
                values: CellRange(sheet: s.name, column: 2, rows: rows))
            try s.sheet.insertChart(chart, row: s.row + 1, column: 0)
        }
    }

    /// Per-student accounts with masked names: no id, no full name.
    static func disclosureMaskedStudents(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let captions = [
            c.t("序号", "No."), c.t("姓名", "Name"), c.t("班级", "Class"), c.t("应收", "Charged"),
            c.t("已缴", "Paid"), c.t("已退", "Refunded"), c.t("结余", "Balance"),
        ]
        let s = try context.sheet(book, name: c.t("缴费情况", "Accounts"), columns: captions.count, landscape: false)
        try s.header(captions)
        let first = s.row
        let students = context.input.result.students
        for (i, st) in students.enumerated() {
            try s.integer(Int64(i + 1), 0)
            try s.text(NameMasking.mask(st.student.name), 1)
            try s.text(st.student.className, 2)
            try s.money(st.charged, 3)
            try s.money(st.paid, 4)
            try s.money(st.refunded, 5)
            try s.money(st.balance, 6)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.sumMoney(try Money.sum(students.map(\.charged)), column: 3, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.paid)), column: 4, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.refunded)), column: 5, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.balance)), column: 6, rows: rows)
        s.next()
    }

    /// Counts per class only (`counts_only`).
    static func disclosureClassCounts(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let captions = [
            c.t("班级", "Class"), c.t("人数", "Students"), c.t("应收", "Charged"), c.t("已缴", "Paid"),
            c.t("已退", "Refunded"), c.t("结余", "Balance"),
        ]
        let s = try context.sheet(book, name: c.t("按班统计", "By class"), columns: captions.count, landscape: false)
        try s.header(captions)
        let students = context.input.result.students
        var order: [String] = []
        var byClass: [String: [StudentStatement]] = [:]
        for st in students {
            if byClass[st.student.className] == nil { order.append(st.student.className) }
            byClass[st.student.className, default: []].append(st)
        }
        let first = s.row
        for className in order {
            let group = byClass[className] ?? []
            try s.text(className, 0)
            try s.integer(Int64(group.count), 1)
            try s.money(try Money.sum(group.map(\.charged)), 2)
            try s.money(try Money.sum(group.map(\.paid)), 3)
            try s.money(try Money.sum(group.map(\.refunded)), 4)
            try s.money(try Money.sum(group.map(\.balance)), 5)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.sumInteger(Int64(students.count), column: 1, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.charged)), column: 2, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.paid)), column: 3, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.refunded)), column: 4, rows: rows)
        try s.sumMoney(try Money.sum(students.map(\.balance)), column: 5, rows: rows)
        s.next()
    }
}
