import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Writes an undo as decided: each reversal mirroring its refund, the enrolment or sessions restored (with
    /// history and recounts), then the `undo` event naming the reversals.
    ///
    /// ```swift
    /// let report = try writer.write(decision, note: "书面申请撤回", by: "clerk")   // .recorded, U1-W1 60.00
    /// ```
    func write(_ decision: UndoDecision, note: String, by: String) throws -> UndoReport {
        var parts: [LedgerEvent.Part] = []
        for reversal in decision.reversals {
            try appendReversal(reversal, note: note, by: by)
            parts.append(LedgerEvent.Part(kind: .reversal, ref: reversal.reversalId))
        }
        if let enrolment = decision.enrolment {
            try restore(enrolment, eventId: decision.event.eventId, by: by)
        }
        for session in decision.sessions { try restore(session, by: by) }
        let event = decision.event
        try appendEvent(
            LedgerEvent(
                eventId: decision.undoId, kind: .undo, studentId: event.studentId, courseId: event.courseId, date: event.date,
                note: note, undoes: event.eventId, parts: parts), by: by)
        return UndoReport(
            kind: event.kind.rawValue, eventId: event.eventId,
            reversals: decision.reversals.map { ($0.reversalId, $0.refundId, $0.amount) }, outcome: .recorded)
    }

    /// The reversal of one refund: the refund's entry mirrored under the reversal's id.
    func appendReversal(_ reversal: UndoDecision.Reversal, note: String, by: String) throws {
        guard let original = try reader.journalEntry(reversal.refundId) else {
            throw TuoguanError(
                .ledgerTampered, zh: "退费 \(reversal.refundId) 无法读取", en: "refund \(reversal.refundId) is unreadable")
        }
        precondition(original.amount == reversal.amount, "a reversal equals the refund it reverses")
        _ = try append(
            JournalEntry(
                entryId: reversal.reversalId, kind: .reversal, studentId: original.studentId, courseId: original.courseId,
                amount: original.amount, lessons: original.lessons, date: original.date, method: original.method,
                reason: original.reason, note: note, reverses: reversal.refundId, unit: original.unit), by: by)
    }

    /// The enrolment of a withdrawal runs to the term's end again.
    func restore(_ enrolment: UndoDecision.EnrolmentRestoration, eventId: String, by: String) throws {
        try db.execute(
            sql: "UPDATE enrollments SET until_date = NULL, recorded_by = ?, recorded_at = ? WHERE student_id = ? AND course_id = ?",
            arguments: [by, Ledger.timestamp(), enrolment.studentId, enrolment.courseId])
        try recountUsage(student: enrolment.studentId, course: enrolment.courseId)
        _ = try appendHistory(
            .enrollment, subjectId: enrolment.studentId, courseId: enrolment.courseId, field: "until_date",
            old: enrolment.withdrawnOn.description, new: nil, note: "撤销退课 undo \(eventId)", by: by)
    }

    /// A cancelled session as it was: held or scheduled again, or removed (a session still to come when it was
    /// cancelled has no attendance, so no tally).
    func restore(_ session: UndoDecision.SessionRestoration, by: String) throws {
        switch session.action {
        case .hold, .schedule:
            try db.execute(
                sql: "UPDATE sessions SET status = ?, reason = '', recorded_by = ?, recorded_at = ? WHERE id = ?",
                arguments: [session.action == .hold ? "held" : SessionState.scheduled, by, Ledger.timestamp(), session.row])
            try recountUsage(session: session.row)
        case .remove:
            try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [session.row])
        }
    }
}
