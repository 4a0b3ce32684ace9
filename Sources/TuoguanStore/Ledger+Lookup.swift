import GRDB
import TuoguanCore

/// Finding things for the clerk: students, teachers, courses, receipts and refunds by id or (part of a) name,
/// and the journal's entries as records to show.
///
/// ```swift
/// for item in try ledger.find("张") { print(item.kind, item.id, item.name) }
/// let receipt = try ledger.moneyRecord(id: "R0001")
/// ```
extension Ledger {
    /// Everything whose id or name contains `text` (case-insensitive for Latin letters): students, teachers,
    /// courses, then receipts and refunds (by id, or by their student's id or name), at most `limit` of each kind.
    public func find(_ text: String, limit: Int = 50) throws -> [FoundItem] {
        let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try read { db in
            var out: [FoundItem] = []
            for row in try Row.fetchAll(
                db,
                sql: "SELECT id, name, grade, class FROM students WHERE id LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' ORDER BY id LIMIT ?2",
                arguments: [pattern, limit])
            {
                out.append(FoundItem(kind: .student, id: row["id"], name: row["name"], detail: row["class"]))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT id, name, kind FROM teachers WHERE id LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' ORDER BY id LIMIT ?2",
                arguments: [pattern, limit])
            {
                out.append(FoundItem(kind: .teacher, id: row["id"], name: row["name"], detail: row["kind"]))
            }
            for row in try Row.fetchAll(
                db, sql: "SELECT id, name, teacher_id FROM courses WHERE id LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' ORDER BY id LIMIT ?2",
                arguments: [pattern, limit])
            {
                out.append(FoundItem(kind: .course, id: row["id"], name: row["name"], detail: row["teacher_id"]))
            }
            for kind in ["payment", "refund"] {
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT j.entry_id, j.student_id, j.amount, j.date, s.name FROM journal j JOIN students s ON s.id = j.student_id
                        WHERE j.kind = ?3 AND (j.entry_id LIKE ?1 ESCAPE '\\' OR s.id LIKE ?1 ESCAPE '\\' OR s.name LIKE ?1 ESCAPE '\\')
                        ORDER BY j.seq LIMIT ?2
                        """, arguments: [pattern, limit, kind])
                {
                    out.append(
                        FoundItem(
                            kind: kind == "payment" ? .receipt : .refund, id: row["entry_id"], name: row["name"],
                            detail: "\(row["student_id"] as String) \(row["date"] as String) \(Money(fen: row["amount"]).formatted())"))
                }
            }
            return out
        }
    }

    /// One payment, refund or reversal by its id; nil if there is none.
    public func moneyRecord(id: String) throws -> MoneyRecord? {
        try read { db in try moneyRecords(db, where: "j.entry_id = ?", id).first }
    }

    /// Every payment, refund and reversal of one family, in the order recorded.
    public func moneyRecords(studentId: String) throws -> [MoneyRecord] {
        try read { db in try moneyRecords(db, where: "j.student_id = ?", studentId) }
    }

    private func moneyRecords(_ db: Database, where condition: String, _ argument: String) throws -> [MoneyRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT j.*, s.name AS student_name, c.name AS course_name,
                       (SELECT r.entry_id FROM journal r WHERE r.reverses = j.entry_id) AS reversed_by
                FROM journal j JOIN students s ON s.id = j.student_id LEFT JOIN courses c ON c.id = j.course_id
                WHERE \(condition) ORDER BY j.seq
                """, arguments: [argument]
        ).compactMap { row in
            guard let entry = JournalEntry(row: row), let kind = MoneyRecord.Kind(rawValue: entry.kind.rawValue) else { return nil }
            var record = MoneyRecord(
                entryId: entry.entryId, kind: kind, studentId: entry.studentId, studentName: row["student_name"],
                courseId: entry.courseId, courseName: row["course_name"], amount: entry.amount, lessons: entry.lessons,
                date: entry.date, method: entry.method, reason: entry.reason, note: entry.note, reverses: entry.reverses,
                reversedBy: row["reversed_by"], recordedBy: row["recorded_by"], recordedAt: row["recorded_at"],
                unit: entry.unit)
            record.openingCredit = entry.side.map { $0 == .credit }
            return record
        }
    }

    /// A teacher by id, or nil.
    public func teacher(id: String) throws -> Teacher? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM teachers WHERE id = ?", arguments: [id]).map(Self.teacher(from:)) }
    }

    /// A course by id, or nil.
    public func course(id: String) throws -> Course? {
        try read { db in try fetchCourse(id, db: db) }
    }
}
