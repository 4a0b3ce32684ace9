/// How a worksheet prints: A4, orientation, title rows repeated on each page, a `page / pages` footer and
/// scaling to one page wide.
///
/// ```swift
/// try sheet.setPage(PageSetup(landscape: true, repeatRows: 0...1))
/// ```
public struct PageSetup: Sendable, Equatable {
    /// Excel paper code: 9 is A4.
    public var paper: UInt8
    public var landscape: Bool
    /// Rows printed at the top of every page (0-based, inclusive).
    public var repeatRows: ClosedRange<Int>?
    /// Excel header/footer codes: `&P` page, `&N` pages.
    public var footer: String?
    /// Scale the print to one page wide (as many pages tall as needed).
    public var fitToWidth: Bool

    public static let a4 = 9

    public init(
        paper: UInt8 = 9, landscape: Bool = false, repeatRows: ClosedRange<Int>? = nil,
        footer: String? = "&C&P / &N", fitToWidth: Bool = true
    ) {
        self.paper = paper
        self.landscape = landscape
        self.repeatRows = repeatRows
        self.footer = footer
        self.fitToWidth = fitToWidth
    }
}

/// A rectangle of cells on a named sheet (0-based, inclusive), for chart series.
public struct CellRange: Sendable, Equatable {
    public var sheet: String
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int
    public init(sheet: String, firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.sheet = sheet
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }
    /// One column from `firstRow` to `lastRow`.
    public init(sheet: String, column: Int, rows: ClosedRange<Int>) {
        self.init(sheet: sheet, firstRow: rows.lowerBound, firstColumn: column, lastRow: rows.upperBound, lastColumn: column)
    }
}

/// A chart of one series.
///
/// ```swift
/// let chart = ChartSpec(kind: .pie, title: "经费分配",
///                       categories: CellRange(sheet: "收支公示", column: 0, rows: 8...12),
///                       values: CellRange(sheet: "收支公示", column: 2, rows: 8...12))
/// try sheet.insertChart(chart, row: 2, column: 6)
/// ```
public struct ChartSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case pie, bar, column }
    public var kind: Kind
    public var title: String
    public var seriesName: String?
    public var categories: CellRange
    public var values: CellRange
    /// Scale of the default 480 × 288 pixel chart.
    public var xScale: Double
    public var yScale: Double
    /// Label every category (a bar chart's every teacher), instead of letting the viewer skip labels that crowd.
    public var labelEveryCategory: Bool
    public init(
        kind: Kind, title: String, seriesName: String? = nil, categories: CellRange, values: CellRange,
        xScale: Double = 1, yScale: Double = 1, labelEveryCategory: Bool = false
    ) {
        self.labelEveryCategory = labelEveryCategory
        self.kind = kind
        self.title = title
        self.seriesName = seriesName
        self.categories = categories
        self.values = values
        self.xScale = xScale
        self.yScale = yScale
    }
}

/// `A`, `B`, … `Z`, `AA` … for a 0-based column, and `D5`-style references.
public enum CellName {
    public static func column(_ index: Int) -> String {
        var n = index + 1
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
    /// `D5` for row 4, column 3 (0-based).
    public static func cell(row: Int, column: Int) -> String { "\(self.column(column))\(row + 1)" }
    /// `D2:D301`.
    public static func range(column: Int, rows: ClosedRange<Int>) -> String {
        "\(cell(row: rows.lowerBound, column: column)):\(cell(row: rows.upperBound, column: column))"
    }
}
