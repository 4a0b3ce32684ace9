import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

/// Withdrawals and cancellations as events: their refunds tied to them, `undo`, and the checks at entry.
/// The term of `testRules()`: X1 (20.00 a lesson, prepaid) meets Sep 2, 4, 9, 11, 16, 18, 23, 25; B1 (40.00
/// for the term, prepaid) every one of the 19 service days; S001 and S002 paid 200.00 each.
@Suite struct EventTests {
    /// One family's figures: charged, paid, refunded, balance.
    func figures(_ ledger: Ledger, _ student: String) throws -> [Money] {
        let facts = try #require(try ledger.termFacts(forStudent: student))
        let s = try #require(try TermComputation.compute(rules: ledger.rules, facts: facts).students.first)
        return [s.charged, s.paid, s.refunded, s.balance]
    }

    /// S002 leaves X1 on 2024-09-18: 8 × 20.00 − 5 × 20.00 = 60.00 back. Its refund cannot be reversed alone
    /// (`correct`); `undo` reverses it and S002 takes X1 again: every figure as before the withdrawal.
    @Test func undoingAWithdrawalRestoresEveryFigure() throws {
        let ledger = try seededLedger()
        let before = try figures(ledger, "S002")
        // No lesson held yet: charged B1's 40.00; paid 200.00 → owed back 160.00.
        #expect(before == [Money(fen: 4000), Money(fen: 20000), .zero, Money(fen: -16000)])
        let report = try ledger.withdraw(studentId: "S002", courseId: "X1", on: date("2024-09-18"), refundId: "W1", by: "clerk")
        #expect(report.refund == Money(fen: 6000))
        // Withdrawn: X1 charges the 5 lessons before 09-18 once held; refunded 60.00 → 40.00 − 140.00 = −100.00.
        #expect(try figures(ledger, "S002") == [Money(fen: 4000), Money(fen: 20000), Money(fen: 6000), Money(fen: -10000)])

        let correct = thrown { _ = try ledger.reverse(entryId: "W1", correctionId: "C1", note: "", by: "clerk") }
        #expect(correct?.code == .refundRefused)
        #expect(
            correct?.message.en
                == "refund W1 belongs to the withdrawal or cancellation W1: reversing it alone leaves that event in force, and the family's statement would show the money as owed again")
        #expect(correct?.fix?.en == "use tuoguan undo --entry W1 --id NEW-ID --note WHY: it takes back the event with all its refunds")

        let undo = try ledger.undo(entryId: "W1", undoId: "U1", note: "家长撤回", by: "clerk")
        #expect(undo.kind == "withdrawal")
        #expect(undo.reversals.map { "\($0.reversalId) \($0.refundId) \($0.amount.formatted())" } == ["U1-W1 W1 60.00"])
        #expect(try figures(ledger, "S002") == before)
        #expect(try ledger.termFacts().usages.first { $0.studentId == "S002" && $0.courseId == "X1" }?.withdrawnOn == nil)
        #expect(try ledger.verify().ok)

