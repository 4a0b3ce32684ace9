import Foundation
import Testing

extension CommandTests {
    /// `tuoguan spend`, `import expenses` and `correct` of an expense on the hand-computed school of
    /// ``makeSchool(in:)``: 80.00 collected (R1), nothing refunded; equipment's 5% share is 4.00.
    /// - E1 3.00 from equipment: 1.00 left; again: nothing changes; E1b 0.50 (said in Chinese): 0.50 left;
    ///   1.50 more (E2): refused, 0.50 left.
    /// - The statement: earned 4 held lessons × 20.00 = 80.00 → equipment 4.00, spent 3.50, balance 0.50;
    ///   spending 3.50 + 500.00 of subsidies (E4) = 503.50. After E1 is reversed: spent 0.50, balance 3.50.
    @Test func spendFromAPoolByHand() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let db = ["--db", "t.sqlite"]
        let e1 = ["spend", "--id", "E1", "--pool", "equipment", "--amount", "3.00", "--date", "2024-09-10", "--payee", "文具店", "--note", "彩笔"] + db
        let first = try run(e1, in: dir)
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out == "recorded expense E1: equipment 3.00 paid to 文具店; the pool has 1.00 left\n")
        let again = try run(e1, in: dir)
        #expect(again.out == "expense E1 was already recorded with the same contents; nothing changed\n")

        let over = ["spend", "--id", "E2", "--pool", "equipment", "--amount", "1.50", "--date", "2024-09-10", "--payee", "文具店"] + db
        let refused = try run(over, in: dir)
        #expect(refused.status == 65)
        #expect(
            refused.err.hasPrefix(
                "--amount: expense of 1.50 exceeds what is left in pool equipment (托管设备): collected less refunds 80.00, its 5% share 4.00, spent 3.00, at most 1.00 left [spending-ceiling]"))
        // With LANG=zh_CN.UTF-8, every line the clerk sees is Chinese.
        let locale = try run(over, in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(locale.err.contains("最多还可支出 1.00") && !locale.err.contains("exceeds"), "\(locale.err)")
        let recordedZh = try run(["spend", "--id", "E1b", "--pool", "equipment", "--amount", "0.50", "--date", "2024-09-10", "--payee", "文具店", "--lang", "zh"] + db, in: dir)
        #expect(recordedZh.out == "已登记支出 E1b：托管设备（equipment） 0.50 元，付给 文具店，该资金池还可支出 0.50 元\n")
        let zh = try run(over + ["--lang", "zh"], in: dir)
        #expect(zh.err.hasPrefix("--amount: 支出 1.50 超过资金池“托管设备”（equipment）可支出的余额：实收减退费 80.00，按 5% 分得 4.00，已支出 3.50，最多还可支出 0.50"), "\(zh.err)")

        let budget = try run(["spend", "--id", "E4", "--pool", "补贴", "--amount", "500", "--date", "2024-09-20", "--payee", "王老师"] + db, in: dir)
        #expect(budget.status == 0, "\(budget.err)")
        #expect(budget.out == "recorded expense E4: subsidies 500.00 paid to 王老师\n")

        func fund() throws -> [String: Any] {
            let r = try run(["statement", "--json"] + db, in: dir)
            #expect(r.status == 0, "\(r.err)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
            return try #require(doc["fund"] as? [String: Any])
        }
        var f = try fund()
        var pools = try #require(f["pools"] as? [[String: Any]])
        #expect(pools.compactMap { $0["fen"] as? Int } == [4800, 1600, 400, 400, 800])
        #expect(pools.compactMap { $0["spent_fen"] as? Int } == [0, 0, 0, 350, 0])
        #expect(pools.compactMap { $0["balance_fen"] as? Int } == [4800, 1600, 400, 50, 800])
        let spending = try #require(f["spending"] as? [String: Any])
        #expect(spending["from_pools_fen"] as? Int == 350)
        #expect(spending["subsidies_fen"] as? Int == 50000)
        #expect(spending["total_fen"] as? Int == 50350)
        #expect((spending["expenses"] as? [[String: Any]])?.compactMap { $0["expense_id"] as? String } == ["E1", "E1b", "E4"])

        let correct = try run(["correct", "--entry", "E1", "--id", "K1", "--note", "录错"] + db, in: dir)
        #expect(correct.status == 0, "\(correct.err)")
        f = try fund()
        pools = try #require(f["pools"] as? [[String: Any]])
        #expect(pools.compactMap { $0["spent_fen"] as? Int } == [0, 0, 0, 50, 0])
        #expect(pools.compactMap { $0["balance_fen"] as? Int } == [4800, 1600, 400, 350, 800])
        #expect(try run(["verify"] + db, in: dir).status == 0)
    }

    /// Each class of bad input to `spend`, with its message and exit code; `import expenses` with Chinese
    /// headers and a bad row at FILE:LINE:COL.
    @Test func spendErrorsAndImport() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let db = ["--db", "t.sqlite"]
        func spend(_ id: String, _ pool: String, _ amount: String, _ day: String = "2024-09-10") -> [String] {
            ["spend", "--id", id, "--pool", pool, "--amount", amount, "--date", day, "--payee", "店"] + db
        }
        let unknown = try run(spend("E1", "toys", "1"), in: dir)
        #expect(unknown.status == 65)
        #expect(unknown.err.hasPrefix("--pool: unknown pool \"toys\" [unknown-reference]"))
        let zero = try run(spend("E1", "equipment", "0"), in: dir)
        #expect(zero.status == 64)
        #expect(zero.err.hasPrefix("--amount: an expense must be above zero: 0"))
        let badAmount = try run(spend("E1", "equipment", "1.005"), in: dir)
        #expect(badAmount.status == 65)
        #expect(badAmount.err.hasPrefix("--amount: amount \"1.005\" has more than two decimals"))
        let outside = try run(spend("E1", "equipment", "1", "2024-10-09"), in: dir)
        #expect(outside.status == 65)
        #expect(outside.err.hasPrefix("expense date 2024-10-09 is outside the term: expected 2024-09-02 to 2024-09-30 [bad-input]"))
        #expect(try run(spend("E1", "equipment", "1"), in: dir).status == 0)
        let conflict = try run(spend("E1", "equipment", "2"), in: dir)
        #expect(conflict.status == 65)
        #expect(conflict.err.hasPrefix("--id: id E1 is already recorded with different contents: ledger has expense E1: pool equipment, 1.00"))
        let receipt = try run(spend("R1", "outside", "2"), in: dir)
        #expect(receipt.status == 65)
        #expect(receipt.err.hasPrefix("--id: id R1 is already used in the money journal: payment R1"))

        try write("支出编号,经费项目,金额,日期,收款方,说明\nE2,running_cost,2.00,2024-09-11,保洁,清洁用品\nE3,校外机构,300,2024-09-12,某机构,\n", "支出.csv", in: dir)
        let imported = try run(["import", "expenses", "支出.csv"] + db, in: dir)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.hasPrefix("imported expenses: 2 rows read, 2 new, 0 unchanged"))
        // running_cost's share is 4.00, 2.00 spent: 2.01 more is over, at the amount's cell (line 2, column 17).
        try write("expense_id,pool,amount,date,payee,note\nE5,running_cost,2.01,2024-09-11,保洁,\n", "more.csv", in: dir)
        let bad = try run(["import", "expenses", "more.csv"] + db, in: dir)
        #expect(bad.status == 65)
        #expect(bad.err.hasPrefix("more.csv:2:17: expense of 2.01 exceeds what is left in pool running_cost (托管成本)"), "\(bad.err)")
    }
}
