/// The term's books in double entry (复式记账), as values: what `tuoguan export` writes for hledger and
/// Beancount. A writer per format renders them; ``Books`` makes them from the ledger's records and the term
/// computation (the one source of every figure asserted).

/// One account of the chart (科目). The names are the writer's (per language and format); the chart is here.
/// A pool is named by its id in the rules' `[split]`.
///
/// ```swift
/// BookAccount.family("S000001")     // 负债:家长预收:S000001 · Liabilities:Families:S000001
/// BookAccount.received(.wechat)     // 资产:收款:微信 · Assets:Received:WeChat
/// ```
public enum BookAccount: Sendable, Equatable, Hashable {
    /// Money received, by how it was paid (资产:收款:…).
    case received(PaymentMethod)
    /// Money paid back to families, by reason (资产:退款:…).
    case refunded(RefundReason)
    /// The net earmarked into the pools (资产:分入专项): −net; the pools hold the same money.
    case toPools
    /// A pool's share of the net (资产:专项:POOL:分配).
    case poolAllocated(pool: String)
    /// What a pool paid out (资产:专项:POOL:支出).
    case poolPaid(pool: String)
    /// One family: what it owes (+) or is owed (−), as the statement's balance (负债:家长预收:ID).
    case family(String)
    /// Owed today for lessons still to come, not yet earned (负债:未实现收入): what the statement's balance
    /// counts beyond the fees earned (a prepaid course from enrolment).
    case unearned
    /// Fees of one course for one family, before waivers (收入:托管费:应收:COURSE:STUDENT).
    case fees(course: String, student: String)
    /// Waived for the family's category, against the fees (收入:托管费:减免:COURSE:STUDENT).
    case waivers(course: String, student: String)
    /// Spent from a pool, by payee (支出:专项:POOL:PAYEE).
    case poolExpense(pool: String, payee: String)
    /// Paid from a budget line (subsidies, outside institutions), by payee (支出:补贴:PAYEE …).
    case lineExpense(BudgetLine, payee: String)
    /// What a budget line paid (权益:预算拨款:LINE): the money comes from the budget, not the fees.
    case budget(BudgetLine)
    /// A teacher's pay as allocated by the computation (权益:课酬分配:ID), a memorandum that moves no money.
    case teacherPay(String)
    /// A pool's balance carried forward from the closed term before (资产:专项:POOL:上期结转).
    case poolCarried(pool: String)
    /// The other side of every balance carried in from the closed term before (权益:上期结转).
    case carriedIn
    /// Where the teachers' pay comes from (权益:课酬来源:…): the pools by points and by score, the budget lines.
    case paySource(PaySource)

    /// An account and everything under it, for an assertion on a subtree (资产:收款 = the income; 收入:托管费 = the fees earned).
    public enum Subtree: Sendable, Equatable, Hashable {
        case received, refunded, income, pool(String), poolExpenses(String), lineExpenses(BudgetLine)
    }
}

/// The budget lines paid from outside the fees.
public enum BudgetLine: String, Sendable, Equatable, Hashable, CaseIterable {
    case subsidies, outside
}

/// The four parts of a teacher's pay (``TeacherPay``).
public enum PaySource: String, Sendable, Equatable, Hashable, CaseIterable {
    case workload, award, subsidies, outside
}

/// One line of a transaction: an account and a signed amount (debit +, credit −).
public struct BookPosting: Sendable, Equatable {
    public var account: BookAccount
    public var amount: Money
    public init(_ account: BookAccount, _ amount: Money) {
        self.account = account
        self.amount = amount
    }
}

/// One dated transaction; its postings add up to zero.
public struct BookTransaction: Sendable, Equatable {
    /// What it is, for its title (缴费, 退费 …).
    public enum Kind: String, Sendable, Equatable {
        case payment, refund, reversal, expense, expenseReversal, fees, split, teacherPay, opening
    }
    public var date: CivilDate
    public var kind: Kind
    /// The ledger's id of the entry (receipt, refund, expense, correction), if it is one.
    public var id: String?
    /// Who was paid or who paid: a payee, a student id, a teacher id.
    public var payee: String
    /// key → value, carried as metadata (keys ASCII, lower case): `student`, `course`, `reason`, `reverses`, `note` …
    public var meta: [(key: String, value: String)]
    public var postings: [BookPosting]

    public init(
        date: CivilDate, kind: Kind, id: String? = nil, payee: String, meta: [(key: String, value: String)] = [],
        postings: [BookPosting]
    ) {
        assert(postings.reduce(Int64(0)) { $0 &+ $1.amount.fen } == 0, "unbalanced \(kind) \(id ?? "")")
        self.date = date
        self.kind = kind
        self.id = id
        self.payee = payee
        self.meta = meta
        self.postings = postings
    }

    public static func == (a: BookTransaction, b: BookTransaction) -> Bool {
        a.date == b.date && a.kind == b.kind && a.id == b.id && a.payee == b.payee && a.postings == b.postings
            && a.meta.map(\.key) == b.meta.map(\.key) && a.meta.map(\.value) == b.meta.map(\.value)
    }
}

/// A balance the tools check on their own: the account (or its subtree) holds `amount` at the start of `date`
/// (Beancount's meaning; hledger checks it after the day before).
public struct BookAssertion: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case account(BookAccount)
        case subtree(BookAccount.Subtree)
    }
    public var date: CivilDate
    public var target: Target
    public var amount: Money
    public init(date: CivilDate, _ target: Target, _ amount: Money) {
        self.date = date
        self.target = target
        self.amount = amount
    }
}

/// One record of the ledger's money journals, as the books read it. The store makes one per journal entry, by
/// a switch over the entry's kind; a new kind of entry is a new case here and in ``Books/transaction(for:)``.
public indirect enum BookRecord: Sendable, Equatable {
    case payment(PaymentFact, note: String)
    case refund(RefundFact)
    case expense(ExpenseFact)
    /// A family's balance carried in from the closed term before (``OpeningFact``, signed like a balance).
    case opening(OpeningFact)
    /// A pool's unspent balance carried forward from the closed term before: `id` is the entry's, `note`
    /// names the closed ledger.
    case poolOpening(id: String, pool: String, amount: Money, date: CivilDate, note: String)
    /// A correction: `id` reverses `original` (a payment, refund or expense), on `date`.
    case reversal(id: String, date: CivilDate, note: String, original: BookRecord)
}
