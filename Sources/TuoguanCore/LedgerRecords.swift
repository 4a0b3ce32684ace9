/// Rows the ledger keeps that reports list one by one (the refund register, the duty log behind the
/// points). Plain values, so the workbooks need no database.

/// One refund as the clerk recorded it (退费登记表).
public struct RefundRecord: Sendable, Equatable {
    public var refundId: String
    public var date: CivilDate
    public var studentId: String
    public var studentName: String
    public var courseId: String?
    public var courseName: String?
    /// How many units the refund gave back, in `unit` (nil: lessons).
    public var lessons: Int?
    /// Half-months, months or service days for a withdrawal counted so; nil: lessons.
    public var unit: ProRataUnit?
    public var reason: RefundReason
    public var amount: Money
    public var note: String
    /// Who recorded it (`--by`, default the login name).
    public var recordedBy: String
    /// When, as `2024-10-08T09:30:00Z`.
    public var recordedAt: String
    /// Reversed later by a correcting entry (its id), if so.
    public var reversedBy: String?
    /// How the money went back, when the refund said so (a term-end settlement does).
    public var method: PaymentMethod?
    public init(
        refundId: String, date: CivilDate, studentId: String, studentName: String, courseId: String?,
        courseName: String?, lessons: Int?, reason: RefundReason, amount: Money, note: String, recordedBy: String,
        recordedAt: String, reversedBy: String? = nil, unit: ProRataUnit? = nil, method: PaymentMethod? = nil
    ) {
        self.refundId = refundId
        self.date = date
        self.studentId = studentId
        self.studentName = studentName
        self.courseId = courseId
        self.courseName = courseName
        self.lessons = lessons
        self.reason = reason
        self.amount = amount
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.reversedBy = reversedBy
        self.unit = unit
        self.method = method
    }
}

/// One duty behind a teacher's points: a held session (its policy's duty) or a roster entry (patrol …).
public struct DutyRecord: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable { case session, roster }
    public var date: CivilDate
    public var teacherId: String
    /// A key of `PlanRules.points`.
    public var duty: String
    public var courseId: String?
    public var courseName: String?
    public var minutes: Int
    public var source: Source
    public init(
        date: CivilDate, teacherId: String, duty: String, courseId: String?, courseName: String?, minutes: Int,
        source: Source
    ) {
        self.date = date
        self.teacherId = teacherId
        self.duty = duty
        self.courseId = courseId
        self.courseName = courseName
        self.minutes = minutes
        self.source = source
    }
}
