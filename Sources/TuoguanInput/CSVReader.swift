import TuoguanCore

/// One field of a table row, with where it starts in its file (1-based line and column).
///
/// ```swift
/// let field = TableField(text: "S001", line: 2, column: 1)
/// ```
public struct TableField: Sendable, Equatable {
    public var text: String
    public var line: Int
    public var column: Int
    /// A numeric cell of a workbook (dates stored as serial numbers are numeric).
    public var isNumber: Bool = false

    public init(text: String, line: Int, column: Int, isNumber: Bool = false) {
        self.text = text
        self.line = line
        self.column = column
        self.isNumber = isNumber
    }
}

/// A small RFC 4180 reader over UTF-8 bytes that tracks the line and column of every field.
///
/// Quoted fields may hold the separator, newlines and doubled quotes. Lines end with LF or CRLF. Columns
/// count Unicode scalars from the start of the line. Rows are produced one at a time, so a file of millions
/// of rows is never held as records.
///
/// ```swift
/// var reader = CSVReader(bytes: Array("a,b\n1,\"x,y\"\n".utf8), separator: UInt8(ascii: ","))
/// while let row = try reader.next() { print(row.map(\.text)) }
/// ```
public struct CSVReader {
    /// The file's bytes (mapped for a file: see ``TextBytes``).
    public let text: TextBytes
    public var bytes: UnsafeBufferPointer<UInt8> { text.buffer }
    let separator: UInt8
    let fileName: String
    private(set) var index = 0
    private(set) var line = 1
    private(set) var lineStart = 0
    /// The column of `columnPosition` on the current line: columns are counted on from the last field, not
    /// from the start of the line (a line of 50,000 fields took minutes; the CSV fuzz target timed out on it).
    private var columnPosition = 0
    private var columnValue = 1

    public init(text: TextBytes, separator: UInt8, fileName: String = "") {
        self.text = text
        self.separator = separator
        self.fileName = fileName
    }

    public init(bytes: [UInt8], separator: UInt8, fileName: String = "") {
        self.init(text: TextBytes(copying: bytes), separator: separator, fileName: fileName)
    }

    /// Guesses the separator from the header line: a tab if it has more tabs than commas.
    public static func sniffSeparator<Bytes: Sequence>(_ bytes: Bytes) -> UInt8 where Bytes.Element == UInt8 {
        var tabs = 0
        var commas = 0
        for b in bytes {
            if b == 10 { break }
            if b == 9 { tabs += 1 } else if b == 44 { commas += 1 }
        }
        return tabs > commas ? 9 : 44
    }

    mutating func column(at position: Int) -> Int {
        if columnPosition <= lineStart || columnPosition > position {
            columnPosition = lineStart
            columnValue = 1
        }
        while columnPosition < position {
            if bytes[columnPosition] & 0xC0 != 0x80 { columnValue += 1 }
            columnPosition += 1
        }
        return columnValue
    }

    /// The next row, or nil at the end. Blank lines are skipped.
    public mutating func next() throws -> [TableField]? {
        while index < bytes.count {
            // Skip blank lines.
            if bytes[index] == 10 {
                index += 1
                line += 1
                lineStart = index
                continue
            }
            if bytes[index] == 13, index + 1 < bytes.count, bytes[index + 1] == 10 {
                index += 2
                line += 1
                lineStart = index
                continue
            }
            return try readRow()
        }
        return nil
    }

