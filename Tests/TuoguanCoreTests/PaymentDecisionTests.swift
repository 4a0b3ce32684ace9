import PropertyBased
import Testing
import TuoguanCore

/// The payment's decision and its warnings without SQLite: random payments and enrolments, the postconditions,
/// each refusal and warning with its message, and hand-computed fees from the plans.
@Suite struct PaymentDecisionTests {
    typealias F = Fixtures

    static let rules = F.rules(policies: [F.interest, F.settled, F.monthly, F.freeBasic])
    static let policies = [F.interest, F.settled, F.monthly, F.freeBasic]

    static func payment(fen: Int64) -> PaymentFact {
        PaymentFact(receipt: "R001", studentId: "S001", amount: Money(fen: fen), date: F.date("2024-09-02"), method: .wechat)
    }

    static func refusal(_ body: () throws(PaymentRefusal) -> PaymentDecision) -> PaymentRefusal? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func aPaymentAboveZeroIsRecordedAsAskedAnyOtherIsRefused() async {
        await propertyCheck(count: 300, input: Gen.int64(in: -50_000...200_000)) { fen in
            let facts = PaymentFacts(payment: Self.payment(fen: fen))
            if fen > 0 {
                let decision = try PaymentDecision.decide(facts)
                #expect(decision.payment == facts.payment)
            } else {
                #expect(Self.refusal { () throws(PaymentRefusal) in try PaymentDecision.decide(facts) } == .notPositive(Money(fen: fen)))
            }
        }
    }

    @Test func aPaymentOfZeroOrLessSaysToUseRefund() {
        let error = Self.refusal { () throws(PaymentRefusal) in try PaymentDecision.decide(PaymentFacts(payment: Self.payment(fen: -100))) }?.error
        #expect(error?.code == .badInput)
        #expect(error?.message.en == "a payment must be more than zero: -1.00")
        #expect(error?.message.zh == "缴费金额必须大于零：-1.00")
        #expect(error?.fix?.zh == "退费请用 refund 登记")
    }

    /// A usage of the term's lessons from the enrolment's first day, nothing held yet (what the store reads for
    /// the warnings).
    static func reach(_ course: Course, term: Int) -> EnrolmentReach {
        EnrolmentReach(course: course, usage: F.usage("S001", course.id, term: term, held: 0, present: 0))
    }

    @Test func theFullTermFeesOfThePlans() throws {
        let s = F.student("S001")
        // 1+X (001 篇二): X at 20.00 a lesson, 8 lessons in the term: 8 × 20.00 = 160.00.
        let x = F.course("X1", "书法", policy: "x")
        #expect(try PaymentWarning.fullTermFee(Self.reach(x, term: 8), student: s, rules: Self.rules) == F.yuan("160.00"))
        // 溪尾 (001 篇一): 40.00 a month × 4 months = 160.00, however many lessons.
        let m = F.course("M1", "基础托管", policy: "monthly")
        #expect(try PaymentWarning.fullTermFee(Self.reach(m, term: 64), student: s, rules: Self.rules) == F.yuan("160.00"))
        // 午托 (001 篇九): 3.00 a lesson, 40 lessons: 40 × 3.00 = 120.00.
        let n = F.course("N1", "午托", policy: "settled")
        #expect(try PaymentWarning.fullTermFee(Self.reach(n, term: 40), student: s, rules: Self.rules) == F.yuan("120.00"))
        // The free "1" of 1+X charges nothing; a 留守儿童 has X waived whole: 0.00.
        let b = F.course("B1", "基础托管", policy: "basic")
        #expect(try PaymentWarning.fullTermFee(Self.reach(b, term: 64), student: s, rules: Self.rules) == .zero)
        let waived = F.student("S002", category: "left_behind")
        #expect(try PaymentWarning.fullTermFee(Self.reach(x, term: 8), student: waived, rules: Self.rules) == .zero)
    }

