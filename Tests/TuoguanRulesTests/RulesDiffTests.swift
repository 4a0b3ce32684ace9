import Testing
import TuoguanCore

@testable import TuoguanRules

/// What a changed rules file changes, key by key, and what each key reaches (``RulesDiff``).
@Suite struct RulesDiffTests {
    static let base = PrintingRulesTests.head + """
        no_service = [ { from = 2024-10-01, to = 2024-10-07, reason = "国庆节" } ]

        [policies.basic]
        name = "基本托管"
        billing = "free"

        [policies.x]
        name = "拓展"
        billing = "per_lesson"
        price = "20.00"
        prepay = "term"
        refund = { personal_leave = "none", cancelled = "full", withdrawal = "remaining_lessons" }

        [split]
        basis = "earned"
        [[split.pools]]
        id = "all"
        name = "全部"
        percent = 100
        """

    @Test func sameRulesWrittenOtherwiseChangeNothing() throws {
        // Comments, order and the range written day by day: 10-01 … 10-07 is Tuesday to Monday, weekends
        // left out: 10-01, 10-02, 10-03, 10-04 and 10-07.
        let other = Self.base.replacingOccurrences(
            of: "no_service = [ { from = 2024-10-01, to = 2024-10-07, reason = \"国庆节\" } ]",
            with: """
                # 国庆
                no_service = [
                  { date = 2024-10-01, reason = "国庆节" }, { date = 2024-10-02, reason = "国庆节" },
                  { date = 2024-10-03, reason = "国庆节" }, { date = 2024-10-04, reason = "国庆节" },
                  { date = 2024-10-07, reason = "国庆节" },
                ]
                """)
        #expect(try RulesDiff.changes(from: Self.base, to: other).isEmpty)
    }

    @Test func eachKeyWithWhatItReaches() throws {
        let new = Self.base
            .replacingOccurrences(of: "price = \"20.00\"", with: "price = \"25.00\"")
            .replacingOccurrences(of: "name = \"全部\"", with: "name = \"全部经费\"")
            .replacingOccurrences(of: "reason = \"国庆节\" } ]", with: "reason = \"国庆节\" }, { date = 2024-11-11, reason = \"运动会\" } ]")
            + "\n[disclosure]\ncontact = \"财务室\"\n"
        let changes = try RulesDiff.changes(from: Self.base, to: new)
        #expect(changes == [
            RulesChange(key: "disclosure.contact", old: nil, new: "财务室", reach: .wording),
            RulesChange(key: "policies.x.price", old: "20.00", new: "25.00", reach: .policy("x")),
            RulesChange(key: "split.pools[0].name", old: "全部", new: "全部经费", reach: .wording),
            RulesChange(key: "no_service 2024-11-11", old: nil, new: "运动会", reach: .day(CivilDate(parsing: "2024-11-11")!)),
        ])
    }

    /// A make-up day given the weekday it follows: the day's timetable changes, so it is a day's change.
    @Test func aMakeUpDaysTimetableIsAChangeOfThatDay() throws {
        let before = Self.base.replacingOccurrences(of: "term = \"2024-autumn\"", with: "term = \"2024-autumn\"\nmake_up_days = [2024-09-14]")
        let after = Self.base.replacingOccurrences(of: "term = \"2024-autumn\"", with: "term = \"2024-autumn\"\nmake_up_days = [{ date = 2024-09-14, follows = 1 }]")
        #expect(try RulesDiff.changes(from: before, to: after) == [
            RulesChange(key: "make_up_days 2024-09-14", old: "补课日", new: "补课日（按星期1课表）", reach: .day(CivilDate(parsing: "2024-09-14")!))
        ])
    }

    @Test func reachOfKeys() {
        #expect(RulesDiff.reach(of: "banks.gongshang.amount") == .wording)
        #expect(RulesDiff.reach(of: "sign_off.reviewed_by") == .wording)
        #expect(RulesDiff.reach(of: "term_name") == .wording)
        #expect(RulesDiff.reach(of: "limits.group_size") == .wording)
        #expect(RulesDiff.reach(of: "timetable[2].end") == .wording)
        #expect(RulesDiff.reach(of: "policies.x.name") == .wording)
        #expect(RulesDiff.reach(of: "policies.x.refund.withdrawal") == .policy("x"))
        #expect(RulesDiff.reach(of: "categories.left_behind.waive_percent") == .category("left_behind"))
        #expect(RulesDiff.reach(of: "categories.left_behind.name") == .wording)
        #expect(RulesDiff.reach(of: "split.pools[1].percent") == .split)
        #expect(RulesDiff.reach(of: "points.patrol") == .split)
        #expect(RulesDiff.reach(of: "lesson_minutes") == .term)
        #expect(RulesDiff.reach(of: "term") == .fixed)
    }
}
