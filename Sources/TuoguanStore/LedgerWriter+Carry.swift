import GRDB
import TuoguanCore

extension LedgerWriter {
    /// Writes what a new term carries in from a closed one: the roster, each family's balance as an `opening`
    /// journal entry (`OPEN-学号`), each pool's as an `opening` entry of the spending journal (`OPEN-POOL-池`),
    /// and the source in `meta` (see ``Ledger/carryIn(_:from:by:)``).
    ///
    /// ```swift
    /// try writer.writeCarriedIn(plan, from: source, by: "王会计")
    /// ```
    func writeCarriedIn(_ plan: NextTerm, from source: CarrySource, by: String) throws {
        let now = Ledger.timestamp()
        for s in plan.students {
            try db.execute(
                sql: "INSERT INTO students (id, name, grade, class, category, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [s.id, s.name, s.grade, s.className, s.category, by, now])
        }
        for t in plan.teachers {
            try db.execute(
                sql: "INSERT INTO teachers (id, name, kind, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [t.id, t.name, t.kind.rawValue, by, now])
        }
        for o in plan.openings {
            let entry = JournalEntry(
                entryId: "OPEN-\(o.id)", kind: .opening, studentId: o.id,
                amount: Money(fen: o.amount.fen < 0 ? 0 - o.amount.fen : o.amount.fen), date: rules.starts, note: source.note,
                side: o.amount.isNegative ? .credit : .arrears)
            _ = try append(entry, by: by)
        }
        for p in plan.pools {
            let entry = ExpenseEntry(
                entryId: "OPEN-POOL-\(p.id)", kind: .opening, line: p.id, amount: p.amount, date: rules.starts,
                payee: "\(source.school) \(source.term)", note: source.note)
            _ = try appendExpense(entry, by: by)
        }
        for (key, value) in [
            ("carried_from_file", source.file), ("carried_from_school", source.school), ("carried_from_term", source.term),
            ("carried_from_closing", source.closingId), ("carried_from_head", source.head),
        ] {
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }
}
