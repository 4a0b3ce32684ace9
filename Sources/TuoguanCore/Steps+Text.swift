/// The words of every step (a charge's, a family statement's, a teacher's pay, the fund's split), in both
/// languages: the one place they are written (`explain`, the family blocks, the notices and the workload
/// pages read them from here).
extension ChargeStep {
    /// The step as printed, e.g. zh "美术（拓展课程）：已开课 12 课时 × 20.00 = 240.00",
    /// en "美术 (拓展课程): 12 lessons held × 20.00 = 240.00".
    ///
    /// ```swift
    /// ChargeStep.charged(Money(fen: 22000)).text.zh   // "  本课程应收 220.00"
    /// ```
    public var text: LocalizedText {
        switch self {
        case .free(let course, let policy):
            let label = Self.label(course, policy)
            return LocalizedText(zh: "\(label.zh)：免费", en: "\(label.en): free of charge")
        case .byUse(let course, let policy, let attended, let absent, let product):
            let label = Self.label(course, policy)
            var how = LocalizedText(zh: "出勤 \(attended) 课时", en: "\(attended) lessons attended")
            if let absent {
                how.zh += " + 无故缺勤 \(absent) 课时"
                how.en += " + \(absent) absent without leave"
            }
            let p = product.text
            return LocalizedText(
                zh: "\(label.zh)：按实结算，\(how.zh)\(p.zh)", en: "\(label.en): settled by use, \(how.en)\(p.en)")
        case .scheduled(let course, let policy, let held, let afterWithdrawal, let cancelled, let leaveCharged, let product):
            return Self.scheduledText(
                Self.label(course, policy), held: held, afterWithdrawal: afterWithdrawal, cancelled: cancelled,
                leaveCharged: leaveCharged, product: product)
        case .leaveCredited(let lessons, let amount):
            return LocalizedText(
                zh: "  请假 \(lessons) 课时退还 \(amount.formatted())",
                en: "  \(lessons) lessons on leave credited \(amount.formatted())")
        case .keptAfterWithdrawal(let lessons, let percent, let amount):
            return LocalizedText(
                zh: "  退课后 \(lessons) 课时只退 \(percent)%，收取 \(amount.formatted())",
                en: "  \(lessons) lessons after withdrawal refunded at \(percent)%: \(amount.formatted()) kept")
        case .withdrawalRefundedInFull:
            return LocalizedText(zh: "  退课全额退费", en: "  withdrawal refunded in full")
        case .monthly(let course, let policy, let price, let months, let amount):
            let label = Self.label(course, policy)
            return LocalizedText(
                zh: "\(label.zh)：\(price.formatted())/月 × \(months) 个月 = \(amount.formatted())",
                en: "\(label.en): \(price.formatted())/month × \(months) months = \(amount.formatted())")
        case .perTerm(let course, let policy, let amount):
            let label = Self.label(course, policy)
            return LocalizedText(zh: "\(label.zh)：每学期 \(amount.formatted())", en: "\(label.en): \(amount.formatted()) per term")
        case .lateStart(let from, let share, let amount):
            let total = share.unit.text(share.total)
            return LocalizedText(
                zh: "  \(from) 起报名，按 \(share.kept)/\(total.zh)收取 \(amount.formatted())",
                en: "  enrolled from \(from), \(share.kept) of \(total.en) charged: \(amount.formatted())")
        case .withdrawal(let date, let rule, let kept):
            let how = Self.withdrawalText(date, rule)
            return LocalizedText(
                zh: "  \(how.zh)：收取 \(kept.formatted())", en: "  \(how.en): \(kept.formatted()) charged")
        case .cancelledProRata(let cancelled, let of, let amount):
            return LocalizedText(
                zh: "  停课 \(cancelled)/\(of) 次按比例退还 \(amount.formatted())",
                en: "  \(cancelled) of \(of) sessions cancelled, pro rata \(amount.formatted())")
        case .waiver(let category, let percent, let amount):
            return LocalizedText(
                zh: "  \(category)减免 \(percent)%：−\(amount.formatted())",
                en: "  waiver for \(category) \(percent)%: −\(amount.formatted())")
        case .prepaymentDue(let lessons, let due):
            return LocalizedText(
                zh: "  预缴：另有 \(lessons) 课时尚未上课，按全学期预缴，本课程应缴 \(due.formatted())",
                en: "  prepaid: \(lessons) more lesson\(lessons == 1 ? "" : "s") still to come; prepaid for the term, due for this course \(due.formatted())")
        case .charged(let amount):
            return LocalizedText(zh: "  本课程应收 \(amount.formatted())", en: "  charged for this course \(amount.formatted())")
        }
    }

