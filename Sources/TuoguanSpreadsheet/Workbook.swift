import CXLSXWriter
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An .xlsx file being written: sheets, styles, charts, then ``close()`` writes it.
///
/// Writing is deterministic: the document's creation time is fixed (``DocumentProperties/created``), so the
/// same data gives the same bytes.
///
/// ```swift
/// let book = Workbook(path: "out.xlsx")
/// let sheet = try book.addWorksheet(name: "汇总")
/// try sheet.write("张小明", row: 0, column: 0)
/// try sheet.write(formula: "=SUM(B1:B3)", value: 6, row: 3, column: 1)
/// try book.close()
/// ```
///
/// Different sheets of one workbook may be written from different threads once the workbook's styles are
/// fixed with ``registerStyles(_:)`` (see there), in `constantMemory` mode (otherwise every string cell goes
/// through the library's shared-string table); everything else (adding sheets, charts, ``close()``) is done
/// from one thread while no sheet is being written.
///
/// Sendable, unchecked: a workbook whose sheets are written on several threads is reached from each of them,
/// and closed on whichever finished last. What the sheets' threads share is the style table (`formats`),
/// behind its mutex, and the immutable `constantMemory`; `handle` is only read while sheets are written. The
/// rest (`handle` at close, `sheets`, `takenNames`) changes only in the one-thread steps above, which the
/// caller orders before and after the sheets' writing (the reports: every sheet is made before any part
/// runs, and the close starts after the last part ends, both ordered by `Workbooks.run`'s mutex).
public final class Workbook: @unchecked Sendable {
    /// Title, author and the FIXED creation time written into docProps/core.xml.
    public struct DocumentProperties: Sendable, Equatable {
        public var title: String
        public var subject: String
        public var author: String
        public var company: String
        /// Seconds since 1970-01-01 UTC. Fixed (never "now") so output is reproducible.
        public var created: Int
        public init(title: String = "", subject: String = "", author: String = "", company: String = "", created: Int = 1_704_067_200) {
            self.title = title
            self.subject = subject
            self.author = author
            self.company = company
            self.created = created
        }
    }

