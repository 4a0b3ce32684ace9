import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// The edges of an enrolment through the ledger: a late joiner's monthly fee, and a withdrawal refund
/// recorded in the unit its rule counted in (what `explain` and the refund register show).
@Suite struct EnrolmentEdgeTests {
    /// Term 2024-09-02 … 12-31, Monday–Friday, no holidays; `h` 四点半托: 40.00 a month × 4, prepaid,
    /// withdrawal by half-month, cancellations refunded. Course H1 meets every service day.
    /// S001 enrols from 09-02 and pays 160.00; S002 enrols from 12-02 and pays 40.00.
    static func ledger() throws -> Ledger {
        let d = { (s: String) in CivilDate(parsing: s)! }
        let rules = PlanRules(
            school: "测试小学", term: "2024-autumn", starts: d("2024-09-02"), ends: d("2024-12-31"),
            categories: ["liushou": StudentCategory(id: "liushou", name: "留守儿童", waives: [])],
            policies: [
                "h": Policy(
                    id: "h", name: "四点半托", billing: .monthly, price: Money(fen: 4000), months: 4, prepay: .term,
                    refund: RefundRules(personalLeave: .none, cancelled: .full, withdrawal: .halfMonth))
            ],
            split: CostShare(pools: [Pool(id: "all", name: "全部", basisPoints: 10000)]))
        let dir = try temporaryDirectory()
        let ledger = try Ledger.create(at: dir + "/edges.ledger", rules: rules, rulesText: "# rules", rulesFile: "edges.toml", by: "t")
        _ = try ledger.importFile(.students, path: fixture("students.csv"), dryRun: false, by: "t")
        _ = try ledger.importFile(.teachers, path: fixture("teachers.csv"), dryRun: false, by: "t")
        _ = try ledger.importCSV(
            .courses, data: csv("course_id,name,policy,teacher_id,weekdays,start,end,capacity,room\nH1,托管,h,T1,\"1,2,3,4,5\",15:30,17:00,,\n"),
            fileName: "courses.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(
            .enrollments, data: csv("student_id,course_id,from,until\nS001,H1,2024-09-02,\nS002,H1,2024-12-02,\n"),
            fileName: "enrollments.csv", dryRun: false, by: "t")
        for (receipt, student, fen) in [("R1", "S001", Int64(16000)), ("R2", "S002", Int64(4000))] {
            _ = try ledger.recordPayment(
                PaymentFact(receipt: receipt, studentId: student, amount: Money(fen: fen), date: d("2024-09-02"), method: .cash),
                by: "t")
        }
        return ledger
    }

    /// S002 from 12-02: only December has service days inside the enrolment → 1 month × 40.00 = 40.00,
    /// what they prepaid: nothing owed either way. A lesson of theirs is worth the enrolment's fee over its
    /// 22 lessons (December's weekdays from the 2nd): 40.00 ÷ 22 = 1.818… → 1.82.
    @Test func lateJoinerPaysTheMonthsInsideTheEnrolment() throws {
        let ledger = try Self.ledger()
        let result = try TermComputation.compute(rules: ledger.rules, facts: try ledger.termFacts())
        let s2 = try #require(result.students.first { $0.student.id == "S002" })
        #expect(s2.charged == Money(fen: 4000))
        #expect(s2.lines[0].prepaidExpected == Money(fen: 4000))
        #expect(s2.balance == .zero)
        // The value of one lesson, as a refund by lessons prices it (a refund for a cancellation now comes
        // only with its cancelled session, so the pricing is asked of the core directly, on the ledger's usage).
        let facts = try ledger.termFacts()
        let usage = try #require(facts.usages.first { $0.studentId == "S002" && $0.courseId == "H1" })
        let policy = try #require(ledger.rules.policies["h"])
        #expect(try RefundCalculator.lessonValue(policy: policy, usage: usage, rules: ledger.rules) == Money(fen: 182))
    }

    /// S001 leaves on 10-10 by half-month: 9/2–15, 9/16–30 and 10/1–15 begun, 3 of 8 → 160.00 × 3 ÷ 8 = 60.00
    /// kept, 100.00 back for 5 half-months. The journal keeps the unit (the chain still verifies), the
    /// statement's trace and the refund register say "5 half-months", not lessons.
    @Test func withdrawalRefundSpeaksInHalfMonths() throws {
        let ledger = try Self.ledger()
        let report = try ledger.withdraw(studentId: "S001", courseId: "H1", on: date("2024-10-10"), refundId: "W1", by: "t")
        #expect(report.refund == Money(fen: 10000))
        #expect(try ledger.verify().ok)
        let facts = try ledger.termFacts()
        let result = try TermComputation.compute(rules: ledger.rules, facts: facts)
        let s1 = try #require(result.students.first { $0.student.id == "S001" })
        let trace = try TermComputation.explain(
            s1, usages: facts.usages, courses: CoursesById(facts.courses),
            rules: ledger.rules)
        #expect(trace.contains { $0.text.zh == "退费 W1 2024-10-10 退课（5 个半月） 100.00" })
        #expect(trace.contains { $0.text.en == "refund W1 2024-10-10 withdrawal (5 half-months) 100.00" })
        #expect(s1.balance == .zero)
        let record = try #require(try ledger.refundRegister().first { $0.refundId == "W1" })
        #expect(record.lessons == 5)
        #expect(record.unit == .halfMonths)
        // The same withdrawal again: nothing new.
        let again = try ledger.withdraw(studentId: "S001", courseId: "H1", on: date("2024-10-10"), refundId: "W1", by: "t")
        #expect(again.outcome == .alreadyRecorded)
    }
}
