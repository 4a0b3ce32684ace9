import TuoguanCore
import TuoguanSpreadsheet

/// A sheet of a report being written top to bottom: a title row, a header row, data rows and a totals row.
/// Rows are written in order, so the same code works in constant-memory workbooks. One thread writes a sheet
/// at a time (a job's part owns its sheets: ``Workbooks/run(_:threads:familiesOnCaller:)``).
///
/// Sendable, unchecked: a sheet is made (with its ``Worksheet``) on the thread that sets up its workbook and
/// filled by a part on another thread, so the part's closure carries it. Nothing in it is shared while it is
/// written: exactly one part captures it and runs once; the part starts after the setup and the workbook's
/// close (which sets the column widths) starts after the part ends, both ordered by the mutex of
/// ``Workbooks/run(_:threads:familiesOnCaller:)``. The only state shared between sheets is the workbook's style table, behind
/// its own mutex.
final class ReportSheet: @unchecked Sendable {
    let sheet: Worksheet
    let language: Language
    /// The next row to write.
    var row = 0
    private(set) var headerRow: Int?
    private(set) var columns = 0
    private let landscape: Bool
    /// The title row's text.
    let title: String
    /// The title row's height in points (it is printed at the top of every page).
    var titleRowHeight = 24.0

    /// `constantMemory`: the sheet keeps only its current row in memory whatever its workbook's mode
    /// (``Workbook/addWorksheet(name:constantMemory:)``).
    init(
        _ book: Workbook, name: String, title: String, columns: Int, language: Language, landscape: Bool? = nil,
        constantMemory: Bool? = nil
    ) throws {
        sheet = try book.addWorksheet(sanitizing: name, constantMemory: constantMemory)
        self.language = language
        self.columns = columns
        self.landscape = landscape ?? (columns > 8)
        self.title = title
        try sheet.merge(title, rows: 0...0, columns: 0...max(0, columns - 1), style: ReportSheet.titleStyle)
        titleRowHeight = ReportSheet.titleHeight(title, columns: columns, landscape: self.landscape)
        try sheet.setRowHeight(0, titleRowHeight)
        row = 1
        // Only the title repeats until a header row is written (a sheet of family blocks has none).
        try sheet.setPage(PageSetup(landscape: self.landscape, repeatRows: 0...0))
    }

    var name: String { sheet.name }

    /// The title: bold 14 pt, wrapping when it is wider than the table.
    static let titleStyle = CellStyle(bold: true, fontSize: 14, wrap: true, alignment: .left, verticalCenter: true)

    /// The title row's height: 24 pt for one line, more when the title is wider than the table is likely to
    /// be (about 8 characters a column, at most a page: 130 characters landscape, 90 portrait; the widths
    /// are only known when the sheet is closed, and a sheet written in constant memory cannot go back).
    static func titleHeight(_ title: String, columns: Int, landscape: Bool) -> Double {
        let tableWidth = min(Double(columns) * 8, landscape ? 130 : 90)
        // A 14 pt character is 14/11 of an 11 pt one; bold is a little wider still.
        let lines = TextWidth.wrappedLines(title, columnWidth: tableWidth * 11 / 14 - 1)
        return max(24, TextWidth.rowHeight(lines: lines, fontSize: 14))
    }

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// Writes the header row, freezes the panes under it.
    func header(_ captions: [String]) throws {
        for (column, caption) in captions.enumerated() {
            try sheet.write(caption, row: row, column: column, style: .header)
        }
        headerRow = row
        try fitRowHeight(captions.enumerated().map { ($0.element, $0.offset...$0.offset) })
        try sheet.freezePanes(row: row + 1)
        try sheet.setPage(PageSetup(landscape: landscape, repeatRows: 0...row))
        row += 1
    }

    /// An autofilter over the header and the rows under it (call after the data rows).
    func filter(lastDataRow: Int) throws {
        guard let headerRow, lastDataRow > headerRow else { return }
        try sheet.autofilter(firstRow: headerRow, firstColumn: 0, lastRow: lastDataRow, lastColumn: columns - 1)
    }

    func text(_ value: String, _ column: Int, style: CellStyle = .text) throws {
        try sheet.write(value, row: row, column: column, style: style)
    }

    /// A line of explanation under a table: merged across the table's columns and wrapped, its row as tall
    /// as the wrapped text (so it never runs past the printed page); not measured, so it does not widen a
    /// column.
    func note(_ value: String) throws {
        let columns = 0...max(0, self.columns - 1)
        try sheet.merge(value, rows: row...row, columns: columns, style: ReportSheet.noteStyle)
        try fitRowHeight([(value, columns)])
        next()
    }

