extension TermComputation {
    /// One family's statement: the `k`-th student's by id (``Index/studentOrder``).
    static func statement(_ k: Int, rules: PlanRules, index: Index) throws -> StudentStatement {
        let facts = index.facts
        let student = index.student(k)
        let usages = index.usagesOfStudent.positions(of: k).map { facts.usages[Int($0)] }
        let lines = try chargedUsages(usages, courses: index.courses, rules: rules).map { course, policy, usage in
            try ChargeCalculator.charge(course: course, policy: policy, usage: usage, student: student, rules: rules)
        }
        let charged = try Money.sum(lines.map(\.charged))
        let due = try Money.sum(lines.map(\.due))
        let waived = try Money.sum(lines.map(\.waived))

        let payments = index.paymentsOfStudent.positions(of: k).map { facts.payments[Int($0)] }.sorted { a, b in
            a.date != b.date ? a.date < b.date : a.receipt < b.receipt
        }
        let refunds = index.refundsOfStudent.positions(of: k).map { facts.refunds[Int($0)] }.sorted { a, b in
            a.date != b.date ? a.date < b.date : a.refundId < b.refundId
        }
        let paid = try Money.sum(payments.map(\.amount))
        let refunded = try Money.sum(refunds.map(\.amount))
        let kept = try paid - refunded
        let opening = try Money.sum(index.openingsOfStudent.positions(of: k).map { facts.openings[Int($0)].amount })
        let balance = try (try due + opening) - kept
        var statement = StudentStatement(
            student: student, lines: lines, waived: waived, charged: charged, payments: payments, refunds: refunds,
            paid: paid, refunded: refunded, balance: balance, due: due)
        statement.opening = opening
        return statement
    }

    /// A student's usages in the order of the statement's lines (by course, then by the enrolment's first day),
    /// each with its course and policy; a usage of an unknown course or policy has no line.
    static func chargedUsages(
        _ usages: [CourseUsage], courses: CoursesById, rules: PlanRules
    ) -> [(course: Course, policy: Policy, usage: CourseUsage)] {
        usages.sorted { a, b in
            a.courseId != b.courseId ? a.courseId < b.courseId : a.enrolledFrom < b.enrolledFrom
        }.compactMap { usage in
            guard let course = courses[usage.courseId], let policy = rules.policies[course.policyId] else { return nil }
            return (course, policy, usage)
        }
    }

    /// How each line of `statement` was reached, in the statement's order: the calculator's steps, asked again
    /// of it from what the line was computed from (`usages`: the student's, as in the term's facts).
    ///
    /// ```swift
    /// let steps = try TermComputation.lineSteps(of: st, usages: factsOfStudent.usages, courses: byId, rules: rules)
    /// steps[0].map(\.text.zh)   // ["美术（拓展课程）：已开课 12 课时 × 20.00 = 240.00", "  本课程应收 240.00"]
    /// ```
    public static func lineSteps(
        of statement: StudentStatement, usages: [CourseUsage], courses: CoursesById, rules: PlanRules
    ) throws -> [[ChargeStep]] {
        let student = statement.student
        let own = usages.filter { $0.studentId == student.id }
        let steps = try chargedUsages(own, courses: courses, rules: rules).map { course, policy, usage in
            try ChargeCalculator.explain(course: course, policy: policy, usage: usage, student: student, rules: rules)
        }
        assert(steps.map(\.line) == statement.lines, "a statement's steps are asked from other facts than its own")
        return steps.map(\.steps)
    }

    /// How a family's statement was reached, step by step: each course's charge, each payment and refund, the
    /// balance and what it means. Made when asked (`explain`, the family blocks), never kept with the result.
    ///
    /// ```swift
    /// let steps = try TermComputation.explain(st, usages: facts.usages, courses: byId, rules: rules)
    /// steps.last?.text.zh   // "应退 20.00 元"
    /// ```
    public static func explain(
        _ statement: StudentStatement, usages: [CourseUsage], courses: CoursesById, rules: PlanRules
    ) throws -> [StatementStep] {
        let lines = try lineSteps(of: statement, usages: usages, courses: courses, rules: rules)
        var steps: [StatementStep] = lines.joined().map { .charge($0) }
        steps += statement.payments.map { .payment($0) }
        steps += statement.refunds.map { .refund($0) }
        let balance = statement.balance
        if statement.opening.isZero {
            steps.append(
                .balance(charged: statement.due, paid: statement.paid, refunded: statement.refunded, balance: balance))
        } else {
            steps.append(
                .balanceWithOpening(
                    charged: statement.due, opening: statement.opening, paid: statement.paid,
                    refunded: statement.refunded, balance: balance))
        }
        if balance.isNegative {
            steps.append(.owedToFamily(try -balance))
        } else if balance.isZero {
            steps.append(.settled)
        } else {
            steps.append(.owedByFamily(balance))
        }
        return steps
    }
}
