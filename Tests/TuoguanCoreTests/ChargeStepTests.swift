import Testing
import TuoguanCore

/// The typed steps of a charge: what `explain` and the family blocks print, asked of the calculator by the
/// same code path as the figures.
@Suite struct ChargeStepTests {
    typealias F = Fixtures

    /// 1+X's X at 20.00 a lesson, prepaid; personal leave half refunded; 低保家庭 waived 50 %.
    /// 12 lessons in the term, 11 held, 1 cancelled (refunded, so not charged), 2 of the 11 on leave:
    /// - held: 11 × 20.00 = 220.00
    /// - leave: 2 × 20.00 = 40.00, 50 % back = 20.00 → gross 220.00 − 20.00 = 200.00
    /// - waiver: 200.00 × 50 % = 100.00 → charged 100.00
    /// - prepaid for the term: 12 × 20.00 = 240.00, less 50 % = 120.00
    @Test func stepsOfAHandComputedCharge() throws {
        var policy = F.interest
        policy.refund = RefundRules(personalLeave: .percent(50), cancelled: .full, withdrawal: .remainingLessons)
        var rules = F.rules(policies: [policy])
        rules.categories["dibao"] = StudentCategory(id: "dibao", name: "低保家庭", waives: ["x"], waivePercent: 50)
        let usage = F.usage("S1", "ART", term: 12, held: 11, cancelled: 1, present: 9, leave: 2)
        let (line, steps) = try ChargeCalculator.explain(
            course: F.course("ART", "美术", policy: "x"), policy: policy, usage: usage,
            student: F.student("S1", category: "dibao"), rules: rules)

        let product = ChargeStep.Metered(units: 11, price: F.yuan("20.00"), perStudentHour: false, amount: F.yuan("220.00"))
        #expect(
            steps == [
                .scheduled(
                    course: "美术", policy: "拓展课程", held: 11, afterWithdrawal: nil, cancelled: nil, leaveCharged: nil,
                    product: product),
                .leaveCredited(lessons: 2, amount: F.yuan("20.00")),
                .waiver(category: "低保家庭", percent: 50, amount: F.yuan("100.00")),
                .charged(F.yuan("100.00")),
            ])
        #expect(line.gross == F.yuan("200.00"))
        #expect(line.waived == F.yuan("100.00"))
        #expect(line.charged == F.yuan("100.00"))
        #expect(line.prepaidExpected == F.yuan("120.00"))
        #expect(steps.map(\.text.zh) == [
            "美术（拓展课程）：已开课 11 课时 × 20.00 = 220.00", "  请假 2 课时退还 20.00", "  低保家庭减免 50%：−100.00",
            "  本课程应收 100.00",
        ])
        #expect(steps.map(\.text.en) == [
            "美术 (拓展课程): 11 lessons held × 20.00 = 220.00", "  2 lessons on leave credited 20.00",
            "  waiver for 低保家庭 50%: −100.00", "  charged for this course 100.00",
        ])
    }

    /// A line is its figures: two lines with the same figures are equal though they were reached by other
    /// steps. 午托 at 3.00 a lesson settled by use, absence without leave used too: 10 present, or 8 present
    /// and 2 absent, both 10 × 3.00 = 30.00.
    @Test func chargeLineEqualityIsValueEquality() throws {
        var policy = F.settled
        policy.use = .presentOrAbsent
        let rules = F.rules(policies: [policy])
        func explain(_ usage: CourseUsage) throws -> (line: ChargeLine, steps: [ChargeStep]) {
            try ChargeCalculator.explain(
                course: F.course("NOON", "午托", policy: "settled"), policy: policy, usage: usage,
                student: F.student("S1"), rules: rules)
        }
        let present = try explain(F.usage("S1", "NOON", term: 10, held: 10, present: 10))
        let absent = try explain(F.usage("S1", "NOON", term: 10, held: 10, present: 8, absent: 2))
        #expect(present.line.charged == F.yuan("30.00"))
        #expect(present.line == absent.line)
        #expect(present.steps != absent.steps)
        #expect(absent.steps.first?.text.zh == "午托（午托）：按实结算，出勤 8 课时 + 无故缺勤 2 课时 × 3.00 = 30.00")
        var other = present.line
        other.waived = Money(fen: 1)
        #expect(other != present.line)
    }

    /// `charge` (figures only) and `explain` (figures and steps) are one calculation: the same line for every
    /// billing and edge of the seed plans.
    @Test func explainGivesTheSameLineAsCharge() throws {
        var percentWithdrawal = F.interest
        percentWithdrawal.refund = RefundRules(personalLeave: .full, cancelled: .none, withdrawal: .percent(40))
        var monthlyByMonth = F.monthly
        monthlyByMonth.refund = RefundRules(withdrawal: .month)
        let policies = [F.monthly, monthlyByMonth, F.freeBasic, F.interest, percentWithdrawal, F.settled, F.outsideCourse]
        let usages = [
            F.usage("S1", "C1", term: 12, held: 11, cancelled: 1, present: 9, leave: 2),
            F.usage("S1", "C1", term: 68, held: 24, present: 20, absent: 4, withdrawn: "2024-10-10"),
            F.usage("S1", "C1", term: 40, held: 40, cancelled: 3, present: 30, leave: 5, absent: 5),
        ]
        for policy in policies {
            let rules = F.rules(policies: [policy])
            for usage in usages {
                for student in [F.student("S1"), F.student("S1", category: "left_behind")] {
                    let course = F.course("C1", "课程", policy: policy.id)
                    let line = try ChargeCalculator.charge(course: course, policy: policy, usage: usage, student: student, rules: rules)
                    let explained = try ChargeCalculator.explain(
                        course: course, policy: policy, usage: usage, student: student, rules: rules)
                    #expect(explained.line == line, "\(policy.id) \(usage)")
                    #expect(explained.steps.last == .charged(line.charged))
                }
            }
        }
    }
}
