import TuoguanCore

/// The chart of accounts: each account's parts, in Chinese and English (README, "Books for accountants").
extension BookNames {
    static let assets = Part.word("资产", "Assets")
    static let liabilities = Part.word("负债", "Liabilities")
    static let equity = Part.word("权益", "Equity")
    static let income = Part.word("收入", "Income")
    static let expenses = Part.word("支出", "Expenses")
    static let received = Part.word("收款", "Received")
    static let refunded = Part.word("退款", "Refunded")
    static let pools = Part.word("专项", "Pools")
    static let fees = Part.word("托管费", "Fees")

    static func parts(_ account: BookAccount) -> [Part] {
        switch account {
        case .received(let method): return [assets, received, word(method)]
        case .refunded(let reason): return [assets, refunded, word(reason)]
        case .toPools: return [assets, .word("分入专项", "To-pools")]
        case .poolAllocated(let pool): return [assets, pools, .pool(pool), .word("分配", "Allocated")]
        case .poolPaid(let pool): return [assets, pools, .pool(pool), .word("支出", "Paid")]
        case .family(let id): return [liabilities, .word("家长预收", "Families"), .text(id, prefix: "S")]
        case .unearned: return [liabilities, .word("未实现收入", "Unearned")]
        case .fees(let course, let student):
            return [income, fees, .word("应收", "Gross"), .text(course, prefix: "C"), .text(student, prefix: "S")]
        case .waivers(let course, let student):
            return [income, fees, .word("减免", "Waived"), .text(course, prefix: "C"), .text(student, prefix: "S")]
        case .poolExpense(let pool, let payee): return [expenses, pools, .pool(pool), .text(payee, prefix: "P")]
        case .lineExpense(let line, let payee): return [expenses, word(line), .text(payee, prefix: "P")]
        case .budget(let line): return [equity, .word("预算拨款", "Budget"), word(line)]
        case .teacherPay(let id): return [equity, .word("课酬分配", "Teacher-pay"), .text(id, prefix: "T")]
        case .poolCarried(let pool): return [assets, pools, .pool(pool), .word("上期结转", "Carried-in")]
        case .carriedIn: return [equity, .word("上期结转", "Carried-in")]
        case .paySource(let source): return [equity, .word("课酬来源", "Pay-sources"), word(source)]
        }
    }

    static func parts(_ subtree: BookAccount.Subtree) -> [Part] {
        switch subtree {
        case .received: return [assets, received]
        case .refunded: return [assets, refunded]
        case .income: return [income, fees]
        case .pool(let pool): return [assets, pools, .pool(pool)]
        case .poolExpenses(let pool): return [expenses, pools, .pool(pool)]
        case .lineExpenses(let line): return [expenses, word(line)]
        }
    }

    static func word(_ method: PaymentMethod) -> Part {
        switch method {
        case .cash: return .word("现金", "Cash")
        case .wechat: return .word("微信", "WeChat")
        case .alipay: return .word("支付宝", "Alipay")
        case .bank: return .word("银行", "Bank")
        }
    }

    static func word(_ reason: RefundReason) -> Part {
        switch reason {
        case .personalLeave: return .word("个人请假", "Personal-leave")
        case .cancelled: return .word("学校停课", "Cancelled")
        case .withdrawal: return .word("退课", "Withdrawal")
        case .settlement: return .word("期末结算", "Settlement")
        }
    }

    static func word(_ line: BudgetLine) -> Part {
        switch line {
        case .subsidies: return .word("补贴", "Subsidies")
        case .outside: return .word("校外机构", "Outside")
        }
    }

    static func word(_ source: PaySource) -> Part {
        switch source {
        case .workload: return .word("工作量", "Workload")
        case .award: return .word("质量奖", "Award")
        case .subsidies: return .word("补贴", "Subsidies")
        case .outside: return .word("校外机构", "Outside")
        }
    }

    /// A transaction's title: 缴费, 退费 …
    static func title(_ kind: BookTransaction.Kind) -> (zh: String, en: String) {
        switch kind {
        case .payment: return ("缴费", "Payment")
        case .refund: return ("退费", "Refund")
        case .reversal: return ("冲正", "Correction")
        case .expense: return ("支出", "Expense")
        case .expenseReversal: return ("支出冲正", "Expense correction")
        case .fees: return ("学期收费", "Term fees")
        case .split: return ("经费分配", "Split into the pools")
        case .teacherPay: return ("教师课酬", "Teacher's pay")
        case .opening: return ("上期结转", "Carried in")
        }
    }
}
