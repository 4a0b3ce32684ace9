import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 教师工作量及课酬 for the principal: per teacher sessions and hours per duty, points, workload share and
    /// pay, quality award, subsidy, outside pay, total and rank, with a bar chart of points; and a detail sheet
    /// listing every duty behind the points. Written in constant-memory mode (the detail can be long).
    ///
    /// ```swift
    /// try Workbooks.writeWorkload(input, to: "教师工作量及课酬.xlsx")
    /// ```
    public static func writeWorkload(_ input: ReportInput, to path: String) throws {
        try produce(.workload, input, path: path, constantMemory: true) { book, context in
            try workloadSummary(book, context)
            try workloadDetail(book, context)
            try teacherPages(book, context)
        }
    }

    /// Duty kinds in the rules and in the tallies, sorted by key.
    static func dutyKinds(_ input: ReportInput) -> [String] {
        var keys = Set(input.rules.points.keys)
        for pay in input.result.teachers { for d in pay.duties { keys.insert(d.duty) } }
        return keys.sorted()
    }

    static func workloadSummary(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let kinds = dutyKinds(context.input)
        var captions = [c.t("工号", "ID"), c.t("姓名", "Name"), c.t("类别", "Kind")]
        for kind in kinds {
            captions.append(c.t("\(c.duty(kind))次数", "\(c.duty(kind)) sessions"))
            captions.append(c.t("\(c.duty(kind))小时", "\(c.duty(kind)) hours"))
        }
        let tailStart = captions.count
        captions += [
            c.t("积分", "Points"), c.t("工作量占比", "Share of points"), c.t("工作量课酬", "Workload pay"),
            c.t("质量分", "Quality score"), c.t("质量奖", "Award"), c.t("补贴", "Subsidy"),
            c.t("校外课酬", "Outside pay"), c.t("合计", "Total"), c.t("排名", "Rank"),
        ]
        let s = try context.sheet(book, name: c.t("工作量及课酬", "Workload and pay"), columns: captions.count, landscape: true)
        try workloadColumns(s, captions: captions, kinds: kinds.count)
        let teachers = context.input.result.teachers
        let totalPoints = teachers.reduce(Int64(0)) { $0 + $1.points }
        let first = s.row
        for pay in teachers {
            try s.text(pay.teacher.id, 0)
            try s.text(pay.teacher.name, 1)
            try s.text(c.teacherKind(pay.teacher.kind), 2)
            for (i, kind) in kinds.enumerated() {
                let tallies = pay.duties.filter { $0.duty == kind }
                try s.integer(Int64(tallies.reduce(0) { $0 + $1.count }), 3 + 2 * i)
                // Hours are not money: minutes ÷ 60 shown with two decimals.
                try s.decimal(Double(tallies.reduce(Int64(0)) { $0 + $1.minutes }) / 60, 4 + 2 * i)
            }
            try s.integer(pay.points, tailStart)
            try s.decimal(totalPoints > 0 ? Double(pay.points) / Double(totalPoints) : 0, tailStart + 1, style: .percent)
            try s.money(pay.workload, tailStart + 2)
            if let score = pay.score {
                try s.decimal(Double(score) / 100, tailStart + 3)
            } else {
                try s.blank(tailStart + 3)
            }
            try s.money(pay.award, tailStart + 4)
            try s.money(pay.subsidy, tailStart + 5)
            try s.money(pay.outside, tailStart + 6)
            try s.money(pay.total, tailStart + 7)
            try s.integer(Int64(pay.rank), tailStart + 8)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.text(c.t("\(teachers.count) 人", "\(teachers.count) teachers"), 1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        for (i, kind) in kinds.enumerated() {
            let tallies = teachers.flatMap { $0.duties.filter { $0.duty == kind } }
            try s.sumInteger(Int64(tallies.reduce(0) { $0 + $1.count }), column: 3 + 2 * i, rows: rows)
            try s.sumDecimal(Double(tallies.reduce(Int64(0)) { $0 + $1.minutes }) / 60, column: 4 + 2 * i, rows: rows)
        }
        try s.sumInteger(totalPoints, column: tailStart, rows: rows)
        try s.sumDecimal(totalPoints > 0 ? 1 : 0, column: tailStart + 1, rows: rows,
            style: CellStyle(bold: true, numberFormat: "0.00%", border: true, background: 0xF2F2F2))
        try s.sumMoney(try Money.sum(teachers.map(\.workload)), column: tailStart + 2, rows: rows)
        try s.blank(tailStart + 3, style: .totalLabel)
        try s.sumMoney(try Money.sum(teachers.map(\.award)), column: tailStart + 4, rows: rows)
        try s.sumMoney(try Money.sum(teachers.map(\.subsidy)), column: tailStart + 5, rows: rows)
        try s.sumMoney(try Money.sum(teachers.map(\.outside)), column: tailStart + 6, rows: rows)
        try s.sumMoney(try Money.sum(teachers.map(\.total)), column: tailStart + 7, rows: rows)
        try s.blank(tailStart + 8, style: .totalLabel)
        s.next()
        if let rows { try workloadChart(s, context, rows: rows, pointsColumn: tailStart) }
    }

    /// Narrow columns and a wrapped header, so that the summary's twenty-odd columns print one landscape A4
    /// page wide at about 80 %: body text about 9 pt. Names keep their measured width.
    static func workloadColumns(_ s: ReportSheet, captions: [String], kinds: Int) throws {
        var widths: [Int: Double] = [0: 8, 2: 9]
        for i in 0..<(2 * kinds) { widths[3 + i] = 6 }
        let tail = 3 + 2 * kinds
        for (offset, width) in [6.0, 8, 10, 6, 10, 10, 10, 11, 5].enumerated() { widths[tail + offset] = width }
        for (column, width) in widths { try s.sheet.setColumnWidth(column, width) }
        // The header's height from its wrapped captions (set before the row is written: constant memory).
        let lines = captions.enumerated().map { TextWidth.wrappedLines($1, columnWidth: widths[$0] ?? 8) }.max() ?? 1
        try s.sheet.setRowHeight(s.row, TextWidth.rowHeight(lines: lines))
        try s.header(captions)
    }

    /// The most teachers the bar chart names, one bar each, on one landscape page; past that, the top ones by
    /// points, listed under the summary, and the chart says so.
    static let chartTeachers = 40

    /// A bar chart of points naming every teacher (or the top ``chartTeachers``, said in its title).
    static func workloadChart(_ s: ReportSheet, _ context: Context, rows: ClosedRange<Int>, pointsColumn: Int) throws {
        let c = context.c
        let teachers = context.input.result.teachers
        var names = CellRange(sheet: s.name, column: 1, rows: rows)
        var points = CellRange(sheet: s.name, column: pointsColumn, rows: rows)
        var title = c.t("工作量积分", "Workload points")
        var shown = teachers.count
        if teachers.count > chartTeachers {
            // The top ones by points (ties by the order given), as a small table the chart reads.
            let top = teachers.enumerated().sorted { ($0.element.points, -$0.offset) > ($1.element.points, -$1.offset) }
                .prefix(chartTeachers).map(\.element)
            shown = top.count
            title = c.t("工作量积分（前 \(shown) 名，共 \(teachers.count) 人）", "Workload points (top \(shown) of \(teachers.count) teachers)")
            s.next()
            try s.text(c.t("排名", "Rank"), 0, style: .header)
            try s.text(c.t("姓名", "Name"), 1, style: .header)
            try s.text(c.t("积分", "Points"), 2, style: .header)
            s.next()
            let first = s.row
            for pay in top {
                try s.integer(Int64(pay.rank), 0)
                try s.text(pay.teacher.name, 1)
                try s.integer(pay.points, 2)
                s.next()
            }
            names = CellRange(sheet: s.name, column: 1, rows: first...(s.row - 1))
            points = CellRange(sheet: s.name, column: 2, rows: first...(s.row - 1))
        }
        // 16 px a bar and 60 px for the title and the axis; the default chart is 288 px high.
        let chart = ChartSpec(
            kind: .bar, title: title, seriesName: c.t("积分", "Points"), categories: names, values: points,
            xScale: 1.5, yScale: max(1, Double(60 + 16 * shown) / 288), labelEveryCategory: true)
        try s.sheet.insertChart(chart, row: s.row + 1, column: 1)
    }

    /// Every duty behind the points, in the order given (rows streamed in constant-memory mode).
    static func workloadDetail(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let captions = [
            c.t("日期", "Date"), c.t("工号", "ID"), c.t("姓名", "Name"), c.t("职责", "Duty"), c.t("课程", "Course"),
            c.t("分钟", "Minutes"), c.t("来源", "Source"), c.t("积分", "Points"),
        ]
        let s = try context.sheet(book, name: c.t("工作量明细", "Duty log"), columns: captions.count, landscape: false)
        try s.header(captions)
        let teachers = context.teachersById
        let points = context.input.rules.points
        let first = s.row
        var minutes: Int64 = 0
        var total: Int64 = 0
        for duty in context.input.duties {
            let earned = points[duty.duty] ?? 0
            try s.date(duty.date, 0)
            try s.text(duty.teacherId, 1)
            try s.text(teachers[duty.teacherId]?.name ?? "", 2)
            try s.text(c.duty(duty.duty), 3)
            try s.text(duty.courseName ?? duty.courseId ?? "", 4)
            try s.integer(Int64(duty.minutes), 5)
            try s.text(duty.source == .session ? c.t("课次", "session") : c.t("值班表", "roster"), 6)
            try s.integer(earned, 7)
            minutes += Int64(duty.minutes)
            total += earned
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        for column in [1, 2, 3, 4, 6] { try s.blank(column, style: .totalLabel) }
        try s.sumInteger(minutes, column: 5, rows: rows)
        try s.sumInteger(total, column: 7, rows: rows)
        s.next()
    }
}
