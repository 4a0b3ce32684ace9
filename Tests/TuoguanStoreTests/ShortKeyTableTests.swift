import Testing

@testable import TuoguanStore

/// The id table behind the attendance import and scan: every inserted id is found with its value, ids that
/// were not inserted are not, and a table full to its capacity still answers (probing past collisions).
@Suite struct ShortKeyTableTests {
    typealias Key = AttendanceBulkImport.ShortKey

    @Test func findsEveryIdAndNothingElse() throws {
        let ids = (0..<50_000).map { "S\(String($0, radix: 10))" } + ["X", "张三", "123456789012345"]
        var table = ShortKeyTable(capacity: ids.count)
        for (i, id) in ids.enumerated() { table.insert(try #require(Key(id)), Int32(i)) }
        #expect(table.count == ids.count)
        var wrong = 0
        for (i, id) in ids.enumerated() where table[try #require(Key(id))] != Int32(i) { wrong += 1 }
        #expect(wrong == 0)
        for absent in ["S50000", "S-1", "s1", "Y", "张四", "123456789012346"] {
            #expect(table[try #require(Key(absent))] == nil, "\(absent)")
        }
        // Longer than 15 bytes: no short key (those ids take the ordinary path).
        #expect(Key("1234567890123456") == nil)
    }

    @Test func replacingKeepsOneEntry() throws {
        var table = ShortKeyTable(capacity: 4)
        let key = try #require(Key("S001"))
        table.insert(key, 1)
        table.insert(key, 7)
        #expect(table.count == 1)
        #expect(table[key] == 7)
    }
}
