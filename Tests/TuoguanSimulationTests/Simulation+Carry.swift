import Foundation
import TuoguanCore
import TuoguanStore

extension Simulation {
    /// After a seed's operations: the term is closed with every balance carried and a next term opened from it.
    /// A carried balance is never lost nor doubled: the closing states exactly the model's balance of every
    /// family with one and each pool's balance (share − spent); the next term opens each family at that balance
    /// (its statement: charged 0 + opening − 0) and each pool with a positive balance at it; the closed ledger
    /// refuses a payment and a second closing, the new one a second carry; both verify.
    func checkCarry(_ ledger: Ledger, _ model: ReferenceModel, dir: String) throws -> String? {
        var problems: [String] = []
        func same(_ what: String, _ got: Int64, _ want: Int64) {
            if got != want { problems.append("carry: \(what): store \(got), model \(want)") }
        }
        let (closing, record) = try ledger.close(
            eventId: "CLOSE", date: school.rules.ends, note: "sim", carryAll: true, carryStudents: [], by: "sim")
        let carried = Dictionary(uniqueKeysWithValues: closing.families.map { ($0.studentId, $0.balance.fen) })
        for s in model.students { same("carried balance of \(s)", carried[s] ?? 0, model.balance(s)) }
        same("families carried", Int64(carried.count), Int64(model.students.filter { model.balance($0) != 0 }.count))
        let pools = model.poolAmounts
        for p in record.pools { same("closing balance of \(p.poolId)", p.balance.fen, (pools[p.poolId] ?? 0) - model.spent(p.poolId)) }
        if let refused = refusal({ _ = try ledger.close(eventId: "CLOSE2", date: school.rules.ends, note: "x", carryAll: true, carryStudents: [], by: "sim") }),
            refused != .ledgerClosed
        {
            problems.append("carry: a second closing answered \(refused), not ledger-closed")
        }
        var next = school.rules
        next.term = school.rules.term + "-next"
        next.starts = school.rules.ends.adding(days: 30)
        next.ends = next.starts.adding(days: 120)
        next.noServiceDays = []
        next.makeUpDays = []
        let facts = try ledger.termFacts()
        let plan = try NextTerm.plan(
            students: facts.students, teachers: facts.teachers, families: record.families, pools: record.pools, promote: false,
            rules: next)
        let book = try Ledger.create(at: dir + "/next.sqlite", rules: next, rulesText: "", rulesFile: "next.toml", by: "sim")
        let source = CarrySource(file: "sim.sqlite", school: next.school, term: school.rules.term, closingId: record.eventId, head: record.head)
        try book.carryIn(plan, from: source, by: "sim")
        if refusal({ try book.carryIn(plan, from: source, by: "sim") }) == nil { problems.append("carry: a second carry was recorded") }
        let result = try TermComputation.compute(rules: next, facts: try book.termFacts())
        for s in model.students {
            guard let st = result.students.first(where: { $0.student.id == s }) else { return "carry: \(s) is not in the next term" }
            same("opening of \(s)", st.opening.fen, model.balance(s))
            same("next term's balance of \(s)", st.balance.fen, model.balance(s))
        }
        same("next term's income", result.fund.income.fen, 0)
        for share in result.fund.pools {
            let left = (pools[share.pool.id] ?? 0) - model.spent(share.pool.id)
            same("carried into \(share.pool.id)", share.carried.fen, max(0, left))
        }
        for (name, book) in [("closed", ledger), ("next", book)] where !(try book.verify().ok) {
            problems.append("carry: the \(name) ledger does not verify: \(try book.verify().firstBreak ?? "")")
        }
        return problems.isEmpty ? nil : problems.prefix(5).joined(separator: "; ")
    }

    /// The code of the error `body` threw, or nil when it did not throw.
    func refusal(_ body: () throws -> Void) -> TuoguanError.Code? {
        do {
            try body()
            return nil
        } catch let error as TuoguanError {
            return error.code
        } catch {
            return .internal
        }
    }
}
