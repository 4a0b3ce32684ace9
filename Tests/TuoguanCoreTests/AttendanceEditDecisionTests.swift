import PropertyBased
import Testing
import TuoguanCore

/// A correction of attendance, decided without a ledger: random enrolments with their usage under the new
/// marks, their refunds and their refunds for personal leave; the marks stay exactly when no course's refunds
/// pass its fee and no leave taken away was refunded as such, and the first enrolment (in order) that breaks
/// either is the one refused.
@Suite struct AttendanceEditDecisionTests {
    typealias F = Fixtures

    /// 001 篇九's 午托 at 3.00 a lesson, charged by use and not prepaid: what money depends on changes with
    /// the marks.
    static let byUse = Policy(
        id: "use", name: "午托", billing: .perLesson, price: F.yuan("3.00"), settle: .actualUse, use: .present,
        duty: "supervision")
    static let rules = F.rules(policies: [F.interest, F.monthly, byUse, F.freeBasic])
    static let policyIds = ["x", "monthly", "use", "basic", "gone"]

    /// policy, held, present, leave, refunded (fen), leave refunded (lessons; 0 none), leave taken away
    static let enrolment = zip(
        Gen.int(in: 0...4), Gen.int(in: 0...20), Gen.int(in: 0...20), Gen.int(in: 0...20), Gen.int64(in: 0...9_000),
        Gen.int(in: 0...6), Gen.bool())

    static func facts(_ specs: [(Int, Int, Int, Int, Int64, Int, Bool)]) -> AttendanceEditFacts {
        AttendanceEditFacts(
            enrolments: specs.enumerated().map { n, spec in
                let (policy, held, presentRaw, leaveRaw, refunded, leaveRefunded, takenAway) = spec
                let present = min(presentRaw, held)
                let leave = min(leaveRaw, held - present)
                return AttendanceEditFacts.Enrolment(
                    student: F.student("S\(n)"), course: F.course("C\(n)", "课程\(n)", policy: policyIds[policy]),
                    usage: F.usage("S\(n)", "C\(n)", term: 20, held: held, present: present, leave: leave),
                    refunded: Money(fen: refunded), firstRefund: refunded > 0 ? "F\(n)" : nil,
                    leaveTakenAway: takenAway
                        ? .init(lessonsRefunded: leaveRefunded, firstRefund: leaveRefunded > 0 ? "L\(n)" : nil, leaveAfter: leave)
                        : nil)
            })
    }

    /// The fee as the refunds' ceiling computes it for any refund (``RefundCalculator/courseFee(_:student:rules:)``).
    static func fee(_ e: AttendanceEditFacts.Enrolment) throws -> Money {
        try RefundCalculator.courseFee(
            CourseRefundFacts(course: e.course, usage: e.usage, refunded: .zero), student: e.student, rules: rules)
    }

    @Test func theMarksStayExactlyWhenNoRefundDependsOnWhatChanged() async {
        await propertyCheck(count: 400, input: Self.enrolment.array(of: 0...5)) { specs in
            let facts = Self.facts(specs)
            // The first enrolment, in order, whose refunds pass its fee or whose leave refunds pass its leave.
            var firstBroken: (index: Int, byFee: Bool)?
            for (i, e) in facts.enrolments.enumerated() where firstBroken == nil {
                let fee = try Self.fee(e)
                if e.refunded > fee {
                    firstBroken = (i, true)
                } else if let l = e.leaveTakenAway, l.lessonsRefunded > l.leaveAfter {
                    firstBroken = (i, false)
                }
            }
            let result = Result { () throws(AttendanceEditRefusal) in try AttendanceEditDecision.decide(facts, rules: Self.rules) }
            switch result {
            case .success(let decision):
                #expect(firstBroken == nil)
                #expect(decision.checked.map(\.courseId) == facts.enrolments.map(\.course.id))
                for (e, checked) in zip(facts.enrolments, decision.checked) {
                    let expected = try Self.fee(e)
                    #expect(checked.fee == expected)
                    #expect(e.refunded <= checked.fee)
                }
            case .failure(.refundsAboveFee(let studentId, let courseId, let fee, let refunded, let refund)):
                let i = try #require(firstBroken.map(\.index))
                #expect(firstBroken?.byFee == true)
                #expect(courseId == "C\(i)" && studentId == "S\(i)" && refund == "F\(i)")
                let expected = try Self.fee(facts.enrolments[i])
                #expect(refunded > fee && fee == expected)
            case .failure(.leaveRefunded(let studentId, let courseId, let lessons, let leave, let refund)):
                let i = try #require(firstBroken.map(\.index))
                #expect(firstBroken?.byFee == false)
                #expect(courseId == "C\(i)" && studentId == "S\(i)" && refund == "L\(i)")
                #expect(lessons > leave && leave == facts.enrolments[i].usage.leave)
            case .failure(.charge(let e)):
                Issue.record("no charge overflows here: \(e)")
            }
        }
    }

