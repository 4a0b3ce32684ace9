import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Writes a withdrawal ``WithdrawalDecision`` decided: the enrolment's end and its recount, the refund
    /// under `refundId` when there is one (counted in its rule's unit), the withdrawal event, and the
    /// enrolment's history.
    ///
    /// ```swift
    /// let report = try writer.write(decision, refundId: "W-S001-X1", by: "clerk")
    /// ```
    func write(_ decision: WithdrawalDecision, refundId: String, by: String) throws -> WithdrawalReport {
        try db.execute(
            sql: "UPDATE enrollments SET until_date = ?, recorded_by = ?, recorded_at = ? WHERE student_id = ? AND course_id = ?",
            arguments: [decision.date.description, by, Ledger.timestamp(), decision.studentId, decision.courseId])
        try recountUsage(student: decision.studentId, course: decision.courseId)
        var parts: [LedgerEvent.Part] = []
        if decision.refund > .zero {
            _ = try append(
                JournalEntry(
                    entryId: refundId, kind: .refund, studentId: decision.studentId, courseId: decision.courseId,
                    amount: decision.refund, lessons: decision.counted, date: decision.date, reason: .withdrawal,
                    note: "退课 withdrawal", unit: decision.unit),
                by: by)
            parts.append(LedgerEvent.Part(kind: .refund, ref: refundId))
        }
        try appendEvent(
            LedgerEvent(
                eventId: refundId, kind: .withdrawal, studentId: decision.studentId, courseId: decision.courseId,
                date: decision.date, parts: parts),
            by: by)
        try appendHistory(
            .enrollment, subjectId: decision.studentId, courseId: decision.courseId, field: "until_date", old: nil,
            new: decision.date.description, note: decision.refund > .zero ? "退课，退费 \(refundId)" : "退课", by: by)
        return WithdrawalReport(
            studentId: decision.studentId, courseId: decision.courseId, date: decision.date, refund: decision.refund,
            outcome: .recorded)
    }
}
