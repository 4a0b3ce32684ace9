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
            try workloadTallies(book, context)
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

    /// 工作量及课酬, laid out for a landscape A4 page at full size: per teacher the points, their share, the
    /// workload pay, quality score and award, subsidy, outside pay, total and rank; the totals, the sign-off
    /// block and a bar chart of points. The sessions and hours behind the points are on 工作量统计.
    static func workloadSummary(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let layout: [(caption: String, width: Double)] = [
            (c.t("工号", "ID"), 7), (c.t("姓名", "Name"), 9), (c.t("类别", "Kind"), 9), (c.t("积分", "Points"), 8),
            (c.t("工作量占比", "Share of points"), 9), (c.t("工作量课酬", "Workload pay"), 11),
            (c.t("质量分", "Quality score"), 7), (c.t("质量奖", "Award"), 10), (c.t("补贴", "Subsidy"), 10),
            (c.t("校外课酬", "Outside pay"), 10), (c.t("合计", "Total"), 11), (c.t("排名", "Rank"), 5),
        ]
        let s = try context.sheet(book, name: c.t("工作量及课酬", "Workload and pay"), columns: layout.count, landscape: true)
        for (column, entry) in layout.enumerated() { try s.sheet.setColumnWidth(column, entry.width) }
        try s.fitTitle()
        try s.header(layout.map(\.caption))
        let teachers = context.input.result.teachers
        let totalPoints = teachers.reduce(Int64(0)) { $0 + $1.points }
        let first = s.row
        for pay in teachers {
            try workloadTeacherColumns(s, pay, c)
            try s.integer(pay.points, 3)
            try s.decimal(totalPoints > 0 ? Double(pay.points) / Double(totalPoints) : 0, 4, style: .percent)
            try s.money(pay.workload, 5)
            if let score = pay.score { try s.decimal(Double(score) / 100, 6) } else { try s.blank(6) }
            try s.money(pay.award, 7)
            try s.money(pay.subsidy, 8)
            try s.money(pay.outside, 9)
            try s.money(pay.total, 10)
            try s.integer(Int64(pay.rank), 11)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.text(c.t("\(teachers.count) 人", "\(teachers.count) teachers"), 1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.sumInteger(totalPoints, column: 3, rows: rows)
        try s.sumDecimal(totalPoints > 0 ? 1 : 0, column: 4, rows: rows,
            style: CellStyle(bold: true, numberFormat: "0.00%", border: true, background: 0xF2F2F2))
        try s.sumMoney(try Money.sum(teachers.map(\.workload)), column: 5, rows: rows)
        try s.blank(6, style: .totalLabel)
        try s.sumMoney(try Money.sum(teachers.map(\.award)), column: 7, rows: rows)
        try s.sumMoney(try Money.sum(teachers.map(\.subsidy)), column: 8, rows: rows)
        try s.sumMoney(try Money.sum(teachers.map(\.outside)), column: 9, rows: rows)
        try s.sumMoney(try Money.sum(teachers.map(\.total)), column: 10, rows: rows)
        try s.blank(11, style: .totalLabel)
        s.next()
        try s.signOff(context.input.rules.printing.signOff)
        try s.approval(context.input.approvals[.workload])
        if let rows { try workloadChart(s, context, rows: rows, pointsColumn: 3) }
    }

    /// 工号, 姓名 and 类别 of a teacher's row, the row as tall as a wrapped name or kind.
    static func workloadTeacherColumns(_ s: ReportSheet, _ pay: TeacherPay, _ c: Captions) throws {
        let kind = c.teacherKind(pay.teacher.kind)
        try s.text(pay.teacher.id, 0)
        try s.text(pay.teacher.name, 1, style: .wrappedText)
        try s.text(kind, 2, style: .wrappedText)
        try s.fitRowHeight([(pay.teacher.name, 1...1), (kind, 2...2)])
    }

    /// 工作量统计: per teacher and duty kind the sessions (次数) and hours (小时) behind the points, and the
    /// points; with totals.
    static func workloadTallies(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let kinds = dutyKinds(context.input)
        var layout: [(caption: String, width: Double)] = [(c.t("工号", "ID"), 7), (c.t("姓名", "Name"), 9), (c.t("类别", "Kind"), 9)]
        for kind in kinds {
            layout.append((c.t("\(c.duty(kind))次数", "\(c.duty(kind)) sessions"), 8))
            layout.append((c.t("\(c.duty(kind))小时", "\(c.duty(kind)) hours"), 8))
        }
        layout.append((c.t("积分", "Points"), 8))
        let s = try context.sheet(book, name: c.t("工作量统计", "Sessions and hours"), columns: layout.count, landscape: layout.count > 8)
        for (column, entry) in layout.enumerated() { try s.sheet.setColumnWidth(column, entry.width) }
        try s.fitTitle()
        try s.header(layout.map(\.caption))
        let teachers = context.input.result.teachers
        let first = s.row
        for pay in teachers {
            try workloadTeacherColumns(s, pay, c)
            for (i, kind) in kinds.enumerated() {
                let tallies = pay.duties.filter { $0.duty == kind }
                try s.integer(Int64(tallies.reduce(0) { $0 + $1.count }), 3 + 2 * i)
                // Hours are not money: minutes ÷ 60 shown with two decimals.
                try s.decimal(Double(tallies.reduce(Int64(0)) { $0 + $1.minutes }) / 60, 4 + 2 * i)
            }
            try s.integer(pay.points, 3 + 2 * kinds.count)
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
        try s.sumInteger(teachers.reduce(Int64(0)) { $0 + $1.points }, column: 3 + 2 * kinds.count, rows: rows)
        s.next()
    }

    /// The most teachers the bar chart names, one bar each, on one landscape page; past that, the top ones by
    /// points, listed under the summary, and the chart says so.
    static let chartTeachers = 30

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
        // 18 px a bar (for 9-point names) and 60 px for the title and the axis, 600 px at most: a landscape
        // page; the default chart is 288 px high.
        let heightPixels = max(288, 60 + 18 * shown)
        let chart = ChartSpec(
            kind: .bar, title: title, seriesName: c.t("积分", "Points"), categories: names, values: points,
            xScale: 1.5, yScale: Double(heightPixels) / 288, labelEveryCategory: true)
        // A chart does not split across pages: when it would pass the first page's bottom (about 450 points
        // under the title; rows of about 16 points, 3/4 point a pixel), it starts the next page.
        if 16 * Double(s.row + 1) + 0.75 * Double(heightPixels) > 450 { try s.sheet.setPageBreaks(beforeRows: [s.row + 1]) }
        try s.sheet.insertChart(chart, row: s.row + 1, column: 1)
    }

    /// Every duty behind the points, in the log's order, read a day at a time (rows streamed in constant-memory
    /// mode).
    static func workloadDetail(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let captions = [
            c.t("日期", "Date"), c.t("工号", "ID"), c.t("姓名", "Name"), c.t("职责", "Duty"), c.t("课程", "Course"),
            c.t("分钟", "Minutes"), c.t("来源", "Source"), c.t("积分", "Points"),
        ]
        let s = try context.sheet(book, name: c.t("工作量明细", "Duty log"), columns: captions.count, landscape: false)
        // 70 characters: a portrait A4 page at full size; course names wrap.
        for (column, width) in [14.0, 7, 9, 9, 13, 6, 7, 5].enumerated() { try s.sheet.setColumnWidth(column, width) }
        try s.fitTitle()
        try s.header(captions)
        let teachers = context.teachersById
        let points = context.input.rules.points
        let first = s.row
        var minutes: Int64 = 0
        var total: Int64 = 0
        try context.input.dutyGroups.forEach(.day) { day in
            for duty in day {
                let earned = points[duty.duty] ?? 0
                try s.date(duty.date, 0)
                try s.text(duty.teacherId, 1)
                try s.text(teachers[duty.teacherId]?.name ?? "", 2)
                try s.text(c.duty(duty.duty), 3)
                let course = duty.courseName ?? duty.courseId ?? ""
                try s.text(course, 4, style: .wrappedText)
                try s.integer(Int64(duty.minutes), 5)
                try s.text(duty.source == .session ? c.t("课次", "session") : c.t("值班表", "roster"), 6)
                try s.integer(earned, 7)
                try s.fitRowHeight([(course, 4...4)])
                minutes += Int64(duty.minutes)
                total += earned
                s.next()
            }
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
