import Testing

@testable import TuoguanRules

/// The helper that finds the line and column of a key, since TOMLKit gives none.
@Suite struct TOMLKeyLocatorTests {
    let text = """
        # comment = not a key
        schema = 1
        no_service = [
          { date = 2024-10-01, reason = "国庆节" },   # a comment with [brackets]
          { from = 2024-10-01, to = 2024-10-07, reason = "a, b ] }" },
        ]

        [policies.x]
        name = "拓展课程"
        price = "20.005"
        refund = { personal_leave = "none", withdrawal = "halfmonth" }
        "quoted key" = '''
        multi-line [not.a.header]
        '''
        a.b = 3

        [[split.pools]]
        id = "a"

        [[split.pools]]
        id = "b"
        """

    @Test func keysAndValues() {
        let l = TOMLKeyLocator(text: text)
        #expect(l.position(of: "schema") == .init(line: 2, column: 1, valueColumn: 10, raw: "1"))
        #expect(l.position(of: "policies.x") == .init(line: 8, column: 1, valueColumn: 1, raw: nil))
        #expect(l.position(of: "policies.x.price") == .init(line: 10, column: 1, valueColumn: 9, raw: "\"20.005\""))
        // Inline tables: each key at its own column.
        #expect(l.position(of: "policies.x.refund.personal_leave")?.column == 12)
        #expect(l.position(of: "policies.x.refund.withdrawal") == .init(line: 11, column: 37, valueColumn: 50, raw: "\"halfmonth\""))
        #expect(l.position(of: "policies.x.quoted key")?.line == 12)
        // Dotted keys record the intermediate table too.
        #expect(l.position(of: "policies.x.a")?.line == 15)
        #expect(l.position(of: "policies.x.a.b")?.raw == "3")
        // Nothing inside the multi-line string or the comment is a key or a header.
        #expect(l.position(of: "not.a.header") == nil)
        #expect(l.position(of: "comment") == nil)
    }

    @Test func arraysAreNumbered() {
        let l = TOMLKeyLocator(text: text)
        #expect(l.position(of: "no_service[0]")?.line == 4)
        #expect(l.position(of: "no_service[1].reason")?.raw == "\"a, b ] }\"")
        #expect(l.position(of: "no_service[1].to") == .init(line: 5, column: 24, valueColumn: 29, raw: "2024-10-07"))
        #expect(l.position(of: "no_service[2]") == nil)
        // Arrays of tables: one index per header.
        #expect(l.position(of: "split.pools[0].id")?.line == 18)
        #expect(l.position(of: "split.pools[1].id") == .init(line: 21, column: 1, valueColumn: 6, raw: "\"b\""))
        #expect(l.position(of: "split")?.line == 17)
    }

    @Test func nearestFallsBackToTheTable() {
        let l = TOMLKeyLocator(text: text)
        #expect(l.nearest(to: "policies.x.months")?.path == "policies.x")
        #expect(l.nearest(to: "split.pools[1].percent")?.position.line == 20)
        #expect(l.nearest(to: "school") == nil)
        #expect(TOMLKeyLocator.parent(of: "a.b[2]") == "a.b")
        #expect(TOMLKeyLocator.parent(of: "a.b") == "a")
    }

    @Test func survivesBrokenText() {
        // Never traps, whatever the text (the loader only runs it on text TOMLKit accepted, but still).
        for broken in ["[", "[[", "a = {", "a = [1, ", "a = \"unterminated", "= 3", "'''", "a.=1", "\u{FEFF}x = 1\r\ny = 2"] {
            _ = TOMLKeyLocator(text: broken)
        }
        let crlf = TOMLKeyLocator(text: "x = 1\r\ny = 2\r\n")
        #expect(crlf.position(of: "y")?.line == 2)
    }

    @Test func suggestions() {
        #expect(RulesVocabulary.nearest(to: "lesson_minute", in: RulesVocabulary.topLevel) == "lesson_minutes")
        #expect(RulesVocabulary.nearest(to: "capacty", in: RulesVocabulary.policy) == "capacity")
        #expect(RulesVocabulary.nearest(to: "zzzzzzzz", in: RulesVocabulary.policy) == nil)
        #expect(RulesVocabulary.distance("kitten", "sitting") == 3)
    }
}
