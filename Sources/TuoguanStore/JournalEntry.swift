import Crypto
import GRDB
import TuoguanCore

/// One entry of the money journal: a payment, a refund, or the reversal of one of them.
///
/// Entries are never changed: a mistake is corrected by a reversal, whose postings mirror the original's.
/// Each entry's `hash` is SHA-256 over the previous entry's hash and this entry's contents (its postings
/// included), so editing any stored entry breaks the chain from there on.
///
/// ```swift
/// let entry = JournalEntry(entryId: "R001", kind: .payment, studentId: "S001", amount: Money(fen: 12000),
///                          date: CivilDate(parsing: "2024-09-02")!, method: .wechat)
/// ```
struct JournalEntry: Equatable {
    enum Kind: String {
        case payment, refund, reversal
        /// A family's balance carried in from the closed term before this one (migration v6-year); `side` says
        /// whether it is a credit or arrears, `note` names the closed ledger and its chain head.
        case opening
    }

    /// Which way an opening balance goes (stored in the `reason` column of an `opening` entry).
    enum OpeningSide: String {
        /// Money the family paid and did not use: counts as paid already.
        case credit
        /// Money the family still owed: counts as owed already.
        case arrears
    }

    var entryId: String
    var kind: Kind
    var studentId: String
    var courseId: String? = nil
    var amount: Money
    /// How many units a refund gave back: lessons, unless `unit` says otherwise.
    var lessons: Int? = nil
    /// The unit of `lessons` for a refund counted in another unit (a withdrawal by half-months, months or
    /// service days); nil: lessons (every entry recorded before the column existed).
    var unit: ProRataUnit? = nil
    var date: CivilDate
    var method: PaymentMethod? = nil
    var reason: RefundReason? = nil
    var note: String = ""
    /// For a reversal: the entry it reverses.
    var reverses: String? = nil
    /// For an opening: credit or arrears.
    var side: OpeningSide? = nil

    /// `payment R001: student S001, 120.00, 2024-09-02, wechat`.
    var summary: String {
        var parts = ["student \(studentId)"]
        if let courseId { parts.append("course \(courseId)") }
        parts.append(amount.formatted(grouping: false))
        if let lessons { parts.append((unit ?? .lessons).text(lessons).en) }
        parts.append(date.description)
        if let method { parts.append(method.rawValue) }
        if let reason { parts.append(reason.rawValue) }
        if let reverses { parts.append("reverses \(reverses)") }
        if !note.isEmpty { parts.append("note \"\(note)\"") }
        return "\(kind.rawValue) \(entryId): " + parts.joined(separator: ", ")
    }

    /// The double-entry lines. A payment moves money from the family into the cash account of its method;
    /// a refund pays the family back; a reversal mirrors the original.
    func postings(original: JournalEntry?) -> [(account: String, debit: Int64, credit: Int64)] {
        switch kind {
        case .payment:
            return [("cash:\((method ?? .cash).rawValue)", amount.fen, 0), ("family:\(studentId)", 0, amount.fen)]
        case .refund:
            return [("family:\(studentId)", amount.fen, 0), ("cash:refunds", 0, amount.fen)]
        case .opening:
            let family = "family:\(studentId)"
            return side == .arrears
                ? [(family, amount.fen, Int64(0)), ("carried:in", Int64(0), amount.fen)]
                : [("carried:in", amount.fen, Int64(0)), (family, Int64(0), amount.fen)]
        case .reversal:
            guard let original else { return [] }
            return original.postings(original: nil).map { ($0.account, $0.credit, $0.debit) }
        }
    }

    init(
        entryId: String, kind: Kind, studentId: String, courseId: String? = nil, amount: Money,
        lessons: Int? = nil, date: CivilDate, method: PaymentMethod? = nil, reason: RefundReason? = nil,
        note: String = "", reverses: String? = nil, unit: ProRataUnit? = nil, side: OpeningSide? = nil
    ) {
        self.side = side
        self.entryId = entryId
        self.kind = kind
        self.studentId = studentId
        self.courseId = courseId
        self.amount = amount
        self.lessons = lessons
        self.date = date
        self.method = method
        self.reason = reason
        self.note = note
        self.reverses = reverses
        self.unit = unit
    }

    init?(row: Row) {
        guard let kind = Kind(rawValue: row["kind"]), let date = CivilDate(parsing: row["date"]) else { return nil }
        self.entryId = row["entry_id"]
        self.kind = kind
        self.studentId = row["student_id"]
        self.courseId = row["course_id"]
        self.amount = Money(fen: row["amount"])
        self.lessons = row["lessons"]
        self.date = date
        self.method = (row["method"] as String?).flatMap(PaymentMethod.init(rawValue:))
        if kind == .opening {
            self.side = (row["reason"] as String?).flatMap(OpeningSide.init(rawValue:))
        } else {
            self.reason = (row["reason"] as String?).flatMap(RefundReason.init(rawValue:))
        }
        self.note = row["note"]
        self.reverses = row["reverses"]
        self.unit = (row["unit"] as String?).flatMap(ProRataUnit.init(rawValue:))
    }

    /// The hash of an entry as stored: over the previous hash, every stored column and the postings.
    static func hash(
        seq: Int64, row: [String: String?], postings: [(account: String, debit: Int64, credit: Int64)],
        previous: String
    ) -> String {
        var text = "tuoguan-journal-v1\n\(previous)\nseq=\(seq)\n"
        for key in hashedColumns {
            let value = row[key] ?? nil
            if let value {
                text += "\(key)=\(value.utf8.count):\(value)\n"
            } else {
                text += "\(key)=null\n"
            }
        }
        // Hashed only when set, so the entries recorded before the column existed keep their hashes.
        if let unit = row["unit"] ?? nil { text += "unit=\(unit.utf8.count):\(unit)\n" }
        for (i, p) in postings.enumerated() {
            text += "posting\(i + 1)=\(p.account.utf8.count):\(p.account) \(p.debit) \(p.credit)\n"
        }
        // Lowercase hex, two digits a byte.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for b in SHA256.hash(data: Array(text.utf8)) {
            hex.append(digits[Int(b >> 4)])
            hex.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    static let hashedColumns = [
        "entry_id", "kind", "student_id", "course_id", "amount", "lessons", "date", "method", "reason", "note",
        "reverses", "recorded_by", "recorded_at",
    ]

    /// The stored columns of this entry (text form, as hashed).
    func columns(recordedBy: String, recordedAt: String) -> [String: String?] {
        [
            "entry_id": entryId, "kind": kind.rawValue, "student_id": studentId, "course_id": courseId,
            "amount": String(amount.fen), "lessons": lessons.map(String.init), "date": date.description,
            "method": method?.rawValue, "reason": side?.rawValue ?? reason?.rawValue, "note": note, "reverses": reverses,
            "recorded_by": recordedBy, "recorded_at": recordedAt, "unit": unit?.rawValue,
        ]
    }

    static func columns(of row: Row) -> [String: String?] {
        var out: [String: String?] = [:]
        for key in hashedColumns + ["unit"] {
            let value = row[key] as DatabaseValue?
            switch value?.storage {
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
