import GRDB
import TuoguanCore

/// The reads of the history page and the web page's cache: what was done to the ledger, a session's marks,
/// the ledger's fingerprint.
extension LedgerReader {
    /// The latest `limit` things done to the ledger, newest first (see ``Ledger/activity(limit:offset:)``).
    func activity(limit: Int, offset: Int) throws -> [LedgerActivity] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM (
                    SELECT kind AS what, entry_id AS ref, COALESCE(student_id, '') || COALESCE(' ' || course_id, '') AS subject,
                        amount, note, recorded_by, recorded_at, seq AS jseq, 1 AS src, seq FROM journal
                    UNION ALL SELECT kind, entry_id, line || ' ' || payee, amount, note, recorded_by, recorded_at,
                        NULL, 2, seq FROM expenses
                    UNION ALL SELECT kind, event_id, COALESCE(student_id, '') || COALESCE(' ' || course_id, ''),
                        NULL, TRIM(reason || ' ' || note), recorded_by, recorded_at, NULL, 3, seq FROM events
                    UNION ALL SELECT 'edit', subject_id || COALESCE(' ' || course_id, ''), field,
                        NULL, COALESCE(old_value, '') || ' → ' || COALESCE(new_value, '') || '：' || note,
                        recorded_by, recorded_at, NULL, 4, seq FROM history
                    UNION ALL SELECT 'import', kind, file, NULL, '', recorded_by, recorded_at, NULL, 5, id
                        FROM import_batches
                    UNION ALL SELECT 'account', name, action, NULL, detail, recorded_by, recorded_at, NULL, 6, seq
                        FROM account_log
                    UNION ALL SELECT 'approval', kind, CAST(journal_entries AS TEXT), NULL, note, approved_by, approved_at,
                        NULL, 7, seq FROM approvals
                ) ORDER BY recorded_at DESC, src DESC, seq DESC LIMIT ? OFFSET ?
                """, arguments: [limit, offset]
        ).map { row in
            LedgerActivity(
                what: row["what"], ref: row["ref"], subject: row["subject"] ?? "", amountFen: row["amount"],
                note: row["note"] ?? "", recordedBy: row["recorded_by"], recordedAt: row["recorded_at"],
                journalSeq: row["jseq"], expenseSeq: row["src"] == 2 ? row["seq"] : nil,
                eventSeq: row["src"] == 3 ? row["seq"] : nil)
        }
    }

    /// The marks recorded for a course's session on a day: student id → `present`, `leave` or `absent`.
    func attendanceMarks(courseId: String, date: CivilDate) throws -> [String: String] {
        var marks: [String: String] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT st.id, a.status FROM attendance a JOIN students st ON st.no = a.student_no
                JOIN sessions se ON se.id = a.session_id WHERE se.course_id = ? AND se.date = ?
                """, arguments: [courseId, date.description])
        for row in rows { marks[row[0]] = AttendanceCode.name(row[1]) }
        return marks
    }

    /// The last entry of every append-only record, as `journal.expenses.events.history.imports.approvals`.
    func fingerprint() throws -> String {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT (SELECT MAX(seq) FROM journal), (SELECT MAX(seq) FROM expenses), (SELECT MAX(seq) FROM events),
                    (SELECT MAX(seq) FROM history), (SELECT MAX(id) FROM import_batches), (SELECT MAX(seq) FROM approvals)
                """)
        return (0..<6).map { String((row?[$0] as Int64?) ?? 0) }.joined(separator: ".")
    }
}
