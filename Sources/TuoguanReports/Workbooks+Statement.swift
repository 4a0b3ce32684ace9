import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 学期结算单 for the parents' finance committee: a summary sheet (one row per student, a column per course,
    /// waivers, charged, paid, refunded, balance, 应退, 应补, totals), printable per-family blocks with each
    /// charge's trace and the balance in 大写, and the course detail (``statementCourses(_:_:)``).
    ///
    /// ```swift
    /// try Workbooks.writeStatement(input, to: "学期结算单.xlsx")
    /// ```
    public static func writeStatement(_ input: ReportInput, to path: String) throws {
        do {
            try run([statementJob(input, path: path)], familiesOnCaller: input.familiesOnCallingThread)
        } catch let failure as JobFailure {
            throw failure.error
        }
    }

    /// Every style the statement's cells use, in a fixed order: its sheets are written on several threads, so
    /// the workbook's styles are fixed before (``Workbook/registerStyles(_:)``).
    static let statementStyles: [CellStyle] = [
        ReportSheet.titleStyle, .header, .text, .wrappedText, .money, .moneyTotal, .integer, .integerTotal, .totalLabel,
        familyHeading, ReportSheet.signOffStyle, familyBalance,
    ]
    /// The heading of a family's block: the name, ID and class.
    static let familyHeading = CellStyle(bold: true, fontSize: 12, border: true)
    /// The balance in words (`应补：肆拾元整`): bold, shaded, wrapping.
    static let familyBalance = CellStyle(bold: true, border: true, wrap: true, background: 0xF2F2F2)

    /// The statement as a job: its sheets are made here, in order, and filled by parts that may run on
    /// different threads: one part per sheet of family blocks, one for the summary, one for the courses.
    /// Constant memory: every sheet is written top to bottom, and a district's family blocks are millions of
    /// cells, too many to hold (and sheets written at once must not share the library's string table).
    static func statementJob(_ input: ReportInput, path: String) throws -> WorkbookJob {
        try job(.statement, input, path: path, constantMemory: true) { book, context in
            try book.registerStyles(statementStyles)
            let layout = statementLayout(context.input)
            let summary = try statementSummary(book, context)
            let families = try statementFamilies(book, context, sheets: layout.familySheets)
            let courses = try statementCourses(book, context, courses: layout.courses)
            // The biggest first: a thread that is free takes the next.
            let fills = families + [summary, courses]
            let statements = context.input.families
            guard context.input.familiesOnCallingThread else {
                return fills.map { make in { try make().run(statements) } }
            }
            // Families read from a store on one thread: every sheet filled in one pass over them.
            return [{ try FamilyFill.runAll(try fills.map { try $0() }, statements) }]
        }
    }

    /// A sheet filled a family at a time, in the families' order: what it writes for each family (of `range`,
    /// or all) and, after the last, its totals.
    struct FamilyFill {
        let range: Range<Int>?
        let add: (StudentStatement) throws -> Void
        let finish: () throws -> Void

        /// Makes the fill; its sheet was made with the workbook, its rows are written when the fill is run.
        typealias Make = @Sendable () throws -> FamilyFill

        /// Fills the sheet from the families.
        func run(_ families: ReportFamilies) throws {
            for k in range ?? families.indices { try add(families[k]) }
            try finish()
        }

        /// Fills every sheet in one pass over the families: each family read once.
        static func runAll(_ fills: [FamilyFill], _ families: ReportFamilies) throws {
            for k in families.indices {
                let st = families[k]
                for fill in fills where fill.range?.contains(k) ?? true { try fill.add(st) }
            }
            for fill in fills { try fill.finish() }
        }
    }

    /// What the statement's sheets are made from: which students' blocks go on which sheet
    /// (``FamilySheets``) and the courses charged (``chargedCourses(_:)``). Gathered as the families were first
    /// computed (``ReportInput/statementLayoutGathered``), or else in one pass over the families here.
    static func statementLayout(_ input: ReportInput) -> (familySheets: [Range<Int>], courses: [(id: String, name: String)]) {
        var tally: StatementLayoutTally
        if let gathered = input.statementLayoutGathered, gathered.maxRows == input.maxRowsPerSheet,
            gathered.families == input.families.count
        {
            tally = gathered
        } else {
            tally = StatementLayoutTally(maxRows: input.maxRowsPerSheet)
            for statement in input.families { tally.add(statement) }
        }
        return (tally.sheets.ranges, chargedCourses(input, appearing: tally.appearing))
    }

    /// The courses that appear in the statements, in the facts' order, then any others in order of appearance.
    static func chargedCourses(_ input: ReportInput) -> [(id: String, name: String)] {
        statementLayout(input).courses
    }

    /// The courses of `appearing` (the lines' courses in order of first appearance) in the facts' order, then
    /// any others in order of appearance.
    static func chargedCourses(_ input: ReportInput, appearing: [(id: String, name: String)]) -> [(id: String, name: String)] {
        let lineCourses = Set(appearing.map(\.id))
        var seen = Set<String>()
        var out: [(id: String, name: String)] = []
        for course in input.facts.courses where lineCourses.contains(course.id) && !seen.contains(course.id) {
            seen.insert(course.id)
            out.append((course.id, course.name))
        }
        for course in appearing where !seen.contains(course.id) {
            seen.insert(course.id)
            out.append(course)
        }
        return out
    }

    /// Makes the summary sheet (one row per student: charged, waived, paid, refunded, balance, 应退, 应补, laid out
    /// for a landscape A4 page at full size; the course detail is on the course sheets and in the family
    /// blocks); the part it returns fills it.
    static func statementSummary(_ book: Workbook, _ context: Context) throws -> FamilyFill.Make {
        let c = context.c
        let captions = [
            c.t("学号", "ID"), c.t("姓名", "Name"), c.t("班级", "Class"), c.t("减免", "Waived"), c.t("应缴", "Due"),
            c.t("已缴", "Paid"), c.t("已退", "Refunded"), c.t("结余", "Balance"), c.t("应退", "Refund due"),
            c.t("应补", "To pay"),
        ]
        let s = try context.sheet(book, name: c.t("汇总", "Summary"), columns: captions.count, landscape: true)
        return { try fillSummary(s, context, captions: captions) }
    }

    /// The summary's header; the fill writes a row per family, then the totals (``summaryTotals``).
    static func fillSummary(_ s: ReportSheet, _ context: Context, captions: [String]) throws -> FamilyFill {
        try s.header(captions)
        let first = s.row
        var classStarts: [Int] = []
        var totals = FamilyColumns()
        var previousClass: String?
        let add = { (st: StudentStatement) throws in
            if let previousClass, st.student.className != previousClass { classStarts.append(s.row) }
            previousClass = st.student.className
            try totals.add(st)
            try s.text(st.student.id, 0)
            try s.text(st.student.name, 1)
            try s.text(st.student.className, 2)
            try s.money(st.waived, 3)
            try s.money(st.due, 4)
            try s.money(st.paid, 5)
            try s.money(st.refunded, 6)
            try s.money(st.balance, 7)
            try s.money(st.dueToFamily, 8)
            try s.money(st.dueFromFamily, 9)
            s.next()
        }
        return FamilyFill(range: nil, add: add) { try summaryTotals(s, context, first: first, totals: totals, classStarts: classStarts) }
    }

    /// The summary's totals row, notes and sign-off under the rows of `first`…, and its page breaks.
    static func summaryTotals(_ s: ReportSheet, _ context: Context, first: Int, totals: FamilyColumns, classStarts: [Int]) throws {
        let c = context.c
        let students = context.input.families
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.text(c.t("\(students.count) 人", "\(students.count) students"), 1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.sumMoney(totals.waived, column: 3, rows: rows)
        try s.sumMoney(totals.due, column: 4, rows: rows)
        try s.sumMoney(totals.paid, column: 5, rows: rows)
        try s.sumMoney(totals.refunded, column: 6, rows: rows)
        try s.sumMoney(totals.balance, column: 7, rows: rows)
        try s.sumMoney(totals.dueToFamily, column: 8, rows: rows)
        try s.sumMoney(totals.dueFromFamily, column: 9, rows: rows)
        s.next()
        if let note = try unassignedNote(context) { try s.note(note) }
        try s.signOff(context.input.rules.printing.signOff)
        try s.approval(context.input.approvals[.statement])
        // Each class starts a page when the students come class by class and a class fills most of a page, so
        // a class's list can be handed to its teacher.
        if classStarts.count + 1 <= 1000 && rows.map({ $0.count / (classStarts.count + 1) }) ?? 0 >= 15 {
            try s.sheet.setPageBreaks(beforeRows: classStarts)
        }
    }

    /// The money columns of a list of families (the summary, the disclosure), added up as its rows are
    /// written: a family's statement is read once.
    struct FamilyColumns {
        var waived = Money.zero
        var due = Money.zero
        var paid = Money.zero
        var refunded = Money.zero
        var balance = Money.zero
        var dueToFamily = Money.zero
        var dueFromFamily = Money.zero
        var count = 0

        mutating func add(_ st: StudentStatement) throws {
            waived = try waived + st.waived
            due = try due + st.due
            paid = try paid + st.paid
            refunded = try refunded + st.refunded
            balance = try balance + st.balance
            dueToFamily = try dueToFamily + st.dueToFamily
            dueFromFamily = try dueFromFamily + st.dueFromFamily
            count += 1
        }
    }

    /// Printable blocks, one per family, packed onto A4 pages with page breaks between blocks; past
    /// ``ReportInput/maxRowsPerSheet`` rows the blocks go on in a sheet `家庭结算单 (2)`, and so on. Makes the
    /// sheets; each part it returns fills one.
    static func statementFamilies(_ book: Workbook, _ context: Context, sheets: [Range<Int>]) throws -> [FamilyFill.Make] {
        let c = context.c
        let courses = context.coursesById
        var parts: [FamilyFill.Make] = []
        for range in sheets {
            let s = try context.sheet(book, name: c.t("家庭结算单", "Families"), columns: 5, landscape: false)
            // 71 characters: a portrait A4 page at full size (about 7 pt a character, 0.7 of padding each).
            try s.sheet.setColumnWidth(0, 14)
            try s.sheet.setColumnWidth(1, 30)
            try s.sheet.setColumnWidth(2, 9)
            try s.sheet.setColumnWidth(3, 9)
            try s.sheet.setColumnWidth(4, 9)
            try s.fitTitle()
            parts.append { fillFamilies(s, context, range, courses: courses) }
        }
        return parts
    }

    /// Rows of one family's block: heading, header, one per course, charged, paid, refunded, balance, a blank row.
    static func familyBlockRows(_ st: StudentStatement) -> Int { familyBlockRows(lines: st.lines.count) }
    static func familyBlockRows(lines: Int) -> Int { lines + 7 }

    /// Which students' blocks go on which sheet: a block that would pass `maxRows` starts the next sheet
    /// (unless the sheet has none yet). Rows start at 1, under the title.
    static func familySheetRanges(_ students: [StudentStatement], maxRows: Int) -> [Range<Int>] {
        familySheetRanges(lineCounts: students.lazy.map(\.lines.count), maxRows: maxRows)
    }

    /// ``familySheetRanges(_:maxRows:)`` from each student's number of lines.
    static func familySheetRanges(lineCounts: some Sequence<Int>, maxRows: Int) -> [Range<Int>] {
        var sheets = FamilySheets(maxRows: maxRows)
        for lines in lineCounts { sheets.add(lines: lines) }
        return sheets.ranges
    }

    /// ``familySheetRanges(lineCounts:maxRows:)`` added up a student at a time.
    struct FamilySheets: Sendable {
        let maxRows: Int
        private var done: [Range<Int>] = []
        private var start = 0
        private var row = 1
        private var count = 0

        init(maxRows: Int) { self.maxRows = maxRows }

        /// The next student's block, of `lines` lines.
        mutating func add(lines: Int) {
            if row + familyBlockRows(lines: lines) > maxRows && row > 2 {
                done.append(start..<count)
                start = count
                row = 1
            }
            row += familyBlockRows(lines: lines)
            count += 1
        }

        /// The students of each sheet.
        var ranges: [Range<Int>] { done + [start..<count] }
    }

    /// The printable height of a portrait A4 page, in points: 842 pt less the margins (0.6 in top and
    /// bottom) and the footer, with room to spare. The repeated title takes its part of it.
    static let familyPageHeight = 700.0
    /// The height a row of one line is counted at when blocks are packed onto pages: the default 15 pt and a
    /// little more.
    static let familyLineHeight = 15.5

    /// The blocks of the families of `range`, packed onto pages.
    static func fillFamilies(_ s: ReportSheet, _ context: Context, _ range: Range<Int>, courses: CoursesById) -> FamilyFill {
        let c = context.c
        var used = 0.0
        var breaks: [Int] = []
        let add = { (st: StudentStatement) throws in
            let blockStart = s.row
            let traces = try lineTraces(st, context, courses: courses)
            let receipts = st.payments.map {
                c.t("收据 \($0.receipt)  \($0.date.chinese)  \($0.amount.formatted())", "receipt \($0.receipt)  \($0.date)  \($0.amount.formatted())")
            }.joined(separator: "\n")
            let refunds = st.refunds.map {
                c.t("退费 \($0.refundId)  \($0.date.chinese)  \($0.amount.formatted())", "refund \($0.refundId)  \($0.date)  \($0.amount.formatted())")
            }.joined(separator: "\n")
            let balanceWords = try c.balanceInWords(st.balance)
            let blockHeight = familyBlockHeight(s, st, traces: traces, texts: [receipts, refunds, balanceWords])
            if used + blockHeight > familyPageHeight - s.titleRowHeight && used > 0 {
                breaks.append(s.row)
                used = 0
            }
            used += blockHeight

            let heading = "\(st.student.name)（\(st.student.id)）  \(st.student.className)"
            try s.sheet.merge(heading, rows: s.row...s.row, columns: 0...4, style: familyHeading)
            s.next()
            try s.text(c.t("课程", "Course"), 0, style: .header)
            try s.text(c.t("计算过程", "How it was computed"), 1, style: .header)
            try s.text(c.t("原价", "Gross"), 2, style: .header)
            try s.text(c.t("减免", "Waived"), 3, style: .header)
            try s.text(c.t("应缴", "Due"), 4, style: .header)
            s.next()
            let firstLine = s.row
            for (line, trace) in zip(st.lines, traces) {
                try s.text(line.courseName, 0, style: .wrappedText)
                try s.text(trace, 1, style: .wrappedText)
                try s.money(line.gross, 2)
                try s.money(line.waived, 3)
                try s.money(line.due, 4)
                try s.fitRowHeight([(line.courseName, 0...0), (trace, 1...1)])
                s.next()
            }
            let lineRows = s.dataRows(from: firstLine)
            let chargedRow = s.row
            try s.text(c.t("应缴合计", "Due, total"), 0, style: .totalLabel)
            try s.blank(1, style: .totalLabel)
            try s.sumMoney(try Money.sum(st.lines.map(\.gross)), column: 2, rows: lineRows)
            try s.sumMoney(try Money.sum(st.lines.map(\.waived)), column: 3, rows: lineRows)
            try s.sumMoney(st.due, column: 4, rows: lineRows)
            s.next()
            let paidRow = s.row
            try familyMoneyRow(s, c.t("已缴", "Paid"), receipts, st.paid)
            let refundedRow = s.row
            try familyMoneyRow(s, c.t("已退", "Refunded"), refunds, st.refunded)
            try s.text(c.t("结余", "Balance"), 0, style: .totalLabel)
            try s.text(balanceWords, 1, style: familyBalance)
            try s.blank(2, style: .totalLabel)
            try s.blank(3, style: .totalLabel)
            let e = { (row: Int) in CellName.cell(row: row, column: 4) }
            try s.sheet.write(
                formula: "=\(e(chargedRow))-\(e(paidRow))+\(e(refundedRow))", value: excelNumber(st.balance),
                row: s.row, column: 4, style: .moneyTotal)
            try s.fitRowHeight([(balanceWords, 1...1)])
            s.next()
            s.next()  // a blank row between families
            assert(s.row - blockStart == familyBlockRows(st), "familySheetRanges counts a block's rows wrongly")
        }
        return FamilyFill(range: range, add: add) { try s.sheet.setPageBreaks(beforeRows: breaks) }
    }

    /// A family block's height as printed, in points: every row as tall as its wrapped text. `texts` are the
    /// receipts, refunds and balance-in-words rows' text (column 1).
    static func familyBlockHeight(_ s: ReportSheet, _ st: StudentStatement, traces: [String], texts: [String]) -> Double {
        func height(_ cells: [(String, ClosedRange<Int>)]) -> Double {
            let lines = cells.map { TextWidth.wrappedLines($0.0, columnWidth: s.width(of: $0.1)) }.max() ?? 1
            return lines > 1 ? TextWidth.rowHeight(lines: lines) : familyLineHeight
        }
        var total = 4 * familyLineHeight  // heading, header, 应收合计, the blank row
        for (line, trace) in zip(st.lines, traces) { total += height([(line.courseName, 0...0), (trace, 1...1)]) }
        for text in texts { total += height([(text, 1...1)]) }
        return total
    }

    /// A block's 已缴 or 已退 row: the label, every receipt or refund on its own line, the amount.
    static func familyMoneyRow(_ s: ReportSheet, _ label: String, _ lines: String, _ amount: Money) throws {
        try s.text(label, 0)
        try s.text(lines, 1, style: .wrappedText)
        try s.blank(2)
        try s.blank(3)
        try s.money(amount, 4)
        try s.fitRowHeight([(lines, 1...1)])
        s.next()
    }

    /// The course detail: one sheet per course (who was charged what) while there are at most
    /// ``maxCourseSheets`` courses; past that (a district's thousands of courses would be thousands of tabs) a
    /// course totals sheet, one row per course, and one detail sheet of every charge line, course by course,
    /// with an autofilter to pick a course.
    static let maxCourseSheets = 60

    /// Makes the course sheets; the part it returns fills them, reading the families once, in order (a family's
    /// statement is computed when read, a range of families at a time: ``ReportInput/families``).
    static func statementCourses(
        _ book: Workbook, _ context: Context, courses: [(id: String, name: String)]
    ) throws -> FamilyFill.Make {
        let c = context.c
        let captions = [
            c.t("学号", "ID"), c.t("姓名", "Name"), c.t("班级", "Class"), c.t("计费方式", "Billing"),
            c.t("数量", "Quantity"), c.t("单价", "Unit price"), c.t("原价", "Gross"), c.t("减免", "Waived"),
            c.t("应收", "Charged"),
        ]
        if courses.count <= maxCourseSheets {
            let sheets = try courses.map { try context.sheet(book, name: $0.name, columns: captions.count, landscape: true) }
            return { try fillCourseSheets(Dictionary(uniqueKeysWithValues: zip(courses.map(\.id), sheets)), captions: captions, c) }
        }
        let totalsSheet = try courseTotalsSheet(book, context)
        let leading = [c.t("课程编号", "Course ID"), c.t("课程", "Course")]
        let s = try context.sheet(book, name: c.t("课程明细", "Course lines"), columns: leading.count + captions.count, landscape: true)
        return {
            // Each course's lines, course by course, from one pass over the families: kept in a temporary file.
            let spill = try RowSpill()
            var totals: [String: CourseLineTotals] = [:]
            let add = { (st: StudentStatement) throws in
                for line in st.lines {
                    let row = CourseLineRow(line, of: st.student, c)
                    try totals[line.courseId, default: CourseLineTotals()].add(row)
                    let record = row.record
                    try spill.append(to: line.courseId, texts: record.texts, numbers: record.numbers)
                }
            }
            return FamilyFill(range: nil, add: add) {
                try courseTotals(totalsSheet, context, courses, totals)
                try courseLinesSheet(s, spill, courses, leading: leading, captions: captions, c)
            }
        }
    }

    /// The one detail sheet of a district's courses: every course's lines, course by course, read back from
    /// `spill`, and their total.
    static func courseLinesSheet(
        _ s: ReportSheet, _ spill: RowSpill, _ courses: [(id: String, name: String)], leading: [String],
        captions: [String], _ c: Captions
    ) throws {
        try s.header(leading + captions)
        let first = s.row
        var all = CourseLineTotals()
        for course in courses {
            try spill.forEachRow(of: course.id) { texts, numbers in
                let row = CourseLineRow(texts: texts, numbers: numbers)
                try all.add(row)
                try courseLineRow(s, row, leadingCourse: true)
            }
        }
        try courseLinesTotal(s, all, first: first, leadingCourse: true, c)
    }

    /// A sheet per course (by course id): the lines of the course, written as the families are read once in
    /// order, and each sheet's totals.
    static func fillCourseSheets(_ sheets: [String: ReportSheet], captions: [String], _ c: Captions) throws -> FamilyFill {
        var firsts: [String: Int] = [:]
        for (id, s) in sheets {
            try s.header(captions)
            firsts[id] = s.row
        }
        var totals: [String: CourseLineTotals] = [:]
        let add = { (st: StudentStatement) throws in
            for line in st.lines {
                guard let s = sheets[line.courseId] else { continue }
                let row = CourseLineRow(line, of: st.student, c)
                try totals[line.courseId, default: CourseLineTotals()].add(row)
                try courseLineRow(s, row, leadingCourse: false)
            }
        }
        return FamilyFill(range: nil, add: add) {
            for (id, s) in sheets {
                try courseLinesTotal(s, totals[id] ?? CourseLineTotals(), first: firsts[id] ?? s.row, leadingCourse: false, c)
            }
        }
    }

    static func courseTotalsCaptions(_ c: Captions) -> [String] {
        [
            c.t("课程编号", "Course ID"), c.t("课程", "Course"), c.t("计费方式", "Billing"), c.t("人数", "Students"),
            c.t("数量", "Quantity"), c.t("原价", "Gross"), c.t("减免", "Waived"), c.t("应收", "Charged"),
        ]
    }

    static func courseTotalsSheet(_ book: Workbook, _ context: Context) throws -> ReportSheet {
        let c = context.c
        return try context.sheet(book, name: c.t("课程汇总", "Course totals"), columns: courseTotalsCaptions(c).count, landscape: true)
    }

    /// One row per course: students charged, quantity, gross, waived, charged (each course's lines added up).
    static func courseTotals(
        _ s: ReportSheet, _ context: Context, _ courses: [(id: String, name: String)], _ totals: [String: CourseLineTotals]
    ) throws {
        let c = context.c
        try s.header(courseTotalsCaptions(c))
        let first = s.row
        var all = CourseLineTotals()
        for course in courses {
            let row = totals[course.id] ?? CourseLineTotals()
            try s.text(course.id, 0)
            try s.text(course.name, 1)
            try s.text(row.billing ?? "", 2)
            try s.integer(row.lines, 3)
            try s.integer(row.quantity, 4)
            try s.money(row.gross, 5)
            try s.money(row.waived, 6)
            try s.money(row.charged, 7)
            all.lines += row.lines
            all.quantity += row.quantity
            all.gross = try all.gross + row.gross
            all.waived = try all.waived + row.waived
            all.charged = try all.charged + row.charged
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        try s.text(c.t("\(courses.count) 门", "\(courses.count) courses"), 1, style: .totalLabel)
        try s.blank(2, style: .totalLabel)
        try s.sumInteger(all.lines, column: 3, rows: rows)
        try s.sumInteger(all.quantity, column: 4, rows: rows)
        try s.sumMoney(all.gross, column: 5, rows: rows)
        try s.sumMoney(all.waived, column: 6, rows: rows)
        try s.sumMoney(all.charged, column: 7, rows: rows)
        s.next()
    }
}
