import Foundation
import Testing

/// Withdrawals, cancellations and `undo` through the real executable, on `makeSchool`'s hand-computed term:
/// X1 20.00 a lesson on Mondays 09-02, 09-09, 09-23, 09-30 (all on file as held); S1 prepaid 80.00 and
/// attended 09-02, 09-09 (leave) and 09-23; S2's fees are waived.
extension CommandTests {
    @Test func refundsTiedToTheirEventsAndUndo() throws {
        let dir = try tempDir()
        try makeSchool(in: dir)
        let db = ["--db", "t.sqlite"]
        // A withdrawal refund on its own: refused (65), pointing to withdraw.
        let alone = try run(["refund", "--id", "TF1", "--student", "S1", "--course", "X1", "--lessons", "2", "--reason", "withdrawal"] + db, in: dir)
        #expect(alone.status == 65)
        #expect(alone.err.hasPrefix("a withdrawal refund cannot be recorded on its own: the student still takes the course, and the family's statement would ask for the money back [refund-refused]"))
        #expect(alone.err.contains("fix: use tuoguan withdraw --student S1 --course X1 --date FIRST-DAY-AWAY --id TF1"))
        let aloneZh = try run(["refund", "--id", "TF1", "--student", "S1", "--course", "X1", "--lessons", "2", "--reason", "cancelled", "--lang", "zh"] + db, in: dir)
        #expect(aloneZh.err.hasPrefix("停课退费不能单独登记：课没有停，单独退费会让家长的结算单显示应补这笔钱 [refund-refused]"))

        // S1 attended 09-23: a withdrawal from that day is refused; from 09-24 it gives back 09-30's 20.00
        // (before: 4 × 20.00 = 80.00; after: 3 × 20.00 = 60.00).
        let early = try run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-23", "--id", "TK1"] + db, in: dir)
        #expect(early.status == 65)
        #expect(early.err.hasPrefix("withdrawal date 2024-09-23 is on or before the last attendance recorded for 张三丰 (S1) in course X1, 2024-09-23 [bad-input]"))
        let withdraw = try run(["withdraw", "--student", "S1", "--course", "X1", "--date", "2024-09-24", "--id", "TK1"] + db, in: dir)
        #expect(withdraw.status == 0, "\(withdraw.err)")
        #expect(withdraw.out.contains("refund 20.00"))
        #expect(try figures(dir) == [6000, 8000, 2000, 0])

        // Its refund cannot be corrected alone; undo takes the withdrawal back with it.
        let correct = try run(["correct", "--entry", "TK1", "--id", "C1", "--note", "x"] + db, in: dir)
        #expect(correct.status == 65)
        #expect(correct.err.contains("fix: use tuoguan undo --entry TK1 --id NEW-ID --note WHY"))
        let undo = try run(["undo", "--entry", "TK1", "--id", "U1", "--note", "家长撤回"] + db, in: dir)
        #expect(undo.status == 0, "\(undo.err)")
        #expect(undo.out.hasPrefix("  reversal U1-TK1: refund TK1 reversed, 20.00\n"))
        #expect(undo.out.contains("undid withdrawal TK1 (undo U1): 1 refunds reversed, 20.00 in all"))
        // As before the withdrawal: 4 lessons held on file × 20.00 = 80.00 charged, 80.00 paid, settled.
        #expect(try figures(dir) == [8000, 8000, 0, 0])
        #expect(try run(["undo", "--entry", "TK1", "--id", "U1", "--note", "家长撤回"] + db, in: dir).out.contains("already recorded"))
        let twice = try run(["undo", "--entry", "TK1", "--id", "U2", "--note", "x", "--lang", "zh"] + db, in: dir)
        #expect(twice.status == 65)
        #expect(twice.err.hasPrefix("“TK1”已由“U1”撤销，不能再撤销一次 [conflict]"))
        let payment = try run(["undo", "--entry", "R1", "--id", "U3", "--note", "x"] + db, in: dir)
        #expect(payment.status == 65)
        #expect(payment.err.hasPrefix("\"R1\" is a payment, not a withdrawal or cancellation: there is nothing to undo [bad-input]"))

        // A Saturday has nothing to cancel: 65 and why (it printed "0" and exited 0 before).
        let saturday = try run(["cancel", "--date", "2024-09-28", "--reason", "雨"] + db, in: dir)
        #expect(saturday.status == 65)
        #expect(saturday.err.hasPrefix("there is no session to cancel on 2024-09-28: no course meets that day [bad-input]"))
        // Cancelling 09-30 and undoing it: S1 gets 20.00 back, then owes it again as before.
        #expect(try run(["cancel", "--date", "2024-09-30", "--reason", "台风", "--id-prefix", "TF0930"] + db, in: dir).status == 0)
        #expect(try figures(dir) == [6000, 8000, 2000, 0])
        #expect(try run(["undo", "--entry", "TF0930", "--id", "U4", "--note", "误报"] + db, in: dir).status == 0)
        #expect(try figures(dir) == [8000, 8000, 0, 0])
        #expect(try run(["verify"] + db, in: dir).status == 0)

        // A payment for S2, whose only course is waived: recorded, with a warning.
        let pay = try run(["pay", "--receipt", "R9", "--student", "S2", "--amount", "10", "--date", "2024-09-03"] + db, in: dir)
        #expect(pay.status == 0)
        #expect(pay.err.hasPrefix("warning: 李四 (S2) takes no course that charges a fee; the payment was recorded [bad-input]"))
    }

    /// S1's charged, paid, refunded and balance in fen, from `statement --json`.
    func figures(_ dir: String) throws -> [Int] {
        let r = try run(["statement", "--json", "--db", "t.sqlite"], in: dir)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let s1 = try #require((doc["students"] as? [[String: Any]])?.first { $0["student_id"] as? String == "S1" })
        return ["charged_fen", "paid_fen", "refunded_fen", "balance_fen"].map { s1[$0] as? Int ?? -1 }
    }
}
