import GRDB
import TuoguanCore

extension LedgerReader {
    /// The session of a course on a day as a cancellation finds it.
    struct SessionOnDay {
        var id: Int64
        /// `held`, `scheduled` (made by the timetable) or `cancelled`.
        var status: String
        /// Its attendance records (counted for a held or scheduled session only).
        var marks: Int
    }

    /// The courses a cancellation of `date` could touch, each with whether it meets that day (a session that
    /// day, or a lesson of its weekdays on a service day): the ones named, or every course.
    func coursesOnDay(_ date: CivilDate, courseIds: [String]?) throws -> [(course: Course, meets: Bool)] {
        let withSession = Set(
            try String.fetchAll(db, sql: "SELECT course_id FROM sessions WHERE date = ?", arguments: [date.description]))
        let serviceDay = rules.isServiceDay(date)
        let weekday = rules.timetableWeekday(date)
        let courses =
            try courseIds.map { try $0.map(requireCourse) }
            ?? Row.fetchAll(db, sql: "SELECT * FROM courses ORDER BY id").map(Ledger.course(from:))
        return courses.map { ($0, withSession.contains($0.id) || (serviceDay && $0.weekdays.contains(weekday))) }
    }

    /// The session of `courseId` on `date`, or nil when none is recorded (a lesson still to come).
    func sessionOnDay(courseId: String, date: CivilDate) throws -> SessionOnDay? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, status FROM sessions WHERE course_id = ? AND date = ?", arguments: [courseId, date.description])
        else { return nil }
        var session = SessionOnDay(id: row["id"], status: row["status"], marks: 0)
        if session.status == "held" || session.status == SessionState.scheduled {
            session.marks = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM attendance WHERE session_id = ?", arguments: [session.id]) ?? 0
        }
        return session
    }

    /// What ``CancellationDecision`` needs for the session of `course` on `date` just cancelled: the session's
    /// length, the course's schedule, and each enrolment whose window holds the date with its usage (the
    /// session counted cancelled) and its family's money. A course not prepaid for the term refunds nothing
    /// (``EventRefund``): its enrolments are not read. `usages`: the ledger whose one usage function counts them.
    func cancellationFacts(course: Course, date: CivilDate, usages: Ledger) throws -> CancellationFacts {
        let policy = rules.policies[course.policyId]
        let length = try Int64.fetchOne(
            db, sql: #"SELECT "end" - start FROM sessions WHERE course_id = ? AND date = ?"#,
            arguments: [course.id, date.description]) ?? 0
        var facts = CancellationFacts(course: course, policy: policy, date: date, sessionLength: length, schedule: [], enrolments: [])
        guard policy?.prepay == .term else { return facts }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT e.student_id, e.from_date, e.until_date FROM enrollments e
                WHERE e.course_id = ? AND e.from_date <= ?2 AND (e.until_date IS NULL OR e.until_date > ?2)
                ORDER BY e.student_id
                """, arguments: [course.id, date.description])
        {
            let studentId: String = row["student_id"]
            guard let student = try student(studentId), let from = CivilDate(parsing: row["from_date"]) else { continue }
            let until = (row["until_date"] as String?).flatMap(CivilDate.init(parsing:))
            let (usage, schedule) = try usages.usage(studentId: studentId, course: course, from: from, until: until, db: db)
            facts.schedule = schedule
            let totals = try familyTotals(studentId: studentId)
            facts.enrolments.append(
                CancellationFacts.Enrolment(
                    student: student, usage: usage,
                    money: RefundedSoFar(
                        paid: totals.paid, refunded: totals.refunded,
                        refundedForCourse: try courseRefunded(studentId: studentId, courseId: course.id))))
        }
        return facts
    }

    /// A cancellation whose id prefix is recorded already: the same day again is a no-op reporting its
    /// refunds; anything else is a conflict.
    func repeatedCancellation(_ existing: LedgerEvent, date: CivilDate, courses: [Course]) throws -> CancellationReport {
        let cancelledThen = Set(existing.parts.filter { $0.kind == .session }.map(\.ref))
        guard existing.kind == .cancellation, existing.date == date, try undoOf(existing.eventId) == nil,
            courses.allSatisfy({ cancelledThen.contains($0.id) }) || courses.isEmpty
        else {
            throw TuoguanError(
                .conflict, zh: "编号前缀 \(existing.eventId) 已登记为：\(existing.summary)",
                en: "id prefix \(existing.eventId) is already recorded as: \(existing.summary)",
                fix: LocalizedText(zh: "用另一个 --id-prefix", en: "give another --id-prefix"), excerpt: existing.eventId)
        }
        var refunds: [CancellationRefund] = []
        for part in existing.parts where part.kind == .refund {
            guard let entry = try journalEntry(part.ref), let courseId = entry.courseId,
                let student = try student(entry.studentId), let course = try course(courseId)
            else { continue }
            refunds.append(
                CancellationRefund(
                    studentId: student.id, studentName: student.name, courseId: course.id, courseName: course.name,
                    lessons: entry.lessons ?? 1, amount: entry.amount, refundId: part.ref, outcome: .alreadyRecorded))
        }
        return CancellationReport(sessionsCancelled: 0, refunds: refunds)
    }

    /// The refunds of a cancellation recorded before events were kept (ids `<prefix>-<student>-<course>`).
    func recordedCancellationRefunds(course: Course, date: CivilDate, prefix: String) throws -> [CancellationRefund] {
        var out: [CancellationRefund] = []
        for row in try Row.fetchAll(
            db, sql: "SELECT e.student_id, s.name FROM enrollments e JOIN students s ON s.id = e.student_id WHERE e.course_id = ? ORDER BY e.student_id",
            arguments: [course.id])
        {
            let refundId = "\(prefix)-\(row["student_id"] as String)-\(course.id)"
            guard let entry = try journalEntry(refundId), entry.kind == .refund, entry.date == date else { continue }
            out.append(
                CancellationRefund(
                    studentId: entry.studentId, studentName: row["name"], courseId: course.id, courseName: course.name,
                    lessons: entry.lessons ?? 1, amount: entry.amount, refundId: refundId, outcome: .alreadyRecorded))
        }
        return out
    }
}
