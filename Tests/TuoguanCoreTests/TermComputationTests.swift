import Testing
@testable import TuoguanCore

/// The whole term, hand-computed from the seed plans. Every result is also checked by `TermInvariants`.
@Suite struct TermComputationTests {
    typealias F = Fixtures

    static func expense(_ id: String, _ line: SpendingLine, _ amount: String) -> ExpenseFact {
        ExpenseFact(expenseId: id, line: line, amount: F.yuan(amount), date: F.date("2024-12-20"), payee: "收款方")
    }

    static func compute(_ rules: PlanRules, _ facts: TermFacts) throws -> TermResult {
        let result = try TermComputation.compute(rules: rules, facts: facts)
        try TermInvariants.check(result)
        return result
    }

    static func zh(_ steps: [FundStep]) -> [String] { steps.map(\.text.zh) }
    static func zh(_ steps: [TeacherStep]) -> [String] { steps.map(\.text.zh) }
    static func zh(_ steps: [StatementStep]) -> [String] { steps.map(\.text.zh) }

    /// 1+X (001 篇二, 篇十): basic care free, art at 20.00 per lesson, 12 lessons prepaid (240.00).
    /// - S1 paid 240.00; 1 lesson cancelled by force majeure, 2 on personal leave → charged 11 × 20.00 =
    ///   220.00 → balance 220.00 − 240.00 = −20.00: 应退 20.00.
    /// - S2 is 留守儿童: waived, paid nothing → 已结清.
    /// - S3 has no course at all and still gets a statement.
    /// Fund (basis earned): 220.00 → 60% 132.00, 20% 44.00, 5% 11.00, 5% 11.00, 10% 22.00.
    @Test func onePlusX() throws {
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        let facts = TermFacts(
            students: [F.student("S3"), F.student("S1", "张小明"), F.student("S2", category: "left_behind")],
            teachers: [Teacher(id: "T1", name: "王老师", kind: .staff)],
            courses: [F.course("ART", "美术", policy: "x"), F.course("B1", "作业辅导", policy: "basic")],
            usages: [
                F.usage("S1", "ART", term: 12, held: 11, cancelled: 1, present: 9, leave: 2),
                F.usage("S1", "B1", term: 80, held: 80, present: 80),
                F.usage("S2", "ART", term: 12, held: 11, cancelled: 1, present: 11),
            ],
            payments: [F.payment("R001", "S1", "240.00")])
        let result = try Self.compute(rules, facts)

        #expect(result.students.map(\.student.id) == ["S1", "S2", "S3"])
        let s1 = result.students[0]
        #expect(s1.lines.map(\.courseId) == ["ART", "B1"])
        #expect(s1.charged == F.yuan("220.00"))
        #expect(s1.paid == F.yuan("240.00"))
        #expect(s1.balance == F.yuan("-20.00"))
        #expect(s1.dueToFamily == F.yuan("20.00"))
        #expect(Self.zh(try F.explain(s1, facts: facts, rules: rules)).contains("收款 R001 2024-09-02 微信 240.00"))
        #expect((try F.explain(s1, facts: facts, rules: rules)).last?.text.zh == "应退 20.00 元")
        #expect((try F.explain(s1, facts: facts, rules: rules)).last?.text.en == "the fund owes the family 20.00")
        // A statement's line is figures only; its steps are asked of the calculator from the same facts.
        // ART: 12 lessons prepaid, 1 cancelled (refunded), 2 on leave → 11 × 20.00 = 220.00.
        let art = s1.lines[0]
        let direct = try ChargeCalculator.explain(
            course: F.course("ART", "美术", policy: "x"), policy: F.interest, usage: F.usage("S1", "ART", term: 12, held: 11, cancelled: 1, present: 9, leave: 2),
            student: F.student("S1", "张小明"), rules: rules)
        #expect(art == direct.line)
        let lineSteps = try TermComputation.lineSteps(
            of: s1, usages: facts.usages, courses: F.courses(facts), rules: rules)
        #expect(lineSteps[0] == direct.steps)
        #expect(direct.steps.count > 1)
        #expect(lineSteps[0].last?.text.zh == "  本课程应收 220.00")

        let s2 = result.students[1]
        #expect(s2.waived == F.yuan("220.00"))
        #expect(s2.charged == .zero)
        #expect((try F.explain(s2, facts: facts, rules: rules)).last?.text.zh == "已结清")

        let s3 = result.students[2]
        #expect(s3.lines.isEmpty)
        #expect(s3.balance == .zero)

        #expect(result.fund.earned == F.yuan("220.00"))
        #expect(result.fund.income == F.yuan("240.00"))
        #expect(result.fund.net == F.yuan("220.00"))
        #expect(result.fund.pools.map(\.amount) == ["132.00", "44.00", "11.00", "11.00", "22.00"].map(F.yuan))
        #expect(result.fund.pools.map(\.pool.id) == rules.split.pools.map(\.id))
    }

