import GRDB
import TuoguanCore

extension Ledger {
    /// Cancels sessions on `date` for force majeure (or a school event) and, in the same transaction, records
    /// the refund each prepaid family is owed under its course's policy: charge(before) − charge(after) of the
    /// full-term projection, capped at what the family paid less refunded and at what is left of the course's
    /// fee after the refunds already made for it. Running it again is a no-op.
    ///
    /// ```swift
    /// let report = try ledger.cancel(date: CivilDate(parsing: "2024-10-09")!, courseIds: nil,
    ///                                reason: "typhoon", note: "台风停课", refundIdPrefix: "TF1009", by: "clerk")
    /// ```
    public func cancel(
        date: CivilDate, courseIds: [String]?, reason: String, note: String, refundIdPrefix: String, by: String
    ) throws -> CancellationReport {
        try write { db in
            guard date >= rules.starts && date <= rules.ends else {
                throw TuoguanError(
                    .badInput, zh: "日期 \(date) 不在本学期内（\(rules.starts) 至 \(rules.ends)）",
                    en: "date \(date) is outside the term (\(rules.starts) to \(rules.ends))", excerpt: date.description)
            }
            var courses: [Course]
            if let courseIds {
                courses = try courseIds.map { try requireCourse($0, db: db) }
            } else {
                let withSession = Set(
                    try String.fetchAll(db, sql: "SELECT course_id FROM sessions WHERE date = ?", arguments: [date.description]))
                courses = try Row.fetchAll(db, sql: "SELECT * FROM courses ORDER BY id").map(Self.course(from:)).filter {
                    withSession.contains($0.id) || (rules.isServiceDay(date) && $0.weekdays.contains(date.weekday))
                }
            }
            var cancelled = 0
            var refunds: [CancellationRefund] = []
            for course in courses {
                // Mark the session cancelled (creating it if it was still to come). Only a session this call
                // cancels gives refunds: running the same cancellation again records nothing new.
                var newlyCancelled = false
                if let row = try Row.fetchOne(
                    db, sql: "SELECT id, status FROM sessions WHERE course_id = ? AND date = ?",
                    arguments: [course.id, date.description])
                {
                    if (row["status"] as String) == "held" {
                        let marked = try Int.fetchOne(
                            db, sql: "SELECT COUNT(*) FROM attendance WHERE session_id = ?", arguments: [row["id"] as Int64]) ?? 0
                        if marked > 0 {
                            throw TuoguanError(
                                .conflict,
                                zh: "课程 \(course.id) 在 \(date) 已上课并有 \(marked) 条考勤，不能再停课",
                                en: "course \(course.id) was held on \(date) with \(marked) attendance records: it cannot be cancelled",
                                excerpt: course.id)
                        }
                        try db.execute(
                            sql: "UPDATE sessions SET status = 'cancelled', reason = ?, recorded_by = ?, recorded_at = ? WHERE id = ?",
                            arguments: [reason, by, Ledger.timestamp(), row["id"] as Int64])
                        cancelled += 1
                        newlyCancelled = true
                    }
                } else {
                    try db.execute(
                        sql: """
                            INSERT INTO sessions (course_id, date, start, "end", teacher_id, status, reason, recorded_by, recorded_at)
                            VALUES (?, ?, ?, ?, ?, 'cancelled', ?, ?, ?)
                            """,
                        arguments: [
                            course.id, date.description, course.start, course.end, course.teacherId, reason, by,
                            Ledger.timestamp(),
                        ])
                    cancelled += 1
                    newlyCancelled = true
                }
                guard let policy = rules.policies[course.policyId], policy.prepay == .term else { continue }
                let schedule = try schedule(of: course, db: db)
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT e.student_id, e.from_date, e.until_date FROM enrollments e
                        WHERE e.course_id = ? AND e.from_date <= ?2 AND (e.until_date IS NULL OR e.until_date > ?2)
                        ORDER BY e.student_id
                        """, arguments: [course.id, date.description])
                {
                    let studentId: String = row["student_id"]
                    guard let student = try fetchStudent(studentId, db: db),
                        let from = CivilDate(parsing: row["from_date"])
                    else { continue }
                    let refundId = "\(refundIdPrefix)-\(studentId)-\(course.id)"
                    if let existing = try Row.fetchOne(
                        db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [refundId]
                    ).flatMap(JournalEntry.init(row:)) {
                        refunds.append(
                            CancellationRefund(
                                studentId: studentId, studentName: student.name, courseId: course.id,
                                courseName: course.name, lessons: existing.lessons ?? 1, amount: existing.amount,
                                refundId: refundId, outcome: .alreadyRecorded))
                        continue
                    }
                    if !newlyCancelled { continue }
                    let until = (row["until_date"] as String?).flatMap(CivilDate.init(parsing:))
                    // After: the usage with this session cancelled. Before: the same with it counted as held.
                    let now = try usage(
                        studentId: studentId, courseId: course.id, from: from, until: until, schedule: schedule, db: db)
                    let after = Self.projected(now, schedule: schedule)
                    var before = now
                    before.cancelledLessons = max(0, before.cancelledLessons - 1)
                    before = Self.projected(before, schedule: schedule)
                    let owed = try ChargeCalculator.charge(
                        course: course, policy: policy, usage: before, student: student, rules: rules
                    ).charged - ChargeCalculator.charge(
                        course: course, policy: policy, usage: after, student: student, rules: rules
                    ).charged
                    let totals = try familyTotals(studentId: studentId, db: db)
                    let room = try courseRefundRoom(
                        student: student, course: course, enrollment: Enrollment(from: from, until: until), db: db)
                    let amount = min(owed, try totals.paid - totals.refunded, try room.fee - room.refunded)
                    guard amount > .zero else { continue }
                    let outcome = try append(
                        JournalEntry(
                            entryId: refundId, kind: .refund, studentId: studentId, courseId: course.id, amount: amount,
                            lessons: 1, date: date, reason: .cancelled, note: note), by: by, db: db)
                    refunds.append(
                        CancellationRefund(
                            studentId: studentId, studentName: student.name, courseId: course.id,
                            courseName: course.name, lessons: 1, amount: amount, refundId: refundId, outcome: outcome))
                }
            }
            return CancellationReport(sessionsCancelled: cancelled, refunds: refunds)
        }
    }

    /// Withdraws a student from a course on `date` (the first day they no longer attend) and records the
    /// refund = charge(before) − charge(after) of the full-term projection (the policy's withdrawal rule gives
    /// the granularity), capped at what the family paid less refunded and at what is left of the course's fee
    /// after the refunds already made for it. Only prepaid policies refund.
    ///
    /// ```swift
    /// let report = try ledger.withdraw(studentId: "S001", courseId: "X1", on: CivilDate(parsing: "2024-11-01")!,
    ///                                  refundId: "W-S001-X1", by: "clerk")
    /// ```
    public func withdraw(studentId: String, courseId: String, on date: CivilDate, refundId: String, by: String) throws
        -> WithdrawalReport
    {
        try write { db in
            let student = try requireStudent(studentId, db: db)
            let course = try requireCourse(courseId, db: db)
            let enrollment = try requireEnrollment(studentId: studentId, courseId: courseId, db: db)
            let (from, until) = (enrollment.from, enrollment.until)
            if let existing = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [refundId])
                .flatMap(JournalEntry.init(row:))
            {
                if until == date && existing.kind == .refund && existing.studentId == studentId
                    && existing.courseId == courseId && existing.reason == .withdrawal
                {
                    return WithdrawalReport(
                        studentId: studentId, courseId: courseId, date: date, refund: existing.amount,
                        outcome: .alreadyRecorded)
                }
                throw TuoguanError(
                    .conflict, zh: "编号 \(refundId) 已登记为：\(existing.summary)",
                    en: "id \(refundId) is already recorded as: \(existing.summary)", excerpt: refundId)
            }
            if let until {
                if until == date {
                    return WithdrawalReport(studentId: studentId, courseId: courseId, date: date, refund: .zero, outcome: .alreadyRecorded)
                }
                throw TuoguanError(
                    .conflict, zh: "学生 \(studentId) 已于 \(until) 退出课程 \(courseId)",
                    en: "student \(studentId) already left course \(courseId) on \(until)", excerpt: date.description)
            }
            guard date >= from && date <= rules.ends.adding(days: 1) else {
                throw TuoguanError(
                    .badInput, zh: "退课日期 \(date) 不在报名期间（\(from) 起，学期至 \(rules.ends)）",
                    en: "withdrawal date \(date) is outside the enrollment (from \(from), term until \(rules.ends))",
                    excerpt: date.description)
            }
            let schedule = try schedule(of: course, db: db)
            let beforeUsage = Self.projected(
                try usage(studentId: studentId, courseId: courseId, from: from, until: nil, schedule: schedule, db: db),
                schedule: schedule)
            let afterUsage = Self.projected(
                try usage(studentId: studentId, courseId: courseId, from: from, until: date, schedule: schedule, db: db),
                schedule: schedule)
            let room = try courseRefundRoom(student: student, course: course, enrollment: enrollment, db: db)
            try db.execute(
                sql: "UPDATE enrollments SET until_date = ?, recorded_by = ?, recorded_at = ? WHERE student_id = ? AND course_id = ?",
                arguments: [date.description, by, Ledger.timestamp(), studentId, courseId])
            _ = try appendHistory(
                .enrollment, subjectId: studentId, courseId: courseId, field: "until_date", old: nil, new: date.description,
                note: "退课 withdrawal \(refundId)", by: by, db: db)
            var amount = Money.zero
            if let policy = rules.policies[course.policyId], policy.prepay == .term {
                let owed = try ChargeCalculator.charge(
                    course: course, policy: policy, usage: beforeUsage, student: student, rules: rules
                ).charged - ChargeCalculator.charge(
                    course: course, policy: policy, usage: afterUsage, student: student, rules: rules
                ).charged
                let totals = try familyTotals(studentId: studentId, db: db)
                amount = max(.zero, min(owed, try totals.paid - totals.refunded, try room.fee - room.refunded))
            }
            if amount > .zero {
                // Counted in the unit the withdrawal rule used: lessons, service days, half-months or months.
                var counted: (count: Int, unit: ProRataUnit)? = (Self.count(schedule, from: date, until: nil), .lessons)
                if let policy = rules.policies[course.policyId], policy.billing == .monthly || policy.billing == .perTerm {
                    counted = ChargeCalculator.withdrawalRefundUnits(policy: policy, usage: afterUsage, rules: rules)
                }
                let count = counted.map(\.count) ?? 0
                _ = try append(
                    JournalEntry(
                        entryId: refundId, kind: .refund, studentId: studentId, courseId: courseId, amount: amount,
                        lessons: count > 0 ? count : nil, date: date, reason: .withdrawal,
                        note: "退课 withdrawal", unit: count > 0 && counted?.unit != .lessons ? counted?.unit : nil),
                    by: by, db: db)
            }
            return WithdrawalReport(studentId: studentId, courseId: courseId, date: date, refund: amount, outcome: .recorded)
        }
    }
}
