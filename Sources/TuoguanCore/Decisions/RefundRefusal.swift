/// Why a clerk's refund is refused: one case per refusal, `error` the clerk's message (what, and how to fix it).
///
/// ```swift
/// RefundRefusal.lessonsNotPositive(0).error.message.en   // "refunded lessons must be more than zero: 0"
/// ```
public enum RefundRefusal: DecisionRefusal, Equatable {
    /// Neither or both of an amount and a number of lessons.
    case amountOrLessons(refundId: String)
    /// The course's policy gives nothing back for this reason.
    case reasonNotRefunded(RefundReason, policy: Policy, course: Course, refundId: String)
    case amountNotPositive(Money)
    case lessonsNotPositive(Int)
    /// By lessons, with no course or a course whose policy the rules do not know.
    case lessonsNeedCourse(refundId: String)
    /// By lessons of a course that charges nothing.
    case freeCourse(Course, refundId: String)
    /// A withdrawal's refund comes from `withdraw`.
    case withdrawalAlone(studentId: String, courseId: String?, refundId: String)
    /// A cancellation's refund comes from `cancel`.
    case cancellationAlone(courseId: String?, refundId: String)
    case leaveOutsideTerm(CivilDate, starts: CivilDate, ends: CivilDate)
    /// Past what is left of the course's fee.
    case beyondCourse(Money, student: Student, room: CourseRefundFacts, fee: Money, left: Money, refundId: String)
    /// Past what the family paid and did not have back.
    case beyondFamily(Money, student: Student, family: FamilyTotals, left: Money, refundId: String)
    /// A settlement that would leave the family owing `after`; `owedBack` is what it may give back.
    case settlementBeyondOwed(Money, statement: StudentStatement, after: Money, owedBack: Money, refundId: String)
    /// The arithmetic failed (an overflow), with its own message.
    case failed(TuoguanError)

    public var error: TuoguanError {
        switch self {
        case .amountOrLessons(let id):
            return TuoguanError(
                .badInput, zh: "退费要给出金额或课时数（二者只能取其一）",
                en: "a refund needs an amount or a number of lessons (exactly one of them)",
                fix: LocalizedText(zh: "加 --amount 金额，或 --course 课程 --lessons 课时数（只取其一）", en: "give --amount AMOUNT, or --course COURSE --lessons N (one of them)"),
                excerpt: id)
        case let .reasonNotRefunded(reason, policy, course, id):
            return TuoguanError(
                .refundRefused,
                zh: "按“\(policy.name)”（\(policy.id)）的规定，\(reason.zhText)不退费（课程 \(course.id) \(course.name)）",
                en: "no refund for \(reason.enText) on a \(policy.name) course (policy \(policy.id): \(reason.rawValue) = none; course \(course.id))",
                fix: LocalizedText(
                    zh: "这是方案规定；如家长委员会另有决定，用 tuoguan refund --reason 结算 登记",
                    en: "this is the plan's rule; if the parents' committee decided otherwise, record it with reason settlement"),
                excerpt: id)
        case .amountNotPositive(let amount):
            return TuoguanError(
                .badInput, zh: "退费金额必须大于零：\(amount.formatted())",
                en: "a refund must be more than zero: \(amount.formatted())",
                fix: LocalizedText(zh: "更正已登记的退费请用 tuoguan correct 冲正", en: "to correct a recorded refund, reverse it with tuoguan correct"),
                excerpt: amount.formatted())
        case .lessonsNotPositive(let lessons):
            return TuoguanError(
                .badInput, zh: "退费课时数必须大于零：\(lessons)", en: "refunded lessons must be more than zero: \(lessons)",
                excerpt: String(lessons))
        case .lessonsNeedCourse(let id):
            return TuoguanError(
                .badInput, zh: "按课时退费要指明课程", en: "a refund by lessons needs the course",
                fix: LocalizedText(zh: "加 --course 课程编号，或改用 --amount 金额", en: "add --course COURSE, or give --amount AMOUNT instead"),
                excerpt: id)
        case let .freeCourse(course, id):
            return TuoguanError(
                .refundRefused, zh: "课程 \(course.id) 免费，没有可退的费用",
                en: "course \(course.id) is free of charge: there is nothing to refund",
                fix: LocalizedText(
                    zh: "多缴的钱不指定课程：tuoguan refund --reason 结算 --amount 金额（不加 --course）",
                    en: "money paid beyond the fees names no course: tuoguan refund --reason settlement --amount AMOUNT (no --course)"),
                excerpt: id)
        case .withdrawalAlone, .cancellationAlone:
            return eventError
        case let .leaveOutsideTerm(date, starts, ends):
            return TuoguanError(
                .badInput,
                zh: "请假退费的日期 \(date) 不在本学期内（\(starts) 至 \(ends)）",
                en: "the date of a personal-leave refund, \(date), is outside the term (\(starts) to \(ends))",
                fix: LocalizedText(zh: "填写请假所在学期内的日期", en: "give a date inside the term of the leave"),
                excerpt: date.description)
        case .beyondCourse, .beyondFamily, .settlementBeyondOwed:
            return ceilingError
        case .failed(let error):
            return error
        }
    }

