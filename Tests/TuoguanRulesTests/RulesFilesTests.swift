import Foundation
import Testing
import TuoguanCore

@testable import TuoguanRules

/// Every file in the repository's `rules/` loads, and its key figures are those of its seed.
@Suite struct RulesFilesTests {
    /// The repository's `rules/` folder, found from this file's path (Tests/TuoguanRulesTests/…).
    static let rulesDirectory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("rules").path
    }()

    static func load(_ name: String) throws -> PlanRules {
        try RulesLoader.load(path: rulesDirectory + "/" + name)
    }

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory)) ?? []
        return names.filter { $0.hasSuffix(".toml") }.sorted()
    }()

    @Test func theEightSeedPlansAreThere() {
        #expect(
            RulesFilesTests.files == [
                "city-5plus2.toml", "cost-share-points.toml", "hutangqiao-timetable.toml", "mingde-free-care.toml",
                "one-plus-x.toml", "per-lesson-settled.toml", "student-hour-subsidy.toml", "xiwei-monthly.toml",
            ])
    }

    @Test(arguments: RulesFilesTests.files)
    func everyFileLoads(_ name: String) throws {
        let rules: PlanRules
        do {
            rules = try RulesFilesTests.load(name)
        } catch let error as TuoguanError {
            Issue.record("\(name) does not load:\n\(error.rendered(.en))")
            return
        }
        #expect(rules.schema == PlanRules.currentSchema)
        #expect(rules.term == "2024-autumn")
        #expect(rules.starts == CivilDate(year: 2024, month: 9, day: 2))
        #expect(rules.ends == CivilDate(year: 2025, month: 1, day: 17))
        // Every plan that charges has a split of exactly 100% and points to share the workload pool by.
        if rules.policies.values.contains(where: { $0.billing != .free }) {
            #expect(rules.split.pools.map(\.basisPoints).reduce(0, +) == 10_000)
            #expect(!rules.points.isEmpty)
        }
        // Every duty a policy names is a key of [points].
        for policy in rules.policies.values {
            if let duty = policy.duty { #expect(rules.points[duty] != nil, "\(name): \(policy.id)") }
        }
    }

    /// The 2024 calendar every file shares: 中秋 9/16–17, 国庆 10/1–7 (weekdays only), 元旦, three make-up days.
    @Test func holidaysAndMakeUpDays() throws {
        let rules = try RulesFilesTests.load("one-plus-x.toml")
        let noService = rules.noServiceDays.map(\.date.description)
        // 10-05 and 10-06 are a Saturday and a Sunday: no service to take away, so not listed.
        #expect(
            noService == [
                "2024-09-16", "2024-09-17", "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07",
                "2025-01-01",
            ])
        #expect(rules.noServiceDays.first?.reason == "中秋节")
        #expect(rules.makeUpDays.map(\.description) == ["2024-09-14", "2024-09-29", "2024-10-12"])
        // 2024-09-02 … 2025-01-17 is 20 weeks: 100 weekdays, less 8 holidays, plus 3 make-up days = 95.
        #expect(rules.serviceDays.count == 95)
    }

    /// 001 篇一: 40 元/月, 4 个月共计 160 元, 一次性缴清, 周一到周四.
    @Test func xiweiMonthly() throws {
        let rules = try RulesFilesTests.load("xiwei-monthly.toml")
        let basic = try #require(rules.policies["basic"])
        #expect(basic.billing == .monthly)
        #expect(basic.price == Money(fen: 4000))
        #expect(basic.months == 4)
        #expect(try basic.price * basic.months == Money(fen: 16000))  // 40.00 × 4 = 160.00
        #expect(basic.prepay == .term)
        #expect(basic.refund.withdrawal == .month)
        #expect(rules.serviceWeekdays == [1, 2, 3, 4])
        #expect(rules.collector == .parentsCommittee)
        #expect(rules.timetable == [TimeSlot(grades: 1...6, season: "all", start: 16 * 60 + 50, end: 17 * 60 + 30)])
    }

    /// 001 篇二/篇十 plus what the demo needs: 1 free, X 20.00 per lesson, an outside course, four waived categories.
    @Test func onePlusX() throws {
        let rules = try RulesFilesTests.load("one-plus-x.toml")
        #expect(rules.lessonMinutes == 40)
        #expect(rules.collector == .school)

        let basic = try #require(rules.policies["basic"])
        #expect(basic.billing == .free && basic.price == .zero)
        #expect(basic.duty == "supervision")
        #expect(basic.subsidyPerStudentHour == Money(fen: 200))
        #expect(basic.capacity == 40)

        let x = try #require(rules.policies["x"])
        #expect(x.billing == .perLesson && x.price == Money(fen: 2000))
        #expect(x.prepay == .term && x.settle == .none)
        #expect(x.minEnrollment == 15)
        #expect(x.duty == "activity")
        #expect(x.refund == RefundRules(personalLeave: .none, cancelled: .full, withdrawal: .remainingLessons))

        let outside = try #require(rules.policies["outside"])
        #expect(outside.outsideInstitution)
        #expect(outside.outsidePayPerLesson == Money(fen: 20000))
        #expect(outside.billing == .perLesson && outside.price == Money(fen: 2500))

        #expect(Set(rules.categories.keys) == ["left_behind", "single_parent", "migrant", "low_income"])
        #expect(Set(rules.categories.values.map(\.name)) == ["留守儿童", "单亲家庭子女", "进城务工人员随迁子女", "家庭经济困难学生"])
        for category in rules.categories.values {
            #expect(category.waives == ["x"] && category.waivePercent == 100)
        }

        #expect(rules.split.basis == .earned)
        #expect(rules.split.pools.map(\.id) == ["teacher_workload", "quality_award", "running_cost", "equipment", "district_levy"])
        #expect(rules.split.pools.map(\.basisPoints) == [6000, 2000, 500, 500, 1000])
        #expect(rules.split.pools.map(\.sharedBy) == [.points, .qualityScore, .none, .none, .none])
        #expect(rules.points == ["supervision": 50, "activity": 50, "patrol": 40, "escort": 40])

        #expect(rules.limits == Limits(
            budgetPerStudentYear: Money(fen: 100_000), outsideShareMaxPercent: 50, groupSizeMin: 15, groupSizeMax: 40,
            studentsPerTeacher: 40))
        // 篇二: 一、二年级 15:05—17:30, 夏令时 18:00.
        #expect(rules.timetable.count == 6)
        #expect(rules.timetable[0] == TimeSlot(grades: 1...2, season: "winter", start: 905, end: 1050))
        #expect(rules.timetable[3] == TimeSlot(grades: 1...2, season: "summer", start: 905, end: 1080))
        #expect(rules.disclosure == .maskedNames)
    }

    /// 001 篇九: 3 元/人/课时, 期初一次性收取, 每学期末按实结算, priority categories waived.
    @Test func perLessonSettled() throws {
        let rules = try RulesFilesTests.load("per-lesson-settled.toml")
        let basic = try #require(rules.policies["basic"])
        #expect(basic.billing == .perLesson && basic.price == Money(fen: 300))
        #expect(basic.prepay == .term && basic.settle == .actualUse && basic.use == .present)
        #expect(rules.categories.count == 4)
        #expect(rules.categories.values.allSatisfy { $0.waives == ["basic"] && $0.waivePercent == 100 && $0.priority })
        #expect(rules.split.pools.map(\.basisPoints).reduce(0, +) == 10_000)
    }

    /// 001 篇七: free basic care, teachers paid 2 元 per student per hour.
    @Test func studentHourSubsidy() throws {
        let rules = try RulesFilesTests.load("student-hour-subsidy.toml")
        let basic = try #require(rules.policies["basic"])
        #expect(basic.billing == .free)
        #expect(basic.subsidyPerStudentHour == Money(fen: 200))
        #expect(rules.split.pools.isEmpty)
        // 2.00 × 25 students × 120 minutes ÷ 60 = 100.00 for one two-hour session.
        #expect(try basic.subsidyPerStudentHour?.scaled(by: 25 * 120, over: 60, rounding: rules.rounding) == Money(fen: 10_000))
    }

    /// 001 篇八: 60/20/5/5/10 and points 50/50/40; 50-minute sessions; money held by the parents' committee.
    @Test func costSharePoints() throws {
        let rules = try RulesFilesTests.load("cost-share-points.toml")
        #expect(rules.split.pools.map(\.percentText) == ["60", "20", "5", "5", "10"])
        #expect(rules.points["supervision"] == 50 && rules.points["activity"] == 50 && rules.points["patrol"] == 40)
        #expect(rules.lessonMinutes == 50)
        #expect(rules.collector == .parentsCommittee)
        #expect(rules.policies["basic"]?.billing == .perTerm)
        // 10,000.00 of fees through the split: 6,000.00 / 2,000.00 / 500.00 / 500.00 / 1,000.00.
        let parts = try Allocation.largestRemainder(
            Money(fen: 1_000_000), weights: rules.split.pools.map { (key: $0.id, weight: $0.basisPoints) })
        #expect(rules.split.pools.map { parts[$0.id]?.fen } == [600_000, 200_000, 50_000, 50_000, 100_000])
    }

    /// 003: per-grade winter time slots 15:10–17:10, 15:20–17:20, 15:30–17:30.
    @Test func hutangqiaoTimetable() throws {
        let rules = try RulesFilesTests.load("hutangqiao-timetable.toml")
        #expect(
            rules.timetable == [
                TimeSlot(grades: 1...2, season: "winter", start: 910, end: 1030),
                TimeSlot(grades: 3...4, season: "winter", start: 920, end: 1040),
                TimeSlot(grades: 5...6, season: "winter", start: 930, end: 1050),
            ])
    }

    /// 004: free, 1000 元 per student per year, outside ≤ 50%, groups 25–30, 1:30.
    @Test func city5plus2() throws {
        let rules = try RulesFilesTests.load("city-5plus2.toml")
        #expect(rules.policies.values.allSatisfy { $0.billing == .free })
        #expect(rules.limits == Limits(
            budgetPerStudentYear: Money(fen: 100_000), outsideShareMaxPercent: 50, groupSizeMin: 25, groupSizeMax: 30,
            studentsPerTeacher: 30))
        #expect(rules.policies["outside"]?.outsideInstitution == true)
        #expect(rules.timetable == [TimeSlot(grades: 1...5, season: "all", start: 1020, end: 1080)])
    }

    /// 000: free care for grades 1–3, classes of 30, until 17:30 (17:00 in winter).
    @Test func mingdeFreeCare() throws {
        let rules = try RulesFilesTests.load("mingde-free-care.toml")
        #expect(rules.school == "杭州市明德小学")
        #expect(rules.policies.count == 1 && rules.policies["basic"]?.billing == .free)
        #expect(rules.limits.groupSizeMax == 30 && rules.limits.groupSizeMin == nil)
        #expect(rules.timetable.map(\.end) == [1050, 1020])
        #expect(rules.timetable.allSatisfy { $0.grades == 1...3 })
    }

    /// The complete example of rules/README.md loads, and means what the README says.
    @Test func readmeExampleLoads() throws {
        let readme = try String(contentsOfFile: RulesFilesTests.rulesDirectory + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "## A complete small file"))
        let after = readme[section.upperBound...]
        let open = try #require(after.range(of: "```toml\n"))
        let close = try #require(after[open.upperBound...].range(of: "```"))
        let rules = try RulesLoader.parse(String(after[open.upperBound..<close.lowerBound]), file: "README.md")
        #expect(rules.policies["basic"]?.price == Money(fen: 4000))
        #expect(rules.lessonMinutes == 40 && rules.collector == .parentsCommittee && rules.rounding == .halfUp)
        #expect(rules.split.pools.map(\.basisPoints) == [10_000])
    }
}
