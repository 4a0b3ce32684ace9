import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// One source of truth for usage: random schools (sessions held, cancelled or to come; attendance; withdrawals
/// and cancellations with their refunds; payments), and every path must count the same usage and give the
/// same figures: the whole term's facts, one student's facts (`explain`), the enrolment's usage behind refunds
/// and ceilings, and the refund ceilings from ``RefundCalculator``.
@Suite struct UsageConsistencyTests {
    struct SplitMix {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    /// A random school on the test term.
    func randomSchool(seed: UInt64) throws -> Ledger {
        var rng = SplitMix(state: seed)
        let ledger = try seededLedger()
        let rules = ledger.rules
        let courses = [("X1", [1, 3], ["S001", "S002"]), ("B1", [1, 2, 3, 4, 5], ["S001", "S002", "S003"])]
        var sessions = "course_id,date,start,end,teacher_id,status,reason\n"
        var attendance = "date,course_id,student_id,status\n"
        var held: [(course: String, date: CivilDate, students: [String])] = []
        for (course, weekdays, students) in courses {
            for day in rules.serviceDays where weekdays.contains(day.weekday) {
                switch rng.next(4) {
                case 0: continue  // still to come
                case 1: sessions += "\(course),\(day),,,,cancelled,雨\n"
                default:
                    sessions += "\(course),\(day),,,,held,\n"
                    held.append((course, day, students))
                    for s in students where rng.next(3) > 0 {
                        attendance += "\(day),\(course),\(s),\(["present", "leave", "absent"][rng.next(3)])\n"
                    }
                }
            }
        }
        _ = try ledger.importCSV(.sessions, data: csv(sessions), fileName: "sessions.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(.attendance, data: csv(attendance), fileName: "attendance.csv", dryRun: false, by: "t")
        // A cancellation of a day still to come, and withdrawals after each student's last lesson held.
        if let day = rules.serviceDays.first(where: { d in d.weekday == 3 && !held.contains { $0.date == d } }), rng.next(2) == 0 {
            _ = try? ledger.cancel(date: day, courseIds: nil, reason: "台风", note: "", refundIdPrefix: "TF", by: "t")
        }
        for (course, _, students) in courses {
            for s in students where rng.next(2) == 0 {
                let last = held.filter { $0.course == course }.map(\.date).max() ?? rules.starts
                let date = last.adding(days: 1 + rng.next(10))
                _ = try? ledger.withdraw(studentId: s, courseId: course, on: date, refundId: "W-\(s)-\(course)", by: "t")
            }
        }
        return ledger
    }

    @Test(arguments: 1...24) func everyPathCountsTheSameUsageAndFigures(seed: UInt64) throws {
        let ledger = try randomSchool(seed: seed)
        let facts = try ledger.termFacts()
        let term = try TermComputation.compute(rules: ledger.rules, facts: facts)
        for student in facts.students {
            let single = try #require(try ledger.termFacts(forStudent: student.id))
            #expect(single.usages == facts.usages.filter { $0.studentId == student.id }, "seed \(seed) \(student.id)")
            let one = try #require(try TermComputation.compute(rules: ledger.rules, facts: single).students.first)
            let all = try #require(term.students.first { $0.student.id == student.id })
            #expect([one.charged, one.paid, one.refunded, one.balance] == [all.charged, all.paid, all.refunded, all.balance])
            for (usage, line) in zip(facts.usages.filter { $0.studentId == student.id }, all.lines) {
                let course = try #require(facts.courses.first { $0.id == usage.courseId })
                let policy = try #require(ledger.rules.policies[course.policyId])
                let (behindRefunds, schedule) = try ledger.reading { reader in
                    try reader.usage(
                        studentId: student.id, course: course, window: EnrolmentWindow(from: usage.enrolledFrom, until: usage.withdrawnOn))
                }
                #expect(behindRefunds == usage, "seed \(seed) \(student.id) \(course.id)")
                #expect(schedule.count == usage.termLessons)
                let fee = try RefundCalculator.courseFee(course: course, policy: policy, usage: usage, student: student, rules: ledger.rules)
                #expect(fee == (policy.prepay == .term ? line.prepaidExpected : line.charged))
                // No refund for a course passes its fee, none for a family passes its payments.
                let refunded = try Money.sum(all.refunds.filter { $0.courseId == course.id }.map(\.amount))
                #expect(refunded <= fee, "seed \(seed) \(student.id) \(course.id)")
            }
            #expect(all.refunded <= all.paid)
        }
        #expect(try ledger.verify().ok)
        // The tallies the whole term's facts read equal a full recount, after the withdrawals and cancellations.
        #expect(throws: Never.self) { try ledger.checkTallies() }
    }
}
