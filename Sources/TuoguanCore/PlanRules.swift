/// One school's after-school care plan for one term (一校一案): every money rule as data.
///
/// Loaded from `rules/*.toml` by `TuoguanRules.RulesLoader`; documented in `rules/README.md`.
///
/// ```swift
/// let rules = try RulesLoader.load(path: "rules/xiwei-monthly.toml")
/// rules.policies["basic"]?.price   // 40.00 per month
/// ```
public struct PlanRules: Sendable, Equatable {
    /// The rules-file schema version this code reads.
    public static let currentSchema = 1

    public var schema: Int
    public var school: String
    /// e.g. `2024-autumn`.
    public var term: String
    /// Human-readable name of the plan the file encodes (from the seed), shown in workbook headers.
    public var planName: String
    public var starts: CivilDate
    public var ends: CivilDate
    /// Minutes in one lesson (课时), 40 in most plans.
    public var lessonMinutes: Int
    /// Who holds the money: the school or the parents' committee.
    public var collector: Collector
    /// How exact quotients (per student-hour fees and subsidies, per-day refunds) become whole fen.
    public var rounding: RoundingRule
    /// Weekdays with service (ISO 1 = Monday). Usually 1…5 ("5+2").
    public var serviceWeekdays: Set<Int>
    /// Days without service inside the term (holidays, school events), with the reason.
    public var noServiceDays: [NoServiceDay]
    /// Extra service days outside `serviceWeekdays` (调休 make-up days).
    public var makeUpDays: [CivilDate]
    /// The weekday whose timetable a make-up day follows (`make_up_days = [{ date = …, follows = 1 }]`); a
    /// make-up day not listed keeps its own weekday.
    public var makeUpFollows: [CivilDate: Int] = [:]
    /// Categories of students (留守儿童, 单亲 …) and the policies they are waived from.
    public var categories: [String: StudentCategory]
    /// One policy per kind of programme, by id (`basic`, `x` …).
    public var policies: [String: Policy]
    /// The cost-share split of the term's net fee income.
    public var split: CostShare
    /// Workload points per duty kind (`supervision` 50, `activity` 50, `patrol` 40 …).
    public var points: [String: Int64]
    /// Limits the `check` command verifies.
    public var limits: Limits
    /// Service times per grade and season (informative; checked against sessions' end times).
    public var timetable: [TimeSlot]
    /// How names appear in the disclosure for all parents.
    public var disclosure: DisclosurePrivacy
    /// The term's display name, the time zone of printed times and the sign-off names.
    public var printing = PrintSettings()
    /// The disclosure's 公示期 and whom to ask; how and when families pay or collect (the notices).
    public var publication = Publication()
    /// The banks' statement layouts by name (`[banks.NAME]`), for `reconcile --bank NAME`.
    public var banks: [String: BankLayout] = [:]
    /// The term's closing and the school year: carried balances, when the year starts, promotion (`[year]`).
    public var year = YearRules()

    public init(
        schema: Int = PlanRules.currentSchema, school: String, term: String, planName: String = "",
        starts: CivilDate, ends: CivilDate, lessonMinutes: Int = 40, collector: Collector = .parentsCommittee,
        rounding: RoundingRule = .halfUp, serviceWeekdays: Set<Int> = [1, 2, 3, 4, 5],
        noServiceDays: [NoServiceDay] = [], makeUpDays: [CivilDate] = [],
        categories: [String: StudentCategory] = [:], policies: [String: Policy],
        split: CostShare, points: [String: Int64] = [:], limits: Limits = Limits(),
        timetable: [TimeSlot] = [], disclosure: DisclosurePrivacy = .maskedNames
    ) {
        self.schema = schema
        self.school = school
        self.term = term
        self.planName = planName
        self.starts = starts
        self.ends = ends
        self.lessonMinutes = lessonMinutes
        self.collector = collector
        self.rounding = rounding
        self.serviceWeekdays = serviceWeekdays
        self.noServiceDays = noServiceDays
        self.makeUpDays = makeUpDays
        self.categories = categories
        self.policies = policies
        self.split = split
        self.points = points
        self.limits = limits
        self.timetable = timetable
        self.disclosure = disclosure
    }

