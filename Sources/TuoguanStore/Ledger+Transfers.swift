import GRDB
import TuoguanCore
import TuoguanInput

/// What `reconcile --apply` changed: the payments recorded (one per transfer, under its id), the transfers
/// put on the suspense list, and those left for another time (suggested, not named).
public struct TransferApplyReport: Sendable, Equatable {
    public var recorded: [(transfer: IncomingTransfer, studentId: String)] = []
    public var held: [IncomingTransfer] = []
    public var left: [IncomingTransfer] = []
    /// Already a payment or on the suspense list: nothing recorded again.
    public var already = 0

    public static func == (a: Self, b: Self) -> Bool {
        a.recorded.map(\.transfer) == b.recorded.map(\.transfer) && a.recorded.map(\.studentId) == b.recorded.map(\.studentId)
            && a.held == b.held && a.left == b.left && a.already == b.already
    }
}

/// Which transfers of an export to record: every certain match, and/or the ones named by id.
public struct TransferChoice: Sendable, Equatable {
    public var certain: Bool
    public var ids: Set<String>
    public init(certain: Bool = false, ids: Set<String> = []) {
        self.certain = certain
        self.ids = ids
    }
}

extension Ledger {
    /// The verdict for each transfer of an export (``TransferMatcher``): the families' amounts due are the
    /// term statement's balances (``TermComputation``), the payers those the clerk confirmed, and a transfer
    /// already recorded or held is said so. Reads only.
    ///
    /// ```swift
    /// let matches = try ledger.matchTransfers(try TransferReader.read(path: "微信支付账单.csv").transfers)
    /// ```
    public func matchTransfers(_ transfers: [IncomingTransfer]) throws -> [TransferMatch] {
        try reading { reader in try matcher(for: transfers, db: reader.db).match(transfers) }
    }

    func matcher(for transfers: [IncomingTransfer], db: Database) throws -> TransferMatcher {
        let result = try TermComputation.compute(rules: rules, facts: reader(db).termFacts())
        let families = result.students.map { FamilyDue(student: $0.student, due: $0.balance.fen > 0 ? $0.balance : .zero) }
        var payers: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT payer_key, student_id FROM transfer_payers ORDER BY recorded_at, student_id") {
            payers[row["payer_key"], default: []].append(row["student_id"])
        }
        var recorded: [String: String] = [:]
        var held: Set<String> = []
        let journal = try db.cachedStatement(sql: "SELECT student_id FROM journal WHERE entry_id = ?")
        let suspense = try db.cachedStatement(sql: "SELECT 1 FROM suspense WHERE transfer_id = ?")
        for t in transfers {
            if let student = try String.fetchOne(journal, arguments: [t.id]) { recorded[t.id] = student }
            if try Bool.fetchOne(suspense, arguments: [t.id]) ?? false { held.insert(t.id) }
        }
        return TransferMatcher(families: families, payers: payers, recorded: recorded, held: held)
    }

    /// Records what the clerk confirmed, in one transaction: each chosen match (certain ones with
    /// `choice.certain`, any named in `choice.ids`) a payment under the transfer's id, its payer remembered
    /// for the family; every unmatched transfer (and a named one without a family) on the suspense list.
    /// A transfer already recorded or held is left alone, so the same or an overlapping export again records
    /// nothing twice. A named id that is not in the export is an error and nothing is recorded.
    ///
    /// ```swift
    /// let report = try ledger.applyTransfers(export, choice: TransferChoice(certain: true), by: "王会计")
    /// report.recorded.count   // the certain matches
    /// ```
    public func applyTransfers(_ export: TransferExport, choice: TransferChoice, by: String) throws -> TransferApplyReport {
        let known = Set(export.transfers.map(\.id))
        if let missing = choice.ids.sorted().first(where: { !known.contains($0) }) {
            throw TuoguanError(
                .unknownReference, zh: "文件中没有交易单号 \(missing)", en: "the file has no transaction \(missing)",
                fix: LocalizedText(zh: "先不加 --apply 运行一次，抄下表中的交易单号", en: "run without --apply first and copy the ids from the table"),
                at: SourceLocation(key: "--apply"), excerpt: missing)
        }
        return try record { writer in
            var report = TransferApplyReport()
            for match in try matcher(for: export.transfers, db: writer.db).match(export.transfers) {
                let t = match.transfer
                let named = choice.ids.contains(t.id)
                switch match.verdict {
                case .alreadyRecorded, .alreadyHeld:
                    report.already += 1
                case .matched(let student, _) where choice.certain || named, .suggested(let student, _) where named:
                    try recordTransfer(t, studentId: student, file: export.fileName, by: by, db: writer.db)
                    report.recorded.append((t, student))
                case .unmatched:
                    try hold(t, file: export.fileName, by: by, db: writer.db)
                    report.held.append(t)
                case .matched, .suggested:
                    report.left.append(t)
                }
            }
            return report
        }
    }

    /// A transfer as a payment under its id, its details kept and its payer remembered for the family.
    func recordTransfer(_ t: IncomingTransfer, studentId: String, file: String, by: String, db: Database) throws {
        _ = try recordPayment(
            PaymentFact(receipt: t.id, studentId: studentId, amount: t.amount, date: t.date, method: t.method), by: by, db: db)
        try keepDetails(t, file: file, by: by, db: db)
        try rememberPayer(t, studentId: studentId, by: by, db: db)
    }

    func keepDetails(_ t: IncomingTransfer, file: String, by: String, db: Database) throws {
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO transfers (transfer_id, method, date, payer, account, memo, amount, file, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [t.id, t.method.rawValue, t.date.description, t.payer, t.account, t.memo, t.amount.fen, file, by, Ledger.timestamp()])
    }

    func rememberPayer(_ t: IncomingTransfer, studentId: String, by: String, db: Database) throws {
        guard !t.payer.isEmpty || !t.account.isEmpty else { return }
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO transfer_payers (payer_key, student_id, payer, transfer_id, recorded_by, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [t.payerKey, studentId, t.payer, t.id, by, Ledger.timestamp()])
    }

    /// Puts a transfer on the suspense list (money received, not yet assigned).
    func hold(_ t: IncomingTransfer, file: String, by: String, db: Database) throws {
        try requireId(t.id, what: ("交易单号", "transaction id"))
        try reader(db).requireIdFreeInSpendingJournal(t.id)
        try keepDetails(t, file: file, by: by, db: db)
        try db.execute(
            sql: "INSERT INTO suspense (transfer_id, recorded_by, recorded_at) VALUES (?, ?, ?)",
            arguments: [t.id, by, Ledger.timestamp()])
    }
}
