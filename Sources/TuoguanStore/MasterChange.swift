import TuoguanCore

/// What a correction of master data is about: a student, a teacher, a course or an enrolment.
public enum MasterSubject: String, Sendable, CaseIterable {
    case student, teacher, course, enrollment
}

/// One corrected field of the master data, as the history keeps it: the old and the new value (text, nil
/// when empty), who changed it, when and why. Never edited: a later correction is a later record.
///
/// ```swift
/// let changes = try ledger.editStudent("S1", StudentEdit(className: "三(3)班"), note: "转班", by: "会计")
/// changes[0].field      // "class"
/// changes[0].oldValue   // "三(2)班"
/// ```
public struct MasterChange: Sendable, Equatable {
    public var seq: Int64
    public var subject: MasterSubject
    /// The student, teacher or course id (for an enrolment: the student's).
    public var subjectId: String
    /// For an enrolment: the course.
    public var courseId: String?
    /// The column: name, grade, class, category, kind, teacher, weekdays, start, end, capacity, from, until;
    /// for a mark of attendance `attendance 2024-09-03` (old and new: present, leave, absent, nil for no mark).
    public var field: String
    public var oldValue: String?
    public var newValue: String?
    public var note: String
    public var recordedBy: String
    public var recordedAt: String

    public init(
        seq: Int64, subject: MasterSubject, subjectId: String, courseId: String?, field: String, oldValue: String?,
        newValue: String?, note: String, recordedBy: String, recordedAt: String
    ) {
        self.seq = seq
        self.subject = subject
        self.subjectId = subjectId
        self.courseId = courseId
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.note = note
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
    }

    /// The field's name for people: `班级` / `class`.
    public func fieldLabel(_ language: Language) -> String {
        if field.hasPrefix("attendance ") {
            let day = field.dropFirst("attendance ".count)
            return language == .zh ? "考勤（\(day)）" : "attendance on \(day)"
        }
        if field == "name" && subject == .course { return language == .zh ? "名称" : "name" }
        // A session of a course: `session:2024-09-10:teacher_id` → 课次 2024-09-10 任课教师.
        let parts = field.split(separator: ":", maxSplits: 2).map(String.init)
        if parts.count == 3 && parts[0] == "session" {
            let inner = MasterChange.labels[parts[2]].map { language == .zh ? $0.zh : $0.en } ?? parts[2]
            return language == .zh ? "课次 \(parts[1]) \(inner)" : "session \(parts[1]) \(inner)"
        }
        return MasterChange.labels[field].map { language == .zh ? $0.zh : $0.en } ?? field
    }

    static let labels: [String: (zh: String, en: String)] = [
        "name": ("姓名", "name"), "grade": ("年级", "grade"), "class": ("班级", "class"),
        "category": ("类别", "category"), "kind": ("类型", "kind"), "teacher_id": ("任课教师", "teacher"), "policy": ("收费政策", "fee policy"),
        "weekdays": ("上课星期", "weekdays"), "start": ("开始时间", "start"), "end": ("结束时间", "end"),
        "capacity": ("人数上限", "capacity"), "from_date": ("报名开始", "from"), "until_date": ("退课日期", "until"),
        "date": ("日期", "date"),
    ]
}

/// The fields of a student to correct (nil: unchanged). `category: .some(nil)` clears the category.
///
/// ```swift
/// StudentEdit(name: "张三丰", category: .some("left_behind"))
/// ```
public struct StudentEdit: Sendable, Equatable {
    public var name: String?
    public var grade: Int?
    public var className: String?
    public var category: String??
    public init(name: String? = nil, grade: Int? = nil, className: String? = nil, category: String?? = nil) {
        self.name = name
        self.grade = grade
        self.className = className
        self.category = category
    }
}

/// The fields of a teacher to correct (nil: unchanged).
public struct TeacherEdit: Sendable, Equatable {
    public var name: String?
    public var kind: TeacherKind?
    public init(name: String? = nil, kind: TeacherKind? = nil) {
        self.name = name
        self.kind = kind
    }
}

/// The fields of a course to correct (nil: unchanged). Times are minutes after midnight; `capacity: .some(nil)`
/// removes the course's own limit. The policy and the weekdays cannot change once the course has refunds.
public struct CourseEdit: Sendable, Equatable {
    public var name: String?
    public var teacherId: String?
    public var policyId: String?
    public var weekdays: [Int]?
    public var start: Int?
    public var end: Int?
    public var capacity: Int??
    public init(
        name: String? = nil, teacherId: String? = nil, policyId: String? = nil, weekdays: [Int]? = nil, start: Int? = nil,
        end: Int? = nil, capacity: Int?? = nil
    ) {
        self.name = name
        self.teacherId = teacherId
        self.policyId = policyId
        self.weekdays = weekdays
        self.start = start
        self.end = end
        self.capacity = capacity
    }
}

/// The dates of an enrolment to correct (nil: unchanged). `until: .some(nil)`: the student stays to the end.
public struct EnrollmentEdit: Sendable, Equatable {
    public var from: CivilDate?
    public var until: CivilDate??
    public init(from: CivilDate? = nil, until: CivilDate?? = nil) {
        self.from = from
        self.until = until
    }
}

/// A payment, refund or reversal of the journal as the clerk looks it up (`show receipt`, `show refund`).
public struct MoneyRecord: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case payment, refund, reversal
        /// A balance carried in from the closed term before (see `openingCredit`).
        case opening
    }
    public var entryId: String
    public var kind: Kind
    public var studentId: String
    public var studentName: String
    public var courseId: String?
    public var courseName: String?
    public var amount: Money
    public var lessons: Int?
    public var date: CivilDate
    public var method: PaymentMethod?
    public var reason: RefundReason?
    public var note: String
    /// For a reversal: the entry it reverses.
    public var reverses: String?
    /// The reversal that cancels this entry, if any.
    public var reversedBy: String?
    public var recordedBy: String
    public var recordedAt: String
    /// The unit of `lessons` for a refund counted in half-months, months or service days; nil: lessons.
    public var unit: ProRataUnit? = nil
    /// For an opening: true for a credit carried in, false for arrears.
    public var openingCredit: Bool? = nil
}

/// Something `find` found: what it is, its id, and a line to show.
public struct FoundItem: Sendable, Equatable {
    public enum Kind: String, Sendable { case student, teacher, course, receipt, refund }
    public var kind: Kind
    public var id: String
    public var name: String
    /// Class for a student, kind for a teacher, the student and amount for a receipt or refund.
    public var detail: String
}