    /// Whether the term has service on `date` (a weekday with service or a make-up day, not a no-service day,
    /// inside the term).
    public func isServiceDay(_ date: CivilDate) -> Bool {
        guard date >= starts && date <= ends else { return false }
        if noServiceDays.contains(where: { $0.date == date }) { return false }
        return serviceWeekdays.contains(date.weekday) || makeUpDays.contains(date)
    }

    /// The weekday whose timetable `date` follows: a make-up day's `follows`, else its own weekday.
    public func timetableWeekday(_ date: CivilDate) -> Int {
        makeUpFollows[date] ?? date.weekday
    }

    /// The days a course meeting on `weekdays` meets in the term, in order: every service day whose timetable
    /// weekday (``timetableWeekday(_:)``) is one of them. What `tuoguan schedule` makes sessions of, and what
    /// a course without a timetable counts as its lessons.
    ///
    /// ```swift
    /// // Tue/Thu course, autumn 2024 term: 2024-09-03, 2024-09-05, … (no 中秋, 国庆 days)
    /// rules.courseDays(weekdays: [2, 4]).first   // 2024-09-03
    /// ```
    public func courseDays(weekdays: [Int]) -> [CivilDate] {
        serviceDays.filter { weekdays.contains(timetableWeekday($0)) }
    }

    /// All service days of the term, in order.
    public var serviceDays: [CivilDate] {
        var days: [CivilDate] = []
        var d = starts
        while d <= ends {
            if isServiceDay(d) { days.append(d) }
            d = d.adding(days: 1)
        }
        return days
    }
}

public enum Collector: String, Sendable, Equatable, CaseIterable {
    case school
    case parentsCommittee = "parents_committee"
}

public struct NoServiceDay: Sendable, Equatable {
    public var date: CivilDate
    public var reason: String
    public init(date: CivilDate, reason: String) {
        self.date = date
        self.reason = reason
    }
}

public struct StudentCategory: Sendable, Equatable {
    public var id: String
    /// 留守儿童, 单亲家庭 …
    public var name: String
    /// Policy ids whose fees this category does not pay.
    public var waives: Set<String>
    /// Share of the fee waived, in percent (100 = free). Default 100.
    public var waivePercent: Int
    /// Whether these students come first when places are short (informative).
    public var priority: Bool
    public init(id: String, name: String, waives: Set<String>, waivePercent: Int = 100, priority: Bool = true) {
        self.id = id
        self.name = name
        self.waives = waives
        self.waivePercent = waivePercent
        self.priority = priority
    }
}

/// How a programme is charged to families.
public enum Billing: String, Sendable, Equatable, CaseIterable {
    /// No charge to families (basic care "1"; city plans that forbid charging).
    case free
    /// `price` per lesson (课时).
    case perLesson = "per_lesson"
    /// `price` per student-hour present (minutes present × price ÷ 60, rounded once per student and course).
    case perStudentHour = "per_student_hour"
    /// `price` per month, for `months` months of the term.
    case monthly
    /// `price` once for the term.
    case perTerm = "per_term"
}

/// When families pay.
public enum Prepay: String, Sendable, Equatable, CaseIterable {
    /// Pay as charged (or at term end).
    case none
    /// Pay the whole term up front (期初一次性收取).
    case term
}

/// Whether the term ends with settlement by actual use (多退少补).
public enum Settlement: String, Sendable, Equatable, CaseIterable {
    /// What was scheduled is charged (less refundable absences and cancellations).
    case none
    /// Only what was used is charged (每学期末按实结算，多还少补).
    case actualUse = "actual_use"
}

/// What counts as "use" of a lesson under settlement by actual use.
public enum UseRule: String, Sendable, Equatable, CaseIterable {
    /// Only lessons the student attended.
    case present
    /// Attended or absent without leave (an unexcused absence still uses the place).
    case presentOrAbsent = "present_or_absent"
}

