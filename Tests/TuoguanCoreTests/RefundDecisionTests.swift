import PropertyBased
import Testing
import TuoguanCore

/// A clerk's refund decided without SQLite: random refunds of random schools within their ceilings, each
/// refusal with its message, and hand-computed refunds from the plans.
@Suite struct RefundDecisionTests {
    typealias F = Fixtures

    /// A per-lesson course that gives back half of a personal leave's lessons (a `percent:50` rule).
    static let halfLeave = Policy(
        id: "half", name: "兴趣课", billing: .perLesson, price: F.yuan("25.00"), prepay: .term,
        refund: RefundRules(personalLeave: .percent(50)), duty: "activity")
    static let policies = [F.interest, F.settled, F.monthly, F.freeBasic, halfLeave]
    static let rules = F.rules(policies: policies)
    static let student = F.student("S001", "张三")
    static let x1 = F.course("X1", "书法", policy: "x")

    /// X1 with `term` lessons, all held and attended, `refunded` given back for it so far.
    static func room(_ course: Course = x1, term: Int = 8, held: Int? = nil, refunded: String = "0.00") -> CourseRefundFacts {
        let held = held ?? term
        return CourseRefundFacts(
            course: course, usage: F.usage("S001", course.id, term: term, held: held, present: held, minutes: Int64(held * 40)),
            refunded: F.yuan(refunded))
    }

    static func facts(
        amount: String? = nil, lessons: Int? = nil, reason: RefundReason = .settlement, room: CourseRefundFacts? = room(),
        paid: String = "200.00", refunded: String = "0.00", on day: String = "2024-10-08", statement: TermFacts? = nil
    ) -> RefundFacts {
        RefundFacts(
            refundId: "T1", student: student, amount: amount.map(F.yuan), lessons: lessons, reason: reason, date: F.date(day),
            courseId: room?.course.id, course: room, family: FamilyTotals(paid: F.yuan(paid), refunded: F.yuan(refunded)),
            statement: statement)
    }

    static func refusal(_ facts: RefundFacts) -> RefundRefusal? {
        do {
            _ = try RefundDecision.decide(facts, rules: rules)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Hand-computed refunds

    @Test func refundsByLessonsOfThePlans() throws {
        // 1+X (001 篇二): X at 20.00 a lesson; 2 lessons for settlement: 2 × 20.00 = 40.00;
        // paid 200.00 − 40.00 = 160.00 still refundable.
        let x = try RefundDecision.decide(Self.facts(lessons: 2), rules: Self.rules)
        #expect(x.amount == F.yuan("40.00"))
        #expect(x.lessons == 2)
        #expect(x.remainingRefundable == F.yuan("160.00"))
        // 溪尾 (001 篇一): 40.00 × 4 months = 160.00 over 64 lessons = 2.50 a lesson; 4 lessons: 4 × 2.50 = 10.00.
        let m = Self.room(F.course("M1", "基础托管", policy: "monthly"), term: 64, held: 20)
        #expect(try RefundDecision.decide(Self.facts(lessons: 4, room: m), rules: Self.rules).amount == F.yuan("10.00"))
        // percent:50 for personal leave: 3 lessons × 25.00 = 75.00, half of it = 37.50.
        let h = Self.room(F.course("H1", "兴趣课", policy: "half"), term: 10)
        let half = try RefundDecision.decide(Self.facts(lessons: 3, reason: .personalLeave, room: h), rules: Self.rules)
        #expect(half.amount == F.yuan("37.50"))
        // By amount, no course: 30.00 of 200.00 paid, 50.00 refunded before: 200.00 − 50.00 − 30.00 = 120.00 left.
        let plain = try RefundDecision.decide(Self.facts(amount: "30.00", room: nil, refunded: "50.00"), rules: Self.rules)
        #expect(plain.amount == F.yuan("30.00"))
        #expect(plain.remainingRefundable == F.yuan("120.00"))
    }

    /// X1's term: 8 lessons held and attended (8 × 20.00 = 160.00 due), 200.00 paid: 40.00 owed back.
    static func overpaidTerm() -> TermFacts {
        var facts = TermFacts()
        facts.students = [student]
        facts.courses = [x1]
        facts.usages = [F.usage("S001", "X1", term: 8, held: 8, present: 8, minutes: 320)]
        facts.payments = [F.payment("R1", "S001", "200.00")]
        return facts
    }

    @Test func aSettlementGivesBackWhatTheStatementOwesAndNoMore() throws {
        // Balance 160.00 − 200.00 = −40.00: a settlement of 40.00 leaves 0.00.
        let exact = try RefundDecision.decide(
            Self.facts(amount: "40.00", room: nil, statement: Self.overpaidTerm()), rules: Self.rules)
        #expect(exact.remainingRefundable == F.yuan("160.00"))
        // 50.00 would leave −40.00 + 50.00 = 10.00 owing.
        let error = Self.refusal(Self.facts(amount: "50.00", room: nil, statement: Self.overpaidTerm()))?.error
        #expect(error?.code == .refundCeiling)
        #expect(
            error?.message.zh
                == "结算退费 50.00 会让 张三（S001）应补 10.00：应缴 160.00，已缴 200.00，已退 0.00，结算最多可退 40.00")
        #expect(
            error?.message.en
                == "a settlement refund of 50.00 would leave 张三 (S001) owing 10.00: due 160.00, paid 200.00, refunded 0.00; settlement can give back at most 40.00")
    }

