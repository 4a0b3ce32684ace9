import PropertyBased
import Testing
import TuoguanCore

/// A change of a student's category, decided without a ledger: random students, courses, usage and refunds;
/// a category is taken by id or by name, and refused when under it a course would cost less than was
/// refunded for it already.
@Suite struct CategoryChangeDecisionTests {
    typealias F = Fixtures

    static let rules = F.rules(policies: [F.interest, F.monthly, F.settled, F.freeBasic])
    static let policyIds = ["x", "monthly", "settled", "basic", "gone"]
    static let asked: [String?] = [nil, "left_behind", "留守儿童", "orphan"]

    /// policy index, term lessons, held, present, refunded (fen)
    static let course = zip(Gen.int(in: 0...4), Gen.int(in: 1...40), Gen.int(in: 0...40), Gen.int(in: 0...40), Gen.int64(in: 0...90_000))

    static func facts(category: Bool, asked: Int, _ specs: [(Int, Int, Int, Int, Int64)]) -> CategoryChangeFacts {
        CategoryChangeFacts(
            student: F.student("S1", category: category ? "left_behind" : nil), asked: Self.asked[asked],
            courses: specs.enumerated().map { n, spec in
                let (policy, term, heldRaw, presentRaw, refunded) = spec
                let held = min(heldRaw, term)
                return CategoryChangeFacts.EnrolledCourse(
                    course: F.course("C\(n)", "课程\(n)", policy: policyIds[policy]),
                    usage: F.usage("S1", "C\(n)", term: term, held: held, present: min(presentRaw, held)),
                    refunded: Money(fen: refunded), firstRefund: refunded > 0 ? "F\(n)" : nil)
            })
    }

    @Test func aCategoryIsRefusedExactlyWhenACourseWouldCostLessThanItsRefunds() async {
        await propertyCheck(count: 400, input: Gen.bool(), Gen.int(in: 0...3), Self.course.array(of: 0...4)) {
            category, asked, specs in
            let facts = Self.facts(category: category, asked: asked, specs)
            let wanted: String?? = asked == 0 ? .some(nil) : asked == 3 ? .none : .some("left_behind")
            let result = Result { () throws(CategoryChangeRefusal) in try CategoryChangeDecision.decide(facts, rules: Self.rules) }
            switch result {
            case .success(let decision):
                #expect(decision.to == wanted ?? "?")
                #expect(decision.from == facts.student.category)
                guard decision.changes else { return }
                var changed = facts.student
                changed.category = decision.to
                for enrolled in facts.courses {
                    guard let policy = Self.rules.policies[enrolled.course.policyId] else { continue }
                    let fee = try RefundCalculator.courseFee(
                        course: enrolled.course, policy: policy, usage: enrolled.usage, student: changed, rules: Self.rules)
                    #expect(enrolled.refunded <= fee)
                }
            case .failure(let error):
                switch error {
                case .unknownCategory(let name, let known):
                    #expect(asked == 3 && name == "orphan" && known == ["left_behind"])
                case .refundsAboveFee(_, let courseId, let fee, let refunded, _):
                    #expect(refunded > fee)
                    #expect(wanted != nil && wanted! != facts.student.category)
                    #expect(facts.courses.contains { $0.course.id == courseId })
                case .charge(let e):
                    Issue.record("no charge overflows here: \(e)")
                }
            }
        }
    }

