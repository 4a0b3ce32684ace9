import Testing
@testable import TuoguanCore

/// The families' statements computed when read are the kept ones, figure for figure, and their items are
/// found by position (``StudentGroups``), not by dictionaries of copies.
@Suite struct FamilyStatementsTests {
    typealias F = Fixtures

    /// Students given out of order (S3, S1, S2), enrolments, payments and refunds interleaved between them.
    static func facts() -> TermFacts {
        var facts = TermFacts(
            students: [F.student("S3"), F.student("S1", "张小明"), F.student("S2", category: "left_behind")],
            teachers: [Teacher(id: "T1", name: "王老师", kind: .staff)],
            courses: [F.course("ART", "美术", policy: "x"), F.course("B1", "作业辅导", policy: "basic")],
            usages: [
                F.usage("S2", "ART", term: 12, held: 11, cancelled: 1, present: 11),
                F.usage("S1", "B1", term: 80, held: 80, present: 80),
                F.usage("S1", "ART", term: 12, held: 11, cancelled: 1, present: 9, leave: 2),
            ],
            payments: [
                F.payment("R002", "S1", "100.00", on: "2024-09-03"), F.payment("R009", "S2", "10.00"),
                F.payment("R001", "S1", "140.00"),
            ])
        facts.refunds = [F.refund("F1", "S1", "20.00", course: "ART")]
        facts.openings = [OpeningFact(entryId: "O1", studentId: "S3", amount: F.yuan("-5.00"), date: F.date("2024-09-01"), note: "")]
        return facts
    }

    /// S1: ART 11 × 20.00 = 220.00 (B1 free), paid 100.00 + 140.00 = 240.00, refunded 20.00 →
    /// 220.00 − (240.00 − 20.00) = 0. S2 waived, paid 10.00 → −10.00. S3: no course, a credit of 5.00 carried in → −5.00.
    @Test func computedWhenReadAreTheKeptStatements() throws {
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        let facts = Self.facts()
        let kept = try TermComputation.compute(rules: rules, facts: facts)
        let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
        try TermInvariants.check(result, families: families)

        #expect(result.students.isEmpty)
        #expect(Array(families) == kept.students)
        #expect(result.fund == kept.fund && result.teachers == kept.teachers && result.findings == kept.findings)
        #expect(families.map(\.student.id) == ["S1", "S2", "S3"])
        #expect(families.map(\.balance) == [F.yuan("0.00"), F.yuan("-10.00"), F.yuan("-5.00")])
        // Payments by date, then receipt: R001 (09-02) before R002 (09-03).
        #expect(families[0].payments.map(\.receipt) == ["R001", "R002"])
        // Each family's enrolments in the facts' order, found by student id or by position.
        #expect(families.usages(of: 0).map(\.courseId) == ["B1", "ART"])
        #expect(families.usages(ofStudent: "S2").map(\.courseId) == ["ART"])
        #expect(families.usages(ofStudent: "S9").isEmpty)
        #expect(families.student(2).id == "S3")
    }

    /// A broken statement is caught by the invariants read through the families as through the kept array.
    @Test func invariantsReadTheFamilies() throws {
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        var result = try TermComputation.compute(rules: rules, facts: Self.facts())
        result.students[0].paid = F.yuan("1.00")
        #expect(throws: TuoguanError.self) { try TermInvariants.check(result) }
        let families = result.students
        result.students = []
        #expect(throws: TuoguanError.self) { try TermInvariants.check(result, families: families) }
    }

    /// Items of unknown students are left out; a student's items keep the facts' order; one start per student
    /// and one more.
    @Test func groupsByPosition() {
        let groups = StudentGroups(students: ["S1", "S2", "S4"], items: ["S2", "S0", "S1", "S2", "S3", "S4"])
        #expect(Array(groups.positions(of: 0)) == [2])
        #expect(Array(groups.positions(of: 1)) == [0, 3])
        #expect(Array(groups.positions(of: 2)) == [5])
        #expect(groups.starts == [0, 1, 3, 4])
        let none = StudentGroups(students: ["S1"], items: [String]())
        #expect(none.positions(of: 0).isEmpty)
    }

    /// Duplicate and unknown students are still reported, whatever the order of the facts.
    @Test func referencesAreStillChecked() throws {
        let rules = F.rules(policies: [F.freeBasic, F.interest])
        var facts = Self.facts()
        facts.students.append(F.student("S1", "重名"))
        #expect(throws: TuoguanError.self) { try TermComputation.compute(rules: rules, facts: facts) }
        facts = Self.facts()
        facts.payments.append(F.payment("R404", "S404", "1.00"))
        let error = #expect(throws: TuoguanError.self) { try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts) }
        #expect(error?.code == .unknownReference)
    }
}