    /// `美术（拓展课程）` / `美术 (拓展课程)`.
    static func label(_ course: String, _ policy: String) -> LocalizedText {
        LocalizedText(zh: "\(course)（\(policy)）", en: "\(course) (\(policy))")
    }

    /// `已开课 12 课时 + 停课 1 课时（停课不退费） × 20.00 = 260.00`.
    static func scheduledText(
        _ label: LocalizedText, held: Int, afterWithdrawal: Int?, cancelled: Int?, leaveCharged: Int?, product: Metered
    ) -> LocalizedText {
        var zh = "已开课 \(held) 课时"
        var en = "\(held) lessons held"
        if let afterWithdrawal {
            zh += " + 退课后 \(afterWithdrawal) 课时（退课不退费）"
            en += " + \(afterWithdrawal) after withdrawal (withdrawal not refunded)"
        }
        if let cancelled {
            zh += " + 停课 \(cancelled) 课时（停课不退费）"
            en += " + \(cancelled) cancelled (not refunded)"
        }
        if let leaveCharged {
            zh += "（请假 \(leaveCharged) 课时照常收费）"
            en += " (\(leaveCharged) on leave, charged as the policy says)"
        }
        let p = product.text
        return LocalizedText(zh: "\(label.zh)：\(zh)\(p.zh)", en: "\(label.en): \(en)\(p.en)")
    }

    /// What a withdrawal's rule did, before the amount it keeps.
    static func withdrawalText(_ date: CivilDate, _ rule: WithdrawalOutcome) -> LocalizedText {
        switch rule {
        case .notRefunded:
            return LocalizedText(zh: "退课不退费", en: "withdrawal is not refunded")
        case .refundedInFull:
            return LocalizedText(zh: "退课全额退费", en: "withdrawal refunded in full")
        case .percent(let p):
            return LocalizedText(zh: "\(date) 退课，剩余部分退 \(p)%", en: "withdrew on \(date), \(p)% of the rest refunded")
        case .share(let share):
            let total = share.unit.text(share.total)
            return LocalizedText(
                zh: "\(date) 退课，按 \(share.kept)/\(total.zh)收取", en: "withdrew on \(date), \(share.kept) of \(total.en) charged")
        }
    }
}

extension ChargeStep.Metered {
    /// `× 20.00 = 240.00`, or `，共 480 分钟 × 3.00/小时 ÷ 60 = 24.00`.
    var text: LocalizedText {
        if !perStudentHour {
            return LocalizedText(zh: " × \(price.formatted()) = \(amount.formatted())", en: " × \(price.formatted()) = \(amount.formatted())")
        }
        return LocalizedText(
            zh: "，共 \(units) 分钟 × \(price.formatted())/小时 ÷ 60 = \(amount.formatted())",
            en: ", \(units) minutes × \(price.formatted())/hour ÷ 60 = \(amount.formatted())")
    }
}