    /// 001 篇九: 3.00 per lesson, 40 lessons, prepaid, settled at term end by use (多退少补).
    /// - S1 paid 120.00 (40 × 3.00), attended 32 → 96.00 → 应退 24.00;
    /// - S2 paid 90.00, attended 35 → 105.00 → 应补 15.00;
    /// - after the 24.00 refund to S1 is paid out, S1 is settled: 96.00 − (120.00 − 24.00) = 0.
    @Test func settlementByActualUse() throws {
        let rules = F.rules(policies: [F.settled])
        var facts = TermFacts(
            students: [F.student("S1"), F.student("S2")],
            courses: [F.course("NOON", "午托", policy: "settled")],
            usages: [
                F.usage("S1", "NOON", term: 40, held: 40, present: 32, leave: 8),
                F.usage("S2", "NOON", term: 40, held: 40, present: 35, absent: 5),
            ],
            payments: [F.payment("R001", "S1", "120.00"), F.payment("R002", "S2", "90.00", on: "2024-09-03")])
        var result = try Self.compute(rules, facts)
        #expect(result.students[0].charged == F.yuan("96.00"))
        #expect(result.students[0].dueToFamily == F.yuan("24.00"))
        #expect((try F.explain(result.students[0], facts: facts, rules: rules)).last?.text.zh == "应退 24.00 元")
        #expect(result.students[1].charged == F.yuan("105.00"))
        #expect(result.students[1].dueFromFamily == F.yuan("15.00"))
        #expect((try F.explain(result.students[1], facts: facts, rules: rules)).last?.text.zh == "应补 15.00 元")
        #expect((try F.explain(result.students[1], facts: facts, rules: rules)).last?.text.en == "the family owes the fund 15.00")

        facts.refunds = [F.refund("F001", "S1", "24.00", course: "NOON")]
        result = try Self.compute(rules, facts)
        #expect(result.students[0].balance == .zero)
        #expect(Self.zh(try F.explain(result.students[0], facts: facts, rules: rules)).contains("退费 F001 2024-12-31 期末结算 24.00"))
        #expect((try F.explain(result.students[0], facts: facts, rules: rules)).last?.text.zh == "已结清")
        // Fund: earned 96.00 + 105.00 = 201.00; income 210.00; refunds 24.00.
        #expect(result.fund.earned == F.yuan("201.00"))
        #expect(result.fund.income == F.yuan("210.00"))
        #expect(result.fund.refunds == F.yuan("24.00"))
    }

