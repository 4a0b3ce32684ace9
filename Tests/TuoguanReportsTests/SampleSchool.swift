import Testing
import TuoguanCore
import TuoguanReports

/// A small school built by hand, with a `TermResult` whose figures are worked out in the comments.
///
/// Courses: 美术 (interest course X, 20.00 per lesson, teacher T1), 托管一 and 托管二 (free basic care, teacher
/// T2, subsidy 2.00 per student-hour). Students:
/// - S001 张小明: 美术 11 lessons used × 20.00 = 220.00; paid 240.00; refunded 20.00 (one cancelled lesson)
///   → balance 220.00 − (240.00 − 20.00) = 0.00.
/// - S002 "=1+1" (a name that looks like a formula): 美术 12 × 20.00 = 240.00; paid 200.00 → 应补 40.00.
/// - S003 李四 (留守儿童, 50 % waived): 美术 12 × 20.00 = 240.00, waived 120.00, charged 120.00; paid 240.00
///   → balance 120.00 − 240.00 = −120.00, 应退 120.00.
/// Totals: 美术 gross 220 + 240 + 240 = 700.00; waived 120.00; charged 220 + 240 + 120 = 580.00;
/// paid 240 + 200 + 240 = 680.00; refunded 20.00; balance 0 + 40 − 120 = −80.00; 应退 120.00; 应补 40.00.
///
/// Fund (basis: earned): income 680.00, refunds 20.00, net cash 660.00, earned = net = 580.00.
/// Split 60/20/5/5/10 of 580.00: 348.00, 116.00, 29.00, 29.00, 58.00 (sum 580.00).
///
/// Teachers: T1 王老师 activity 12 × 50 + patrol 5 × 40 = 800 points; T2 刘老师 supervision 10 × 50 +
/// patrol 5 × 40 = 700 points; all 1,500.
/// Workload 348.00: T1 348 × 800/1500 = 185.60, T2 348 × 700/1500 = 162.40.
/// Award 116.00 by scores 90.00 and 80.00: T1 116 × 90/170 = 61.411… → 61.41, T2 54.588… → 54.59 (largest
/// remainder gets the last fen; 61.41 + 54.59 = 116.00).
/// Subsidy T2: 托管一 1,000 + 托管二 1,000 student-minutes × 2.00 ÷ 60 = 66.666… → 66.67 rounded once
/// (rounding each course would give 33.33 + 33.33 = 66.66).
/// Totals: T1 185.60 + 61.41 = 247.01; T2 162.40 + 54.59 + 66.67 = 283.66; all 530.67.
enum SampleSchool {
    static func fen(_ v: Int64) -> Money { Money(fen: v) }
    static func date(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

    static let rules = PlanRules(
        school: "示例小学", term: "2024-autumn", planName: "课后服务实施方案",
        starts: date("2024-09-02"), ends: date("2025-01-17"),
        categories: ["liushou": StudentCategory(id: "liushou", name: "留守儿童", waives: ["x"], waivePercent: 50)],
        policies: [
            "basic": Policy(id: "basic", name: "基础托管", billing: .free, duty: "supervision", subsidyPerStudentHour: fen(200)),
            "x": Policy(id: "x", name: "拓展课程", billing: .perLesson, price: fen(2000), duty: "activity"),
        ],
        split: CostShare(basis: .earned, pools: pools),
        points: ["supervision": 50, "activity": 50, "patrol": 40],
        disclosure: .maskedNames)

    static let pools = [
        Pool(id: "workload", name: "辅导教师量化考核", basisPoints: 6000, sharedBy: .points),
        Pool(id: "award", name: "教学质量奖", basisPoints: 2000, sharedBy: .qualityScore),
        Pool(id: "running", name: "托管成本", basisPoints: 500),
        Pool(id: "equipment", name: "托管设备", basisPoints: 500),
        Pool(id: "levy", name: "学区提取", basisPoints: 1000),
    ]

    static let s1 = Student(id: "S001", name: "张小明", grade: 3, className: "三(2)班")
    static let s2 = Student(id: "S002", name: "=1+1", grade: 3, className: "三(2)班")
    static let s3 = Student(id: "S003", name: "李四", grade: 4, className: "四(1)班", category: "liushou")
    static let t1 = Teacher(id: "T1", name: "王老师", kind: .staff)
    static let t2 = Teacher(id: "T2", name: "刘老师", kind: .staff)

    static let facts = TermFacts(
        students: [s1, s2, s3], teachers: [t1, t2],
        courses: [
            Course(id: "C1", name: "美术", policyId: "x", teacherId: "T1"),
            Course(id: "C2", name: "托管一", policyId: "basic", teacherId: "T2"),
            Course(id: "C3", name: "托管二", policyId: "basic", teacherId: "T2"),
        ],
        // What the lines were computed from (the family blocks ask the calculator how): 美术 12 lessons, S001's
        // 12th cancelled (refunded, so 11 charged); the care courses 5 lessons each, free.
        usages: [
            CourseUsage(studentId: "S001", courseId: "C1", enrolledFrom: date("2024-09-02"), termLessons: 12, heldLessons: 11, cancelledLessons: 1, present: 11),
            CourseUsage(studentId: "S001", courseId: "C2", enrolledFrom: date("2024-09-02"), termLessons: 5, heldLessons: 5, present: 5),
            CourseUsage(studentId: "S002", courseId: "C1", enrolledFrom: date("2024-09-02"), termLessons: 12, heldLessons: 12, present: 12),
            CourseUsage(studentId: "S002", courseId: "C3", enrolledFrom: date("2024-09-02"), termLessons: 5, heldLessons: 5, present: 5),
            CourseUsage(studentId: "S003", courseId: "C1", enrolledFrom: date("2024-09-02"), termLessons: 12, heldLessons: 12, present: 12),
        ],
        teaching: [
            TeachingTally(teacherId: "T1", courseId: "C1", heldLessons: 12, studentMinutesPresent: 1400),
            TeachingTally(teacherId: "T2", courseId: "C2", heldLessons: 5, studentMinutesPresent: 1000),
            TeachingTally(teacherId: "T2", courseId: "C3", heldLessons: 5, studentMinutesPresent: 1000),
        ])

    static func art(quantity: Int64, waived: Int64) -> ChargeLine {
        let gross = fen(2000 * quantity)
        return ChargeLine(
            courseId: "C1", courseName: "美术", policyId: "x", billing: .perLesson, quantity: quantity,
            unitPrice: fen(2000), gross: gross, waived: fen(waived), charged: fen(gross.fen - waived))
    }

    static func care(_ course: String, _ name: String) -> ChargeLine {
        ChargeLine(
            courseId: course, courseName: name, policyId: "basic", billing: .free, quantity: 0, unitPrice: .zero,
            gross: .zero, waived: .zero, charged: .zero)
    }

    static let result = TermResult(
        school: "示例小学", term: "2024-autumn",
        students: [
            StudentStatement(
                student: s1, lines: [art(quantity: 11, waived: 0), care("C2", "托管一")], waived: .zero, charged: fen(22000),
                payments: [PaymentFact(receipt: "R-001", studentId: "S001", amount: fen(24000), date: date("2024-09-03"), method: .wechat)],
                refunds: [RefundFact(refundId: "RF-001", studentId: "S001", courseId: "C1", amount: fen(2000), lessons: 1, date: date("2024-10-08"), reason: .cancelled)],
                paid: fen(24000), refunded: fen(2000), balance: .zero),
            StudentStatement(
                student: s2, lines: [art(quantity: 12, waived: 0), care("C3", "托管二")], waived: .zero, charged: fen(24000),
                payments: [PaymentFact(receipt: "R-002", studentId: "S002", amount: fen(20000), date: date("2024-09-03"), method: .cash)],
                refunds: [], paid: fen(20000), refunded: .zero, balance: fen(4000)),
            StudentStatement(
                student: s3, lines: [art(quantity: 12, waived: 12000)], waived: fen(12000), charged: fen(12000),
                payments: [PaymentFact(receipt: "R-003", studentId: "S003", amount: fen(24000), date: date("2024-09-04"), method: .bank)],
                refunds: [], paid: fen(24000), refunded: .zero, balance: fen(-12000)),
        ],
        fund: FundStatement(
            basis: .earned, income: fen(68000), refunds: fen(2000), earned: fen(58000), net: fen(58000),
            pools: zip(pools, [34800, 11600, 2900, 2900, 5800] as [Int64]).map { PoolShare(pool: $0, amount: fen($1)) },
            steps: []),
        teachers: [
            TeacherPay(
                teacher: t1,
                duties: [DutyTally(teacherId: "T1", duty: "activity", count: 12, minutes: 960), DutyTally(teacherId: "T1", duty: "patrol", count: 5, minutes: 150)],
                points: 800, workload: fen(18560), score: 9000, award: fen(6141), subsidyStudentMinutes: 0, subsidy: .zero,
                outsideLessons: 0, outside: .zero, total: fen(24701), rank: 1, steps: []),
            TeacherPay(
                teacher: t2,
                duties: [DutyTally(teacherId: "T2", duty: "supervision", count: 10, minutes: 1200), DutyTally(teacherId: "T2", duty: "patrol", count: 5, minutes: 150)],
                points: 700, workload: fen(16240), score: 8000, award: fen(5459), subsidyStudentMinutes: 2000, subsidy: fen(6667),
                outsideLessons: 0, outside: .zero, total: fen(28366), rank: 2, steps: []),
        ],
        findings: [
            Finding(code: "min-enrollment", subject: "C1", passed: false, limit: "15", actual: "3",
                    message: LocalizedText(zh: "美术报名 3 人，少于开班人数 15 人", en: "Art has 3 students, fewer than 15")),
            Finding(code: "students-per-teacher", subject: "C2", passed: true, limit: "30", actual: "2",
                    message: LocalizedText(zh: "师生比符合要求", en: "staff ratio within the limit")),
        ])

    static let refunds = [
        RefundRecord(
            refundId: "RF-001", date: date("2024-10-08"), studentId: "S001", studentName: "张小明", courseId: "C1",
            courseName: "美术", lessons: 1, reason: .cancelled, amount: fen(2000), note: "雨天停课", recordedBy: "clerk",
            recordedAt: "2024-10-08T09:30:00Z"),
        RefundRecord(
            refundId: "RF-002", date: date("2024-10-15"), studentId: "S002", studentName: "=1+1", courseId: "C1",
            courseName: "美术", lessons: 1, reason: .personalLeave, amount: fen(2000), note: "误录", recordedBy: "clerk",
            recordedAt: "2024-10-15T10:00:00Z", reversedBy: "RF-003"),
    ]

    static let duties = [
        DutyRecord(date: date("2024-09-02"), teacherId: "T1", duty: "activity", courseId: "C1", courseName: "美术", minutes: 80, source: .session),
        DutyRecord(date: date("2024-09-02"), teacherId: "T2", duty: "supervision", courseId: "C2", courseName: "托管一", minutes: 120, source: .session),
        DutyRecord(date: date("2024-09-03"), teacherId: "T1", duty: "patrol", courseId: nil, courseName: nil, minutes: 30, source: .roster),
    ]

    /// One more free course of one lesson for the student at `position` of the result: its course, its usage
    /// and its line as the term computation makes them (lines in the order of their courses).
    static func addFreeCourse(_ id: String, _ name: String, toStudent position: Int, in input: inout ReportInput) throws {
        let student = input.result.students[position].student
        let course = Course(id: id, name: name, policyId: "basic", teacherId: "T2")
        let usage = CourseUsage(
            studentId: student.id, courseId: id, enrolledFrom: date("2024-09-02"), termLessons: 1, heldLessons: 1, present: 1)
        input.facts.courses.append(course)
        input.facts.usagesByStudent[student.id, default: []].append(usage)
        let policy = try #require(input.rules.policies["basic"])
        input.result.students[position].lines.append(
            try ChargeCalculator.charge(course: course, policy: policy, usage: usage, student: student, rules: input.rules))
        input.result.students[position].lines.sort { $0.courseId < $1.courseId }
    }

    static func input(_ language: Language = .zh, disclosure: DisclosurePrivacy = .maskedNames) -> ReportInput {
        var r = rules
        r.disclosure = disclosure
        return ReportInput(rules: r, facts: facts, result: result, refunds: refunds, duties: duties, language: language)
    }
}
