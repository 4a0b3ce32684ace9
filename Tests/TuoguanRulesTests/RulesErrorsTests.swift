import Foundation
import Testing
import TuoguanCore

@testable import TuoguanRules

/// One fixture per class of bad rules file (Fixtures/*.toml) and the exact message the user sees,
/// FILE:LINE:COL (key) included. Line numbers count the fixture's first comment line as line 1.
@Suite struct RulesErrorsTests {
    /// Parses a fixture under its bare name, so messages are the same on every machine.
    static func error(_ name: String) throws -> TuoguanError {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil))
        let text = try String(contentsOf: url, encoding: .utf8)
        do {
            _ = try RulesLoader.parse(text, file: name)
        } catch let error as TuoguanError {
            return error
        }
        Issue.record("\(name) loaded without an error")
        throw CancellationError()
    }

    @Test func splitAddingTo99() throws {
        // 60 + 20 + "5" + 5 + 9 = 99: one short.
        let e = try Self.error("split-99.toml")
        #expect(e.count == 1)
        #expect(
            e.rendered(.en) == """
                split-99.toml:14:1 (split): the split's pools add up to 99%, not 100% (1% short) [rules-invalid]
                  | [split]
                  fix: change the percents so that they add up to exactly 100
                """)
        #expect(
            e.rendered(.zh) == """
                split-99.toml:14:1 (split): 分成比例合计 99%，不是 100%（少 1%） [rules-invalid]
                  | [split]
                  如何修改：调整各项 percent，使合计正好为 100
                """)
    }

    /// `subsidies` and `outside` name the budget lines of spending (`tuoguan spend --pool outside`): a pool
    /// may not take either id.
    @Test func poolIdOfABudgetLineIsRefused() throws {
        let e = try Self.error("pool-reserved-id.toml")
        #expect(e.count == 1)
        #expect(
            e.rendered(.en).hasPrefix(
                "pool-reserved-id.toml:19:6 (split.pools[1].id): pool id `outside` is reserved: it names a budget line of spending (subsidies or outside pay), not a pool [rules-invalid]"),
            "\(e.rendered(.en))")
        #expect(e.rendered(.zh).contains("分配项编号不能用 `outside`：它指预算支出项目（补贴或校外机构费用），不是资金池"))
    }

    @Test func unknownKeySaysTheNearestKey() throws {
        let e = try Self.error("unknown-key.toml")
        #expect(
            e.rendered(.en) == """
                unknown-key.toml:7:1 (lesson_minute): unknown key `lesson_minute`; did you mean `lesson_minutes`? [rules-invalid]
                  | lesson_minute = 40
                  fix: the keys allowed here are: schema, school, plan, term, starts, ends, lesson_minutes, collector, rounding, service_weekdays, no_service, make_up_days, categories, policies, split, points, limits, timetable, disclosure, term_name, timezone, sign_off, notices, banks, year
                """)
        #expect(
            e.rendered(.zh) == """
                unknown-key.toml:7:1 (lesson_minute): 未知的键 `lesson_minute`；是不是想写 `lesson_minutes`？ [rules-invalid]
                  | lesson_minute = 40
                  如何修改：此处可用的键：schema, school, plan, term, starts, ends, lesson_minutes, collector, rounding, service_weekdays, no_service, make_up_days, categories, policies, split, points, limits, timetable, disclosure, term_name, timezone, sign_off, notices, banks, year
                """)
    }

    @Test func threeDecimals() throws {
        let e = try Self.error("three-decimals.toml")
        #expect(e.code == .badAmount)
        #expect(
            e.rendered(.en) == """
                three-decimals.toml:11:9 (policies.x.price): amount "20.005" has more than two decimals (the fen is the smallest unit) [bad-amount]
                  | price = "20.005"
                  fix: write it like 20, 20.5 or ¥1,234.50, with at most two decimals
                """)
        #expect(
            e.rendered(.zh) == """
                three-decimals.toml:11:9 (policies.x.price): 金额“20.005”多于两位小数（最小单位是分） [bad-amount]
                  | price = "20.005"
                  如何修改：写成如 20、20.5、¥1,234.50 的形式，最多两位小数
                """)
    }

    @Test func negativePrice() throws {
        let e = try Self.error("negative-price.toml")
        #expect(
            e.rendered(.en) == """
                negative-price.toml:11:9 (policies.x.price): `price` is negative (-5.00); amounts in rules are never negative [bad-amount]
                  | price = "-5.00"
                  fix: write the amount without a minus sign
                """)
    }

    @Test func floatAmountMustBeQuoted() throws {
        let e = try Self.error("float-amount.toml")
        #expect(
            e.rendered(.en) == """
                float-amount.toml:11:9 (policies.x.price): `price` is a floating-point number (20.5); amounts must be exact [bad-amount]
                  | price = 20.5
                  fix: quote the amount: price = "20.5"
                """)
        #expect(
            e.rendered(.zh) == """
                float-amount.toml:11:9 (policies.x.price): `price` 写成了浮点数 20.5，金额必须精确 [bad-amount]
                  | price = 20.5
                  如何修改：给金额加上引号：price = "20.5"
                """)
    }

    @Test func unknownDuty() throws {
        let e = try Self.error("unknown-duty.toml")
        #expect(
            e.rendered(.en) == """
                unknown-duty.toml:12:8 (policies.x.duty): policy `x` names an unknown duty `activty`; did you mean `activity`? [rules-invalid]
                  | duty = "activty"
                  fix: a duty is a key of [points] (activity); add it there with its points, or use one of them
                """)
    }

    @Test func categoryWaivingAnUnknownPolicy() throws {
        let e = try Self.error("unknown-category-policy.toml")
        // The second element of `waives = ["x", "y"]`, at its column.
        #expect(
            e.rendered(.en) == """
                unknown-category-policy.toml:10:16 (categories.left_behind.waives[1]): category `left_behind` waives an unknown policy `y`; did you mean `x`? [rules-invalid]
                  | waives = ["x", "y"]
                  fix: the policies are: x
                """)
        #expect(
            e.rendered(.zh) == """
                unknown-category-policy.toml:10:16 (categories.left_behind.waives[1]): 类别 `left_behind` 免除的项目 `y` 不存在；是不是想写 `x`？ [rules-invalid]
                  | waives = ["x", "y"]
                  如何修改：已定义的项目：x
                """)
    }

    @Test func missingSchema() throws {
        let e = try Self.error("missing-schema.toml")
        #expect(e.code == .rulesSchema)
        #expect(
            e.rendered(.en) == """
                missing-schema.toml:1 (schema): missing `schema`: a rules file says which version of the format it is written in [rules-schema]
                  fix: add a line `schema = 1` at the top of the file
                """)
        #expect(
            e.rendered(.zh) == """
                missing-schema.toml:1 (schema): 缺少 `schema`：规则文件须写明所用的格式版本 [rules-schema]
                  如何修改：在文件开头加上一行 `schema = 1`
                """)
    }

    @Test func newerSchemaSaysOnlyThat() throws {
        // The file also has an unknown key (`holiday_calendar`): a newer format may have it, so it is not reported.
        let e = try Self.error("newer-schema.toml")
        #expect(e.count == 1)
        #expect(
            e.rendered(.en) == """
                newer-schema.toml:2:10 (schema): this file needs a newer tuoguan: it is written for schema 2, this tuoguan reads schema 1 [rules-schema]
                  | schema = 2
                  fix: update tuoguan, or rewrite the file in the schema 1 format (see rules/README.md)
                """)
        #expect(
            e.rendered(.zh) == """
                newer-schema.toml:2:10 (schema): 这个文件需要更新版本的 tuoguan：它的格式版本是 schema 2，本程序只能读 schema 1 [rules-schema]
                  | schema = 2
                  如何修改：升级 tuoguan，或按 schema 1 的格式（见 rules/README.md）改写此文件
                """)
    }

    @Test func syntaxErrorAtTOMLKitsLineAndColumn() throws {
        let e = try Self.error("syntax-error.toml")
        #expect(e.code == .rulesSyntax)
        #expect(
            e.rendered(.en) == """
                syntax-error.toml:8:12: TOML syntax error: Error while parsing table header: expected ']', saw '\\n' [rules-syntax]
                  | [policies.x
                  fix: check this line: `key = value`, strings in double quotes, dates like 2024-09-02, headers like [policies.x]
                """)
    }

    @Test func badRefundRuleListsTheAcceptedOnes() throws {
        let e = try Self.error("bad-refund-rule.toml")
        #expect(
            e.rendered(.en) == """
                bad-refund-rule.toml:13:50 (policies.x.refund.withdrawal): unknown refund rule `halfmonth`; did you mean `half_month`? [rules-invalid]
                  | refund = { personal_leave = "none", withdrawal = "halfmonth" }
                  fix: accepted: none, full, remaining_lessons, per_day, half_month, month, percent:N (N from 0 to 100)
                """)
        #expect(
            e.rendered(.zh) == """
                bad-refund-rule.toml:13:50 (policies.x.refund.withdrawal): 未知的退费规则 `halfmonth`；是不是想写 `half_month`？ [rules-invalid]
                  | refund = { personal_leave = "none", withdrawal = "halfmonth" }
                  如何修改：可用的取值：none, full, remaining_lessons, per_day, half_month, month, percent:N (N from 0 to 100)
                """)
    }

    @Test func unknownBilling() throws {
        let e = try Self.error("unknown-billing.toml")
        #expect(
            e.rendered(.en) == """
                unknown-billing.toml:10:11 (policies.x.billing): unknown billing `per_lessons`; did you mean `per_lesson`? [rules-invalid]
                  | billing = "per_lessons"
                  fix: accepted: free, per_lesson, per_student_hour, monthly, per_term
                """)
    }

    @Test func endsBeforeStarts() throws {
        let e = try Self.error("ends-before-starts.toml")
        #expect(
            e.rendered(.en) == """
                ends-before-starts.toml:6:8 (ends): the term ends (2024-08-30) before it starts (2024-09-02) [rules-invalid]
                  | ends = 2024-08-30
                  fix: check that `starts` and `ends` are not swapped
                """)
        #expect(
            e.rendered(.zh) == """
                ends-before-starts.toml:6:8 (ends): 学期结束日期（2024-08-30）早于开始日期（2024-09-02） [rules-invalid]
                  | ends = 2024-08-30
                  如何修改：检查 `starts` 和 `ends` 是否写反
                """)
    }

    @Test func noServiceDayOutsideTheTerm() throws {
        let e = try Self.error("no-service-outside-term.toml")
        #expect(
            e.rendered(.en) == """
                no-service-outside-term.toml:9:12 (no_service[1].date): no-service day 2025-02-10 is outside the term (2024-09-02 … 2025-01-17) [rules-invalid]
                  | { date = 2025-02-10, reason = "寒假" },
                  fix: check the date, or `starts` and `ends`
                """)
    }

    @Test func monthlyWithoutMonths() throws {
        let e = try Self.error("monthly-without-months.toml")
        #expect(
            e.rendered(.en) == """
                monthly-without-months.toml:8:1 (policies.x.months): monthly billing needs `months`: how many months the term bills [rules-invalid]
                  | [policies.x]
                  fix: add a line like `months = 4`
                """)
    }

    @Test func missingRequiredKeys() throws {
        let e = try Self.error("missing-required.toml")
        #expect(
            e.rendered(.en) == """
                missing-required.toml:1 (school): missing required key `school` [rules-invalid]
                  fix: add a line `school = "某小学"` near the top of the file
                missing-required.toml:7:1 (policies.x.name): missing required key `name` [rules-invalid]
                  | [policies.x]
                  fix: add a line `name = "拓展课程"` under [policies.x]
                """)
    }

    @Test func feesWithoutSplit() throws {
        let e = try Self.error("fees-without-split.toml")
        #expect(
            e.rendered(.en) == """
                fees-without-split.toml:1 (split): policies with fees need a [split]: how the term's fee income is shared out [rules-invalid]
                  fix: add a [split] with [[split.pools]] adding up to 100 (see rules/README.md)
                """)
    }

    /// Every problem of a file is reported at once, in the order of its lines.
    @Test func everyProblemInTheOrderOfTheLines() throws {
        let e = try Self.error("many-problems.toml")
        #expect(e.count == 4)
        #expect(
            e.rendered(.en) == """
                many-problems.toml:7:12 (rounding): unknown rounding `half-up`; did you mean `half_up`? [rules-invalid]
                  | rounding = "half-up"
                  fix: accepted: half_up, half_even, down, up
                many-problems.toml:12:9 (policies.x.price): `price` is negative (-20.00); amounts in rules are never negative [bad-amount]
                  | price = "-20.00"
                  fix: write the amount without a minus sign
                many-problems.toml:14:1 (policies.x.capacty): unknown key `capacty`; did you mean `capacity`? [rules-invalid]
                  | capacty = 40
                  fix: the keys allowed here are: name, billing, price, months, prepay, settle, use, refund, min_enrollment, capacity, duty, subsidy_per_student_hour, outside_pay_per_lesson, outside_institution, late_start
                many-problems.toml:19:11 (split.pools[0].percent): `percent` is a floating-point number (99.5); shares must be exact [rules-invalid]
                  | percent = 99.5
                  fix: quote it: percent = "99.5"
                """)
    }

    @Test func missingFile() throws {
        #expect {
            _ = try RulesLoader.load(path: "rules/no-such-plan.toml")
        } throws: { error in
            guard let e = error as? TuoguanError else { return false }
            return e.code == .fileMissing
                && e.rendered(.en) == """
                    rules/no-such-plan.toml: rules file "rules/no-such-plan.toml" not found [file-missing]
                      fix: check the path; rules files live in rules/, like rules/one-plus-x.toml
                    """
        }
    }

    /// Every fixture fails: a fixture that loads would test nothing.
    @Test func everyFixtureFails() throws {
        let dir = try #require(Bundle.module.resourcePath) + "/Fixtures"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".toml") }
        #expect(names.count >= 18)
        for name in names {
            let text = try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
            #expect(throws: TuoguanError.self, "\(name)") { try RulesLoader.parse(text, file: name) }
        }
    }
}
