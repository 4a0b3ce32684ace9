import Testing
@testable import TuoguanCore

/// A computed teacher's pay keeps its figures; its duties and steps are made when read from the computation's
/// basis, and the term's index finds the teachers, courses and tallies by position, not by copies.
@Suite struct TeacherPayTests {
    typealias F = Fixtures

    /// Two teachers, listed out of order, their tallies too (points: supervision 50, patrol 40):
    /// - T1: patrol 2 × 40 = 80, supervision 1 × 50 = 50 → 130 points; teaches B1, 600 student-minutes at
    ///   2.00 an hour → 600 × 2.00 ÷ 60 = 20.00.
    /// - T2: supervision 3 × 50 = 150 points.
    /// Payments 1,000.00 (basis cash) → 教师量化考核 60% = 600.00 by points (Σ 280):
    /// 60,000 × 130 ÷ 280 = 27,857 rem 40 and 60,000 × 150 ÷ 280 = 32,142 rem 240 → floors 59,999, the fen
    /// left to T2 (larger remainder) → T1 278.57, T2 321.43. No quality scores: the award pool is not shared.
    /// T1's total: 278.57 + 0 + 20.00 + 0 = 298.57.
    static let rules = F.rules(policies: [F.freeBasic], split: F.standardSplit(basis: .cash))
    static let facts = TermFacts(
        students: [F.student("S1")],
        teachers: [Teacher(id: "T2", name: "李老师", kind: .staff), Teacher(id: "T1", name: "王老师", kind: .staff)],
        courses: [F.course("B1", "一年级托管", policy: "basic")],
        duties: [
            DutyTally(teacherId: "T1", duty: "supervision", count: 1, minutes: 120),
            DutyTally(teacherId: "T2", duty: "supervision", count: 3, minutes: 360),
            DutyTally(teacherId: "T1", duty: "patrol", count: 2, minutes: 60),
        ],
        teaching: [TeachingTally(teacherId: "T1", courseId: "B1", heldLessons: 5, studentMinutesPresent: 600)],
        payments: [F.payment("R001", "S1", "1,000.00")])

