import GRDB
import TuoguanCore

/// Finding things for the clerk (``Ledger/find(_:limit:)``, ``Ledger/moneyRecord(id:)``): students, teachers,
/// courses, receipts and refunds by id or (part of a) name, and the journal's entries as records to show.
extension LedgerReader {
    /// Everything whose id or name contains `text` (``Ledger/find(_:limit:)``).
    func find(_ text: String, limit: Int) throws -> [FoundItem] {
        let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
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

    /// The journal's entries matching `condition` (one argument) as records to show, in the order recorded.
    func moneyRecords(where condition: String, _ argument: String) throws -> [MoneyRecord] {
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

    /// The teacher with this id, or nil.
    func teacher(_ id: String) throws -> Teacher? {
        try Row.fetchOne(db, sql: "SELECT * FROM teachers WHERE id = ?", arguments: [id]).map(Ledger.teacher(from:))
    }
}
