/// What the term computation gives: every family's statement, the fund and its split, every teacher's
/// pay and the findings. How a family's figures were reached is asked of the calculator when printed
/// (``TermComputation/explain(_:usages:courses:rules:)``), not kept here.
public struct TermResult: Sendable, Equatable {
    public var school: String
    public var term: String
    public var students: [StudentStatement]
    public var fund: FundStatement
    public var teachers: [TeacherPay]
    public var findings: Findings

    public init(
        school: String, term: String, students: [StudentStatement], fund: FundStatement, teachers: [TeacherPay],
        findings: [Finding]
    ) {
        self.init(school: school, term: term, students: students, fund: fund, teachers: teachers, findings: Findings(findings))
    }

    init(
        school: String, term: String, students: [StudentStatement], fund: FundStatement, teachers: [TeacherPay],
        findings: Findings
    ) {
        self.school = school
        self.term = term
        self.students = students
        self.fund = fund
        self.teachers = teachers
        self.findings = findings
    }
}

/// What one student is charged for one course: figures only (how they were reached:
/// ``ChargeCalculator/explain(course:policy:usage:student:rules:)``).
public struct ChargeLine: Sendable, Equatable {
    public var courseId: String
    public var courseName: String
    public var policyId: String
    public var billing: Billing
    /// Lessons, months, student-minutes or 1, as `billing` says; what `gross` is `unitPrice ×`.
    public var quantity: Int64
    public var unitPrice: Money
    /// Before waivers.
    public var gross: Money
    /// Waived for the student's category (≥ 0).
    public var waived: Money
    /// gross − waived: what the family owes for this course.
    public var charged: Money
    /// What a family prepaying for the whole term would have paid for this course (0 if not prepaid).
    public var prepaidExpected: Money
    /// 应缴: what the family owes for this course today. For a course prepaid for the term (`prepay = "term"`)
    /// the charge of the enrolment as if every lesson still to come were held (the prepayment, from the day
    /// the student enrols, less what events gave back); otherwise `charged`. Never below `charged`; equal to
    /// it once every lesson of the enrolment is held or cancelled.
    public var due: Money

    public init(
        courseId: String, courseName: String, policyId: String, billing: Billing, quantity: Int64,
        unitPrice: Money, gross: Money, waived: Money, charged: Money, prepaidExpected: Money = .zero,
        due: Money? = nil
    ) {
        self.due = due ?? charged
        self.courseId = courseId
        self.courseName = courseName
        self.policyId = policyId
        self.billing = billing
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.gross = gross
        self.waived = waived
        self.charged = charged
        self.prepaidExpected = prepaidExpected
    }
}

/// One family's term statement (学期结算单).
public struct StudentStatement: Sendable, Equatable {
    public var student: Student
    public var lines: [ChargeLine]
    public var waived: Money
    /// Σ lines' charged: what the lessons held so far cost, after waivers and settlement by use (the fees
    /// earned; what the split's `earned` basis counts).
    public var charged: Money
    /// 应缴: Σ lines' due: what the family owes today, the prepayment of a prepaid course included from the day
    /// the student enrols. Equal to `charged` once every lesson is held or cancelled (term end).
    public var due: Money
    public var payments: [PaymentFact]
    public var refunds: [RefundFact]
    public var paid: Money
    public var refunded: Money
    /// The balance carried in from the term before (signed like `balance`; zero when none): arrears count as
    /// owed already, a credit as paid already.
    public var opening: Money = .zero
    /// due + opening − (paid − refunded): positive, the family still owes (欠缴, 应补); negative, the fund owes
    /// them (应退).
    public var balance: Money
    // How it was reached is not kept: see `TermComputation.explain` in TermComputation+Students.swift.

    public init(
        student: Student, lines: [ChargeLine], waived: Money, charged: Money, payments: [PaymentFact],
        refunds: [RefundFact], paid: Money, refunded: Money, balance: Money, due: Money? = nil
    ) {
        self.due = due ?? charged
        self.student = student
        self.lines = lines
        self.waived = waived
        self.charged = charged
        self.payments = payments
        self.refunds = refunds
        self.paid = paid
        self.refunded = refunded
        self.balance = balance
    }

    /// 应补: what the family still has to pay (0 if none).
    public var dueFromFamily: Money { balance.fen > 0 ? balance : .zero }
    /// 应退: what the fund has to give back (0 if none), as a positive amount.
    public var dueToFamily: Money { balance.fen < 0 ? Money(fen: -balance.fen) : .zero }
}

