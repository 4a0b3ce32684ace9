import GRDB
import TuoguanCore
import TuoguanInput

/// Corrections of attendance, kept like master data: each changed mark is one row of the history (subject the
/// enrolment, field `attendance DATE`, old, new, who, when, why), append-only and hash-chained. The tallies are
/// recounted in the same transaction and the money follows at the next computation (a charge settled by use
/// changes). What money already depends on is refused, saying what to do first: a recorded mark of an
/// enrolment whose withdrawal is in force (its refund was computed from the marks), refunds for the course
/// past its fee after the change, or a leave taken away that a refund for personal leave was given for. (A new mark inside the enrolment is added as an import adds it.)
extension Ledger {
    /// Sets (or with `status` nil removes) one student's mark in a course on a day. Returns the change, or nil
    /// when the mark was already so (nothing recorded). `status`: `present`, `leave` or `absent`, or any
    /// word of the attendance sheets (`√`, `假`, `×` …).
    ///
    /// ```swift
    /// try ledger.editAttendance(student: "S1", course: "X1", date: d, status: "假", note: "家长补假条", by: "王老师")
    /// ```
    public func editAttendance(
        student: String, course: String, date: CivilDate, status: String?, note: String, by: String
    ) throws -> AttendanceChange? {
        try requireNote(note)
        let new = try status.map(Self.attendanceStatus)
        return try record { writer in
            let mark = try locateMark(student: student, course: course, date: date, adding: new != nil, db: writer.db)
            guard mark.old != new else { return nil }
            return try applyMarkChanges([mark.changed(to: new)], note: note, by: by, db: writer.db).first
        }
    }

    /// Sets the marks of one session at once (a class teacher's entry page: every student of the course on a
    /// day), all or nothing: each student's status (nil removes the mark), returning the marks that changed
    /// (added, changed or removed) in the order given. The same checks and history as
    /// ``editAttendance(student:course:date:status:note:by:)``; the first refusal undoes them all.
    ///
    /// ```swift
    /// let changed = try ledger.editAttendance(course: "X1", date: d, marks: [("S1", "√"), ("S2", "假")],
    ///                                         note: "班主任录入", by: "王老师")
    /// ```
    public func editAttendance(
        course: String, date: CivilDate, marks: [(student: String, status: String?)], note: String, by: String
    ) throws -> [AttendanceChange] {
        try requireNote(note)
        let wanted = try marks.map { ($0.student, try $0.status.map(Self.attendanceStatus)) }
        return try record { writer in
            var targets: [MarkTarget] = []
            var seen: Set<String> = []
            for (student, status) in wanted {
                guard seen.insert(student).inserted else {
                    throw TuoguanError(
                        .duplicate, zh: "学生 \(student) 在这一天出现了两次", en: "student \(student) appears twice for this day",
                        fix: LocalizedText(zh: "每个学生只给一个考勤", en: "give each student one mark"), excerpt: student)
                }
                let mark = try locateMark(student: student, course: course, date: date, adding: status != nil, db: writer.db)
                if mark.old != status { targets.append(mark.changed(to: status)) }
            }
            return try applyMarkChanges(targets, note: note, by: by, db: writer.db)
        }
    }

    /// The canonical status of an attendance word; a usage error listing the words otherwise.
    static func attendanceStatus(_ word: String) throws -> String {
        if let status = SchoolWords.attendanceStatus(word) { return status }
        throw TuoguanError(
            .usage, zh: "考勤状态“\(word)”无法识别", en: "attendance status \"\(word)\" is not known",
            fix: LocalizedText(
                zh: "应为 出勤（√、到）、请假（假）、缺勤（×、缺），或 无（删去这条考勤）",
                en: "use present (√), leave (假), absent (×), or none to remove the mark"),
            at: SourceLocation(key: "--status"), excerpt: word)
    }

    /// A mark as found in the ledger, about to change.
    struct MarkTarget {
        var session: Int64
        var studentNo: Int64
        var studentId: String
        var studentName: String
        var courseId: String
        var date: CivilDate
        var old: String?
        var new: String?

        func changed(to status: String?) -> MarkTarget {
            var copy = self
            copy.new = status
            return copy
        }
    }

