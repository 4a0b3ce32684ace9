extension TermComputation {
    /// Every family's term statement, sorted by student id.
    static func computeStudents(rules: PlanRules, facts: TermFacts, index: Index) throws -> [StudentStatement] {
        var inputs: [String: ChargeInputs] = [:]
        for (id, course) in index.courses {
            if let policy = index.policyOfCourse[id] { inputs[id] = ChargeInputs(course: course, policy: policy, rules: rules) }
        }
        return try facts.students.sorted { $0.id < $1.id }.map { student in
            try statement(for: student, rules: rules, index: index, inputs: inputs)
        }
    }

    /// One family's statement. With `inputs` (one per course), each line makes its trace when asked instead
    /// of keeping it.
    static func statement(
        for student: Student, rules: PlanRules, index: Index, inputs: [String: ChargeInputs] = [:]
    ) throws -> StudentStatement {
        var lines: [ChargeLine] = []
        let usages = (index.usagesByStudent[student.id] ?? []).map { index.usages[Int($0)] }.sorted { a, b in
            a.courseId != b.courseId ? a.courseId < b.courseId : a.enrolledFrom < b.enrolledFrom
        }
        for usage in usages {
            // Index guarantees the course and its policy exist.
            guard let course = index.courses[usage.courseId], let policy = index.policyOfCourse[usage.courseId] else {
                continue
            }
            let line = try ChargeCalculator.charge(course: course, policy: policy, usage: usage, student: student, rules: rules)
            if let shared = inputs[usage.courseId] {
                lines.append(line.tracedWhenAsked(inputs: shared, usage: usage, student: student))
            } else {
                lines.append(line)
            }
        }
        let charged = try Money.sum(lines.map(\.charged))
        let waived = try Money.sum(lines.map(\.waived))

        let payments = (index.paymentsByStudent[student.id] ?? []).sorted { a, b in
            a.date != b.date ? a.date < b.date : a.receipt < b.receipt
        }
        let refunds = (index.refundsByStudent[student.id] ?? []).sorted { a, b in
            a.date != b.date ? a.date < b.date : a.refundId < b.refundId
        }
        let paid = try Money.sum(payments.map(\.amount))
        let refunded = try Money.sum(refunds.map(\.amount))
        let kept = try paid - refunded
        let balance = try charged - kept
        return StudentStatement(
            student: student, lines: lines, waived: waived, charged: charged, payments: payments, refunds: refunds,
            paid: paid, refunded: refunded, balance: balance)
    }
}

extension StudentStatement {
    /// How the statement was reached, step by step: each course's trace, each payment and refund, the balance
    /// and what it means. Made when asked (`explain`), not kept: a district's 50,000 statements held their
    /// traces in two languages, the largest part of the term's result in memory.
    public var trace: [TraceStep] {
        get throws {
            var trace: [TraceStep] = try lines.flatMap { try $0.trace }
            for payment in payments {
                trace.append(
                    TraceStep(
                        zh: "收款 \(payment.receipt) \(payment.date) \(payment.method.traceName.zh) \(payment.amount.formatted())",
                        en: "payment \(payment.receipt) \(payment.date) \(payment.method.traceName.en) \(payment.amount.formatted())",
                        amount: payment.amount))
            }
            for refund in refunds {
                // In the unit the refund's rule counted: lessons, service days, half-months or months.
                let counted = refund.lessons.map { (refund.unit ?? .lessons).text($0) }
                let lessons = counted.map { "（\($0.zh)）" } ?? ""
                let lessonsEn = counted.map { " (\($0.en))" } ?? ""
                trace.append(
                    TraceStep(
                        zh: "退费 \(refund.refundId) \(refund.date) \(refund.reason.traceName.zh)\(lessons) \(refund.amount.formatted())",
                        en: "refund \(refund.refundId) \(refund.date) \(refund.reason.traceName.en)\(lessonsEn) \(refund.amount.formatted())",
                        amount: try -refund.amount))
            }
            trace.append(
                TraceStep(
                    zh: "应收 \(charged.formatted()) − (已收 \(paid.formatted()) − 已退 \(refunded.formatted())) = \(balance.formatted())",
                    en: "charged \(charged.formatted()) − (paid \(paid.formatted()) − refunded \(refunded.formatted())) = \(balance.formatted())",
                    amount: balance))
            if balance.isNegative {
                let owed = try -balance
                trace.append(
                    TraceStep(
                        zh: "应退 \(owed.formatted()) 元", en: "the fund owes the family \(owed.formatted())", amount: balance))
            } else if balance.isZero {
                trace.append(TraceStep(zh: "已结清", en: "settled: nothing owed either way", amount: .zero))
            } else {
                trace.append(
                    TraceStep(
                        zh: "应补 \(balance.formatted()) 元", en: "the family owes the fund \(balance.formatted())", amount: balance))
            }
            return trace
        }
    }
}

extension PaymentMethod {
    /// 现金, 微信 … as written in traces.
    var traceName: LocalizedText {
        switch self {
        case .cash: return LocalizedText(zh: "现金", en: "cash")
        case .wechat: return LocalizedText(zh: "微信", en: "WeChat")
        case .alipay: return LocalizedText(zh: "支付宝", en: "Alipay")
        case .bank: return LocalizedText(zh: "银行转账", en: "bank transfer")
        }
    }
}

extension RefundReason {
    /// 个人请假, 停课 … as written in traces.
    var traceName: LocalizedText {
        switch self {
        case .personalLeave: return LocalizedText(zh: "个人请假", en: "personal leave")
        case .cancelled: return LocalizedText(zh: "停课", en: "cancelled")
        case .withdrawal: return LocalizedText(zh: "退课", en: "withdrawal")
        case .settlement: return LocalizedText(zh: "期末结算", en: "term-end settlement")
        }
    }
}
