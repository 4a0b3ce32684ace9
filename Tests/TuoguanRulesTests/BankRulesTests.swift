import Foundation
import Testing
import TuoguanCore

@testable import TuoguanRules

/// `[banks.NAME]`: a bank statement's column mapping, named once per bank in the rules file.
@Suite struct BankRulesTests {
    @Test("the sample school names its two banks' layouts: an incoming column, and a debit/credit flag")
    func sampleSchoolBanks() throws {
        let banks = try RulesFilesTests.load("one-plus-x.toml").banks
        #expect(banks.keys.sorted() == ["gongshang", "jianshe"])
        #expect(banks["gongshang"] == BankLayout(
            date: "交易日期", amount: "收入金额", payer: "对方户名", account: "对方账号", memo: ["摘要", "附言"], id: "交易流水号"))
        #expect(banks["jianshe"]?.direction == "借贷标志")
        #expect(banks["jianshe"]?.incoming == ["贷"])
        #expect(banks["jianshe"]?.currency == "币种")
    }

    @Test("a bank layout with a misspelt key, or without its id column, is refused at its key")
    func badLayout() throws {
        let base = try String(contentsOfFile: RulesFilesTests.rulesDirectory + "/one-plus-x.toml", encoding: .utf8)
        let text = base + "\n[banks.nongye]\ndate = \"交易日期\"\namount = \"贷方发生额\"\npayer = \"对方户名\"\nmemos = \"附言\"\n"
        let error = try #require(throws: TuoguanError.self) { try RulesLoader.parse(text, file: "plan.toml") }
        #expect(error.count == 2)
        let all = ([error] + error.more).map { $0.rendered(.zh) }.joined(separator: "\n")
        #expect(all.contains("(banks.nongye.memos): 未知的键 `memos`；是不是想写 `memo`？"), "\(all)")
        #expect(all.contains("(banks.nongye): 银行流水的列对照缺少 id"), "\(all)")
    }
}