    private mutating func readRow() throws -> [TableField] {
        var fields: [TableField] = []
        while true {
            let fieldLine = line
            let fieldColumn = column(at: index)
            var text: String
            if index < bytes.count && bytes[index] == 34 {  // quoted
                index += 1
                var buffer: [UInt8] = []
                var closed = false
                while index < bytes.count {
                    let b = bytes[index]
                    if b == 34 {
                        if index + 1 < bytes.count && bytes[index + 1] == 34 {
                            buffer.append(34)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if b == 10 {
                        line += 1
                        lineStart = index + 1
                    }
                    buffer.append(b)
                    index += 1
                }
                if !closed {
                    throw TuoguanError(
                        .badInput, zh: "引号没有闭合", en: "a quoted field is not closed",
                        fix: LocalizedText(zh: "在字段末尾补上英文双引号 \"", en: "add the closing double quote \""),
                        at: SourceLocation(file: fileName, line: fieldLine, column: fieldColumn))
                }
                // Anything up to the separator after the closing quote is kept (lenient).
                let start = index
                while index < bytes.count && bytes[index] != separator && bytes[index] != 10 && bytes[index] != 13 {
                    index += 1
                }
                buffer.append(contentsOf: bytes[start..<index])
                text = String(decoding: buffer, as: UTF8.self)
            } else {
                let start = index
                while index < bytes.count && bytes[index] != separator && bytes[index] != 10 {
                    index += 1
                }
                var end = index
                if end > start && bytes[end - 1] == 13 && (index >= bytes.count || bytes[index] == 10) { end -= 1 }
                text = String(decoding: bytes[start..<end], as: UTF8.self)
            }
            fields.append(TableField(text: text, line: fieldLine, column: fieldColumn))
            if index >= bytes.count { return fields }
            let b = bytes[index]
            if b == separator {
                index += 1
                continue
            }
            // End of the row: CR? LF.
            if b == 13 { index += 1 }
            if index < bytes.count && bytes[index] == 10 { index += 1 }
            line += 1
            lineStart = index
            return fields
        }
    }

    // MARK: - Raw rows (the bulk path)

    /// What ``nextRaw(_:into:)`` found.
    public enum RawRow {
        /// The end of the input.
        case end
        /// A row of unquoted fields, starting at `line`, whose line starts at byte `lineStart`.
        case row(line: Int, lineStart: Int)
        /// A row with a quoted field: nothing was consumed; read it with ``next()``.
        case quoted
    }

    /// The next row as byte ranges of `buffer` (which must hold ``bytes``), without making any string: the
    /// fields are exactly those ``next()`` would give (same blank-line skipping, same CR handling), so a
    /// row can always be turned back into fields with ``fields(of:line:lineStart:)``.
    ///
    /// ```swift
    /// var ranges: [Range<Int>] = []
    /// bytes.withUnsafeBufferPointer { buffer in
    ///     while case .row = reader.nextRaw(buffer, into: &ranges) { … }
    /// }
    /// ```
    public mutating func nextRaw(_ buffer: UnsafeBufferPointer<UInt8>, into fields: inout [Range<Int>]) -> RawRow {
        let count = buffer.count
        fields.removeAll(keepingCapacity: true)
        while index < count {
            if buffer[index] == 10 {
                index += 1
                line += 1
                lineStart = index
                continue
            }
            if buffer[index] == 13, index + 1 < count, buffer[index + 1] == 10 {
                index += 2
                line += 1
                lineStart = index
                continue
            }
            break
        }
        if index >= count { return .end }
        let rowStart = index
        let rowLine = line
        let rowLineStart = lineStart
        while true {
            if index < count && buffer[index] == 34 {
                index = rowStart
                fields.removeAll(keepingCapacity: true)
                return .quoted
            }
            let start = index
            while index < count {
                let b = buffer[index]
                if b == separator || b == 10 { break }
                index += 1
            }
            var end = index
            if end > start && buffer[end - 1] == 13 && (index >= count || buffer[index] == 10) { end -= 1 }
            fields.append(start..<end)
            if index >= count { return .row(line: rowLine, lineStart: rowLineStart) }
            if buffer[index] == separator {
                index += 1
                continue
            }
            index += 1  // LF
            line += 1
            lineStart = index
            return .row(line: rowLine, lineStart: rowLineStart)
        }
    }

    /// The fields of a raw row, as ``next()`` would have given them.
    public func fields(of ranges: [Range<Int>], line: Int, lineStart: Int) -> [TableField] {
        ranges.map { range in
            var col = 1
            var i = lineStart
            while i < range.lowerBound {
                if bytes[i] & 0xC0 != 0x80 { col += 1 }
                i += 1
            }
            return TableField(text: String(decoding: bytes[range], as: UTF8.self), line: line, column: col)
        }
    }
}
