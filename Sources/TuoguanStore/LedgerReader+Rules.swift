import GRDB
import TuoguanCore

/// The reads of the rules in force and their changes: the stored text, the history and its chain, and what
/// is recorded that a change would re-price (``Ledger/refusal(of:today:reader:)`` decides from them).
extension LedgerReader {
    /// The rules text in force with its file, and who created the ledger when.
    func storedRules() throws -> (text: String, file: String, by: String, at: String) {
        let meta = Dictionary(
            try Row.fetchAll(db, sql: "SELECT key, value FROM meta").map { ($0["key"] as String, $0["value"] as String) },
            uniquingKeysWith: { a, _ in a })
        return (meta["rules_text"] ?? "", meta["rules_file"] ?? "", meta["created_by"] ?? "", meta["created_at"] ?? "")
    }

    /// How many rules texts the ledger keeps (none until the first update).
    func rulesTextCount() throws -> Int {
        try count("SELECT COUNT(*) FROM rules_texts")
    }

    /// Every applied change of the rules, oldest first.
    func rulesHistory() throws -> [RulesHistoryRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM rules_history ORDER BY seq").map(Ledger.rulesRow(from:))
    }

    /// The rules history's hash chain checked: (rows, the first break or nil).
    func verifyRulesHistory() throws -> (changes: Int, firstBreak: String?) {
        var previous = ""
        var count = 0
        for row in try Row.fetchAll(db, sql: "SELECT * FROM rules_history ORDER BY seq") {
            count += 1
            let change = Ledger.rulesRow(from: row)
            let label = "rules history \(change.seq) (\(change.key))"
            if change.seq != Int64(count) { return (count, "\(label): a change before it is missing") }
            if (row["prev_hash"] as String) != previous { return (count, "\(label): does not link to the change before it") }
            if Ledger.rulesHash(change, previous: previous) != (row["hash"] as String) {
                return (count, "\(label): hash does not match its contents (edited after it was recorded)")
            }
            previous = row["hash"]
        }
        return (count, nil)
    }

    // MARK: - What a change would re-price

    /// Sessions, journal entries and events recorded (what the term's days and pricing are used by).
    func recordsOfTheTerm() throws -> Int {
        try count("SELECT (SELECT COUNT(*) FROM journal) + (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM events)")
    }

    /// Expenses recorded (spent against the split in force).
    func expenseCount() throws -> Int {
        try count("SELECT COUNT(*) FROM expenses")
    }

    /// The courses under a policy, in order.
    func courses(ofPolicy id: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT id FROM courses WHERE policy = ? ORDER BY id", arguments: [id])
    }

    /// The sessions of the courses under a policy, and the journal entries of their students.
    func recordsOfPolicy(_ id: String) throws -> (sessions: Int, entries: Int) {
        let sessions = try count("SELECT COUNT(*) FROM sessions WHERE course_id IN (SELECT id FROM courses WHERE policy = ?)", id)
        let entries = try count(
            "SELECT COUNT(*) FROM journal WHERE student_id IN (SELECT e.student_id FROM enrollments e JOIN courses c ON c.id = e.course_id WHERE c.policy = ?)",
            id)
        return (sessions, entries)
    }

    /// The students of a category, and their journal entries.
    func recordsOfCategory(_ id: String) throws -> (students: Int, entries: Int) {
        let students = try count("SELECT COUNT(*) FROM students WHERE category = ?", id)
        let entries = try count("SELECT COUNT(*) FROM journal WHERE student_id IN (SELECT id FROM students WHERE category = ?)", id)
        return (students, entries)
    }

    /// The last day with something recorded: a session held or cancelled (a session of the timetable still to
    /// come with nothing recorded is not a record), or an event.
    func lastRecordedDay() throws -> CivilDate? {
        try String.fetchOne(
            db,
            sql: """
                SELECT MAX(d) FROM (SELECT MAX(date) AS d FROM sessions WHERE status <> 'scheduled'
                    UNION ALL SELECT MAX(date) FROM events)
                """
        ).flatMap(CivilDate.init(parsing:))
    }

    private func count(_ sql: String, _ argument: String? = nil) throws -> Int {
        try Int.fetchOne(db, sql: sql, arguments: argument.map { [$0] } ?? []) ?? 0
    }
}
