import Testing

@testable import TuoguanInput

/// The CSV reader on its own: quoted fields (a separator, a newline and doubled quotes inside) keep the line
/// and column where they start.
@Suite struct CSVReaderTests {
    @Test func quotedFieldsKeepTheirLinesAndColumns() throws {
        var reader = CSVReader(bytes: Array("a,b\n\"x,\ny\",\"say \"\"hi\"\"\"\nz,w\n".utf8), separator: 44)
        #expect(try reader.next()?.map(\.text) == ["a", "b"])
        let row = try #require(try reader.next())
        #expect(row.map(\.text) == ["x,\ny", "say \"hi\""])
        #expect(row.map(\.line) == [2, 3])
        #expect(row.map(\.column) == [1, 4])
        let last = try #require(try reader.next())
        #expect(last.map(\.line) == [4, 4])
        #expect(try reader.next() == nil)
    }
}
