import GRDB
import TuoguanCore

extension Ledger {
    /// Cancels sessions on `date` for force majeure (or a school event) and, in the same transaction, records
    /// the refund each prepaid family is owed under its course's policy (``CancellationDecision``):
    /// charge(before) − charge(after) of the full-term projection, capped at what the family paid less refunded
    /// and at what is left of the course's fee after the refunds already made for it. Recorded as the
    /// cancellation event `refundIdPrefix`, which `undo` takes back whole. Running it again is a no-op; a day
    /// with no session to cancel (no course meets, or every session is cancelled already) is refused.
    ///
    /// For each course: the writer marks the session cancelled, the reader reads the day's enrolments
    /// (``LedgerReader/cancellationFacts(course:date:usages:)``), the core decides, the writer writes.
    ///
    /// ```swift
    /// let report = try ledger.cancel(date: CivilDate(parsing: "2024-10-09")!, courseIds: nil,
    ///                                reason: "typhoon", note: "台风停课", refundIdPrefix: "TF1009", by: "clerk")
    /// ```
    public func cancel(
        date: CivilDate, courseIds: [String]?, reason: String, note: String, refundIdPrefix: String, by: String
    ) throws -> CancellationReport {
        try record { writer in
            try decided { () throws(CancellationRefusal) in try CancellationDecision.requireInTerm(date, rules: rules) }
            try requireId(refundIdPrefix, what: ("退费编号前缀", "refund id prefix"))
            let reader = writer.reader
            let candidates = try reader.coursesOnDay(date, courseIds: courseIds)
            let courses = try decided { () throws(CancellationRefusal) in
                try CancellationDecision.courses(candidates, named: courseIds != nil, date: date)
            }
            if let existing = try reader.event(refundIdPrefix) {
                return try reader.repeatedCancellation(existing, date: date, courses: courses)
            }
            var report = CancellationReport(sessionsCancelled: 0, refunds: [])
            var parts: [LedgerEvent.Part] = []
            for course in courses {
                // Only a session this call cancels gives refunds: running the same cancellation again records nothing new.
                guard let prior = try writer.cancelSession(of: course, on: date, reason: reason, by: by) else {
                    // Already cancelled: a cancellation recorded before events were kept reports its refunds.
                    report.refunds += try reader.recordedCancellationRefunds(course: course, date: date, prefix: refundIdPrefix)
                    continue
                }
                report.sessionsCancelled += 1
                parts.append(LedgerEvent.Part(kind: .session, ref: course.id, date: date, prior: prior))
                let facts = try writer.reader.cancellationFacts(course: course, date: date, usages: self)
                let decision = try decided { () throws(CancellationRefusal) in try CancellationDecision.decide(facts, rules: rules) }
                for refund in try writer.write(decision, facts: facts, prefix: refundIdPrefix, note: note, by: by) {
                    report.refunds.append(refund)
                    parts.append(LedgerEvent.Part(kind: .refund, ref: refund.refundId))
                }
            }
            try decided { () throws(CancellationRefusal) in
                try CancellationDecision.requireSomethingCancelled(
                    date: date, courses: courses, sessionsCancelled: report.sessionsCancelled, refundsReported: report.refunds.count)
            }
            if report.sessionsCancelled > 0 {
                try writer.appendEvent(
                    LedgerEvent(
                        eventId: refundIdPrefix, kind: .cancellation, courseId: courses.count == 1 ? courses[0].id : nil,
                        date: date, reason: reason, note: note, parts: parts), by: by)
            }
            return report
        }
    }
}
