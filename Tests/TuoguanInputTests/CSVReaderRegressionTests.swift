import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput

/// Found while fuzzing the CSV layer (scripts/fuzz csv), kept as tests.
@Suite struct CSVReaderRegressionTests {
    func rows(_ text: String) throws -> [[TableField]] {
        let bytes = Array(text.utf8)
        var reader = CSVReader(bytes: bytes, separator: CSVReader.sniffSeparator(bytes), fileName: "f.csv")
        var out: [[TableField]] = []
        while let row = try reader.next() { out.append(row) }
        return out
    }

    /// One line of 50,001 fields (what a file saved with old-Mac CR line endings looks like to the reader):
    /// the column of each field was counted from the start of the line, so reading took minutes (spotted in
    /// review; the fuzz target timed out on such a line). Now linear: field k is at column 2k + 1, the last at
    /// 100,001, read in well under a few seconds.
    @Test func longLineIsLinear() throws {
        let text = String(repeating: "a,", count: 50_000) + "a\n"
        let start = ContinuousClock.now
        let read = try rows(text)
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(read.count == 1)
        #expect(read[0].count == 50_001)
        #expect(read[0].last?.column == 100_001)
        #expect(read[0][1].column == 3)
    }

    /// `"a"tail,b` + CR: the csv fuzz target's input that showed `TextDecoding.utf8Bytes(of: [UInt8])` reading
    /// its bytes after the TextBytes holding them was freed (AddressSanitizer: heap-use-after-free; without
    /// the sanitizer the freed bytes often still read the same, so this test shows the bug only in
    /// `scripts/fuzz csv` or `swift test --sanitize=address`). The bytes come back whole, with and without a
    /// byte-order mark, and read as one row of two fields.
    @Test func decodedBytesOutliveTheirBuffer() throws {
        let input: [UInt8] = [0x22, 0x61, 0x22, 0x74, 0x61, 0x69, 0x6C, 0x2C, 0x62, 0x0D]
        #expect(try TextDecoding.utf8Bytes(of: input, fileName: "f.csv") == input)
        #expect(try TextDecoding.utf8Bytes(of: [0xEF, 0xBB, 0xBF] + input, fileName: "f.csv") == input)
        let read = try rows(String(decoding: try TextDecoding.utf8Bytes(of: input, fileName: "f.csv"), as: UTF8.self))
        #expect(read.map { $0.map(\.text) } == [["atail", "b"]])
    }

    /// Columns still count characters, not bytes, across quoted fields that span lines.
    @Test func columnsAfterTheSpeedUp() throws {
        let read = try rows("张三,李四,\"x\ny\",王五\n赵六,钱七\n")
        #expect(read.map { $0.map(\.column) } == [[1, 4, 7, 4], [1, 4]])
        #expect(read.map { $0.map(\.line) } == [[1, 1, 1, 2], [3, 3]])
    }
}
