import Foundation
import TuoguanCore
import ZIPFoundation

@testable import TuoguanInput

// libFuzzer target for the import's .xlsx layer: the workbook reader (XLSXReader: the ZIP archive through
// ZIPFoundation, the workbook, its relationships, the shared strings and every sheet's cells through
// XMLParser), followed by what the import does with a sheet's rows (column letters, date serials, the
// value parsers).
//
// Built by scripts/fuzz against the TuoguanInput and TuoguanCore modules and ZIPFoundation's sources as a
// module of their own (all instrumented, so the fuzzer sees the archive's branches too). The reader opens a path, so each
// input is written to one temporary file first.
//
// Two kinds of input: one starting with "PK" is the file itself (the archive layer, where a mutation of a
// stored part mostly breaks its CRC); any other is up to four XML parts separated by NUL bytes (the sheet,
// the shared strings, the workbook, its relationships; a missing one gets a small valid default), zipped
// here with correct CRCs, so the fuzzer reaches the XML layer behind the archive.
//
// Checked for every input: no crash and no hang; a rejection is a TuoguanError; fields sit at line ≥ 1 and
// column ≥ 1.

private let path = NSTemporaryDirectory() + "tuoguan-fuzz-\(getpid()).xlsx"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSXReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Data(bytes: data, count: size)
    if !bytes.starts(with: [0x50, 0x4B]) {
        guard let zipped = workbook(parts: bytes) else { return 0 }
        bytes = zipped
    }
    guard FileManager.default.createFile(atPath: path, contents: bytes) else {
        fatalError("cannot write \(path)")
    }
    let book: XLSXReader
    do {
        book = try XLSXReader(path: path)
    } catch is TuoguanError {
        return 0
    } catch {
        fatalError("unexpected error type from XLSXReader: \(error)")
    }
    for name in book.sheetNames.prefix(8) {
        let rows: [[TableField]]
        do {
            rows = try book.rows(ofSheet: name)
        } catch is TuoguanError {
            continue
        } catch {
            fatalError("unexpected error type from rows(ofSheet:): \(error)")
        }
        for row in rows.prefix(200) {
            for field in row.prefix(50) {
                if field.column < 1 { fatalError("field at column \(field.column)") }
                _ = XLSXReader.columnIndex(ofReference: field.text)
                if field.isNumber, let serial = Int(field.text), serial < 10_000_000 {
                    _ = XLSXReader.date(fromSerial: serial)
                }
                _ = try? Money(parsing: field.text)
                _ = CivilDate(parsing: field.text)
            }
        }
    }
    return 0
}

private let defaults = [
    #"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#,
    #"<sst><si><t>学号</t></si></sst>"#,
    #"<workbook xmlns:r="r"><sheets><sheet name="students" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    #"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#,
]
private let names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]

/// The parts (split at NUL bytes) zipped into a workbook, stored uncompressed.
private func workbook(parts input: Data) -> Data? {
    var parts = input.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map { Data($0) }
    for i in parts.count..<4 { parts.append(Data(defaults[i].utf8)) }
    guard let archive = try? Archive(data: Data(), accessMode: .create) else { fatalError("no in-memory archive") }
    for (name, part) in zip(names, parts) {
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(part.count)) { position, size in
                part.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            fatalError("cannot zip \(name): \(error)")
        }
    }
    return archive.data
}
