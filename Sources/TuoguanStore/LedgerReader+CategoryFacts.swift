import GRDB
import TuoguanCore

extension Ledger {
    /// What a change of `student`'s category to `asked` needs: each course they are enrolled in (by course
    /// id) with its usage in the enrolment's window, what was refunded for it and the first such refund.
    ///
    /// ```swift
    /// let facts = try categoryFacts(s1, asked: "留守儿童", db: db)   // X1: 3 of 8 lessons held, 60.00 refunded (F1)
    /// ```
    func categoryFacts(_ student: Student, asked: String?, db: Database) throws -> CategoryChangeFacts {
        let reader = reader(db)
        var courses: [CategoryChangeFacts.EnrolledCourse] = []
        for courseId in try String.fetchAll(
            db, sql: "SELECT course_id FROM enrollments WHERE student_id = ? ORDER BY course_id", arguments: [student.id])
        {
            let course = try reader.requireCourse(courseId)
            let window = try reader.requireEnrolment(studentId: student.id, courseId: courseId)
            let usage = try reader.usage(studentId: student.id, course: course, window: window).usage
            courses.append(
                CategoryChangeFacts.EnrolledCourse(
                    course: course, usage: usage, refunded: try reader.courseRefunded(studentId: student.id, courseId: courseId),
                    firstRefund: try courseRefunds(courseId: courseId, studentId: student.id, db: db).first))
        }
        return CategoryChangeFacts(student: student, asked: asked, courses: courses)
    }

    /// The category a student's edit writes (``CategoryChangeDecision``): the one asked for, by id or name,
    /// refused when unknown or when under it a course would cost less than was refunded for it.
    ///
    /// ```swift
    /// changes.append(("category", try decidedCategory(student, asked: "留守儿童", db: db)))   // "left_behind"
    /// ```
    func decidedCategory(_ student: Student, asked: String?, db: Database) throws -> String? {
        let facts = try categoryFacts(student, asked: asked, db: db)
        return try decided { () throws(CategoryChangeRefusal) in try CategoryChangeDecision.decide(facts, rules: rules) }.to
    }
}
