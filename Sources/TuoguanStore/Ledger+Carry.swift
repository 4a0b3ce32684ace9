import GRDB
import TuoguanCore

/// The closed ledger a term was carried from, as the new ledger's `meta` keeps it (`carried_from_*`).
public struct CarrySource: Sendable, Equatable {
    /// The closed ledger's file name, as given to `init --from`.
    public var file: String
    public var school: String
    public var term: String
    /// The closing event's id and hash (the closed ledger's chain head).
    public var closingId: String
    public var head: String
    public init(file: String, school: String, term: String, closingId: String, head: String) {
        self.file = file
        self.school = school
        self.term = term
        self.closingId = closingId
        self.head = head
    }

    /// `示范小学 2024-autumn（autumn.sqlite，结账 CLOSE-2024-autumn，链头 b9562fe4…）`.
    var note: String {
        "结转自 \(school) \(term)（\(file)，结账 \(closingId)，链头 \(head)）"
    }
}

extension Ledger {
    /// Opens a new term from a closed one, in one write transaction: the roster (students and teachers), each
    /// family's carried balance as an `opening` journal entry (`OPEN-学号`), each pool's carried balance as an
    /// `opening` entry of the spending journal (`OPEN-POOL-池`), every entry naming the closed ledger and its
    /// chain head; and the source in `meta`. Only into a ledger that records nothing yet.
    ///
    /// ```swift
    /// try next.carryIn(plan, from: CarrySource(file: "autumn.sqlite", school: "示范小学", term: "2024-autumn",
    ///                  closingId: "CLOSE-2024-autumn", head: closing.head), by: "王会计")
    /// ```
    public func carryIn(_ plan: NextTerm, from source: CarrySource, by: String) throws {
        try record { writer in
            let used = try Int.fetchOne(writer.db, sql: "SELECT (SELECT COUNT(*) FROM students) + (SELECT COUNT(*) FROM journal)") ?? 0
            guard used == 0 else {
                throw TuoguanError(
                    .conflict, zh: "新学期账本已有记录，不能再从上学期结转", en: "the new ledger already holds records: nothing can be carried into it",
                    fix: LocalizedText(zh: "用一个新的账本文件（--writer.db）", en: "use a new ledger file (--writer.db)"), at: SourceLocation(file: path))
            }
            let now = Ledger.timestamp()
            for s in plan.students {
                try writer.db.execute(
                    sql: "INSERT INTO students (id, name, grade, class, category, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    arguments: [s.id, s.name, s.grade, s.className, s.category, by, now])
            }
            for t in plan.teachers {
                try writer.db.execute(
                    sql: "INSERT INTO teachers (id, name, kind, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [t.id, t.name, t.kind.rawValue, by, now])
            }
            for o in plan.openings {
                let entry = JournalEntry(
                    entryId: "OPEN-\(o.id)", kind: .opening, studentId: o.id, amount: Money(fen: o.amount.fen < 0 ? 0 - o.amount.fen : o.amount.fen),
                    date: rules.starts, note: source.note, side: o.amount.isNegative ? .credit : .arrears)
                _ = try writer.append(entry, by: by)
            }
            for p in plan.pools {
                let entry = ExpenseEntry(
                    entryId: "OPEN-POOL-\(p.id)", kind: .opening, line: p.id, amount: p.amount, date: rules.starts,
                    payee: "\(source.school) \(source.term)", note: source.note)
                _ = try appendExpense(entry, by: by, db: writer.db)
            }
            for (key, value) in [
                ("carried_from_file", source.file), ("carried_from_school", source.school), ("carried_from_term", source.term),
                ("carried_from_closing", source.closingId), ("carried_from_head", source.head),
            ] {
                try writer.db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
            }
        }
    }

    /// The closed ledger this one was carried from, or nil.
    public func carriedFrom() throws -> CarrySource? {
        try reading { reader in
            var meta: [String: String] = [:]
            for row in try Row.fetchAll(reader.db, sql: "SELECT key, value FROM meta WHERE key LIKE 'carried_from_%'") {
                meta[row["key"]] = row["value"]
            }
            guard let file = meta["carried_from_file"], let head = meta["carried_from_head"] else { return nil }
            return CarrySource(
                file: file, school: meta["carried_from_school"] ?? "", term: meta["carried_from_term"] ?? "",
                closingId: meta["carried_from_closing"] ?? "", head: head)
        }
    }

    /// The balances this ledger opened with: each family's (signed: + arrears, − credit) and each pool's.
    public func openingBalances() throws -> (families: [String: Money], pools: [String: Money]) {
        try reading { reader in
            var families: [String: Money] = [:]
            for o in try reader.openingFacts(studentId: nil) {
                families[o.studentId] = try (families[o.studentId] ?? .zero) + o.amount
            }
            return (families, try Self.carriedPools(reader.db))
        }
    }
}