    /// The session and the student's mark at it; refuses a day without a session or a cancelled one, and a new mark outside
    /// the enrolment.
    func locateMark(student id: String, course courseId: String, date: CivilDate, adding: Bool, db: Database) throws -> MarkTarget {
        let student = try reader(db).requireStudent(id)
        _ = try reader(db).requireCourse(courseId)
        guard
            let session = try Row.fetchOne(
                db, sql: "SELECT id, status FROM sessions WHERE course_id = ? AND date = ?", arguments: [courseId, date.description])
        else {
            throw TuoguanError(
                .unknownReference, zh: "课程 \(courseId) 在 \(date) 没有课次", en: "course \(courseId) has no session on \(date)",
                fix: LocalizedText(
                    zh: "核对日期（tuoguan show course \(courseId) 列出课次），或先导入该课次",
                    en: "check the date (tuoguan show course \(courseId) lists its sessions), or import the session first"),
                excerpt: date.description)
        }
        if (session["status"] as String) == "cancelled" {
            throw TuoguanError(
                .conflict, zh: "课程 \(courseId) 在 \(date) 已停课，没有考勤", en: "the session of \(courseId) on \(date) was cancelled: it has no attendance",
                fix: LocalizedText(
                    zh: "如果那天其实上了课，先撤销停课（tuoguan undo），再登记考勤", en: "if it was held after all, undo the cancellation first (tuoguan undo)"),
                excerpt: date.description)
        }
        let no = try Int64.fetchOne(db, sql: "SELECT no FROM students WHERE id = ?", arguments: [id]) ?? 0
        let code = try Int64.fetchOne(
            db, sql: "SELECT status FROM attendance WHERE session_id = ? AND student_no = ?", arguments: [session["id"] as Int64, no])
        if code == nil && adding {
            let enrollment = try reader(db).requireEnrolment(studentId: id, courseId: courseId)
            if !enrollment.contains(date) {
                throw TuoguanError(
                    .conflict,
                    zh: "\(id) 在 \(date) 不在课程 \(courseId) 的报名期内（\(enrollment.from) 起\(enrollment.until.map { "，\($0) 退课" } ?? "")）",
                    en: "\(id) is not enrolled in \(courseId) on \(date) (from \(enrollment.from)\(enrollment.until.map { ", left \($0)" } ?? ""))",
                    fix: LocalizedText(
                        zh: "核对日期；如报名日期有误，先 tuoguan edit enrollment \(id) \(courseId) --from 日期 --note 原因",
                        en: "check the date; if the enrolment's dates are wrong, first tuoguan edit enrollment \(id) \(courseId) --from DATE --note WHY"),
                    excerpt: date.description)
            }
        }
        return MarkTarget(
            session: session["id"], studentNo: no, studentId: id, studentName: student.name, courseId: courseId, date: date,
            old: code.map(AttendanceCode.name), new: nil)
    }

    /// Writes each change (row, session tally, history), recounts the enrolments' tallies, then refuses, in the
    /// caller's transaction (so nothing stays), what a recorded withdrawal or refund depends on.
    func applyMarkChanges(_ marks: [MarkTarget], note: String, by: String, db: Database) throws -> [AttendanceChange] {
        var out: [AttendanceChange] = []
        var batch: Int64?
        for mark in marks where mark.old != mark.new {
            // A new mark is what an import adds; a recorded one changed or removed is what a withdrawal's
            // refund was computed from.
            if mark.old != nil { try requireNoWithdrawalInForce(mark, db: db) }
            let oldCode = mark.old.flatMap(AttendanceCode.code)
            let newCode = mark.new.flatMap(AttendanceCode.code)
            switch (oldCode, newCode) {
            case (nil, let code?):
                if batch == nil {
                    try db.execute(
                        sql: "INSERT INTO import_batches (kind, file, recorded_by, recorded_at) VALUES ('attendance', 'edit attendance', ?, ?)",
                        arguments: [by, Ledger.timestamp()])
                    batch = db.lastInsertedRowID
                }
                try db.execute(
                    sql: "INSERT INTO attendance (session_id, student_no, status, batch) VALUES (?, ?, ?, ?)",
                    arguments: [mark.session, mark.studentNo, code, batch])
                // A session of the timetable is held once its attendance is recorded (as at import).
                try db.execute(
                    sql: "UPDATE sessions SET status = 'held' WHERE id = ? AND status = ?",
                    arguments: [mark.session, SessionState.scheduled])
            case (_?, let code?):
                try db.execute(
                    sql: "UPDATE attendance SET status = ? WHERE session_id = ? AND student_no = ?",
                    arguments: [code, mark.session, mark.studentNo])
            case (_?, nil):
                try db.execute(
                    sql: "DELETE FROM attendance WHERE session_id = ? AND student_no = ?", arguments: [mark.session, mark.studentNo])
            case (nil, nil):
                continue
            }
            try adjustPresent(session: mark.session, by: (newCode == 0 ? 1 : 0) - (oldCode == 0 ? 1 : 0), db: db)
            _ = try appendHistory(
                .enrollment, subjectId: mark.studentId, courseId: mark.courseId, field: AttendanceChange.field(mark.date),
                old: mark.old, new: mark.new, note: note, by: by, db: db)
            out.append(
                AttendanceChange(
                    studentId: mark.studentId, studentName: mark.studentName, courseId: mark.courseId, date: mark.date,
                    old: mark.old, new: mark.new))
        }
        let pairs = Set(out.map { [$0.studentId, $0.courseId] })
        try recountUsage(pairs: Array(pairs), db: db)
        let leaveTaken = Set(out.filter { $0.old == "leave" && $0.new != "leave" }.map { [$0.studentId, $0.courseId] })
        for pair in pairs.sorted(by: { $0.joined() < $1.joined() }) {
            try requireRefundsWithinFee(student: pair[0], course: pair[1], db: db)
            if leaveTaken.contains(pair) { try requireLeaveRefundsCovered(student: pair[0], course: pair[1], db: db) }
        }
        return out
    }

