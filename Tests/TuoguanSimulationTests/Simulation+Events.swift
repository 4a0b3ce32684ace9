import Foundation
import TuoguanCore
import TuoguanStore

extension Simulation {
    /// A cancellation of a day whose prefix (`C<day>`) is recorded already: the same again is a no-op; once
    /// undone, the prefix is spent (a conflict). Nil when the prefix is new; "" when the store agrees.
    func cancelAgain(_ day: CivilDate, _ ledger: Ledger, _ model: ReferenceModel, _ tally: Tally?) throws -> String? {
        let prefix = "C\(day)"
        guard model.events[prefix] != nil else { return nil }
        let undone = model.undoneBy[prefix] != nil
        tally?.add(undone ? "cancellation under an undone prefix" : "cancellation again", undone ? .error(.conflict) : .alreadyRecorded)
        do {
            let report = try ledger.cancel(date: day, courseIds: nil, reason: "台风", note: "sim", refundIdPrefix: prefix, by: "sim")
            if undone { return "the store cancelled again under the undone prefix \(prefix)" }
            let nothingNew = report.sessionsCancelled == 0 && report.refunds.allSatisfy { $0.outcome == .alreadyRecorded }
            return nothingNew ? "" : "a repeated cancellation recorded \(report)"
        } catch let error as TuoguanError {
            return undone && error.code == .conflict ? "" : "the store refused a repeated cancellation: \(error.code)"
        }
    }

    /// `undo` on both sides: the event's refunds reversed (`<id>-<refund>`), the withdrawal or the cancelled
    /// sessions taken back; the same undo again a no-op; twice, or of anything else, an error.
    func applyUndo(_ id: String, _ target: String, _ ledger: Ledger, _ model: inout ReferenceModel, _ tally: Tally?) throws
        -> String?
    {
        let want: Expected
        var reversals: [String: Int64] = [:]
        var what = "something else"
        if let existing = model.events[id] {
            want = existing.kind == .undo && existing.undoes == target ? .alreadyRecorded : .error(.conflict)
            what = "an undo id used before"
        } else if let event = model.events[target] {
            what = event.kind == .withdrawal ? "a withdrawal" : event.kind == .cancellation ? "a cancellation" : "an undo"
            if event.kind == .undo {
                want = .error(.badInput)
            } else if model.undoneBy[target] != nil {
                want = .error(.conflict)
            } else {
                want = .recorded
                for refund in event.refunds where model.reversedBy[refund] == nil {
                    guard let original = model.entries[refund] else { continue }
                    let reversal = "\(id)-\(refund)"
                    model.entries[reversal] = ReferenceModel.Entry(
                        kind: .reversal, student: original.student, amount: original.amount, detail: refund)
                    model.reversedBy[refund] = reversal
                    reversals[reversal] = original.amount
                }
                if let pair = event.pair { model.withdrawn[pair] = nil }
                for session in event.sessions { model.cancelled.remove(session) }
                model.events[id] = ReferenceModel.Event(kind: .undo, refunds: reversals.keys.sorted(), day: event.day, undoes: target)
                model.undoneBy[target] = id
            }
        } else if model.eventOfRefund(target) != nil || model.entries[target] != nil {
            want = .error(.badInput)
        } else {
            want = .error(.unknownReference)
        }
        tally?.add("undo of \(what)", want)
        var got: [String: Int64] = [:]
        let answer = try outcome {
            let report = try ledger.undo(entryId: target, undoId: id, note: "sim", by: "sim")
            got = Dictionary(uniqueKeysWithValues: report.reversals.map { ($0.reversalId, $0.amount.fen) })
            return report.outcome
        }
        if let problem = check(answer, want) { return problem }
        if want == .recorded, got != reversals {
            return "undo reversed \(got.sorted { $0.key < $1.key }), the model \(reversals.sorted { $0.key < $1.key })"
        }
        return nil
    }
}