public struct PoolShare: Sendable, Equatable {
    public var pool: Pool
    /// The pool's share of the fund's net (allocated).
    public var amount: Money
    /// Σ expenses recorded as paid from the pool (reversed ones left out).
    public var spent: Money
    /// The pool's unspent balance carried forward from the closed term before this one (zero when none).
    public var carried: Money
    /// carried + amount − spent: what the pool has left to spend (negative when it spent more than the split
    /// gives it: the split's basis is `earned` and fewer fees were earned than collected, or refunds came after
    /// the spending).
    public var balance: Money {
        // |carried|, |amount| and spent are each at most Int64.max / 4 in any ledger that sums them, so this
        // cannot wrap.
        Money(fen: carried.fen + amount.fen - spent.fen)
    }
    public init(pool: Pool, amount: Money, spent: Money = .zero, carried: Money = .zero) {
        self.pool = pool
        self.amount = amount
        self.spent = spent
        self.carried = carried
    }
}

/// The fund of the term (专账): income, refunds, the net the split applies to, and the pools.
public struct FundStatement: Sendable, Equatable {
    public var basis: SplitBasis
    /// Payments received.
    public var income: Money
    /// Refunds paid out.
    public var refunds: Money
    /// Σ charged over all students (fees earned after waivers and settlement).
    public var earned: Money
    /// What the split applies to: `earned`, or `income − refunds`, as the rules' basis says.
    public var net: Money
    /// In the rules' order; amounts always add up to `net`.
    public var pools: [PoolShare]
    /// How the net was reached and split.
    public var steps: [FundStep]
    /// What was spent in the term (see ``TermSpending``): the one figure of spending.
    public var spending: TermSpending
    public init(
        basis: SplitBasis, income: Money, refunds: Money, earned: Money, net: Money, pools: [PoolShare],
        steps: [FundStep], spending: TermSpending = .zero
    ) {
        self.spending = spending
        self.basis = basis
        self.income = income
        self.refunds = refunds
        self.earned = earned
        self.net = net
        self.pools = pools
        self.steps = steps
    }
}

/// One teacher's workload and pay (教师工作量及课酬).
///
/// A computed pay keeps its figures; its duties and steps are made when read, from the computation's
/// ``TeacherPayBasis`` (the same for every teacher), by the same calculation as the figures. A pay made with
/// ``init(teacher:duties:points:workload:score:award:subsidyStudentMinutes:subsidy:outsideLessons:outside:total:rank:steps:)``
/// keeps the duties and steps it is given, as does one whose duties or steps are set.
///
/// ```swift
/// let pay = result.teachers[0]
/// pay.total          // 2,014.29
/// pay.steps.last     // .total(workload: 2,014.29, award: 0.00, subsidy: 0.00, outside: 0.00, total: 2,014.29)
/// ```
public struct TeacherPay: Sendable, Equatable {
    public var teacher: Teacher
    /// Duties by kind, with counts and minutes.
    public var duties: [DutyTally] {
        get {
            switch details {
            case .given(let duties, _): duties
            case .computed(let basis, let k): basis.duties(of: k)
            }
        }
        set { details = .given(duties: newValue, steps: steps) }
    }
    public var points: Int64
    /// Share of the pool shared by points.
    public var workload: Money
    /// Quality score in hundredths, if any.
    public var score: Int64?
    /// Share of the pool shared by quality score.
    public var award: Money
    /// Student-minutes present in courses whose policy pays a per-student-hour subsidy.
    public var subsidyStudentMinutes: Int64
    /// Per-student-hour subsidy, rounded once per teacher.
    public var subsidy: Money
    /// Held lessons paid per lesson to an outside teacher.
    public var outsideLessons: Int
    public var outside: Money
    public var total: Money
    /// 1 = highest points (ties share a rank).
    public var rank: Int
    /// How the pay was reached.
    public var steps: [TeacherStep] {
        get {
            switch details {
            case .given(_, let steps): steps
            case .computed(let basis, let k): basis.steps(of: k)
            }
        }
        set { details = .given(duties: duties, steps: newValue) }
    }

