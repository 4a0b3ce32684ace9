import Crypto
import GRDB
import TuoguanCore

/// One applied change of the rules in force, as the ledger keeps it: the key, old and new value, who, when, why.
public struct RulesHistoryRow: Sendable, Equatable {
    public var seq: Int64
    public var key: String
    public var oldValue: String?
    public var newValue: String?
    /// The rules file the change came from.
    public var file: String
    public var note: String
    public var recordedBy: String
    public var recordedAt: String
}

extension Ledger {
    /// v6-rules-history: the rules file stored at `init` can be updated (`tuoguan rules update`); each applied key
    /// is one row (append-only, hash-chained like the history of master data), and every text the ledger held is
    /// kept in `rules_texts`.
    static func registerRulesHistory(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-rules-history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE rules_history (
                        seq INTEGER PRIMARY KEY, key TEXT NOT NULL, old_value TEXT, new_value TEXT,
                        file TEXT NOT NULL, note TEXT NOT NULL, recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
                    CREATE TABLE rules_texts (
                        version INTEGER PRIMARY KEY, file TEXT NOT NULL, text TEXT NOT NULL,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    CREATE TRIGGER rules_history_no_update BEFORE UPDATE ON rules_history
                        BEGIN SELECT RAISE(ABORT, 'the history of the rules is append-only'); END;
                    CREATE TRIGGER rules_history_no_delete BEFORE DELETE ON rules_history
                        BEGIN SELECT RAISE(ABORT, 'the history of the rules is append-only'); END;
                    CREATE TRIGGER rules_texts_no_update BEFORE UPDATE ON rules_texts
                        BEGIN SELECT RAISE(ABORT, 'the rules texts are append-only'); END;
                    CREATE TRIGGER rules_texts_no_delete BEFORE DELETE ON rules_texts
                        BEGIN SELECT RAISE(ABORT, 'the rules texts are append-only'); END;
                    """)
        }
    }

    /// Applies a changed rules file: `changes` (from `RulesDiff`) are checked against what is recorded; if any
    /// would re-price recorded money, nothing is changed and every such key is refused with what to do.
    /// Otherwise the new text is the rules in force and each change is kept in the history.
    ///
    /// ```swift
    /// let applied = try ledger.updateRules(text: newText, file: "plan.toml", school: plan.school,
    ///                                      changes: changes, today: today, note: "换审核人", by: "会计")
    /// ```
    public func updateRules(
        text: String, file: String, school: String, changes: [RulesChange], today: CivilDate, note: String, by: String,
        plan: PlanRules? = nil
    ) throws -> [RulesHistoryRow] {
        try requireNote(note)
        return try record { writer in
            let refusals = try changes.compactMap { try refusal(of: $0, today: today, reader: writer.reader) }
            if let error = TuoguanError.collecting(refusals) { throw error }
            let rows = try writer.writeRules(text: text, file: file, school: school, changes: changes, note: note, by: by)
            // The plan's days (no-service and make-up days) changed the timetable: its sessions from today on
            // with nothing recorded are made again under the new rules, in this transaction.
            if let plan {
                let next = Ledger(writer: self.writer, path: path, rules: plan, readOnly: false, busyTimeout: busyTimeout)
                next.asOf = asOf
                _ = try LedgerWriter(ledger: next, db: writer.db).remakeTimetables(by: by)
            }
            return rows
        }
    }

    /// What `rules update` would say of each change: nil (applied) or the refusal, changing nothing.
    ///
    /// ```swift
    /// let verdicts = try ledger.rulesRefusals(changes, today: today)   // [nil, TuoguanError(...)]
    /// ```
    public func rulesRefusals(_ changes: [RulesChange], today: CivilDate) throws -> [TuoguanError?] {
        try reading { reader in try changes.map { try refusal(of: $0, today: today, reader: reader) } }
    }

    /// Every applied change of the rules, oldest first.
    public func rulesHistory() throws -> [RulesHistoryRow] {
        try reading { reader in try reader.rulesHistory() }
    }

    /// Checks the rules history's hash chain: (rows, the first break or nil).
    public func verifyRulesHistory() throws -> (changes: Int, firstBreak: String?) {
        try reading { reader in try reader.verifyRulesHistory() }
    }

    static func rulesHash(_ r: RulesHistoryRow, previous: String) -> String {
        var text = "tuoguan-rules-history-v1\n\(previous)\nseq=\(r.seq)\n"
        let fields: [(String, String?)] = [
            ("key", r.key), ("old_value", r.oldValue), ("new_value", r.newValue), ("file", r.file), ("note", r.note),
            ("recorded_by", r.recordedBy), ("recorded_at", r.recordedAt),
        ]
        for (key, value) in fields {
            text += value.map { "\(key)=\($0.utf8.count):\($0)\n" } ?? "\(key)=null\n"
        }
        return SHA256.hash(data: Array(text.utf8)).map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    static func rulesRow(from row: Row) -> RulesHistoryRow {
        RulesHistoryRow(
            seq: row["seq"], key: row["key"], oldValue: row["old_value"], newValue: row["new_value"], file: row["file"],
            note: row["note"], recordedBy: row["recorded_by"], recordedAt: row["recorded_at"])
    }
}