    /// The split on a cash basis: 10,500.01 received − 500.00 refunded = 10,000.01, split 60/20/5/5/10:
    /// 6,000.01 / 2,000.00 / 500.00 / 500.00 / 1,000.00 (the leftover fen goes to the largest remainder, 0.6).
    ///
    /// The workload pool 6,000.01 is shared by 50 / 50 / 40 points (Σ 140):
    /// 600,001 × 50 ÷ 140 = 214,286 rem 10 (twice), 600,001 × 40 ÷ 140 = 171,428 rem 120; the floors add up
    /// to 600,000, the one fen left goes to the largest remainder (T3) → 2,142.86 / 2,142.86 / 1,714.29.
    /// Ranks by points: 1, 1, 3.
    ///
    /// The award pool 2,000.00 by scores 92.50 and 87.50 (Σ 180.00): 200,000 × 9,250 ÷ 18,000 = 102,777.8 and
    /// 200,000 × 8,750 ÷ 18,000 = 97,222.2 → floors 199,999, the fen left to T1 → 1,027.78 / 972.22.
    @Test func poolsAndPoints() throws {
        let rules = F.rules(policies: [F.interest], split: F.standardSplit(basis: .cash))
        let facts = TermFacts(
            students: [F.student("S1")],
            teachers: [
                Teacher(id: "T3", name: "赵老师", kind: .retired),
                Teacher(id: "T1", name: "王老师", kind: .staff),
                Teacher(id: "T2", name: "李老师", kind: .staff),
                Teacher(id: "T9", name: "某机构", kind: .outside),
            ],
            duties: [
                DutyTally(teacherId: "T1", duty: "supervision", count: 1, minutes: 120),
                DutyTally(teacherId: "T2", duty: "activity", count: 1, minutes: 40),
                DutyTally(teacherId: "T3", duty: "patrol", count: 1, minutes: 30),
                DutyTally(teacherId: "T9", duty: "activity", count: 12, minutes: 480),
            ],
            payments: [F.payment("R001", "S1", "10,500.01")],
            refunds: [F.refund("F001", "S1", "500.00", reason: .withdrawal)],
            qualityScores: ["T1": 9250, "T2": 8750])
        let result = try Self.compute(rules, facts)

        #expect(result.fund.net == F.yuan("10,000.01"))
        #expect(result.fund.pools.map(\.amount) == ["6,000.01", "2,000.00", "500.00", "500.00", "1,000.00"].map(F.yuan))
        #expect(Self.zh(result.fund.steps).contains("教师量化考核 60% × 10,000.01 = 6,000.01"))
        #expect(Self.zh(result.fund.steps).contains("分配基数（按实收）= 10,500.01 − 500.00 = 10,000.01"))

        #expect(result.teachers.map(\.teacher.id) == ["T1", "T2", "T3", "T9"])
        let pay = Dictionary(uniqueKeysWithValues: result.teachers.map { ($0.teacher.id, $0) })
        #expect(pay["T1"]?.points == 50)
        #expect(pay["T3"]?.points == 40)
        #expect(pay["T9"]?.points == 0)  // outside institutions earn no points…
        #expect(pay["T9"]?.duties.count == 1)  // …but their duties are listed
        #expect(pay["T1"]?.workload == F.yuan("2,142.86"))
        #expect(pay["T2"]?.workload == F.yuan("2,142.86"))
        #expect(pay["T3"]?.workload == F.yuan("1,714.29"))
        #expect(pay["T9"]?.workload == .zero)
        #expect(pay["T1"]?.award == F.yuan("1,027.78"))
        #expect(pay["T2"]?.award == F.yuan("972.22"))
        #expect(pay["T3"]?.award == .zero)
        #expect(pay["T1"]?.total == F.yuan("3,170.64"))  // 2,142.86 + 1,027.78
        #expect(result.teachers.map(\.rank) == [1, 1, 3, 4])
        let t3Trace = Self.zh(try #require(pay["T3"]).steps)
        #expect(t3Trace.contains("教师量化考核 6,000.01 × 40 ÷ 140 = 1,714.29"))
        let unallocated = result.findings.filter { $0.code == "pool-unallocated" }
        #expect(unallocated.count == 2 && unallocated.allSatisfy { $0.passed })
    }

    /// 2.00 per student-hour for free basic care (001 篇七):
    /// - T1: 35 students × 120 minutes = 4,200 student-minutes × 2.00 ÷ 60 = 140.00;
    /// - T2 teaches two groups of 1,030 student-minutes: per course 1,030 × 2.00 ÷ 60 = 34.333… → 34.33 each,
    ///   68.66 together — but rounded once per teacher, 2,060 × 2.00 ÷ 60 = 68.666… → 68.67.
    @Test func subsidyPerStudentHourRoundedOncePerTeacher() throws {
        let rules = F.rules(policies: [F.freeBasic])
        let facts = TermFacts(
            teachers: [Teacher(id: "T1", name: "王老师", kind: .staff), Teacher(id: "T2", name: "李老师", kind: .retired)],
            courses: [
                F.course("B1", "一年级托管", policy: "basic"), F.course("B2", "二年级托管", policy: "basic", teacher: "T2"),
                F.course("B3", "三年级托管", policy: "basic", teacher: "T2"),
            ],
            teaching: [
                TeachingTally(teacherId: "T1", courseId: "B1", heldLessons: 1, studentMinutesPresent: 35 * 120),
                TeachingTally(teacherId: "T2", courseId: "B2", heldLessons: 10, studentMinutesPresent: 1030),
                TeachingTally(teacherId: "T2", courseId: "B3", heldLessons: 10, studentMinutesPresent: 1030),
            ])
        let result = try Self.compute(rules, facts)
        #expect(result.teachers[0].subsidy == F.yuan("140.00"))
        #expect(result.teachers[0].subsidyStudentMinutes == 4200)
        #expect(result.teachers[1].subsidy == F.yuan("68.67"))
        #expect(result.teachers[1].subsidyStudentMinutes == 2060)
        #expect(result.teachers[1].total == F.yuan("68.67"))
        // Nobody has points or scores and nothing was earned: the pools are 0, allocated trivially.
        let unallocated = result.findings.filter { $0.code == "pool-unallocated" }
        #expect(unallocated.count == 2 && unallocated.allSatisfy { $0.passed })
    }

    /// Findings per course (001 篇二; 004): art has 14 students, under the minimum of 15 → min-enrollment fails
    /// by 1; robotics had 31 students present with one teacher, over 1:30 → fails by 1; groups within 25–40
    /// except robotics' 5 students.
    @Test func courseFindings() throws {
        let limits = Limits(groupSizeMin: 10, groupSizeMax: 40, studentsPerTeacher: 30)
        let rules = F.rules(policies: [F.interest, F.outsideCourse], limits: limits)
        let art = (1...14).map { "A\($0 < 10 ? "0" : "")\($0)" }
        let outsiders = (1...5).map { "O\($0)" }
        let facts = TermFacts(
            students: (art + outsiders).map { F.student($0) },
            teachers: [Teacher(id: "T1", name: "王老师", kind: .staff), Teacher(id: "T9", name: "某机构", kind: .outside)],
            courses: [F.course("ART", "美术", policy: "x"), F.course("ROBO", "机器人", policy: "outside", teacher: "T9")],
            usages: art.map { F.usage($0, "ART", term: 14, held: 14, present: 14) }
                + outsiders.map { F.usage($0, "ROBO", term: 12, held: 12, present: 12) },
            duties: [DutyTally(teacherId: "T1", duty: "activity", count: 14, minutes: 560)],
            courseTallies: [
                CourseTally(courseId: "ART", held: 14, cancelled: 0, maxPresent: 14),
                CourseTally(courseId: "ROBO", held: 12, cancelled: 0, maxPresent: 31),
            ])
        let result = try Self.compute(rules, facts)
        let byKey = Dictionary(
            result.findings.map { ("\($0.code)/\($0.subject)", $0) }, uniquingKeysWith: { a, _ in a })

        let minimum = try #require(byKey["min-enrollment/ART"])
        #expect(!minimum.passed)
        #expect(minimum.limit == "≥ 15")
        #expect(minimum.actual == "14")
        #expect(minimum.message.zh == "美术报名 14 人，少于开班最低人数 15 人（差 1 人）")
        #expect(minimum.message.en == "美术: 14 students enrolled, 1 short of the minimum of 15 to open")
        #expect(byKey["min-enrollment/ROBO"] == nil)  // no minimum for that policy: not checked

        let ratio = try #require(byKey["students-per-teacher/ROBO"])
        #expect(!ratio.passed)
        #expect(ratio.limit == "≤ 30")
        #expect(ratio.actual == "31")
        #expect(ratio.message.zh == "机器人一名教师同时看护 31 名学生，超过 1:30（多 1 人）")
        #expect(try #require(byKey["students-per-teacher/ART"]).passed)

        #expect(try #require(byKey["group-size/ART"]).passed)
        let small = try #require(byKey["group-size/ROBO"])
        #expect(!small.passed)
        #expect(small.limit == "10–40")
        #expect(small.message.zh == "机器人每班 5 人，少于班额下限 10 人（差 5 人）")
        #expect(byKey["budget/fund"] == nil && byKey["outside-share/fund"] == nil)  // limits not set
    }

    /// An outside institution (001 篇六/七; 004 "不超过 50%") is owed 12 × 150.00 = 1,800.00 and is paid it
    /// (recorded on the `outside` budget line); its 5 students paid 12 × 25.00 each = 1,500.00, all spent from
    /// the pools (900.00 + 300.00 + 75.00 + 75.00 + 150.00, the 60/20/5/5/10 split of 1,500.00).
    /// Spending = 1,500.00 pools + 0 subsidies + 1,800.00 outside = 3,300.00, the one figure of both findings:
    /// 1,800.00 ÷ 3,300.00 = 54.5454…% → 54.55% > 50%: over by 1,800.00 − 50% × 3,300.00 = 150.00.
    /// Budget 100.00 per student per year: 3,300.00 ÷ 5 = 660.00, over by 560.00 (the outside pay counts: it
    /// was left out before, and the two findings disagreed about what was spent).
    @Test func outsideShareOverHalfAndBudget() throws {
        let limits = Limits(budgetPerStudentYear: F.yuan("100.00"), outsideShareMaxPercent: 50)
        let rules = F.rules(policies: [F.outsideCourse], limits: limits)
        let students = (1...5).map { "O\($0)" }
        let facts = TermFacts(
            students: students.map { F.student($0) },
            teachers: [Teacher(id: "T9", name: "某机构", kind: .outside)],
            courses: [F.course("ROBO", "机器人", policy: "outside", teacher: "T9")],
            usages: students.map { F.usage($0, "ROBO", term: 12, held: 12, present: 12) },
            teaching: [TeachingTally(teacherId: "T9", courseId: "ROBO", heldLessons: 12, studentMinutesPresent: 2400)],
            expenses: [
                Self.expense("E1", .outside, "1,800.00"), Self.expense("E2", .pool("teacher_workload"), "900.00"),
                Self.expense("E3", .pool("quality_award"), "300.00"), Self.expense("E4", .pool("running_cost"), "75.00"),
                Self.expense("E5", .pool("equipment"), "75.00"), Self.expense("E6", .pool("district_levy"), "150.00"),
            ])
        let result = try Self.compute(rules, facts)
        #expect(result.fund.spending.total == F.yuan("3,300.00"))
        #expect(result.fund.spending.outsideDue == F.yuan("1,800.00"))
        #expect(result.fund.pools.allSatisfy { $0.balance.isZero })
        #expect(result.fund.earned == F.yuan("1,500.00"))
        #expect(result.teachers[0].outside == F.yuan("1,800.00"))
        #expect(result.teachers[0].outsideLessons == 12)
        #expect(result.teachers[0].points == 0)

        let share = try #require(result.findings.first { $0.code == "outside-share" })
        #expect(!share.passed)
        #expect(share.limit == "≤ 50%")
        #expect(share.actual == "54.55%")
        #expect(share.message.zh == "校外机构费用 1,800.00 元，占总支出 3,300.00 元的 54.55%，超过 50%（超出 150.00 元）")
        #expect(share.message.en == "outside institutions took 1,800.00 of 3,300.00 spent, 54.55%, 150.00 over the 50% limit")

        let budget = try #require(result.findings.first { $0.code == "budget" })
        #expect(!budget.passed)
        #expect(budget.actual == "660.00")
        #expect(budget.message.zh == "支出 3,300.00（资金池 1,500.00 + 补贴 0.00 + 校外机构 1,800.00）÷ 5 人 = 每生 660.00 元，超过每生每年预算 100.00 元（超出 560.00 元）")
        #expect(budget.message.en == "spent 3,300.00 (pools 1,500.00 + subsidies 0.00 + outside institutions 1,800.00) ÷ 5 students = 660.00 per student, 560.00 over the budget of 100.00 per student per year")

        // Nobody has points or scores, but the pools have money: they stay unallocated, with a finding each.
        let unallocated = result.findings.filter { $0.code == "pool-unallocated" }
        #expect(unallocated.map(\.subject) == ["teacher_workload", "quality_award"])
        #expect(unallocated.allSatisfy { !$0.passed })
        // 60% of 1,500.00 = 900.00
        #expect(unallocated.first?.message.zh == "教师量化考核 900.00 未分配：没有教师有工作量点数")
        #expect(unallocated.first?.message.en == "教师量化考核 900.00 is left unallocated: no teacher has workload points")
    }

    /// Exactly at the limits passes: 1,500.00 outside pay of 3,000.00 spent (1,500.00 from the pools) is 50%,
    /// not over.
    @Test func outsideShareExactlyAtTheLimitPasses() throws {
        var policy = F.outsideCourse
        policy.outsidePayPerLesson = F.yuan("125.00")  // 12 × 125.00 = 1,500.00 = the fees
        let rules = F.rules(policies: [policy], limits: Limits(outsideShareMaxPercent: 50))
        let students = (1...5).map { "O\($0)" }
        let facts = TermFacts(
            students: students.map { F.student($0) },
            teachers: [Teacher(id: "T9", name: "某机构", kind: .outside)],
            courses: [F.course("ROBO", "机器人", policy: "outside", teacher: "T9")],
            usages: students.map { F.usage($0, "ROBO", term: 12, held: 12, present: 12) },
            teaching: [TeachingTally(teacherId: "T9", courseId: "ROBO", heldLessons: 12, studentMinutesPresent: 0)],
            expenses: [Self.expense("E1", .outside, "1,500.00"), Self.expense("E2", .pool("teacher_workload"), "1,500.00")])
        let share = try #require(try Self.compute(rules, facts).findings.first { $0.code == "outside-share" })
        #expect(share.passed)
        #expect(share.actual == "50%")
    }

    // MARK: - Bad facts

    @Test func unknownReferencesAreAllReported() {
        let rules = F.rules(policies: [F.interest])
        let facts = TermFacts(
            students: [F.student("S1")],
            teachers: [Teacher(id: "T1", name: "王老师", kind: .staff)],
            courses: [F.course("ART", "美术", policy: "x"), F.course("GO", "围棋", policy: "chess")],
            usages: [F.usage("S1", "MUSIC", term: 1, held: 1, present: 1), F.usage("S9", "ART", term: 1, held: 1, present: 1)],
            duties: [DutyTally(teacherId: "T1", duty: "singing", count: 1, minutes: 40)])
        let error = #expect(throws: TuoguanError.self) { try TermComputation.compute(rules: rules, facts: facts) }
        #expect(error?.code == .unknownReference)
        #expect(error?.count == 4)
        let messages = ([error].compactMap { $0 } + (error?.more ?? [])).map(\.message.zh)
        #expect(messages == [
            "课程“GO”提到的收费方案“chess”不存在",
            "学生“S1”的选课记录提到的课程“MUSIC”不存在",
            "选课记录提到的学生“S9”不存在",
            "教师“T1”的工作量提到的工作类别“singing”不存在",
        ])
        #expect(error?.message.en == "course \"GO\" names the policy \"chess\", which does not exist")
        #expect(error?.more.last?.fix?.zh == "在规则文件的 [points] 中为“singing”设定分值")
    }

    @Test func duplicateStudentIsAnError() {
        let rules = F.rules(policies: [F.interest])
        let facts = TermFacts(students: [F.student("S1"), F.student("S1")])
        let error = #expect(throws: TuoguanError.self) { try TermComputation.compute(rules: rules, facts: facts) }
        #expect(error?.code == .duplicate)
        #expect(error?.message.zh == "学生编号“S1”出现了不止一次")
    }

    @Test func overflowThrows() {
        let rules = F.rules(policies: [F.interest])
        let big = PaymentFact(receipt: "R1", studentId: "S1", amount: Money(fen: .max), date: F.date("2024-09-02"), method: .cash)
        var second = big
        second.receipt = "R2"
        let facts = TermFacts(students: [F.student("S1")], payments: [big, second])
        let error = #expect(throws: TuoguanError.self) { try TermComputation.compute(rules: rules, facts: facts) }
        #expect(error?.code == .overflow)

        let points = TermFacts(
            teachers: [Teacher(id: "T1", name: "王老师", kind: .staff)],
            duties: [DutyTally(teacherId: "T1", duty: "patrol", count: Int.max, minutes: 0)])
        let pointsError = #expect(throws: TuoguanError.self) { try TermComputation.compute(rules: rules, facts: points) }
        #expect(pointsError?.code == .overflow)
    }

    /// A broken result is caught by the invariants, every broken one listed.
    @Test func invariantsCatchABrokenResult() throws {
        let rules = F.rules(policies: [F.interest])
        let facts = TermFacts(
            students: [F.student("S1")], courses: [F.course("ART", "美术", policy: "x")],
            usages: [F.usage("S1", "ART", term: 12, held: 12, present: 12)], payments: [F.payment("R001", "S1", "240.00")])
        var result = try Self.compute(rules, facts)
        result.students[0].balance = F.yuan("1.00")
        result.fund.pools[0].amount = F.yuan("0.00")
        let error = #expect(throws: TuoguanError.self) { try TermInvariants.check(result) }
        #expect(error?.code == .internal)
        // Two broken: the pools no longer add up to the net (240.00 − 144.00 = 96.00 ≠ 240.00), and the balance is
        // not 240.00 − 240.00 = 0. (Nobody has points, so the workload pool paying out 0 is still right.)
        #expect(error?.count == 2)
        #expect(error?.message.en == "term invariant broken: pools add up to 96.00, not the net 240.00")
        #expect(error?.more.first?.message.en == "term invariant broken: student S1 balance 1.00 is not due − (paid − refunded) = 0.00")
    }
}
