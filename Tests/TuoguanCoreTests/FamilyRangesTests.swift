import PropertyBased
import Testing
@testable import TuoguanCore

/// The term computed a range of families at a time (``TermComputation/compute(rules:term:families:eachStatement:)``)
/// is the whole-term computation, figure for figure, whatever the ranges' size: one student a range, a few, or
/// more than the school has.
@Suite struct FamilyRangesTests {
    typealias F = Fixtures

    static let policies = [F.interest, F.settled, F.monthly, F.freeBasic]

    /// One student: how many courses (0–3, from the policy index on), held, present, paid (fen), refunded (fen),
    /// carried in (fen, signed), waived?
    static let student = zip(
        Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.int(in: 0...40), Gen.int(in: 0...40),
        Gen.int64(in: 0...30_000), Gen.int64(in: 0...10_000), Gen.int64(in: -5_000...5_000), Gen.bool(0.2))

    /// A random school: students in a random order (ids with gaps), each with 0–3 enrolments, payments (two
    /// for some), a refund, an opening; two teachers with duties.
    static func facts(_ specs: [(Int, Int, Int, Int, Int64, Int64, Int64, Bool)], shuffledBy seed: Int) -> TermFacts {
        var facts = TermFacts()
        for (p, policy) in policies.enumerated() { facts.courses.append(F.course("C\(p)", policy.name, policy: policy.id)) }
        facts.teachers = [Teacher(id: "T1", name: "王老师", kind: .staff), Teacher(id: "T2", name: "李老师", kind: .retired)]
        facts.duties = [
            DutyTally(teacherId: "T1", duty: "supervision", count: 12, minutes: 1_440),
            DutyTally(teacherId: "T2", duty: "patrol", count: 5, minutes: 150),
        ]
        for (n, spec) in specs.enumerated() {
            let (first, courses, heldRaw, presentRaw, paid, refunded, opening, waived) = spec
            let id = "S\(1_000 + 7 * n)"
            facts.students.append(F.student(id, category: waived ? "left_behind" : nil))
            for c in 0..<courses {
                let held = heldRaw
                let present = min(presentRaw, held)
                facts.usages.append(
                    F.usage(id, "C\((first + c) % 4)", term: 40, held: held, present: present, absent: held - present,
                            minutes: Int64(present * 40)))
            }
            if paid > 0 {
                facts.payments.append(F.payment("R\(n)", id, Money(fen: paid).formatted(), on: "2024-09-0\(1 + n % 9)"))
                if n % 3 == 0 { facts.payments.append(F.payment("R\(n)b", id, "12.34", on: "2024-09-01")) }
            }
            if refunded > 0 {
                facts.refunds.append(
                    RefundFact(refundId: "F\(n)", studentId: id, courseId: "C\(first)", amount: Money(fen: refunded),
                               date: F.date("2024-12-31"), reason: .settlement))
            }
            if opening != 0 {
                facts.openings.append(
                    OpeningFact(entryId: "O\(n)", studentId: id, amount: Money(fen: opening), date: F.date("2024-09-01")))
            }
        }
        // The facts in another order than the ids' (the computation sorts; the ranges split by id).
        var generator = SplitMix(seed: UInt64(seed))
        facts.students.shuffle(using: &generator)
        facts.usages.shuffle(using: &generator)
        facts.payments.shuffle(using: &generator)
        return facts
    }

    /// The ranged computation of `facts` in ranges of `size`, checked as the command checks it, against compute's.
    static func expectSameAsWhole(_ facts: TermFacts, size: Int, rules: PlanRules) throws {
        let whole = try TermComputation.compute(rules: rules, facts: facts)
        var checks = TermInvariants.FamilyChecks()
        var handed: [StudentStatement] = []
        let (result, families) = try TermComputation.compute(
            rules: rules, term: facts.withoutFamilies, families: facts.familyRanges(size: size)
        ) {
            try checks.add($0)
            handed.append($0)
        }
        try TermInvariants.check(result, checked: checks)
        var expected = whole
        expected.students = []
        #expect(result == expected)
        #expect(handed == whole.students)
        #expect(Array(families) == whole.students)
        // Read backwards (a range read again for every family when ranges hold one), and by id.
        #expect(families.indices.reversed().map { families[$0] } == whole.students.reversed())
        for (k, statement) in whole.students.enumerated() {
            let id = statement.student.id
            let own = facts.usages.filter { $0.studentId == id }
            #expect(families.student(k) == statement.student)
            #expect(families.usages(of: k) == own)
            #expect(families.usages(ofStudent: id) == own)
        }
        #expect(families.usages(ofStudent: "S0").isEmpty && families.usages(ofStudent: "S9").isEmpty)
    }

