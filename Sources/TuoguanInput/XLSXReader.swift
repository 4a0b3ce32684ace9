import Foundation
import TuoguanCore
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads the sheets of an .xlsx workbook as rows of ``TableField``s (line = spreadsheet row, column =
/// spreadsheet column, both 1-based). Shared and inline strings, numbers and booleans are read; a numeric
/// cell keeps ``TableField/isNumber`` so a date stored as a serial number can be converted.
///
/// ```swift
/// let book = try XLSXReader(path: "term.xlsx")
/// let rows = try book.rows(ofSheet: book.sheetNames[0])
/// ```
public struct XLSXReader {
    let fileName: String
    private let archive: Archive
    /// Refuses a part whose deflate stream does not end where the directory says (ZIPFoundation would hang).
    private let deflateCheck: ZipDeflateCheck
    /// Sheet names in workbook order, and the part each lives in.
    private(set) var sheets: [(name: String, part: String)] = []
    private var sharedStrings: [String] = []

    public var sheetNames: [String] { sheets.map(\.name) }

    public init(path: String) throws {
        fileName = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Self.notAWorkbook(path)
        }
        guard let check = ZipDeflateCheck(path: path) else { throw Self.notAWorkbook(path) }
        deflateCheck = check
        guard let workbook = try part("xl/workbook.xml") else { throw Self.notAWorkbook(path) }
        let rels = try part("xl/_rels/workbook.xml.rels")
        var targets: [String: String] = [:]
        if let rels {
            let handler = ElementCollector(names: ["Relationship"])
            handler.parse(rels)
            for attributes in handler.elements {
                if let id = attributes["Id"], let target = attributes["Target"] {
                    var t = target
                    if t.hasPrefix("/") { t.removeFirst() } else { t = "xl/" + t }
                    targets[id] = t
                }
            }
        }
        let sheetHandler = ElementCollector(names: ["sheet"])
        sheetHandler.parse(workbook)
        for (i, attributes) in sheetHandler.elements.enumerated() {
            let name = attributes["name"] ?? "Sheet\(i + 1)"
            let rid = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value
            let part = rid.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(i + 1).xml"
            sheets.append((name, part))
        }
        if let shared = try part("xl/sharedStrings.xml") {
            let parser = SharedStringsParser()
            parser.parse(shared)
            sharedStrings = parser.strings
        }
    }

    static func notAWorkbook(_ path: String) -> TuoguanError {
        TuoguanError(
            .badInput, zh: "不是可读的 .xlsx 工作簿", en: "not a readable .xlsx workbook",
            fix: LocalizedText(zh: "在表格软件中另存为 Excel 工作簿（.xlsx）", en: "save it again as an Excel workbook (.xlsx)"),
            at: SourceLocation(file: path))
    }

    private func part(_ path: String) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard deflateCheck.isWhole(path) else { throw Self.notAWorkbook(fileName) }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw Self.notAWorkbook(fileName)
        }
        // XMLParser (swift-corelibs-foundation) traps on element or attribute names that are not UTF-8: such
        // a part is refused here (Excel and LibreOffice write every part in UTF-8). Found by scripts/fuzz xlsx.
        guard String(validating: data, as: UTF8.self) != nil else { throw Self.notAWorkbook(fileName) }
        // It also crashes on a processing instruction without data (`<?pi?>`): a part may have the XML
        // declaration and no other processing instruction (what Excel and LibreOffice write). Found by
        // scripts/fuzz xlsx.
        guard Self.hasNoProcessingInstruction(data) else { throw Self.notAWorkbook(fileName) }
        return data
    }

    /// True when `data` has no `<?` but an XML declaration `<?xml …?>` at its start (after a BOM).
    static func hasNoProcessingInstruction(_ data: Data) -> Bool {
        var rest = data[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        let open = Data("<?".utf8)
        if rest.starts(with: Data("<?xml".utf8)), let afterXML = rest.dropFirst(5).first,
            [0x20, 0x09, 0x0A, 0x0D].contains(afterXML), let end = rest.range(of: Data("?>".utf8))
        {
            rest = rest[end.upperBound...]
        }
        return rest.range(of: open) == nil
    }

    /// All non-empty rows of a sheet.
    public func rows(ofSheet name: String) throws -> [[TableField]] {
        guard let sheet = sheets.first(where: { $0.name == name }), let data = try part(sheet.part) else {
            throw Self.notAWorkbook(fileName)
        }
        let parser = SheetParser(shared: sharedStrings)
        parser.parse(data)
        return parser.rows
    }

    /// Excel's 1900 date system: serial 1 is 1900-01-01, with the phantom 1900-02-29 (serial 60).
    public static func date(fromSerial serial: Int) -> CivilDate? {
        guard serial >= 1 else { return nil }
        guard let first = CivilDate(year: 1900, month: 1, day: 1) else { return nil }
        let base = first.adding(days: -2)  // 1899-12-30: serial 0 for serials after 60
        if serial < 60 { return base.adding(days: serial + 1) }
        if serial == 60 { return nil }
        return base.adding(days: serial)
    }

    /// `AB` → 28; nil past Excel's last column `XFD` (16,384), which would overflow soon after.
    static func columnIndex(ofReference ref: String) -> Int? {
        var value = 0
        var any = false
        for u in ref.utf8 {
            if u >= 65 && u <= 90 {
                value = value * 26 + Int(u - 64)
                if value > 16_384 { return nil }
                any = true
            } else { break }
        }
        return any ? value : nil
    }
}

