/// Which columns of a bank's statement export hold what: named once per bank in the rules file
/// (`[banks.NAME]`) or given on the command line (`--bank "date=交易日期,amount=贷方发生额,…"`). Two layouts
/// are common: an incoming-amount column of its own (`收入金额`, `贷方发生额`), or one amount column with a
/// debit/credit flag (`借贷标志` = `贷`), named by `direction` and `incoming`.
///
/// ```swift
/// let layout = try BankLayout(mapping: "date=交易日期,amount=收入金额,payer=对方户名,memo=附言,id=交易流水号")
/// layout.memo   // ["附言"]
/// ```
public struct BankLayout: Sendable, Equatable {
    /// The column of the date (`交易日期`, `记账日期`).
    public var date: String
    /// The column of the amount received (`收入金额`, `贷方发生额`), or of every amount when `direction` is set.
    public var amount: String
    /// The payer's name (`对方户名`).
    public var payer: String
    /// The payer's account (`对方账号`), remembered as the payer when given.
    public var account: String?
    /// The columns where parents write the child's 学号, name and class (`摘要`, `附言`, `用途`).
    public var memo: [String]
    /// The transaction's serial number (`交易流水号`): the payment's id.
    public var id: String
    /// A debit/credit column (`借贷标志`); nil: a row with an amount in `amount` is incoming.
    public var direction: String?
    /// The words of `direction` that mean money in (`贷`, `收入`, `C`).
    public var incoming: [String]
    /// A currency column (`币种`); its values must be 人民币 / CNY.
    public var currency: String?

    public init(
        date: String, amount: String, payer: String, account: String? = nil, memo: [String], id: String,
        direction: String? = nil, incoming: [String] = [], currency: String? = nil
    ) {
        self.date = date
        self.amount = amount
        self.payer = payer
        self.account = account
        self.memo = memo
        self.id = id
        self.direction = direction
        self.incoming = incoming
        self.currency = currency
    }

    /// The keys of a mapping, as the rules file and `--bank` write them.
    public static let keys = ["date", "amount", "payer", "account", "memo", "id", "direction", "incoming", "currency"]
    /// The keys every mapping needs.
    public static let requiredKeys = ["date", "amount", "payer", "id"]

    /// Reads `date=交易日期,amount=收入金额,payer=对方户名,memo=摘要+附言,id=流水号` (several memo columns or
    /// incoming words joined by `+`). An unknown key, a missing one, or `direction` without `incoming` is a
    /// `usage` error at `flag`.
    public init(mapping: String, flag: String = "--bank") throws {
        var values: [String: [String]] = [:]
        for part in mapping.split(whereSeparator: { $0 == "," || $0 == "，" }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingAny(" ") }
            guard pair.count == 2, Self.keys.contains(pair[0]), !pair[1].isEmpty else {
                throw Self.badMapping(String(part), flag: flag)
            }
            values[pair[0]] = pair[1].split(separator: "+").map { String($0).trimmingAny(" ") }
        }
        try self.init(values: values, at: SourceLocation(key: flag))
    }

    /// From key → values (the rules file's table or the flag's pairs).
    public init(values: [String: [String]], at location: SourceLocation) throws {
        let missing = Self.requiredKeys.filter { values[$0]?.first == nil }
        if !missing.isEmpty || (values["direction"] != nil && values["incoming"] == nil) {
            let names = missing.isEmpty ? ["incoming"] : missing
            throw TuoguanError(
                .usage, zh: "银行流水的列对照缺少 \(names.joined(separator: "、"))",
                en: "the bank statement's column mapping lacks \(names.joined(separator: ", "))",
                fix: Self.example, at: location)
        }
        self.init(
            date: values["date"]![0], amount: values["amount"]![0], payer: values["payer"]![0],
            account: values["account"]?.first, memo: values["memo"] ?? [], id: values["id"]![0],
            direction: values["direction"]?.first, incoming: values["incoming"] ?? [], currency: values["currency"]?.first)
    }

    static let example = LocalizedText(
        zh: "写成 date=交易日期,amount=收入金额,payer=对方户名,account=对方账号,memo=摘要+附言,id=交易流水号（有借贷标志列时加 direction=借贷标志,incoming=贷）",
        en: "write date=交易日期,amount=收入金额,payer=对方户名,account=对方账号,memo=摘要+附言,id=交易流水号 (with a debit/credit column add direction=借贷标志,incoming=贷)")

    static func badMapping(_ part: String, flag: String) -> TuoguanError {
        TuoguanError(
            .usage, zh: "看不懂银行流水的列对照“\(part)”（可用：\(keys.joined(separator: "、"))）",
            en: "cannot read \"\(part)\" of the bank statement's column mapping (keys: \(keys.joined(separator: ", ")))",
            fix: example, at: SourceLocation(key: flag), excerpt: part)
    }

    /// Every column the layout names.
    public var columns: [String] {
        [date, amount, payer, id] + memo + [account, direction, currency].compactMap { $0 }
    }
}

extension String {
    /// The text without `characters` at either end.
    func trimmingAny(_ characters: String) -> String {
        var s = Substring(self)
        while let f = s.first, characters.contains(f) { s = s.dropFirst() }
        while let l = s.last, characters.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
