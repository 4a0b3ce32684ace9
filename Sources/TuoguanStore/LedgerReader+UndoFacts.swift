import GRDB
import TuoguanCore

extension LedgerReader {
    /// The undo recorded already under `undoId` for `entryId`, as its report (nil: the id is new). The id
    /// used by anything else is a conflict.
    ///
    /// ```swift
    /// if let again = try reader.repeatedUndo(undoId: "U1", entryId: "W1") { return again }   // .alreadyRecorded
    /// ```
    func repeatedUndo(undoId: String, entryId: String) throws -> UndoReport? {
        guard let existing = try event(undoId) else { return nil }
        guard existing.kind == .undo, existing.undoes == entryId, let target = try event(entryId) else {
            throw TuoguanError(
                .conflict, zh: "编号 \(undoId) 已登记为：\(existing.summary)",
                en: "id \(undoId) is already recorded as: \(existing.summary)",
                fix: LocalizedText(zh: "换一个撤销编号", en: "use another undo id"), excerpt: undoId)
        }
        var reversals: [(reversalId: String, refundId: String, amount: Money)] = []
        for part in existing.parts where part.kind == .reversal {
            guard let row = try Row.fetchOne(db, sql: "SELECT reverses, amount FROM journal WHERE entry_id = ?", arguments: [part.ref])
            else { continue }
            reversals.append((part.ref, row["reverses"], Money(fen: row["amount"])))
        }
        return UndoReport(kind: target.kind.rawValue, eventId: target.eventId, reversals: reversals, outcome: .alreadyRecorded)
    }

    /// What an undo of `entryId` needs: what the id names and, for an event, its refunds (each with its amount
    /// and whether it was reversed since) and how its enrolment or sessions stand now.
    ///
    /// ```swift
    /// let facts = try reader.undoFacts(undoId: "U1", entryId: "W1")   // .event(W1: withdrawal, refund W1 60.00)
    /// ```
    func undoFacts(undoId: String, entryId: String) throws -> UndoFacts {
        guard let event = try event(entryId) else {
            if let owner = try eventOfRefund(entryId) {
                return UndoFacts(undoId: undoId, entryId: entryId, target: .refundOfEvent(owner: owner))
            }
            if let kind = try String.fetchOne(db, sql: "SELECT kind FROM journal WHERE entry_id = ?", arguments: [entryId]) {
                return UndoFacts(undoId: undoId, entryId: entryId, target: .moneyEntry(kind: kind))
            }
            return UndoFacts(undoId: undoId, entryId: entryId, target: .unknown)
        }
        return UndoFacts(undoId: undoId, entryId: entryId, target: .event(try undoableEvent(event)))
    }

    /// The event as the undo decision reads it.
    func undoableEvent(_ event: LedgerEvent) throws -> UndoableEvent {
        var out = UndoableEvent(
            eventId: event.eventId, kind: UndoableEvent.Kind(event.kind), studentId: event.studentId, courseId: event.courseId,
            date: event.date, undoneBy: try undoOf(event.eventId))
        for part in event.parts where part.kind == .refund {
            out.refunds.append(
                UndoableEvent.Refund(
                    refundId: part.ref,
                    amount: try journalEntry(part.ref)?.amount,
                    reversedBy: try String.fetchOne(db, sql: "SELECT entry_id FROM journal WHERE reverses = ?", arguments: [part.ref])))
        }
        switch event.kind {
        case .withdrawal:
            if let studentId = event.studentId, let courseId = event.courseId {
                out.enrolmentUntil = try String.fetchOne(
                    db, sql: "SELECT until_date FROM enrollments WHERE student_id = ? AND course_id = ?",
                    arguments: [studentId, courseId]
                ).flatMap(CivilDate.init(parsing:))
            }
        case .cancellation:
            out.sessions = try event.parts.filter { $0.kind == .session }.map { try cancelledSession($0) }
        case .undo, .closing, .reopening: break
        }
        return out
    }

    /// A session part of a cancellation, with its row if the session is still cancelled.
    func cancelledSession(_ part: LedgerEvent.Part) throws -> UndoableEvent.Session {
        let row = try part.date.flatMap { date in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM sessions WHERE course_id = ? AND date = ? AND status = 'cancelled'",
                arguments: [part.ref, date.description])
        }
        let prior: UndoableEvent.Session.Prior =
            part.prior == "held" ? .held : part.prior == SessionState.scheduled ? .scheduled : .none
        return UndoableEvent.Session(courseId: part.ref, date: part.date, prior: prior, cancelledRow: row)
    }
}

extension UndoableEvent.Kind {
    init(_ kind: LedgerEvent.Kind) {
        switch kind {
        case .withdrawal: self = .withdrawal
        case .cancellation: self = .cancellation
        case .undo: self = .undo
        case .closing: self = .closing
        case .reopening: self = .reopening
        }
    }
}
