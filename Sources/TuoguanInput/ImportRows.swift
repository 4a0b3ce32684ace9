import TuoguanCore

// The typed rows of each import kind, as ``RowParser`` makes them: every value checked and converted, ids
// known to the ledger, and the places (`at`, `…Field`) where the store reports what only the ledger can say
// (a conflict, a refund over its ceiling).
//
// ```swift
// if let row = parser.student(fields) { print(row.id, row.grade) }   // S001 3
// ```

/// `学号,姓名,年级,班级,类别`.
public struct StudentRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var grade: Int
    public var className: String
    /// A category id of the rules, or nil.
    public var category: String?
    public var at: TableField
}

/// `工号,姓名,类型`.
public struct TeacherRow: Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: TeacherKind
    public var at: TableField
}

/// `课程编号,课程名称,收费政策,教师工号,星期,开始时间,结束时间,人数上限,教室`.
public struct CourseRow: Sendable, Equatable {
    public var id: String
    public var name: String
    /// A policy id of the rules.
    public var policy: String
    public var teacher: String
    /// ISO weekdays (1 = Monday), sorted, each once.
    public var weekdays: [Int]
    /// Minutes after midnight.
    public var startMinutes: Int
    public var endMinutes: Int
    public var room: String
    public var capacity: Int?
    public var at: TableField
}

/// `学号,课程编号,开始日期,退课日期`.
public struct EnrollmentRow: Sendable, Equatable {
    public var student: String
    public var course: String
    public var from: CivilDate
    public var until: CivilDate?
    public var at: TableField
}

/// `课程编号,日期,开始时间,结束时间,教师工号,状态,原因`: times and teacher nil when the course's apply.
public struct SessionRow: Sendable, Equatable {
    public var course: String
    public var date: CivilDate
    /// `held` or `cancelled`.
    public var status: String
    public var teacher: String?
    public var startMinutes: Int?
    public var endMinutes: Int?
    public var reason: String
    public var at: TableField
}

/// `日期,课程编号,学号,状态`.
public struct AttendanceRow: Sendable, Equatable {
    public var date: CivilDate
    public var course: String
    public var student: String
    /// `present`, `leave` or `absent`.
    public var status: String
    public var dateField: TableField
    public var courseField: TableField
    public var studentField: TableField
    /// The status cell (in a class teacher's sheet: the mark under its date).
    public var statusField: TableField
}

/// `日期,工号,职责,课程编号`.
public struct DutyRow: Sendable, Equatable {
    public var date: CivilDate
    public var teacher: String
    /// A duty id of the rules' `[points]`.
    public var duty: String
    public var course: String?
    public var at: TableField
}

/// `工号,分数`: the score in hundredths (`92.5` → 9,250).
public struct ScoreRow: Sendable, Equatable {
    public var teacher: String
    public var hundredths: Int64
    public var at: TableField
}

/// `收据号,学号,金额,日期,方式`.
public struct PaymentRow: Sendable, Equatable {
    public var receipt: String
    public var student: String
    public var amount: Money
    public var date: CivilDate
    public var method: PaymentMethod
    public var at: TableField
}

/// `退费编号,学号,课程编号,金额,课时,日期,原因,备注`: exactly one of amount and lessons.
public struct RefundRow: Sendable, Equatable {
    public var refundId: String
    public var student: String
    public var course: String?
    public var amount: Money?
    public var lessons: Int?
    public var date: CivilDate
    public var reason: RefundReason
    public var note: String
    public var at: TableField
    public var courseField: TableField?
    public var amountField: TableField?
    public var lessonsField: TableField?
    public var reasonField: TableField
}

/// `支出编号,经费项目,金额,日期,收款方,说明`.
public struct ExpenseRow: Sendable, Equatable {
    public var expenseId: String
    public var line: SpendingLine
    public var amount: Money
    public var date: CivilDate
    public var payee: String
    public var note: String
    public var at: TableField
    public var poolField: TableField
    public var amountField: TableField?
}
