import GRDB
import TuoguanCore

/// The lookups every event needs, in one place: a student, a course, an enrolment's window, an event, a journal
/// entry, a family's totals, what was refunded for a course, and whether an id is free.
extension LedgerReader {
    // MARK: - Reference rows

    /// The student with this 学号, or nil.
    func student(_ id: String) throws -> Student? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM students WHERE id = ?"), arguments: [id])
            .map(Ledger.student(from:))
    }

    /// The course with this id, or nil.
    func course(_ id: String) throws -> Course? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM courses WHERE id = ?"), arguments: [id])
            .map(Ledger.course(from:))
    }

    /// The student with this 学号, or `.unknownReference`.
    func requireStudent(_ id: String) throws -> Student {
        guard let student = try student(id) else {
            throw TuoguanError(
                .unknownReference, zh: "未知的学生“\(id)”", en: "unknown student \"\(id)\"",
                fix: LocalizedText(zh: "检查学号，或先导入学生名单", en: "check the student id, or import the students first"),
                excerpt: id)
        }
        return student
    }

    /// The course with this id, or `.unknownReference`.
    func requireCourse(_ id: String) throws -> Course {
        guard let course = try course(id) else {
            throw TuoguanError(
                .unknownReference, zh: "未知的课程“\(id)”", en: "unknown course \"\(id)\"",
                fix: LocalizedText(zh: "检查课程编号，或先导入课程", en: "check the course id, or import the courses first"),
                excerpt: id)
        }
        return course
    }

    // MARK: - Enrolments

    /// The window of `studentId`'s enrolment in `courseId`, or nil when not enrolled.
    func enrolment(studentId: String, courseId: String) throws -> EnrolmentWindow? {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT from_date, until_date FROM enrollments WHERE student_id = ? AND course_id = ?"),
                arguments: [studentId, courseId])
        else { return nil }
        return try Self.window(from: row["from_date"], until: row["until_date"], label: "\(studentId) \(courseId)")
    }

    /// The window of `studentId`'s enrolment in `courseId`, or `.unknownReference`.
    func requireEnrolment(studentId: String, courseId: String) throws -> EnrolmentWindow {
        guard let window = try enrolment(studentId: studentId, courseId: courseId) else {
            throw TuoguanError(
                .unknownReference, zh: "学生 \(studentId) 没有报名课程 \(courseId)",
                en: "student \(studentId) is not enrolled in course \(courseId)",
                fix: LocalizedText(zh: "检查学号和课程编号，或先导入报名表", en: "check the student and course ids, or import the enrollments first"),
                excerpt: "\(studentId) \(courseId)")
        }
        return window
    }

    /// An enrolment's stored dates as its window; dates the ledger cannot hold are `.ledgerTampered`.
    static func window(from: String?, until: String?, label: String) throws -> EnrolmentWindow {
        guard let first = from.flatMap(CivilDate.init(parsing:)),
            let window = EnrolmentWindow.checked(from: first, until: until.flatMap(CivilDate.init(parsing:))),
            until == nil || window.until != nil
        else {
            throw TuoguanError(
                .ledgerTampered, zh: "报名 \(label) 的日期无法读取（\(from ?? "无") 至 \(until ?? "无")）",
                en: "the dates of enrolment \(label) are unreadable (\(from ?? "none") to \(until ?? "none"))")
        }
        return window
    }

    // MARK: - Events

    /// The event with this id, with its parts, or nil.
    func event(_ id: String) throws -> LedgerEvent? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE event_id = ?", arguments: [id]) else {
            return nil
        }
        return LedgerEvent(row: row, parts: try eventParts(seq: row["seq"]))
    }

    /// The parts of the event with sequence number `seq`, in order.
    func eventParts(seq: Int64) throws -> [LedgerEvent.Part] {
        try Row.fetchAll(db, sql: "SELECT * FROM event_parts WHERE seq = ? ORDER BY line", arguments: [seq]).compactMap { row in
            guard let kind = LedgerEvent.Part.Kind(rawValue: row["part"]) else { return nil }
            return LedgerEvent.Part(
                kind: kind, ref: row["ref"], date: (row["date"] as String?).flatMap(CivilDate.init(parsing:)),
                prior: row["prior"])
        }
    }

    /// The undo that took `eventId` back, if any.
    func undoOf(_ eventId: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT event_id FROM events WHERE undoes = ?", arguments: [eventId])
    }

    /// The withdrawal or cancellation that recorded refund `refundId`, if any.
    func eventOfRefund(_ refundId: String) throws -> String? {
        try String.fetchOne(
            db,
            sql: "SELECT e.event_id FROM event_parts p JOIN events e ON e.seq = p.seq WHERE p.part = 'refund' AND p.ref = ?",
            arguments: [refundId])
    }

    // MARK: - Money

    /// The money journal's entry with this id, or nil.
    func journalEntry(_ id: String) throws -> JournalEntry? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM journal WHERE entry_id = ?"), arguments: [id])
            .flatMap(JournalEntry.init(row:))
    }

    /// What a family has paid and had refunded (reversed entries left out); a credit carried in from the term
    /// before counts as paid (the family paid it then and has not had it back).
    func familyTotals(studentId: String) throws -> (paid: Money, refunded: Money) {
        let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(Self.familySums) FROM journal j WHERE student_id = ? AND \(Self.familyEntries)"),
            arguments: [studentId])
        return (Money(fen: row?["paid"] ?? 0), Money(fen: row?["refunded"] ?? 0))
    }

    /// The columns of ``familyTotals(studentId:)`` over the journal's rows `j` (`paid`, `refunded`), and the
    /// rows they add up (one family's with `student_id = ?`, or many grouped by `student_id`).
    static let familySums = """
        COALESCE(SUM(CASE WHEN kind = 'payment' OR (kind = 'opening' AND reason = 'credit') THEN amount END), 0) AS paid,
        COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0) AS refunded
        """
    static let familyEntries = """
        kind IN ('payment', 'refund', 'opening') AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
        """

    /// What the refunds for one course add up to now (reversed refunds left out).
    func courseRefunded(studentId: String, courseId: String) throws -> Money {
        Money(
            fen: try Int64.fetchOne(
                db,
                sql: """
                    SELECT COALESCE(SUM(amount), 0) FROM journal j
                    WHERE student_id = ? AND course_id = ? AND kind = 'refund'
                      AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                    """, arguments: [studentId, courseId]) ?? 0)
    }

    /// The refunds not reversed for a course (and one student, if given), oldest first.
    func courseRefunds(courseId: String, studentId: String?) throws -> [String] {
        try String.fetchAll(
            db,
            sql: """
                SELECT entry_id FROM journal j WHERE kind = 'refund' AND course_id = ?1 AND (?2 IS NULL OR student_id = ?2)
                  AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id) ORDER BY seq
                """, arguments: [courseId, studentId])
    }

    // MARK: - Ids

    /// Refuses a payment, refund or correction id that an expense or its correction already uses.
    func requireIdFreeInSpendingJournal(_ id: String) throws {
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM expenses WHERE entry_id = ?"), arguments: [id]),
            let existing = ExpenseEntry(row: row)
        else { return }
        throw TuoguanError(
            .conflict, zh: "编号 \(id) 已用于一笔支出：\(existing.summary)",
            en: "id \(id) is already used in the spending journal: \(existing.summary)",
            fix: LocalizedText(zh: "换一个编号", en: "use another id"), excerpt: id)
    }

    /// Refuses an expense id that a payment, refund or their correction already uses.
    func requireIdFreeInMoneyJournal(_ id: String) throws {
        guard let existing = try journalEntry(id) else { return }
        throw ExpenseRefusal.idInMoneyJournal(id: id, summary: existing.summary).error
    }
}
