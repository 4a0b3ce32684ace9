import Testing
import TuoguanCore

@testable import TuoguanRules

/// Inputs the fuzzer (scripts/fuzz rules) found that stopped the program, each now a clear error.
@Suite struct FuzzRegressionTests {
    static func error(_ text: String) -> TuoguanError? {
        do {
            _ = try RulesLoader.parse(text, file: "f.toml")
            return nil
        } catch let error as TuoguanError {
            return error
        } catch {
            return TuoguanError(.internal, zh: "\(error)", en: "\(error)")
        }
    }

    /// A table header broken over two lines (`[` then `split.pools]]`): toml++ asserted that a key follows
    /// `[` and aborted (crash-0c2b1da2, found after 139 runs). Now a syntax error at the `[`'s line, column 2.
    @Test func headerBrokenOverTwoLines() throws {
        let text = """
            schema = 1
            school = "测试小学"
            term = "2024-autumn"
            [policies.x]
            duty = "activity["
            [
            split.pools]]
            percent = 100
            """
        let e = try #require(Self.error(text))
        #expect(
            e.rendered(.en) == """
                f.toml:6:2: TOML syntax error: a table header needs a name after `[` [rules-syntax]
                  | [
                  fix: write headers like [policies.x] or [[split.pools]]
                """)
        #expect(e.message.zh == "TOML 语法错误：表头的“[”后面应是表名")
    }

    /// Every way a header can start with something that is not a key: an error at the character after
    /// the brackets and spaces, never an abort.
    @Test(arguments: [
        ("[=x]\n", 2), ("[[ #c\n", 4), ("[\t.a]\n", 3), ("  [!]\n", 4), ("[", 2), ("[[\n", 3),
    ])
    func headerWithoutAName(header: String, column: Int) throws {
        let e = try #require(Self.error("schema = 1\n" + header))
        #expect(e.code == .rulesSyntax)
        #expect(e.location?.line == 2)
        #expect(e.location?.column == column)
    }

    /// What the scan must not take for a header: `[` inside strings, multi-line strings, arrays and
    /// comments, and well-formed headers with quoted names.
    @Test(arguments: [
        "a = \"\"\"\n[=not a header\n\"\"\"\n",
        "a = '''\n[=\n'''\n",
        "a = [\n  [1, 2],\n  [=]\n]\n",
        "# [=\n",
        "a = \"[=\"\n",
        "[\"policies\".x]\n",
        "[ 'a b' ]\n",
        "[[split.pools]]\n",
        "a = \"\"\"\\\"\"\"\"\n[ok]\n",
        "a = [ { b = 1 }, { c = [2, 3] } ]\n",
        "a = { b = [ { c = 1 } ] }\n",
        "a = [ \"}\" ]\n",
        "a = 2024-09-02 16:30:00\n",
        "a = 2024-09-02 12\n",
        "a = [2024-09-02, 2024-09-03]\n",
        "a = \"2024-09-02 1\"\n",
    ])
    func noProblem(text: String) {
        #expect(TOMLPrecheck.firstProblem(in: text) == nil, "\(text)")
    }

    /// An array with one `}` too many (`{ … }, },`): toml++ asserted that no value starts with `}` and aborted
    /// (crash-20159bde, found after 63,055 runs). Now a syntax error at the stray `}`.
    @Test func braceInArray() throws {
        let text = """
            schema = 1
            no_service = [
              { from = 2024-09-16, to = 2024-09-17, reason = "中秋节" },
              { from = 2024-10-01, to = 2024-10-07, reason = "国庆节" }, },
            ]
            """
        let e = try #require(Self.error(text))
        #expect(
            e.rendered(.en) == """
                f.toml:4:59: TOML syntax error: a `}` inside an array [rules-syntax]
                  | { from = 2024-10-01, to = 2024-10-07, reason = "国庆节" }, },
                  fix: write arrays like [ {…}, {…} ]: one `}` for each `{`, and `]` at the end
                """)
        #expect(e.message.zh == "TOML 语法错误：数组中多了一个“}”")
        for bad in ["a = [}]\n", "a = [1,\n # c\n }\n", "a = [[1], }]\n"] {
            #expect(Self.error(bad)?.message.en == "TOML syntax error: a `}` inside an array", "\(bad)")
        }
    }

    /// A no-service range a century long in a file without a valid term took 15 s (each day was looked up
    /// in a list of the days before it; slow-unit-8c0d83ff): the range is not walked without a term, and days
    /// are looked up in a set. Both files below load (or fail) in well under a second.
    @Test func longNoServiceRangeIsQuick() throws {
        let noTerm = """
            schema = 1
            no_service = [ { from = 0001-01-01, to = 9999-12-31, reason = "x" } ]
            """
        let start = ContinuousClock.now
        let e = try #require(Self.error(noTerm))
        #expect(e.code == .rulesInvalid || e.code == .rulesSchema)
        let longTerm = """
            schema = 1
            school = "测试小学"
            term = "long"
            starts = 2000-01-01
            ends = 2099-12-31
            no_service = [ { from = 2000-01-01, to = 2099-12-31, reason = "x" } ]
            """
        _ = Self.error(longTerm)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// A ten-character date-like value, a space and one digit (`ends = 2025-01-1= 1`, or `2024-09-02 1`):
    /// toml++ looked for a time after the space and asserted on the end of the value (crash-29b95782, found
    /// after 195,243 runs). Now a syntax error at the value.
    @Test func dateThenDigit() throws {
        let e = try #require(Self.error("schema = 1\nends = 2025-01-17 1\n"))
        #expect(
            e.rendered(.en) == """
                f.toml:2:8: TOML syntax error: a date followed by a number [rules-syntax]
                  | ends = 2025-01-17 1
                  fix: write a date as 2024-09-02, a date and time as 2024-09-02T16:30:00
                """)
        for bad in ["ends = 2025-01-1= 1\n", "a = [2024-09-02 1]\n", "a = 2024-09-02 1 # c\n"] {
            #expect(Self.error(bad)?.message.en == "TOML syntax error: a date followed by a number", "\(bad)")
        }
    }
}
