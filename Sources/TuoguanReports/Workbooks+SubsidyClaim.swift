import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 补贴申报: student-hours per teacher and course (courses whose policy pays a per-student-hour subsidy) ×
    /// the rate. Course rows show the exact student-minutes and hours; each teacher's subtotal row shows the
    /// amount rounded ONCE per teacher (Σ rate × minutes ÷ 60), which is the term result's subsidy.
    ///
    /// ```swift
    /// try Workbooks.writeSubsidyClaim(input, to: "补贴申报.xlsx")
    /// ```
    public static func writeSubsidyClaim(_ input: ReportInput, to path: String) throws {
        // Constant memory: a district's claim has a row per teacher and course, thousands, written top to bottom.
        try produce(.subsidyClaim, input, path: path, constantMemory: true) { book, context in
            let c = context.c
            let captions = [
                c.t("工号", "ID"), c.t("姓名", "Name"), c.t("课程", "Course"), c.t("项目", "Programme"),
                c.t("实到学生分钟", "Student-minutes"), c.t("学生课时（小时）", "Student-hours"),
                c.t("标准（元/生·时）", "Rate (per student-hour)"), c.t("补贴金额", "Amount"), c.t("说明", "Note"),
            ]
            let s = try context.sheet(book, name: c.t("补贴申报", "Subsidy claim"), columns: captions.count, landscape: true)
            // 103 characters: a landscape A4 page at full size; names and notes wrap.
            for (column, width) in [7.0, 8, 16, 12, 10, 10, 9, 11, 20].enumerated() { try s.sheet.setColumnWidth(column, width) }
            try s.fitTitle()
            try s.header(captions)
            let rates = SubsidyRates(courses: context.coursesById, rules: input.rules)
            let first = s.row
            var subtotals: [SubsidySubtotal] = []
            // Each teacher's tallies of subsidised courses, in the facts' order.
            let teaching = Dictionary(grouping: input.facts.teaching.filter { rates[$0.courseId] != nil }, by: \.teacherId)
            for pay in input.result.teachers {
                let tallies = teaching[pay.teacher.id] ?? []
                if tallies.isEmpty && pay.subsidy.isZero { continue }
                subtotals.append(try subsidyTeacherRows(s, context, pay, tallies, rates))
            }
            try subsidyTotals(s, context, subtotals, rows: s.dataRows(from: first))
        }
    }

    /// The courses whose policy pays a subsidy per student-hour, and the rate.
    struct SubsidyRates {
        let courses: CoursesById
        let rules: PlanRules
        subscript(_ courseId: String) -> (policy: Policy, perHour: Money)? {
            guard let course = courses[courseId], let policy = rules.policies[course.policyId],
                let rate = policy.subsidyPerStudentHour
            else { return nil }
            return (policy, rate)
        }
    }

    /// A teacher's subtotal row: where it is, its student-minutes and the term result's subsidy.
    struct SubsidySubtotal {
        let row: Int
        let minutes: Int64
        let amount: Money
    }

    /// One teacher's course rows (exact student-minutes and hours, the rate, no amount) and subtotal row (the
    /// term result's subsidy, with a note that checks it against the rows: Σ rate × minutes ÷ 60, rounded once).
    static func subsidyTeacherRows(
        _ s: ReportSheet, _ context: Context, _ pay: TeacherPay, _ tallies: [TeachingTally], _ rates: SubsidyRates
    ) throws -> SubsidySubtotal {
        let c = context.c
        let firstCourseRow = s.row
        var numerator: Int128 = 0
        var minutes: Int64 = 0
        for tally in tallies {
            guard let (policy, perHour) = rates[tally.courseId] else { continue }
            try s.text(pay.teacher.id, 0)
            let courseName = rates.courses[tally.courseId]?.name ?? tally.courseId
            try s.text(pay.teacher.name, 1, style: .wrappedText)
            try s.text(courseName, 2, style: .wrappedText)
            try s.text(policy.name, 3, style: .wrappedText)
            try s.fitRowHeight([(pay.teacher.name, 1...1), (courseName, 2...2), (policy.name, 3...3)])
            try s.integer(tally.studentMinutesPresent, 4)
            // Not money: hours shown with two decimals; the exact figure is the minutes column.
            try s.decimal(Double(tally.studentMinutesPresent) / 60, 5)
            try s.money(perHour, 6)
            try s.blank(7)
            try s.text(c.t("\(tally.heldLessons) 课时", "\(tally.heldLessons) lessons"), 8)
            numerator += Int128(perHour.fen) * Int128(tally.studentMinutesPresent)
            minutes += tally.studentMinutesPresent
            s.next()
        }
        let courseRows = s.dataRows(from: firstCourseRow)
        let subtotal = SubsidySubtotal(row: s.row, minutes: minutes, amount: pay.subsidy)
        try s.text(pay.teacher.id, 0, style: .totalLabel)
        try s.text(pay.teacher.name, 1, style: .totalLabel)
        try s.text(c.t("小计", "Subtotal"), 2, style: .totalLabel)
        try s.blank(3, style: .totalLabel)
        try s.sumInteger(minutes, column: 4, rows: courseRows)
        try s.sumDecimal(Double(minutes) / 60, column: 5, rows: courseRows)
        try s.blank(6, style: .totalLabel)
        try s.money(pay.subsidy, 7, style: .moneyTotal)
        let recomputed = Int64(exactly: context.input.rules.rounding.divide(numerator, by: 60)).map { Money(fen: $0) }
        let note: String
        if recomputed == pay.subsidy {
            note = c.t("Σ(标准 × 学生分钟) ÷ 60，按教师合计后取整一次", "Σ(rate × student-minutes) ÷ 60, rounded once per teacher")
        } else {
            note = c.t(
                "核对不符：按本表重算为 \(recomputed?.formatted() ?? "—")，以结算结果为准",
                "check: this sheet recomputes \(recomputed?.formatted() ?? "—"); the term result is shown")
        }
        try s.text(note, 8, style: subsidyNote)
        try s.fitRowHeight([(note, 8...8)])
        s.next()
        return subtotal
    }

    /// The totals row (minutes and hours summed over the subtotal rows, the amount over every row) and the note
    /// on rounding. `rows`: the course and subtotal rows.
    static func subsidyTotals(_ s: ReportSheet, _ context: Context, _ subtotals: [SubsidySubtotal], rows: ClosedRange<Int>?) throws {
        let c = context.c
        let allMinutes = subtotals.reduce(Int64(0)) { $0 + $1.minutes }
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        for column in [1, 2, 3, 6, 8] { try s.blank(column, style: .totalLabel) }
        // Course rows and subtotal rows both hold minutes: the grand total sums the subtotal rows only.
        func sumOfSubtotals(_ column: Int) -> String {
            subtotals.isEmpty ? "=0" : "=" + subtotals.map { CellName.cell(row: $0.row, column: column) }.joined(separator: "+")
        }
        try s.sheet.write(formula: sumOfSubtotals(4), value: Double(allMinutes), row: s.row, column: 4, style: .integerTotal)
        try s.sheet.write(formula: sumOfSubtotals(5), value: Double(allMinutes) / 60, row: s.row, column: 5, style: .decimalTotal)
        // The amount column is blank on course rows, so its SUM is the sum of the teachers' subtotals.
        try s.sumMoney(try Money.sum(subtotals.map(\.amount)), column: 7, rows: rows)
        s.next()
        s.next()
        let ruleName = c.rounding(context.input.rules.rounding)
        try s.note(
            c.t("说明：每位教师的补贴 = Σ(各课程实到学生分钟 × 标准) ÷ 60，按教师合计后按“\(ruleName)”取整到分一次；课程行只列学生分钟与课时，不单独取整。",
                "Note: each teacher's subsidy = Σ(student-minutes × rate) ÷ 60 over their courses, rounded to the fen once per teacher (\(ruleName)); course rows show minutes and hours only and are not rounded separately."),
        )
    }

    /// A teacher's subtotal note: bold on grey, wrapping.
    static let subsidyNote = CellStyle(bold: true, border: true, wrap: true, background: 0xF2F2F2)
}
