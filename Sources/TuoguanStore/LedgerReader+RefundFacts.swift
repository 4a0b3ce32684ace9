import GRDB
import TuoguanCore

/// What a clerk's refund reads (``RefundDecision``), and the ceilings every refund is held to.
extension LedgerReader {
    /// The facts of `request`: the student (unknown: `.unknownReference`), the course it names with the
    /// enrolment's usage (read once) and what was refunded for it, the family's totals, whether the id is
    /// recorded already, and for a new settlement refund the student's term facts. A request naming neither
    /// or both of an amount and lessons reads no course: the decision refuses it first.
    ///
    /// ```swift
    /// let facts = try reader.refundFacts(RefundRequest(refundId: "T1", studentId: "S001", courseId: "X1",
    ///                                                  lessons: 2, date: day, reason: .settlement))
    /// facts.course?.usage.heldLessons   // X1's held lessons in S001's window
    /// ```
    func refundFacts(_ request: RefundRequest) throws -> RefundFacts {
        let student = try requireStudent(request.studentId)
        var room: CourseRefundFacts?
        if (request.amount == nil) != (request.lessons == nil), let courseId = request.courseId {
            room = try courseRefundFacts(student: student, courseId: courseId)
        }
        let recorded = try journalEntry(request.refundId) != nil
        return RefundFacts(
            refundId: request.refundId, student: student, amount: request.amount, lessons: request.lessons,
            reason: request.reason, date: request.date, courseId: request.courseId, course: room,
            family: try familyMoney(studentId: student.id), recorded: recorded,
            statement: request.reason == .settlement && !recorded ? try termFacts(forStudent: student.id) : nil)
    }

    /// The course `courseId` (unknown, or not taken by the student: `.unknownReference`) with the enrolment's
    /// usage and what was refunded for it.
    func courseRefundFacts(student: Student, courseId: String) throws -> CourseRefundFacts {
        let course = try requireCourse(courseId)
        let window = try requireEnrolment(studentId: student.id, courseId: course.id)
        let used = try usage(studentId: student.id, course: course, window: window).usage
        return CourseRefundFacts(
            course: course, usage: used, refunded: try courseRefunded(studentId: student.id, courseId: course.id))
    }
}
