import Foundation
import HummingbirdTesting
import Testing
import TuoguanCore
import TuoguanStore
@testable import TuoguanWeb

/// Imports by upload, a class teacher's marks, approvals at a point of the ledger, the history.
@Suite(.serialized) struct WebWorkflowTests {
    @Test func anImportIsCheckedFirstThenAppliedByOneClick() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/import")
            let csv = "receipt,student_id,amount,date,method\nUP001,S000004,30.00,2024-09-05,cash\nUP002,S000005,40.00,2024-09-05,微信\n"
            let before = try book.currentPoint()
            let checked = try await browser.upload("/import", [("kind", "payments")], file: ("file", "收款.csv", Array(csv.utf8)))
            #expect(checked.status == .ok)
            #expect(checked.body.contains("检查通过（尚未导入）：读取 2 行，新增 2 条"))
            #expect(try book.currentPoint() == before)
            let token = try #require(checked.body.range(of: "name=\"token\" value=\"")).upperBound
            let value = String(checked.body[token...].prefix { $0 != "\"" })
            let applied = try await browser.post("/import/apply", [("token", value)])
            #expect(applied.body.contains("已导入"))
            #expect(try book.currentPoint().journalEntries == before.journalEntries + 2)
            #expect(try book.moneyRecord(id: "UP002")?.recordedBy == "王会计")
            // The same click again finds nothing to apply.
            let again = try await browser.post("/import/apply", [("token", value)])
            #expect(again.status == .unprocessableContent)
        }
    }

    @Test func anImportsProblemsAreShownAtTheirCells() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/import")
            let csv = "receipt,student_id,amount,date,method\nUP010,S000004,30.00,2024-09-05,cash\nUP011,S000005,4o.00,2024-09-05,cash\nUP012,S999999,10,2024-09-05,cash\n"
            let before = try book.currentPoint()
            let page = try await browser.upload("/import", [("kind", "payments")], file: ("file", "收款.csv", Array(csv.utf8)))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("账本未改动"))
            // Line 3 of the uploaded file, by its own name, at the amount: "UP011," is 6 characters and
            // "S000005," 8, so "4o.00" starts at character 6 + 8 + 1 = 15; line 4's S999999 at 6 + 1 = 7.
            #expect(page.body.contains("第 3 行第 15 字"))
            #expect(page.body.contains("第 4 行第 7 字"))
            #expect(!page.body.contains("tuoguan-import-"))
            #expect(try book.currentPoint() == before)
        }
    }

    @Test func anUploadWithoutAFileIsShownBesideTheField() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/import")
            let page = try await browser.upload("/import", [("kind", "payments")], file: ("file", "", []))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("请选择要上传的文件"))
        }
    }

    @Test func aTeachersMarksGoThroughTheImport() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("李老师")
            let page = try await browser.get("/attendance?date=2024-09-03")
            #expect(page.status == .ok)
            // The marks recorded for the day are shown; saving them again records nothing new.
            let fields = Self.radios(in: page.body)
            #expect(!fields.isEmpty)
            let course = try #require(Self.hidden("course", in: page.body))
            let saved = try await browser.post("/attendance", [("date", "2024-09-03"), ("course", course)] + fields)
            #expect(saved.status == .ok)
            #expect(saved.body.contains("新增 0 条，未变 \(fields.count) 条"))
            // A mark changed is the import's conflict, shown on the page; nothing changes.
            let before = try book.attendanceMarks(courseId: course, date: CivilDate(parsing: "2024-09-03")!)
            var changed = fields
            changed[0].1 = changed[0].1 == "absent" ? "present" : "absent"
            let conflict = try await browser.post("/attendance", [("date", "2024-09-03"), ("course", course)] + changed)
            #expect(conflict.status == .unprocessableContent)
            #expect(try book.attendanceMarks(courseId: course, date: CivilDate(parsing: "2024-09-03")!) == before)
        }
    }

    /// The checked radio of each student: `[("s_S000001", "present"), …]`.
    static func radios(in body: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for part in body.components(separatedBy: "<input type=\"radio\" ").dropFirst() where part.hasPrefix("name=\"s_") {
            guard part.prefix(120).contains(" checked>") else { continue }
            let name = String(part.dropFirst(6).prefix { $0 != "\"" })
            let value = String(part.components(separatedBy: "value=\"")[1].prefix { $0 != "\"" })
            out.append((name, value))
        }
        return out
    }

    static func hidden(_ name: String, in body: String) -> String? {
        guard let r = body.range(of: "type=\"hidden\" name=\"\(name)\" value=\"") else { return nil }
        return String(body[r.upperBound...].prefix { $0 != "\"" })
    }

    @Test func approvalAtAPointAndWhatCameAfter() async throws {
        try await WebFixture.withSite { book, _, client in
            var committee = Browser(client)
            try await committee.login("张敏")
            _ = try await committee.get("/approvals")
            let point = try book.currentPoint()
            let approved = try await committee.post("/approvals/statement", [("note", "")])
            #expect(approved.status == .ok)
            #expect(approved.body.contains("经 张敏 于 "))
            #expect(approved.body.contains("审核，账本第 \(point.journalEntries) 笔"))
            let approval = try #require(try book.latestApproval(.statement))
            #expect(approval.point == point)
            #expect(approval.approvedBy == "张敏")
            // The clerk records a payment: it is after the approval.
            var clerk = Browser(client)
            try await clerk.login("王会计")
            _ = try await clerk.get("/record/payment")
            _ = try await clerk.post("/record/payment", [("receipt", "AF001"), ("student", "S000002"), ("amount", "5"), ("date", "2024-09-03"), ("method", "cash")])
            let page = try await committee.get("/approvals")
            #expect(page.body.contains("此后又登记了 1 笔，未经审核"))
            let history = try await committee.get("/history")
            #expect(history.body.contains("审核后"))
        }
    }

    @Test func principalConfirmsThePay() async throws {
        try await WebFixture.withSite { book, _, client in
            var principal = Browser(client)
            try await principal.login("刘校长")
            _ = try await principal.get("/approvals")
            let page = try await principal.post("/approvals/pay", [("note", "已核对")])
            #expect(page.body.contains("经 刘校长 于 "))
            #expect(page.body.contains("确认，账本第 "))
            let workload = try await principal.get("/workload")
            #expect(workload.body.contains("经 刘校长 于 "))
            #expect(try book.latestApproval(.pay)?.note == "已核对")
        }
    }
}