/// Collects the attributes of elements with given names.
private final class ElementCollector: NSObject, XMLParserDelegate {
    let names: Set<String>
    var elements: [[String: String]] = []
    init(names: Set<String>) { self.names = names }
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if names.contains(elementName) { elements.append(attributes) }
    }
}

private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inSI = false
    private var inT = false
    private var inPhonetic = false
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "si":
            inSI = true
            current = ""
        case "t": inT = true
        case "rPh": inPhonetic = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inSI && inT && !inPhonetic { current += string }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "si":
            strings.append(current)
            inSI = false
        case "t": inT = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [[TableField]] = []
    private var row: [TableField] = []
    private var rowNumber = 0
    private var cellRef = ""
    private var cellType = ""
    private var nextColumn = 1
    private var text = ""
    private var collecting = false
    private var hasValue = false
    init(shared: [String]) { self.shared = shared }
    func parse(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        _ = parser.parse()
    }
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch elementName {
        case "row":
            // Row numbers past Excel's last row (1,048,576) are not taken: the next row's number would overflow.
            rowNumber = Int(attributes["r"] ?? "").flatMap { (1...1_048_576).contains($0) ? $0 : nil } ?? rowNumber + 1
            row = []
            nextColumn = 1
        case "c":
            cellRef = attributes["r"] ?? ""
            cellType = attributes["t"] ?? "n"
            text = ""
            hasValue = false
        case "v", "t":
            collecting = true
            hasValue = true
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }
    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch elementName {
        case "v", "t": collecting = false
        case "c":
            let column = XLSXReader.columnIndex(ofReference: cellRef) ?? nextColumn
            nextColumn = column + 1
            guard hasValue else { return }
            var value = text
            var isNumber = false
            switch cellType {
            case "s":
                if let i = Int(text), i >= 0, i < shared.count { value = shared[i] }
            case "b": value = text == "1" ? "TRUE" : "FALSE"
            case "n":
                isNumber = true
                // Integral numbers as integers ("2024001", not "2024001.0").
                if value.hasSuffix(".0") { value.removeLast(2) }
            default: break
            }
            // A cell left empty is not written: keep each field at its column's index (the header's).
            while row.count + 1 < column { row.append(TableField(text: "", line: rowNumber, column: row.count + 1)) }
            row.append(TableField(text: value, line: rowNumber, column: column, isNumber: isNumber))
        case "row":
            if row.contains(where: { !$0.text.isEmpty }) { rows.append(row) }
        default: break
        }
    }
}