    // MARK: - Every refusal, with its message

    @Test func neitherOrBothOfAmountAndLessons() {
        for facts in [Self.facts(), Self.facts(amount: "10.00", lessons: 1)] {
            let error = Self.refusal(facts)?.error
            #expect(error?.message.en == "a refund needs an amount or a number of lessons (exactly one of them)")
            #expect(error?.message.zh == "退费要给出金额或课时数（二者只能取其一）")
        }
    }

    @Test func aReasonThePolicyDoesNotRefund() {
        let error = Self.refusal(Self.facts(lessons: 1, reason: .personalLeave))?.error
        #expect(error?.code == .refundRefused)
        #expect(error?.message.zh == "按“拓展课程”（x）的规定，因个人原因请假不退费（课程 X1 书法）")
        #expect(error?.message.en == "no refund for personal leave on a 拓展课程 course (policy x: personal_leave = none; course X1)")
    }

    @Test func anAmountOrLessonsOfZero() {
        #expect(Self.refusal(Self.facts(amount: "0.00"))?.error.message.en == "a refund must be more than zero: 0.00")
        #expect(Self.refusal(Self.facts(amount: "-5.00"))?.error.message.zh == "退费金额必须大于零：-5.00")
        #expect(Self.refusal(Self.facts(lessons: 0))?.error.message.en == "refunded lessons must be more than zero: 0")
        #expect(Self.refusal(Self.facts(lessons: -2))?.error.message.zh == "退费课时数必须大于零：-2")
    }

    @Test func lessonsWithoutACourse() {
        let error = Self.refusal(Self.facts(lessons: 2, room: nil))?.error
        #expect(error?.message.en == "a refund by lessons needs the course")
        #expect(error?.fix?.zh == "加 --course 课程编号，或改用 --amount 金额")
    }

    @Test func lessonsOfAFreeCourse() {
        // The "1" of 1+X charges nothing: 2 lessons × 0.00 = 0.00.
        let basic = Self.room(F.course("B1", "基础托管", policy: "basic"), term: 64)
        let error = Self.refusal(Self.facts(lessons: 2, room: basic))?.error
        #expect(error?.code == .refundRefused)
        #expect(error?.message.en == "course B1 is free of charge: there is nothing to refund")
        #expect(error?.message.zh == "课程 B1 免费，没有可退的费用")
    }