/// The class teacher's wide sheet (one column per date) by upload: read like `tuoguan import attendance`.
@Suite(.serialized) struct WebWideSheetTests {
    @Test func aWideSheetIsCheckedByUpload() async throws {
        try await WebFixture.withSite { book, _, client in
            let day = try #require(CivilDate(parsing: "2025-01-17"))
            let marks = try book.attendanceMarks(courseId: "B0001", date: day)
            let (student, mark) = try #require(marks.sorted { $0.key < $1.key }.first)
            let word = ["present": "√", "leave": "假", "absent": "×"][mark]!
            let name = try #require(try book.termFacts(forStudent: student)?.students.first { $0.id == student }).name
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/import")
            let sheet = "学号,姓名,1月17日\n\(student),\(name),\(word)\n"
            let page = try await browser.upload(
                "/import", [("kind", "attendance"), ("course", "B0001")], file: ("file", "考勤表.csv", Array(sheet.utf8)))
            // The one mark is the one recorded: nothing new, one unchanged.
            #expect(page.body.contains("读取 1 行，新增 0 条，未变 1 条"))
            // A date outside the term is an error at its header cell, and nothing is recorded.
            let before = try book.currentPoint()
            let outside = "学号,姓名,7月3日\n\(student),\(name),√\n"
            let refused = try await browser.upload(
                "/import", [("kind", "attendance"), ("course", "B0001")], file: ("file", "考勤表.csv", Array(outside.utf8)))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("第 1 行"))
            #expect(try book.currentPoint() == before)
        }
    }
}
