import Testing
import TuoguanCore

@testable import TuoguanRules

/// `term_name`, `timezone` and `[sign_off]`: read, defaulted, and refused with a message when wrong.
@Suite struct PrintingRulesTests {
    static let head = """
        schema = 1
        school = "溪尾中心小学"
        term = "2024-autumn"
        starts = 2024-09-02
        ends = 2025-01-17

        """
    static let policies = """

        [policies.basic]
        name = "基本托管"
        billing = "free"
        """
    static func parse(_ keys: String, file: String) throws -> PlanRules {
        try RulesLoader.parse(head + keys + policies, file: file)
    }

    @Test func readsTheNamesTheTimeZoneAndTheSigners() throws {
        let rules = try Self.parse(
            """
                term_name = "2024年秋季学期"
                timezone = "Asia/Urumqi"
                [sign_off]
                prepared_by = " 王丽 "
                reviewed_by = "李建国"
                finance_group = ["张敏", "陈晓东"]
                """, file: "print.toml")
        #expect(rules.printing.termName == "2024年秋季学期")
        #expect(rules.termTitle == "2024年秋季学期")
        #expect(rules.printing.timeZone == "Asia/Urumqi")
        #expect(rules.printing.signOff == PrintSettings.SignOff(preparedBy: "王丽", reviewedBy: "李建国", financeGroup: "张敏、陈晓东"))
    }

    @Test func withoutTheKeysTheTermIdAndBeijingTimeAreUsed() throws {
        let rules = try Self.parse("", file: "plain.toml")
        #expect(rules.termTitle == "2024-autumn")
        #expect(rules.printing.timeZone == "Asia/Shanghai")
        #expect(rules.printing.signOff == PrintSettings.SignOff())
    }

    @Test func anUnknownTimeZoneIsAnErrorAtItsLine() throws {
        // Line 6 of the file: the 5 lines of `head`, then the timezone.
        let e = try #require(throws: TuoguanError.self) {
            try Self.parse("timezone = \"Beijing\"\n", file: "tz.toml")
        }
        #expect(
            e.rendered(.en) == """
                tz.toml:6:12 (timezone): unknown time zone `Beijing` [rules-invalid]
                  | timezone = "Beijing"
                  fix: write an IANA time zone name, like `timezone = "Asia/Shanghai"` (China Standard Time)
                """)
        #expect(e.rendered(.zh).contains("未知的时区 `Beijing`"))
    }

    @Test func aMisspeltSignOffKeyAndANumberAsANameAreErrors() throws {
        let e = try #require(throws: TuoguanError.self) {
            try Self.parse("[sign_off]\nprepard_by = \"王丽\"\nfinance_group = [\"张敏\", 3]\n", file: "s.toml")
        }
        let en = e.rendered(.en)
        #expect(en.contains("s.toml:7:1 (sign_off.prepard_by): unknown key `prepard_by`; did you mean `prepared_by`?"))
        #expect(en.contains("s.toml:8:24 (sign_off.finance_group[1]): `finance_group[1]` must be a string, not an integer"))
    }
}
