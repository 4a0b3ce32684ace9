import GRDB
import TuoguanCore

/// A point of the ledger: how many entries each hash chain had, and the money journal's last hash.
/// An approval is given at a point; whatever was recorded after it is "after the approval".
public struct LedgerPoint: Sendable, Equatable {
    /// Entries of the money journal (payments, refunds, reversals): `账本第 172 笔`.
    public var journalEntries: Int
    /// The money journal's chain head (the last entry's hash; empty for an empty journal).
    public var journalHead: String
    /// Entries of the spending journal.
    public var expenseEntries: Int
    /// Events (withdrawals, cancellations, undos).
    public var eventEntries: Int

    public init(journalEntries: Int, journalHead: String, expenseEntries: Int, eventEntries: Int) {
        self.journalEntries = journalEntries
        self.journalHead = journalHead
        self.expenseEntries = expenseEntries
        self.eventEntries = eventEntries
    }
}

/// What is approved: the committee's statement and disclosure, the principal's confirmation of the pay.
public enum ApprovalKind: String, Sendable, CaseIterable {
    case statement, disclosure, pay

    /// `学期结算单` / `the term statement`.
    public func title(_ language: Language) -> String {
        switch self {
        case .statement: return language == .zh ? "学期结算单" : "the term statement"
        case .disclosure: return language == .zh ? "收支公示" : "the disclosure"
        case .pay: return language == .zh ? "教师工作量及课酬" : "the teachers' workload and pay"
        }
    }
}

/// One approval: who approved what, when, at which point of the ledger. Append-only.
///
/// ```swift
/// let a = try ledger.approve(.statement, by: "张敏", note: "")
/// a.point.journalEntries   // 172: "经 张敏 于 2025年1月20日 审核，账本第 172 笔"
/// ```
public struct Approval: Sendable, Equatable {
    public var seq: Int64
    public var kind: ApprovalKind
    public var approvedBy: String
    /// UTC, as every recorded-at of the ledger.
    public var approvedAt: String
    public var point: LedgerPoint
    public var note: String
}

extension Ledger {
    static func createApprovals(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE approvals (
                    seq INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('statement', 'disclosure', 'pay')),
                    approved_by TEXT NOT NULL, approved_at TEXT NOT NULL,
                    journal_entries INTEGER NOT NULL, journal_head TEXT NOT NULL,
                    expense_entries INTEGER NOT NULL, event_entries INTEGER NOT NULL,
                    note TEXT NOT NULL DEFAULT '') STRICT;
                CREATE TRIGGER approvals_no_update BEFORE UPDATE ON approvals
                    BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
                CREATE TRIGGER approvals_no_delete BEFORE DELETE ON approvals
                    BEGIN SELECT RAISE(ABORT, 'approvals are append-only'); END;
                """)
    }

    /// The ledger's point now.
    public func currentPoint() throws -> LedgerPoint {
        try reading { try $0.point() }
    }

    /// Records an approval of `kind` by `by` at the ledger's point now (read in the same transaction).
    public func approve(_ kind: ApprovalKind, by: String, note: String = "") throws -> Approval {
        try record { writer in try writer.appendApproval(kind, at: writer.reader.point(), by: by, note: note) }
    }

    /// Every approval, oldest first.
    public func approvals() throws -> [Approval] {
        try reading { try $0.approvals() }
    }

    /// The latest approval of `kind`, or nil.
    public func latestApproval(_ kind: ApprovalKind) throws -> Approval? {
        try approvals().last { $0.kind == kind }
    }
}
