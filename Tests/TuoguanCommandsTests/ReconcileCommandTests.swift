import Foundation
import Testing
import TuoguanSpreadsheet

/// `tuoguan reconcile` and `tuoguan receipt` through the real executable, in Chinese as the clerk runs them.
/// The school is ``CommandTests/makeSchool(in:)`` (S1 张三丰 prepaid 80.00 for four lessons of 20.00; S2 李四
/// waived) and S3 王小丫 of 三(2)班, enrolled and owing the four lessons: 4 × 20.00 = 80.00.
@Suite(.serialized) struct ReconcileCommandTests {
    let cli = CommandTests()
    let zh = ["LANG": "zh_CN.UTF-8"]

    func school() throws -> String {
        let dir = try cli.tempDir()
        try cli.makeSchool(in: dir)
        try cli.write("student_id,name,grade,class\nS3,王小丫,3,三(2)班\n", "s3.csv", in: dir)
        try cli.write("student_id,course_id,from\nS3,X1,2024-09-02\n", "e3.csv", in: dir)
        for (kind, file) in [("students", "s3.csv"), ("enrollments", "e3.csv")] {
            let r = try cli.run(["import", kind, file, "--db", "t.sqlite"], in: dir)
            #expect(r.status == 0, "\(r.err)")
        }
        return dir
    }

    static let wechat = "\u{FEFF}微信支付账单明细,,,,,,,,,,\n微信昵称：[家委会],,,,,,,,,,\n"
        + "----------------------微信支付账单明细列表--------------------,,,,,,,,,,\n"
        + "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注\n"
        + "2024-09-02 08:15:30,转账,张妈妈,/,收入,¥20.00,/,已收钱,4200000001\t,/,S1 补交\n"
        + "2024-09-03 09:00:00,转账,王大力,/,收入,¥80.00,/,已收钱,4200000002\t,/,托管费\n"
        + "2024-09-03 12:00:00,二维码收款,匿名,/,收入,¥15.00,/,已存入零钱,4200000003\t,/,/\n"
        + "2024-09-04 10:00:00,商户消费,文具店,彩笔,支出,¥20.00,零钱,支付成功,4200000004\t,/,/\n"

