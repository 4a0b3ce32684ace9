/// One payment's 收据 as the ledger knows it: what the printed receipt shows besides the school, the collector
/// and the courses (which come from the rules and the term statement).
///
/// ```swift
/// let r = PaymentReceipt(number: "SJ000012", entryId: "R0001", studentId: "S000001", amount: Money(fen: 24000),
///                        date: CivilDate(parsing: "2024-09-02")!, method: .wechat)
/// r.number   // "SJ000012"
/// ```
public struct PaymentReceipt: Sendable, Equatable {
    /// The receipt number: `SJ` and the payment's place in the journal, six digits (never reused).
    public var number: String
    /// The payment's id (the receipt number the clerk typed, or a transfer's 交易单号).
    public var entryId: String
    public var studentId: String
    public var amount: Money
    public var date: CivilDate
    public var method: PaymentMethod
    /// The payer as the transfer named them (WeChat nickname, account name); nil for a payment typed in.
    public var payer: String?
    /// True when the payment came from a transfer: `entryId` is its 交易单号.
    public var isTransfer: Bool
    /// The day the payment was reversed (已冲正), if it was.
    public var reversedOn: CivilDate?
    /// The day the receipt was first printed, when this printing is a reprint (补打).
    public var firstPrintedOn: CivilDate?

    public init(
        number: String, entryId: String, studentId: String, amount: Money, date: CivilDate, method: PaymentMethod,
        payer: String? = nil, isTransfer: Bool = false, reversedOn: CivilDate? = nil, firstPrintedOn: CivilDate? = nil
    ) {
        self.number = number
        self.entryId = entryId
        self.studentId = studentId
        self.amount = amount
        self.date = date
        self.method = method
        self.payer = payer
        self.isTransfer = isTransfer
        self.reversedOn = reversedOn
        self.firstPrintedOn = firstPrintedOn
    }

    /// `SJ000012` for the journal's 12th entry.
    public static func number(seq: Int64) -> String {
        let digits = String(seq)
        return "SJ" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
