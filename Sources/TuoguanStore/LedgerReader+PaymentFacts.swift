import Foundation
import GRDB
import TuoguanCore

/// What a payment and its warnings read (``PaymentDecision``, ``PaymentWarning``).
extension LedgerReader {
    /// The payment as asked: a payment's decision reads nothing (its receipt and its student are looked up by
    /// the store around it).
    func paymentFacts(_ payment: PaymentFact) -> PaymentFacts { PaymentFacts(payment: payment) }

    /// The full-term usages read so far, by course and first day: the same for every family that shares them,
    /// so an import of many families' payments reads each once.
    struct ReachUsages {
        struct Key: Hashable {
            var course: String
            var from: CivilDate
        }
        var known: [Key: CourseUsage] = [:]
    }

    /// What the fee warnings of `studentId`'s payments read: each enrolment with the term's lessons from its
    /// first day (no attendance), and the family's totals; nil for an unknown student.
    ///
    /// ```swift
    /// var usages = LedgerReader.ReachUsages()
    /// let facts = try reader.paymentWarningFacts(studentId: "S001", usages: &usages)
    /// try PaymentWarning.fees(facts!, rules: rules)   // [] when the payments stay within the fees
    /// ```
    func paymentWarningFacts(studentId: String, usages: inout ReachUsages) throws -> PaymentWarningFacts? {
        guard let student = try student(studentId) else { return nil }
        var enrolments: [EnrolmentReach] = []
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT course_id, from_date FROM enrollments WHERE student_id = ?"), arguments: [studentId])
        {
            guard let course = try course(row["course_id"]), let from = CivilDate(parsing: row["from_date"]) else { continue }
            enrolments.append(try reach(studentId: studentId, course: course, from: from, usages: &usages))
        }
        return PaymentWarningFacts(student: student, enrolments: enrolments, family: try familyMoney(studentId: studentId))
    }

    /// ``paymentWarningFacts(studentId:usages:)`` of many families at once (an import's payments), by student
    /// id (an unknown student has none): the same values, read in one statement a table for all of them
    /// instead of a few statements a family, each course read once.
    ///
    /// ```swift
    /// let facts = try reader.paymentWarningFacts(studentIds: ["S001", "S002"])
    /// try PaymentWarning.fees(facts["S001"]!, rules: rules)
    /// ```
    func paymentWarningFacts(studentIds: [String]) throws -> [String: PaymentWarningFacts] {
        // The ids as one JSON array, read back by `json_each`: one statement whatever their number.
        let ids = String(decoding: try JSONEncoder().encode(studentIds), as: UTF8.self)
        let inIds = "IN (SELECT value FROM json_each(?))"
        var usages = ReachUsages()
        var courses: [String: Course?] = [:]
        var enrolments: [String: [EnrolmentReach]] = [:]
        let rows = try Row.fetchCursor(
            db, sql: "SELECT student_id, course_id, from_date FROM enrollments WHERE student_id \(inIds) ORDER BY student_id, course_id",
            arguments: [ids])
        while let row = try rows.next() {
            let studentId: String = row[0]
            let courseId: String = row[1]
            if courses[courseId] == nil { courses[courseId] = .some(try course(courseId)) }
            guard let course = courses[courseId] ?? nil, let from = CivilDate(parsing: row[2]) else { continue }
            enrolments[studentId, default: []].append(try reach(studentId: studentId, course: course, from: from, usages: &usages))
        }
        var family: [String: FamilyTotals] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT student_id, \(Self.familySums) FROM journal j WHERE student_id \(inIds) AND \(Self.familyEntries) GROUP BY student_id",
            arguments: [ids])
        {
            family[row[0]] = FamilyTotals(paid: Money(fen: row[1]), refunded: Money(fen: row[2]))
        }
        var facts: [String: PaymentWarningFacts] = [:]
        // (A cursor: its rows find their columns by name through one table, where fetched rows search theirs.)
        let students = try Row.fetchCursor(db, sql: "SELECT * FROM students WHERE id \(inIds)", arguments: [ids])
        while let row = try students.next() {
            let student = Ledger.student(from: row)
            facts[student.id] = PaymentWarningFacts(
                student: student, enrolments: enrolments[student.id] ?? [],
                family: family[student.id] ?? FamilyTotals(paid: .zero, refunded: .zero))
        }
        return facts
    }

    /// One enrolment as the fee warnings read it: its full-term usage from `from`, read once for every family
    /// enrolled in `course` from that day.
    private func reach(studentId: String, course: Course, from: CivilDate, usages: inout ReachUsages) throws -> EnrolmentReach {
        let key = ReachUsages.Key(course: course.id, from: from)
        var usage: CourseUsage
        if let known = usages.known[key] {
            usage = known
        } else {
            usage = try self.usage(studentId: studentId, course: course, window: EnrolmentWindow(from: from), attendance: false).usage
            usages.known[key] = usage
        }
        usage.studentId = studentId
        return EnrolmentReach(course: course, usage: usage)
    }

    /// ``familyTotals(studentId:)`` as the core's value.
    func familyMoney(studentId: String) throws -> FamilyTotals {
        let totals = try familyTotals(studentId: studentId)
        return FamilyTotals(paid: totals.paid, refunded: totals.refunded)
    }
}
