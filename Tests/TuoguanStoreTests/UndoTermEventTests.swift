import Testing
import TuoguanCore

@testable import TuoguanStore

/// `undo` takes back a withdrawal or a cancellation, never the term's closing or reopening: before, an undo of
/// a closing (after a reopening) was recorded, and `verify` then reported the events' chain broken ("undoes
/// CLOSE-1, which is not an earlier withdrawal or cancellation").
@Suite struct UndoTermEventTests {
    @Test func aClosingOrAReopeningIsNotUndone() throws {
        let ledger = try seededLedger()
        _ = try ledger.close(
            eventId: "CLOSE-1", date: ledger.rules.ends, note: "期末结账", carryAll: true, carryStudents: [], by: "clerk")
        _ = try ledger.reopen(eventId: "REOPEN-1", date: ledger.rules.ends, note: "补录一笔退费", by: "clerk")
        let closing = thrown { _ = try ledger.undo(entryId: "CLOSE-1", undoId: "U1", note: "误操作", by: "clerk") }
        #expect(closing?.code == .badInput)
        #expect(closing?.message.zh == "“CLOSE-1”是学期结账，不是退课或停课，不能撤销")
        #expect(closing?.fix?.en == "a closing is taken back with tuoguan reopen")
        let reopening = thrown { _ = try ledger.undo(entryId: "REOPEN-1", undoId: "U2", note: "误操作", by: "clerk") }
        #expect(reopening?.message.en == "\"REOPEN-1\" is a reopening, not a withdrawal or cancellation: undo cannot take it back")
        #expect(try ledger.verify().ok)
    }
}