    /// Where the duties and steps come from: given, or made when read from the computation's basis (the teacher's
    /// position in its ``TermComputation/Index/teacherOrder``).
    enum Details: Sendable {
        case given(duties: [DutyTally], steps: [TeacherStep])
        case computed(TeacherPayBasis, Int)
    }
    var details: Details

    public init(
        teacher: Teacher, duties: [DutyTally], points: Int64, workload: Money, score: Int64?, award: Money,
        subsidyStudentMinutes: Int64, subsidy: Money, outsideLessons: Int, outside: Money, total: Money,
        rank: Int, steps: [TeacherStep]
    ) {
        self.teacher = teacher
        self.details = .given(duties: duties, steps: steps)
        self.points = points
        self.workload = workload
        self.score = score
        self.award = award
        self.subsidyStudentMinutes = subsidyStudentMinutes
        self.subsidy = subsidy
        self.outsideLessons = outsideLessons
        self.outside = outside
        self.total = total
        self.rank = rank
    }

    /// A computed pay: its figures, its duties and steps made when read from `basis`.
    init(
        teacher: Teacher, points: Int64, workload: Money, score: Int64?, award: Money, subsidyStudentMinutes: Int64,
        subsidy: Money, outsideLessons: Int, outside: Money, total: Money, rank: Int, basis: TeacherPayBasis,
        position: Int
    ) {
        self.init(
            teacher: teacher, duties: [], points: points, workload: workload, score: score, award: award,
            subsidyStudentMinutes: subsidyStudentMinutes, subsidy: subsidy, outsideLessons: outsideLessons,
            outside: outside, total: total, rank: rank, steps: [])
        details = .computed(basis, position)
    }

    /// Two pays are the same when their figures, duties and steps are, however they are kept.
    public static func == (a: TeacherPay, b: TeacherPay) -> Bool {
        a.teacher == b.teacher && a.points == b.points && a.workload == b.workload && a.score == b.score
            && a.award == b.award && a.subsidyStudentMinutes == b.subsidyStudentMinutes && a.subsidy == b.subsidy
            && a.outsideLessons == b.outsideLessons && a.outside == b.outside && a.total == b.total
            && a.rank == b.rank && a.duties == b.duties && a.steps == b.steps
    }
}

/// One limit checked (合规检查): passed, or by how much it is over.
///
/// A district has four checks a course, tens of thousands: a course's check keeps only its figures and the
/// course's name (shared with the course, not copied), and its limit, actual figure and message are worded when
/// read (``CourseCheck``), by the same words as a finding given its text.
///
/// ```swift
/// let finding = TermComputation.capacityFinding(course, enrolled: 32, capacity: 30)
/// finding.passed          // false
/// finding.message.zh      // "围棋报名 32 人，超过容量 30 人（多 2 人）"
/// ```
public struct Finding: Sendable, Equatable {
    /// `min-enrollment`, `group-size`, `students-per-teacher`, `capacity`, `budget`, `outside-share`,
    /// `pool-unallocated`, `balance-open` …
    public var code: String
    /// What was checked: a course id, a teacher id, `fund`.
    public var subject: String
    public var passed: Bool
    /// How the finding is worded: its text given, or a course's figures worded when read.
    enum Wording: Sendable, Equatable {
        case given(limit: String, actual: String, message: LocalizedText)
        case course(CourseCheck)
    }
    var wording: Wording

    /// The limit and the actual figure, as displayed.
    public var limit: String {
        switch wording {
        case .given(let limit, _, _): limit
        case .course(let check): check.limit
        }
    }
    public var actual: String {
        switch wording {
        case .given(_, let actual, _): actual
        case .course(let check): "\(check.figure)"
        }
    }
    public var message: LocalizedText {
        switch wording {
        case .given(_, _, let message): message
        case .course(let check): check.message
        }
    }

    public init(code: String, subject: String, passed: Bool, limit: String, actual: String, message: LocalizedText) {
        self.code = code
        self.subject = subject
        self.passed = passed
        self.wording = .given(limit: limit, actual: actual, message: message)
    }

    init(code: String, subject: String, passed: Bool, check: CourseCheck) {
        self.code = code
        self.subject = subject
        self.passed = passed
        self.wording = .course(check)
    }

    /// Two findings are the same when they read the same, however they are worded.
    public static func == (a: Finding, b: Finding) -> Bool {
        a.code == b.code && a.subject == b.subject && a.passed == b.passed && a.limit == b.limit
            && a.actual == b.actual && a.message == b.message
    }
}
