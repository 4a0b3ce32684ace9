import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

@Suite struct ImportTests {
    @Test func seedImportsAndIsIdempotent() throws {
        let ledger = try seededLedger()
        let counts = try ledger.counts()
        #expect(counts[.students] == 3)
        #expect(counts[.courses] == 2)
        #expect(counts[.enrollments] == 5)
        #expect(counts[.payments] == 2)
        // The same files again: nothing inserted, everything unchanged.
        for (kind, file, rows) in [
            (ImportKind.students, "students.csv", 3), (.courses, "courses.csv", 2), (.enrollments, "enrollments.csv", 5),
            (.payments, "payments.csv", 2),
        ] {
            let report = try ledger.importFile(kind, path: fixture(file), dryRun: false, by: "tester")
            #expect(report.inserted == 0)
            #expect(report.unchanged == rows)
        }
        #expect(try ledger.counts() == counts)
        #expect(try ledger.verify().ok)
        let facts = try ledger.termFacts()
        #expect(facts.courses.first { $0.id == "X1" }?.weekdays == [1, 3])
        #expect(facts.payments.map(\.amount) == [Money(fen: 20000), Money(fen: 20000)])
        #expect(facts.payments.map(\.method) == [.wechat, .cash])
    }

    @Test func dryRunChangesNothing() throws {
        let ledger = try newLedger()
        let report = try ledger.importFile(.students, path: fixture("students.csv"), dryRun: true, by: "tester")
        #expect(report.inserted == 3)
        #expect(report.dryRun)
        #expect(try ledger.counts()[.students] == 0)
    }

