import GRDB
import TuoguanCore

extension Ledger {
    /// Appends `entry` unless an entry with its id exists: same contents → `.alreadyRecorded`; different →
    /// `.conflict` showing both versions.
    /// `head`: the journal's last entry as kept by the caller's writer (see ``JournalHead``); nil reads it.
    func append(_ entry: JournalEntry, by: String, db: Database, head: JournalHead? = nil) throws -> RecordOutcome {
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM journal WHERE entry_id = ?"), arguments: [entry.entryId])
        {
            guard let existing = JournalEntry(row: row) else {
                throw TuoguanError(.ledgerTampered, zh: "账目 \(entry.entryId) 无法读取", en: "entry \(entry.entryId) is unreadable")
            }
            if existing == entry { return .alreadyRecorded }
            throw TuoguanError(
                .conflict,
                zh: "编号 \(entry.entryId) 已登记过，内容不同：账本中为 \(existing.summaryText.zh)；这次为 \(entry.summaryText.zh)",
                en: "id \(entry.entryId) is already recorded with different contents: ledger has \(existing.summary); this one is \(entry.summary)",
                fix: LocalizedText(
                    zh: "如果原记录有误，先用 tuoguan correct --entry \(entry.entryId) 冲正，再以新编号登记；否则换一个编号",
                    en: "if the recorded entry is wrong, reverse it with tuoguan correct --entry \(entry.entryId) and record again under a new id; otherwise use another id"),
                excerpt: entry.entryId)
        }
        try reader(db).requireIdFreeInSpendingJournal(entry.entryId)
        var original: JournalEntry?
        if let reverses = entry.reverses {
            original = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [reverses])
                .flatMap(JournalEntry.init(row:))
        }
        let last = try head?.current(db) ?? Self.journalHead(db)
        let seq = last.seq + 1
        let previous = last.hash
        let now = Ledger.timestamp()
        let columns = entry.columns(recordedBy: by, recordedAt: now)
        let postings = entry.postings(original: original)
        let hash = JournalEntry.hash(seq: seq, row: columns, postings: postings, previous: previous)
        try db.cachedStatement(
            sql: """
                INSERT INTO journal (seq, entry_id, kind, student_id, course_id, amount, lessons, date, method, reason,
                    note, reverses, recorded_by, recorded_at, prev_hash, hash, unit)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                seq, entry.entryId, entry.kind.rawValue, entry.studentId, entry.courseId, entry.amount.fen,
                entry.lessons, entry.date.description, entry.method?.rawValue, entry.side?.rawValue ?? entry.reason?.rawValue, entry.note,
                entry.reverses, by, now, previous, hash, entry.unit?.rawValue,
            ])
        for (i, p) in postings.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO postings (seq, line, account, debit, credit) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [seq, i + 1, p.account, p.debit, p.credit])
        }
        head?.advance(seq: seq, hash: hash)
        return .recorded
    }

    /// The journal's last entry: its sequence number and hash (0 and "" when it is empty).
    static func journalHead(_ db: Database) throws -> (seq: Int64, hash: String) {
        let last = try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
        return (last?[0] ?? 0, last?[1] ?? "")
    }

    /// Recomputes the hash chain and checks the invariants: contiguous sequence, every entry balanced
    /// (Σ debits = Σ credits), postings only for existing entries, reversals that mirror an earlier payment
    /// or refund, and every stored hash equal to the recomputed one; then the same for the spending journal
    /// (``verifyExpenses(_:)``), whose entries and postings count in the report.
    ///
    /// ```swift
    /// let report = try ledger.verify()
    /// if !report.ok { print(report.firstBreak!) }
    /// ```
    public func verify() throws -> VerifyReport {
        try reading { reader in try verify(reader.db) }
    }

    /// ``verify()`` inside a read the caller holds (the district's roll-up reads a ledger in one transaction).
    func verify(_ db: Database) throws -> VerifyReport {
        do {
            var entries = 0
            var debits: Int64 = 0
            var credits: Int64 = 0
            var previous = ""
            var expectedSeq: Int64 = 1
            var firstBreak: String?
            var seen: [String: JournalEntry] = [:]
            var reversed: Set<String> = []
            let postingStatement = try db.makeStatement(
                sql: "SELECT account, debit, credit FROM postings WHERE seq = ? ORDER BY line")
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM journal ORDER BY seq")
            while let row = try rows.next() {
                entries += 1
                let seq: Int64 = row["seq"]
                let entryId: String = row["entry_id"]
                let label = "entry \(seq) (\(entryId))"
                func broken(_ text: String) {
                    if firstBreak == nil { firstBreak = "\(label): \(text)" }
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
                    } else if JournalEntry.hash(seq: seq, row: JournalEntry.columns(of: row), postings: postings, previous: previous)
                        != (row["hash"] as String)
                    {
                        broken("hash does not match its contents (edited after it was recorded)")
                    } else if let entry = JournalEntry(row: row) {
                        if d != entry.amount.fen { broken("postings do not add up to the entry's amount") }
                        if entry.kind == .reversal {
                            if let target = entry.reverses, let original = seen[target], original.kind != .reversal,
                                original.amount == entry.amount, original.studentId == entry.studentId,
                                !reversed.contains(target)
                            {
                                reversed.insert(target)
                            } else {
                                broken("reverses \(entry.reverses ?? "nothing"), which is not an earlier payment or refund of the same amount")
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
                    db, sql: "SELECT COUNT(*) FROM postings WHERE seq NOT IN (SELECT seq FROM journal)") ?? 0
                if orphans > 0 { firstBreak = "\(orphans) postings belong to no journal entry" }
            }
            let spending = try Self.verifyExpenses(db)
            entries += spending.entries
            debits = debits &+ spending.debits
            credits = credits &+ spending.credits
            if firstBreak == nil { firstBreak = spending.firstBreak }
            if firstBreak == nil { firstBreak = try verifyEvents(db: db) }
            if firstBreak == nil && debits != credits {
                firstBreak = "total debits \(Money(fen: debits).formatted()) ≠ credits \(Money(fen: credits).formatted())"
            }
            return VerifyReport(
                entries: entries, debits: Money(fen: debits), credits: Money(fen: credits), ok: firstBreak == nil,
                firstBreak: firstBreak)
        }
    }
}

extension Ledger {
    /// The debits and credits of one entry's postings, added up; `overflow` when either sum leaves `Int64`
    /// (the sums stop at the wrapped value, and `verify` reports the entry). Shared by the money journal's and
    /// the spending journal's checks.
    ///
    /// ```swift
    /// Ledger.postingTotals([("cash", 2000, 0), ("fees", 0, 2000)])   // (2000, 2000, false)
    /// ```
    static func postingTotals(_ postings: [(account: String, debit: Int64, credit: Int64)])
        -> (debit: Int64, credit: Int64, overflow: Bool)
    {
        var debit: Int64 = 0
        var credit: Int64 = 0
        var overflow = false
        for p in postings {
            let (d, o1) = debit.addingReportingOverflow(p.debit)
            let (c, o2) = credit.addingReportingOverflow(p.credit)
            overflow = overflow || o1 || o2
            debit = d
            credit = c
        }
        return (debit, credit, overflow)
    }
}