    @Test("reconcile in Chinese: the table, nothing recorded until confirmed, then each transfer once; the suspense list in owed")
    func reconcileInChinese() throws {
        let dir = try school()
        try cli.write(Self.wechat, "微信账单.csv", in: dir)
        let look = try cli.run(["reconcile", "微信账单.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(look.status == 0, "\(look.err)")
        #expect(look.out.contains("微信支付账单 微信账单.csv：读到 3 笔已完成的收入（未读入：支出 1 笔）"), "\(look.out)")
        #expect(look.out.contains("→ S1 张三丰 三(2)班：备注中有学号 S1"), "\(look.out)")
        // 王小丫 owes 80.00 (4 lessons × 20.00), the amount of 王大力's transfer, and shares his surname.
        #expect(look.out.contains("→ S3 王小丫 三(2)班？欠缴 80.00 元与转账金额相同，且付款人“王大力”与学生同姓"), "\(look.out)")
        #expect(look.out.contains("待认领（1 笔）："), "\(look.out)")
        #expect(look.out.contains("未登记任何款项"), "\(look.out)")

        let json = try cli.run(["reconcile", "微信账单.csv", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any], "\(json.out)\(json.err)")
        #expect(doc["format"] as? String == "wechat")
        #expect((doc["skipped"] as? [String: Int])?["outgoing"] == 1)
        let rows = try #require(doc["transfers"] as? [[String: Any]])
        #expect(rows.map { $0["verdict"] as? String } == ["matched", "suggested", "unmatched"])
        #expect(rows.map { $0["amount_fen"] as? Int } == [2000, 8000, 1500])
        #expect(rows[1]["student_id"] as? String == "S3")
        let apply = try cli.run(["reconcile", "微信账单.csv", "--apply-certain", "--apply", "4200000002", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(apply.status == 0, "\(apply.err)")
        #expect(apply.out.contains("已登记 2 笔缴费，共 100.00 元；1 笔记入待认领名单，共 15.00 元"), "\(apply.out)")
        let again = try cli.run(["reconcile", "微信账单.csv", "--apply-certain", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(again.out.contains("已登记 0 笔缴费，共 0.00 元；0 笔记入待认领名单，共 0.00 元；0 笔已匹配但未指定，未登记；3 笔以前已登记"), "\(again.out)")

        let owed = try cli.run(["owed", "--json", "--db", "t.sqlite"], in: dir)
        #expect(owed.out.contains("\"unassigned_count\":1,\"unassigned_fen\":1500"), "\(owed.out)")
        let statement = try cli.run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        #expect(statement.out.contains("\"unassigned_count\":1,\"unassigned_fen\":1500}"), "\(statement.out.suffix(200))")
        let owedText = try cli.run(["owed", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(owedText.out.contains("另有待认领转账 1 笔，共 15.00 元"), "\(owedText.out)")

        let held = try cli.run(["reconcile", "--held", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(held.out.contains("4200000003  2024-09-03  15.00  微信  匿名"), "\(held.out)")
        let assign = try cli.run(["reconcile", "--assign", "4200000003", "--student", "S2", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(assign.status == 0, "\(assign.err)")
        #expect(assign.out.contains("已把 4200000003 认领给 S2，登记为缴费"), "\(assign.out)")
        let empty = try cli.run(["reconcile", "--held", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(empty.out.contains("待认领名单为空"), "\(empty.out)")
        let verify = try cli.run(["verify", "--db", "t.sqlite"], in: dir)
        #expect(verify.status == 0, "\(verify.out)\(verify.err)")
    }

    @Test("the WeChat .xlsx export is read like its CSV")
    func wechatWorkbook() throws {
        let dir = try school()
        let book = Workbook(path: dir + "/微信账单.xlsx")
        let sheet = try book.addWorksheet(name: "微信支付账单明细")
        let lines = Self.wechat.dropFirst().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        for (r, cells) in lines.enumerated() {
            for (c, text) in cells.enumerated() where !text.isEmpty { try sheet.write(text, row: r, column: c, style: .plain) }
        }
        try book.close()
        let look = try cli.run(["reconcile", "微信账单.xlsx", "--db", "t.sqlite"], in: dir)
        #expect(look.status == 0, "\(look.err)")
        #expect(look.out.contains("WeChat Pay bill 微信账单.xlsx: 3 completed incoming transfers (left out: 1 outgoing)"), "\(look.out)")
        #expect(look.out.contains("→ S1 张三丰 三(2)班: the memo names student id S1"), "\(look.out)")
    }

    @Test("receipts: written, a second printing counted as 补打, a reversed one as 已冲正")
    func receipts() throws {
        let dir = try school()
        try cli.write(Self.wechat, "w.csv", in: dir)
        _ = try cli.run(["reconcile", "w.csv", "--apply-certain", "--db", "t.sqlite"], in: dir)
        let first = try cli.run(["receipt", "4200000001", "R1", "--out", "r.xlsx", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("已写入 r.xlsx：2 张收据"), "\(first.out)")
        #expect(FileManager.default.fileExists(atPath: dir + "/r.xlsx"))
        _ = try cli.run(["correct", "--entry", "4200000001", "--id", "CZ1", "--note", "学生错了", "--db", "t.sqlite"], in: dir)
        let second = try cli.run(["receipt", "--class", "三(2)班", "--out", "r2.xlsx", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(second.out.contains("已写入 r2.xlsx：2 张收据，其中补打 2 张，已冲正 1 张"), "\(second.out)")
    }

    @Test("a transfer dated outside the term is marked in the table and warned about when recorded, as a payment is")
    func dateOutsideTerm() throws {
        let dir = try school()
        // The term is 2024-09-02 … 2024-09-30; this transfer came on 2024-10-15.
        try cli.write(Self.wechat.replacingOccurrences(of: "2024-09-02 08:15:30", with: "2024-10-15 08:15:30"), "w.csv", in: dir)
        let look = try cli.run(["reconcile", "w.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(look.out.contains("4200000001  2024-10-15  20.00 元  张妈妈（备注：S1 补交）  [日期不在本学期内]"), "\(look.out)")
        let apply = try cli.run(["reconcile", "w.csv", "--apply", "4200000001", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(apply.status == 0, "\(apply.err)")
        #expect(apply.err.contains("提醒：缴费日期 2024-10-15 不在本学期内（2024-09-02 至 2024-09-30），这笔缴费已登记"), "\(apply.err)")
        let en = try cli.run(["reconcile", "w.csv", "--db", "t.sqlite"], in: dir)
        #expect(en.out.contains("recorded as a payment of S1 张三丰 三(2)班"), "\(en.out)")
    }

    @Test("bad input: not an export, an unknown bank, no file, no receipt: each refused with the fix, in Chinese")
    func refusals() throws {
        let dir = try school()
        let payments = try cli.run(["reconcile", "payments.csv", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(payments.status == 65)
        #expect(payments.err.contains("payments.csv: 像是用 tuoguan import 导入的缴费文件，不是微信、支付宝或银行导出的账单"), "\(payments.err)")
        #expect(payments.err.contains("如何修改：用 tuoguan import 缴费 payments.csv 导入"), "\(payments.err)")
        try cli.write("交易日期,摘要,收入金额,对方户名,交易流水号\n2024-09-02,转账,20.00,张,B1\n", "b.csv", in: dir)
        let bank = try cli.run(["reconcile", "b.csv", "--bank", "nongye", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(bank.status == 64)
        #expect(bank.err.contains("规则文件中没有银行“nongye”的列对照"), "\(bank.err)")
        let none = try cli.run(["reconcile", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(none.status == 64)
        #expect(none.err.contains("给出一个账单文件，或 --held、--assign、--return 之一"), "\(none.err)")
        let missing = try cli.run(["receipt", "R9", "--db", "t.sqlite"], in: dir, env: zh)
        #expect(missing.err.contains("账本中没有收款“R9”"), "\(missing.err)")
        let returned = try cli.run(["reconcile", "--return", "X", "--db", "t.sqlite"], in: dir)
        #expect(returned.status == 64)
        #expect(returned.err.contains("--return needs a --note"), "\(returned.err)")
    }
}
