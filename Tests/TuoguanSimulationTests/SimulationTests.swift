import Foundation
import Testing
import TuoguanCore
import TuoguanStore

/// Deterministic simulation (issue 7): for each seed, a random school and plan (per-lesson, monthly or
/// per-term billing; leave charged or credited; waivers; the split by earned fees or by cash; one to three
/// teachers) and a random sequence of the clerk's operations (``SimOp``): payments (some repeated with the
/// same receipt, some conflicting), refunds (some over the ceiling, some refused by the policy),
/// force-majeure days (some refused: already taken, or nothing left to cancel), withdrawals (some refused:
/// dated on or before the last attendance), corrections of a student's category (some refused), undo of withdrawals and cancellations (some twice, of something
/// else, or under a used id), refunds with an event's reason on their own (refused), corrections (of payments
/// and refunds, of unknown ids, twice, of corrections, of expenses, of an event's refund: refused), attendance
/// records (some refused, some again), roster duties and expenses (from pools, some refused over the pool's
/// share of what was collected; from the budget lines; some repeated, some conflicting, some from an unknown
/// pool). ``Simulation`` applies each through the real store
/// and to ``ReferenceModel`` and compares statements, pools and teacher pay to the fen after every step.
///
/// A failure prints the seed and the shortest sequence of operations that still fails.
///
/// - `TUOGUAN_SIM_SEEDS=N`: seeds 1…N (200 by default);
/// - `TUOGUAN_SIM_SECONDS=S`: seeds 1, 2, 3 … until S seconds have passed (and at least `TUOGUAN_SIM_SEEDS`
///   when that is set too);
/// - `TUOGUAN_SIM_SEED=N`: that one seed;
/// - `TUOGUAN_SIM_FIRST=N`: start at seed N instead of 1 (a long run split over processes, one range each).
@Suite struct SimulationTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test func seededSequencesAgreeWithTheReferenceModel() throws {
        let seconds = Double(Self.environment["TUOGUAN_SIM_SECONDS"] ?? "")
        let seedsSet = Int(Self.environment["TUOGUAN_SIM_SEEDS"] ?? "")
        let minimum = seedsSet ?? (seconds == nil ? 200 : 1)
        let only = UInt64(Self.environment["TUOGUAN_SIM_SEED"] ?? "")
        let start = Date()
        var seeds = 0
        var operations = 0
        var seed = only ?? UInt64(Self.environment["TUOGUAN_SIM_FIRST"] ?? "") ?? 1
        let tally = Simulation.Tally()
        while true {
            let simulation = Simulation(seed: seed)
            seeds += 1
            operations += simulation.operations.count
            tally.counts["plan: \(simulation.school.model.planSummary)", default: 0] += 1
            tally.counts["plan: late joiners (enrolments)", default: 0] += simulation.school.model.lateJoiners
            if simulation.school.timetable {
                tally.counts["plan: sessions from the timetable (seeds)", default: 0] += 1
                tally.counts["plan: substitutes by edit session", default: 0] += simulation.school.substitutes.count
            }
            if simulation.school.model.lessonMinutes != 40 { tally.counts["plan: 45-minute sessions (seeds)", default: 0] += 1 }
            if let failure = simulation.run(simulation.operations, tally: tally) {
                Issue.record(Comment(rawValue: simulation.report(failure).text))
                break
            }
            if only != nil { break }
            let elapsed = Date().timeIntervalSince(start)
            if seeds >= minimum && (seconds == nil || elapsed >= seconds!) { break }
            seed += 1
        }
        let elapsed = Date().timeIntervalSince(start)
        print("simulation: \(seeds) seeds simulated, \(operations) operations, \(String(format: "%.1f", elapsed)) s")
        print("operations by answer:\n\(tally.summary)")
        #expect(operations >= seeds * 10)
    }

    /// The shrinker finds the shortest failing sequence: with a deliberately wrong rule in the model (a
    /// reversed refund still counts), the first seed that fails must shrink to exactly a payment, a refund
    /// of some kind (by itself, or a withdrawal's or cancellation's), and its reversal (a correction, or the
    /// undo of the event); that sequence still fails, and every sequence with one operation fewer passes.
    @Test func aFailureShrinksToTheShortestSequence() throws {
        var found: (Simulation, Simulation.Failure)?
        for seed in UInt64(1)...300 {
            let simulation = Simulation(seed: seed)
            if let failure = simulation.run(simulation.operations, fault: .reversedRefundStillCounts) {
                found = (simulation, failure)
                break
            }
        }
        let (simulation, failure) = try #require(found, "no seed exercises a reversed refund")
        #expect(simulation.run(simulation.operations) == nil, "seed \(simulation.school.seed) fails without the fault")
        let (text, shortest) = simulation.report(failure, fault: .reversedRefundStillCounts)
        #expect(text.contains("seed \(simulation.school.seed) "))
        #expect(shortest.count == 3, "\(text)")
        #expect(shortest.count < simulation.operations.count)
        #expect(simulation.run(shortest, fault: .reversedRefundStillCounts) != nil)
        for i in shortest.indices {
            var fewer = shortest
            fewer.remove(at: i)
            #expect(simulation.run(fewer, fault: .reversedRefundStillCounts) == nil, "\(fewer) still fails")
        }
        // The payment: typed in, or a transfer of an export confirmed.
        if case .pay = shortest.first {} else if case .transfers = shortest.first {} else { Issue.record("the shortest sequence starts with \(shortest.first.map(String.init(describing:)) ?? "nothing")") }
        switch shortest.last {
        case .correct?, .undo?: break  // a correction or an undo: both reverse the refund
        default: Issue.record("the shortest sequence ends with \(shortest.last.map(String.init(describing:)) ?? "nothing")")
        }
        print(text)
    }
}
