import GRDB
import TuoguanCore

extension Ledger {
    /// Cancels sessions on `date` for force majeure (or a school event) and, in the same transaction, records
    /// the refund each prepaid family is owed under its course's policy: charge(before) − charge(after) of the
    /// full-term projection, capped at what the family paid less refunded and at what is left of the course's
    /// fee after the refunds already made for it (``RefundCalculator``). Recorded as the cancellation event
    /// `refundIdPrefix`, which `undo` takes back whole. Running it again is a no-op; a day with no session to
    /// cancel (no course meets, or every session is cancelled already) is refused.
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
            try requireId(refundIdPrefix, what: ("退费编号前缀", "refund id prefix"))
            let courses = try coursesToCancel(date: date, courseIds: courseIds, db: db)
            if let existing = try fetchEvent(refundIdPrefix, db: db) {
                return try repeatedCancellation(existing, date: date, courses: courses, db: db)
            }
            var cancelled = 0
            var refunds: [CancellationRefund] = []
            var parts: [LedgerEvent.Part] = []
            for course in courses {
                // Mark the session cancelled (creating it if it was still to come). Only a session this call
                // cancels gives refunds: running the same cancellation again records nothing new.
                guard let prior = try cancelSession(of: course, on: date, reason: reason, by: by, db: db) else {
                    // Already cancelled: a cancellation recorded before events were kept reports its refunds.
                    refunds += try recordedCancellationRefunds(course: course, date: date, prefix: refundIdPrefix, db: db)
                    continue
                }
                cancelled += 1
                parts.append(LedgerEvent.Part(kind: .session, ref: course.id, date: date, prior: prior))
                for refund in try cancellationRefunds(course: course, date: date, prefix: refundIdPrefix, note: note, by: by, db: db) {
                    refunds.append(refund)
                    parts.append(LedgerEvent.Part(kind: .refund, ref: refund.refundId))
                }
            }
            if cancelled == 0 && refunds.isEmpty {
                throw TuoguanError(
                    .badInput,
                    zh: "\(date) 没有可停的课：\(courses.isEmpty ? "这一天没有课程上课" : "这一天的课（\(courses.map(\.id).joined(separator: "、"))）都已停课")",
                    en: "there is no session to cancel on \(date): \(courses.isEmpty ? "no course meets that day" : "every session that day (\(courses.map(\.id).joined(separator: ", "))) is cancelled already")",
                    fix: LocalizedText(zh: "检查日期；已停的课不必再停", en: "check the date; a cancelled session needs no second cancellation"),
                    excerpt: date.description)
            }
            if cancelled > 0 {
                try appendEvent(
                    LedgerEvent(
                        eventId: refundIdPrefix, kind: .cancellation, courseId: courses.count == 1 ? courses[0].id : nil,
                        date: date, reason: reason, note: note, parts: parts), by: by, db: db)
            }
            return CancellationReport(sessionsCancelled: cancelled, refunds: refunds)
        }
    }

    /// The courses a cancellation of `date` touches: the ones named (each must meet that day), or every course
    /// with a session or a scheduled lesson that day.
    func coursesToCancel(date: CivilDate, courseIds: [String]?, db: Database) throws -> [Course] {
        let withSession = Set(
            try String.fetchAll(db, sql: "SELECT course_id FROM sessions WHERE date = ?", arguments: [date.description]))
        func meets(_ course: Course) -> Bool {
            withSession.contains(course.id) || (rules.isServiceDay(date) && course.weekdays.contains(rules.timetableWeekday(date)))
        }
        guard let courseIds else {
            return try Row.fetchAll(db, sql: "SELECT * FROM courses ORDER BY id").map(Self.course(from:)).filter(meets)
        }
        let courses = try courseIds.map { try requireCourse($0, db: db) }
        if let idle = courses.first(where: { !meets($0) }) {
            throw TuoguanError(
                .badInput, zh: "课程 \(idle.id) \(idle.name) 在 \(date) 没有课，无课可停",
                en: "course \(idle.id) (\(idle.name)) does not meet on \(date): there is no session to cancel",
                fix: LocalizedText(zh: "检查日期和课程编号", en: "check the date and the course id"), excerpt: idle.id)
        }
        return courses
    }

    /// A cancellation whose id prefix is recorded already: the same day again is a no-op reporting its
    /// refunds; anything else is a conflict.
    func repeatedCancellation(_ existing: LedgerEvent, date: CivilDate, courses: [Course], db: Database) throws
        -> CancellationReport
    {
        let cancelledThen = Set(existing.parts.filter { $0.kind == .session }.map(\.ref))
        guard existing.kind == .cancellation, existing.date == date, try undoOf(existing.eventId, db: db) == nil,
            courses.allSatisfy({ cancelledThen.contains($0.id) }) || courses.isEmpty
        else {
            throw TuoguanError(
                .conflict, zh: "编号前缀 \(existing.eventId) 已登记为：\(existing.summary)",
                en: "id prefix \(existing.eventId) is already recorded as: \(existing.summary)",
                fix: LocalizedText(zh: "用另一个 --id-prefix", en: "give another --id-prefix"), excerpt: existing.eventId)
        }
        var refunds: [CancellationRefund] = []
        for part in existing.parts where part.kind == .refund {
            guard let entry = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [part.ref])
                .flatMap(JournalEntry.init(row:)), let courseId = entry.courseId,
                let student = try fetchStudent(entry.studentId, db: db), let course = try fetchCourse(courseId, db: db)
            else { continue }
            refunds.append(
                CancellationRefund(
                    studentId: student.id, studentName: student.name, courseId: course.id, courseName: course.name,
                    lessons: entry.lessons ?? 1, amount: entry.amount, refundId: part.ref, outcome: .alreadyRecorded))
        }
        return CancellationReport(sessionsCancelled: 0, refunds: refunds)
    }

    /// Marks the session of `course` on `date` cancelled. Returns what it was before ("none": still to come,
    /// no row; "scheduled": made by the timetable; "held": held without attendance), or nil if it was
    /// cancelled already.
    func cancelSession(of course: Course, on date: CivilDate, reason: String, by: String, db: Database) throws -> String? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT id, status FROM sessions WHERE course_id = ? AND date = ?", arguments: [course.id, date.description])
        else {
            try db.execute(
                sql: """
                    INSERT INTO sessions (course_id, date, start, "end", teacher_id, status, reason, recorded_by, recorded_at)
                    VALUES (?, ?, ?, ?, ?, 'cancelled', ?, ?, ?)
                    """,
                arguments: [
                    course.id, date.description, course.start, course.end, course.teacherId, reason, by, Ledger.timestamp(),
                ])
            return "none"
        }
        let prior: String = row["status"]
        guard prior == "held" || prior == SessionState.scheduled else { return nil }
        let marked = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM attendance WHERE session_id = ?", arguments: [row["id"] as Int64]) ?? 0
        if marked > 0 {
            throw TuoguanError(
                .conflict,
                zh: "课程 \(course.id) 在 \(date) 已上课并有 \(marked) 条考勤，不能再停课",
                en: "course \(course.id) was held on \(date) with \(marked) attendance records: it cannot be cancelled",
                fix: LocalizedText(
                    zh: "如那天其实没有上课、考勤是误记，先删去这些考勤（tuoguan edit attendance 学号 \(course.id) \(date) --status 无 --note 原因），再停课",
                    en: "if it was not held after all and the marks are mistakes, remove them first (tuoguan edit attendance STUDENT \(course.id) \(date) --status none --note WHY), then cancel"),
                excerpt: course.id)
        }
        try db.execute(
            sql: "UPDATE sessions SET status = 'cancelled', reason = ?, recorded_by = ?, recorded_at = ? WHERE id = ?",
            arguments: [reason, by, Ledger.timestamp(), row["id"] as Int64])
        try recountUsage(session: row["id"], db: db)
        return prior
    }

    /// The refunds of a cancellation recorded before events were kept (ids `<prefix>-<student>-<course>`).
    func recordedCancellationRefunds(course: Course, date: CivilDate, prefix: String, db: Database) throws -> [CancellationRefund] {
        var out: [CancellationRefund] = []
        for row in try Row.fetchAll(
            db, sql: "SELECT e.student_id, s.name FROM enrollments e JOIN students s ON s.id = e.student_id WHERE e.course_id = ? ORDER BY e.student_id",
            arguments: [course.id])
        {
            let refundId = "\(prefix)-\(row["student_id"] as String)-\(course.id)"
            guard let entry = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [refundId])
                .flatMap(JournalEntry.init(row:)), entry.kind == .refund, entry.date == date
            else { continue }
            out.append(
                CancellationRefund(
                    studentId: entry.studentId, studentName: row["name"], courseId: course.id, courseName: course.name,
                    lessons: entry.lessons ?? 1, amount: entry.amount, refundId: refundId, outcome: .alreadyRecorded))
        }
        return out
    }

    /// Records the refund each prepaid family enrolled on `date` is owed for the session just cancelled:
    /// ``RefundCalculator/eventRefund(course:policy:before:after:student:rules:ceilings:)`` of the usage with
    /// the session counted as held (before) and as cancelled (after).
    func cancellationRefunds(course: Course, date: CivilDate, prefix: String, note: String, by: String, db: Database) throws
        -> [CancellationRefund]
    {
        guard let policy = rules.policies[course.policyId], policy.prepay == .term else { return [] }
        var out: [CancellationRefund] = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT e.student_id, e.from_date, e.until_date FROM enrollments e
                WHERE e.course_id = ? AND e.from_date <= ?2 AND (e.until_date IS NULL OR e.until_date > ?2)
                ORDER BY e.student_id
                """, arguments: [course.id, date.description])
        {
            let studentId: String = row["student_id"]
            guard let student = try fetchStudent(studentId, db: db), let from = CivilDate(parsing: row["from_date"]) else {
                continue
            }
            let refundId = "\(prefix)-\(studentId)-\(course.id)"
            let until = (row["until_date"] as String?).flatMap(CivilDate.init(parsing:))
            let (now, schedule) = try usage(studentId: studentId, course: course, from: from, until: until, db: db)
            let after = RefundCalculator.projected(now, schedule: schedule)
            var before = now
            before.cancelledLessons = max(0, before.cancelledLessons - 1)
            if var m = before.minutes {
                // The cancelled session's own minutes.
                let length = try Int64.fetchOne(
                    db, sql: #"SELECT "end" - start FROM sessions WHERE course_id = ? AND date = ?"#,
                    arguments: [course.id, date.description]) ?? 0
                m.cancelled = max(0, m.cancelled - lessonMinutes(length))
                before.minutes = m
            }
            before = RefundCalculator.projected(before, schedule: schedule)
            let ceilings = try refundCeilings(student: student, course: course, usage: now, db: db)
            let amount = try RefundCalculator.eventRefund(
                course: course, policy: policy, before: before, after: after, student: student, rules: rules, ceilings: ceilings)
            guard amount > .zero else { continue }
            let outcome = try append(
                JournalEntry(
                    entryId: refundId, kind: .refund, studentId: studentId, courseId: course.id, amount: amount,
                    lessons: 1, date: date, reason: .cancelled, note: note), by: by, db: db)
            out.append(
                CancellationRefund(
                    studentId: studentId, studentName: student.name, courseId: course.id, courseName: course.name,
                    lessons: 1, amount: amount, refundId: refundId, outcome: outcome))
        }
        return out
    }

    /// Withdraws a student from a course on `date` (the first day they no longer attend) and records the
    /// refund = charge(before) − charge(after) of the full-term projection (the policy's withdrawal rule gives
    /// the granularity), capped at what the family paid less refunded and at what is left of the course's fee
    /// after the refunds already made for it. Only prepaid policies refund. Recorded as the withdrawal event
    /// `refundId` (its refund under the same id), which `undo` takes back whole. A date on or before the
    /// student's last recorded attendance in the course is refused.
    ///
    /// ```swift
    /// let report = try ledger.withdraw(studentId: "S001", courseId: "X1", on: CivilDate(parsing: "2024-11-01")!,
    ///                                  refundId: "W-S001-X1", by: "clerk")
    /// ```
    public func withdraw(studentId: String, courseId: String, on date: CivilDate, refundId: String, by: String) throws
        -> WithdrawalReport
    {
        try write { db in
            try requireId(refundId, what: ("退课编号", "withdrawal id"))
            let student = try requireStudent(studentId, db: db)
            let course = try requireCourse(courseId, db: db)
            let enrollment = try requireEnrollment(studentId: studentId, courseId: courseId, db: db)
            if let report = try repeatedWithdrawal(
                refundId, studentId: studentId, courseId: courseId, date: date, until: enrollment.until, db: db)
            {
                return report
            }
            if let until = enrollment.until {
                throw TuoguanError(
                    .conflict, zh: "学生 \(studentId) 已于 \(until.chinese) 退出课程 \(courseId)",
                    en: "student \(studentId) already left course \(courseId) on \(until)",
                    fix: LocalizedText(
                        zh: "退课日期有误的，用 tuoguan edit enrollment \(studentId) \(courseId) --until 日期 --note 原因 更正（已有退课记录的，先用 tuoguan undo 撤销它）",
                        en: "if that date is wrong, correct it with tuoguan edit enrollment \(studentId) \(courseId) --until DATE --note WHY (a recorded withdrawal is undone first with tuoguan undo)"),
                    excerpt: date.description)
            }
            guard date >= enrollment.from && date <= rules.ends.adding(days: 1) else {
                throw TuoguanError(
                    .badInput, zh: "退课日期 \(date) 不在报名期间（\(enrollment.from) 起，学期至 \(rules.ends)）",
                    en: "withdrawal date \(date) is outside the enrollment (from \(enrollment.from), term until \(rules.ends))",
                    excerpt: date.description)
            }
            try requireNoAttendance(student: student, course: course, from: date, db: db)
            let (now, schedule) = try usage(studentId: studentId, course: course, from: enrollment.from, until: nil, db: db)
            let (left, _) = try usage(studentId: studentId, course: course, from: enrollment.from, until: date, db: db)
            let ceilings = try refundCeilings(student: student, course: course, usage: now, db: db)
            try db.execute(
                sql: "UPDATE enrollments SET until_date = ?, recorded_by = ?, recorded_at = ? WHERE student_id = ? AND course_id = ?",
                arguments: [date.description, by, Ledger.timestamp(), studentId, courseId])
            try recountUsage(student: studentId, course: courseId, db: db)
            var amount = Money.zero
            if let policy = rules.policies[course.policyId] {
                amount = try RefundCalculator.eventRefund(
                    course: course, policy: policy, before: RefundCalculator.projected(now, schedule: schedule),
                    after: RefundCalculator.projected(left, schedule: schedule), student: student, rules: rules,
                    ceilings: ceilings)
            }
            var parts: [LedgerEvent.Part] = []
            if amount > .zero {
                // Counted in the unit the withdrawal rule used: lessons, service days, half-months or months.
                var counted: (count: Int, unit: ProRataUnit)? = (Self.count(schedule, from: date, until: nil), .lessons)
                if let policy = rules.policies[course.policyId], policy.billing == .monthly || policy.billing == .perTerm {
                    counted = ChargeCalculator.withdrawalRefundUnits(policy: policy, usage: left, rules: rules)
                }
                let count = counted.map(\.count) ?? 0
                _ = try append(
                    JournalEntry(
                        entryId: refundId, kind: .refund, studentId: studentId, courseId: courseId, amount: amount,
                        lessons: count > 0 ? count : nil, date: date, reason: .withdrawal,
                        note: "退课 withdrawal", unit: count > 0 && counted?.unit != .lessons ? counted?.unit : nil),
                    by: by, db: db)
                parts.append(LedgerEvent.Part(kind: .refund, ref: refundId))
            }
            try appendEvent(
                LedgerEvent(eventId: refundId, kind: .withdrawal, studentId: studentId, courseId: courseId, date: date, parts: parts),
                by: by, db: db)
            _ = try appendHistory(
                .enrollment, subjectId: studentId, courseId: courseId, field: "until_date", old: nil, new: date.description,
                note: amount > .zero ? "退课，退费 \(refundId)" : "退课", by: by, db: db)
            return WithdrawalReport(studentId: studentId, courseId: courseId, date: date, refund: amount, outcome: .recorded)
        }
    }

    /// A withdrawal whose id is recorded already: the same withdrawal again is a no-op (its report); the id
    /// used for something else, or for a withdrawal since undone, is a conflict. Nil: the id is new.
    func repeatedWithdrawal(
        _ id: String, studentId: String, courseId: String, date: CivilDate, until: CivilDate?, db: Database
    ) throws -> WithdrawalReport? {
        let same = WithdrawalReport(studentId: studentId, courseId: courseId, date: date, refund: .zero, outcome: .alreadyRecorded)
        if let event = try fetchEvent(id, db: db) {
            if let undo = try undoOf(id, db: db) {
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
                report.refund = try report.refund + Money(
                    fen: Int64.fetchOne(db, sql: "SELECT amount FROM journal WHERE entry_id = ?", arguments: [part.ref]) ?? 0)
            }
            return report
        }
        // Recorded before events were kept: the refund under this id, or the enrolment's end alone.
        if let existing = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [id])
            .flatMap(JournalEntry.init(row:))
        {
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

    /// A withdrawal dated on or before a day the student's attendance was recorded in the course is refused:
    /// the date is the first day the student no longer attends.
    func requireNoAttendance(student: Student, course: Course, from date: CivilDate, db: Database) throws {
        guard
            let last = try String.fetchOne(
                db,
                sql: """
                    SELECT MAX(s.date) FROM attendance a JOIN sessions s ON s.id = a.session_id
                    WHERE a.student_no = (SELECT no FROM students WHERE id = ?) AND s.course_id = ?
                    """, arguments: [student.id, course.id]),
            let lastDate = CivilDate(parsing: last), lastDate >= date
        else { return }
        throw TuoguanError(
            .badInput,
            zh: "退课日期 \(date) 早于或等于 \(student.name)（\(student.id)）在课程 \(course.id) 最后一次有考勤记录的日期 \(lastDate)",
            en: "withdrawal date \(date) is on or before the last attendance recorded for \(student.name) (\(student.id)) in course \(course.id), \(lastDate)",
            fix: LocalizedText(
                zh: "退课日期是不再上课的第一天，应晚于 \(lastDate)；如这天的考勤是误记，先删去它（tuoguan edit attendance \(student.id) \(course.id) \(lastDate) --status 无 --note 原因），再办理退课",
                en: "the withdrawal date is the first day no longer attending: after \(lastDate); if that mark was recorded by mistake, remove it first (tuoguan edit attendance \(student.id) \(course.id) \(lastDate) --status none --note WHY), then withdraw"),
            excerpt: date.description)
    }
}