    /// A note's cells: plain, wrapping, top-aligned.
    static let noteStyle = CellStyle(wrap: true, alignment: .left)

    func money(_ value: Money, _ column: Int, style: CellStyle = .money) throws {
        try sheet.write(number: excelNumber(value), row: row, column: column, style: style)
    }

    func integer(_ value: Int64, _ column: Int, style: CellStyle = .integer) throws {
        try sheet.write(integer: value, row: row, column: column, style: style)
    }

    /// A non-money fraction (hours, shares, scores).
    func decimal(_ value: Double, _ column: Int, style: CellStyle = .decimal) throws {
        try sheet.write(number: value, row: row, column: column, style: style)
    }

    func date(_ value: CivilDate, _ column: Int) throws {
        try sheet.write(
            year: value.year, month: value.month, day: value.day, row: row, column: column,
            style: language == .zh ? .chineseDate : .isoDate)
    }

    func blank(_ column: Int, style: CellStyle = .text) throws {
        try sheet.writeBlank(row: row, column: column, style: style)
    }

    /// `=SUM(D3:D10)` over `rows` of `column`, storing `value` (the money core's figure).
    func sumMoney(_ value: Money, column: Int, rows: ClosedRange<Int>?, style: CellStyle = .moneyTotal) throws {
        try sheet.write(formula: ReportSheet.sum(column: column, rows: rows), value: excelNumber(value), row: row, column: column, style: style)
    }

    func sumInteger(_ value: Int64, column: Int, rows: ClosedRange<Int>?, style: CellStyle = .integerTotal) throws {
        try sheet.write(formula: ReportSheet.sum(column: column, rows: rows), value: Double(value), row: row, column: column, style: style)
    }

    func sumDecimal(_ value: Double, column: Int, rows: ClosedRange<Int>?, style: CellStyle = .decimalTotal) throws {
        try sheet.write(formula: ReportSheet.sum(column: column, rows: rows), value: value, row: row, column: column, style: style)
    }

    static func sum(column: Int, rows: ClosedRange<Int>?) -> String {
        guard let rows else { return "=0" }
        return "=SUM(\(CellName.range(column: column, rows: rows)))"
    }

    /// The rows from `first` to the row before the cursor, or nil if none were written.
    func dataRows(from first: Int) -> ClosedRange<Int>? { row > first ? first...(row - 1) : nil }

    func next() { row += 1 }
}

/// Captions shared by the workbooks.
struct Captions {
    let language: Language
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func billing(_ b: Billing) -> String {
        switch b {
        case .free: return t("免费", "free")
        case .perLesson: return t("按课时", "per lesson")
        case .perStudentHour: return t("按生时", "per student-hour")
        case .monthly: return t("按月", "monthly")
        case .perTerm: return t("按学期", "per term")
        }
    }

    func reason(_ r: RefundReason) -> String {
        switch r {
        case .personalLeave: return t("个人请假", "personal leave")
        case .cancelled: return t("学校停课", "cancelled by the school")
        case .withdrawal: return t("退课", "withdrawal")
        case .settlement: return t("期末结算", "term-end settlement")
        }
    }

    func teacherKind(_ k: TeacherKind) -> String {
        switch k {
        case .staff: return t("在职教师", "staff")
        case .retired: return t("退休教师", "retired")
        case .outside: return t("校外机构", "outside institution")
        case .volunteer: return t("志愿者", "volunteer")
        }
    }

    func duty(_ key: String) -> String {
        switch key {
        case "supervision": return t("作业辅导", "homework supervision")
        case "activity": return t("兴趣活动", "interest activity")
        case "patrol": return t("安全巡查", "safety patrol")
        case "escort": return t("护送", "escort")
        default: return key
        }
    }

    func pass(_ passed: Bool) -> String { passed ? t("通过", "pass") : t("未通过", "FAIL") }

    /// `应补：贰佰元整`, `应退：…`, `已结清`.
    func balanceInWords(_ balance: Money) throws -> String {
        if balance.fen > 0 { return t("应补：", "to pay: ") + balance.uppercase }
        if balance.fen < 0 { return t("应退：", "to refund: ") + (try balance.magnitude()).uppercase }
        return t("已结清（零元整）", "settled (零元整)")
    }
}
