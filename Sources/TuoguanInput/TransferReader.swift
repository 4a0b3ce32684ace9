import Foundation
import TuoguanCore

/// Reads a WeChat Pay bill (CSV in UTF-8 with BOM, or the .xlsx export), an Alipay bill (GB18030 CSV with
/// header and footer lines) or a bank statement (by a ``BankLayout``) as they are exported, recognising the
/// format from the file itself: the header row is found under the title lines by its column names. Only
/// incoming, completed transfers are kept; refunds, outgoing, returned and neutral rows are counted
/// (``TransferExport/skipped``). Every bad row is reported at its place, and nothing is read if any is bad.
///
/// ```swift
/// let export = try TransferReader.read(path: "微信支付账单(20240901-20240930).csv")
/// let bank = try TransferReader.read(path: "流水.csv", bank: BankLayout(mapping: "date=交易日期,…"))
/// ```
public enum TransferReader {
    /// Reads the file at `path` (.xlsx: its first sheet; anything else: CSV text).
    public static func read(path: String, bank: BankLayout? = nil) throws -> TransferExport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TuoguanError(
                .fileMissing, zh: "找不到文件", en: "the file does not exist",
                fix: LocalizedText(zh: "检查路径", en: "check the path"), at: SourceLocation(file: path))
        }
        guard let text = TextBytes.contents(of: path) else {
            throw TuoguanError(.fileMissing, zh: "无法读取文件", en: "the file cannot be read", at: SourceLocation(file: path))
        }
        let isZip = text.count >= 4 && text.buffer[0] == 0x50 && text.buffer[1] == 0x4B
        if isZip || path.lowercased().hasSuffix(".xlsx") {
            let book = try XLSXReader(path: path)
            guard let first = book.sheetNames.first else { throw XLSXReader.notAWorkbook(path) }
            return try read(rows: try book.rows(ofSheet: first), fileName: path, sheet: first, bank: bank)
        }
        let utf8 = try TextDecoding.utf8Bytes(of: text, fileName: path)
        var reader = CSVReader(text: utf8, separator: separator(utf8.buffer), fileName: path)
        var rows: [[TableField]] = []
        while let row = try reader.next() { rows.append(row) }
        return try read(rows: rows, fileName: path, sheet: nil, bank: bank)
    }

    /// Reads CSV bytes (tests, the web page's upload).
    public static func read(csv bytes: [UInt8], fileName: String, bank: BankLayout? = nil) throws -> TransferExport {
        let utf8 = try TextDecoding.utf8Bytes(of: TextBytes(copying: bytes), fileName: fileName)
        var reader = CSVReader(text: utf8, separator: separator(utf8.buffer), fileName: fileName)
        var rows: [[TableField]] = []
        while let row = try reader.next() { rows.append(row) }
        return try read(rows: rows, fileName: fileName, sheet: nil, bank: bank)
    }

    /// A tab if the first lines have more tabs than commas (the title lines above the header have few of
    /// either, so more than the first line is counted).
    static func separator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var tabs = 0
        var commas = 0
        for b in bytes.prefix(8192) {
            if b == 9 { tabs += 1 } else if b == 44 { commas += 1 }
        }
        return tabs > commas ? 9 : 44
    }

    /// Reads rows: finds the header, then each transaction row below it.
    public static func read(rows: [[TableField]], fileName: String, sheet: String?, bank: BankLayout?) throws
        -> TransferExport
    {
        guard let (headerIndex, columns) = TransferColumns.find(in: rows, bank: bank) else {
            throw TransferGuess.notAnExport(rows, fileName: fileName, sheet: sheet, bank: bank)
        }
        var export = TransferExport(format: columns.format, fileName: fileName)
        var errors: [TuoguanError] = []
        var seen: [String: Int] = [:]
        for row in rows[(headerIndex + 1)...] where !TransferColumns.isFooter(row) {
            let place = { (field: TableField) in
                SourceLocation(file: fileName, line: field.line, column: field.column, sheet: sheet)
            }
            do {
                switch try columns.transfer(row, place: place) {
                case .skipped(let kind):
                    export.skipped[kind, default: 0] += 1
                case .incoming(let transfer, let at):
                    if let index = seen[transfer.id] {
                        if export.transfers[index] == transfer {
                            export.repeated += 1
                            continue
                        }
                        throw TransferColumns.conflict(transfer, export.transfers[index], at: at)
                    }
                    seen[transfer.id] = export.transfers.count
                    export.transfers.append(transfer)
                    export.places[transfer.id] = at
                }
            } catch let error as TuoguanError {
                errors.append(error)
            }
        }
        if let error = TuoguanError.collecting(errors) { throw error }
        return export
    }
}
