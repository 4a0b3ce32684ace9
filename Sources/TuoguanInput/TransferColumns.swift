import TuoguanCore

/// Where an export's columns are (0-based indexes into a row), found from its header row, and how one row
/// becomes an incoming transfer or a skipped one.
struct TransferColumns {
    var format: TransferFormat
    var id: Int
    var time: Int
    var payer: Int
    var account: Int?
    var memo: [Int]
    var amount: Int
    /// 收/支 (WeChat, Alipay) or the bank's debit/credit column.
    var direction: Int?
    var status: Int?
    /// 交易类型 (WeChat), 类型 / 交易分类 (Alipay).
    var type: Int?
    var currency: Int?
    /// The bank's words of `direction` that mean money in.
    var incoming: [String] = []

    /// A header cell as compared: spaces gone, full-width brackets and slashes half-width (`金额（元）` is
    /// `金额(元)`).
    static func normalised(_ text: String) -> String {
        TransferMatcher.folded(text.trimmedSpaces).replacingOccurrences(of: "／", with: "/")
    }

    /// The header row among the first rows, and the columns it gives.
    static func find(in rows: [[TableField]], bank: BankLayout?) -> (Int, TransferColumns)? {
        for (index, row) in rows.prefix(60).enumerated() {
            var names: [String: Int] = [:]
            for (column, field) in row.enumerated() where names[normalised(field.text)] == nil {
                names[normalised(field.text)] = column
            }
            if let columns = wechat(names) ?? alipay(names) ?? bank.flatMap({ bankColumns(names, $0) }) {
                return (index, columns)
            }
        }
        return nil
    }

    /// 交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注.
    static func wechat(_ names: [String: Int]) -> TransferColumns? {
        let n = { (name: String) in names[normalised(name)] }
        guard let id = n("交易单号"), let status = n("当前状态"), let time = n("交易时间"), let payer = n("交易对方"),
            let amount = n("金额(元)") ?? n("金额"), let direction = n("收/支")
        else { return nil }
        return TransferColumns(
            format: .wechat, id: id, time: time, payer: payer, memo: [n("备注"), n("商品")].compactMap { $0 },
            amount: amount, direction: direction, status: status, type: n("交易类型"))
    }

    /// 交易号,商家订单号,交易创建时间,付款时间,…,交易对方,商品名称,金额（元）,收/支,交易状态,…,备注 (and the newer
    /// 交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,…,交易状态,交易订单号,…,备注).
    static func alipay(_ names: [String: Int]) -> TransferColumns? {
        let n = { (name: String) in names[normalised(name)] }
        guard let id = n("交易号") ?? n("交易订单号"), let status = n("交易状态"),
            let time = n("交易创建时间") ?? n("交易时间") ?? n("付款时间"), let payer = n("交易对方"),
            let amount = n("金额(元)") ?? n("金额"), let direction = n("收/支")
        else { return nil }
        return TransferColumns(
            format: .alipay, id: id, time: time, payer: payer, account: n("对方账号"),
            memo: [n("备注"), n("商品名称") ?? n("商品说明")].compactMap { $0 }, amount: amount, direction: direction,
            status: status, type: n("类型") ?? n("交易分类"))
    }

    /// The bank's columns, named by its layout.
    static func bankColumns(_ n: [String: Int], _ b: BankLayout) -> TransferColumns? {
        let at = { (name: String) in n[normalised(name)] }
        guard let id = at(b.id), let time = at(b.date), let payer = at(b.payer), let amount = at(b.amount) else { return nil }
        let memo = b.memo.compactMap(at)
        guard memo.count == b.memo.count else { return nil }
        if b.direction != nil && b.direction.flatMap(at) == nil { return nil }
        return TransferColumns(
            format: .bank, id: id, time: time, payer: payer, account: b.account.flatMap(at), memo: memo, amount: amount,
            direction: b.direction.flatMap(at), currency: b.currency.flatMap(at), incoming: b.incoming)
    }

    /// A footer or blank row: `----`, `共12笔记录`, `导出时间：…`, or fewer than three cells with text.
    static func isFooter(_ row: [TableField]) -> Bool {
        let filled = row.filter { !$0.text.trimmedSpaces.isEmpty }
        guard let first = filled.first?.text.trimmedSpaces else { return true }
        return filled.count < 3 || first.hasPrefix("-") || first.hasPrefix("共") || first.hasPrefix("导出")
    }

    enum RowOutcome {
        case incoming(IncomingTransfer, at: SourceLocation)
        case skipped(SkippedTransfer)
    }

    /// One row: skipped (counted), or an incoming transfer with every value checked.
    func transfer(_ row: [TableField], place: (TableField) -> SourceLocation) throws -> RowOutcome {
        let blank = TableField(text: "", line: row.first?.line ?? 0, column: 1)
        let cell = { (i: Int?) in i.flatMap { $0 < row.count ? row[$0] : nil } ?? blank }
        if let kind = skipped(cell) { return .skipped(kind) }
        let amountField = cell(amount)
        if format == .bank && amountField.text.trimmedSpaces.isEmpty { return .skipped(.outgoing) }
        let money = try Self.amount(amountField, currency: currency.map(cell), at: place)
        if money.fen <= 0 { return .skipped(format == .bank ? .outgoing : .neutral) }
        let id = try Self.transactionId(cell(id), at: place(cell(id)))
        let date = try Self.date(cell(time), at: place(cell(time)))
        let memoText = memo.map { Self.value(cell($0)) }.filter { !$0.isEmpty && $0 != "/" }.joined(separator: " ")
        let transfer = IncomingTransfer(
            id: id, method: format.method, date: date, payer: Self.value(cell(payer)),
            account: account.map { Self.value(cell($0)) } ?? "", memo: memoText, amount: money)
        return .incoming(transfer, at: place(cell(self.id)))
    }

    /// A cell's text as exported: surrounding spaces and tabs gone (Alipay pads its cells), and the `'` or
    /// tab some exports put in front of long numbers.
    static func value(_ field: TableField) -> String {
        var text = field.text.trimmedSpaces
        while text.hasPrefix("'") || text.hasPrefix("`") { text.removeFirst() }
        return text.trimmedSpaces
    }
}
