import Foundation
import Testing

extension CommandTests {
    /// `tuoguan notices`, run as the real executable on the hand-computed school of ``makeSchool(in:)``: S1
    /// prepaid 80.00 for 3 charged lessons (60.00) and got 20.00 back for the cancelled one: settled. S2's fees
    /// are waived; paying 5.00 by mistake makes 应退 5.00. Both are in 三(2)班: one notice (S2's: S1 has nothing
    /// to pay or collect), two with `--all`.
    @Test func noticesForAClass() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        #expect(try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--db", "t.sqlite"], in: dir).status == 0)
        #expect(try run(["pay", "--receipt", "R2", "--student", "S2", "--amount", "5", "--date", "2024-09-03", "--db", "t.sqlite"], in: dir).status == 0)

        let en = try run(["notices", "--class", "三(2)班", "--out", "n.xlsx", "--db", "t.sqlite"], in: dir)
        #expect(en.status == 0, "\(en.err)")
        #expect(en.out.hasPrefix("wrote n.xlsx: 1 notices (in "), "\(en.out)")
        #expect(FileManager.default.fileExists(atPath: dir + "/n.xlsx"))

        // Chinese messages, and the default file name names the class.
        let zh = try run(["notices", "--class", "三(2)班", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 0, "\(zh.err)")
        #expect(zh.out.hasPrefix("已写入 reports/缴费结算通知单-三(2)班.xlsx：1 份通知单（用时 "), "\(zh.out)")
        #expect(FileManager.default.fileExists(atPath: dir + "/reports/缴费结算通知单-三(2)班.xlsx"))

        // Every class, a sheet each.
        let all = try run(["notices", "--all", "--out", "all.xlsx", "--db", "t.sqlite"], in: dir)
        #expect(all.status == 0, "\(all.err)")
        #expect(all.out.hasPrefix("wrote all.xlsx: 2 notices"))
        // Nobody with anything to pay or collect once S2's 5.00 goes back: no notice, no file, and the way to
        // print them all anyway.
        #expect(try run(["refund", "--id", "TF2", "--student", "S2", "--amount", "5", "--reason", "结算", "--date", "2024-09-30", "--db", "t.sqlite"], in: dir).status == 0)
        let none = try run(["notices", "--out", "none.xlsx", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(none.out == "没有需要补缴或退费的家庭，未写通知单（每户都要时加 --all）\n", "\(none.out)\(none.err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/none.xlsx"))
    }

    @Test func noticesErrors() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        // A class with no student: usage, 64 (as owed --class), the flag named and the classes listed; nothing written.
        let unknown = try run(["notices", "--class", "五(1)班", "--out", "n.xlsx", "--db", "t.sqlite"], in: dir)
        #expect(unknown.status == 64)
        #expect(unknown.err == "--class: no student is in class \"五(1)班\" [usage]\n  fix: the classes are: 三(2)班\n")
        #expect(!FileManager.default.fileExists(atPath: dir + "/n.xlsx"))
        let zh = try run(["notices", "--class", "五(1)班", "--out", "n.xlsx", "--db", "t.sqlite"], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.status == 64)
        #expect(zh.err == "--class: 没有班级“五(1)班”的学生 [usage]\n  如何修改：已有的班级：三(2)班\n")
        // --out that is not a workbook: usage, 64.
        let notXlsx = try run(["notices", "--out", "n.pdf", "--db", "t.sqlite"], in: dir)
        #expect(notXlsx.status == 64)
        #expect(notXlsx.err.contains("--out must name an .xlsx file"))
        // No ledger: missing file, 66.
        #expect(try run(["notices", "--db", "none.sqlite"], in: dir).status == 66)
    }
}
