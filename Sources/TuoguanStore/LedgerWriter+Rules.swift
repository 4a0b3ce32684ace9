import GRDB
import TuoguanCore

/// The writes of a rules update: the texts kept, the rules in force in `meta`, each applied key in the
/// hash-chained history.
extension LedgerWriter {
    /// Writes an update of the rules: the text held before it kept first (at the first update), the new text
    /// kept and made the rules in force, and each change in the history. One update, one time: its text and
    /// each of its keys' rows carry the same timestamp.
    ///
    /// ```swift
    /// let rows = try writer.writeRules(text: newText, file: "plan.toml", school: "示范小学", changes: changes,
    ///                                  note: "换审核人", by: "会计")
    /// ```
    func writeRules(text: String, file: String, school: String, changes: [RulesChange], note: String, by: String) throws
        -> [RulesHistoryRow]
    {
        let old = try reader.storedRules()
        if try reader.rulesTextCount() == 0 {
            try appendRulesText(file: old.file, text: old.text, by: old.by, at: old.at)
        }
        let at = Ledger.timestamp()
        try appendRulesText(file: file, text: text, by: by, at: at)
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'rules_text'", arguments: [text])
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'rules_file'", arguments: [file])
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'school'", arguments: [school])
        return try changes.map { try appendRulesHistory($0, file: file, note: note, by: by, at: at) }
    }

    private func appendRulesText(file: String, text: String, by: String, at: String) throws {
        try db.execute(
            sql: "INSERT INTO rules_texts (version, file, text, recorded_by, recorded_at) VALUES ((SELECT COUNT(*) + 1 FROM rules_texts), ?, ?, ?, ?)",
            arguments: [file, text, by, at])
    }

    private func appendRulesHistory(_ change: RulesChange, file: String, note: String, by: String, at: String) throws
        -> RulesHistoryRow
    {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM rules_history ORDER BY seq DESC LIMIT 1")
        let row = RulesHistoryRow(
            seq: (last?["seq"] as Int64? ?? 0) + 1, key: change.key, oldValue: change.old, newValue: change.new, file: file,
            note: note, recordedBy: by, recordedAt: at)
        let previous: String = last?["hash"] ?? ""
        try db.execute(
            sql: """
                INSERT INTO rules_history (seq, key, old_value, new_value, file, note, recorded_by, recorded_at, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                row.seq, row.key, row.oldValue, row.newValue, file, note, by, row.recordedAt, previous,
                Ledger.rulesHash(row, previous: previous),
            ])
        return row
    }
}
