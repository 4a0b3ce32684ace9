/// One step of how a teacher's pay was reached, with its numbers (the words: ``TeacherStep/text``).
///
/// ```swift
/// // 王老师: supervision 94 × 50 = 4,700 points; 教师量化考核 6,000.01 × 4,700 ÷ 14,000 = 2,014.29; …
/// pay.steps.first   // .duty(key: "supervision", count: 94, each: 50, points: 4700)
/// ```
public enum TeacherStep: Sendable, Equatable, Hashable {
    /// A duty's points: count × each (an outside teacher's are listed but not counted).
    case duty(key: String, count: Int, each: Int64, points: Int64)
    /// Outside institutions earn no workload points.
    case outsideEarnsNoPoints
    /// The teacher's workload points in all.
    case points(Int64)
    /// A pool shared among teachers: amount × weight ÷ total = part; the weight is points, or a quality score
    /// in hundredths (`byScore`).
    case poolShare(pool: String, amount: Money, weight: Int64, total: Int64, byScore: Bool, part: Money)
    /// Student-minutes present in a course that pays a subsidy per student-hour, at `rate`.
    case subsidyMinutes(course: String, minutes: Int64, rate: Money)
    /// An outside teacher's held lessons of a course × the pay per lesson.
    case outsideLessons(course: String, lessons: Int, perLesson: Money, pay: Money)
    /// The subsidy: all student-minutes × rate ÷ 60, rounded once.
    case subsidy(minutes: Int64, amount: Money)
    /// workload + award + subsidy + outside = total.
    case total(workload: Money, award: Money, subsidy: Money, outside: Money, total: Money)
}

/// One step of how the fund was split, with its numbers (the words: ``FundStep/text``).
///
/// ```swift
/// fund.steps   // [.income(10,500.01), .refunds(500.00), .earned(…), .cashBasis(…), .pool(…), …]
/// ```
public enum FundStep: Sendable, Equatable, Hashable {
    case income(Money)
    case refunds(Money)
    case earned(Money)
    /// The split's basis is the fees earned.
    case earnedBasis(Money)
    /// The split's basis is income − refunds = net.
    case cashBasis(income: Money, refunds: Money, net: Money)
    /// A pool's percent of the net.
    case pool(name: String, percent: String, net: Money, amount: Money)
    /// What a pool spent and has left: amount − spent = balance.
    case poolSpent(name: String, spent: Money, amount: Money, balance: Money)
}
