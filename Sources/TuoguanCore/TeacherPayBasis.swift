/// What every teacher's pay is computed from: the rules, the term's index (its teachers, duty and teaching
/// tallies, courses), each teacher's points and parts of the pools shared among teachers. A computed
/// ``TeacherPay`` keeps its figures and this basis (shared by all the teachers, not copied); its duties and
/// steps are made from it when read, by the same calculation as its figures (``TermComputation/pay(_:basis:log:)``),
/// so a district's thousands of teachers keep no list each.
///
/// ```swift
/// let pay = result.teachers[0]        // computed: figures kept
/// pay.duties.map(\.duty)              // ["patrol", "supervision"], listed now from the term's facts
/// pay.steps.first                     // .duty(key: "patrol", count: 2, each: 40, points: 80), made now
/// ```
final class TeacherPayBasis: Sendable {
    let rules: PlanRules
    let index: TermComputation.Index
    /// Each teacher's workload points, in ``TermComputation/Index/teacherOrder``.
    let points: [Int64]
    let shares: TermComputation.PoolShares
    /// Competition ranking of the points (1, 1, 3).
    let rankOfPoints: [Int64: Int]

    init(rules: PlanRules, index: TermComputation.Index, points: [Int64], shares: TermComputation.PoolShares) {
        // Invariant: a figure per teacher.
        precondition(points.count == index.teacherOrder.count && shares.workload.count == points.count
            && shares.award.count == points.count && shares.shared.allSatisfy { $0.parts.count == points.count })
        self.rules = rules
        self.index = index
        self.points = points
        self.shares = shares
        self.rankOfPoints = TermComputation.ranks(points)
    }

    /// The `k`-th teacher's duty tallies, by duty.
    func duties(of k: Int) -> [DutyTally] { index.duties(ofTeacher: k) }

    /// How the `k`-th teacher's pay was reached, step by step: computed again, the steps kept this time.
    func steps(of k: Int) -> [TeacherStep] {
        var log = StepLog<TeacherStep>(recording: true)
        do {
            _ = try TermComputation.pay(k, basis: self, log: &log)
        } catch {
            // The computation computed this pay from the same basis before, without an error.
            preconditionFailure("the pay of \(index.teacher(k).id) failed the second time: \(error)")
        }
        return log.steps
    }
}
