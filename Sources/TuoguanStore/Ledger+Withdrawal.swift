import GRDB
import TuoguanCore

extension Ledger {
    /// Withdraws a student from a course on `date` (the first day they no longer attend) and records the
    /// refund ``WithdrawalDecision`` prices: charge(before) − charge(after) of the full-term projection (the
    /// policy's withdrawal rule gives the granularity), capped at what the family paid less refunded and at
    /// what is left of the course's fee after the refunds already made for it. Only prepaid policies refund.
    /// Recorded as the withdrawal event `refundId` (its refund under the same id), which `undo` takes back
    /// whole. A date on or before the student's last recorded attendance in the course is refused.
    ///
    /// The store reads (``LedgerReader/withdrawalFacts(student:course:enrolment:on:usages:)``), the core decides,
    /// the writer writes (``LedgerWriter/write(_:refundId:by:)``), in one transaction.
    ///
    /// ```swift
    /// let report = try ledger.withdraw(studentId: "S001", courseId: "X1", on: CivilDate(parsing: "2024-11-01")!,
    ///                                  refundId: "W-S001-X1", by: "clerk")
    /// ```
    public func withdraw(studentId: String, courseId: String, on date: CivilDate, refundId: String, by: String) throws
        -> WithdrawalReport
    {
        try record { writer in
            try requireId(refundId, what: ("退课编号", "withdrawal id"))
            let reader = writer.reader
            let student = try reader.requireStudent(studentId)
            let course = try reader.requireCourse(courseId)
            let enrolment = try reader.requireEnrolment(studentId: studentId, courseId: courseId)
            if let again = try reader.repeatedWithdrawal(
                refundId, studentId: studentId, courseId: courseId, date: date, until: enrolment.until)
            {
                return again
            }
            let facts = try reader.withdrawalFacts(student: student, course: course, enrolment: enrolment, on: date, usages: self)
            let decision = try decided { () throws(WithdrawalRefusal) in try WithdrawalDecision.decide(facts, rules: rules) }
            return try writer.write(decision, refundId: refundId, by: by)
        }
    }
}