    /// Adds `delta` to the students counted present at a session (``Ledger/sessionTalliesTable``).
    private func adjustPresent(session: Int64, by delta: Int, db: Database) throws {
        guard delta != 0 else { return }
        try db.execute(
            sql: """
                INSERT INTO session_tallies (session_id, present) VALUES (?, ?)
                ON CONFLICT (session_id) DO UPDATE SET present = present + excluded.present
                """, arguments: [session, delta])
        try db.execute(sql: "DELETE FROM session_tallies WHERE session_id = ? AND present = 0", arguments: [session])
    }

    /// Refuses a change of a mark of an enrolment whose withdrawal is in force: its refund was computed from
    /// the marks.
    private func requireNoWithdrawalInForce(_ mark: MarkTarget, db: Database) throws {
        guard
            let id = try String.fetchOne(
                db,
                sql: """
                    SELECT event_id FROM events e WHERE kind = 'withdrawal' AND student_id = ? AND course_id = ?
                      AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.event_id) ORDER BY seq LIMIT 1
                    """, arguments: [mark.studentId, mark.courseId])
        else { return }
        let (s, c, d) = (mark.studentId, mark.courseId, mark.date)
        throw TuoguanError(
            .conflict,
            zh: "\(s) 在 \(c) 的退课 \(id) 仍然有效，其退费按当时的考勤计算，\(d) 的考勤不能再改",
            en: "the withdrawal \(id) of \(s) from \(c) is in force, its refund computed from the attendance: the mark of \(d) cannot change now",
            fix: LocalizedText(
                zh: "先撤销退课（tuoguan undo --entry \(id) --id 新编号 --note 原因），更正考勤，再重新办理退课（tuoguan withdraw）",
                en: "undo the withdrawal first (tuoguan undo --entry \(id) --id NEW-ID --note WHY), correct the mark, then withdraw again (tuoguan withdraw)"),
            excerpt: "\(s) \(c) \(d)")
    }

    /// Refuses taking away a leave that a refund for personal leave (by lessons) was given for: the enrolment
    /// keeps at least as many lessons on leave as were refunded as such.
    private func requireLeaveRefundsCovered(student id: String, course courseId: String, db: Database) throws {
        let refunded = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(lessons), 0) AS lessons, MIN(entry_id) AS first FROM journal j
                WHERE kind = 'refund' AND reason = 'personal_leave' AND student_id = ? AND course_id = ?
                  AND lessons IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                """, arguments: [id, courseId])
        let lessons: Int = refunded?["lessons"] ?? 0
        let leave = try Int.fetchOne(
            db, sql: "SELECT leave FROM usage_tallies WHERE student_id = ? AND course_id = ?", arguments: [id, courseId]) ?? 0
        guard lessons > leave, let refund: String = refunded?["first"] else { return }
        throw TuoguanError(
            .conflict,
            zh: "\(id) 在 \(courseId) 已按个人请假退费 \(lessons) 节（如退费 \(refund)），改后只有 \(leave) 节请假",
            en: "\(id) was refunded \(lessons) lessons of \(courseId) for personal leave (e.g. refund \(refund)); after the change only \(leave) are on leave",
            fix: LocalizedText(
                zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），更正考勤后按新的请假节数重新退费",
                en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note WHY), correct the mark, then refund the leave that remains"),
            excerpt: refund)
    }

    /// Refuses marks under which the refunds for a course would add up to more than its fee (a course charged
    /// by use, not prepaid).
    private func requireRefundsWithinFee(student id: String, course courseId: String, db: Database) throws {
        let read = reader(db)
        let student = try read.requireStudent(id)
        let course = try read.requireCourse(courseId)
        let window = try read.requireEnrolment(studentId: id, courseId: courseId)
        let used = try read.usage(studentId: id, course: course, window: window).usage
        let fee = try courseFee(student: student, course: course, usage: used)
        let refunded = try read.courseRefunded(studentId: id, courseId: courseId)
        guard refunded > fee, let refund = try courseRefunds(courseId: courseId, studentId: id, db: db).first else { return }
        throw TuoguanError(
            .conflict,
            zh: "改后 \(id) 的 \(courseId) 费用为 \(fee.formatted()) 元，少于已就该课程退的 \(refunded.formatted()) 元（如退费 \(refund)）",
            en: "after the change \(courseId) costs \(id) \(fee.formatted()), less than the \(refunded.formatted()) already refunded for it (e.g. refund \(refund))",
            fix: LocalizedText(
                zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），更正考勤后再按新的费用重新退费",
                en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note WHY), correct the mark, then refund again by the new fee"),
            excerpt: refund)
    }
}
