import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

/// Corrections of master data: kept in the history with old and new value, who, when and why; the figures
/// follow; what money depends on is refused; the history's chain shows an edit behind tuoguan's back.
@Suite struct MasterDataTests {
    func statement(_ ledger: Ledger, _ id: String) throws -> StudentStatement {
        let facts = try #require(try ledger.termFacts(forStudent: id))
        return try #require(try TermComputation.compute(rules: ledger.rules, facts: facts).students.first)
    }

    @Test func categoryChangeIsKeptAndRepricesTheWaiver() throws {
        let ledger = try seededLedger()
        let before = try statement(ledger, "S002")
        let changes = try ledger.editStudent(
            "S002", StudentEdit(className: "三(3)班", category: .some("liushou")), note: "民政证明", by: "会计")
        #expect(changes.map(\.field) == ["class", "category"])
        #expect(changes[0].oldValue == "三(2)班" && changes[0].newValue == "三(3)班")
        #expect(changes[1].oldValue == nil && changes[1].newValue == "liushou")
        #expect(changes.allSatisfy { $0.note == "民政证明" && $0.recordedBy == "会计" && !$0.recordedAt.isEmpty })
        // 留守儿童 waive `basic`: B1 is 40.00 a month × 1 month for the term, so S002 is charged 40.00 less,
        // and the balance falls by the same 40.00 (paid 200.00 either way).
        let after = try statement(ledger, "S002")
        #expect(try before.charged - after.charged == Money(fen: 4000))
        #expect(try before.balance - after.balance == Money(fen: 4000))
        #expect(after.student.className == "三(3)班")
        // The same values again change nothing and record nothing.
        #expect(try ledger.editStudent("S002", StudentEdit(className: "三(3)班"), note: "again", by: "会计").isEmpty)
        // The category's name is read as its id: nothing to change.
        #expect(try ledger.editStudent("S002", StudentEdit(category: .some("留守儿童")), note: "again", by: "会计").isEmpty)
        // Clearing the category is a change too, and the history shows all three, oldest first.
        _ = try ledger.editStudent("S002", StudentEdit(category: .some(nil)), note: "证明过期", by: "会计")
        let history = try ledger.history(of: .student, id: "S002")
        #expect(history.map { "\($0.field) \($0.oldValue ?? "∅")→\($0.newValue ?? "∅")" }
            == ["class 三(2)班→三(3)班", "category ∅→liushou", "category liushou→∅"])
        #expect(try statement(ledger, "S002").charged == before.charged)
        #expect(try ledger.verifyHistory() == (3, nil))
    }

    @Test func badValuesAreRefusedAndNothingIsRecorded() throws {
        let ledger = try seededLedger()
        let unknownCategory = thrown { _ = try ledger.editStudent("S001", StudentEdit(category: .some("poor")), note: "x", by: "t") }
        #expect(unknownCategory?.code == .usage)
        #expect(unknownCategory?.message.en == "category \"poor\" is not in the rules")
        #expect(unknownCategory?.location?.key == "--category")
        let noNote = thrown { _ = try ledger.editStudent("S001", StudentEdit(name: "张三丰"), note: " ", by: "t") }
        #expect(noNote?.message.zh == "改动需要说明原因")
        let grade = thrown { _ = try ledger.editStudent("S001", StudentEdit(grade: 13), note: "x", by: "t") }
        #expect(grade?.message.en == "grade 13 is not between 1 and 12")
        let teacher = thrown { _ = try ledger.editCourse("X1", CourseEdit(teacherId: "T9"), note: "x", by: "t") }
        #expect(teacher?.code == .unknownReference)
        let times = thrown { _ = try ledger.editCourse("X1", CourseEdit(end: 16 * 60), note: "x", by: "t") }
        #expect(times?.message.en == "end 16:00 is not after start 16:30")
        let student = thrown { _ = try ledger.editStudent("S999", StudentEdit(name: "x"), note: "x", by: "t") }
        #expect(student?.code == .unknownReference)
        #expect(try ledger.verifyHistory() == (0, nil))
    }

    @Test func whatMoneyDependsOnIsRefusedWithWhatToDo() throws {
        let ledger = try handCountedLedger()
        // S001 withdraws from X1 on 09-09 (a refund of the lessons left): the enrolment's end is now history,
        // and its dates cannot be edited while the refund stands.
        let withdrawal = try ledger.withdraw(studentId: "S001", courseId: "X1", on: date("2024-09-09"), refundId: "TK1", by: "会计")
        #expect(withdrawal.refund > .zero)
        let history = try ledger.history(of: .student, id: "S001")
        #expect(history.map { "\($0.courseId ?? "") \($0.field) \($0.newValue ?? "")" } == ["X1 until_date 2024-09-09"])
        let refused = thrown {
            _ = try ledger.editEnrollment(student: "S001", course: "X1", EnrollmentEdit(until: .some(nil)), note: "撤回", by: "t")
        }
        #expect(refused?.code == .conflict)
        // The withdrawal's refund is taken back only with the withdrawal (undo), never corrected alone.
        #expect(refused?.message.en == "the withdrawal TK1 of S001 in X1 is in force, its refund computed from these dates: they cannot change now")
        #expect(refused?.fix?.en.hasPrefix("undo it first (tuoguan undo --entry TK1") == true)
        // The weekdays of a course with refunds cannot change either; its name can.
        let weekdays = thrown { _ = try ledger.editCourse("X1", CourseEdit(weekdays: [2, 4]), note: "调课", by: "t") }
        #expect(weekdays?.location?.key == "--weekdays")
        #expect(weekdays?.message.zh == "课程 X1 已有退费（如 TK1），退费按原上课安排计算，不能再改上课星期")
        let policy = thrown { _ = try ledger.editCourse("X1", CourseEdit(policyId: "basic"), note: "改政策", by: "t") }
        #expect(policy?.message.en == "course X1 has refunds (e.g. TK1), priced under its policy: the policy cannot change now")
        let unknownPolicy = thrown { _ = try ledger.editCourse("B1", CourseEdit(policyId: "vip"), note: "x", by: "t") }
        #expect(unknownPolicy?.message.en == "policy \"vip\" is not in the rules")
        #expect(try ledger.editCourse("X1", CourseEdit(name: "硬笔书法"), note: "改名", by: "t").count == 1)
        // Attendance is recorded for S002 in X1 on 09-02 and 09-04: the enrolment cannot start after them.
        let outside = thrown {
            _ = try ledger.editEnrollment(student: "S002", course: "X1", EnrollmentEdit(from: date("2024-09-04")), note: "x", by: "t")
        }
        #expect(outside?.message.en == "S002 has attendance in X1 on 2024-09-02, which would fall outside the enrolment")
        // Ending S002's enrolment on 09-11 (after the attendance) is allowed and recorded.
        let ended = try ledger.editEnrollment(
            student: "S002", course: "X1", EnrollmentEdit(until: .some(date("2024-09-11"))), note: "家长申请", by: "t")
        #expect(ended.map(\.newValue) == ["2024-09-11"])
        #expect(try ledger.verifyHistory() == (3, nil))
    }

    @Test func aCategoryUnderWhichACourseCostsLessThanItsRefundsIsRefused() throws {
        let ledger = try seededLedger()
        // S001 paid 200.00 and is refunded 10.00 for B1 (40.00 for the term). 留守儿童 waive B1 in full: B1
        // would cost 0.00, less than the 10.00 refunded, so the change is refused and nothing is recorded.
        _ = try ledger.recordRefund(
            RefundRequest(refundId: "G1", studentId: "S001", courseId: "B1", amount: Money(fen: 1000), date: date("2024-09-05"), reason: .settlement),
            by: "t")
        let refused = thrown { _ = try ledger.editStudent("S001", StudentEdit(category: .some("liushou")), note: "证明", by: "t") }
        #expect(refused?.code == .conflict)
        #expect(refused?.message.en == "under this category B1 costs S001 0.00, less than the 10.00 already refunded for it (e.g. refund G1)")
        #expect(refused?.fix?.zh.hasPrefix("先冲正该退费（tuoguan correct --entry G1") == true)
        #expect(try ledger.verifyHistory() == (0, nil))
        // Once the refund is reversed, the category changes.
        _ = try ledger.reverse(entryId: "G1", correctionId: "K1", note: "改类别前冲正", by: "t")
        #expect(try ledger.editStudent("S001", StudentEdit(category: .some("liushou")), note: "证明", by: "t").count == 1)
    }

    @Test func anEditBehindTuoguansBackBreaksTheHistoryChain() throws {
        let ledger = try seededLedger()
        _ = try ledger.editTeacher("T1", TeacherEdit(name: "赵芳"), note: "姓名录错", by: "会计")
        _ = try ledger.editTeacher("T1", TeacherEdit(kind: .retired), note: "退休", by: "会计")
        #expect(try ledger.verifyHistory() == (2, nil))
        let queue = try DatabaseQueue(path: ledger.path)
        // The history refuses an update; someone who drops the trigger first still breaks the chain.
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE history SET new_value = 'x'") } }
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER history_no_update")
            try db.execute(sql: "UPDATE history SET old_value = '钱老师' WHERE seq = 1")
        }
        try queue.close()
        let (count, broken) = try ledger.verifyHistory()
        #expect(count == 1)
        #expect(broken == "history 1 (teacher T1 name): hash does not match its contents (edited after it was recorded)")
    }

    @Test func findLooksUpIdsAndPartsOfNames() throws {
        let ledger = try seededLedger()
        #expect(try ledger.find("张").map { "\($0.kind.rawValue) \($0.id)" } == ["student S001", "receipt R001"])
        #expect(try ledger.find("老师").map(\.id) == ["T1", "T2"])
        #expect(try ledger.find("R00").map(\.id) == ["R001", "R002"])
        // `%` and `_` are text, not patterns.
        #expect(try ledger.find("%").isEmpty)
        let receipt = try #require(try ledger.moneyRecord(id: "R002"))
        #expect(receipt.kind == .payment && receipt.amount == Money(fen: 20000) && receipt.studentName == "李四")
        #expect(try ledger.moneyRecord(id: "nope") == nil)
    }
}

extension MasterDataTests {
    @Test func anImportConflictNamesTheEditCommand() throws {
        let ledger = try seededLedger()
        let error = thrown {
            _ = try ledger.importCSV(
                .students, data: csv("student_id,name,grade,class\nS001,张三,4,三(2)班\n"), fileName: "s.csv", dryRun: false, by: "t")
        }
        #expect(error?.code == .conflict)
        #expect(error?.fix?.zh == "核对两者；如果账本中的有误，用 tuoguan edit student S001 --name/--grade/--class/--category … --note \"原因\" 更正（改动留有记录）")
        #expect(error?.fix?.en.contains("tuoguan edit student S001") == true)
        #expect(error?.fix?.zh.contains("管理员") == false)
    }
}