/// How much is given back for one reason.
public enum RefundRule: Sendable, Equatable, Hashable {
    /// Nothing is refunded (因个人原因请假不退费).
    case none
    /// Everything affected is refunded (不可抗力: the school refunds everyone).
    case full
    /// Lessons not yet held after the date are refunded (per lesson).
    case remainingLessons
    /// Service days not yet held after the date, pro rata (per day).
    case perDay
    /// Whole half-months not yet begun are refunded.
    case halfMonth
    /// Whole months not yet begun are refunded.
    case month
    /// This percentage of what `remainingLessons` would give.
    case percent(Int)

    /// The spelling in rules files: `none`, `full`, `remaining_lessons`, `per_day`, `half_month`, `month`,
    /// `percent:50`.
    public var spelling: String {
        switch self {
        case .none: return "none"
        case .full: return "full"
        case .remainingLessons: return "remaining_lessons"
        case .perDay: return "per_day"
        case .halfMonth: return "half_month"
        case .month: return "month"
        case .percent(let p): return "percent:\(p)"
        }
    }

    public init?(spelling: String) {
        switch spelling {
        case "none": self = .none
        case "full": self = .full
        case "remaining_lessons": self = .remainingLessons
        case "per_day": self = .perDay
        case "half_month": self = .halfMonth
        case "month": self = .month
        default:
            guard spelling.hasPrefix("percent:"), let p = Int(spelling.dropFirst("percent:".count)),
                (0...100).contains(p)
            else { return nil }
            self = .percent(p)
        }
    }
}

/// Why money goes back to a family.
public enum RefundReason: String, Sendable, Equatable, CaseIterable, Codable {
    /// 因个人原因请假.
    case personalLeave = "personal_leave"
    /// Cancelled by the school: force majeure (天气, 疫情) or a school event (春秋游, 运动会).
    case cancelled
    /// The student leaves the course (退课).
    case withdrawal
    /// Settlement at term end (多退少补), or a correction agreed by the committee.
    case settlement
}

/// The refund rule per reason.
public struct RefundRules: Sendable, Equatable {
    public var personalLeave: RefundRule
    public var cancelled: RefundRule
    public var withdrawal: RefundRule
    public init(personalLeave: RefundRule = .none, cancelled: RefundRule = .full, withdrawal: RefundRule = .remainingLessons) {
        self.personalLeave = personalLeave
        self.cancelled = cancelled
        self.withdrawal = withdrawal
    }
    public func rule(for reason: RefundReason) -> RefundRule {
        switch reason {
        case .personalLeave: return personalLeave
        case .cancelled: return cancelled
        case .withdrawal: return withdrawal
        case .settlement: return .full
        }
    }
}

/// One kind of programme: basic care "1", an interest course "X", noon care …
public struct Policy: Sendable, Equatable {
    public var id: String
    public var name: String
    public var billing: Billing
    /// Per lesson, per student-hour, per month or per term, as `billing` says. Zero for `free`.
    public var price: Money
    /// Months billed in the term, for `monthly` (e.g. 4).
    public var months: Int
    public var prepay: Prepay
    public var settle: Settlement
    public var use: UseRule
    public var refund: RefundRules
    /// A course under this policy opens only with this many students (e.g. 15).
    public var minEnrollment: Int?
    /// Most students in one course.
    public var capacity: Int?
    /// The duty kind a held session earns its teacher (`supervision`, `activity` …), a key of `points`.
    public var duty: String?
    /// Paid to the teacher per student-hour present (2.00), from the budget, not from fees.
    public var subsidyPerStudentHour: Money?
    /// Paid per held lesson to a teacher of kind `outside` (third-party institutions).
    public var outsidePayPerLesson: Money?
    /// Whether a course under this policy is taught by a third-party institution.
    public var outsideInstitution: Bool
    /// How a `monthly` or `per_term` fee is shortened for a student enrolled after the term began
    /// (`late_start`); nil: the billing's default (see ``effectiveLateStart``).
    public var lateStart: LateStartRule?

