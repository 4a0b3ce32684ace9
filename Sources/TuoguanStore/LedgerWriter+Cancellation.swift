import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Marks the session of `course` on `date` cancelled (creating it if it was still to come) and recounts the
    /// enrolments it touches. Returns what it was before ("none": still to come, no row; "scheduled": made by
    /// the timetable; "held": held without attendance), or nil if it was cancelled already. A session with
    /// attendance is refused (``CancellationRefusal/heldWithAttendance(courseId:date:marks:)``).
    func cancelSession(of course: Course, on date: CivilDate, reason: String, by: String) throws -> String? {
        guard let session = try reader.sessionOnDay(courseId: course.id, date: date) else {
            try db.execute(
                sql: """
                    INSERT INTO sessions (course_id, date, start, "end", teacher_id, status, reason, recorded_by, recorded_at)
                    VALUES (?, ?, ?, ?, ?, 'cancelled', ?, ?, ?)
                    """,
                arguments: [
                    course.id, date.description, course.start, course.end, course.teacherId, reason, by, Ledger.timestamp(),
                ])
            return "none"
        }
        guard session.status == "held" || session.status == SessionState.scheduled else { return nil }
        try decided { () throws(CancellationRefusal) in
            try CancellationDecision.requireNoAttendance(course: course, date: date, marks: session.marks)
        }
        try db.execute(
            sql: "UPDATE sessions SET status = 'cancelled', reason = ?, recorded_by = ?, recorded_at = ? WHERE id = ?",
            arguments: [reason, by, Ledger.timestamp(), session.id])
        try recountUsage(session: session.id)
        return session.status
    }

    /// Writes the refunds ``CancellationDecision`` decided for one cancelled session, one lesson each, under
    /// `<prefix>-<student>-<course>`; returns them as the report lists them.
    func write(_ decision: CancellationDecision, facts: CancellationFacts, prefix: String, note: String, by: String) throws
        -> [CancellationRefund]
    {
        let names = Dictionary(facts.enrolments.map { ($0.student.id, $0.student.name) }, uniquingKeysWith: { a, _ in a })
        var out: [CancellationRefund] = []
        for refund in decision.refunds {
            let refundId = "\(prefix)-\(refund.studentId)-\(decision.courseId)"
            let outcome = try append(
                JournalEntry(
                    entryId: refundId, kind: .refund, studentId: refund.studentId, courseId: decision.courseId,
                    amount: refund.amount, lessons: 1, date: decision.date, reason: .cancelled, note: note), by: by)
            out.append(
                CancellationRefund(
                    studentId: refund.studentId, studentName: names[refund.studentId] ?? refund.studentId,
                    courseId: decision.courseId, courseName: facts.course.name, lessons: 1, amount: refund.amount,
                    refundId: refundId, outcome: outcome))
        }
        return out
    }
}
