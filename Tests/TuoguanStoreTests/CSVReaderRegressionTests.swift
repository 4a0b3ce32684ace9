import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

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

    /// Columns still count characters, not bytes, across quoted fields that span lines.
    @Test func columnsAfterTheSpeedUp() throws {
        let read = try rows("张三,李四,\"x\ny\",王五\n赵六,钱七\n")
        #expect(read.map { $0.map(\.column) } == [[1, 4, 7, 4], [1, 4]])
        #expect(read.map { $0.map(\.line) } == [[1, 1, 1, 2], [3, 3]])
    }
}
