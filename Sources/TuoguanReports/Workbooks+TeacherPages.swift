import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 教师确认单: a page per teacher (a teacher whose duties fill more goes on to the next page) for the
    /// teacher to check and sign: every duty and session behind the points (日期, 职责, 课程, 分钟, 积分) with
    /// their total, the subtotal of each duty kind (次数, 小时, 积分 from the term computation), the pay from
    /// each pool and budget line with how it was computed, and a line to sign (确认签字).
    ///
    /// ```swift
    /// try teacherPages(book, context)   // inside writeWorkload, after the duty log
    /// ```
    static func teacherPages(_ book: Workbook, _ context: Context) throws {
        let c = context.c
        let s = try context.sheet(book, name: c.t("教师确认单", "Teacher pages"), columns: 5, landscape: false)
        for (column, width) in [14.0, 14, 36, 10, 10].enumerated() { try s.sheet.setColumnWidth(column, width) }
        var page = TeacherPageBudget(title: s.titleRowHeight)
        try forEachTeacherDuties(context) { i, pay, duties in
            if i > 0 { page.breakPage(before: s.row) }
            try teacherPage(s, context, pay, duties: duties, page: &page)
        }
        try s.sheet.setPageBreaks(beforeRows: page.breaks)
    }

    /// Calls `body` with each teacher of the result, in its order, and the teacher's duties (in the log's
    /// order), reading the log a teacher at a time. The log's teachers come in the order of their ids' UTF-8
    /// bytes, the result's in `String`'s order: the same order unless an id is written in decomposed Unicode,
    /// when the log is gathered whole first. A duty of a teacher not in the result is not shown (as before).
    static func forEachTeacherDuties(
        _ context: Context, _ body: (Int, TeacherPay, [DutyRecord]) throws -> Void
    ) throws {
        let teachers = context.input.result.teachers
        let ids = teachers.map(\.teacher.id)
        let groups = context.input.dutyGroups
        guard zip(ids, ids.dropFirst()).allSatisfy({ $0.utf8.lexicographicallyPrecedes($1.utf8) }) else {
            var byTeacher: [String: [DutyRecord]] = [:]
            try groups.forEach(.teacher) { duties in byTeacher[duties[0].teacherId] = duties }
            for (i, pay) in teachers.enumerated() { try body(i, pay, byTeacher[pay.teacher.id] ?? []) }
            return
        }
        let known = Set(ids)
        var next = 0
        try groups.forEach(.teacher) { duties in
            let id = duties[0].teacherId
            guard known.contains(id) else { return }
            // The teachers before this one have no duties.
            while ids[next] != id {
                try body(next, teachers[next], [])
                next += 1
            }
            try body(next, teachers[next], duties)
            next += 1
        }
        while next < teachers.count {
            try body(next, teachers[next], [])
            next += 1
        }
    }

    /// The teacher's name and 工号 at the top of a page: `教师工作量及课酬确认单：王芳（工号 T01，在职教师）`, and
    /// `（续）` on the pages a long list runs onto.
    static func teacherHeading(_ s: ReportSheet, _ context: Context, _ pay: TeacherPay, continued: Bool) throws {
        let c = context.c
        let heading = c.t(
            "教师工作量及课酬确认单：\(pay.teacher.name)（工号 \(pay.teacher.id)，\(c.teacherKind(pay.teacher.kind))）\(continued ? "（续）" : "")",
            "Workload and pay for \(pay.teacher.name) (ID \(pay.teacher.id), \(c.teacherKind(pay.teacher.kind)))\(continued ? " (continued)" : "")")
        try s.sheet.merge(heading, rows: s.row...s.row, columns: 0...4, style: familyHeading)
        try s.sheet.setRowHeight(s.row, TeacherPageBudget.headingHeight)
        s.next()
    }

    /// One teacher's page(s): heading, duty lines, subtotals by duty kind, pay, the line to sign. A block that
    /// would not fit on the page starts the next one under the teacher's heading again.
    static func teacherPage(
        _ s: ReportSheet, _ context: Context, _ pay: TeacherPay, duties: [DutyRecord], page: inout TeacherPageBudget
    ) throws {
        let c = context.c
        let continueIfNeeded = { (height: Double, page: inout TeacherPageBudget) throws in
            guard !page.fits(height) else { return }
            page.breakPage(before: s.row)
            try teacherHeading(s, context, pay, continued: true)
            page.use(TeacherPageBudget.headingHeight)
        }
        try teacherHeading(s, context, pay, continued: false)
        page.use(TeacherPageBudget.headingHeight)
        try teacherDuties(s, context, duties, page: &page) { page in
            try continueIfNeeded(.infinity, &page)
        }
        s.next()
        page.use(TeacherPageBudget.line)
        let kinds = Set(pay.duties.map(\.duty)).count
        try continueIfNeeded(Double(kinds + 2) * TeacherPageBudget.line, &page)
        try teacherSubtotals(s, context, pay)
        page.use(Double(kinds + 2) * TeacherPageBudget.line)
        s.next()
        page.use(TeacherPageBudget.line)
        let steps = teacherSteps(context, pay)
        let stepsHeight = steps.isEmpty ? 0 : TextWidth.rowHeight(lines: TextWidth.wrappedLines(steps, columnWidth: 84))
        try continueIfNeeded(6 * TeacherPageBudget.line + stepsHeight, &page)
        try teacherPay(s, context, pay, steps: steps)
        page.use(6 * TeacherPageBudget.line + stepsHeight)
        s.next()
        page.use(TeacherPageBudget.line)
        try continueIfNeeded(ReportSheet.signOffRowHeight * 2, &page)
        let line = c.t(
            "本人已核对以上工作量及课酬，确认无误。    教师确认签字：________________    日期：____年__月__日",
            "I have checked the workload and pay above.    Teacher's signature: ________________    Date: ____-__-__")
        try s.sheet.merge(line, rows: s.row...s.row, columns: 0...4, style: ReportSheet.signOffStyle)
        try s.fitRowHeight([(line, 0...4)], minimum: ReportSheet.signOffRowHeight)
        page.use(ReportSheet.signOffRowHeight * 2)
        s.next()
    }

    /// Every duty and session behind the points, in the log's order, and their total.
    static func teacherDuties(
        _ s: ReportSheet, _ context: Context, _ duties: [DutyRecord], page: inout TeacherPageBudget,
        newPage: (inout TeacherPageBudget) throws -> Void
    ) throws {
        let c = context.c
        let points = context.input.rules.points
        let header = { () throws in
            for (column, caption) in [c.t("日期", "Date"), c.t("职责", "Duty"), c.t("课程", "Course"), c.t("分钟", "Minutes"), c.t("积分", "Points")].enumerated() {
                try s.text(caption, column, style: .header)
            }
            s.next()
        }
        try header()
        page.use(TeacherPageBudget.line)
        let first = s.row
        var minutes: Int64 = 0
        var total: Int64 = 0
        for duty in duties {
            // A line and the total under it must fit; else the list goes on under the heading on the next page.
            if !page.fits(2 * TeacherPageBudget.line) {
                try newPage(&page)
                try header()
                page.use(TeacherPageBudget.line)
            }
            page.use(TeacherPageBudget.line)
            let earned = points[duty.duty] ?? 0
            try s.date(duty.date, 0)
            try s.text(c.duty(duty.duty), 1)
            try s.text(duty.courseName ?? duty.courseId ?? (duty.source == .roster ? c.t("值班表", "duty roster") : ""), 2)
            try s.integer(Int64(duty.minutes), 3)
            try s.integer(earned, 4)
            minutes += Int64(duty.minutes)
            total += earned
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计（\(duties.count) 次）", "Total (\(duties.count))"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.sumInteger(minutes, column: 3, rows: rows)
        try s.sumInteger(total, column: 4, rows: rows)
        page.use(TeacherPageBudget.line)
        s.next()
    }

    /// Per duty kind, the term computation's tally: sessions, hours, points (sessions × the rules' points).
    static func teacherSubtotals(_ s: ReportSheet, _ context: Context, _ pay: TeacherPay) throws {
        let c = context.c
        let points = context.input.rules.points
        for (column, caption) in [c.t("职责小计", "By duty"), c.t("每次积分", "Points each"), c.t("次数", "Sessions"), c.t("小时", "Hours"), c.t("积分", "Points")].enumerated() {
            try s.text(caption, column, style: .header)
        }
        s.next()
        let first = s.row
        var tallies: [String: (count: Int, minutes: Int64)] = [:]
        for d in pay.duties {
            let t = tallies[d.duty] ?? (0, 0)
            tallies[d.duty] = (t.count + d.count, t.minutes + d.minutes)
        }
        for kind in tallies.keys.sorted() {
            let t = tallies[kind]!
            try s.text(c.duty(kind), 0)
            try s.integer(points[kind] ?? 0, 1)
            try s.integer(Int64(t.count), 2)
            // Hours are not money: minutes ÷ 60 shown with two decimals.
            try s.decimal(Double(t.minutes) / 60, 3)
            try s.sheet.write(
                formula: "=\(CellName.cell(row: s.row, column: 1))*\(CellName.cell(row: s.row, column: 2))",
                value: Double((points[kind] ?? 0) * Int64(t.count)), row: s.row, column: 4, style: .integer)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("积分合计", "Points, total"), 0, style: .totalLabel)
        try s.blank(1, style: .totalLabel)
        try s.sumInteger(Int64(pay.duties.reduce(0) { $0 + $1.count }), column: 2, rows: rows)
        try s.sumDecimal(Double(pay.duties.reduce(Int64(0)) { $0 + $1.minutes }) / 60, column: 3, rows: rows)
        try s.sumInteger(pay.points, column: 4, rows: rows)
        s.next()
    }

    /// The pay from each pool and budget line (the term computation's figures), their total, and the
    /// computation's own steps.
    static func teacherPay(_ s: ReportSheet, _ context: Context, _ pay: TeacherPay, steps: String) throws {
        let c = context.c
        let pools = context.input.rules.split.pools
        let pointsPool = pools.first { $0.sharedBy == .points }?.name ?? c.t("工作量", "workload")
        let scorePool = pools.first { $0.sharedBy == .qualityScore }?.name ?? c.t("质量奖", "award")
        try s.sheet.merge(c.t("课酬构成", "Pay"), rows: s.row...s.row, columns: 0...3, style: .header)
        try s.text(c.t("金额", "Amount"), 4, style: .header)
        s.next()
        let first = s.row
        for (label, amount) in [
            (c.t("工作量课酬（\(pointsPool)，按积分）", "Workload pay (\(pointsPool), by points)"), pay.workload),
            (c.t("质量奖（\(scorePool)，按质量分）", "Award (\(scorePool), by score)"), pay.award),
            (c.t("课时补贴（按生·小时）", "Subsidy (per student-hour)"), pay.subsidy),
            (c.t("校外课酬（按课时）", "Outside pay (per lesson)"), pay.outside),
        ] {
            try s.sheet.merge(label, rows: s.row...s.row, columns: 0...3, style: .text)
            try s.money(amount, 4)
            s.next()
        }
        try s.sheet.merge(c.t("合计", "Total"), rows: s.row...s.row, columns: 0...3, style: .totalLabel)
        try s.sumMoney(pay.total, column: 4, rows: first...(s.row - 1))
        s.next()
        guard !steps.isEmpty else { return }
        let text = c.t("计算过程：\n", "How it was computed:\n") + steps
        try s.sheet.merge(text, rows: s.row...s.row, columns: 0...4, style: .wrappedText)
        try s.fitRowHeight([(text, 0...4)])
        s.next()
    }

    /// The computation's own steps of a teacher's pay, one a line. A duty's step names the duty by its key
    /// (`supervision：94 次 × 50 分`): shown by its name.
    static func teacherSteps(_ context: Context, _ pay: TeacherPay) -> String {
        pay.steps.map { step in
            let text = step.text.text(context.language)
            guard let key = step.dutyKey else { return text }
            return context.c.duty(key) + text.dropFirst(key.count)
        }.joined(separator: "\n")
    }
}

/// The points used on the current printed page of the teacher pages, so that a block that would run past
/// the page starts the next one under the teacher's heading (a page never shows a signature line, or a list,
/// without the teacher's name and 工号).
struct TeacherPageBudget {
    /// A4 portrait between the margins (about 756 points) less a little to spare.
    static let page = 720.0
    static let line = 15.0
    static let headingHeight = 22.0
    /// The sheet's title row, repeated at the top of every page.
    let title: Double
    private(set) var used: Double
    private(set) var breaks: [Int] = []

    init(title: Double) {
        self.title = title
        used = title
    }

    func fits(_ height: Double) -> Bool { used + height <= TeacherPageBudget.page }
    mutating func use(_ height: Double) { used += height }
    mutating func breakPage(before row: Int) {
        breaks.append(row)
        used = title
    }
}
