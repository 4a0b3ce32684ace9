import TuoguanCore

extension TransferColumns {
    /// Why a row is left out, or nil for an incoming, completed transfer. WeChat: 收/支 `收入` and a
    /// 当前状态 of money arrived (已收钱, 已存入零钱, 已到账, 支付成功 …); Alipay: `收入` and 交易成功; a bank row is
    /// incoming when its direction word is one of the layout's (or, without a direction column, when it has
    /// an amount in the incoming column).
    func skipped(_ cell: (Int?) -> TableField) -> SkippedTransfer? {
        let direction = Self.value(cell(self.direction))
        let status = Self.value(cell(self.status))
        let type = Self.value(cell(self.type))
        if format == .bank {
            guard self.direction != nil else { return nil }
            return incoming.contains(where: { $0 == direction }) ? nil : .outgoing
        }
        if type.contains("退款") || direction.contains("退款") || status.contains("退款") { return .refund }
        if direction == "支出" { return .outgoing }
        if status.contains("退还") || status.contains("退回") { return .returned }
        if direction != "收入" { return .neutral }
        let done = format == .wechat
            ? ["已收钱", "已存入零钱", "已到账", "已入账", "支付成功", "已收款", "朋友已收钱"]
            : ["交易成功", "成功", "已收入"]
        return done.contains(where: { status.contains($0) }) ? nil : .incomplete
    }

    /// An amount in CNY, exact: `¥240.00`, `240.00`, `￥1,234.50`; another currency, more than two decimals or no
    /// number is refused with the fix.
    static func amount(_ field: TableField, currency: TableField?, at place: (TableField) -> SourceLocation) throws -> Money {
        if let currency {
            let code = value(currency).uppercased()
            if !["", "CNY", "RMB", "人民币", "156", "人民币元"].contains(code) {
                throw foreignCurrency(code, at: place(currency))
            }
        }
        var rest = value(field)
        for mark in ["¥", "￥", "CNY", "RMB", "人民币", "元"] { rest = rest.replacingOccurrences(of: mark, with: "") }
        if rest.contains(where: { !($0.isNumber || ",.，-+ ()".contains($0)) }) {
            throw foreignCurrency(value(field), at: place(field))
        }
        do {
            return try Money(parsing: value(field))
        } catch let error as TuoguanError {
            throw error.located(place(field))
        }
    }

    static func foreignCurrency(_ text: String, at location: SourceLocation) -> TuoguanError {
        TuoguanError(
            .badInput, zh: "转账金额不是人民币：“\(text)”", en: "the transfer is not in CNY: \"\(text)\"",
            fix: LocalizedText(
                zh: "只登记人民币（CNY）收款；外币转账请换算后用 tuoguan pay 手工登记",
                en: "only CNY transfers are recorded; convert a foreign one and record it with tuoguan pay"),
            at: location, excerpt: text)
    }

    /// The 交易单号: not empty, and not a number a spreadsheet turned into `4.2E+27` (its digits are lost).
    static func transactionId(_ field: TableField, at location: SourceLocation) throws -> String {
        let id = value(field)
        if id.isEmpty {
            throw TuoguanError(
                .badInput, zh: "交易单号为空", en: "the transaction id (交易单号) is empty",
                fix: LocalizedText(zh: "从微信、支付宝或网银重新导出账单，不要删去交易单号", en: "export the bill again; keep its transaction ids"),
                at: location)
        }
        if id.contains("E+") || id.contains("e+") {
            throw TuoguanError(
                .badInput, zh: "交易单号“\(id)”被表格软件改成了科学计数法，数字已丢失",
                en: "the transaction id \"\(id)\" was turned into scientific notation by a spreadsheet; its digits are lost",
                fix: LocalizedText(zh: "使用原始导出文件，不要在表格软件中打开后另存", en: "use the file as exported, not saved again from a spreadsheet"),
                at: location, excerpt: id)
        }
        return id
    }

    /// `2024-09-02 08:15:30`, `2024/9/2 8:15`, `2024年9月2日`, `20240902`, or an Excel date serial.
    static func date(_ field: TableField, at location: SourceLocation) throws -> CivilDate {
        let text = value(field)
        let day = String(text.split(whereSeparator: { $0 == " " || $0 == "T" }).first ?? "")
        if field.isNumber, let serial = Int(day.split(separator: ".").first ?? ""), serial < 100_000,
            let date = XLSXReader.date(fromSerial: serial)
        {
            return date
        }
        if let date = CivilDate(parsing: day) { return date }
        if day.count == 8, day.allSatisfy(\.isNumber),
            let date = CivilDate(parsing: "\(day.prefix(4))-\(day.dropFirst(4).prefix(2))-\(day.suffix(2))")
        {
            return date
        }
        throw TuoguanError(
            .badInput, zh: "看不懂交易时间“\(text)”", en: "cannot read the transaction time \"\(text)\"",
            fix: LocalizedText(zh: "日期写成 2024-09-02 或 2024/9/2", en: "write the date as 2024-09-02 or 2024/9/2"),
            at: location, excerpt: text)
    }

    /// The same 交易单号 twice in one file with different contents.
    static func conflict(_ new: IncomingTransfer, _ old: IncomingTransfer, at location: SourceLocation) -> TuoguanError {
        TuoguanError(
            .conflict,
            zh: "交易单号 \(new.id) 在文件中出现两次且内容不同（\(old.amount.formatted()) 元 / \(new.amount.formatted()) 元）",
            en: "transaction \(new.id) appears twice in the file with different contents (\(old.amount.formatted()) / \(new.amount.formatted()))",
            fix: LocalizedText(zh: "使用原始导出文件，不要手工改动", en: "use the file as exported, unedited"),
            at: location, excerpt: new.id)
    }
}