    @Test func noFeeCourseAndPaidBeyondTheFees() throws {
        let s = F.student("S003", "王五")
        let free = PaymentWarningFacts(
            student: s, enrolments: [Self.reach(F.course("B1", "基础托管", policy: "basic"), term: 64)],
            family: FamilyTotals(paid: F.yuan("30.00"), refunded: .zero))
        let none = try PaymentWarning.fees(free, rules: Self.rules)
        #expect(none == [.noFeeCourse(s)])
        #expect(none.map(\.error.message.en) == ["王五 (S003) takes no course that charges a fee; the payment was recorded"])
        #expect(none.map(\.error.message.zh) == ["王五（S003）没有需要缴费的课程，这笔缴费已登记"])
        // X1 8 × 20.00 = 160.00 and 午托 40 × 3.00 = 120.00: reach 280.00; paid 300.00 less 10.00 refunded = 290.00,
        // 290.00 − 280.00 = 10.00 over.
        var facts = PaymentWarningFacts(
            student: s,
            enrolments: [
                Self.reach(F.course("X1", "书法", policy: "x"), term: 8), Self.reach(F.course("N1", "午托", policy: "settled"), term: 40),
            ],
            family: FamilyTotals(paid: F.yuan("300.00"), refunded: F.yuan("10.00")))
        let over = try PaymentWarning.fees(facts, rules: Self.rules)
        #expect(over == [.beyondFees(s, kept: F.yuan("290.00"), reach: F.yuan("280.00"), over: F.yuan("10.00"))])
        #expect(
            over.map(\.error.message.zh)
                == ["王五（S003）已缴 290.00（扣除已退），超过本学期费用最多 280.00，多出 10.00；这笔缴费已登记"])
        #expect(
            over.map(\.error.message.en) == [
                "王五 (S003) has paid 290.00 (less refunds), more than the term's fees can reach, 280.00, by 10.00; the payment was recorded"
            ])
        // 290.00 − 10.00 more refunded = 280.00: exactly the reach, no warning.
        facts.family.refunded = F.yuan("20.00")
        #expect(try PaymentWarning.fees(facts, rules: Self.rules).isEmpty)
    }

    @Test func aPaymentDatedOutsideTheTerm() {
        // The term runs 2024-09-01 to 2024-12-31: its first and last days are inside.
        #expect(PaymentWarning.date(F.date("2024-09-01"), rules: Self.rules) == nil)
        #expect(PaymentWarning.date(F.date("2024-12-31"), rules: Self.rules) == nil)
        let warning = PaymentWarning.date(F.date("2025-09-01"), rules: Self.rules)
        #expect(warning?.error.message.zh == "缴费日期 2025-09-01 不在本学期内（2024-09-01 至 2024-12-31），这笔缴费已登记")
        #expect(
            warning?.error.message.en
                == "the payment's date 2025-09-01 is outside the term (2024-09-01 to 2024-12-31); the payment was recorded")
        #expect(PaymentWarning.date(F.date("2024-08-31"), rules: Self.rules) != nil)
    }

    /// One enrolment: policy index, term lessons, held, present, leave, waived?
    static let enrolment = zip(
        Gen.int(in: 0...3), Gen.int(in: 1...80), Gen.int(in: 0...80), Gen.int(in: 0...80), Gen.int(in: 0...80), Gen.bool(0.2))

    /// The reach is an upper bound: whatever was held and attended in the term, no enrolment charges more than
    /// its full-term fee, and the warnings say so exactly when the family kept more than the fees' sum.
    @Test func theReachBoundsEveryChargeAndTheWarningsFollowIt() async {
        await propertyCheck(count: 300, input: Self.enrolment.array(of: 0...5), Gen.int64(in: 0...100_000), Gen.int64(in: 0...20_000)) {
            specs, paid, refunded in
            let s = F.student("S001", category: specs.first?.5 == true ? "left_behind" : nil)
            var reaches: [EnrolmentReach] = []
            var reach = Money.zero
            for (n, spec) in specs.enumerated() {
                let (policyIndex, term, heldRaw, presentRaw, leaveRaw, _) = spec
                let policy = Self.policies[policyIndex]
                let course = F.course("C\(n)", policy.name, policy: policy.id)
                let enrolment = Self.reach(course, term: term)
                let full = try PaymentWarning.fullTermFee(enrolment, student: s, rules: Self.rules)
                #expect(!full.isNegative)
                let held = min(heldRaw, term)
                let present = min(presentRaw, held)
                let used = F.usage("S001", course.id, term: term, held: held, present: present, leave: min(leaveRaw, held - present),
                                   minutes: Int64(present * 40))
                let line = try ChargeCalculator.charge(course: course, policy: policy, usage: used, student: s, rules: Self.rules)
                #expect(line.charged <= full)
                reaches.append(enrolment)
                reach = try reach + full
            }
            let family = FamilyTotals(paid: Money(fen: paid), refunded: Money(fen: refunded))
            let warnings = try PaymentWarning.fees(PaymentWarningFacts(student: s, enrolments: reaches, family: family), rules: Self.rules)
            let kept = try family.left
            if reach.isZero {
                #expect(warnings == [.noFeeCourse(s)])
            } else if kept > reach {
                #expect(warnings == [.beyondFees(s, kept: kept, reach: reach, over: try kept - reach)])
            } else {
                #expect(warnings.isEmpty)
            }
        }
    }
}