    /// The messages of a refund that belongs to an event.
    private var eventError: TuoguanError {
        switch self {
        case let .withdrawalAlone(student, courseId, id):
            let course = courseId ?? "COURSE"
            return TuoguanError(
                .refundRefused,
                zh: "退课退费不能单独登记：学生仍在课程中，单独退费会让家长的结算单显示应补这笔钱",
                en: "a withdrawal refund cannot be recorded on its own: the student still takes the course, and the family's statement would ask for the money back",
                fix: LocalizedText(
                    zh: "用 tuoguan withdraw --student \(student) --course \(course) --date 退课日期 --id \(id)：同时结束报名并按政策计算退费；撤销退课用 undo",
                    en: "use tuoguan withdraw --student \(student) --course \(course) --date FIRST-DAY-AWAY --id \(id): it ends the enrolment and computes the refund together; undo takes it back"),
                excerpt: id)
        case let .cancellationAlone(courseId, id):
            let course = courseId ?? "COURSE"
            return TuoguanError(
                .refundRefused,
                zh: "停课退费不能单独登记：课没有停，单独退费会让家长的结算单显示应补这笔钱",
                en: "a cancellation refund cannot be recorded on its own: no session is cancelled, and the family's statement would ask for the money back",
                fix: LocalizedText(
                    zh: "用 tuoguan cancel --date 停课日期 --course \(course) --reason 原因：同时停课并为每个家庭按政策退费；撤销停课用 undo",
                    en: "use tuoguan cancel --date DAY --course \(course) --reason WHY: it cancels the session and refunds every family together; undo takes it back"),
                excerpt: id)
        default:
            preconditionFailure("not an event's refusal")
        }
    }

    /// The messages of a refund past one of its ceilings.
    private var ceilingError: TuoguanError {
        switch self {
        case let .beyondCourse(amount, student, room, fee, courseLeft, id):
            let course = room.course
            let left = max(Money.zero, courseLeft)
            return TuoguanError(
                .refundCeiling,
                zh: "退费 \(amount.formatted()) 超过 \(student.name)（\(student.id)）在课程 \(course.id) \(course.name) 可退的余额：该课程学费 \(fee.formatted())，已就该课程退 \(room.refunded.formatted())，最多还可退 \(left.formatted())",
                en: "refund of \(amount.formatted()) exceeds what is left of course \(course.id) (\(course.name)) for \(student.name) (\(student.id)): the course's fee \(fee.formatted()), refunded for it \(room.refunded.formatted()), at most \(left.formatted()) left",
                fix: LocalizedText(
                    zh: "同一课程的退费合计不能超过该课程的学费；多缴的钱不指定课程，用 tuoguan refund --reason 结算 退",
                    en: "the refunds for one course cannot add up to more than its fee; money paid beyond the fees goes back with reason settlement and no course"),
                excerpt: id)
        case let .beyondFamily(amount, student, family, left, id):
            return TuoguanError(
                .refundCeiling,
                zh: "退费 \(amount.formatted()) 超过 \(student.name)（\(student.id)）可退的余额：已缴 \(family.paid.formatted())，已退 \(family.refunded.formatted())，最多还可退 \(left.formatted())",
                en: "refund of \(amount.formatted()) exceeds what is left for \(student.name) (\(student.id)): paid \(family.paid.formatted()), refunded \(family.refunded.formatted()), at most \(left.formatted()) left",
                fix: LocalizedText(
                    zh: "退费不能超过家长实际缴纳且尚未退还的金额", en: "a refund cannot exceed what the family paid and has not had back"),
                excerpt: id)
        case let .settlementBeyondOwed(amount, statement, after, owedBack, id):
            let student = statement.student
            return TuoguanError(
                .refundCeiling,
                zh: "结算退费 \(amount.formatted()) 会让 \(student.name)（\(student.id)）应补 \(after.formatted())：应缴 \(statement.due.formatted())，已缴 \(statement.paid.formatted())，已退 \(statement.refunded.formatted())，结算最多可退 \(owedBack.formatted())",
                en: "a settlement refund of \(amount.formatted()) would leave \(student.name) (\(student.id)) owing \(after.formatted()): due \(statement.due.formatted()), paid \(statement.paid.formatted()), refunded \(statement.refunded.formatted()); settlement can give back at most \(owedBack.formatted())",
                fix: LocalizedText(
                    zh: "结算退费只退结算单上的应退金额；退课或停课的退费用 withdraw 或 cancel",
                    en: "a settlement gives back what the statement says is owed; refunds for a withdrawal or a cancellation come from withdraw or cancel"),
                excerpt: id)
        default:
            preconditionFailure("not a ceiling's refusal")
        }
    }
}

extension RefundReason {
    /// The reason in a Chinese sentence: 因个人原因请假, 停课, 退课, 结算.
    public var zhText: String {
        switch self {
        case .personalLeave: return "因个人原因请假"
        case .cancelled: return "停课"
        case .withdrawal: return "退课"
        case .settlement: return "结算"
        }
    }

    /// The reason in an English sentence: personal leave, a cancellation, withdrawal, settlement.
    public var enText: String {
        switch self {
        case .personalLeave: return "personal leave"
        case .cancelled: return "a cancellation"
        case .withdrawal: return "withdrawal"
        case .settlement: return "settlement"
        }
    }
}
