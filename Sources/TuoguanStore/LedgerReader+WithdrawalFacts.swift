import GRDB
import TuoguanCore

extension LedgerReader {
    /// What ``WithdrawalDecision`` needs for withdrawing `student` from `course` on `date`, read once: the
    /// enrolment's usage from its first day on (its attendance read here, once), its lessons before the date
    /// (no attendance read), the course's schedule, the last day with a mark, and the family's money.
    /// `usages`: the ledger whose one usage function (``Ledger/usage(studentId:course:from:until:attendance:db:)``)
    /// counts them.
    ///
    /// ```swift
    /// let facts = try writer.reader.withdrawalFacts(student: s, course: x1, enrolment: window, on: day, usages: ledger)
    /// let decision = try decided { try WithdrawalDecision.decide(facts, rules: rules) }
    /// ```
    func withdrawalFacts(
        student: Student, course: Course, enrolment: EnrolmentWindow, on date: CivilDate, usages: Ledger
    ) throws -> WithdrawalFacts {
        let (usage, schedule) = try usages.usage(
            studentId: student.id, course: course, from: enrolment.from, until: nil, db: db)
        // A date before the enrolment's first day is refused by the decision; its lessons before the date are
        // then none (the window cut at its first day), never a window that ends before it starts.
        let (lessonsBeforeDate, _) = try usages.usage(
            studentId: student.id, course: course, from: enrolment.from, until: max(date, enrolment.from),
            attendance: false, db: db)
        let totals = try familyTotals(studentId: student.id)
        return WithdrawalFacts(
            student: student, course: course, policy: rules.policies[course.policyId], enrolment: enrolment, date: date,
            usage: usage, lessonsBeforeDate: lessonsBeforeDate, schedule: schedule,
            lastAttendance: try lastAttendance(studentId: student.id, courseId: course.id),
            money: RefundedSoFar(
                paid: totals.paid, refunded: totals.refunded,
                refundedForCourse: try courseRefunded(studentId: student.id, courseId: course.id)))
    }

    /// The last day a mark (present, leave or absent) of the student is recorded in the course, or nil.
    func lastAttendance(studentId: String, courseId: String) throws -> CivilDate? {
        try String.fetchOne(
            db,
            sql: """
                SELECT MAX(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
                WHERE a.student_no = (SELECT no FROM students WHERE id = ?) AND s.course_id = ?
                """, arguments: [studentId, courseId]
        ).flatMap(CivilDate.init(parsing:))
    }

    /// A withdrawal whose id is recorded already: the same withdrawal again is a no-op (its report); the id
    /// used for something else, or for a withdrawal since undone, is a conflict. Nil: the id is new.
    func repeatedWithdrawal(
        _ id: String, studentId: String, courseId: String, date: CivilDate, until: CivilDate?
    ) throws -> WithdrawalReport? {
        let same = WithdrawalReport(studentId: studentId, courseId: courseId, date: date, refund: .zero, outcome: .alreadyRecorded)
        if let event = try event(id) {
            if let undo = try undoOf(id) {
                throw TuoguanError(
                    .conflict, zh: "退课 \(id) 已由 \(undo) 撤销；重新退课请用新编号",
                    en: "withdrawal \(id) was undone by \(undo); record a new withdrawal under a new id", excerpt: id)
            }
            guard event.kind == .withdrawal, event.studentId == studentId, event.courseId == courseId, event.date == date else {
                throw TuoguanError(
                    .conflict, zh: "编号 \(id) 已登记为：\(event.summary)", en: "id \(id) is already recorded as: \(event.summary)",
                    excerpt: id)
            }
            var report = same
            for part in event.parts where part.kind == .refund {
                report.refund = try report.refund + (try journalEntry(part.ref)?.amount ?? .zero)
            }
            return report
        }
        // Recorded before events were kept: the refund under this id, or the enrolment's end alone.
        if let existing = try journalEntry(id) {
            if until == date && existing.kind == .refund && existing.studentId == studentId && existing.courseId == courseId
                && existing.reason == .withdrawal
            {
                var report = same
                report.refund = existing.amount
                return report
            }
            throw TuoguanError(
                .conflict, zh: "编号 \(id) 已登记为：\(existing.summary)",
                en: "id \(id) is already recorded as: \(existing.summary)",
                fix: LocalizedText(zh: "换一个编号", en: "use another id"), excerpt: id)
        }
        return until == date ? same : nil
    }
}