extension StatementStep {
    /// The step as printed, e.g. zh "收款 R001 2024-09-02 微信 240.00", en "the fund owes the family 20.00".
    ///
    /// ```swift
    /// StatementStep.settled.text.en   // "settled: nothing owed either way"
    /// ```
    public var text: LocalizedText {
        switch self {
        case .charge(let step):
            return step.text
        case .payment(let payment):
            let method = payment.method.traceName
            return LocalizedText(
                zh: "收款 \(payment.receipt) \(payment.date) \(method.zh) \(payment.amount.formatted())",
                en: "payment \(payment.receipt) \(payment.date) \(method.en) \(payment.amount.formatted())")
        case .refund(let refund):
            // In the unit the refund's rule counted: lessons, service days, half-months or months.
            let counted = refund.lessons.map { (refund.unit ?? .lessons).text($0) }
            let lessons = counted.map { "（\($0.zh)）" } ?? ""
            let lessonsEn = counted.map { " (\($0.en))" } ?? ""
            let reason = refund.reason.traceName
            return LocalizedText(
                zh: "退费 \(refund.refundId) \(refund.date) \(reason.zh)\(lessons) \(refund.amount.formatted())",
                en: "refund \(refund.refundId) \(refund.date) \(reason.en)\(lessonsEn) \(refund.amount.formatted())")
        case .balance(let charged, let paid, let refunded, let balance):
            return LocalizedText(
                zh: "应缴 \(charged.formatted()) − (已缴 \(paid.formatted()) − 已退 \(refunded.formatted())) = \(balance.formatted())",
                en: "due \(charged.formatted()) − (paid \(paid.formatted()) − refunded \(refunded.formatted())) = \(balance.formatted())")
        case .balanceWithOpening(let charged, let opening, let paid, let refunded, let balance):
            let carried = opening.isNegative
                ? LocalizedText(zh: "上学期结余 \(Money(fen: 0 &- opening.fen).formatted())", en: "credit carried in \(Money(fen: 0 &- opening.fen).formatted())")
                : LocalizedText(zh: "上学期欠费 \(opening.formatted())", en: "arrears carried in \(opening.formatted())")
            let sign = opening.isNegative ? "−" : "+"
            return LocalizedText(
                zh: "应缴 \(charged.formatted()) \(sign) \(carried.zh) − (已缴 \(paid.formatted()) − 已退 \(refunded.formatted())) = \(balance.formatted())",
                en: "due \(charged.formatted()) \(sign) \(carried.en) − (paid \(paid.formatted()) − refunded \(refunded.formatted())) = \(balance.formatted())")
        case .owedToFamily(let owed):
            return LocalizedText(zh: "应退 \(owed.formatted()) 元", en: "the fund owes the family \(owed.formatted())")
        case .settled:
            return LocalizedText(zh: "已结清", en: "settled: nothing owed either way")
        case .owedByFamily(let owed):
            return LocalizedText(zh: "应补 \(owed.formatted()) 元", en: "the family owes the fund \(owed.formatted())")
        }
    }
}

