import Crypto
import GRDB
import TuoguanCore

/// One entry of the spending journal (table `expenses`, migration v4-expenses): an expense paid from a pool
/// or a budget line, or the reversal of one.
///
/// Kept apart from the payments' journal, with its own hash chain built the same way: entries are never
/// changed, a mistake is corrected by a reversal whose postings mirror the original's, and each entry's
/// `hash` is SHA-256 over the previous entry's hash and this entry's contents and postings. Ids are unique
/// across both journals, so `correct --entry ID` names one entry.
///
/// ```swift
/// let entry = ExpenseEntry(entryId: "E001", kind: .expense, line: "equipment", amount: Money(fen: 30_000),
///                          date: CivilDate(parsing: "2024-10-08")!, payee: "文具店", note: "彩笔")
/// ```
struct ExpenseEntry: Equatable {
    enum Kind: String {
        case expense, reversal
        /// A pool's unspent balance carried forward from the closed term before this one (migration v6-year):
        /// money the pool has, not money spent; `payee` names the closed ledger.
        case opening
    }

    var entryId: String
    var kind: Kind
    /// ``SpendingLine/key``: a pool id, `subsidies` or `outside`.
    var line: String
    var amount: Money
    var date: CivilDate
    var payee: String
    var note: String = ""
    /// For a reversal: the expense it reverses.
    var reverses: String? = nil

    /// `expense E001: pool equipment, 300.00, 2024-10-08, payee "文具店"`.
    var summary: String {
        var parts = ["pool \(line)", amount.formatted(grouping: false), date.description, "payee \"\(payee)\""]
        if let reverses { parts.append("reverses \(reverses)") }
        if !note.isEmpty { parts.append("note \"\(note)\"") }
        return "\(kind.rawValue) \(entryId): " + parts.joined(separator: ", ")
    }

    /// The double-entry lines: an expense moves money from the fund's cash to what it was spent on; a
    /// reversal mirrors the original.
    func postings() -> [(account: String, debit: Int64, credit: Int64)] {
        if kind == .opening { return [("cash:carried", amount.fen, Int64(0)), ("pool:\(line)", Int64(0), amount.fen)] }
        let lines = [("spent:\(line)", amount.fen, Int64(0)), ("cash:expenses", Int64(0), amount.fen)]
        return kind == .expense ? lines : lines.map { ($0.0, $0.2, $0.1) }
    }

    init?(row: Row) {
        guard let kind = Kind(rawValue: row["kind"]), let date = CivilDate(parsing: row["date"]) else { return nil }
        self.entryId = row["entry_id"]
        self.kind = kind
        self.line = row["line"]
        self.amount = Money(fen: row["amount"])
        self.date = date
        self.payee = row["payee"]
        self.note = row["note"]
        self.reverses = row["reverses"]
    }

    init(
        entryId: String, kind: Kind, line: String, amount: Money, date: CivilDate, payee: String, note: String = "",
        reverses: String? = nil
    ) {
        self.entryId = entryId
        self.kind = kind
        self.line = line
        self.amount = amount
        self.date = date
        self.payee = payee
        self.note = note
        self.reverses = reverses
    }

    /// The reversal of this entry under `id`: the same line, amount, date and payee, reversing it.
    ///
    /// ```swift
    /// let k1 = e1.reversal(id: "K1", note: "重复")   // reversal K1: pool equipment, 10.00, …, reverses E1
    /// ```
    func reversal(id: String, note: String) -> ExpenseEntry {
        ExpenseEntry(
            entryId: id, kind: .reversal, line: line, amount: amount, date: date, payee: payee, note: note, reverses: entryId)
    }

    /// The expense as the term computation's fact.
    var fact: ExpenseFact {
        ExpenseFact(
            expenseId: entryId, line: SpendingLine(parsing: line), amount: amount, date: date, payee: payee, note: note)
    }

    static let hashedColumns = [
        "entry_id", "kind", "line", "amount", "date", "payee", "note", "reverses", "recorded_by", "recorded_at",
    ]

    /// The stored columns of this entry (text form, as hashed).
    func columns(recordedBy: String, recordedAt: String) -> [String: String?] {
        [
            "entry_id": entryId, "kind": kind.rawValue, "line": line, "amount": String(amount.fen),
            "date": date.description, "payee": payee, "note": note, "reverses": reverses, "recorded_by": recordedBy,
            "recorded_at": recordedAt,
        ]
    }

    /// The hash of an entry as stored: over the previous hash, every stored column and the postings.
    static func hash(
        seq: Int64, row: [String: String?], postings: [(account: String, debit: Int64, credit: Int64)], previous: String
    ) -> String {
        var text = "tuoguan-expenses-v1\n\(previous)\nseq=\(seq)\n"
        for key in hashedColumns {
            if let value = row[key] ?? nil {
                text += "\(key)=\(value.utf8.count):\(value)\n"
            } else {
                text += "\(key)=null\n"
            }
        }
        for (i, p) in postings.enumerated() {
            text += "posting\(i + 1)=\(p.account.utf8.count):\(p.account) \(p.debit) \(p.credit)\n"
        }
        return SHA256.hash(data: Array(text.utf8)).map { b in
            let s = String(b, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    static func columns(of row: Row) -> [String: String?] {
        var out: [String: String?] = [:]
        for key in hashedColumns {
            switch (row[key] as DatabaseValue?)?.storage {
            case .int64(let i)?: out[key] = String(i)
            case .string(let s)?: out[key] = s
            case .double(let d)?: out[key] = String(d)
            case .blob(let b)?: out[key] = String(decoding: b, as: UTF8.self)
            default: out[key] = .some(nil)
            }
        }
        return out
    }
}
