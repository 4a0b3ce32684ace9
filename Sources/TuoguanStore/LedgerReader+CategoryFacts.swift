import GRDB
import TuoguanCore

extension LedgerReader {
    /// What a change of `student`'s category to `asked` needs (``CategoryChangeDecision``): each course they
    /// are enrolled in (by course id) with its usage in the enrolment's window, what was refunded for it and
    /// the first such refund.
    ///
    /// ```swift
    /// let facts = try reader.categoryFacts(s1, asked: "留守儿童")   // X1: 3 of 8 lessons held, 60.00 refunded (F1)
    /// ```
    func categoryFacts(_ student: Student, asked: String?) throws -> CategoryChangeFacts {
        var courses: [CategoryChangeFacts.EnrolledCourse] = []
        for courseId in try String.fetchAll(
            db, sql: "SELECT course_id FROM enrollments WHERE student_id = ? ORDER BY course_id", arguments: [student.id])
        {
            let course = try requireCourse(courseId)
            let window = try requireEnrolment(studentId: student.id, courseId: courseId)
            let usage = try usage(studentId: student.id, course: course, window: window).usage
            courses.append(
                CategoryChangeFacts.EnrolledCourse(
                    course: course, usage: usage, refunded: try courseRefunded(studentId: student.id, courseId: courseId),
                    firstRefund: try courseRefunds(courseId: courseId, studentId: student.id).first))
        }
        return CategoryChangeFacts(student: student, asked: asked, courses: courses)
    }
}
