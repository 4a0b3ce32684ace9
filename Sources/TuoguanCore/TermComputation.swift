/// The term computation: from the rules and what happened in the term to every family's statement, the
/// fund and its split into pools, every teacher's pay, and the findings of the limits checked.
///
/// Pure: no I/O, no clock, no randomness; the same rules and facts always give the same result, to the fen.
/// How every amount was reached is a list of typed steps (their words in both languages: `Steps+Text.swift`):
/// the fund's and each teacher's are kept with them; a family's are asked for when printed
/// (``explain(_:usages:courses:rules:)``), by the same calculation as its figures.
///
/// The steps, in order:
/// 1. **References.** Every student, course, policy, teacher and duty named in the facts must exist; every
///    unknown one is reported at once (``TuoguanError/Code/unknownReference``, the others in
///    ``TuoguanError/more``).
/// 2. **Students** (sorted by id, every student even with no course): one ``ChargeLine`` per
///    ``CourseUsage`` from ``ChargeCalculator``; paid = Σ payments, refunded = Σ refunds,
///    balance = charged − (paid − refunded) (positive: 应补, the family owes; negative: 应退, the fund owes).
/// 3. **Fund**: income = Σ payments, refunds = Σ refunds, earned = Σ charged; the net (earned, or
///    income − refunds, as `split.basis` says) is split into the pools by
///    ``Allocation/largestRemainder(_:weights:)``, so the pools always add up to the net.
/// 4. **Teachers** (sorted by id, every teacher): points from the duty tallies, the share of the pools shared
///    by points and by quality score, the per-student-hour subsidy (rounded once per teacher) and the pay
///    of outside institutions per held lesson.
/// 5. **Spending** (``TermSpending``): the expenses recorded as paid, from the pools and the budget lines;
///    each pool's `spent` and `balance` (= amount − spent).
/// 6. **Findings**: every limit of the rules that is set, passed or not (see ``Finding``); the `budget` and
///    `outside-share` findings both measure the spending of step 5.
///
/// Any overflow throws ``TuoguanError/Code/overflow``; nothing wraps. ``TermInvariants/check(_:)`` holds
/// for every result.
///
/// ```swift
/// let result = try TermComputation.compute(rules: rules, facts: facts)
/// result.students[0].balance          // -20.00: the fund owes this family 20.00 (应退)
/// result.fund.pools.map(\.amount)     // [6,000.01, 2,000.00, 500.00, 500.00, 1,000.00]
/// try TermInvariants.check(result)
/// ```
public enum TermComputation {
    public static func compute(rules: PlanRules, facts: TermFacts) throws -> TermResult {
        try compute(rules: rules, facts: facts, keepingStatements: true).result
    }

    /// ``compute(rules:facts:)`` without keeping the families' statements: `result.students` is empty, and
    /// `families` computes each statement again when it is read (the same figures, a family at a time). What a
    /// district's `statement --json` and workbooks print from.
    ///
    /// ```swift
    /// let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
    /// result.fund.earned                     // Σ charged over every family, as compute's
    /// families.first?.balance                // computed now
    /// try TermInvariants.check(result, families: families)
    /// ```
    public static func computeFamiliesWhenRead(
        rules: PlanRules, facts: TermFacts
    ) throws -> (result: TermResult, families: FamilyStatements) {
        try compute(rules: rules, facts: facts, keepingStatements: false)
    }

    static func compute(
        rules: PlanRules, facts: TermFacts, keepingStatements: Bool
    ) throws -> (result: TermResult, families: FamilyStatements) {
        let index = try Index(rules: rules, facts: facts)
        // Step 2: every statement computed once here, for the fund's totals (and kept, if asked).
        var totals = FamilyTotals()
        var kept: [StudentStatement] = []
        if keepingStatements { kept.reserveCapacity(index.studentOrder.count) }
        for k in index.studentOrder.indices {
            let statement = try statement(k, rules: rules, index: index)
            try totals.add(statement)
            if keepingStatements { kept.append(statement) }
        }
        let result = try computeTerm(rules: rules, facts: facts, index: index, totals: totals, kept: kept)
        return (result, FamilyStatements(rules: rules, whole: index))
    }

