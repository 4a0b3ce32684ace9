/// Everything that happened in a term, aggregated to the size the money needs: per student and course,
/// per teacher and duty, per teacher and course. The store reads it from the tallies it keeps as attendance is
/// written, so a district's millions of attendance rows are never read for it; tests build it by hand.
public struct TermFacts: Sendable, Equatable {
    public var students: [Student]
    public var teachers: [Teacher]
    public var courses: [Course]
    /// One per enrollment of a student in a course.
    public var usages: [CourseUsage]
    /// Duties per teacher and kind: held sessions (the policy's duty) plus the duties file (patrols …).
    public var duties: [DutyTally]
    /// Held lessons and student-minutes present per teacher and course (for subsidies and outside pay).
    public var teaching: [TeachingTally]
    /// Per course: sessions held and cancelled, most students present at one session.
    public var courseTallies: [CourseTally]
    public var payments: [PaymentFact]
    public var refunds: [RefundFact]
    /// The academic office's quality score per teacher, in hundredths (92.5 → 9250).
    public var qualityScores: [String: Int64]
    /// Expenses recorded as paid (reversed ones left out): from the pools and the budget lines.
    public var expenses: [ExpenseFact]
    /// Families' balances carried in from the closed term before this one (余额结转).
    public var openings: [OpeningFact] = []
    /// Pools' unspent balances carried forward from the closed term before this one, by pool id.
    public var carriedPools: [String: Money] = [:]

    public init(
        students: [Student] = [], teachers: [Teacher] = [], courses: [Course] = [], usages: [CourseUsage] = [],
        duties: [DutyTally] = [], teaching: [TeachingTally] = [], courseTallies: [CourseTally] = [],
        payments: [PaymentFact] = [], refunds: [RefundFact] = [], qualityScores: [String: Int64] = [:],
        expenses: [ExpenseFact] = []
    ) {
        self.expenses = expenses
        self.students = students
        self.teachers = teachers
        self.courses = courses
        self.usages = usages
        self.duties = duties
        self.teaching = teaching
        self.courseTallies = courseTallies
        self.payments = payments
        self.refunds = refunds
        self.qualityScores = qualityScores
    }
}

public struct Student: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var grade: Int
    /// 班级, e.g. `三(2)班`.
    public var className: String
    /// A key of `PlanRules.categories`, or nil.
    public var category: String?
    public init(id: String, name: String, grade: Int, className: String, category: String? = nil) {
        self.id = id
        self.name = name
        self.grade = grade
        self.className = className
        self.category = category
    }
}

public enum TeacherKind: String, Sendable, Equatable, CaseIterable, Codable {
    /// 在职教师.
    case staff
    /// 退休教师.
    case retired
    /// 校外机构 (third-party institution): paid per lesson, earns no workload points.
    case outside
    /// 志愿者.
    case volunteer
}

