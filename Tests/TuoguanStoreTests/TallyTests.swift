import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanStore

/// The term's tallies (`usage_tallies`, `session_tallies`) are kept by the writes themselves, in their
/// transaction, and always equal a full recount of the attendance.
@Suite struct TallyTests {
    /// (student, course) → "present/leave/absent/minutes", as stored.
    func usageTallies(_ ledger: Ledger) throws -> [String: String] {
        try ledger.reading { reader in
            var out: [String: String] = [:]
            for row in try Row.fetchAll(reader.db, sql: "SELECT * FROM usage_tallies") {
                out["\(row["student_id"] as String) \(row["course_id"] as String)"] =
                    "\(row["present"] as Int)/\(row["leave"] as Int)/\(row["absent"] as Int)/\(row["minutes_present"] as Int)"
            }
            return out
        }
    }

    /// course date → students present, as stored.
    func sessionTallies(_ ledger: Ledger) throws -> [String: Int] {
        try ledger.reading { reader in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(
                reader.db, sql: "SELECT s.course_id, s.date, t.present FROM session_tallies t JOIN sessions s ON s.id = t.session_id")
            {
                out["\(row[0] as String) \(row[1] as String)"] = row[2]
            }
            return out
        }
    }

    /// The hand-counted term (see `handCountedLedger`): X1 15:30–16:30 and B1 16:30–18:00 (fixture courses).
    /// X1: S001 present Sep 2 (60 min), leave Sep 4; S002 absent Sep 2, present Sep 4 (60 min).
    /// B1 Sep 2: S001, S002, S003 present (90 min each). S003 takes no X1.
    static let handCounted = [
        "S001 X1": "1/1/0/60", "S002 X1": "1/0/1/60", "S001 B1": "1/0/0/90", "S002 B1": "1/0/0/90", "S003 B1": "1/0/0/90",
    ]

    @Test("the attendance import keeps the hand-counted tallies, in its transaction")
    func importKeepsTheTallies() throws {
        let ledger = try handCountedLedger()
        #expect(try usageTallies(ledger) == Self.handCounted)
        // Present: X1 Sep 2 one (S001), X1 Sep 4 one (S002), B1 Sep 2 three.
        #expect(try sessionTallies(ledger) == ["X1 2024-09-02": 1, "X1 2024-09-04": 1, "B1 2024-09-02": 3])
        try ledger.checkTallies()
        let facts = try ledger.termFacts()
        let s001 = try #require(facts.usages.first { $0.studentId == "S001" && $0.courseId == "X1" })
        #expect([s001.present, s001.leave, s001.absent] as [Int] == [1, 1, 0])
        #expect(s001.minutesPresent == 60)
        // Teaching minutes of X1's teacher: 1 × 60 + 1 × 60; most present at one B1 session: 3.
        #expect(facts.teaching.first { $0.courseId == "X1" }?.studentMinutesPresent == 120)
        #expect(facts.courseTallies.first { $0.courseId == "B1" }?.maxPresent == 3)
    }