    /// Steps 3 to 6, once the families' statements are added up (`totals`; `kept`, the statements kept).
    static func computeTerm(
        rules: PlanRules, facts: TermFacts, index: Index, totals: FamilyTotals, kept: [StudentStatement]
    ) throws -> TermResult {
        var fund = try computeFund(rules: rules, facts: facts, totals: totals)
        var findings: [Finding] = []
        let teachers = try computeTeachers(
            rules: rules, facts: facts, index: index, fund: fund, findings: &findings)
        fund.spending = try computeSpending(rules: rules, facts: facts, teachers: teachers)
        var allFindings = try computeFindings(
            rules: rules, facts: facts, index: index, studentCount: totals.count, spending: fund.spending)
        allFindings.append(contentsOf: findings)
        return TermResult(
            school: rules.school, term: rules.term, students: kept, fund: fund, teachers: teachers,
            findings: allFindings)
    }

    /// What the fund takes of the families' statements: Σ paid, Σ refunded, Σ charged, and how many.
    struct FamilyTotals {
        var paid = Money.zero
        var refunded = Money.zero
        var charged = Money.zero
        var count = 0

        mutating func add(_ statement: StudentStatement) throws {
            paid = try paid + statement.paid
            refunded = try refunded + statement.refunded
            charged = try charged + statement.charged
            count += 1
        }
    }

    /// The facts looked up by id, after every reference has been checked. A district's students and their
    /// enrolments, payments and refunds are hundreds of thousands: they stay in the facts' arrays (shared, not
    /// copied), found through positions (``StudentGroups``), with no dictionary or array per student. So do its
    /// teachers, courses and tallies: the index keeps positions in the facts' arrays, never copies of them.
    struct Index: Sendable {
        /// The facts the index points into.
        private(set) var facts: TermFacts
        /// Positions in `facts.students`, sorted by id (the order of the result's statements).
        var studentOrder: [Int32] = []
        /// The term's teachers (the term's facts' array, shared, not copied, by the index of every range of
        /// families) and its courses by id (positions into the facts' courses, shared likewise).
        var teachers: [Teacher] = []
        var courses = CoursesById([])
        /// Positions in `teachers`, sorted by id (the order of the result's teachers).
        var teacherOrder: [Int32] = []
        /// The rules' policies, by id (what ``policy(ofCourse:)`` looks a course's up in).
        var policies: [String: Policy] = [:]
        /// Each student's (in `studentOrder`) enrolments, payments, refunds and openings.
        var usagesOfStudent = StudentGroups(students: [String](), items: [String]())
        var paymentsOfStudent = StudentGroups(students: [String](), items: [String]())
        var refundsOfStudent = StudentGroups(students: [String](), items: [String]())
        var openingsOfStudent = StudentGroups(students: [String](), items: [String]())
        /// Enrolments per course, by the course's position in `courses`.
        var enrolledAt: [Int] = []
        /// Each teacher's (in `teacherOrder`) duty tallies and teaching tallies: positions in `facts.duties` and
        /// `facts.teaching`.
        var dutiesOfTeacher = StudentGroups(students: [String](), items: [String]())
        var teachingOfTeacher = StudentGroups(students: [String](), items: [String]())
        /// The position in `facts.courseTallies` of each course's tally (by the course's position), or -1.
        var tallyAt: [Int32] = []

        init(rules: PlanRules, facts: TermFacts) throws {
            self.facts = facts
            var errors = ReferenceErrors()
            indexRoster(rules: rules, facts: facts, errors: &errors)
            checkEnrolmentsAndMoney(facts: facts, errors: &errors)
            indexTeaching(rules: rules, facts: facts, errors: &errors)
            if let error = TuoguanError.collecting(errors.all) { throw error }
            groupByStudent()
            groupByTeacher()
        }

        /// The index of one range of families (``FamilyFactsSource``): its students, enrolments, payments, refunds
        /// and openings checked and grouped as ``init(rules:facts:)`` does, the term's teachers, courses and
        /// policies shared from `term` (not indexed again).
        init(families: TermFacts, term: Index) throws {
            self.facts = families
            teachers = term.teachers
            courses = term.courses
            teacherOrder = term.teacherOrder
            policies = term.policies
            enrolledAt = Array(repeating: 0, count: courses.courses.count)
            var errors = ReferenceErrors()
            indexStudents(facts: families, errors: &errors)
            checkEnrolmentsAndMoney(facts: families, errors: &errors)
            if let error = TuoguanError.collecting(errors.all) { throw error }
            groupByStudent()
        }