    /// 001 篇二: X at 20.00 a lesson, 8 lessons prepaid for the term: 8 × 20.00 = 160.00. S1 had 60.00 of it
    /// refunded (F1). 留守儿童 waives X in full (001 篇五): the course would cost 0.00 < 60.00, refused.
    @Test func aWaiverBelowWhatWasRefundedIsRefused() {
        let facts = CategoryChangeFacts(
            student: F.student("S1"), asked: "留守儿童",
            courses: [
                .init(
                    course: F.course("X1", "美术", policy: "x"), usage: F.usage("S1", "X1", term: 8, held: 3, present: 3),
                    refunded: F.yuan("60.00"), firstRefund: "F1")
            ])
        do throws(CategoryChangeRefusal) {
            _ = try CategoryChangeDecision.decide(facts, rules: Self.rules)
            Issue.record("a waiver below the refunds is refused")
        } catch {
            #expect(error == .refundsAboveFee(studentId: "S1", courseId: "X1", fee: .zero, refunded: F.yuan("60.00"), refund: "F1"))
            #expect(error.error.code == .conflict)
            #expect(error.error.message.zh == "改为这个类别后，S1 的 X1 费用为 0.00 元，少于已退的 60.00 元（如退费 F1）")
            #expect(
                error.error.message.en == "under this category X1 costs S1 0.00, less than the 60.00 already refunded for it (e.g. refund F1)")
            #expect(
                error.error.fix?.zh == "先冲正该退费（tuoguan correct --entry F1 --id 新编号 --note 原因），改好后再重新登记退费")
            #expect(error.error.location?.key == "--category")
        }
    }

    /// The way back: S1 is 留守儿童 with 60.00 refunded for X1; with no category X1 costs 160.00 ≥ 60.00, allowed.
    /// 溪尾 (001 篇一): monthly 40.00 × 4 = 160.00 with 40.00 refunded: allowed too.
    @Test func aCategoryUnderWhichEveryCourseCostsAtLeastItsRefundsIsTaken() throws {
        let facts = CategoryChangeFacts(
            student: F.student("S1", category: "left_behind"), asked: nil,
            courses: [
                .init(
                    course: F.course("X1", "美术", policy: "x"), usage: F.usage("S1", "X1", term: 8, held: 3, present: 3),
                    refunded: F.yuan("60.00"), firstRefund: "F1"),
                .init(
                    course: F.course("M1", "基础托管", policy: "monthly"), usage: F.usage("S1", "M1", term: 64, held: 10, present: 10),
                    refunded: F.yuan("40.00"), firstRefund: "F2"),
            ])
        let decision = try CategoryChangeDecision.decide(facts, rules: Self.rules)
        #expect(decision == CategoryChangeDecision(studentId: "S1", from: "left_behind", to: nil))
        #expect(decision.changes)
        for (enrolled, policy) in zip(facts.courses, [F.interest, F.monthly]) {
            let fee = try RefundCalculator.courseFee(
                course: enrolled.course, policy: policy, usage: enrolled.usage, student: F.student("S1"), rules: Self.rules)
            #expect(fee == F.yuan("160.00"))
        }
    }

    /// A category's name is read as its id; the same category again changes nothing (and checks nothing).
    @Test func aNameIsReadAsItsId() throws {
        let same = CategoryChangeFacts(student: F.student("S1", category: "left_behind"), asked: "留守儿童", courses: [])
        let decision = try CategoryChangeDecision.decide(same, rules: Self.rules)
        #expect(decision.to == "left_behind")
        #expect(!decision.changes)
    }

    @Test func anUnknownCategoryIsRefused() {
        do throws(CategoryChangeRefusal) {
            _ = try CategoryChangeDecision.decide(
                CategoryChangeFacts(student: F.student("S1"), asked: "orphan", courses: []), rules: Self.rules)
            Issue.record("an unknown category is refused")
        } catch {
            #expect(error.error.code == .usage)
            #expect(error.error.message.zh == "类别“orphan”不在规则中")
            #expect(error.error.message.en == "category \"orphan\" is not in the rules")
            #expect(error.error.fix?.zh == "应为：left_behind，或 none 表示无类别")
            #expect(error.error.fix?.en == "use one of: left_behind, or none for no category")
            #expect(error.error.location?.key == "--category")
        }
    }

    /// A price too large to multiply (Int64 fen) is an overflow error, not a crash.
    @Test func aChargeThatOverflowsIsRefusedWithTheOverflow() {
        var huge = F.interest
        huge.id = "huge"
        huge.price = Money(fen: Int64.max / 2)
        let rules = F.rules(policies: [huge])
        do throws(CategoryChangeRefusal) {
            _ = try CategoryChangeDecision.decide(
                CategoryChangeFacts(
                    student: F.student("S1", category: "left_behind"), asked: nil,
                    courses: [.init(course: F.course("X1", "美术", policy: "huge"), usage: F.usage("S1", "X1", term: 8, held: 3, present: 3),
                                    refunded: F.yuan("1.00"), firstRefund: "F1")]),
                rules: rules)
            Issue.record("the overflow is refused")
        } catch {
            guard case .charge = error else { Issue.record("expected .charge, got \(error)"); return }
            #expect(error.error.code == .overflow)
        }
    }
}
