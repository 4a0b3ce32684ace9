/// What the store read for a change of a student's category (`tuoguan edit student S1 --category 留守儿童`):
/// the student, the category asked for, and each course they are enrolled in with its usage and what was
/// refunded for it. Everything the decision needs, nothing else.
///
/// ```swift
/// let facts = CategoryChangeFacts(student: s1, asked: "留守儿童", courses: [.init(course: x1, usage: u, refunded: .zero)])
/// ```
public struct CategoryChangeFacts: Sendable, Equatable {
    /// One course of the student: its usage in the enrolment's window, the refunds for it that still count,
    /// and the first of them (nil: none).
    public struct EnrolledCourse: Sendable, Equatable {
        public var course: Course
        public var usage: CourseUsage
        public var refunded: Money
        public var firstRefund: String?
        public init(course: Course, usage: CourseUsage, refunded: Money, firstRefund: String? = nil) {
            self.course = course
            self.usage = usage
            self.refunded = refunded
            self.firstRefund = firstRefund
        }
    }

    public var student: Student
    /// The category as typed: an id or a category's name (`留守儿童`, read as its id as the import reads it);
    /// nil for none.
    public var asked: String?
    /// By course id.
    public var courses: [EnrolledCourse]

    public init(student: Student, asked: String?, courses: [EnrolledCourse]) {
        self.student = student
        self.asked = asked
        self.courses = courses
    }
}

/// What a category change writes: the student's category `from` → `to` (the same when nothing changes).
public struct CategoryChangeDecision: Sendable, Equatable {
    public var studentId: String
    public var from: String?
    public var to: String?
    /// Whether the category changes at all.
    public var changes: Bool { from != to }

    public init(studentId: String, from: String?, to: String?) {
        self.studentId = studentId
        self.from = from
        self.to = to
    }
}

/// Why a category change is refused.
public enum CategoryChangeRefusal: DecisionRefusal, Equatable {
    /// Neither an id nor a name of the rules' categories.
    case unknownCategory(String, known: [String])
    /// Under the new category a course would cost less than was refunded for it already.
    case refundsAboveFee(studentId: String, courseId: String, fee: Money, refunded: Money, refund: String)
    /// A course's charge could not be computed (an amount too large: `Money`'s overflow).
    case charge(TuoguanError)
}

extension CategoryChangeDecision {
    /// Decides a category change: the category asked for (by id or name) must be in the rules, and under it
    /// no course of the student may cost less than was refunded for it already (the refunds of a course never
    /// exceed its fee after the waiver).
    ///
    /// ```swift
    /// // S1 took X1 (20.00 × 8 = 160.00) and had 60.00 refunded; 留守儿童 waives X: 0.00 < 60.00 → refused
    /// try CategoryChangeDecision.decide(facts, rules: rules)   // throws .refundsAboveFee
    /// ```
    public static func decide(_ facts: CategoryChangeFacts, rules: PlanRules) throws(CategoryChangeRefusal)
        -> CategoryChangeDecision
    {
        let category = try resolved(facts.asked, rules: rules)
        let decision = CategoryChangeDecision(studentId: facts.student.id, from: facts.student.category, to: category)
        guard decision.changes else { return decision }
        var changed = facts.student
        changed.category = category
        var fees: [Money] = []
        for enrolled in facts.courses {
            let fee = try self.fee(enrolled, student: changed, rules: rules)
            fees.append(fee)
            guard enrolled.refunded > fee, let refund = enrolled.firstRefund else { continue }
            throw .refundsAboveFee(
                studentId: changed.id, courseId: enrolled.course.id, fee: fee, refunded: enrolled.refunded, refund: refund)
        }
        // A course's refunds never exceed its fee after the waiver: under the new category every course
        // with a refund still costs at least what was refunded; the new category is one of the rules'.
        precondition(
            zip(facts.courses, fees).allSatisfy { $0.firstRefund == nil || $0.refunded <= $1 },
            "refunds stay within the fee under the new category")
        precondition(category.map { rules.categories[$0] != nil } ?? true, "a category of the rules")
        return decision
    }

    /// The category's id: an id of the rules, or a category's name read as its id; nil for none.
    static func resolved(_ asked: String?, rules: PlanRules) throws(CategoryChangeRefusal) -> String? {
        guard let asked else { return nil }
        if rules.categories[asked] != nil { return asked }
        let ids = rules.categories.keys.sorted()
        if let match = ids.first(where: { rules.categories[$0]?.name == asked }) { return match }
        throw .unknownCategory(asked, known: ids)
    }

    /// What the course costs the student (``RefundCalculator/courseFee(course:policy:usage:student:rules:)``;
    /// nothing for a course whose policy is unknown).
    static func fee(_ enrolled: CategoryChangeFacts.EnrolledCourse, student: Student, rules: PlanRules)
        throws(CategoryChangeRefusal) -> Money
    {
        guard let policy = rules.policies[enrolled.course.policyId] else { return .zero }
        do {
            return try RefundCalculator.courseFee(
                course: enrolled.course, policy: policy, usage: enrolled.usage, student: student, rules: rules)
        } catch let error as TuoguanError {
            throw .charge(error)
        } catch {
            throw .charge(TuoguanError(.internal, zh: "\(error)", en: "\(error)"))
        }
    }
}

extension CategoryChangeRefusal {
    /// The user's message, word for word as the ledger has always given it.
    public var error: TuoguanError {
        switch self {
        case .unknownCategory(let category, let known):
            return TuoguanError(
                .usage, zh: "类别“\(category)”不在规则中", en: "category \"\(category)\" is not in the rules",
                fix: LocalizedText(
                    zh: "应为：\(known.joined(separator: "、"))，或 none 表示无类别",
                    en: "use one of: \(known.joined(separator: ", ")), or none for no category"),
                at: SourceLocation(key: "--category"), excerpt: category)
        case .refundsAboveFee(let studentId, let courseId, let fee, let refunded, let refund):
            return TuoguanError(
                .conflict,
                zh: "改为这个类别后，\(studentId) 的 \(courseId) 费用为 \(fee.formatted()) 元，少于已退的 \(refunded.formatted()) 元（如退费 \(refund)）",
                en: "under this category \(courseId) costs \(studentId) \(fee.formatted()), less than the \(refunded.formatted()) already refunded for it (e.g. refund \(refund))",
                fix: LocalizedText(
                    zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），改好后再重新登记退费",
                    en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note why), make the change, then record the refund again"),
                at: SourceLocation(key: "--category"), excerpt: refund)
        case .charge(let error):
            return error
        }
    }
}