    @Test func aWithdrawalsOrACancellationsRefundAlone() {
        let withdrawal = Self.refusal(Self.facts(amount: "20.00", reason: .withdrawal))?.error
        #expect(withdrawal?.code == .refundRefused)
        #expect(withdrawal?.message.zh == "退课退费不能单独登记：学生仍在课程中，单独退费会让家长的结算单显示应补这笔钱")
        #expect(
            withdrawal?.fix?.en
                == "use tuoguan withdraw --student S001 --course X1 --date FIRST-DAY-AWAY --id T1: it ends the enrolment and computes the refund together; undo takes it back")
        let cancelled = Self.refusal(Self.facts(amount: "20.00", reason: .cancelled, room: nil))?.error
        #expect(
            cancelled?.message.en
                == "a cancellation refund cannot be recorded on its own: no session is cancelled, and the family's statement would ask for the money back")
        #expect(cancelled?.fix?.zh == "用 tuoguan cancel --date 停课日期 --course COURSE --reason 原因：同时停课并为每个家庭按政策退费；撤销停课用 undo")
    }

    @Test func personalLeaveOutsideTheTerm() {
        let error = Self.refusal(Self.facts(amount: "10.00", reason: .personalLeave, room: nil, on: "2025-01-05"))?.error
        #expect(error?.message.zh == "请假退费的日期 2025-01-05 不在本学期内（2024-09-01 至 2024-12-31）")
        #expect(
            error?.message.en == "the date of a personal-leave refund, 2025-01-05, is outside the term (2024-09-01 to 2024-12-31)")
    }

    @Test func pastWhatIsLeftOfTheCoursesFee() {
        // X1: 8 × 20.00 = 160.00, 150.00 refunded for it: 10.00 left; 20.00 is refused.
        let error = Self.refusal(Self.facts(amount: "20.00", room: Self.room(refunded: "150.00")))?.error
        #expect(error?.code == .refundCeiling)
        #expect(
            error?.message.zh
                == "退费 20.00 超过 张三（S001）在课程 X1 书法 可退的余额：该课程学费 160.00，已就该课程退 150.00，最多还可退 10.00")
        #expect(
            error?.message.en
                == "refund of 20.00 exceeds what is left of course X1 (书法) for 张三 (S001): the course's fee 160.00, refunded for it 150.00, at most 10.00 left")
    }

    @Test func pastWhatTheFamilyPaid() {
        // Paid 30.00, refunded 0.00: 40.00 is refused, 30.00 at most.
        let error = Self.refusal(Self.facts(amount: "40.00", room: nil, paid: "30.00"))?.error
        #expect(error?.code == .refundCeiling)
        #expect(error?.message.zh == "退费 40.00 超过 张三（S001）可退的余额：已缴 30.00，已退 0.00，最多还可退 30.00")
        #expect(
            error?.message.en
                == "refund of 40.00 exceeds what is left for 张三 (S001): paid 30.00, refunded 0.00, at most 30.00 left")
    }

    @Test func anOverflowIsRefusedWithItsOwnMessage() {
        // 2^62 lessons × 20.00 do not fit in Int64 fen.
        let error = Self.refusal(Self.facts(lessons: 1 << 62))?.error
        #expect(error?.code == .overflow)
        #expect(error?.message.en.hasPrefix("amount overflow in 20.00 × ") == true)
    }

    @Test func aRecordedIdIsPricedButItsCeilingsAreNotCheckedAgain() throws {
        // T1 used up the family's 30.00 the first time: asked again it is priced, and the writer compares it.
        var facts = Self.facts(amount: "30.00", room: nil, paid: "30.00", refunded: "30.00")
        facts.recorded = true
        let again = try RefundDecision.decide(facts, rules: Self.rules)
        #expect(again.amount == F.yuan("30.00"))
        #expect(again.remainingRefundable == .zero)
    }

    // MARK: - Random refunds

    /// Policy index, term lessons, held, course refunded (fen), by lessons?, lessons, amount (fen), reason index.
    static let ask = zip(
        Gen.int(in: 0...4), Gen.int(in: 1...40), Gen.int(in: 0...40), Gen.int64(in: 0...20_000), Gen.bool(0.5),
        Gen.int(in: -1...12), Gen.int64(in: -100...30_000), Gen.int(in: 0...3))
    /// Paid (fen), refunded (fen), a course?, inside the term?, the statement known?
    static let family = zip(Gen.int64(in: 0...40_000), Gen.int64(in: 0...40_000), Gen.bool(0.8), Gen.bool(0.9), Gen.bool(0.7))

    @Test func aRefundIsAboveZeroWithinBothCeilingsAndMovesTheBalanceByItsAmount() async {
        await propertyCheck(count: 500, input: Self.ask, Self.family) { ask, family in
            let (policyIndex, term, heldRaw, courseRefunded, byLessons, lessons, amount, reasonIndex) = ask
            let (paid, refundedRaw, hasCourse, inside, known) = family
            let policy = Self.policies[policyIndex]
            let course = F.course("C1", policy.name, policy: policy.id)
            let held = min(heldRaw, term)
            let room = CourseRefundFacts(
                course: course, usage: F.usage("S001", "C1", term: term, held: held, present: held, minutes: Int64(held * 40)),
                refunded: Money(fen: courseRefunded))
            let totals = FamilyTotals(paid: Money(fen: paid), refunded: Money(fen: min(refundedRaw, paid)))
            var statement = TermFacts()
            statement.students = [Self.student]
            statement.courses = [course]
            statement.usages = [room.usage]
            if paid > 0 { statement.payments = [PaymentFact(receipt: "R1", studentId: "S001", amount: totals.paid, date: F.date("2024-09-02"), method: .cash)] }
            let facts = RefundFacts(
                refundId: "T1", student: Self.student, amount: byLessons ? nil : Money(fen: amount), lessons: byLessons ? lessons : nil,
                reason: RefundReason.allCases[reasonIndex], date: F.date(inside ? "2024-10-08" : "2025-02-01"),
                courseId: hasCourse ? "C1" : nil, course: hasCourse ? room : nil, family: totals, statement: known ? statement : nil)
            let ceilings = try RefundCalculator.ceilings(
                family: totals, course: facts.course, student: Self.student, rules: Self.rules)
            switch Result(catching: { () throws(RefundRefusal) in try RefundDecision.decide(facts, rules: Self.rules) }) {
            case .success(let decision):
                #expect(decision.amount > .zero)
                #expect(decision.amount <= ceilings.most)
                #expect(decision.remainingRefundable == (try totals.left - decision.amount))
                #expect(!decision.remainingRefundable.isNegative)
                #expect(facts.reason == .settlement || facts.reason == .personalLeave)
            case .failure(let error):
                // Each ceiling refusal is about an amount truly past that ceiling.
                switch error {
                case let .beyondFamily(asked, _, _, left, _): #expect(asked > left && left == ceilings.familyLeft)
                case let .beyondCourse(asked, _, _, _, left, _): #expect(asked > left && left == ceilings.courseLeft)
                case .withdrawalAlone, .cancellationAlone: #expect(facts.reason == .withdrawal || facts.reason == .cancelled)
                case .amountNotPositive(let asked): #expect(asked <= .zero)
                case .lessonsNotPositive(let asked): #expect(asked <= 0)
                default: #expect(!error.error.message.en.isEmpty)
                }
            }
        }
    }
}