        /// This index without the families: its facts ``TermFacts/withoutFamilies`` and no student grouped; the
        /// rest (teachers, courses, tallies, their groups) kept as it is. What the teachers' pays keep
        /// (``TeacherPayBasis``): a result keeps no family's facts alive.
        var withoutFamilies: Index {
            var index = self
            index.facts = facts.withoutFamilies
            let none = StudentGroups(students: [String](), items: [String]())
            index.studentOrder = []
            (index.usagesOfStudent, index.paymentsOfStudent, index.refundsOfStudent, index.openingsOfStudent) =
                (none, none, none, none)
            return index
        }

        /// The policy of the course of this id (nil for an unknown course, or one whose policy is unknown).
        func policy(ofCourse id: String) -> Policy? { courses[id].flatMap { policies[$0.policyId] } }

        /// Students enrolled in the course of this id (0 for an unknown course).
        func enrolled(inCourse id: String) -> Int { courses.position(of: id).map { enrolledAt[$0] } ?? 0 }

        /// The tally of the course of this id (sessions held and cancelled, most present), if any.
        func tally(ofCourse id: String) -> CourseTally? {
            guard let c = courses.position(of: id), tallyAt[c] >= 0 else { return nil }
            return facts.courseTallies[Int(tallyAt[c])]
        }

        /// The `k`-th student by id.
        func student(_ k: Int) -> Student { facts.students[Int(studentOrder[k])] }

        /// The `k`-th teacher by id.
        func teacher(_ k: Int) -> Teacher { teachers[Int(teacherOrder[k])] }

        /// Where the student of this id is in `studentOrder` (binary search), or nil if not in the facts.
        func position(of id: String) -> Int? {
            Self.search(id, count: studentOrder.count) { student($0).id }
        }

        /// Where the teacher of this id is in `teacherOrder` (binary search), or nil if not in the facts.
        func position(ofTeacher id: String) -> Int? {
            Self.search(id, count: teacherOrder.count) { teacher($0).id }
        }

        /// Where `id` is among `count` ids sorted ascending (`idAt`), or nil.
        static func search(_ id: String, count: Int, idAt: (Int) -> String) -> Int? {
            var low = 0
            var high = count
            while low < high {
                let mid = (low + high) / 2
                if idAt(mid) < id { low = mid + 1 } else { high = mid }
            }
            return low < count && idAt(low) == id ? low : nil
        }

        func knows(student id: String) -> Bool { position(of: id) != nil }

        /// The `k`-th teacher's duty tallies, by duty (a duty's tallies in the facts' order).
        func duties(ofTeacher k: Int) -> [DutyTally] {
            let duties = facts.duties
            return dutiesOfTeacher.positions(of: k).sorted { a, b in
                duties[Int(a)].duty != duties[Int(b)].duty ? duties[Int(a)].duty < duties[Int(b)].duty : a < b
            }.map { duties[Int($0)] }
        }

        /// The `k`-th teacher's teaching tallies, by course (a course's tallies in the facts' order).
        func teaching(ofTeacher k: Int) -> [TeachingTally] {
            let teaching = facts.teaching
            return teachingOfTeacher.positions(of: k).sorted { a, b in
                teaching[Int(a)].courseId != teaching[Int(b)].courseId
                    ? teaching[Int(a)].courseId < teaching[Int(b)].courseId : a < b
            }.map { teaching[Int($0)] }
        }

        /// Students (sorted by id, each id once), teachers (sorted by id, each id once) and courses by id, and
        /// each course's policy.
        mutating func indexRoster(rules: PlanRules, facts: TermFacts, errors: inout ReferenceErrors) {
            indexStudents(facts: facts, errors: &errors)
            policies = rules.policies
            let teachers = facts.teachers
            self.teachers = teachers
            teacherOrder = Self.order(count: teachers.count) { teachers[$0].id }
            for (a, b) in zip(teacherOrder, teacherOrder.dropFirst()) where teachers[Int(a)].id == teachers[Int(b)].id {
                errors.duplicate("教师", "teacher", teachers[Int(b)].id)
            }
            courses = CoursesById(facts.courses)
            for id in courses.duplicateIds { errors.duplicate("课程", "course", id) }
            for course in facts.courses {
                if rules.policies[course.policyId] == nil {
                    errors.unknown(
                        "收费方案", "policy", course.policyId, in: "课程“\(course.id)”", "course \"\(course.id)\"",
                        fix: LocalizedText(
                            zh: "在规则文件的 [policies] 中定义该方案，或改用已有方案：\(rules.policies.keys.sorted().joined(separator: "、"))",
                            en: "define the policy under [policies] in the rules file, or use one of: \(rules.policies.keys.sorted().joined(separator: ", "))"))
                }
            }
            enrolledAt = Array(repeating: 0, count: facts.courses.count)
        }

