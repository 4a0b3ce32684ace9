import GRDB
import TuoguanCore

/// Finding things for the clerk: students, teachers, courses, receipts and refunds by id or (part of a) name,
/// and the journal's entries as records to show.
///
/// ```swift
/// for item in try ledger.find("张") { print(item.kind, item.id, item.name) }
/// let receipt = try ledger.moneyRecord(id: "R0001")
/// ```
extension Ledger {
    /// Everything whose id or name contains `text` (case-insensitive for Latin letters): students, teachers,
    /// courses, then receipts and refunds (by id, or by their student's id or name), at most `limit` of each kind.
    public func find(_ text: String, limit: Int = 50) throws -> [FoundItem] {
        try reading { try $0.find(text, limit: limit) }
    }

    /// One payment, refund or reversal by its id; nil if there is none.
    public func moneyRecord(id: String) throws -> MoneyRecord? {
        try reading { try $0.moneyRecords(where: "j.entry_id = ?", id).first }
    }

    /// Every payment, refund and reversal of one family, in the order recorded.
    public func moneyRecords(studentId: String) throws -> [MoneyRecord] {
        try reading { try $0.moneyRecords(where: "j.student_id = ?", studentId) }
    }

    /// A teacher by id, or nil.
    public func teacher(id: String) throws -> Teacher? {
        try reading { try $0.teacher(id) }
    }

    /// A course by id, or nil.
    public func course(id: String) throws -> Course? {
        try reading { try $0.course(id) }
    }
}
