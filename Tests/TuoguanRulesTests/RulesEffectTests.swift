import Foundation
import Testing
import TuoguanCore

@testable import TuoguanRules

/// No key of a policy is silently ignored: a key or a refund rule that would have no effect for the
/// policy's billing is refused at its line, with the reason (Fixtures/*-without-effect.toml); `late_start`
/// is read.
@Suite struct RulesEffectTests {
    /// A monthly policy whose late joiners pay by the half-month (a file that loads: not a fixture, which
    /// must fail).
    static let lateStartFile = """
        # A monthly policy whose late joiners pay by the half-month.
        schema = 1
        school = "测试小学"
        term = "2024-autumn"
        starts = 2024-09-02
        ends = 2025-01-17

        [policies.basic]
        name = "四点半托"
        billing = "monthly"
        price = "40.00"
        months = 4
        late_start = "half_month"

        [[split.pools]]
        id = "all"
        name = "全部"
        percent = 100
        """

    /// `settle` on a monthly policy, `refund` on a free one, `use` without settlement by use and `late_start`
    /// on a per-lesson policy: four problems, in the order of their lines.
    @Test func keysWithoutEffect() throws {
        let e = try RulesErrorsTests.error("keys-without-effect.toml")
        #expect(e.count == 4)
        #expect(
            e.rendered(.en) == """
                keys-without-effect.toml:13:1 (policies.basic.settle): `settle` has no effect on a monthly policy: the fee is by the month or the term, not by use [rules-invalid]
                  | settle = "actual_use"
                  fix: remove `settle`
                keys-without-effect.toml:18:1 (policies.free.refund): `refund` has no effect on a free policy: nothing is charged [rules-invalid]
                  | refund = { withdrawal = "none" }
                  fix: remove `refund`
                keys-without-effect.toml:24:1 (policies.x.use): `use` has no effect on a per_lesson policy: `use` only says what counts as used with `settle = "actual_use"` [rules-invalid]
                  | use = "present_or_absent"
                  fix: remove `use`
                keys-without-effect.toml:25:1 (policies.x.late_start): `late_start` has no effect on a per_lesson policy: lessons are counted from the enrolment's first day, so a late start already pays less [rules-invalid]
                  | late_start = "month"
                  fix: remove `late_start`
                """)
        #expect(
            e.rendered(.zh).hasPrefix("""
                keys-without-effect.toml:13:1 (policies.basic.settle): 按月收费（monthly）项目中 `settle` 不起作用：费用按月或按学期计，不按使用量结算 [rules-invalid]
                  | settle = "actual_use"
                  如何修改：删去 `settle`
                keys-without-effect.toml:18:1 (policies.free.refund): 免费（free）项目中 `refund` 不起作用：免费项目不收费 [rules-invalid]
                """))
    }

    /// A per-student-hour policy's leave by half-months, cancellations by a percentage and withdrawal by
    /// months would all be read as another rule: each refused at its value.
    @Test func refundValuesWithoutEffect() throws {
        let e = try RulesErrorsTests.error("refund-values-without-effect.toml")
        #expect(e.count == 3)
        let line = #"  | refund = { personal_leave = "half_month", cancelled = "percent:50", withdrawal = "month" }"#
        #expect(
            e.rendered(.en) == """
                refund-values-without-effect.toml:12:29 (policies.x.refund.personal_leave): `personal_leave = "half_month"` has no effect on a per_student_hour policy: leave is counted in lessons, refunded wholly, not at all, or by a percentage [rules-invalid]
                \(line)
                  fix: use one of none, full, percent:N
                refund-values-without-effect.toml:12:55 (policies.x.refund.cancelled): `cancelled = "percent:50"` has no effect on a per_student_hour policy: cancelled lessons are given back wholly or not at all [rules-invalid]
                \(line)
                  fix: use one of none, full
                refund-values-without-effect.toml:12:82 (policies.x.refund.withdrawal): `withdrawal = "month"` has no effect on a per_student_hour policy: a withdrawal gives back the lessons after it, not days, half-months or months [rules-invalid]
                \(line)
                  fix: use one of none, full, remaining_lessons, percent:N
                """)
        #expect(
            e.rendered(.zh).hasPrefix("""
                refund-values-without-effect.toml:12:29 (policies.x.refund.personal_leave): 按生时收费（per_student_hour）项目中 `personal_leave = "half_month"` 不起作用：请假按课时计，退全部、不退或退一定比例 [rules-invalid]
                \(line)
                  如何修改：改用 none, full, percent:N 之一
                """))
    }

    /// A free policy in `waives`, `waive_percent` without a policy to waive, `waive_percent = 0`: each would
    /// waive nothing.
    @Test func waiversWithoutEffect() throws {
        let e = try RulesErrorsTests.error("waivers-without-effect.toml")
        #expect(e.count == 3)
        #expect(
            e.rendered(.en) == """
                waivers-without-effect.toml:10:16 (categories.left_behind.waives[1]): category `left_behind` waives `basic`, which is free: there is nothing to waive [rules-invalid]
                  | waives = ["x", "basic"]
                  fix: remove `basic` from `waives`
                waivers-without-effect.toml:14:1 (categories.priority.waive_percent): `waive_percent` has no effect: category `priority` waives no policy [rules-invalid]
                  | waive_percent = 50
                  fix: list the policies it waives in `waives`, or remove `waive_percent`
                waivers-without-effect.toml:19:17 (categories.none.waive_percent): `waive_percent = 0` waives nothing (category `none`) [rules-invalid]
                  | waive_percent = 0
                  fix: give the share waived, or remove `waives` and `waive_percent`
                """)
        #expect(
            e.rendered(.zh).hasPrefix("""
                waivers-without-effect.toml:10:16 (categories.left_behind.waives[1]): 类别 `left_behind` 免除的项目 `basic` 本就免费，免除不起作用 [rules-invalid]
                  | waives = ["x", "basic"]
                  如何修改：从 `waives` 中删去 `basic`
                """))
    }

    /// `late_start` is read; without it a monthly policy starts late by the month, a per-term one by lessons.
    @Test func lateStartIsRead() throws {
        let rules = try RulesLoader.parse(Self.lateStartFile, file: "late-start.toml")
        let basic = try #require(rules.policies["basic"])
        #expect(basic.lateStart == .halfMonth)
        #expect(basic.effectiveLateStart == .halfMonth)
        #expect(Policy(id: "m", name: "m", billing: .monthly).effectiveLateStart == .month)
        #expect(Policy(id: "t", name: "t", billing: .perTerm).effectiveLateStart == .remainingLessons)
    }

    /// An unknown `late_start` lists the accepted ones.
    @Test func unknownLateStart() throws {
        let text = Self.lateStartFile.replacingOccurrences(of: "\"half_month\"", with: "\"halfmonth\"")
        #expect(throws: TuoguanError.self) { try RulesLoader.parse(text, file: "late-start.toml") }
        do {
            _ = try RulesLoader.parse(text, file: "late-start.toml")
        } catch let e as TuoguanError {
            #expect(
                e.rendered(.en) == """
                    late-start.toml:13:14 (policies.basic.late_start): unknown late_start `halfmonth`; did you mean `half_month`? [rules-invalid]
                      | late_start = "halfmonth"
                      fix: accepted: none, month, half_month, per_day, remaining_lessons
                    """)
        }
    }
}