        /// Students sorted by id, each id once.
        mutating func indexStudents(facts: TermFacts, errors: inout ReferenceErrors) {
            let students = facts.students
            studentOrder = Self.order(count: students.count) { students[$0].id }
            for (a, b) in zip(studentOrder, studentOrder.dropFirst()) where students[Int(a)].id == students[Int(b)].id {
                errors.duplicate("学生", "student", students[Int(b)].id)
            }
        }

        /// The positions 0..<`count`, sorted by their `id` (equal ids by position).
        ///
        /// ```swift
        /// let ids = ["T2", "T1", "T2"]
        /// Index.order(count: 3) { ids[$0] }   // [1, 0, 2]
        /// ```
        static func order(count: Int, id: (Int) -> String) -> [Int32] {
            precondition(count < Int32.max, "more than 2³¹ ids")
            var order = Array(Int32(0)..<Int32(count))
            order.sort { a, b in
                let (x, y) = (id(Int(a)), id(Int(b)))
                return x != y ? x < y : a < b
            }
            return order
        }

        /// Every enrolment, payment, refund and opening names a known student (and course); enrolments per course.
        mutating func checkEnrolmentsAndMoney(facts: TermFacts, errors: inout ReferenceErrors) {
            for usage in facts.usages {
                if !knows(student: usage.studentId) {
                    errors.unknown("学生", "student", usage.studentId, in: "选课记录", "an enrolment", fix: ReferenceErrors.fixStudent)
                }
                if let c = courses.position(of: usage.courseId) {
                    enrolledAt[c] += 1
                } else {
                    errors.unknown(
                        "课程", "course", usage.courseId, in: "学生“\(usage.studentId)”的选课记录",
                        "the enrolment of \"\(usage.studentId)\"", fix: ReferenceErrors.fixCourse)
                }
            }
            for payment in facts.payments where !knows(student: payment.studentId) {
                errors.unknown(
                    "学生", "student", payment.studentId, in: "收款 \(payment.receipt) ", "payment \(payment.receipt)",
                    fix: ReferenceErrors.fixStudent)
            }
            for refund in facts.refunds {
                if !knows(student: refund.studentId) {
                    errors.unknown(
                        "学生", "student", refund.studentId, in: "退费 \(refund.refundId) ", "refund \(refund.refundId)",
                        fix: ReferenceErrors.fixStudent)
                }
                if let courseId = refund.courseId, courses[courseId] == nil {
                    errors.unknown(
                        "课程", "course", courseId, in: "退费 \(refund.refundId) ", "refund \(refund.refundId)",
                        fix: ReferenceErrors.fixCourse)
                }
            }
            for opening in facts.openings where !knows(student: opening.studentId) {
                errors.unknown(
                    "学生", "student", opening.studentId, in: "结转 \(opening.entryId) ", "opening \(opening.entryId)",
                    fix: ReferenceErrors.fixStudent)
            }
        }

        /// Each student's enrolments, payments, refunds and openings, as positions in the facts' arrays.
        mutating func groupByStudent() {
            let students = facts.students
            let ids = studentOrder.lazy.map { students[Int($0)].id }
            usagesOfStudent = StudentGroups(students: ids, items: facts.usages.lazy.map(\.studentId))
            paymentsOfStudent = StudentGroups(students: ids, items: facts.payments.lazy.map(\.studentId))
            refundsOfStudent = StudentGroups(students: ids, items: facts.refunds.lazy.map(\.studentId))
            openingsOfStudent = StudentGroups(students: ids, items: facts.openings.lazy.map(\.studentId))
        }

        /// Each teacher's duty and teaching tallies, as positions in the facts' arrays.
        mutating func groupByTeacher() {
            let teachers = teachers
            let ids = teacherOrder.lazy.map { teachers[Int($0)].id }
            dutiesOfTeacher = StudentGroups(students: ids, items: facts.duties.lazy.map(\.teacherId))
            teachingOfTeacher = StudentGroups(students: ids, items: facts.teaching.lazy.map(\.teacherId))
        }