    @Test func dutiesAndStepsAreMadeWhenReadAsComputed() throws {
        let result = try TermComputation.compute(rules: Self.rules, facts: Self.facts)
        try TermInvariants.check(result)
        #expect(result.teachers.map(\.teacher.id) == ["T1", "T2"])
        let t1 = result.teachers[0]
        #expect(t1.points == 130 && t1.workload == F.yuan("278.57") && t1.subsidy == F.yuan("20.00"))
        #expect(t1.total == F.yuan("298.57"))
        #expect(result.teachers[1].workload == F.yuan("321.43"))
        #expect(t1.duties == [Self.facts.duties[2], Self.facts.duties[0]])  // by duty: patrol, supervision
        #expect(t1.steps == [
            .duty(key: "patrol", count: 2, each: 40, points: 80),
            .duty(key: "supervision", count: 1, each: 50, points: 50),
            .points(130),
            .poolShare(pool: "教师量化考核", amount: F.yuan("600.00"), weight: 130, total: 280, byScore: false, part: F.yuan("278.57")),
            .subsidyMinutes(course: "一年级托管", minutes: 600, rate: F.yuan("2.00")),
            .subsidy(minutes: 600, amount: F.yuan("20.00")),
            .total(workload: F.yuan("278.57"), award: .zero, subsidy: F.yuan("20.00"), outside: .zero, total: F.yuan("298.57")),
        ])
        // Read twice, the same; given the same duties and steps, a pay is the same pay.
        #expect(t1.steps == t1.steps)
        let given = TeacherPay(
            teacher: t1.teacher, duties: t1.duties, points: 130, workload: t1.workload, score: nil, award: .zero,
            subsidyStudentMinutes: 600, subsidy: t1.subsidy, outsideLessons: 0, outside: .zero, total: t1.total, rank: 2,
            steps: t1.steps)
        #expect(given == t1)
        var other = given
        other.steps.removeLast()
        #expect(other != t1)
    }

    /// The pays keep the term's teachers, courses and tallies, not its families (S1 and its payment).
    @Test func aComputedPayKeepsNoFamily() throws {
        let result = try TermComputation.compute(rules: Self.rules, facts: Self.facts)
        guard case .computed(let basis, let k) = result.teachers[0].details else {
            Issue.record("a computed pay keeps its basis")
            return
        }
        #expect(k == 0)
        #expect(basis.index.facts.students.isEmpty && basis.index.facts.payments.isEmpty)
        #expect(basis.index.studentOrder.isEmpty)
        #expect(basis.index.facts.duties.count == 3 && basis.index.teacherOrder.count == 2)
    }

    @Test func settingStepsOrDutiesKeepsWhatIsSet() throws {
        let result = try TermComputation.compute(rules: Self.rules, facts: Self.facts)
        var pay = result.teachers[1]
        let duties = pay.duties
        pay.steps = [.points(150)]
        #expect(pay.steps == [.points(150)])
        #expect(pay.duties == duties)  // T2: supervision 3
        pay.duties = []
        #expect(pay.duties.isEmpty && pay.steps == [.points(150)])
        #expect(pay != result.teachers[1])
    }

    /// The facts' order does not matter: reversed, the same result (teachers by id, duties by kind).
    @Test func factsInAnyOrderGiveTheSamePay() throws {
        var reversed = Self.facts
        reversed.teachers.reverse()
        reversed.duties.reverse()
        let a = try TermComputation.compute(rules: Self.rules, facts: Self.facts)
        let b = try TermComputation.compute(rules: Self.rules, facts: reversed)
        #expect(a.teachers == b.teachers)
        #expect(a.teachers[0].steps == b.teachers[0].steps)
    }

    /// T1's tallies in the facts: supervision ×1, patrol ×2, supervision ×3 → by duty, a duty's in the facts'
    /// order: patrol ×2, supervision ×1, supervision ×3; T2 has none.
    @Test func aTeachersDutiesAreByDutyThenInTheFactsOrder() throws {
        let facts = TermFacts(
            teachers: [Teacher(id: "T2", name: "李老师", kind: .staff), Teacher(id: "T1", name: "王老师", kind: .staff)],
            duties: [
                DutyTally(teacherId: "T1", duty: "supervision", count: 1, minutes: 120),
                DutyTally(teacherId: "T1", duty: "patrol", count: 2, minutes: 60),
                DutyTally(teacherId: "T1", duty: "supervision", count: 3, minutes: 360),
            ])
        let index = try TermComputation.Index(rules: F.rules(policies: [F.interest]), facts: facts)
        #expect(index.duties(ofTeacher: 0).map(\.count) == [2, 1, 3])
        #expect(index.duties(ofTeacher: 1).isEmpty)
    }

    @Test func orderSortsPositionsByIdThenPosition() {
        let ids = ["T2", "T1", "T2", "T0"]
        #expect(TermComputation.Index.order(count: ids.count) { ids[$0] } == [3, 1, 0, 2])
        #expect(TermComputation.Index.order(count: 0) { ids[$0] }.isEmpty)
    }

    /// C1 has one enrolment, C2 two; only C2 has a tally (most present 2); T1 and T2 are found by id.
    @Test func indexFindsCoursesTalliesAndTeachersByPosition() throws {
        let rules = F.rules(policies: [F.interest])
        let facts = TermFacts(
            students: [F.student("S1"), F.student("S2")],
            teachers: [Teacher(id: "T2", name: "李老师", kind: .staff), Teacher(id: "T1", name: "王老师", kind: .staff)],
            courses: [F.course("C2", "围棋", policy: "x"), F.course("C1", "美术", policy: "x")],
            usages: [
                F.usage("S1", "C2", term: 1, held: 1, present: 1), F.usage("S2", "C2", term: 1, held: 1, present: 1),
                F.usage("S1", "C1", term: 1, held: 1, present: 1),
            ],
            courseTallies: [CourseTally(courseId: "C2", held: 1, cancelled: 0, maxPresent: 2)])
        let index = try TermComputation.Index(rules: rules, facts: facts)
        #expect(index.enrolled(inCourse: "C1") == 1 && index.enrolled(inCourse: "C2") == 2)
        #expect(index.enrolled(inCourse: "C9") == 0)
        #expect(index.tally(ofCourse: "C1") == nil && index.tally(ofCourse: "C2")?.maxPresent == 2)
        #expect(index.courses["C1"]?.name == "美术" && index.courses["C9"] == nil)
        #expect(index.position(ofTeacher: "T1") == 0 && index.position(ofTeacher: "T2") == 1)
        #expect(index.position(ofTeacher: "T3") == nil)
        #expect(index.teacher(0).name == "王老师")
    }

    @Test func duplicateTeacherAndUnknownTeacherAreReported() {
        let rules = F.rules(policies: [F.interest])
        let facts = TermFacts(
            teachers: [
                Teacher(id: "T1", name: "王老师", kind: .staff), Teacher(id: "T2", name: "李老师", kind: .staff),
                Teacher(id: "T1", name: "王老师", kind: .staff),
            ],
            duties: [DutyTally(teacherId: "T3", duty: "patrol", count: 1, minutes: 30)],
            courseTallies: [
                CourseTally(courseId: "C9", held: 1, cancelled: 0, maxPresent: 1),
            ])
        let error = #expect(throws: TuoguanError.self) { try TermComputation.compute(rules: rules, facts: facts) }
        let messages = ([error].compactMap { $0 } + (error?.more ?? [])).map(\.message.zh)
        #expect(messages == [
            "教师编号“T1”出现了不止一次",
            "值班/课时记录提到的教师“T3”不存在",
            "开课统计提到的课程“C9”不存在",
        ])
    }
}
