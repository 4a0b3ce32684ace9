import Testing

@testable import TuoguanCore

/// The bill at the start (`due`), lessons by their own minutes, and committed spending: the core's rules,
/// hand-computed.
@Suite struct BillAtTheStartTests {
    typealias F = Fixtures

    /// X at 20.00 a lesson, prepaid: 16 lessons in the window, 3 held, 1 cancelled → 12 still to come.
    /// charged 3 × 20.00 = 60.00; due (3 + 12) × 20.00 = 300.00; paid 300.00 → balance 0.
    @Test func aPrepaidCourseIsDueWholeFromTheStart() throws {
        let rules = F.rules(policies: [F.interest])
        var usage = F.usage("S1", "X1", term: 16, held: 3, cancelled: 1, present: 3)
        usage.windowLessons = 16
        #expect(usage.scheduledLessons == 12)
        let facts = TermFacts(
            students: [F.student("S1")], courses: [F.course("X1", "美术", policy: "x")], usages: [usage],
            payments: [F.payment("R1", "S1", "300.00")])
        let st = try TermComputation.compute(rules: rules, facts: facts).students[0]
        #expect(st.charged == F.yuan("60.00"))
        #expect(st.due == F.yuan("300.00"))
        #expect(st.balance == .zero)
        #expect(st.lines[0].due == F.yuan("300.00"))
        // Without the window known (nil), nothing is projected: due = charged, balance 60.00 − 300.00.
        usage.windowLessons = nil
        let old = try TermComputation.compute(rules: rules, facts: TermFacts(
            students: facts.students, courses: facts.courses, usages: [usage], payments: facts.payments)).students[0]
        #expect(old.due == F.yuan("60.00"))
        #expect(old.balance == F.yuan("-240.00"))
    }

    /// A course not prepaid is due as it is held: 3.00 a lesson, settled by use, not prepaid: 2 held and
    /// present → 6.00, the lessons to come are not owed yet.
    @Test func aCourseNotPrepaidIsDueAsHeld() throws {
        var policy = F.settled
        policy.prepay = .none
        let rules = F.rules(policies: [policy])
        var usage = F.usage("S1", "L1", term: 10, held: 2, present: 2)
        usage.windowLessons = 10
        let facts = TermFacts(students: [F.student("S1")], courses: [F.course("L1", "午托", policy: "settled")], usages: [usage])
        let st = try TermComputation.compute(rules: rules, facts: facts).students[0]
        #expect(st.charged == F.yuan("6.00"))
        #expect(st.due == F.yuan("6.00"))
    }

    /// 3.00 per student-hour, settled by use counting absences, `lesson_minutes` 40, sessions of 45 minutes:
    /// held 4 (180 minutes), present 1 (45), absent 1 (45), leave 1 (45), 1 unrecorded (180 − 135 = 45).
    /// Used 45 + 45 + 45 = 135 minutes → 135 × 3.00 ÷ 60 = 6.75 (not 45 + 40 + 40 = 125 → 6.25).
    @Test func everyLessonByItsOwnMinutes() throws {
        let hourly = Policy(
            id: "h", name: "托管", billing: .perStudentHour, price: F.yuan("3.00"), settle: .actualUse, use: .presentOrAbsent)
        let rules = F.rules(policies: [hourly])
        var usage = F.usage("S1", "H1", term: 4, held: 4, present: 1, leave: 1, absent: 1, minutes: 45)
        usage.windowLessons = 4
        usage.minutes = LessonMinutes(held: 180, leave: 45, absent: 45, term: 180, window: 180)
        let line = try ChargeCalculator.charge(
            course: F.course("H1", "托管", policy: "h"), policy: hourly, usage: usage, student: F.student("S1"), rules: rules)
        #expect(line.quantity == 135)
        #expect(line.charged == F.yuan("6.75"))
        // Not settled: every held lesson by its minutes, 180 × 3.00 ÷ 60 = 9.00 (leave not refunded).
        var scheduled = hourly
        scheduled.settle = .none
        scheduled.use = .present
        let all = try ChargeCalculator.charge(
            course: F.course("H1", "托管", policy: "h"), policy: scheduled, usage: usage, student: F.student("S1"), rules: rules)
        #expect(all.charged == F.yuan("9.00"))
    }

    /// Outside pay due 9,000.00 for held lessons, 2,000.00 of it paid; 1,000.00 spent from the pools:
    /// committed 1,000.00 + 2,000.00 + (9,000.00 − 2,000.00) = 10,000.00, of which outside 9,000.00.
    @Test func committedSpendingCountsWhatIsDueAndUnpaid() throws {
        let spending = TermSpending(
            fromPools: F.yuan("1000.00"), subsidies: .zero, outside: F.yuan("2000.00"), total: F.yuan("3000.00"),
            subsidiesDue: .zero, outsideDue: F.yuan("9000.00"))
        let c = try spending.committed()
        #expect(c.total == F.yuan("10000.00"))
        #expect(c.outside == F.yuan("9000.00"))
        #expect(c.unpaidOutside == F.yuan("7000.00"))
        // Paid more than computed due: the paid figure counts, nothing unpaid.
        let over = TermSpending(outside: F.yuan("500.00"), total: F.yuan("500.00"), outsideDue: F.yuan("400.00"))
        #expect(try over.committed().total == F.yuan("500.00"))
        #expect(try over.committed().unpaidOutside == .zero)
    }
}
