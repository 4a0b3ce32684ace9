import TuoguanSpreadsheet

extension ReportSheet {
    /// The width of `columns` as it will print, in characters of `0`: fixed widths, or what was measured so
    /// far (a measured column only grows, so a height from it is never too small), or Excel's default 8.43.
    func width(of columns: ClosedRange<Int>) -> Double {
        columns.reduce(0) { $0 + (sheet.columnWidth($1) ?? 8.43) }
    }

    /// Sets the current row's height to hold every cell's wrapped text (East Asian characters counted as
    /// two columns): call after writing the row's cells and before ``next()``. `cells` are the wrapping
    /// cells' text and the columns each spans (one column, or a merged range). Rows of one line keep the
    /// default height, so nothing changes for them.
    ///
    /// ```swift
    /// try s.text(trace, 1, style: .wrappedText)
    /// try s.fitRowHeight([(trace, 1...1)])
    /// ```
    @discardableResult
    func fitRowHeight(_ cells: [(text: String, columns: ClosedRange<Int>)], fontSize: Int = 11, minimum: Double? = nil) throws -> Int {
        let lines = cells.map { TextWidth.wrappedLines($0.text, columnWidth: width(of: $0.columns)) }.max() ?? 1
        let height = max(TextWidth.rowHeight(lines: lines, fontSize: fontSize), minimum ?? 0)
        if lines > 1 || minimum != nil { try sheet.setRowHeight(row, height) }
        return lines
    }

    /// Sets the title row's height from the columns' widths: call once the widths are fixed and before the
    /// second row is written (a constant-memory sheet cannot go back to row 0).
    func fitTitle() throws {
        let width = self.width(of: 0...max(0, columns - 1))
        let lines = TextWidth.wrappedLines(title, columnWidth: width * 11 / 14 - 1)
        titleRowHeight = max(24, TextWidth.rowHeight(lines: lines, fontSize: 14))
        try sheet.setRowHeight(0, titleRowHeight)
    }
}
