import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

@Suite struct MoneyTests {
    let payment = PaymentFact(receipt: "R900", studentId: "S001", amount: Money(fen: 5000), date: date("2024-09-05"), method: .wechat)

    @Test func paymentIdsAreIdempotentAndConflictsShowBoth() throws {
        let ledger = try seededLedger()
        #expect(try ledger.recordPayment(payment, by: "clerk") == .recorded)
        #expect(try ledger.recordPayment(payment, by: "someone else") == .alreadyRecorded)
        var changed = payment
        changed.amount = Money(fen: 500)
        let error = thrown { _ = try ledger.recordPayment(changed, by: "clerk") }
        #expect(error?.code == .conflict)
        #expect(
            error?.message.en
                == "id R900 is already recorded with different contents: ledger has payment R900: student S001, 50.00, 2024-09-05, wechat; this one is payment R900: student S001, 5.00, 2024-09-05, wechat")
        #expect(try ledger.counts()[.payments] == 3)
    }

    @Test func unknownStudentAndNonPositiveAmounts() throws {
        let ledger = try seededLedger()
        var p = payment
        p.studentId = "S404"
        #expect(thrown { _ = try ledger.recordPayment(p, by: "c") }?.message.en == "unknown student \"S404\"")
        p = payment
        p.amount = Money(fen: -100)
        #expect(thrown { _ = try ledger.recordPayment(p, by: "c") }?.message.en == "a payment must be more than zero: -1.00")
    }

    @Test func refundsIdempotentConflictingAndCapped() throws {
        let ledger = try seededLedger()
        // S001 paid 200.00. A settlement refund of 150.00 leaves 50.00.
        let first = RefundRequest(
            refundId: "F1", studentId: "S001", amount: Money(fen: 15000), date: date("2024-09-20"), reason: .settlement)
        let out = try ledger.recordRefund(first, by: "clerk")
        #expect(out == RefundOutcome(outcome: .recorded, amount: Money(fen: 15000), remainingRefundable: Money(fen: 5000)))
        #expect(try ledger.recordRefund(first, by: "clerk").outcome == .alreadyRecorded)
        var other = first
        other.note = "different"
        #expect(thrown { _ = try ledger.recordRefund(other, by: "clerk") }?.code == .conflict)
        // 60.00 more would exceed the 50.00 left.
        let tooMuch = RefundRequest(
            refundId: "F2", studentId: "S001", amount: Money(fen: 6000), date: date("2024-09-20"), reason: .settlement)
        let error = thrown { _ = try ledger.recordRefund(tooMuch, by: "clerk") }
        #expect(error?.code == .refundCeiling)
        #expect(
            error?.message.en
                == "refund of 60.00 exceeds what is left for 张三 (S001): paid 200.00, refunded 150.00, at most 50.00 left")
        // A withdrawal refund on its own is refused: S001 still takes X1, so the statement would ask for it back.
        let alone = RefundRequest(
            refundId: "F3", studentId: "S001", courseId: "X1", lessons: 2, date: date("2024-09-20"), reason: .withdrawal)
        let refused = thrown { _ = try ledger.recordRefund(alone, by: "clerk") }
        #expect(refused?.code == .refundRefused)
        #expect(
            refused?.message.en
                == "a withdrawal refund cannot be recorded on its own: the student still takes the course, and the family's statement would ask for the money back")
        #expect(refused?.fix?.en.hasPrefix("use tuoguan withdraw --student S001 --course X1 --date FIRST-DAY-AWAY --id F3") == true)
        // A settlement by lessons: 2 × 20.00 = 40.00 is within the 50.00 left, but S001 is charged 40.00 (B1's
        // 40.00 for the term; no X1 lesson held yet) and kept 200.00 − 150.00 = 50.00: owed back 10.00 only.
        // 40.00 would leave the family owing 40.00 − (50.00 − 40.00) = 30.00.
        var settlement = alone
        settlement.reason = .settlement
        let owing = thrown { _ = try ledger.recordRefund(settlement, by: "clerk") }
        #expect(owing?.code == .refundCeiling)
        #expect(
            owing?.message.en
                == "a settlement refund of 40.00 would leave 张三 (S001) owing 30.00: due 40.00, paid 200.00, refunded 150.00; settlement can give back at most 10.00")
        #expect(owing?.message.zh == "结算退费 40.00 会让 张三（S001）应补 30.00：应缴 40.00，已缴 200.00，已退 150.00，结算最多可退 10.00")
        // 10.00 by amount fits exactly: the statement is settled, nothing owed either way.
        let exact = RefundRequest(
            refundId: "F4", studentId: "S001", amount: Money(fen: 1000), date: date("2024-09-20"), reason: .settlement)
        #expect(try ledger.recordRefund(exact, by: "clerk").remainingRefundable == Money(fen: 4000))
        #expect(try ledger.verify().ok)
    }

    /// The refunds for one course stop at its fee, whatever the family paid in all. S001 takes X1 (prepaid,
    /// 8 lessons × 20.00 = 160.00) and paid 200.00 in all; no lesson is held yet, so the statement charges
    /// only B1's 40.00 and owes back 160.00 (each settlement below stays within it).
    /// - 7 lessons of X1 back: 7 × 20.00 = 140.00 ≤ 160.00 → recorded; the family has 200.00 − 140.00 = 60.00 left.
    /// - 2 lessons more: 140.00 + 40.00 = 180.00 > 160.00 → refused, although the family has 60.00 left: the
    ///   message says 160.00 − 140.00 = 20.00 is left for X1. One lesson (20.00) still fits and uses it up.
    /// - A withdrawal from X1 then owes 3 lessons (Sep 18, 23, 25: 60.00) but gives back 0.00: nothing is left of X1.
    /// - Reversing the 140.00 makes room again: 2 lessons (40.00) fit.
    /// - S003 does not take X1: a refund for X1 is refused, in a file at the course column.
    @Test func refundsForOneCourseStopAtItsFee() throws {
        let ledger = try seededLedger()
        func lessons(_ id: String, _ n: Int) -> RefundRequest {
            RefundRequest(refundId: id, studentId: "S001", courseId: "X1", lessons: n, date: date("2024-09-20"), reason: .settlement)
        }
        #expect(try ledger.recordRefund(lessons("X7", 7), by: "clerk").remainingRefundable == Money(fen: 6000))
        let error = thrown { _ = try ledger.recordRefund(lessons("X2", 2), by: "clerk") }
        #expect(error?.code == .refundCeiling)
        #expect(
            error?.message.en
                == "refund of 40.00 exceeds what is left of course X1 (书法) for 张三 (S001): the course's fee 160.00, refunded for it 140.00, at most 20.00 left")
        #expect(
            error?.message.zh
                == "退费 40.00 超过 张三（S001）在课程 X1 书法 可退的余额：该课程学费 160.00，已就该课程退 140.00，最多还可退 20.00")
        #expect(try ledger.recordRefund(lessons("X1", 1), by: "clerk").amount == Money(fen: 2000))
        let withdrawal = try ledger.withdraw(studentId: "S001", courseId: "X1", on: date("2024-09-18"), refundId: "W1", by: "clerk")
        #expect(withdrawal.refund == .zero)
        #expect(try ledger.reverse(entryId: "X7", correctionId: "K7", note: "wrong student", by: "clerk") == .recorded)
        #expect(try ledger.recordRefund(lessons("X2", 2), by: "clerk").amount == Money(fen: 4000))

        var notTaken = lessons("N1", 1)
        notTaken.studentId = "S003"
        let unknown = thrown { _ = try ledger.recordRefund(notTaken, by: "clerk") }
        #expect(unknown?.code == .unknownReference)
        #expect(unknown?.message.en == "student S003 is not enrolled in course X1")
        let fileError = thrown {
            _ = try ledger.importCSV(
                .refunds, data: csv("refund_id,student_id,course_id,amount,date,reason,note\nN1,S003,X1,5.00,2024-09-20,结算,\n"),
                fileName: "refunds.csv", dryRun: false, by: "clerk")
        }
        #expect(fileError?.location == SourceLocation(file: "refunds.csv", line: 2, column: 9))
        #expect(try ledger.refundRegister().map(\.refundId) == ["X7", "X1", "X2"])
        #expect(try ledger.verify().ok)
    }

    @Test func personalLeaveOnAnXCourseIsRefused() throws {
        let ledger = try seededLedger()
        let request = RefundRequest(
            refundId: "F9", studentId: "S001", courseId: "X1", lessons: 1, date: date("2024-09-09"), reason: .personalLeave)
        let error = thrown { _ = try ledger.recordRefund(request, by: "clerk") }
        #expect(error?.code == .refundRefused)
        #expect(
            error?.message.en == "no refund for personal leave on a 兴趣课 course (policy x: personal_leave = none; course X1)")
        // The same refused refund in a file is reported at its reason column.
        let fileError = thrown {
            _ = try ledger.importCSV(
                .refunds,
                data: csv("refund_id,student_id,course_id,lessons,date,reason,note\nF9,S001,X1,1,2024-09-09,事假,\n"),
                fileName: "refunds.csv", dryRun: false, by: "clerk")
        }
        #expect(fileError?.location == SourceLocation(file: "refunds.csv", line: 2, column: 25))
        #expect(try ledger.refundRegister().isEmpty)
    }

    /// Typhoon on Wednesday 2024-09-11: both X1 (Mon+Wed) and B1 (every day) are cancelled.
    /// - X1, 20.00 per lesson, prepaid 8 lessons: before 8 × 20.00 = 160.00, after 7 × 20.00 = 140.00 → 20.00 each
    ///   for S001 and S002.
    /// - B1, 40.00 for the term over 19 sessions: 40.00 × 1 ÷ 19 = 2.105… → 2.11 (half up) each for S001 and S002;
    ///   S003 is 留守儿童, waived 100%: nothing paid, nothing refunded.
    @Test func forceMajeureCancelsADayAcrossCourses() throws {
        let ledger = try seededLedger()
        let report = try ledger.cancel(
            date: date("2024-09-11"), courseIds: nil, reason: "台风", note: "台风停课", refundIdPrefix: "TF0911", by: "clerk")
        #expect(report.sessionsCancelled == 2)
        let amounts = report.refunds.map { "\($0.refundId) \($0.amount.formatted()) \($0.lessons)" }
        #expect(
            amounts == [
                "TF0911-S001-B1 2.11 1", "TF0911-S002-B1 2.11 1", "TF0911-S001-X1 20.00 1", "TF0911-S002-X1 20.00 1",
            ])
        #expect(report.refunds.allSatisfy { $0.outcome == .recorded })
        // Again: nothing new.
        let again = try ledger.cancel(
            date: date("2024-09-11"), courseIds: nil, reason: "台风", note: "台风停课", refundIdPrefix: "TF0911", by: "clerk")
        #expect(again.sessionsCancelled == 0)
        #expect(again.refunds.map(\.amount) == report.refunds.map(\.amount))
        #expect(again.refunds.allSatisfy { $0.outcome == .alreadyRecorded })
        let register = try ledger.refundRegister()
        #expect(register.count == 4)
        #expect(register.allSatisfy { $0.note == "台风停课" && $0.reason == .cancelled && $0.recordedBy == "clerk" })
        let facts = try ledger.termFacts()
        #expect(facts.courseTallies.map(\.cancelled) == [1, 1])
        #expect(try ledger.verify().ok)
    }

    /// S002 leaves X1 on Wednesday 2024-09-18: lessons Sep 2, 4, 9, 11, 16 are before, Sep 18, 23, 25 after.
    /// Before: 8 × 20.00 = 160.00; after: 5 × 20.00 = 100.00 → refund 60.00.
    @Test func withdrawalRefundsTheRemainingLessons() throws {
        let ledger = try seededLedger()
        let report = try ledger.withdraw(
            studentId: "S002", courseId: "X1", on: date("2024-09-18"), refundId: "W-S002-X1", by: "clerk")
        #expect(report.refund == Money(fen: 6000))
        #expect(report.outcome == .recorded)
        let again = try ledger.withdraw(
            studentId: "S002", courseId: "X1", on: date("2024-09-18"), refundId: "W-S002-X1", by: "clerk")
        #expect(again.outcome == .alreadyRecorded)
        #expect(again.refund == Money(fen: 6000))
        let usage = try #require(try ledger.termFacts().usages.first { $0.studentId == "S002" && $0.courseId == "X1" })
        #expect(usage.withdrawnOn == date("2024-09-18"))
        // B1 (monthly, withdrawal by month): leaving on 2024-09-16, the only month has begun → nothing back.
        let b1 = try ledger.withdraw(studentId: "S001", courseId: "B1", on: date("2024-09-16"), refundId: "W-S001-B1", by: "c")
        #expect(b1.refund == .zero)
    }

    @Test func reversalCorrectsAndIsItselfIdempotent() throws {
        let ledger = try seededLedger()
        _ = try ledger.recordPayment(payment, by: "clerk")
        #expect(try ledger.reverse(entryId: "R900", correctionId: "C1", note: "wrong student", by: "clerk") == .recorded)
        #expect(try ledger.reverse(entryId: "R900", correctionId: "C1", note: "wrong student", by: "clerk") == .alreadyRecorded)
        #expect(thrown { _ = try ledger.reverse(entryId: "R900", correctionId: "C2", note: "", by: "clerk") }?.code == .conflict)
        #expect(thrown { _ = try ledger.reverse(entryId: "C1", correctionId: "C3", note: "", by: "clerk") }?.code == .badInput)
        let facts = try ledger.termFacts()
        #expect(!facts.payments.contains { $0.receipt == "R900" })
        let report = try ledger.verify()
        #expect(report.ok)
        // R001 200.00, R002 200.00, R900 50.00 and its reversal 50.00: each posts its amount on both sides.
        #expect(report.entries == 4)
        #expect(report.debits == Money(fen: 50000))
        #expect(report.credits == report.debits)
    }

    @Test func verifyFindsAnEntryEditedBehindItsBack() throws {
        let dir = try temporaryDirectory()
        let ledger = try newLedger(dir)
        _ = try ledger.importFile(.students, path: fixture("students.csv"), dryRun: false, by: "t")
        for i in 1...3 {
            var p = payment
            p.receipt = "R\(i)"
            _ = try ledger.recordPayment(p, by: "clerk")
        }
        #expect(try ledger.verify().ok)
        // The journal refuses edits…
        let queue = try DatabaseQueue(path: dir + "/school.ledger")
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE journal SET amount = 1 WHERE entry_id = 'R2'") }
        }
        // …so someone drops the guard first.
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER journal_no_update")
            try db.execute(sql: "UPDATE journal SET amount = 500000 WHERE entry_id = 'R2'")
        }
        let report = try ledger.verify()
        #expect(!report.ok)
        #expect(report.firstBreak == "entry 2 (R2): hash does not match its contents (edited after it was recorded)")
    }

    @Test func ledgerFileLifecycle() throws {
        let dir = try temporaryDirectory()
        let ledger = try newLedger(dir)
        let path = ledger.path
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(thrown { _ = try newLedger(dir) }?.code == .conflict)
        #expect(thrown { _ = try Ledger.open(at: dir + "/nope.ledger") { _, _ in testRules() } }?.code == .fileMissing)
        var seen: (String, String)?
        let reopened = try Ledger.open(at: path, readOnly: true) { text, file in
            seen = (text, file)
            return testRules()
        }
        #expect(seen?.0 == "# rules")
        #expect(seen?.1 == "test.toml")
        #expect(reopened.rules == testRules())
        #expect(thrown { _ = try reopened.recordPayment(payment, by: "c") }?.code == .usage)
    }
}

/// The receipt a one-step correction gives (`correct --amount`).
@Suite struct ReplacementReceiptTests {
    @Test func receiptsStayRecognisable() {
        #expect(Ledger.replacementReceipt(for: "R0001") == "R0001-1")
        #expect(Ledger.replacementReceipt(for: "R0001-1") == "R0001-2")
        #expect(Ledger.replacementReceipt(for: "R0001-9") == "R0001-10")
        // Three digits after the dash are part of the number, not a correction's count.
        #expect(Ledger.replacementReceipt(for: "2024-001") == "2024-001-1")
        #expect(Ledger.replacementReceipt(for: "-5") == "-5-1")
        #expect(Ledger.replacementCorrectionId(for: "R0001") == "CR-R0001")
    }
}