public struct Teacher: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    public var kind: TeacherKind
    public init(id: String, name: String, kind: TeacherKind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

public struct Course: Sendable, Equatable, Hashable {
    public var id: String
    public var name: String
    /// A key of `PlanRules.policies`.
    public var policyId: String
    public var teacherId: String
    /// ISO weekdays (1 = Monday).
    public var weekdays: [Int]
    /// Minutes after midnight.
    public var start: Int
    public var end: Int
    public var room: String
    public var capacity: Int?
    public init(
        id: String, name: String, policyId: String, teacherId: String, weekdays: [Int] = [], start: Int = 0,
        end: Int = 0, room: String = "", capacity: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.policyId = policyId
        self.teacherId = teacherId
        self.weekdays = weekdays
        self.start = start
        self.end = end
        self.room = room
        self.capacity = capacity
    }
}

/// One student's use of one course over the term.
///
/// Counting rules (the store follows them; tests may build any consistent values):
/// - `termLessons`: every session of the course in the term (held, cancelled or still to come) on or after
///   `enrolledFrom`, as if the student never withdrew. A family that prepays for the term pays for these.
/// - `heldLessons` / `cancelledLessons`: sessions held / cancelled by the school while enrolled, i.e. from
///   `enrolledFrom` up to the day before `withdrawnOn`.
/// - `present + leave + absent ≤ heldLessons`; a held lesson with no attendance record counts as present
///   for charging (the teacher takes attendance at every session) but adds nothing to `minutesPresent`.
public struct CourseUsage: Sendable, Equatable {
    public var studentId: String
    public var courseId: String
    public var enrolledFrom: CivilDate
    /// The first day the student no longer attends (退课日期), or nil.
    public var withdrawnOn: CivilDate?
    public var termLessons: Int
    public var heldLessons: Int
    public var cancelledLessons: Int
    public var present: Int
    public var leave: Int
    public var absent: Int
    /// Σ session minutes at which the student was present.
    public var minutesPresent: Int64
    /// Every session of the course in the whole term (from the term's first day, held, cancelled or to
    /// come): what a `per_term` fee's `late_start = "remaining_lessons"` share is taken of. nil: the same
    /// as `termLessons` (the student enrolled from the start).
    public var courseLessons: Int?
    /// The lessons of the enrolment's window [`enrolledFrom`, `withdrawnOn`): held, cancelled, or still to come
    /// (a day of the course's schedule from today on, neither held nor cancelled). What a family prepaying for
    /// the term owes from its first day (the bill at the start, ``projectedForPrepayment``). nil: not known (no
    /// projection; the store always sets it). After the term no lesson is to come.
    public var windowLessons: Int?
    /// Session minutes (each session's own length; `lesson_minutes` for one without times), for
    /// `per_student_hour`. nil: every lesson `lesson_minutes` long (the store always sets them).
    public var minutes: LessonMinutes?

    public init(
        studentId: String, courseId: String, enrolledFrom: CivilDate, withdrawnOn: CivilDate? = nil,
        termLessons: Int, heldLessons: Int, cancelledLessons: Int = 0, present: Int, leave: Int = 0,
        absent: Int = 0, minutesPresent: Int64 = 0, courseLessons: Int? = nil, windowLessons: Int? = nil
    ) {
        self.windowLessons = windowLessons
        self.studentId = studentId
        self.courseId = courseId
        self.enrolledFrom = enrolledFrom
        self.withdrawnOn = withdrawnOn
        self.termLessons = termLessons
        self.heldLessons = heldLessons
        self.cancelledLessons = cancelledLessons
        self.present = present
        self.leave = leave
        self.absent = absent
        self.minutesPresent = minutesPresent
        self.courseLessons = courseLessons
    }

    /// Held lessons with no attendance record.
    public var unrecorded: Int { max(0, heldLessons - present - leave - absent) }

    /// Lessons of the window still to come (neither held nor cancelled yet).
    public var scheduledLessons: Int { max(0, (windowLessons ?? 0) - heldLessons - cancelledLessons) }

    /// The usage as if every lesson of the window still to come were held (and used, with no attendance
    /// record): what a family prepaying for the term owes from the day it enrols, whether or not a lesson was
    /// held yet. Once every lesson of the window is held or cancelled it is the usage itself, so the term-end
    /// settlement (多退少补 by use) is unchanged.
    ///
    /// ```swift
    /// // X1: 16 lessons in the window, 3 held, 1 cancelled → 15 held in the projection
    /// usage.projectedForPrepayment.heldLessons   // 15
    /// ```
    public var projectedForPrepayment: CourseUsage {
        var u = self
        u.heldLessons += scheduledLessons
        if var m = minutes {
            m.held += max(0, m.window - m.held - m.cancelled)
            u.minutes = m
        }
        return u
    }
}

/// The minutes of an enrolment's lessons, each session counted by its own length (`per_student_hour`).
///
/// ```swift
/// // 3 held sessions of 45, 45 and 40 minutes, present at the first two
/// LessonMinutes(held: 130, present: 90, term: 130, window: 130)
/// ```
public struct LessonMinutes: Sendable, Equatable {
    /// Σ minutes of the lessons held while enrolled.
    public var held: Int64
    /// Σ minutes of the lessons cancelled while enrolled.
    public var cancelled: Int64
    /// Σ minutes at the lessons on leave, and absent.
    public var leave: Int64
    public var absent: Int64
    /// Σ minutes of every lesson of the course from the enrolment's first day (as `termLessons`).
    public var term: Int64
    /// Σ minutes of every lesson inside the enrolment's window (as `windowLessons`).
    public var window: Int64
    public init(held: Int64 = 0, cancelled: Int64 = 0, leave: Int64 = 0, absent: Int64 = 0, term: Int64 = 0, window: Int64 = 0) {
        self.held = held
        self.cancelled = cancelled
        self.leave = leave
        self.absent = absent
        self.term = term
        self.window = window
    }
}

/// How many duties of one kind a teacher did, and for how long.
public struct DutyTally: Sendable, Equatable, Hashable {
    public var teacherId: String
    /// A key of `PlanRules.points`.
    public var duty: String
    public var count: Int
    public var minutes: Int64
    public init(teacherId: String, duty: String, count: Int, minutes: Int64) {
        self.teacherId = teacherId
        self.duty = duty
        self.count = count
        self.minutes = minutes
    }
}

/// What a teacher taught in one course.
public struct TeachingTally: Sendable, Equatable, Hashable {
    public var teacherId: String
    public var courseId: String
    public var heldLessons: Int
    /// Σ over held sessions of (students present × session minutes).
    public var studentMinutesPresent: Int64
    public init(teacherId: String, courseId: String, heldLessons: Int, studentMinutesPresent: Int64) {
        self.teacherId = teacherId
        self.courseId = courseId
        self.heldLessons = heldLessons
        self.studentMinutesPresent = studentMinutesPresent
    }
}

public struct CourseTally: Sendable, Equatable, Hashable {
    public var courseId: String
    public var held: Int
    public var cancelled: Int
    /// Most students present at one held session.
    public var maxPresent: Int
    public init(courseId: String, held: Int, cancelled: Int, maxPresent: Int) {
        self.courseId = courseId
        self.held = held
        self.cancelled = cancelled
        self.maxPresent = maxPresent
    }
}

public enum PaymentMethod: String, Sendable, Equatable, CaseIterable, Codable {
    case cash, wechat, alipay, bank
}

/// A payment received from a family (one receipt).
public struct PaymentFact: Sendable, Equatable, Hashable {
    public var receipt: String
    public var studentId: String
    public var amount: Money
    public var date: CivilDate
    public var method: PaymentMethod
    public init(receipt: String, studentId: String, amount: Money, date: CivilDate, method: PaymentMethod) {
        self.receipt = receipt
        self.studentId = studentId
        self.amount = amount
        self.date = date
        self.method = method
    }
}

/// Money paid back to a family (one refund id). A reversal of a mistaken entry is recorded in the journal
/// and reaches the computation as the net effect (the reversed refund is simply absent).
public struct RefundFact: Sendable, Equatable, Hashable {
    public var refundId: String
    public var studentId: String
    public var courseId: String?
    public var amount: Money
    /// How many units were refunded, when the refund was counted: lessons, unless `unit` says otherwise.
    public var lessons: Int?
    public var date: CivilDate
    public var reason: RefundReason
    public var note: String
    /// The unit of `lessons` when it is not lessons: a withdrawal by half-months, months or service days.
    public var unit: ProRataUnit?
    public init(
        refundId: String, studentId: String, courseId: String?, amount: Money, lessons: Int? = nil,
        date: CivilDate, reason: RefundReason, note: String = "", unit: ProRataUnit? = nil
    ) {
        self.refundId = refundId
        self.studentId = studentId
        self.courseId = courseId
        self.amount = amount
        self.lessons = lessons
        self.date = date
        self.reason = reason
        self.note = note
        self.unit = unit
    }
}

/// A family's balance carried in from the closed term before this one (a journal entry of kind `opening`):
/// money already owed by the family (arrears, 应补) or already paid and not used (a credit, 应退).
///
/// ```swift
/// let credit = OpeningFact(entryId: "OPEN-S001", studentId: "S001", amount: Money(fen: -4000),
///                          date: CivilDate(parsing: "2025-02-17")!)
/// credit.amount   // -40.00: the family starts the term with 40.00 of credit
/// ```
public struct OpeningFact: Sendable, Equatable, Hashable {
    public var entryId: String
    public var studentId: String
    /// Signed like a balance: positive, arrears the family still owes; negative, a credit the fund holds.
    public var amount: Money
    public var date: CivilDate
    public var note: String
    public init(entryId: String, studentId: String, amount: Money, date: CivilDate, note: String = "") {
        self.entryId = entryId
        self.studentId = studentId
        self.amount = amount
        self.date = date
        self.note = note
    }
}