        // The same undo again: nothing. Twice, or of something else: clear errors.
        #expect(try ledger.undo(entryId: "W1", undoId: "U1", note: "家长撤回", by: "clerk").outcome == .alreadyRecorded)
        let twice = thrown { _ = try ledger.undo(entryId: "W1", undoId: "U2", note: "", by: "clerk") }
        #expect(twice?.code == .conflict)
        #expect(twice?.message.en == "\"W1\" was already undone by \"U1\": it cannot be undone twice")
        #expect(twice?.message.zh == "“W1”已由“U1”撤销，不能再撤销一次")
        let payment = thrown { _ = try ledger.undo(entryId: "R002", undoId: "U3", note: "", by: "clerk") }
        #expect(payment?.code == .badInput)
        #expect(payment?.message.en == "\"R002\" is a payment, not a withdrawal or cancellation: there is nothing to undo")
        #expect(thrown { _ = try ledger.undo(entryId: "U1", undoId: "U4", note: "", by: "clerk") }?.message.en
            == "\"U1\" is itself an undo and cannot be undone")
        #expect(thrown { _ = try ledger.undo(entryId: "NOPE", undoId: "U5", note: "", by: "clerk") }?.code == .unknownReference)
        let reused = thrown { _ = try ledger.undo(entryId: "R001", undoId: "U1", note: "", by: "clerk") }
        #expect(reused?.message.en == "id U1 is already recorded as: undo U1: student S002, course X1, 2024-09-18, undoes W1")

        // The id of an undone withdrawal is spent; a new id withdraws again, with the same 60.00.
        // While it is in force, the enrolment's dates cannot be edited: undo first.
        let again = thrown { _ = try ledger.withdraw(studentId: "S002", courseId: "X1", on: date("2024-09-18"), refundId: "W1", by: "c") }
        #expect(again?.message.en == "withdrawal W1 was undone by U1; record a new withdrawal under a new id")
        #expect(try ledger.withdraw(studentId: "S002", courseId: "X1", on: date("2024-09-18"), refundId: "W2", by: "c").refund == Money(fen: 6000))
        let edit = thrown {
            _ = try ledger.editEnrollment(student: "S002", course: "X1", EnrollmentEdit(until: .some(nil)), note: "撤回", by: "c")
        }
        #expect(edit?.code == .conflict)
        #expect(edit?.message.en == "the withdrawal W2 of S002 in X1 is in force, its refund computed from these dates: they cannot change now")
        #expect(edit?.fix?.en == "undo it first (tuoguan undo --entry W2 --id NEW-ID --note WHY), make the change, then record the withdrawal again")
        #expect(try ledger.verify().ok)
    }

    /// Typhoon on 2024-09-11: X1 and B1 cancelled, 20.00 (X1) and 40.00 ÷ 19 = 2.11 (B1) back to S001 and
    /// S002. A held session without attendance (X1 on 09-16, imported) cancelled later is held again after
    /// the undo; a session still to come is to come again.
    @Test func undoingACancellationRestoresTheSessionsAndEveryFigure() throws {
        let ledger = try seededLedger()
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-16,,,,held,\n"),
            fileName: "sessions.csv", dryRun: false, by: "t")
        // S001: X1 1 lesson held × 20.00 + B1 40.00 = 60.00 charged; paid 200.00 → −140.00.
        let before = try figures(ledger, "S001")
        #expect(before == [Money(fen: 6000), Money(fen: 20000), .zero, Money(fen: -14000)])
        let typhoon = try ledger.cancel(
            date: date("2024-09-11"), courseIds: nil, reason: "台风", note: "台风停课", refundIdPrefix: "TF", by: "clerk")
        #expect(typhoon.refunds.map(\.amount) == [Money(fen: 211), Money(fen: 211), Money(fen: 2000), Money(fen: 2000)])
        let meeting = try ledger.cancel(
            date: date("2024-09-16"), courseIds: ["X1"], reason: "运动会", note: "", refundIdPrefix: "YD", by: "clerk")
        #expect(meeting.sessionsCancelled == 1)
        let correct = thrown { _ = try ledger.reverse(entryId: "TF-S001-X1", correctionId: "C1", note: "", by: "clerk") }
        #expect(correct?.message.en.hasPrefix("refund TF-S001-X1 belongs to the withdrawal or cancellation TF:") == true)
        let part = thrown { _ = try ledger.undo(entryId: "TF-S001-X1", undoId: "U0", note: "", by: "clerk") }
        #expect(part?.message.en == "\"TF-S001-X1\" is one refund of TF, not a withdrawal or cancellation itself")

        let undoTyphoon = try ledger.undo(entryId: "TF", undoId: "U1", note: "通知有误", by: "clerk")
        #expect(undoTyphoon.reversals.count == 4)
        _ = try ledger.undo(entryId: "YD", undoId: "U2", note: "", by: "clerk")
        #expect(try figures(ledger, "S001") == before)
        #expect(try figures(ledger, "S002") == [Money(fen: 6000), Money(fen: 20000), .zero, Money(fen: -14000)])
        let tallies = try ledger.termFacts().courseTallies
        #expect(tallies.map { "\($0.courseId) \($0.held) \($0.cancelled)" } == ["B1 0 0", "X1 1 0"])
        #expect(try ledger.verify().ok)
        // Cancelled again under a new prefix: the same refunds.
        let again = try ledger.cancel(
            date: date("2024-09-11"), courseIds: nil, reason: "台风", note: "", refundIdPrefix: "TF2", by: "clerk")
        #expect(again.refunds.map(\.amount) == typhoon.refunds.map(\.amount))
        #expect(try ledger.verify().ok)
    }

    /// The events are hash-chained like the money journal: an event edited behind the ledger's back (its
    /// guard dropped first) breaks `verify`, and so does an undo whose event was removed.
    @Test func verifyFindsAnEventEditedBehindItsBack() throws {
        let ledger = try seededLedger()
        _ = try ledger.withdraw(studentId: "S002", courseId: "X1", on: date("2024-09-18"), refundId: "W1", by: "clerk")
        _ = try ledger.undo(entryId: "W1", undoId: "U1", note: "", by: "clerk")
        #expect(try ledger.verify().ok)
        let queue = try DatabaseQueue(path: ledger.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE events SET date = '2024-09-23' WHERE event_id = 'W1'") }
        }
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER events_no_update")
            try db.execute(sql: "UPDATE events SET date = '2024-09-23' WHERE event_id = 'W1'")
        }
        #expect(try ledger.verify().firstBreak == "event 1 (W1): hash does not match its contents (edited after it was recorded)")
    }

    /// `cancel` of a day with nothing to cancel is refused (exit 65), saying why.
    @Test func cancellingNothingIsRefused() throws {
        let ledger = try seededLedger()
        // 2024-09-07 is a Saturday: no service, no session.
        let saturday = thrown {
            _ = try ledger.cancel(date: date("2024-09-07"), courseIds: nil, reason: "雨", note: "", refundIdPrefix: "A", by: "c")
        }
        #expect(saturday?.code == .badInput)
        #expect(saturday?.message.en == "there is no session to cancel on 2024-09-07: no course meets that day")
        #expect(saturday?.message.zh == "2024-09-07 没有可停的课：这一天没有课程上课")
        // X1 meets Monday and Wednesday; 2024-09-03 is a Tuesday.
        let tuesday = thrown {
            _ = try ledger.cancel(date: date("2024-09-03"), courseIds: ["X1"], reason: "雨", note: "", refundIdPrefix: "B", by: "c")
        }
        #expect(tuesday?.message.en == "course X1 (书法) does not meet on 2024-09-03: there is no session to cancel")
        // Cancelled once; a second cancellation under another prefix finds nothing left to cancel.
        _ = try ledger.cancel(date: date("2024-09-11"), courseIds: nil, reason: "雨", note: "", refundIdPrefix: "C", by: "c")
        let twice = thrown {
            _ = try ledger.cancel(date: date("2024-09-11"), courseIds: nil, reason: "雨", note: "", refundIdPrefix: "D", by: "c")
        }
        #expect(twice?.message.en == "there is no session to cancel on 2024-09-11: every session that day (B1, X1) is cancelled already")
        let outside = thrown {
            _ = try ledger.cancel(date: date("2024-10-08"), courseIds: nil, reason: "雨", note: "", refundIdPrefix: "E", by: "c")
        }
        #expect(outside?.message.en == "date 2024-10-08 is outside the term (2024-09-02 to 2024-09-27)")
        #expect(try ledger.verify().ok)
    }

    /// A withdrawal dated on or before the student's last recorded attendance in the course is refused: S002
    /// was present at X1 on 2024-09-04 (the hand-counted term).
    @Test func withdrawalBeforeTheLastAttendanceIsRefused() throws {
        let ledger = try handCountedLedger()
        let error = thrown {
            _ = try ledger.withdraw(studentId: "S002", courseId: "X1", on: date("2024-09-04"), refundId: "W1", by: "c")
        }
        #expect(error?.code == .badInput)
        #expect(
            error?.message.en
                == "withdrawal date 2024-09-04 is on or before the last attendance recorded for 李四 (S002) in course X1, 2024-09-04")
        #expect(error?.message.zh == "退课日期 2024-09-04 早于或等于 李四（S002）在课程 X1 最后一次有考勤记录的日期 2024-09-04")
        // The day after is fine. X1 was held 09-02 and 09-04 and cancelled 09-09. Before: the 8 lessons less the
        // cancelled one, 7 × 20.00 = 140.00; after: the 2 held before 09-05, 2 × 20.00 = 40.00 → 100.00 back.
        let ok = try ledger.withdraw(studentId: "S002", courseId: "X1", on: date("2024-09-05"), refundId: "W2", by: "c")
        #expect(ok.refund == Money(fen: 10000))
    }

    /// A personal-leave refund dated outside the term is refused.
    @Test func personalLeaveOutsideTheTermIsRefused() throws {
        let ledger = try seededLedger()
        let request = RefundRequest(
            refundId: "L1", studentId: "S001", amount: Money(fen: 500), date: date("2024-10-08"), reason: .personalLeave)
        let error = thrown { _ = try ledger.recordRefund(request, by: "c") }
        #expect(error?.code == .badInput)
        #expect(error?.message.en == "the date of a personal-leave refund, 2024-10-08, is outside the term (2024-09-02 to 2024-09-27)")
        // A cancellation refund on its own is refused, in a file at its reason column.
        let file = thrown {
            _ = try ledger.importCSV(
                .refunds, data: csv("refund_id,student_id,course_id,amount,date,reason,note\nT1,S001,X1,20.00,2024-09-11,停课,\n"),
                fileName: "refunds.csv", dryRun: false, by: "c")
        }
        #expect(file?.code == .refundRefused)
        #expect(file?.location == SourceLocation(file: "refunds.csv", line: 2, column: 29))
        #expect(file?.fix?.en.hasPrefix("use tuoguan cancel --date DAY --course X1") == true)
    }

    /// Payments are recorded with a warning when the student takes no fee-bearing course, or when the family's
    /// payments pass what the term's fees can reach. S003 (留守儿童) takes only B1, waived 100%. S001 takes
    /// X1 (8 × 20.00 = 160.00) and B1 (40.00): 200.00 at most; with R001's 200.00, 50.00 more is 50.00 past it.
    @Test func paymentsPastTheFeesAreWarned() throws {
        let ledger = try seededLedger()
        let s003 = PaymentFact(receipt: "R3", studentId: "S003", amount: Money(fen: 4000), date: date("2024-09-02"), method: .cash)
        #expect(try ledger.recordPayment(s003, by: "c") == .recorded)
        #expect(try ledger.paymentWarnings(for: "S003").map(\.message.en) == ["王五 (S003) takes no course that charges a fee; the payment was recorded"])
        #expect(try ledger.paymentWarnings(for: "S001").isEmpty)
        // The term is 2024-09-02 … 2024-09-27: a payment dated 2025-09-01 is recorded with a warning.
        #expect(
            try ledger.paymentWarnings(for: "S001", dated: date("2025-09-01")).map(\.message.zh) == [
                "缴费日期 2025-09-01 不在本学期内（2024-09-02 至 2024-09-27），这笔缴费已登记"
            ])
        let report = try ledger.importCSV(
            .payments, data: csv("receipt,student_id,amount,date,method\nR9,S001,50.00,2024-09-03,cash\n"),
            fileName: "payments.csv", dryRun: false, by: "c")
        #expect(report.inserted == 1)
        #expect(
            report.warnings.map { "\($0.location?.description ?? ""): \($0.message.en)" } == [
                "payments.csv:2:1: 张三 (S001) has paid 250.00 (less refunds), more than the term's fees can reach, 200.00, by 50.00; the payment was recorded"
            ])
    }

    /// An import warns a family once, at its last payment in the file, after all its rows: S001 (R001's 200.00
    /// already paid) pays 4.00 then 6.00 (210.00 in all, 10.00 past its 200.00); S003 (nothing to pay) pays
    /// twice. Four rows, two
    /// warnings, each at the family's last row (lines 4 and 5).
    @Test func importWarnsEachFamilyOnceAtItsLastPayment() throws {
        let ledger = try seededLedger()
        let report = try ledger.importCSV(
            .payments,
            data: csv(
                "receipt,student_id,amount,date,method\nP1,S001,4.00,2024-09-03,cash\nP2,S003,10.00,2024-09-03,cash\n"
                    + "P3,S001,6.00,2024-09-04,cash\nP4,S003,10.00,2024-09-04,cash\n"),
            fileName: "payments.csv", dryRun: false, by: "c")
        #expect(report.inserted == 4)
        #expect(
            report.warnings.map { "\($0.location?.description ?? ""): \($0.message.en)" } == [
                "payments.csv:4:1: 张三 (S001) has paid 210.00 (less refunds), more than the term's fees can reach, 200.00, by 10.00; the payment was recorded",
                "payments.csv:5:1: 王五 (S003) takes no course that charges a fee; the payment was recorded",
            ])
    }
}