    public init(
        id: String, name: String, billing: Billing, price: Money = .zero, months: Int = 0,
        prepay: Prepay = .none, settle: Settlement = .none, use: UseRule = .present,
        refund: RefundRules = RefundRules(), minEnrollment: Int? = nil, capacity: Int? = nil,
        duty: String? = nil, subsidyPerStudentHour: Money? = nil, outsidePayPerLesson: Money? = nil,
        outsideInstitution: Bool = false, lateStart: LateStartRule? = nil
    ) {
        self.id = id
        self.name = name
        self.billing = billing
        self.price = price
        self.months = months
        self.prepay = prepay
        self.settle = settle
        self.use = use
        self.refund = refund
        self.minEnrollment = minEnrollment
        self.capacity = capacity
        self.duty = duty
        self.subsidyPerStudentHour = subsidyPerStudentHour
        self.outsidePayPerLesson = outsidePayPerLesson
        self.outsideInstitution = outsideInstitution
        self.lateStart = lateStart
    }
}

/// What the split is applied to.
public enum SplitBasis: String, Sendable, Equatable, CaseIterable {
    /// Fees earned in the term after waivers and settlement (Σ charged).
    case earned
    /// Cash collected less refunds paid out.
    case cash
}

/// How a pool is shared among teachers, if at all.
public enum PoolSharing: String, Sendable, Equatable, CaseIterable {
    /// Kept as a whole (running cost, equipment, levy).
    case none
    /// Shared by workload points (辅导教师量化考核).
    case points
    /// Shared by the academic office's quality scores (教学质量奖).
    case qualityScore = "quality_score"
}

public struct Pool: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The share in hundredths of a percent (60% = 6000), so `12.5` is exact.
    public var basisPoints: Int64
    public var sharedBy: PoolSharing
    public init(id: String, name: String, basisPoints: Int64, sharedBy: PoolSharing = .none) {
        self.id = id
        self.name = name
        self.basisPoints = basisPoints
        self.sharedBy = sharedBy
    }
    /// `60`, `12.5`.
    public var percentText: String {
        let whole = basisPoints / 100
        let frac = basisPoints % 100
        if frac == 0 { return "\(whole)" }
        return frac % 10 == 0 ? "\(whole).\(frac / 10)" : "\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}

/// The cost-share split (经费支出): named pools whose percentages add up to exactly 100.
public struct CostShare: Sendable, Equatable {
    public var basis: SplitBasis
    public var pools: [Pool]
    public init(basis: SplitBasis = .earned, pools: [Pool]) {
        self.basis = basis
        self.pools = pools
    }
}

public struct Limits: Sendable, Equatable {
    /// Budget per student per year (每生每年 1000.00).
    public var budgetPerStudentYear: Money?
    /// Most share of total spend that outside institutions may take, in percent (50).
    public var outsideShareMaxPercent: Int?
    /// Smallest and largest group (25…40).
    public var groupSizeMin: Int?
    public var groupSizeMax: Int?
    /// Students per teacher (30).
    public var studentsPerTeacher: Int?
    public init(
        budgetPerStudentYear: Money? = nil, outsideShareMaxPercent: Int? = nil, groupSizeMin: Int? = nil,
        groupSizeMax: Int? = nil, studentsPerTeacher: Int? = nil
    ) {
        self.budgetPerStudentYear = budgetPerStudentYear
        self.outsideShareMaxPercent = outsideShareMaxPercent
        self.groupSizeMin = groupSizeMin
        self.groupSizeMax = groupSizeMax
        self.studentsPerTeacher = studentsPerTeacher
    }
}

/// Service time for some grades in one season, e.g. grades 1–2 15:10–17:10 in winter.
public struct TimeSlot: Sendable, Equatable {
    public var grades: ClosedRange<Int>
    /// `winter`, `summer` or `all`.
    public var season: String
    /// Minutes after midnight.
    public var start: Int
    public var end: Int
    public init(grades: ClosedRange<Int>, season: String, start: Int, end: Int) {
        self.grades = grades
        self.season = season
        self.start = start
        self.end = end
    }
}

/// How children appear in the disclosure meant for all parents.
public enum DisclosurePrivacy: String, Sendable, Equatable, CaseIterable {
    /// 张*明: first and last character, the middle masked.
    case maskedNames = "masked_names"
    /// No names at all, only counts.
    case countsOnly = "counts_only"
}