    @Test func conflictingReferenceRowShowsBoth() throws {
        let ledger = try seededLedger()
        let error = thrown {
            _ = try ledger.importCSV(
                .students, data: csv("student_id,name,grade,class\nS001,张三,4,三(2)班\n"), fileName: "s.csv", dryRun: false,
                by: "t")
        }
        #expect(
            lines(error) == [
                "s.csv:2:1: student S001 is already recorded differently: grade: ledger has \"3\", this row has \"4\" [conflict]"
            ])
    }

    @Test func emptyValueAndBadGrade() throws {
        let ledger = try newLedger()
        let error = thrown { _ = try ledger.importFile(.students, path: fixture("bad-empty-name.csv"), dryRun: false, by: "t") }
        // Row 2 is fine, but the file goes in whole or not at all.
        #expect(lines(error) == ["bad-empty-name.csv:3:6: name is empty: expected a value [bad-input]"])
        #expect(try ledger.counts()[.students] == 0)
    }

    @Test func everyBadSessionRowIsReported() throws {
        let ledger = try seededLedger()
        let error = thrown { _ = try ledger.importFile(.sessions, path: fixture("bad-sessions.csv"), dryRun: false, by: "t") }
        #expect(
            lines(error) == [
                "bad-sessions.csv:3:1: unknown course \"X9\": expected an id from the courses sheet [unknown-reference]",
                "bad-sessions.csv:4:4: 2024-09-17 is not a service day (中秋节): expected a day with service [bad-input]",
                "bad-sessions.csv:5:4: date 2024-10-09 is outside the term: expected 2024-09-02 to 2024-09-27 [bad-input]",
                "bad-sessions.csv:6:20: status \"maybe\" is not valid: expected one of cancelled (停课, 取消, 已停课, 未上), held (上课, 已上, 已上课, 开课, 正常, 正常上课) [bad-input]",
                "bad-sessions.csv:6:17: unknown teacher \"T9\": expected an id from the teachers sheet [unknown-reference]",
                "bad-sessions.csv:7:4: date \"2024-9-31\" is not a date: expected 2024-09-02, 2024/9/2 or 2024年9月2日 [bad-input]",
            ])
        #expect(try ledger.counts()[.sessions] == 0)
    }

    @Test func everyBadAttendanceRowIsReported() throws {
        let ledger = try seededLedger()
        _ = try ledger.importCSV(
            .sessions,
            data: csv("course_id,date,start,end,teacher_id,status,reason\nX1,2024-09-02,,,,held,\nX1,2024-09-11,,,,停课,台风\n"),
            fileName: "sessions.csv", dryRun: false, by: "t")
        let error = thrown { _ = try ledger.importFile(.attendance, path: fixture("bad-attendance.csv"), dryRun: false, by: "t") }
        #expect(
            lines(error) == [
                "bad-attendance.csv:3:15: student S003 is not enrolled in course X1 on 2024-09-02: expected an enrollment covering the date [unknown-reference]",
                "bad-attendance.csv:4:1: no session of course X1 on 2024-09-09: expected a held session (import the sessions first) [unknown-reference]",
                "bad-attendance.csv:5:1: the session of course X1 on 2024-09-11 was cancelled: expected a held session [bad-input]",
                "bad-attendance.csv:6:15: duplicate row: attendance of S001 in X1 on 2024-09-02 appears earlier in this file [duplicate]",
                "bad-attendance.csv:7:15: unknown student \"S404\": expected an id from the students sheet [unknown-reference]",
            ])
        #expect(try ledger.counts()[.attendance] == 0)
    }

    @Test func everyBadPaymentRowIsReported() throws {
        let ledger = try seededLedger()
        let error = thrown { _ = try ledger.importFile(.payments, path: fixture("bad-payments.csv"), dryRun: false, by: "t") }
        #expect(
            lines(error) == [
                "bad-payments.csv:2:11: negative amount \"-5.00\": expected at least 0.01 [bad-input]",
                "bad-payments.csv:3:11: amount \"12.345\" has more than two decimals (the fen is the smallest unit) [bad-amount]",
                "bad-payments.csv:4:14: date \"2024-13-01\" is not a date: expected 2024-09-02, 2024/9/2 or 2024年9月2日 [bad-input]",
                "bad-payments.csv:5:25: method \"paypal\" is not valid: expected one of alipay (支付宝, 支付宝支付, 支付宝转账), bank (刷卡, 对公转账, 网银, 转账, 银行, 银行卡, 银行转账), cash (现金), wechat (微信, 微信支付, 微信收款, 微信转账) [bad-input]",
                "bad-payments.csv:7:1: duplicate row: 收据号/receipt R014 is the same as on line 6 [duplicate]",
            ])
        #expect(try ledger.counts()[.payments] == 2)
    }

    @Test func policyAndDutyMustBeInTheRules() throws {
        let ledger = try seededLedger()
        #expect(
            lines(thrown { _ = try ledger.importFile(.courses, path: fixture("bad-policy.csv"), dryRun: false, by: "t") }) == [
                "bad-policy.csv:2:7: policy \"chess\" is not in the rules: expected one of basic (基础托管), x (兴趣课) [bad-input]"
            ])
        #expect(
            lines(thrown { _ = try ledger.importFile(.duties, path: fixture("bad-duties.csv"), dryRun: false, by: "t") }) == [
                "bad-duties.csv:3:15: duty \"nap\" is not in the rules' points: expected one of activity (兴趣活动, 兴趣活动辅导, 社团活动), patrol (安全巡查, 巡查, 巡逻), supervision (作业辅导, 到班托管, 托管辅导, 看班) [bad-input]"
            ])
    }

    @Test func missingColumnAndExtraColumnWarning() throws {
        let ledger = try newLedger()
        #expect(
            lines(thrown { _ = try ledger.importCSV(.teachers, data: csv("teacher_id,name\nT1,赵\n"), fileName: "t.csv", dryRun: false, by: "t") })
                == ["t.csv:1:1: missing column \"kind\" (类型) [bad-input]"])
        let report = try ledger.importFile(.students, path: fixture("extra-column.csv"), dryRun: false, by: "t")
        #expect(report.inserted == 1)
        #expect(lines(TuoguanError.collecting(report.warnings)) == [
            "extra-column.csv:1:29: a column is not used and was ignored: nickname [bad-input]"
        ])
    }

    @Test func encodingsSeparatorsAndChineseHeaders() throws {
        let ledger = try newLedger()
        _ = try ledger.importFile(.students, path: fixture("tab-chinese.tsv"), dryRun: false, by: "t")
        _ = try ledger.importFile(.students, path: fixture("bom.csv"), dryRun: false, by: "t")
        _ = try ledger.importFile(.students, path: fixture("gb18030.csv"), dryRun: false, by: "t")
        let students = try ledger.termFacts().students
        #expect(students.map(\.id) == ["S005", "S006", "S007"])
        #expect(students.map(\.name) == ["周七", "吴八", "郑九"])
        #expect(students[0].grade == 1)  // 一年级
        #expect(students[2].category == "liushou")  // 留守儿童, by the category's name
        #expect(students[2].className == "五(3)班")
    }

    @Test func workbookSheetsByNameAndSerialDates() throws {
        let ledger = try seededLedger()
        let students = try ledger.importFile(.students, path: fixture("book.xlsx"), dryRun: false, by: "t")
        #expect(students.inserted == 1)
        let payments = try ledger.importFile(.payments, path: fixture("book.xlsx"), dryRun: false, by: "t")
        #expect(payments.inserted == 2)
        let facts = try ledger.termFacts()
        #expect(facts.students.contains(Student(id: "S008", name: "冯十", grade: 6, className: "六(1)班")))
        let r101 = try #require(facts.payments.first { $0.receipt == "R101" })
        #expect(r101.amount == Money(fen: 12050))
        #expect(r101.date == date("2024-09-03"))  // stored as a serial number
        #expect(r101.method == .alipay)
        #expect(facts.payments.first { $0.receipt == "R102" }?.method == .bank)
        #expect(XLSXReader.date(fromSerial: 45538) == date("2024-09-03"))
        let again = try ledger.importFile(.payments, path: fixture("book.xlsx"), dryRun: false, by: "t")
        #expect(again.unchanged == 2)
    }

    @Test func termFactsMatchAHandCountedTerm() throws {
        let ledger = try handCountedLedger()
        _ = try ledger.importCSV(
            .duties, data: csv("date,teacher_id,duty,course_id\n2024-09-03,T2,patrol,\n"), fileName: "d.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(.scores, data: csv("teacher_id,score\nT1,92.5\n"), fileName: "sc.csv", dryRun: false, by: "t")
        let facts = try ledger.termFacts()
        // X1 (16:30–17:30, 60 minutes): 8 scheduled lessons; held Sep 2 and 4, Sep 9 cancelled.
        // S001: present Sep 2, leave Sep 4 → present 1, leave 1, 60 minutes present. Read after the term (today),
        // no lesson is still to come: the window's lessons are the 2 held + 1 cancelled = 3. Minutes: held 2 × 60,
        // cancelled 60, on leave 60, term 8 × 60 = 480, window 3 × 60 = 180.
        let s1 = try #require(facts.usages.first { $0.studentId == "S001" && $0.courseId == "X1" })
        var expected = CourseUsage(
            studentId: "S001", courseId: "X1", enrolledFrom: date("2024-09-02"), termLessons: 8, heldLessons: 2,
            cancelledLessons: 1, present: 1, leave: 1, absent: 0, minutesPresent: 60, windowLessons: 3)
        expected.minutes = LessonMinutes(held: 120, cancelled: 60, leave: 60, absent: 0, term: 480, window: 180)
        #expect(s1 == expected)
        let s2 = try #require(facts.usages.first { $0.studentId == "S002" && $0.courseId == "X1" })
        #expect((s2.present, s2.absent, s2.leave, s2.minutesPresent) == (1, 1, 0, 60))
        // B1 meets on all 19 service days; 3 present × 90 minutes on Sep 2.
        #expect(facts.usages.first { $0.studentId == "S003" }?.termLessons == 19)
        #expect(
            facts.teaching == [
                TeachingTally(teacherId: "T1", courseId: "X1", heldLessons: 2, studentMinutesPresent: 120),
                TeachingTally(teacherId: "T2", courseId: "B1", heldLessons: 1, studentMinutesPresent: 270),
            ])
        #expect(
            facts.courseTallies == [
                CourseTally(courseId: "B1", held: 1, cancelled: 0, maxPresent: 3),
                CourseTally(courseId: "X1", held: 2, cancelled: 1, maxPresent: 1),
            ])
        // T1: 2 held X1 sessions (activity, 60 min each); T2: 1 held B1 (supervision, 90) + 1 patrol (40).
        #expect(
            facts.duties == [
                DutyTally(teacherId: "T1", duty: "activity", count: 2, minutes: 120),
                DutyTally(teacherId: "T2", duty: "patrol", count: 1, minutes: 40),
                DutyTally(teacherId: "T2", duty: "supervision", count: 1, minutes: 90),
            ])
        #expect(facts.qualityScores == ["T1": 9250])
        #expect(try ledger.dutyLog(teacherId: "T2").map(\.duty) == ["supervision", "patrol"])
    }
}
