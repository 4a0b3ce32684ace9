import TuoguanCore

/// Plans and people built in code for the core's tests, after the seed plans (the rules-file loader is
/// tested on its own).
enum Fixtures {
    static func date(_ text: String) -> CivilDate {
        guard let date = CivilDate(parsing: text) else { preconditionFailure("bad test date \(text)") }
        return date
    }

    static func yuan(_ text: String) -> Money {
        do { return try Money(parsing: text) } catch { preconditionFailure("bad test amount \(text)") }
    }

    /// The cost share of 001 篇八: 60 / 20 / 5 / 5 / 10.
    static func standardSplit(basis: SplitBasis = .earned) -> CostShare {
        CostShare(
            basis: basis,
            pools: [
                Pool(id: "teacher_workload", name: "教师量化考核", basisPoints: 6000, sharedBy: .points),
                Pool(id: "quality_award", name: "教学质量奖", basisPoints: 2000, sharedBy: .qualityScore),
                Pool(id: "running_cost", name: "托管成本", basisPoints: 500),
                Pool(id: "equipment", name: "托管设备", basisPoints: 500),
                Pool(id: "district_levy", name: "学区提取", basisPoints: 1000),
            ])
    }

    /// Workload points of 001 篇八.
    static let standardPoints: [String: Int64] = ["supervision": 50, "activity": 50, "patrol": 40]

    /// 溪尾 (001 篇一): 40.00 a month, four months, paid once for the term.
    static let monthly = Policy(
        id: "monthly", name: "基础托管", billing: .monthly, price: yuan("40.00"), months: 4, prepay: .term,
        duty: "supervision")

    /// The "1" of 1+X (001 篇十): free basic care, teachers paid 2.00 per student-hour (001 篇七).
    static let freeBasic = Policy(
        id: "basic", name: "基础托管", billing: .free, capacity: 40, duty: "supervision",
        subsidyPerStudentHour: yuan("2.00"))

    /// The "X" of 1+X (001 篇二): 20.00 per lesson, ≥ 15 students, personal leave not refunded, force
    /// majeure refunded.
    static let interest = Policy(
        id: "x", name: "拓展课程", billing: .perLesson, price: yuan("20.00"), prepay: .term,
        refund: RefundRules(personalLeave: .none, cancelled: .full, withdrawal: .remainingLessons),
        minEnrollment: 15, duty: "activity")

    /// 001 篇九: 3.00 per student per lesson, prepaid, settled at term end by actual use (多退少补).
    static let settled = Policy(
        id: "settled", name: "午托", billing: .perLesson, price: yuan("3.00"), prepay: .term, settle: .actualUse,
        use: .present, duty: "supervision")

    /// A third-party institution's course (001 篇六/七): families pay per lesson, the institution is paid per
    /// held lesson.
    static let outsideCourse = Policy(
        id: "outside", name: "校外机构课程", billing: .perLesson, price: yuan("25.00"),
        outsidePayPerLesson: yuan("150.00"), outsideInstitution: true)

    static let leftBehind = StudentCategory(id: "left_behind", name: "留守儿童", waives: ["x", "basic", "monthly"])

    static func rules(
        policies: [Policy], split: CostShare = standardSplit(), points: [String: Int64] = standardPoints,
        limits: Limits = Limits(), rounding: RoundingRule = .halfUp
    ) -> PlanRules {
        PlanRules(
            school: "溪尾小学", term: "2024-autumn", planName: "课后服务实施方案", starts: date("2024-09-01"),
            ends: date("2024-12-31"), rounding: rounding, categories: ["left_behind": leftBehind],
            policies: Dictionary(uniqueKeysWithValues: policies.map { ($0.id, $0) }), split: split, points: points,
            limits: limits)
    }

    static func student(_ id: String, _ name: String = "学生", category: String? = nil) -> Student {
        Student(id: id, name: name, grade: 3, className: "三(2)班", category: category)
    }

    static func course(_ id: String, _ name: String, policy: String, teacher: String = "T1") -> Course {
        Course(id: id, name: name, policyId: policy, teacherId: teacher, weekdays: [2, 4], start: 940, end: 980)
    }

    static func usage(
        _ student: String, _ course: String, term: Int, held: Int, cancelled: Int = 0, present: Int,
        leave: Int = 0, absent: Int = 0, minutes: Int64 = 0, withdrawn: String? = nil
    ) -> CourseUsage {
        CourseUsage(
            studentId: student, courseId: course, enrolledFrom: date("2024-09-02"),
            withdrawnOn: withdrawn.map(date), termLessons: term, heldLessons: held, cancelledLessons: cancelled,
            present: present, leave: leave, absent: absent, minutesPresent: minutes)
    }

    static func payment(_ receipt: String, _ student: String, _ amount: String, on day: String = "2024-09-02")
        -> PaymentFact
    {
        PaymentFact(receipt: receipt, studentId: student, amount: yuan(amount), date: date(day), method: .wechat)
    }

    static func refund(
        _ id: String, _ student: String, _ amount: String, course: String? = nil, reason: RefundReason = .settlement,
        on day: String = "2024-12-31"
    ) -> RefundFact {
        RefundFact(refundId: id, studentId: student, courseId: course, amount: yuan(amount), date: date(day), reason: reason)
    }
}

extension Fixtures {
    static func courses(_ facts: TermFacts) -> CoursesById {
        CoursesById(facts.courses)
    }

    /// A family's steps, asked of the calculator from the facts its statement was computed from.
    static func explain(_ statement: StudentStatement, facts: TermFacts, rules: PlanRules) throws -> [StatementStep] {
        try TermComputation.explain(statement, usages: facts.usages, courses: courses(facts), rules: rules)
    }
}
