import Foundation
import Testing
import TuoguanCore

@testable import TuoguanRules

/// `[disclosure] from / to / contact` (the 公示期 and whom to ask) and `[notices]` (how and by when families
/// pay or collect): read from the sample school's file, and every class of mistake with its message.
@Suite struct PublicationRulesTests {
    @Test func theSampleSchoolSaysItsPeriodAndHowToPay() throws {
        let rules = try RulesFilesTests.load("one-plus-x.toml")
        let p = rules.publication
        #expect(p.disclosureFrom == CivilDate(year: 2025, month: 1, day: 20))
        #expect(p.disclosureTo == CivilDate(year: 2025, month: 1, day: 26))
        #expect(p.contact?.hasPrefix("家委会财经小组") == true)
        #expect(p.payHow?.isEmpty == false)
        #expect(p.payBy == CivilDate(year: 2025, month: 1, day: 24))
        #expect(p.collectHow?.isEmpty == false)
        #expect(p.collectBy == CivilDate(year: 2025, month: 2, day: 14))
    }

    @Test func keysNotWrittenLeaveBlanks() throws {
        // cost-share-points.toml has neither key: the papers print blanks to fill in by hand.
        let rules = try RulesFilesTests.load("cost-share-points.toml")
        #expect(rules.publication == Publication())
        #expect(rules.publication.disclosurePeriod == nil)
    }

    @Test func periodReversedDeadlineBeforeTermEmptyContact() throws {
        let e = try RulesErrorsTests.error("disclosure-period.toml")
        #expect(e.count == 3)
        #expect(
            e.rendered(.en) == """
                disclosure-period.toml:25:6 (disclosure.to): the disclosure period ends (2025-01-20) before it starts (2025-01-26) [rules-invalid]
                  | to = 2025-01-20
                  fix: check that `from` and `to` are not swapped
                disclosure-period.toml:26:11 (disclosure.contact): `contact` is empty [rules-invalid]
                  | contact = "  "
                  fix: fill it in, like `contact = "家委会财经小组 王老师"`
                disclosure-period.toml:30:10 (notices.pay_by): `pay_by` is 2024-08-01, before the term starts (2024-09-02) [rules-invalid]
                  | pay_by = 2024-08-01
                  fix: write a date in the term or after it
                """)
        #expect(
            e.rendered(.zh) == """
                disclosure-period.toml:25:6 (disclosure.to): 公示期结束（2025-01-20）早于开始（2025-01-26） [rules-invalid]
                  | to = 2025-01-20
                  如何修改：检查 `from` 和 `to` 是否写反
                disclosure-period.toml:26:11 (disclosure.contact): `contact` 不能为空 [rules-invalid]
                  | contact = "  "
                  如何修改：写上内容，如 `contact = "家委会财经小组 王老师"`
                disclosure-period.toml:30:10 (notices.pay_by): `pay_by` 为 2024-08-01，早于学期开始（2024-09-02） [rules-invalid]
                  | pay_by = 2024-08-01
                  如何修改：写学期中或学期末之后的日期
                """)
    }

    @Test func periodWithOneEndAndMisspeltKey() throws {
        let e = try RulesErrorsTests.error("disclosure-one-end.toml")
        #expect(e.count == 2)
        #expect(
            e.rendered(.en) == """
                disclosure-one-end.toml:22:1 (disclosure.to): the disclosure period has one end only: `to` is missing [rules-invalid]
                  | [disclosure]
                  fix: write both `from = 2025-01-20` and `to = 2025-01-26` under [disclosure] (the first and last day)
                disclosure-one-end.toml:26:1 (notices.collect_bye): unknown key `collect_bye`; did you mean `collect_by`? [rules-invalid]
                  | collect_bye = 2025-01-24
                  fix: the keys allowed here are: pay_how, pay_by, collect_how, collect_by
                """)
        #expect(
            e.rendered(.zh) == """
                disclosure-one-end.toml:22:1 (disclosure.to): 公示期只写了一端：缺少 `to` [rules-invalid]
                  | [disclosure]
                  如何修改：在 [disclosure] 下写上 `from = 2025-01-20` 和 `to = 2025-01-26`（公示的第一天和最后一天）
                disclosure-one-end.toml:26:1 (notices.collect_bye): 未知的键 `collect_bye`；是不是想写 `collect_by`？ [rules-invalid]
                  | collect_bye = 2025-01-24
                  如何修改：此处可用的键：pay_how, pay_by, collect_how, collect_by
                """)
    }
}
