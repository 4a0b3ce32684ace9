import GRDB
import TuoguanCore

/// One thing done to the ledger, for the history page: who did what, when, why.
///
/// ```swift
/// let last = try ledger.activity(limit: 10)
/// last[0].what      // "payment"
/// last[0].ref       // "R0001"
/// ```
public struct LedgerActivity: Sendable, Equatable {
    /// `payment`, `refund`, `reversal`, `expense`, `withdrawal`, `cancellation`, `undo`, `edit`, `import`,
    /// `account`, `approval`.
    public var what: String
    /// The entry's id (a receipt, a refund, an event, a field's subject, an imported file …).
    public var ref: String
    /// What it touched: the student or the course, the amount in fen where there is one.
    public var subject: String
    public var amountFen: Int64?
    /// The note kept with it (why), or the detail (an import's kind, an edit's field and values).
    public var note: String
    public var recordedBy: String
    /// UTC, as stored.
    public var recordedAt: String
    /// The money journal's entry number, for journal entries (`账本第 172 笔`).
    public var journalSeq: Int64?
    /// The spending journal's and the events' entry numbers, for their entries.
    public var expenseSeq: Int64?
    public var eventSeq: Int64?

    /// Whether this was recorded after the ledger's `point` (an approval's): a later entry of one of the chains.
    public func isAfter(_ point: LedgerPoint) -> Bool {
        if let s = journalSeq { return s > Int64(point.journalEntries) }
        if let s = expenseSeq { return s > Int64(point.expenseEntries) }
        if let s = eventSeq { return s > Int64(point.eventEntries) }
        return false
    }
}

extension Ledger {
    /// The latest `limit` things done to the ledger, newest first, from every append-only record: the money
    /// journal, the spending journal, the events, the history of corrections, the imports, the accounts' log
    /// and the approvals.
    public func activity(limit: Int = 100, offset: Int = 0) throws -> [LedgerActivity] {
        try reading { reader in
            try Row.fetchAll(
                reader.db,
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
    }
}

extension Ledger {
    /// The marks recorded for a course's session on a day: student id → `present`, `leave` or `absent`
    /// (students without a mark are absent from the dictionary; no session: empty).
    public func attendanceMarks(courseId: String, date: CivilDate) throws -> [String: String] {
        try reading { reader in
            var marks: [String: String] = [:]
            let rows = try Row.fetchAll(
                reader.db,
                sql: """
                    SELECT st.id, a.status FROM attendance a JOIN students st ON st.no = a.student_no
                    JOIN sessions se ON se.id = a.session_id WHERE se.course_id = ? AND se.date = ?
                    """, arguments: [courseId, date.description])
            for row in rows { marks[row[0]] = AttendanceCode.name(row[1]) }
            return marks
        }
    }
}

extension Ledger {
    /// A fingerprint of what the ledger holds: the last entry of every append-only record (the money journal,
    /// the spending journal, the events, the history of corrections, the imports, the approvals). Every write of tuoguan appends
    /// to one of them in the same transaction, so two equal fingerprints mean the same facts: a reader (the web
    /// page) may keep a term computation for as long as the fingerprint stays the same.
    public func fingerprint() throws -> String {
        try reading { reader in
            let row = try Row.fetchOne(
                reader.db,
                sql: """
                    SELECT (SELECT MAX(seq) FROM journal), (SELECT MAX(seq) FROM expenses), (SELECT MAX(seq) FROM events),
                        (SELECT MAX(seq) FROM history), (SELECT MAX(id) FROM import_batches), (SELECT MAX(seq) FROM approvals)
                    """)
            return (0..<6).map { String((row?[$0] as Int64?) ?? 0) }.joined(separator: ".")
        }
    }
}
