import GRDB
import TuoguanCore

/// The reads of a correction of attendance (``Ledger/editAttendance(student:course:date:status:note:by:)``):
/// the mark to change, a withdrawal the marks are frozen by, and after the change what
/// ``AttendanceEditDecision`` needs.
extension LedgerReader {
    /// The session and the student's mark at it; refuses a day without a session or a cancelled one, and a new
    /// mark outside the enrolment.
    ///
    /// ```swift
    /// let mark = try reader.mark(student: "S1", course: "X1", date: d, adding: true)   // old: "present"
    /// ```
    func mark(student id: String, course courseId: String, date: CivilDate, adding: Bool) throws -> Ledger.MarkTarget {
        let student = try requireStudent(id)
        _ = try requireCourse(courseId)
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
        if code == nil && adding { try requireEnrolled(id, in: courseId, on: date) }
        return Ledger.MarkTarget(
            session: session["id"], studentNo: no, studentId: id, studentName: student.name, courseId: courseId, date: date,
            old: code.map(AttendanceCode.name), new: nil)
    }

    /// Refuses a new mark on a day outside the student's enrolment in the course.
    private func requireEnrolled(_ id: String, in courseId: String, on date: CivilDate) throws {
        let enrollment = try requireEnrolment(studentId: id, courseId: courseId)
        guard !enrollment.contains(date) else { return }
        throw TuoguanError(
            .conflict,
            zh: "\(id) 在 \(date) 不在课程 \(courseId) 的报名期内（\(enrollment.from) 起\(enrollment.until.map { "，\($0) 退课" } ?? "")）",
            en: "\(id) is not enrolled in \(courseId) on \(date) (from \(enrollment.from)\(enrollment.until.map { ", left \($0)" } ?? ""))",
            fix: LocalizedText(
                zh: "核对日期；如报名日期有误，先 tuoguan edit enrollment \(id) \(courseId) --from 日期 --note 原因",
                en: "check the date; if the enrolment's dates are wrong, first tuoguan edit enrollment \(id) \(courseId) --from DATE --note WHY"),
            excerpt: date.description)
    }

    /// Refuses a change of a recorded mark of an enrolment whose withdrawal is in force: its refund was
    /// computed from the marks.
    func requireNoWithdrawalInForce(_ mark: Ledger.MarkTarget) throws {
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

    /// What ``AttendanceEditDecision`` needs after `changes` were written and the tallies recounted: each
    /// enrolment changed (sorted by student and course id) with its usage under the new marks, its refunds,
    /// and, when a leave was taken away, its refunds for personal leave.
    ///
    /// ```swift
    /// let facts = try writer.reader.attendanceEditFacts(changes)
    /// ```
    func attendanceEditFacts(_ changes: [AttendanceChange]) throws -> AttendanceEditFacts {
        let pairs = Set(changes.map { [$0.studentId, $0.courseId] })
        let leaveTaken = Set(changes.filter { $0.old == "leave" && $0.new != "leave" }.map { [$0.studentId, $0.courseId] })
        var enrolments: [AttendanceEditFacts.Enrolment] = []
        for pair in pairs.sorted(by: { $0.joined() < $1.joined() }) {
            let (id, courseId) = (pair[0], pair[1])
            let student = try requireStudent(id)
            let course = try requireCourse(courseId)
            let window = try requireEnrolment(studentId: id, courseId: courseId)
            enrolments.append(
                AttendanceEditFacts.Enrolment(
                    student: student, course: course, usage: try usage(studentId: id, course: course, window: window).usage,
                    refunded: try courseRefunded(studentId: id, courseId: courseId),
                    firstRefund: try courseRefunds(courseId: courseId, studentId: id).first,
                    leaveTakenAway: leaveTaken.contains(pair) ? try leaveRefunds(student: id, course: courseId) : nil))
        }
        return AttendanceEditFacts(enrolments: enrolments)
    }

    /// The lessons refunded for personal leave (by lessons, not reversed) with the first such refund, and the
    /// lessons on leave the enrolment's tallies count now.
    func leaveRefunds(student id: String, course courseId: String) throws -> AttendanceEditFacts.LeaveRefunds {
        let refunded = try Row.fetchOne(
            db,
            sql: """
                SELECT COALESCE(SUM(lessons), 0) AS lessons, MIN(entry_id) AS first FROM journal j
                WHERE kind = 'refund' AND reason = 'personal_leave' AND student_id = ? AND course_id = ?
                  AND lessons IS NOT NULL AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                """, arguments: [id, courseId])
        let leave = try Int.fetchOne(
            db, sql: "SELECT leave FROM usage_tallies WHERE student_id = ? AND course_id = ?", arguments: [id, courseId]) ?? 0
        return AttendanceEditFacts.LeaveRefunds(
            lessonsRefunded: refunded?["lessons"] ?? 0, firstRefund: refunded?["first"], leaveAfter: leave)
    }
}
