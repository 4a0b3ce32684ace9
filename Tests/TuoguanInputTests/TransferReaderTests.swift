import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput

/// Real-shaped exports, made by hand from the formats: the WeChat Pay bill (title lines, BOM, `¥`, ids with a
/// tab behind them), the Alipay bill (GB18030, padded cells, full-width brackets in `金额（元）`, footer lines),
/// and two bank layouts.
@Suite struct TransferReaderTests {
    static let wechatHeader = [
        "微信支付账单明细,,,,,,,,,,", "微信昵称：[家委会王老师],,,,,,,,,,",
        "起始时间：[2024-09-01 00:00:00] 终止时间：[2024-09-30 23:59:59],,,,,,,,,,", "导出类型：[全部],,,,,,,,,,",
        "共7笔记录,,,,,,,,,,", "收入：4笔 300.00元,,,,,,,,,,",
        "----------------------微信支付账单明细列表--------------------,,,,,,,,,,",
        "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注",
    ]

    /// A WeChat bill: two transfers in, one money-code payment in, one spending, one refund, one withdrawal
    /// (neutral), one transfer returned to the payer, one not yet accepted.
    static let wechatRows = [
        "2024-09-02 08:15:30,转账,小明妈妈,/,收入,¥240.00,/,已收钱,4200001234202409020001\t,/,S000001 托管费",
        "2024-09-02 09:00:00,转账,程爸,/,收入,¥60.00,/,已收钱,4200001234202409020002\t,/,程嘉景 2年级1班",
        "2024-09-03 12:00:00,二维码收款,薛**,/,收入,\"¥1,000.50\",/,已存入零钱,10001071012024090300003\t,/,/",
        "2024-09-04 10:00:00,商户消费,文具店,彩笔,支出,¥20.00,零钱,支付成功,4200001234202409040005\t,M001\t,/",
        "2024-09-05 10:00:00,转账-退款,小红妈妈,/,收入,¥100.00,/,已全额退款,4200001234202409050006\t,/,/",
        "2024-09-06 10:00:00,零钱提现,招商银行,/,/,¥100.00,零钱,提现已到账,4200001234202409060007\t,/,/",
        "2024-09-07 10:00:00,转账,李四,/,收入,¥80.00,/,已退还,4200001234202409070008\t,/,/",
        "2024-09-08 10:00:00,转账,王五,/,收入,¥80.00,/,待确认收款,4200001234202409080009\t,/,/",
    ]