        /// Duties, teaching and course tallies, and quality scores, each naming a known teacher, duty or course.
        mutating func indexTeaching(rules: PlanRules, facts: TermFacts, errors: inout ReferenceErrors) {
            for duty in facts.duties {
                if position(ofTeacher: duty.teacherId) == nil {
                    errors.unknown("教师", "teacher", duty.teacherId, in: "值班/课时记录", "a duty tally", fix: ReferenceErrors.fixTeacher)
                }
                if rules.points[duty.duty] == nil {
                    errors.unknown(
                        "工作类别", "duty", duty.duty, in: "教师“\(duty.teacherId)”的工作量", "the workload of \"\(duty.teacherId)\"",
                        fix: LocalizedText(
                            zh: "在规则文件的 [points] 中为“\(duty.duty)”设定分值",
                            en: "give \"\(duty.duty)\" its points under [points] in the rules file"))
                }
            }
            for tally in facts.teaching {
                if position(ofTeacher: tally.teacherId) == nil {
                    errors.unknown("教师", "teacher", tally.teacherId, in: "授课统计", "a teaching tally", fix: ReferenceErrors.fixTeacher)
                }
                if courses[tally.courseId] == nil {
                    errors.unknown(
                        "课程", "course", tally.courseId, in: "教师“\(tally.teacherId)”的授课统计",
                        "the teaching tally of \"\(tally.teacherId)\"", fix: ReferenceErrors.fixCourse)
                }
            }
            indexCourseTallies(facts: facts, errors: &errors)
            for teacherId in facts.qualityScores.keys.sorted() where position(ofTeacher: teacherId) == nil {
                errors.unknown("教师", "teacher", teacherId, in: "教学质量评分", "the quality scores", fix: ReferenceErrors.fixTeacher)
            }
        }

        /// Each course's tally, at most one a course, each naming a known course.
        mutating func indexCourseTallies(facts: TermFacts, errors: inout ReferenceErrors) {
            tallyAt = Array(repeating: -1, count: courses.courses.count)
            for (t, tally) in facts.courseTallies.enumerated() {
                guard let c = courses.position(of: tally.courseId) else {
                    errors.unknown("课程", "course", tally.courseId, in: "开课统计", "a course tally", fix: ReferenceErrors.fixCourse)
                    continue
                }
                if tallyAt[c] >= 0 { errors.duplicate("开课统计", "course tally", tally.courseId) }
                tallyAt[c] = Int32(t)
            }
        }
    }

    /// Every unknown reference and duplicate id found while indexing, in the order found.
    struct ReferenceErrors {
        var all: [TuoguanError] = []

        static let fixStudent = LocalizedText(zh: "先在学生名单中登记该学生，或改正学号", en: "add the student to the roster first, or correct the id")
        static let fixCourse = LocalizedText(zh: "先登记该课程，或改正课程编号", en: "add the course first, or correct its id")
        static let fixTeacher = LocalizedText(zh: "先在教师名单中登记该教师，或改正编号", en: "add the teacher to the staff list first, or correct the id")

        mutating func unknown(
            _ zhKind: String, _ enKind: String, _ id: String, in zhWhere: String, _ enWhere: String, fix: LocalizedText
        ) {
            all.append(
                TuoguanError(
                    .unknownReference, zh: "\(zhWhere)提到的\(zhKind)“\(id)”不存在",
                    en: "\(enWhere) names the \(enKind) \"\(id)\", which does not exist", fix: fix, excerpt: id))
        }

        mutating func duplicate(_ zhKind: String, _ enKind: String, _ id: String) {
            all.append(
                TuoguanError(
                    .duplicate, zh: "\(zhKind)编号“\(id)”出现了不止一次", en: "\(enKind) id \"\(id)\" appears more than once",
                    fix: LocalizedText(zh: "每个\(zhKind)的编号必须唯一", en: "each \(enKind) needs its own id"), excerpt: id))
        }
    }

    // MARK: - Checked integer arithmetic (counts, points, minutes)

    static func add(_ a: Int64, _ b: Int64, _ what: String) throws -> Int64 {
        let (value, overflow) = a.addingReportingOverflow(b)
        if overflow { throw countOverflow("\(what): \(a) + \(b)") }
        return value
    }

    static func multiply(_ a: Int64, _ b: Int64, _ what: String) throws -> Int64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw countOverflow("\(what): \(a) × \(b)") }
        return value
    }

    static func countOverflow(_ expression: String) -> TuoguanError {
        TuoguanError(
            .overflow, zh: "计算溢出：\(expression)", en: "overflow in \(expression)",
            fix: LocalizedText(zh: "数值超出可表示范围，请检查输入数据", en: "the figure is beyond what can be represented; check the input"))
    }
}
