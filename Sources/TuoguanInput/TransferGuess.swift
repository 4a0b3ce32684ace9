import TuoguanCore

/// What a file that is no export of transfers looks like, for the refusal: a WeChat or Alipay bill whose
/// header row is missing, a bank statement without its column mapping, a payments file of `tuoguan import`,
/// or something else (its first line quoted).
enum TransferGuess {
    static func notAnExport(_ rows: [[TableField]], fileName: String, sheet: String?, bank: BankLayout?) -> TuoguanError {
        let cells = rows.prefix(60).flatMap { $0.map { TransferColumns.normalised($0.text) } }
        let has = { (words: [String]) in words.contains { w in cells.contains { $0.contains(w) } } }
        let firstLine = rows.first.map { $0.map(\.text).filter { !$0.isEmpty }.joined(separator: ",") } ?? ""
        let (zh, en, fixZh, fixEn): (String, String, String, String)
        if has(["微信支付"]) {
            (zh, en) = ("像是微信支付账单，但找不到“交易单号”“当前状态”等列的表头", "looks like a WeChat Pay bill, but its header row (交易单号, 当前状态 …) is missing")
            (fixZh, fixEn) = ("在微信中重新导出账单（我 → 服务 → 钱包 → 账单 → 下载账单），不要改动表头", "export the bill again from WeChat (Wallet → Bill → Download) and leave its header as it is")
        } else if has(["支付宝"]) {
            (zh, en) = ("像是支付宝账单，但找不到“交易号”“交易状态”等列的表头", "looks like an Alipay bill, but its header row (交易号, 交易状态 …) is missing")
            (fixZh, fixEn) = ("在支付宝中重新导出交易明细，不要改动表头", "export the transactions again from Alipay and leave the header as it is")
        } else if let kind = importKind(rows) {
            (zh, en) = ("像是用 tuoguan import 导入的\(kind.chineseName)文件，不是微信、支付宝或银行导出的账单", "looks like a \(kind.rawValue) file for tuoguan import, not a WeChat, Alipay or bank export")
            (fixZh, fixEn) = ("用 tuoguan import \(kind.chineseName) \(fileName) 导入", "import it with tuoguan import \(kind.rawValue) \(fileName)")
        } else if has(["交易日期", "记账日期", "入账日期"]) || has(["贷方", "收入金额", "借贷"]) {
            let missing = bank.map { b in b.columns.filter { c in !cells.contains(TransferColumns.normalised(c)) } } ?? []
            (zh, en) = missing.isEmpty
                ? ("像是银行流水，但没有给出它的列对照", "looks like a bank statement, but no column mapping was given")
                : ("像是银行流水，但找不到列对照中的列：\(missing.joined(separator: "、"))", "looks like a bank statement, but the mapping's columns are not there: \(missing.joined(separator: ", "))")
            (fixZh, fixEn) = (
                "用 --bank 给出列对照，如 --bank \"date=交易日期,amount=收入金额,payer=对方户名,memo=附言,id=交易流水号\"，或在规则文件 [banks.行名] 中写一次后用 --bank 行名",
                "give its columns with --bank, e.g. --bank \"date=交易日期,amount=收入金额,payer=对方户名,memo=附言,id=交易流水号\", or once in the rules file's [banks.NAME] and then --bank NAME")
        } else {
            (zh, en) = ("不是微信支付、支付宝或银行导出的账单（第一行：\(firstLine.prefix(60))）", "not a WeChat Pay, Alipay or bank export (first line: \(firstLine.prefix(60)))")
            (fixZh, fixEn) = ("从微信、支付宝或网银导出账单（CSV 或 .xlsx），原样使用", "export the bill from WeChat, Alipay or the bank (CSV or .xlsx) and use it as it is")
        }
        return TuoguanError(
            .badInput, zh: zh, en: en, fix: LocalizedText(zh: fixZh, en: fixEn),
            at: SourceLocation(file: fileName))
    }

    /// The import kind whose required columns a row of the first ones names (in any spelling), if any.
    static func importKind(_ rows: [[TableField]]) -> ImportKind? {
        for row in rows.prefix(20) {
            let cells = Set(row.map { $0.text.trimmedSpaces.lowercased() })
            for kind in ImportKind.allCases {
                let required = kind.columns.filter(\.required)
                if required.allSatisfy({ c in c.spellings.contains { cells.contains($0.lowercased()) } }) { return kind }
            }
        }
        return nil
    }
}
