/// How a cell looks: font weight, number format, border, alignment. Styles are values; the workbook makes one
/// libxlsxwriter format per distinct style.
///
/// ```swift
/// var total = CellStyle.money
/// total.bold = true
/// try sheet.write(number: 240, row: 5, column: 3, style: total)
/// ```
public struct CellStyle: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case general, left, center, right }

    public var bold: Bool = false
    /// Font size in points; nil for the default (11).
    public var fontSize: Int? = nil
    /// Excel number format, e.g. `#,##0.00`.
    public var numberFormat: String? = nil
    /// A thin border on all four sides.
    public var border: Bool = false
    public var wrap: Bool = false
    public var alignment: Alignment = .general
    public var verticalCenter: Bool = false
    /// Background fill as 0xRRGGBB, or nil.
    public var background: UInt32? = nil

    public init(
        bold: Bool = false, fontSize: Int? = nil, numberFormat: String? = nil, border: Bool = false,
        wrap: Bool = false, alignment: Alignment = .general, verticalCenter: Bool = false,
        background: UInt32? = nil
    ) {
        self.bold = bold
        self.fontSize = fontSize
        self.numberFormat = numberFormat
        self.border = border
        self.wrap = wrap
        self.alignment = alignment
        self.verticalCenter = verticalCenter
        self.background = background
    }

    /// Number format for money: thousands separators and two decimals.
    public static let moneyFormat = "#,##0.00"
    /// Number format for dates in Chinese: `2024年9月2日`.
    public static let chineseDateFormat = "yyyy\"年\"m\"月\"d\"日\""
    public static let isoDateFormat = "yyyy-mm-dd"

    public static let plain = CellStyle()
    /// A bordered text cell.
    public static let text = CellStyle(border: true)
    /// A bordered text cell that wraps.
    public static let wrappedText = CellStyle(border: true, wrap: true)
    /// A bold, centred, shaded header cell.
    public static let header = CellStyle(
        bold: true, border: true, wrap: true, alignment: .center, verticalCenter: true, background: 0xDDEBF7)
    /// The sheet title: bold, 14 pt.
    public static let title = CellStyle(bold: true, fontSize: 14, alignment: .left, verticalCenter: true)
    public static let money = CellStyle(numberFormat: moneyFormat, border: true)
    public static let moneyTotal = CellStyle(bold: true, numberFormat: moneyFormat, border: true, background: 0xF2F2F2)
    public static let integer = CellStyle(numberFormat: "0", border: true)
    public static let integerTotal = CellStyle(bold: true, numberFormat: "0", border: true, background: 0xF2F2F2)
    /// Two decimals without grouping, for hours.
    public static let decimal = CellStyle(numberFormat: "0.00", border: true)
    public static let decimalTotal = CellStyle(bold: true, numberFormat: "0.00", border: true, background: 0xF2F2F2)
    public static let percent = CellStyle(numberFormat: "0.00%", border: true)
    public static let totalLabel = CellStyle(bold: true, border: true, background: 0xF2F2F2)
    public static let chineseDate = CellStyle(numberFormat: chineseDateFormat, border: true, alignment: .left)
    public static let isoDate = CellStyle(numberFormat: isoDateFormat, border: true, alignment: .left)
}
