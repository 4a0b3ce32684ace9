/// One incoming transfer as a WeChat Pay, Alipay or bank export shows it: money received, not yet assigned to a
/// family. `id` is the export's 交易单号 (交易号, 流水号): the payment's entry id once it is recorded.
///
/// ```swift
/// let t = IncomingTransfer(id: "4200001234202409020001", method: .wechat, date: CivilDate(parsing: "2024-09-02")!,
///                          payer: "小明妈妈", memo: "S000001 王小明 学费", amount: Money(fen: 24000))
/// ```
public struct IncomingTransfer: Sendable, Equatable, Hashable {
    public var id: String
    public var method: PaymentMethod
    public var date: CivilDate
    /// 交易对方 / 对方户名: the payer's nickname or account name.
    public var payer: String
    /// 对方账号 where the export gives it (a bank account, an Alipay login), else empty.
    public var account: String
    /// 备注, 附言, 商品 (商品名称, 摘要) joined: where parents write the child's 学号, name and class.
    public var memo: String
    public var amount: Money

    public init(
        id: String, method: PaymentMethod, date: CivilDate, payer: String, account: String = "", memo: String,
        amount: Money
    ) {
        self.id = id
        self.method = method
        self.date = date
        self.payer = payer
        self.account = account
        self.memo = memo
        self.amount = amount
    }

    /// The key a payer is remembered by: the method and the account when there is one, else the name
    /// (`wechat:小明妈妈`, `bank:6222020200001234567`).
    public var payerKey: String { "\(method.rawValue):\(account.isEmpty ? payer : account)" }
}

/// A family a transfer may be for: the student and what the family owes now (the statement's balance, never
/// computed here; 0 when it owes nothing).
public struct FamilyDue: Sendable, Equatable {
    public var student: Student
    public var due: Money
    public init(student: Student, due: Money) {
        self.student = student
        self.due = due
    }
}

/// Why a transfer was matched or suggested.
public enum MatchReason: Sendable, Equatable {
    /// The 学号 is in the memo.
    case studentId(String)
    /// The child's name and class are in the memo.
    case nameAndClass(name: String, className: String)
    /// The child's name is in the memo (no class; the name is the only one in the school).
    case name(String)
    /// The payer was confirmed for this family before.
    case rememberedPayer(String)
    /// The family owes exactly this amount, and its class or name is hinted.
    case amountDue(due: Money, hint: LocalizedText)

    /// The reason in both languages, as the clerk reads it.
    public var text: LocalizedText {
        switch self {
        case .studentId(let id):
            return LocalizedText(zh: "备注中有学号 \(id)", en: "the memo names student id \(id)")
        case .nameAndClass(let name, let className):
            return LocalizedText(zh: "备注中有姓名 \(name) 和班级 \(className)", en: "the memo names \(name) of \(className)")
        case .name(let name):
            return LocalizedText(zh: "备注中有姓名 \(name)（未写班级，全校仅此一人）", en: "the memo names \(name) (no class; the only one in the school)")
        case .rememberedPayer(let payer):
            return LocalizedText(zh: "付款人“\(payer)”以前确认过是这个家庭", en: "payer \"\(payer)\" was confirmed for this family before")
        case .amountDue(let due, let hint):
            return LocalizedText(
                zh: "欠缴 \(due.formatted()) 元与转账金额相同，且\(hint.zh)",
                en: "owes \(due.formatted()), the transfer's amount, and \(hint.en)")
        }
    }
}

/// What the matcher says of one transfer.
public enum TransferVerdict: Sendable, Equatable {
    /// Certain: recorded by `--apply-certain`.
    case matched(studentId: String, reason: MatchReason)
    /// Likely: recorded only when the clerk names it.
    case suggested(studentId: String, reason: MatchReason)
    /// 待认领: goes on the suspense list when confirmed; `why` says what was found, if anything.
    case unmatched(why: LocalizedText)
    /// Its 交易单号 is a payment of the ledger already (this or an earlier export).
    case alreadyRecorded(studentId: String)
    /// Its 交易单号 is on the suspense list already.
    case alreadyHeld

    public var studentId: String? {
        switch self {
        case .matched(let s, _), .suggested(let s, _), .alreadyRecorded(let s): return s
        case .unmatched, .alreadyHeld: return nil
        }
    }
}

/// One transfer and its verdict.
public struct TransferMatch: Sendable, Equatable {
    public var transfer: IncomingTransfer
    public var verdict: TransferVerdict
    public init(transfer: IncomingTransfer, verdict: TransferVerdict) {
        self.transfer = transfer
        self.verdict = verdict
    }
}