    @Test("the same file again, a dry run, and a refused file add nothing")
    func repeatsAddNothing() throws {
        let ledger = try handCountedLedger()
        let again = try ledger.importCSV(
            .attendance,
            data: csv("date,course_id,student_id,status\n2024-09-02,X1,S001,present\n2024-09-02,B1,S003,present\n"),
            fileName: "attendance.csv", dryRun: false, by: "t")
        #expect(again.unchanged == 2)
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\nB1,2024-09-04,,,,held,\n"),
            fileName: "sessions.csv", dryRun: false, by: "t")
        let dry = try ledger.importCSV(
            .attendance, data: csv("date,course_id,student_id,status\n2024-09-04,B1,S003,present\n"),
            fileName: "attendance.csv", dryRun: true, by: "t")
        #expect(dry.inserted == 1)
        // A good row and one of a student not in X1: the whole file is refused.
        let refused = thrown {
            _ = try ledger.importCSV(
                .attendance, data: csv("date,course_id,student_id,status\n2024-09-04,B1,S003,present\n2024-09-04,X1,S003,present\n"),
                fileName: "attendance.csv", dryRun: false, by: "t")
        }
        #expect(refused?.code == .unknownReference)
        #expect(try usageTallies(ledger) == Self.handCounted)
        try ledger.checkTallies()
    }

    @Test("rows through the row-by-row path count as rows through the fast path")
    func bothPathsCountAlike() throws {
        // Quoted fields and a status in another spelling send every row down the row-by-row path.
        let ledger = try seededLedger()
        _ = try ledger.importCSV(
            .sessions,
            data: csv(
                "course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024-09-04,,,,held,\nX1,2024-09-09,,,,cancelled,雨\nB1,2024-09-02,,,,held,\n"),
            fileName: "sessions.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(
            .attendance,
            data: csv(
                "date,course_id,student_id,status\n\"2024-09-02\",X1,S001,出勤\n\"2024-09-02\",X1,S002,缺勤\n\"2024-09-04\",X1,S001,请假\n\"2024-09-04\",X1,S002,出勤\n\"2024-09-02\",B1,S001,出勤\n\"2024-09-02\",B1,S002,出勤\n\"2024-09-02\",B1,S003,出勤\n"),
            fileName: "attendance.csv", dryRun: false, by: "t")
        #expect(try usageTallies(ledger) == Self.handCounted)
        #expect(try ledger.termFacts() == (try handCountedLedger().termFacts()))
    }

    @Test("a tally edited behind tuoguan's back is found, naming the student and course")
    func tamperedTallyIsFound() throws {
        let ledger = try handCountedLedger()
        try ledger.record { writer in
            try writer.db.execute(sql: "UPDATE usage_tallies SET present = present + 1 WHERE student_id = 'S002' AND course_id = 'X1'")
        }
        let error = thrown { try ledger.checkTallies() }
        #expect(error?.code == .ledgerTampered)
        #expect(
            error?.message.en
                == "the attendance tally of student S002 in course X1 (present/leave/absent/minutes present/on leave/absent) is 2/0/1/60/0/60, a recount of the attendance gives 1/0/1/60/0/60")
        #expect(error?.message.zh == "学生 S002 在课程 X1 的考勤汇总（出勤/请假/缺勤/出勤分钟/请假分钟/缺勤分钟）为 2/0/1/60/0/60，按考勤记录重新统计为 1/0/1/60/0/60")
        // A row removed is found too.
        try ledger.record { writer in
            try writer.db.execute(sql: "DELETE FROM usage_tallies WHERE student_id = 'S002' AND course_id = 'X1'")
        }
        #expect(thrown { try ledger.checkTallies() }?.message.en.contains("is 0/0/0/0/0/0, a recount of the attendance gives 1/0/1/60/0/60") == true)
    }

    @Test("a session's count edited behind tuoguan's back is found, naming the session")
    func tamperedSessionTallyIsFound() throws {
        let ledger = try handCountedLedger()
        try ledger.record { writer in
            try writer.db.execute(
                sql: "UPDATE session_tallies SET present = 2 WHERE session_id = (SELECT id FROM sessions WHERE course_id = 'B1')")
        }
        let error = thrown { try ledger.checkTallies() }
        #expect(error?.code == .ledgerTampered)
        #expect(error?.message.en == "the count of students present at the session of B1 on 2024-09-02 is 2, its attendance records give 3")
    }

    @Test("moving an enrolment's window recounts its tally in the same transaction")
    func windowChangeRecounts() throws {
        let ledger = try handCountedLedger()
        // Spoil S001's X1 tally, then move the end of the enrolment: the edit recounts it from the rows.
        try ledger.record { writer in try writer.db.execute(sql: "UPDATE usage_tallies SET leave = 9 WHERE student_id = 'S001' AND course_id = 'X1'") }
        _ = try ledger.editEnrollment(
            student: "S001", course: "X1", EnrollmentEdit(until: .some(date("2024-09-20"))), note: "家长申请", by: "t")
        #expect(try usageTallies(ledger)["S001 X1"] == "1/1/0/60")
        // A withdrawal of S002 from B1 after its last lesson, and its undo: the tallies still recount the same.
        _ = try ledger.withdraw(studentId: "S002", courseId: "B1", on: date("2024-09-10"), refundId: "W1", by: "t")
        try ledger.checkTallies()
        _ = try ledger.undo(entryId: "W1", undoId: "U1", note: "撤回", by: "t")
        try ledger.checkTallies()
        #expect(try usageTallies(ledger) == Self.handCounted)
    }

    @Test("a cancelled day and its undo keep the tallies equal to a recount")
    func cancellationKeepsTheTallies() throws {
        let ledger = try handCountedLedger()
        _ = try ledger.importCSV(
            .sessions, data: csv("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-11,,,,held,\n"),
            fileName: "sessions.csv", dryRun: false, by: "t")
        // Sep 11 (held, no attendance) and Sep 16 (still to come) cancelled, then both undone.
        _ = try ledger.cancel(date: date("2024-09-11"), courseIds: ["X1"], reason: "台风", note: "", refundIdPrefix: "TF1", by: "t")
        _ = try ledger.cancel(date: date("2024-09-16"), courseIds: ["X1"], reason: "台风", note: "", refundIdPrefix: "TF2", by: "t")
        try ledger.checkTallies()
        _ = try ledger.undo(entryId: "TF1", undoId: "U1", note: "", by: "t")
        _ = try ledger.undo(entryId: "TF2", undoId: "U2", note: "", by: "t")
        try ledger.checkTallies()
        #expect(try usageTallies(ledger) == Self.handCounted)
    }

    @Test("a school of many students recounts alike, and a tampered tally is named first in key order")
    func manyStudentsRecountAlike() throws {
        // The hand-counted term plus 80 students in B1 (more than a recount looks up one by one): S100–S179,
        // on Sep 2 the even ones present (90 minutes), the odd ones on leave.
        let ledger = try handCountedLedger()
        let ids = (100..<180).map { "S\($0)" }
        _ = try ledger.importCSV(
            .students, data: csv("student_id,name,grade,class,category\n" + ids.map { "\($0),学生\($0),3,三(1)班,\n" }.joined()),
            fileName: "students.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(
            .enrollments, data: csv("student_id,course_id,from,until\n" + ids.map { "\($0),B1,2024-09-02,\n" }.joined()),
            fileName: "enrollments.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(
            .attendance,
            data: csv(
                "date,course_id,student_id,status\n"
                    + ids.enumerated().map { "2024-09-02,B1,\($1),\($0 % 2 == 0 ? "present" : "leave")\n" }.joined()),
            fileName: "attendance.csv", dryRun: false, by: "t")
        let tallies = try usageTallies(ledger)
        #expect(tallies["S104 B1"] == "1/0/0/90")
        #expect(tallies["S105 B1"] == "0/1/0/0")
        // B1 Sep 2: S001–S003 and the 40 even ones present.
        #expect(try sessionTallies(ledger)["B1 2024-09-02"] == 43)
        try ledger.checkTallies()
        try ledger.record { writer in
            try writer.db.execute(sql: "UPDATE usage_tallies SET present = present + 1 WHERE student_id IN ('S170', 'S104')")
        }
        #expect(
            thrown { try ledger.checkTallies() }?.message.en
                == "the attendance tally of student S104 in course B1 (present/leave/absent/minutes present/on leave/absent) is 2/0/0/90/0/0, a recount of the attendance gives 1/0/0/90/0/0")
    }
}
