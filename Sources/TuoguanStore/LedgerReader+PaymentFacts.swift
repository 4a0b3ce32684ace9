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
            let key = ReachUsages.Key(course: course.id, from: from)
            var usage: CourseUsage
            if let known = usages.known[key] {
                usage = known
            } else {
                usage = try self.usage(studentId: studentId, course: course, window: EnrolmentWindow(from: from), attendance: false).usage
                usages.known[key] = usage
            }
            usage.studentId = studentId
            enrolments.append(EnrolmentReach(course: course, usage: usage))
        }
        return PaymentWarningFacts(student: student, enrolments: enrolments, family: try familyMoney(studentId: studentId))
    }

    /// ``familyTotals(studentId:)`` as the core's value.
    func familyMoney(studentId: String) throws -> FamilyTotals {
        let totals = try familyTotals(studentId: studentId)
        return FamilyTotals(paid: totals.paid, refunded: totals.refunded)
    }
}