extension PaymentMethod {
    /// 现金, 微信 … as written in traces.
    public var traceName: LocalizedText {
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
    public var traceName: LocalizedText {
        switch self {
        case .personalLeave: return LocalizedText(zh: "个人请假", en: "personal leave")
        case .cancelled: return LocalizedText(zh: "停课", en: "cancelled")
        case .withdrawal: return LocalizedText(zh: "退课", en: "withdrawal")
        case .settlement: return LocalizedText(zh: "期末结算", en: "term-end settlement")
        }
    }
}

extension TeacherStep {
    /// The step as printed, e.g. zh "supervision：94 次 × 50 分 = 4700 分" (a duty by its key: the workload
    /// pages show its name instead, see ``dutyKey``).
    ///
    /// ```swift
    /// TeacherStep.points(800).text.en   // "workload points in all: 800"
    /// ```
    public var text: LocalizedText {
        switch self {
        case .duty(let key, let count, let each, let points):
            return LocalizedText(
                zh: "\(key)：\(count) 次 × \(each) 分 = \(points) 分", en: "\(key): \(count) × \(each) points = \(points) points")
        case .outsideEarnsNoPoints:
            return LocalizedText(zh: "校外机构人员不计工作量点数：0 分", en: "outside institutions earn no workload points: 0 points")
        case .points(let points):
            return LocalizedText(zh: "工作量点数合计 \(points) 分", en: "workload points in all: \(points)")
        case .poolShare(let pool, let amount, let weight, let total, let byScore, let part):
            let shown = byScore ? Money(fen: weight).formatted() : "\(weight)"
            let shownTotal = byScore ? Money(fen: total).formatted() : "\(total)"
            let text = "\(pool) \(amount.formatted()) × \(shown) ÷ \(shownTotal) = \(part.formatted())"
            return LocalizedText(zh: text, en: text)
        case .subsidyMinutes(let course, let minutes, let rate):
            return LocalizedText(
                zh: "\(course)：\(minutes) 生·分钟 × \(rate.formatted())/生·小时",
                en: "\(course): \(minutes) student-minutes × \(rate.formatted()) per student-hour")
        case .outsideLessons(let course, let lessons, let perLesson, let pay):
            return LocalizedText(
                zh: "\(course)：\(lessons) 课时 × \(perLesson.formatted()) = \(pay.formatted())",
                en: "\(course): \(lessons) lessons × \(perLesson.formatted()) = \(pay.formatted())")
        case .subsidy(let minutes, let amount):
            return LocalizedText(
                zh: "课后服务补贴：合计 \(minutes) 生·分钟，按小时计 ÷ 60，一次取整 = \(amount.formatted())",
                en: "subsidy: \(minutes) student-minutes in all, ÷ 60 for hours, rounded once = \(amount.formatted())")
        case .total(let workload, let award, let subsidy, let outside, let total):
            let sum = "\(workload.formatted()) + \(award.formatted()) + \(subsidy.formatted()) + \(outside.formatted())"
            return LocalizedText(zh: "合计 \(sum) = \(total.formatted())", en: "total \(sum) = \(total.formatted())")
        }
    }

    /// The duty a `.duty` step counts (its text starts with the key), nil for other steps.
    public var dutyKey: String? {
        if case .duty(let key, _, _, _) = self { return key }
        return nil
    }
}

extension FundStep {
    /// The step as printed, e.g. zh "分配基数（按实收）= 10,500.01 − 500.00 = 10,000.01".
    ///
    /// ```swift
    /// FundStep.income(Money(fen: 100)).text.en   // "income (payments received) 1.00"
    /// ```
    public var text: LocalizedText {
        switch self {
        case .income(let income):
            return LocalizedText(zh: "收入（收款合计）\(income.formatted())", en: "income (payments received) \(income.formatted())")
        case .refunds(let refunds):
            return LocalizedText(zh: "退费合计 \(refunds.formatted())", en: "refunds paid out \(refunds.formatted())")
        case .earned(let earned):
            return LocalizedText(zh: "本学期应收合计 \(earned.formatted())", en: "fees earned this term \(earned.formatted())")
        case .earnedBasis(let net):
            return LocalizedText(zh: "分配基数（按应收）= \(net.formatted())", en: "split basis (fees earned) = \(net.formatted())")
        case .cashBasis(let income, let refunds, let net):
            return LocalizedText(
                zh: "分配基数（按实收）= \(income.formatted()) − \(refunds.formatted()) = \(net.formatted())",
                en: "split basis (cash) = \(income.formatted()) − \(refunds.formatted()) = \(net.formatted())")
        case .pool(let name, let percent, let net, let amount):
            let text = "\(name) \(percent)% × \(net.formatted()) = \(amount.formatted())"
            return LocalizedText(zh: text, en: text)
        case .poolSpent(let name, let spent, let amount, let balance):
            return LocalizedText(
                zh: "\(name)已支出 \(spent.formatted())，结余 \(amount.formatted()) − \(spent.formatted()) = \(balance.formatted())",
                en: "\(name) spent \(spent.formatted()), balance \(amount.formatted()) − \(spent.formatted()) = \(balance.formatted())")
        }
    }
}
