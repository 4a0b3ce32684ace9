import TuoguanCore
import TuoguanInput

/// What an import did (or, for a dry run, would do).
public struct ImportReport: Sendable {
    public var kind: ImportKind
    public var file: String
    /// Data rows read (the header not counted).
    public var rowsRead: Int
    /// Rows that added something.
    public var inserted: Int
    /// Rows already in the ledger with the same contents.
    public var unchanged: Int
    /// Problems that did not stop the import (ignored columns …).
    public var warnings: [TuoguanError]
    public var dryRun: Bool
    /// The marks an attendance import with `replace` changed, old → new.
    public var changes: [AttendanceChange] = []
    /// Every row read was recorded already, the same (a repeated import): nothing new, nothing wrong.
    public var allAlreadyRecorded: Bool { rowsRead > 0 && inserted == 0 && unchanged > 0 && changes.isEmpty }
    public init(
        kind: ImportKind, file: String, rowsRead: Int = 0, inserted: Int = 0, unchanged: Int = 0,
        warnings: [TuoguanError] = [], dryRun: Bool
    ) {
        self.kind = kind
        self.file = file
        self.rowsRead = rowsRead
        self.inserted = inserted
        self.unchanged = unchanged
        self.warnings = warnings
        self.dryRun = dryRun
    }
}

/// How to read one import's file: the course of a class teacher's sheet without a 课程 column (`--course`),
/// the one sheet of a workbook to read (`--sheet`), whether recorded attendance marks are replaced by the
/// file's (`--replace`, with the `note` the history keeps), and whether 姓名 beside 学号 is checked.
///
/// ```swift
/// try ledger.importFile(.attendance, path: "考勤.xlsx", dryRun: false, by: "班主任",
///                       options: ImportOptions(sheet: "1年级1班", replace: true, note: "班主任更正"))
/// ```
public struct ImportOptions: Sendable {
    public var course: String?
    public var sheet: String?
    public var replace: Bool
    public var note: String?
    public var ignoreNames: Bool
    public init(course: String? = nil, sheet: String? = nil, replace: Bool = false, note: String? = nil, ignoreNames: Bool = false) {
        self.course = course
        self.sheet = sheet
        self.replace = replace
        self.note = note
        self.ignoreNames = ignoreNames
    }
}

/// Whether recording a money entry added it, or found it already there with the same contents.
public enum RecordOutcome: Sendable, Equatable {
    case recorded, alreadyRecorded
}

/// A refund the clerk asks for: by amount or by lessons (exactly one of them).
///
/// ```swift
/// let request = RefundRequest(refundId: "T-007", studentId: "S001", courseId: "X1", lessons: 2,
///                             date: CivilDate(parsing: "2024-10-08")!, reason: .settlement)
/// ```
public struct RefundRequest: Sendable, Equatable {
    public var refundId: String
    public var studentId: String
    public var courseId: String?
    public var amount: Money?
    public var lessons: Int?
    public var date: CivilDate
    public var reason: RefundReason
    public var note: String
    /// How the money goes back (cash, WeChat, bank …), if said: kept with the refund, shown on the sign-for sheet.
    public var method: PaymentMethod?
    public init(
        refundId: String, studentId: String, courseId: String? = nil, amount: Money? = nil, lessons: Int? = nil,
        date: CivilDate, reason: RefundReason, note: String = "", method: PaymentMethod? = nil
    ) {
        self.refundId = refundId
        self.studentId = studentId
        self.courseId = courseId
        self.amount = amount
        self.lessons = lessons
        self.date = date
        self.reason = reason
        self.note = note
        self.method = method
    }
}

/// What a refund came to.
public struct RefundOutcome: Sendable, Equatable {
    public var outcome: RecordOutcome
    public var amount: Money
    /// What the family may still get back after this refund (paid − refunded).
    public var remainingRefundable: Money
    public init(outcome: RecordOutcome, amount: Money, remainingRefundable: Money) {
        self.outcome = outcome
        self.amount = amount
        self.remainingRefundable = remainingRefundable
    }
}

/// One family's refund after a cancellation.
public struct CancellationRefund: Sendable, Equatable {
    public var studentId: String
    public var studentName: String
    public var courseId: String
    public var courseName: String
    public var lessons: Int
    public var amount: Money
    public var refundId: String
    public var outcome: RecordOutcome
    public init(
        studentId: String, studentName: String, courseId: String, courseName: String, lessons: Int, amount: Money,
        refundId: String, outcome: RecordOutcome
    ) {
        self.studentId = studentId
        self.studentName = studentName
        self.courseId = courseId
        self.courseName = courseName
        self.lessons = lessons
        self.amount = amount
        self.refundId = refundId
        self.outcome = outcome
    }
}

public struct CancellationReport: Sendable, Equatable {
    /// Sessions newly marked cancelled (0 when the cancellation was already recorded).
    public var sessionsCancelled: Int
    public var refunds: [CancellationRefund]
    public init(sessionsCancelled: Int, refunds: [CancellationRefund]) {
        self.sessionsCancelled = sessionsCancelled
        self.refunds = refunds
    }
}

public struct WithdrawalReport: Sendable, Equatable {
    public var studentId: String
    public var courseId: String
    public var date: CivilDate
    public var refund: Money
    public var outcome: RecordOutcome
    public init(studentId: String, courseId: String, date: CivilDate, refund: Money, outcome: RecordOutcome) {
        self.studentId = studentId
        self.courseId = courseId
        self.date = date
        self.refund = refund
        self.outcome = outcome
    }
}

/// The result of recomputing the journal's hash chain and invariants.
public struct VerifyReport: Sendable, Equatable {
    public var entries: Int
    public var debits: Money
    public var credits: Money
    public var ok: Bool
    /// The first problem found, e.g. `entry 3 (R003): hash does not match its contents`.
    public var firstBreak: String?
    public init(entries: Int, debits: Money, credits: Money, ok: Bool, firstBreak: String?) {
        self.entries = entries
        self.debits = debits
        self.credits = credits
        self.ok = ok
        self.firstBreak = firstBreak
    }
}