    public let path: String
    public let constantMemory: Bool
    var handle: UnsafeMutablePointer<lxw_workbook>?
    var sheets: [Worksheet] = []
    /// The sheets' names, lowercased (Excel compares sheet names without case): a district's statement has
    /// thousands of sheets, so "is this name taken" must not compare against every one.
    private var takenNames: Set<String> = []
    /// One library format per distinct style, and whether the styles are fixed (``registerStyles(_:)``): what
    /// the sheets of a workbook written on several threads share (each sheet keeps its own small cache in
    /// front of it).
    private struct Formats {
        var byStyle: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]
        /// The formats in the order they were made.
        var made: [UnsafeMutablePointer<lxw_format>] = []
        /// No new style may appear once they are fixed.
        var fixed = false
    }
    private let formats = Mutex(Formats())

    /// Starts a workbook that ``close()`` will write to `path`. In `constantMemory` mode each sheet keeps only
    /// its current row in memory: rows must be written top to bottom (big detail sheets).
    public init(path: String, constantMemory: Bool = false, properties: DocumentProperties = DocumentProperties()) {
        self.path = path
        self.constantMemory = constantMemory
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 0)
        handle = path.withCString { workbook_new_opt($0, &options) }
        if let handle { Workbook.setProperties(handle, properties) }
    }

    deinit {
        // Not closed: free the library's memory and temporary files without writing anything.
        for sheet in sheets { sheet.isClosed = true }
        if let handle { lxw_workbook_free(handle) }
    }

    /// Whether ``close()`` has run (or the library could not start the workbook).
    public var isClosed: Bool { handle == nil }

    /// Adds a sheet. The name must be a valid, unused Excel sheet name (see ``validateSheetName(_:existing:)``);
    /// ``sanitizedSheetName(_:existing:)`` makes one from any text. `constantMemory`: this sheet keeps only its
    /// current row in memory (rows written top to bottom, its text written in the cells, not in the workbook's
    /// shared strings) even in a workbook that is not in constant memory: one big sheet among small ones.
    public func addWorksheet(name: String, constantMemory: Bool? = nil) throws -> Worksheet {
        guard let handle else { throw SpreadsheetError.workbookClosed }
        try Workbook.validateSheetName(name, taken: takenNames)
        let sheetConstantMemory = constantMemory ?? self.constantMemory
        if sheetConstantMemory && !self.constantMemory {
            // The library numbers a format when a cell using it is written to the file: at close for the other
            // sheets, as its rows go for this one. The formats made so far (by the sheets before it, written
            // top to bottom) are numbered now, in the order they were made, as the close would have numbered
            // them, so those sheets' cells keep their style numbers.
            formats.withLock { formats in for format in formats.made { _ = lxw_format_get_xf_index(format) } }
        }
        // The library takes a sheet's mode from the workbook's option when the sheet is added.
        let workbookMode = handle.pointee.options.constant_memory
        handle.pointee.options.constant_memory = sheetConstantMemory ? 1 : 0
        defer { handle.pointee.options.constant_memory = workbookMode }
        guard let raw = name.withCString({ workbook_add_worksheet(handle, $0) }) else {
            throw SpreadsheetError.library(code: -1, message: "workbook_add_worksheet failed for \(name)")
        }
        let sheet = Worksheet(workbook: self, handle: raw, name: name, constantMemory: sheetConstantMemory)
        sheets.append(sheet)
        takenNames.insert(name.lowercased())
        return sheet
    }

    /// Adds a sheet named after `wanted`, changed as needed to be valid and unique.
    public func addWorksheet(sanitizing wanted: String, constantMemory: Bool? = nil) throws -> Worksheet {
        try addWorksheet(name: Workbook.sanitizedSheetName(wanted, taken: takenNames), constantMemory: constantMemory)
    }

    /// Throws ``SpreadsheetError/badSheetName(name:reason:)`` or ``SpreadsheetError/duplicateSheetName(name:)``.
    public static func validateSheetName(_ name: String, existing: [String]) throws {
        try validateSheetName(name, taken: Set(existing.map { $0.lowercased() }))
    }

    /// `taken`: the names in use, lowercased.
    static func validateSheetName(_ name: String, taken: Set<String>) throws {
        if name.isEmpty { throw SpreadsheetError.badSheetName(name: name, reason: "empty") }
        if name.utf16.count > 31 {
            throw SpreadsheetError.badSheetName(name: name, reason: "longer than 31 characters")
        }
        if let bad = name.first(where: { forbiddenInSheetNames.contains($0) }) {
            throw SpreadsheetError.badSheetName(name: name, reason: "contains \"\(bad)\"")
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            throw SpreadsheetError.badSheetName(name: name, reason: "starts or ends with an apostrophe")
        }
        if taken.contains(name.lowercased()) {
            throw SpreadsheetError.duplicateSheetName(name: name)
        }
    }

    static let forbiddenInSheetNames: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// A valid sheet name from any text: forbidden characters become `_`, the name is cut to 31 UTF-16 units
    /// on a character boundary, and a ` (2)`, ` (3)` … suffix makes it unique.
    ///
    /// ```swift
    /// Workbook.sanitizedSheetName("美术/书法", existing: [])   // "美术_书法"
    /// ```
    public static func sanitizedSheetName(_ wanted: String, existing: [String]) -> String {
        sanitizedSheetName(wanted, taken: Set(existing.map { $0.lowercased() }))
    }

    /// `taken`: the names in use, lowercased.
    static func sanitizedSheetName(_ wanted: String, taken: Set<String>) -> String {
        var base = String(wanted.map { forbiddenInSheetNames.contains($0) || $0.isNewline ? "_" : $0 })
        while base.hasPrefix("'") { base.removeFirst() }
        while base.hasSuffix("'") { base.removeLast() }
        if base.isEmpty { base = "Sheet" }
        func cut(_ s: String, to limit: Int) -> String {
            var out = ""
            for c in s {
                if out.utf16.count + String(c).utf16.count > limit { break }
                out.append(c)
            }
            return out
        }
        var candidate = cut(base, to: 31)
        var n = 2
        while taken.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = cut(base, to: 31 - suffix.utf16.count) + suffix
            n += 1
        }
        return candidate
    }

    /// Writes the file and releases the library's memory. Throws a typed error when the file cannot be
    /// written; the workbook is closed either way, and using it afterwards throws
    /// ``SpreadsheetError/workbookClosed``.
    public func close() throws {
        guard let handle else { throw SpreadsheetError.workbookClosed }
        for sheet in sheets { sheet.applyColumnWidths() }
        defer { for sheet in sheets { sheet.isClosed = true } }
        // Check the directory first, so the library does not print its own error.
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        if access(directory, W_OK | X_OK) != 0 {
            lxw_workbook_free(handle)
            self.handle = nil
            throw SpreadsheetError.cannotCreateFile(path: path)
        }
        let status = workbook_close(handle)  // frees the workbook whatever the status
        self.handle = nil
        if let error = SpreadsheetError.from(status, path: path) { throw error }
    }

    /// The library format for a style, made once per distinct style. Safe to call from several threads.
    func format(_ style: CellStyle) throws -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        return try formats.withLock { formats in
            if let existing = formats.byStyle[style] { return existing }
            if formats.fixed { throw SpreadsheetError.styleNotRegistered(style: "\(style)") }
            return try makeFormat(style, in: &formats)
        }
    }

    /// Fixes the workbook's styles: makes a format for each of `styles`, in order, and gives each its index in
    /// the file now (the library otherwise numbers formats in the order cells first use them, which depends
    /// on which thread gets there first). After this, a cell in a style not listed throws
    /// ``SpreadsheetError/styleNotRegistered(style:)``, so the file's bytes never depend on thread timing.
    /// Call it once, before sheets are written from several threads.
    ///
    /// ```swift
    /// try book.registerStyles([.title, .header, .text, .money, .moneyTotal])
    /// DispatchQueue.concurrentPerform(iterations: 2) { i in /* write sheets[i] */ }
    /// try book.close()
    /// ```
    public func registerStyles(_ styles: [CellStyle]) throws {
        try formats.withLock { formats in
            for style in styles where style != .plain {
                let format = try formats.byStyle[style] ?? makeFormat(style, in: &formats)
                _ = lxw_format_get_xf_index(format)
            }
            formats.fixed = true
        }
    }

    /// Makes the library's format for `style` and keeps it in `formats` (the caller holds their lock).
    private func makeFormat(_ style: CellStyle, in formats: inout Formats) throws -> UnsafeMutablePointer<lxw_format> {
        guard let handle else { throw SpreadsheetError.workbookClosed }
        guard let format = workbook_add_format(handle) else {
            throw SpreadsheetError.library(code: -1, message: "workbook_add_format failed")
        }
        if style.bold { format_set_bold(format) }
        if let size = style.fontSize { format_set_font_size(format, Double(size)) }
        if let numberFormat = style.numberFormat { numberFormat.withCString { format_set_num_format(format, $0) } }
        if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        if style.wrap { format_set_text_wrap(format) }
        switch style.alignment {
        case .general: break
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        if style.verticalCenter { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue)) }
        if let background = style.background {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxw_color_t(background))
        }
        formats.byStyle[style] = format
        formats.made.append(format)
        return format
    }

    /// Adds a chart to the workbook (placed by ``Worksheet/insertChart(_:row:column:)``).
    func makeChart(_ spec: ChartSpec) throws -> UnsafeMutablePointer<lxw_chart> {
        guard let handle else { throw SpreadsheetError.workbookClosed }
        let type: UInt8
        switch spec.kind {
        case .pie: type = UInt8(LXW_CHART_PIE.rawValue)
        case .bar: type = UInt8(LXW_CHART_BAR.rawValue)
        case .column: type = UInt8(LXW_CHART_COLUMN.rawValue)
        }
        guard let chart = workbook_add_chart(handle, type), let series = chart_add_series(chart, nil, nil) else {
            throw SpreadsheetError.library(code: -1, message: "workbook_add_chart failed")
        }
        let c = spec.categories
        let v = spec.values
        c.sheet.withCString {
            chart_series_set_categories(
                series, $0, lxw_row_t(c.firstRow), lxw_col_t(c.firstColumn), lxw_row_t(c.lastRow), lxw_col_t(c.lastColumn))
        }
        v.sheet.withCString {
            chart_series_set_values(
                series, $0, lxw_row_t(v.firstRow), lxw_col_t(v.firstColumn), lxw_row_t(v.lastRow), lxw_col_t(v.lastColumn))
        }
        if let name = spec.seriesName { name.withCString { chart_series_set_name(series, $0) } }
        spec.title.withCString { chart_title_set_name(chart, $0) }
        if spec.kind == .pie {
            chart_series_set_labels(series)
            chart_series_set_labels_percentage(series)
            chart_series_set_labels_leader_line(series)
        } else {
            chart_series_set_labels(series)
            chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
            if spec.labelEveryCategory {
                // libxlsxwriter calls a bar chart's (vertical) category axis y, a column chart's x.
                let axis = spec.kind == .bar ? chart.pointee.y_axis : chart.pointee.x_axis
                chart_axis_set_interval_unit(axis, 1)
                // 9-point names fit the bars' height, so a viewer has no reason to leave some out.
                var font = lxw_chart_font()
                font.size = 9
                chart_axis_set_num_font(axis, &font)
            }
        }
        return chart
    }

    private static func setProperties(_ handle: UnsafeMutablePointer<lxw_workbook>, _ p: DocumentProperties) {
        let title = strdup(p.title), subject = strdup(p.subject), author = strdup(p.author), company = strdup(p.company)
        defer {
            free(title)
            free(subject)
            free(author)
            free(company)
        }
        var properties = lxw_doc_properties()
        properties.title = title
        properties.subject = subject
        properties.author = author
        properties.company = company
        properties.created = time_t(p.created)
        _ = workbook_set_properties(handle, &properties)
    }
}
