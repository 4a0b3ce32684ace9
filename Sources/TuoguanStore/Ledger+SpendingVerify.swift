import GRDB
import TuoguanCore

extension Ledger {
    /// The spending journal's part of ``verify()``: the same checks as the money journal's (contiguous
    /// sequence, each entry linked to the one before, balanced postings adding up to its amount, hashes equal
    /// to the recomputed ones, reversals mirroring an earlier expense), over its own chain.
    ///
    /// ```swift
    /// let part = try Ledger.verifyExpenses(db)
    /// part.firstBreak   // nil when the spending journal is intact
    /// ```
    static func verifyExpenses(_ db: Database) throws -> (entries: Int, debits: Int64, credits: Int64, firstBreak: String?) {
        var entries = 0
        var debits: Int64 = 0
        var credits: Int64 = 0
        var previous = ""
        var expectedSeq: Int64 = 1
        var firstBreak: String?
        var seen: [String: ExpenseEntry] = [:]
        var reversed: Set<String> = []
        let postingStatement = try db.makeStatement(
            sql: "SELECT account, debit, credit FROM expense_postings WHERE seq = ? ORDER BY line")
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM expenses ORDER BY seq")
        while let row = try rows.next() {
            entries += 1
            let seq: Int64 = row["seq"]
            let entryId: String = row["entry_id"]
            func broken(_ text: String) {
                if firstBreak == nil { firstBreak = "expense entry \(seq) (\(entryId)): \(text)" }
            }
            let postings = try Row.fetchAll(postingStatement, arguments: [seq]).map {
                (account: $0["account"] as String, debit: $0["debit"] as Int64, credit: $0["credit"] as Int64)
            }
            let (d, c, overflow) = Ledger.postingTotals(postings)
            if overflow { broken("postings overflow") }
            debits = debits &+ d
            credits = credits &+ c
            if firstBreak == nil {
                if seq != expectedSeq {
                    broken("sequence number \(seq) where \(expectedSeq) was expected (an entry is missing)")
                } else if (row["prev_hash"] as String) != previous {
                    broken("does not link to the entry before it")
                } else if postings.isEmpty || d != c {
                    broken("postings do not balance (debits \(Money(fen: d).formatted()), credits \(Money(fen: c).formatted()))")
                } else if ExpenseEntry.hash(seq: seq, row: ExpenseEntry.columns(of: row), postings: postings, previous: previous)
                    != (row["hash"] as String)
                {
                    broken("hash does not match its contents (edited after it was recorded)")
                } else if let entry = ExpenseEntry(row: row) {
                    if d != entry.amount.fen { broken("postings do not add up to the entry's amount") }
                    if entry.kind == .reversal {
                        if let target = entry.reverses, let original = seen[target], original.kind == .expense,
                            original.amount == entry.amount, original.line == entry.line, !reversed.contains(target)
                        {
                            reversed.insert(target)
                        } else {
                            broken("reverses \(entry.reverses ?? "nothing"), which is not an earlier expense of the same amount")
                        }
                    }
                    seen[entryId] = entry
                } else {
                    broken("unreadable contents")
                }
            }
            previous = row["hash"]
            expectedSeq = seq + 1
        }
        if firstBreak == nil {
            let orphans = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM expense_postings WHERE seq NOT IN (SELECT seq FROM expenses)") ?? 0
            if orphans > 0 { firstBreak = "\(orphans) expense postings belong to no spending journal entry" }
        }
        return (entries, debits, credits, firstBreak)
    }
}