    /// 午托 at 3.00 a lesson, charged by use: 6 lessons held, S1 present at 4 and on leave at 2 after the
    /// change, so 4 × 3.00 = 12.00; 15.00 was refunded for it (F1): 15.00 > 12.00, refused.
    @Test func refundsPastTheFeeUnderTheNewMarksAreRefused() {
        let facts = AttendanceEditFacts(enrolments: [
            .init(
                student: F.student("S1"), course: F.course("W1", "午托", policy: "use"),
                usage: F.usage("S1", "W1", term: 20, held: 6, present: 4, leave: 2), refunded: F.yuan("15.00"),
                firstRefund: "F1")
        ])
        do throws(AttendanceEditRefusal) {
            _ = try AttendanceEditDecision.decide(facts, rules: Self.rules)
            Issue.record("refunds past the fee are refused")
        } catch {
            #expect(
                error == .refundsAboveFee(studentId: "S1", courseId: "W1", fee: F.yuan("12.00"), refunded: F.yuan("15.00"), refund: "F1"))
            #expect(error.error.code == .conflict)
            #expect(error.error.message.zh == "改后 S1 的 W1 费用为 12.00 元，少于已就该课程退的 15.00 元（如退费 F1）")
            #expect(
                error.error.message.en
                    == "after the change W1 costs S1 12.00, less than the 15.00 already refunded for it (e.g. refund F1)")
            #expect(
                error.error.fix?.zh == "先冲正该退费（tuoguan correct --entry F1 --id 新编号 --note 原因），更正考勤后再按新的费用重新退费")
            #expect(
                error.error.fix?.en
                    == "reverse the refund first (tuoguan correct --entry F1 --id NEW-ID --note WHY), correct the mark, then refund again by the new fee")
            #expect(error.error.excerpt == "F1")
        }
    }

    /// 拓展课程 X1 (20.00 a lesson, prepaid): its fee is the term's 20 × 20.00 = 400.00 whatever the marks, so
    /// 60.00 refunded stays within it; but 3 lessons were refunded for personal leave (L1) and after the change
    /// only 2 are on leave: 3 > 2, refused.
    @Test func aLeaveTakenAwayThatWasRefundedIsRefused() {
        let facts = AttendanceEditFacts(enrolments: [
            .init(
                student: F.student("S1"), course: F.course("X1", "美术", policy: "x"),
                usage: F.usage("S1", "X1", term: 20, held: 8, present: 6, leave: 2), refunded: F.yuan("60.00"),
                firstRefund: "L1", leaveTakenAway: .init(lessonsRefunded: 3, firstRefund: "L1", leaveAfter: 2))
        ])
        do throws(AttendanceEditRefusal) {
            _ = try AttendanceEditDecision.decide(facts, rules: Self.rules)
            Issue.record("a refunded leave taken away is refused")
        } catch {
            #expect(error == .leaveRefunded(studentId: "S1", courseId: "X1", lessons: 3, leave: 2, refund: "L1"))
            #expect(error.error.code == .conflict)
            #expect(error.error.message.zh == "S1 在 X1 已按个人请假退费 3 节（如退费 L1），改后只有 2 节请假")
            #expect(
                error.error.message.en
                    == "S1 was refunded 3 lessons of X1 for personal leave (e.g. refund L1); after the change only 2 are on leave")
            #expect(
                error.error.fix?.zh == "先冲正该退费（tuoguan correct --entry L1 --id 新编号 --note 原因），更正考勤后按新的请假节数重新退费")
            #expect(
                error.error.fix?.en
                    == "reverse the refund first (tuoguan correct --entry L1 --id NEW-ID --note WHY), correct the mark, then refund the leave that remains")
            #expect(error.error.excerpt == "L1")
        }
    }

    /// The same two enrolments allowed: 午托 with 12.00 refunded (4 × 3.00 = 12.00, not more), X1 keeping 3
    /// lessons on leave for the 3 refunded; each checked with its fee, in order.
    @Test func marksThatMoneyStillAgreesWithStay() throws {
        let facts = AttendanceEditFacts(enrolments: [
            .init(
                student: F.student("S1"), course: F.course("W1", "午托", policy: "use"),
                usage: F.usage("S1", "W1", term: 20, held: 6, present: 4, leave: 2), refunded: F.yuan("12.00"),
                firstRefund: "F1"),
            .init(
                student: F.student("S1"), course: F.course("X1", "美术", policy: "x"),
                usage: F.usage("S1", "X1", term: 20, held: 8, present: 5, leave: 3), refunded: F.yuan("60.00"),
                firstRefund: "L1", leaveTakenAway: .init(lessonsRefunded: 3, firstRefund: "L1", leaveAfter: 3)),
        ])
        let decision = try AttendanceEditDecision.decide(facts, rules: Self.rules)
        #expect(
            decision.checked == [
                .init(studentId: "S1", courseId: "W1", fee: F.yuan("12.00")),
                .init(studentId: "S1", courseId: "X1", fee: F.yuan("400.00")),
            ])
    }

    /// A price too large to multiply (Int64 fen) is the overflow error, not a crash.
    @Test func aChargeThatOverflowsIsRefusedWithTheOverflow() {
        var huge = Self.byUse
        huge.id = "huge"
        huge.price = Money(fen: Int64.max / 2)
        let facts = AttendanceEditFacts(enrolments: [
            .init(
                student: F.student("S1"), course: F.course("W1", "午托", policy: "huge"),
                usage: F.usage("S1", "W1", term: 20, held: 6, present: 4), refunded: F.yuan("1.00"), firstRefund: "F1")
        ])
        do throws(AttendanceEditRefusal) {
            _ = try AttendanceEditDecision.decide(facts, rules: F.rules(policies: [huge]))
            Issue.record("the overflow is refused")
        } catch {
            guard case .charge(let e) = error else {
                Issue.record("expected the overflow, got \(error)")
                return
            }
            #expect(e.code == error.error.code)
            #expect(e.message == error.error.message)
        }
    }
}