/// The ceilings of every refund, made in one place.
@Suite struct RefundCeilingsTests {
    typealias F = Fixtures

    @Test func bothCeilingsFromTheFamilyAndTheCourse() throws {
        // Paid 200.00, refunded 40.00: 160.00 left to the family. X1: 8 × 20.00 = 160.00, 40.00 refunded for it:
        // 120.00 left of the course; the smaller, 120.00, is the most a refund for X1 may give back.
        let totals = FamilyTotals(paid: F.yuan("200.00"), refunded: F.yuan("40.00"))
        let room = RefundDecisionTests.room(refunded: "40.00")
        let c = try RefundCalculator.ceilings(family: totals, course: room, student: RefundDecisionTests.student, rules: RefundDecisionTests.rules)
        #expect(c.familyLeft == F.yuan("160.00"))
        #expect(c.courseLeft == F.yuan("120.00"))
        #expect(c.most == F.yuan("120.00"))
        // The same from the fee priced already.
        #expect(try RefundCalculator.ceilings(family: totals, courseFee: F.yuan("160.00"), refundedForCourse: F.yuan("40.00")) == c)
        // No course: the family's 160.00 alone. Refunded past the fee (a rule changed since): never below zero.
        #expect(try RefundCalculator.ceilings(family: totals, course: nil, student: RefundDecisionTests.student, rules: RefundDecisionTests.rules).most == F.yuan("160.00"))
        #expect(try RefundCalculator.ceilings(family: totals, courseFee: F.yuan("100.00"), refundedForCourse: F.yuan("140.00")).most == .zero)
    }
}
