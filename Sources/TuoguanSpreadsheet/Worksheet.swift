import CXLSXWriter

/// One sheet of a ``Workbook``. Rows and columns are 0-based. Text is always written as text (a name like
/// `=1+1` or `+8613800000000` stays a string); numbers, dates and formulas have their own methods.
///
/// The sheet measures what it writes and sets column widths that fit Chinese text when the workbook closes
/// (unless a width was set by hand).
///
/// ```swift
/// try sheet.write("姓名", row: 1, column: 0, style: .header)
/// try sheet.write(number: 240, row: 2, column: 1, style: .money)
/// try sheet.write(formula: "=SUM(B3:B3)", value: 240, row: 3, column: 1, style: .moneyTotal)
/// ```
///
/// One thread writes a sheet at a time; different sheets of a workbook may be written at once from different
/// threads after ``Workbook/registerStyles(_:)``. A sheet is not `Sendable`: whatever carries one to another
/// thread must hand it over in order (a lock, a queue) and let one thread write it at a time.
public final class Worksheet {
    weak var workbook: Workbook?
    /// Set by the workbook when it is written or freed: the library's sheet is gone. Checked on every cell
    /// instead of loading the weak `workbook` (which costs an atomic operation).
    var isClosed = false
    private let constantMemory: Bool
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name, as shown on its tab.
    public let name: String
    /// The widest text written in each column so far (-1: nothing measured), by column.
    private var measured: [Int] = []
    private var fixedWidths: [Int: Double] = [:]
    /// `isFixed[c]`: column c has a width set by hand, so what is written in it need not be measured.
    private var isFixed: [Bool] = []
    /// The styles this sheet used last and their formats: a sheet uses a handful of styles, and comparing with
    /// them is cheaper than the workbook's table (which hashes the style, under a lock).
    private var recentFormats: [(style: CellStyle, format: UnsafeMutablePointer<lxw_format>?)] = []
    private var lastRow = -1
    /// The widest a measured column gets, in characters.
    public var maximumColumnWidth = 60

    init(workbook: Workbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String, constantMemory: Bool) {
        self.workbook = workbook
        self.constantMemory = constantMemory
        self.handle = handle
        self.name = name
    }

    // MARK: Cells

