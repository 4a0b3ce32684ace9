import GRDB
import TuoguanCore

/// The reads of master data and its history: a teacher that exists, what an enrolment's dates are used by
/// (an event in force, recorded attendance), and the history with its hash chain.
extension LedgerReader {
    /// Whether a teacher with this 工号 is recorded.
    func teacherExists(_ id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM teachers WHERE id = ?)", arguments: [id]) == true
    }

    /// Refuses a teacher that is not recorded (`flag`: the option that named it, if any).
    ///
    /// ```swift
    /// try reader.requireTeacher("T9", flag: "--teacher")   // 未知的教师“T9”
    /// ```
    func requireTeacher(_ id: String, flag: String?) throws {
        guard try !teacherExists(id) else { return }
        throw TuoguanError(
            .unknownReference, zh: "未知的教师“\(id)”", en: "unknown teacher \"\(id)\"",
            fix: LocalizedText(zh: "检查工号（tuoguan find 可按姓名查找），或先导入教师名单", en: "check the id (tuoguan find looks teachers up by name), or import the teachers first"),
            at: flag.map { SourceLocation(key: $0) }, excerpt: id)
    }

    /// An enrolment's dates cannot be corrected while a withdrawal or a cancellation in force has used them:
    /// its refund was computed from them, and only `undo` takes it back (a correction of its refund alone is
    /// refused). Refused with the `undo` to run first.
    ///
    /// ```swift
    /// try reader.requireNoEventInForce(student: "S002", course: "X1", flag: "--until")   // W1 in force: throws
    /// ```
    func requireNoEventInForce(student: String, course: String, flag: String) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.event_id, e.kind FROM events e
                WHERE e.kind IN ('withdrawal', 'cancellation') AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.event_id)
                  AND ((e.kind = 'withdrawal' AND e.student_id = ?1 AND e.course_id = ?2)
                    OR EXISTS (SELECT 1 FROM event_parts p JOIN journal j ON j.entry_id = p.ref
                               WHERE p.seq = e.seq AND p.part = 'refund' AND j.student_id = ?1 AND j.course_id = ?2))
                ORDER BY e.seq LIMIT 1
                """, arguments: [student, course])
        guard let row = rows.first else { return }
        let id: String = row["event_id"]
        let withdrawal = (row["kind"] as String) == "withdrawal"
        throw TuoguanError(
            .conflict,
            zh: "\(student) 在 \(course) 的\(withdrawal ? "退课" : "停课") \(id) 仍然有效，其退费按报名日期计算，不能再改日期",
            en: "the \(withdrawal ? "withdrawal" : "cancellation") \(id) of \(student) in \(course) is in force, its refund computed from these dates: they cannot change now",
            fix: LocalizedText(
                zh: "先撤销（tuoguan undo --entry \(id) --id 新编号 --note 原因），改好后再重新登记\(withdrawal ? "退课" : "停课")",
                en: "undo it first (tuoguan undo --entry \(id) --id NEW-ID --note WHY), make the change, then record the \(withdrawal ? "withdrawal" : "cancellation") again"),
            at: SourceLocation(key: flag), excerpt: id)
    }

    /// Refuses enrolment dates that would leave recorded attendance outside them.
    func requireAttendanceInside(student: String, course: String, window: EnrolmentWindow) throws {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT MIN(se.date) AS first, MAX(se.date) AS last FROM attendance a
                    JOIN students st ON st.no = a.student_no JOIN sessions se ON se.id = a.session_id
                    WHERE st.id = ? AND se.course_id = ?
                    """, arguments: [student, course]),
            let first = (row["first"] as String?).flatMap(CivilDate.init(parsing:)),
            let last = (row["last"] as String?).flatMap(CivilDate.init(parsing:))
        else { return }
        // The last day is on or after the first: outside the window either before it or from its end on.
        let outside = first < window.from ? (first, "--from") : (!window.contains(last) ? (last, "--until") : nil)
        if let (date, flag) = outside {
            throw TuoguanError(
                .conflict, zh: "\(student) 在 \(course) 于 \(date) 有考勤记录，不能落在报名日期之外",
                en: "\(student) has attendance in \(course) on \(date), which would fall outside the enrolment",
                fix: LocalizedText(
                    zh: "核对日期：报名应包含所有已记考勤的日子（退课日期是不再上课的第一天）",
                    en: "check the dates: the enrolment must cover every day with attendance (until is the first day no longer attending)"),
                at: SourceLocation(key: flag), excerpt: date.description)
        }
    }

    // MARK: - History

    /// The history of a student (their enrolments' included), teacher or course, oldest first.
    func history(of subject: MasterSubject, id: String) throws -> [MasterChange] {
        let subjects = subject == .student ? ["student", "enrollment"] : [subject.rawValue]
        return try Row.fetchAll(
            db, sql: "SELECT * FROM history WHERE subject_id = ? AND subject IN (?, ?) ORDER BY seq",
            arguments: [id, subjects[0], subjects.last!]
        ).map(Ledger.change(from:))
    }

    /// The history's hash chain checked: (rows, the first break or nil).
    func verifyHistory() throws -> (changes: Int, firstBreak: String?) {
        var previous = ""
        var expected: Int64 = 1
        var count = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM history ORDER BY seq")
        while let row = try rows.next() {
            count += 1
            let change = Ledger.change(from: row)
            let label = "history \(change.seq) (\(change.subject.rawValue) \(change.subjectId) \(change.field))"
            if change.seq != expected { return (count, "\(label): sequence number where \(expected) was expected (a change is missing)") }
            if (row["prev_hash"] as String) != previous { return (count, "\(label): does not link to the change before it") }
            if Ledger.historyHash(change, previous: previous) != (row["hash"] as String) {
                return (count, "\(label): hash does not match its contents (edited after it was recorded)")
            }
            previous = row["hash"]
            expected += 1
        }
        return (count, nil)
    }
}
