import Foundation
import TuoguanCore
import TuoguanStore

extension Simulation {
    /// An expense, through the store and the model: an unknown pool is refused; an id of the money journal is
    /// a conflict; the same id again is a no-op with the same contents, a conflict with others; an expense
    /// from a pool past the pool's room is refused with what is left; a recorded one reports that room less
    /// its amount.
    func applySpend(
        id: String, line: String, amount: Int64, _ ledger: Ledger, _ model: inout ReferenceModel, _ tally: Tally?
    ) throws -> String? {
        let isPool = model.pools.contains { $0.id == line }
        let entry = ReferenceModel.Spend(reversal: false, line: line, amount: amount, detail: "")
        let want: Expected
        var wantLeft: Int64?
        if !isPool && line != "subsidies" && line != "outside" {
            want = .error(.unknownReference)
        } else if model.entries[id] != nil {
            want = .error(.conflict)
        } else if let old = model.spendEntries[id] {
            want = old == entry ? .alreadyRecorded : .error(.conflict)
            if isPool { wantLeft = model.poolRoom(line) }
        } else if isPool && amount > model.poolRoom(line) {
            want = .error(.spendingCeiling)
        } else {
            want = .recorded
            model.spendEntries[id] = entry
            if isPool { wantLeft = model.poolRoom(line) }
        }
        tally?.add(isPool ? "expense from a pool" : line == "nowhere" ? "expense from an unknown pool" : "expense from a budget line", want)
        var gotLeft: Int64?
        let got = try outcome {
            let out = try ledger.recordExpense(
                ExpenseFact(
                    expenseId: id, line: SpendingLine(parsing: line), amount: Money(fen: amount), date: school.today,
                    payee: "收款方", note: "sim"), by: "sim")
            gotLeft = out.poolLeft?.fen
            return out.outcome
        }
        if let problem = check(got, want) { return problem }
        if case .error = want { return nil }
        return gotLeft == wantLeft ? nil : "the pool has \(gotLeft.map(String.init) ?? "nil") fen left, the model \(wantLeft.map(String.init) ?? "nil")"
    }

    /// A correction of an expense: of a correction, refused; of an expense reversed by another id, a conflict;
    /// with an id of the money journal, a conflict; the same correction again, a no-op.
    func applyExpenseCorrection(
        id: String, target: String, _ ledger: Ledger, _ model: inout ReferenceModel, _ tally: Tally?
    ) throws -> String? {
        let original = model.spendEntries[target]!
        let entry = ReferenceModel.Spend(reversal: true, line: original.line, amount: original.amount, detail: target)
        let want: Expected
        if original.reversal {
            want = .error(.badInput)
        } else if let by = model.reversedBy[target], by != id {
            want = .error(.conflict)
        } else if model.entries[id] != nil {
            want = .error(.conflict)
        } else if let old = model.spendEntries[id] {
            want = old == entry ? .alreadyRecorded : .error(.conflict)
        } else {
            want = .recorded
            model.spendEntries[id] = entry
            model.reversedBy[target] = id
        }
        tally?.add(original.reversal ? "correction of an expense's correction" : "correction of an expense", want)
        return check(try outcome { try ledger.reverse(entryId: target, correctionId: id, note: "sim", by: "sim") }, want)
    }
}