    /// Writes `text` as a string cell (never parsed as a formula or number).
    public func write(_ text: String, row: Int, column: Int, style: CellStyle = .plain, measure: Bool = true) throws {
        let format = try prepare(row: row, column: column, style: style)
        let status = text.withCString { worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), $0, format) }
        try check(status, row: row, column: column)
        if measure { note(width: TextWidth.displayWidth(text) + (style.bold ? 1 : 0), column: column) }
    }

    /// Writes a number. Money goes through the reports' one audited conversion to `Double`.
    public func write(number: Double, row: Int, column: Int, style: CellStyle = .plain) throws {
        let format = try prepare(row: row, column: column, style: style)
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format), row: row, column: column)
        note(width: Worksheet.width(of: number, style: style), column: column)
    }

    /// Writes a whole number (counts, lessons, points).
    public func write(integer: Int64, row: Int, column: Int, style: CellStyle = .integer) throws {
        try write(number: Double(integer), row: row, column: column, style: style)
    }

    /// Writes a date (a date cell with the style's number format, e.g. ``CellStyle/chineseDate``).
    public func write(year: Int, month: Int, day: Int, row: Int, column: Int, style: CellStyle = .chineseDate) throws {
        let format = try prepare(row: row, column: column, style: style)
        var value = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        try check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &value, format), row: row, column: column)
        note(width: style.numberFormat == CellStyle.chineseDateFormat ? 16 : 10, column: column)
    }

    /// Writes a formula together with its computed value, so readers that do not recalculate (viewers,
    /// scripts) show the right figure.
    public func write(formula: String, value: Double, row: Int, column: Int, style: CellStyle = .plain) throws {
        let format = try prepare(row: row, column: column, style: style)
        let status = formula.withCString {
            worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), $0, format, value)
        }
        try check(status, row: row, column: column)
        note(width: Worksheet.width(of: value, style: style), column: column)
    }

    /// A formatted empty cell (borders of a table).
    public func writeBlank(row: Int, column: Int, style: CellStyle) throws {
        let format = try prepare(row: row, column: column, style: style)
        try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format), row: row, column: column)
    }

    /// Merges a rectangle and writes `text` in it (titles). The text is not measured for column widths.
    public func merge(_ text: String, rows: ClosedRange<Int>, columns: ClosedRange<Int>, style: CellStyle = .title) throws {
        let format = try prepare(row: rows.lowerBound, column: columns.lowerBound, style: style)
        if rows.count == 1 && columns.count == 1 {
            try write(text, row: rows.lowerBound, column: columns.lowerBound, style: style, measure: false)
            return
        }
        let status = text.withCString {
            worksheet_merge_range(
                handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound), lxw_row_t(rows.upperBound),
                lxw_col_t(columns.upperBound), $0, format)
        }
        try check(status, row: rows.lowerBound, column: columns.lowerBound)
    }

    // MARK: Layout

    /// Fixes a column's width (in characters of `0`), overriding the measured width.
    public func setColumnWidth(_ column: Int, _ width: Double) throws {
        try ensureOpen()
        fixedWidths[column] = width
        if column >= isFixed.count { isFixed += Array(repeating: false, count: column + 1 - isFixed.count) }
        isFixed[column] = true
    }

    /// Row height in points.
    public func setRowHeight(_ row: Int, _ height: Double) throws {
        try ensureOpen()
        try check(worksheet_set_row(handle, lxw_row_t(row), height, nil), row: row, column: 0)
    }

    /// Freezes the rows above `row` and the columns left of `column` (a frozen header).
    public func freezePanes(row: Int, column: Int = 0) throws {
        try ensureOpen()
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    /// An autofilter on a header row and the data under it.
    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        try ensureOpen()
        try check(
            worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
            row: lastRow, column: lastColumn)
    }

    /// Paper, orientation, repeated title rows, footer and fit-to-width.
    public func setPage(_ setup: PageSetup) throws {
        try ensureOpen()
        worksheet_set_paper(handle, setup.paper)
        if setup.landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        if let rows = setup.repeatRows {
            try check(worksheet_repeat_rows(handle, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound)), row: rows.upperBound, column: 0)
        }
        if let footer = setup.footer {
            try check(footer.withCString { worksheet_set_footer(handle, $0) }, row: 0, column: 0)
        }
        if setup.fitToWidth { worksheet_fit_to_pages(handle, 1, 0) }
        worksheet_set_margins(handle, 0.5, 0.5, 0.6, 0.6)
    }

    /// Manual page breaks before the given rows (at most 1,023, Excel's limit; extra ones are dropped).
    public func setPageBreaks(beforeRows rows: [Int]) throws {
        try ensureOpen()
        let sorted = Array(Set(rows.filter { $0 > 0 })).sorted().prefix(1023)
        guard !sorted.isEmpty else { return }
        var breaks = sorted.map { lxw_row_t($0) } + [0]
        try check(worksheet_set_h_pagebreaks(handle, &breaks), row: sorted.last ?? 0, column: 0)
    }

    /// Places a chart with its top-left corner at a cell.
    public func insertChart(_ spec: ChartSpec, row: Int, column: Int) throws {
        guard let workbook, !workbook.isClosed else { throw SpreadsheetError.workbookClosed }
        let chart = try workbook.makeChart(spec)
        var options = lxw_chart_options()
        options.x_scale = spec.xScale
        options.y_scale = spec.yScale
        try check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart, &options), row: row, column: column)
    }

    /// The width that was or will be set for a column (measured, or fixed by hand), in characters.
    public func columnWidth(_ column: Int) -> Double? {
        if let fixed = fixedWidths[column] { return fixed }
        guard column < measured.count, measured[column] >= 0 else { return nil }
        let m = measured[column]
        return Double(min(max(m + 2, 6), maximumColumnWidth))
    }

    // MARK: Internals

    func applyColumnWidths() {
        let columns = Set(measured.indices.filter { measured[$0] >= 0 }).union(fixedWidths.keys)
        for column in columns.sorted() {
            guard let width = columnWidth(column) else { continue }
            _ = worksheet_set_column(handle, lxw_col_t(column), lxw_col_t(column), width, nil)
        }
    }

    private func ensureOpen() throws {
        if isClosed { throw SpreadsheetError.workbookClosed }
    }

    private func prepare(row: Int, column: Int, style: CellStyle) throws -> UnsafeMutablePointer<lxw_format>? {
        if isClosed { throw SpreadsheetError.workbookClosed }
        guard row >= 0, row < 1_048_576, column >= 0, column < 16_384 else {
            throw SpreadsheetError.cellOutOfRange(row: row, column: column)
        }
        if constantMemory {
            if row < lastRow { throw SpreadsheetError.rowOutOfOrder(row: row, lastRow: lastRow) }
        }
        lastRow = max(lastRow, row)
        for entry in recentFormats where entry.style == style { return entry.format }
        guard let workbook, !workbook.isClosed else { throw SpreadsheetError.workbookClosed }
        let format = try workbook.format(style)
        if recentFormats.count == 12 { recentFormats.removeFirst() }
        recentFormats.append((style, format))
        return format
    }

    private func check(_ status: lxw_error, row: Int, column: Int) throws {
        if let error = SpreadsheetError.from(status, row: row, column: column) { throw error }
    }

    private func note(width: @autoclosure () -> Int, column: Int) {
        if column < isFixed.count && isFixed[column] { return }
        let width = width()
        if column >= measured.count { measured += Array(repeating: -1, count: column + 1 - measured.count) }
        measured[column] = max(measured[column], width)
    }

    private static func width(of value: Double, style: CellStyle) -> Int {
        switch style.numberFormat {
        case CellStyle.moneyFormat?: return TextWidth.numberWidth(value, grouped: true, decimals: 2)
        case "0.00"?: return TextWidth.numberWidth(value, grouped: false, decimals: 2)
        case "0.00%"?: return TextWidth.numberWidth(value * 100, grouped: false, decimals: 2) + 1
        default: return TextWidth.numberWidth(value, grouped: false, decimals: value == value.rounded() ? 0 : 2)
        }
    }
}
