import GRDB
import TuoguanCore

/// A term's closing as the ledger holds it: the `closing` event, its chain head and what it carried.
///
/// ```swift
/// if let closing = try ledger.closing() { print(closing.head, closing.families.count) }
/// ```
public struct ClosingRecord: Sendable, Equatable {
    public var eventId: String
    public var date: CivilDate
    public var note: String
    public var recordedBy: String
    public var recordedAt: String
    /// The closing event's hash: the head of the events' chain when the term was closed. The next term's
    /// opening entries name it.
    public var head: String
    /// Every family's carried balance (signed: + arrears, − credit), in student order.
    public var families: [(studentId: String, balance: Money)]
    /// Every pool's unspent balance and whether it was carried forward (else returned).
    public var pools: [(poolId: String, balance: Money, carried: Bool)]

    public static func == (a: ClosingRecord, b: ClosingRecord) -> Bool {
        a.eventId == b.eventId && a.head == b.head && a.note == b.note && a.date == b.date
            && a.families.elementsEqual(b.families) { $0.studentId == $1.studentId && $0.balance == $1.balance }
            && a.pools.elementsEqual(b.pools) { $0.poolId == $1.poolId && $0.balance == $1.balance && $0.carried == $1.carried }
    }
}

extension Ledger {
    /// The closing in force: the last `closing` event when no `reopening` came after it, else nil.
    public func closing() throws -> ClosingRecord? {
        try reading { reader in try reader.closing() }
    }

    /// Refuses any write while the ledger is closed, naming `reopen`.
    func requireOpen(_ db: Database) throws {
        guard let kind = try String.fetchOne(
            db.cachedStatement(sql: "SELECT kind FROM events WHERE kind IN ('closing', 'reopening') ORDER BY seq DESC LIMIT 1")),
            kind == LedgerEvent.Kind.closing.rawValue
        else { return }
        let event = try String.fetchOne(
            db, sql: "SELECT event_id || ' ' || date FROM events WHERE kind = 'closing' ORDER BY seq DESC LIMIT 1") ?? ""
        throw TuoguanError(
            .ledgerClosed, zh: "本学期账本已结账（\(event)），不再记入任何款项或改动",
            en: "this term's ledger is closed (\(event)): nothing more is recorded in it",
            fix: LocalizedText(
                zh: "如确需更正：tuoguan reopen --note \"原因\" 重新打开（记入历史），改完后再 tuoguan close",
                en: "if it must be corrected: tuoguan reopen --note \"why\" opens it again (kept in the history); close it again afterwards"),
            at: SourceLocation(file: path))
    }

    /// Closes the term: in one write transaction the term is computed from the ledger as it stands, the closing
    /// decided (``TermClosing/decide(result:rules:carryAll:carryStudents:)``: a family's balance that may not
    /// be carried refuses the close) and a `closing` event recorded whose parts state every carried family
    /// balance and every pool's unspent balance. Returns the closing and its record.
    ///
    /// ```swift
    /// let (closing, record) = try ledger.close(eventId: "CLOSE-2024-autumn", date: rules.ends, note: "期末结账",
    ///                                          carryAll: true, carryStudents: [], by: "王会计")
    /// ```
    public func close(
        eventId: String, date: CivilDate, note: String, carryAll: Bool, carryStudents: Set<String>, by: String
    ) throws -> (closing: TermClosing, record: ClosingRecord) {
        try record { writer in
            try requireId(eventId, what: ("结账编号", "closing id"))
            try writer.reader.requireNewEvent(eventId, fix: LocalizedText(zh: "换一个结账编号（--id）", en: "use another closing id (--id)"))
            let result = try TermComputation.compute(rules: rules, facts: try writer.reader.termFacts())
            try TermInvariants.check(result)
            let closing = try TermClosing.decide(result: result, rules: rules, carryAll: carryAll, carryStudents: carryStudents)
            return (closing, try writer.write(closing, eventId: eventId, date: date, note: note, by: by))
        }
    }

    /// Opens a closed term again: a `reopening` event (kept in the chain with its note and who did it).
    ///
    /// ```swift
    /// try ledger.reopen(eventId: "REOPEN-1", date: today, note: "补录一笔退费", by: "王会计")
    /// ```
    public func reopen(eventId: String, date: CivilDate, note: String, by: String) throws -> ClosingRecord {
        try record(whenClosed: true) { writer in
            try requireId(eventId, what: ("重开编号", "reopening id"))
            guard let closed = try writer.reader.closing() else {
                throw TuoguanError(
                    .badInput, zh: "账本没有结账，无需重新打开", en: "the ledger is not closed: there is nothing to reopen",
                    fix: LocalizedText(zh: "直接记账即可", en: "record as usual"))
            }
            try writer.reader.requireNewEvent(eventId, fix: LocalizedText(zh: "换一个编号（--id）", en: "use another id (--id)"))
            try writer.appendEvent(LedgerEvent(eventId: eventId, kind: .reopening, date: date, note: note, undoes: nil), by: by)
            return closed
        }
    }

    /// The id a closing gets when none is given: `CLOSE-<term>`, then `CLOSE-<term>-2` … after reopenings.
    public func nextClosingId() throws -> String {
        let count = try reading { reader in try reader.closingCount() }
        return count == 0 ? "CLOSE-\(rules.term)" : "CLOSE-\(rules.term)-\(count + 1)"
    }

    /// The events' chain: a reopening only after a closing, a closing only while open. The break, or nil.
    static func closingOrderBreak(_ event: LedgerEvent, closed: inout Bool) -> String? {
        switch event.kind {
        case .closing:
            if closed { return "a closing while the ledger was already closed" }
            closed = true
        case .reopening:
            if !closed { return "a reopening of a ledger that was not closed" }
            closed = false
        default:
            if closed { return "recorded while the ledger was closed" }
        }
        return nil
    }
}
