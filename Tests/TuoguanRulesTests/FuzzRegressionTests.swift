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
    ])
    func notAHeaderProblem(text: String) {
        #expect(TOMLPrecheck.firstProblem(in: text) == nil, "\(text)")
    }
}