    @Test(arguments: [SplitBasis.earned, .cash])
    func rangedIsWhole(basis: SplitBasis) async {
        let rules = F.rules(
            policies: Self.policies, split: F.standardSplit(basis: basis),
            limits: Limits(budgetPerStudentYear: F.yuan("1,000.00"), outsideShareMaxPercent: 50, studentsPerTeacher: 30))
        // Range sizes from 1 to 20, for schools of 0 to 15 students: larger than the school, too.
        await propertyCheck(count: 150, input: Self.student.array(of: 0...15), Gen.int(in: 1...20), Gen.int(in: 0...1_000)) {
            specs, size, seed in
            try Self.expectSameAsWhole(Self.facts(specs, shuffledBy: seed), size: size, rules: rules)
        }
    }

    /// Range size 1 and a size above the school's, on a school of 12: 12 ranges, and 1.
    @Test(arguments: [1, 12, 13, 1_000])
    func edgeSizes(size: Int) throws {
        var specs: [(Int, Int, Int, Int, Int64, Int64, Int64, Bool)] = []
        for n in 0..<12 {
            let opening = Int64(n % 3 - 1) * 250
            specs.append((n % 4, n % 4, 10 + n, 8 + n % 3, Int64(n * 1_000), Int64(n % 2 * 500), opening, n == 5))
        }
        let facts = Self.facts(specs, shuffledBy: 7)
        #expect(facts.familyRanges(size: size).rangeCount == (size == 1 ? 12 : 1))
        try Self.expectSameAsWhole(facts, size: size, rules: F.rules(policies: Self.policies))
    }

    /// The hand-computed families of ``FamilyStatementsTests`` in ranges of one: S1 0.00, S2 −10.00, S3 −5.00
    /// (S1: ART 11 × 20.00 = 220.00 − (240.00 − 20.00); S2 waived, paid 10.00; S3 a credit of 5.00 carried in).
    @Test func handComputedInRangesOfOne() throws {
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        let facts = FamilyStatementsTests.facts()
        let (result, families) = try TermComputation.compute(
            rules: rules, term: facts.withoutFamilies, families: facts.familyRanges(size: 1))
        #expect(families.map(\.balance) == [F.yuan("0.00"), F.yuan("-10.00"), F.yuan("-5.00")])
        // Earned: S1 220.00 (S2's 220.00 waived, S3 none); income 100.00 + 140.00 + 10.00 = 250.00.
        #expect(result.fund.earned == F.yuan("220.00"))
        #expect(result.fund.income == F.yuan("250.00"))
        #expect(families.usages(ofStudent: "S1").map(\.courseId) == ["B1", "ART"])
    }

    /// A range's records are those of the student ids it covers, known or not: a payment of an id below the
    /// first student's is in the first range, one above the last's in the last, and the computation names it.
    @Test func unknownStudentsAreFoundInTheirRange() throws {
        var facts = FamilyStatementsTests.facts()
        facts.payments.append(F.payment("R0", "S0", "1.00"))
        facts.payments.append(F.payment("R9", "S9", "1.00"))
        let source = facts.familyRanges(size: 1)
        // Range 0 covers the ids below S2: S0's payment and S1's two.
        #expect(try source.families(inRange: 0).payments.map(\.receipt).sorted() == ["R0", "R001", "R002"])
        #expect(try source.families(inRange: 2).payments.map(\.receipt).sorted() == ["R9"])
        #expect(try source.families(inRange: 1).students.map(\.id) == ["S2"])
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        #expect {
            _ = try TermComputation.compute(rules: rules, term: facts.withoutFamilies, families: source)
        } throws: { error in
            guard let error = error as? TuoguanError else { return false }
            return error.code == .unknownReference && error.message.en.contains("\"S0\"")
        }
    }

    /// A broken statement is caught by the checks gathered as the families are computed.
    @Test func checksGatheredOneByOneCatchABrokenStatement() throws {
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        var result = try TermComputation.compute(rules: rules, facts: FamilyStatementsTests.facts())
        var checks = TermInvariants.FamilyChecks()
        for var statement in result.students {
            if statement.student.id == "S2" { statement.paid = F.yuan("1.00") }
            try checks.add(statement)
        }
        result.students = []
        #expect(throws: TuoguanError.self) { try TermInvariants.check(result, checked: checks) }
    }
}

/// A small seeded generator (the facts' order in a property test is part of its input).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