    static func wechat(_ rows: [String]) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array((wechatHeader + rows).joined(separator: "\n").utf8) + [10]
    }

    @Test("a WeChat Pay bill: BOM and title lines, ¥ amounts, tab-suffixed ids; only incoming, completed transfers")
    func wechatBill() throws {
        let export = try TransferReader.read(csv: Self.wechat(Self.wechatRows), fileName: "微信支付账单.csv")
        #expect(export.format == .wechat)
        #expect(export.transfers.map(\.id) == ["4200001234202409020001", "4200001234202409020002", "10001071012024090300003"])
        // ¥240.00, ¥60.00 and "¥1,000.50" read exactly: 24000, 6000 and 100050 fen.
        #expect(export.transfers.map(\.amount.fen) == [24000, 6000, 100050])
        #expect(export.transfers[0].memo == "S000001 托管费")  // 备注, then 商品 "/" left out
        #expect(export.transfers[0].payer == "小明妈妈")
        #expect(export.transfers[0].method == .wechat)
        #expect(export.transfers[0].date == CivilDate(parsing: "2024-09-02"))
        #expect(export.skipped == [.outgoing: 1, .refund: 1, .neutral: 1, .returned: 1, .incomplete: 1])
        #expect(export.rowsRead == 8)
        #expect(export.places["4200001234202409020002"] == SourceLocation(file: "微信支付账单.csv", line: 10, column: 45))
    }

    @Test("two overlapping exports pasted together: a repeated row is read once; the same id with other contents is refused")
    func repeatedRows() throws {
        let twice = try TransferReader.read(csv: Self.wechat(Self.wechatRows + Self.wechatRows.prefix(2)), fileName: "w.csv")
        #expect(twice.transfers.count == 3)
        #expect(twice.repeated == 2)
        let changed = Self.wechatRows[0].replacingOccurrences(of: "¥240.00", with: "¥250.00")
        let error = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Self.wechat(Self.wechatRows + [changed]), fileName: "w.csv")
        }
        #expect(error.code == .conflict)
        #expect(error.message.zh.contains("交易单号 4200001234202409020001 在文件中出现两次且内容不同（240.00 元 / 250.00 元）"))
        #expect(error.location?.line == 17)
    }

    @Test("an Alipay bill in GB18030: padded cells, 金额（元） with full-width brackets, footer lines")
    func alipayBill() throws {
        let lines = [
            "支付宝交易记录明细查询", "账号:[jiaweihui@example.com]", "起始日期:[2024-09-01 00:00:00]    终止日期:[2024-09-30 23:59:59]",
            "---------------------------------交易记录明细列表------------------------------------",
            "交易号                  ,商家订单号               ,交易创建时间              ,付款时间                ,最近修改时间              ,交易来源地     ,类型              ,交易对方            ,商品名称                ,金额（元）   ,收/支     ,交易状态    ,服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,",
            "2024090222001100001234567890\t,\t,2024-09-02 10:11:12 ,2024-09-02 10:11:13 ,2024-09-02 10:11:13 ,其他,即时到账交易          ,卢**             ,转账                ,20.00     ,收入      ,交易成功    ,0.00     ,0.00     ,卢晨 1年级1班          ,已收入      ,",
            "2024090222001100001234567891\t,\t,2024-09-02 11:00:00 ,2024-09-02 11:00:01 ,2024-09-02 11:00:01 ,其他,即时到账交易          ,某**             ,转账                ,30.00     ,收入      ,退款成功    ,0.00     ,30.00     ,                  ,已支出      ,",
            "2024090322001100001234567892\t,\t,2024-09-03 11:00:00 ,2024-09-03 11:00:01 ,2024-09-03 11:00:01 ,其他,即时到账交易          ,文具店             ,彩笔                ,12.00     ,支出      ,交易成功    ,0.00     ,0.00     ,                  ,已支出      ,",
            "2024090422001100001234567893\t,\t,2024-09-04 11:00:00 ,,2024-09-04 11:00:01 ,其他,即时到账交易          ,赵**             ,转账                ,40.00     ,收入      ,等待付款    ,0.00     ,0.00     ,                  ,      ,",
            "------------------------------------------------------------------------------------",
            "共4笔记录", "已收入:1笔,20.00元", "待收入:0笔,0.00元", "已支出:1笔,12.00元", "导出时间:[2024-10-01 09:00:00]    用户:家委会",
        ]
        let bytes = try #require(TextDecoding.gb18030(lines.joined(separator: "\r\n") + "\r\n"))
        #expect(!TextDecoding.isValidUTF8(bytes))  // really GB18030, not UTF-8
        let export = try TransferReader.read(csv: bytes, fileName: "支付宝.csv")
        #expect(export.format == .alipay)
        #expect(export.transfers.count == 1)
        let t = try #require(export.transfers.first)
        #expect(t.id == "2024090222001100001234567890")
        #expect(t.payer == "卢**")
        #expect(t.memo == "卢晨 1年级1班 转账")
        #expect(t.amount.fen == 2000)
        #expect(t.method == .alipay)
        #expect(export.skipped == [.refund: 1, .outgoing: 1, .incomplete: 1])
    }

    /// Layout 1: an incoming-amount column of its own (收入金额 / 支出金额).
    @Test("a bank statement with its own incoming column, read by a mapping")
    func bankIncomingColumn() throws {
        let csv = "中国工商银行 账户明细\n账号,6222000000000000001\n交易日期,摘要,收入金额,支出金额,余额,对方户名,对方账号,附言,交易流水号\n"
            + "2024-09-02,转账,240.00,,1240.00,严某某,6222000011112222,S000064,ICBC0001\n"
            + "2024-09-03,取现,,100.00,1140.00,,,,ICBC0002\n"
        let layout = try BankLayout(mapping: "date=交易日期,amount=收入金额,payer=对方户名,account=对方账号,memo=摘要+附言,id=交易流水号")
        let export = try TransferReader.read(csv: Array(csv.utf8), fileName: "流水.csv", bank: layout)
        #expect(export.format == .bank)
        #expect(export.transfers.map(\.id) == ["ICBC0001"])
        #expect(export.transfers[0].memo == "转账 S000064")
        #expect(export.transfers[0].payerKey == "bank:6222000011112222")
        #expect(export.skipped == [.outgoing: 1])
    }

    /// Layout 2: one amount column with a debit/credit flag (借贷标志), dates as 20240902, a currency column.
    @Test("a bank statement with a debit/credit flag and a currency column")
    func bankDirectionColumn() throws {
        let csv = "交易日期,交易流水号,借贷标志,发生额,币种,对方户名,对方账号,用途\n"
            + "20240902,CCB001,贷,20.00,人民币,朱某,6217000011,朱然浩\n20240903,CCB002,借,50.00,人民币,电费,,电费\n"
        let layout = try BankLayout(mapping: "date=交易日期,amount=发生额,direction=借贷标志,incoming=贷,currency=币种,payer=对方户名,memo=用途,id=交易流水号")
        let export = try TransferReader.read(csv: Array(csv.utf8), fileName: "ccb.csv", bank: layout)
        #expect(export.transfers.map(\.id) == ["CCB001"])
        #expect(export.transfers[0].date == CivilDate(parsing: "2024-09-02"))
        #expect(export.skipped == [.outgoing: 1])
        let usd = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Array((csv + "20240904,CCB003,贷,15.00,USD,Smith,1234,fee\n").utf8), fileName: "ccb.csv", bank: layout)
        }
        #expect(usd.message.zh == "转账金额不是人民币：“USD”")
        #expect(usd.message.en == "the transfer is not in CNY: \"USD\"")
        #expect(usd.fix?.zh.contains("外币转账请换算后用 tuoguan pay 手工登记") == true)
        #expect(usd.location == SourceLocation(file: "ccb.csv", line: 4, column: 25))
    }

    @Test("another currency in the amount, more than two decimals, a lost id: refused at the cell, nothing read")
    func badValues() throws {
        let dollar = Self.wechatRows[0].replacingOccurrences(of: "¥240.00", with: "$240.00")
        let fen = Self.wechatRows[1].replacingOccurrences(of: "¥60.00", with: "¥60.005")
        let lost = Self.wechatRows[2].replacingOccurrences(of: "10001071012024090300003\t", with: "1.00011E+22")
        let error = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Self.wechat([dollar, fen, lost]), fileName: "w.csv")
        }
        #expect(error.count == 3)
        #expect(error.message.en == "the transfer is not in CNY: \"$240.00\"")
        #expect(error.location?.line == 9)
        #expect(error.more[0].message.zh == "金额“¥60.005”多于两位小数（最小单位是分）")
        #expect(error.more[0].location?.line == 10)
        #expect(error.more[1].message.zh.contains("被表格软件改成了科学计数法"))
    }

    @Test("a file that is none of these formats says what it looks like, with the fix")
    func notAnExport() throws {
        let payments = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Array("收据号,学号,金额,日期,方式\nR1,S1,80,2024-09-02,微信\n".utf8), fileName: "缴费.csv")
        }
        #expect(payments.message.zh == "像是用 tuoguan import 导入的缴费文件，不是微信、支付宝或银行导出的账单")
        #expect(payments.fix?.en == "import it with tuoguan import payments 缴费.csv")
        let bank = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Array("交易日期,摘要,收入金额,对方户名\n2024-09-02,转账,20.00,张\n".utf8), fileName: "b.csv")
        }
        #expect(bank.message.en == "looks like a bank statement, but no column mapping was given")
        #expect(bank.fix?.zh.contains("--bank") == true)
        let wechat = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Array("微信支付账单明细\n交易时间,金额\n".utf8), fileName: "w.csv")
        }
        #expect(wechat.message.zh.hasPrefix("像是微信支付账单"))
        let other = try #require(throws: TuoguanError.self) {
            try TransferReader.read(csv: Array("name,grade\nAnn,3\n".utf8), fileName: "x.csv")
        }
        #expect(other.message.en == "not a WeChat Pay, Alipay or bank export (first line: name,grade)")
        #expect(other.code == .badInput)
    }

    @Test("a bank mapping with a key missing or unknown is a usage error naming the flag")
    func badMapping() throws {
        let missing = try #require(throws: TuoguanError.self) { try BankLayout(mapping: "date=交易日期,amount=收入金额") }
        #expect(missing.message.zh == "银行流水的列对照缺少 payer、id")
        #expect(missing.location?.key == "--bank")
        let unknown = try #require(throws: TuoguanError.self) { try BankLayout(mapping: "dat=交易日期") }
        #expect(unknown.message.en.hasPrefix("cannot read \"dat=交易日期\""))
    }
}

extension TextDecoding {
    /// `text` in GB18030, as Excel and Alipay write it on a Chinese Windows.
    static func gb18030(_ text: String) -> [UInt8]? {
        let cd = iconv_open("GB18030", "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var written = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0 { written = outBuf.count - outLeft }
            }
        }
        return written >= 0 ? Array(output[0..<written]) : nil
    }
}
