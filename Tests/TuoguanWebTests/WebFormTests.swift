import Foundation
import HummingbirdTesting
import Testing
import TuoguanCore
import TuoguanStore
@testable import TuoguanWeb

/// The recording forms: the library's errors beside their fields with nothing recorded, and what is recorded
/// carries the logged-in user as `by`.
@Suite(.serialized) struct WebFormTests {
    /// The error paragraph beside `field` (`<p class="error field-error" id="e-amount">…</p>`).
    func errorBeside(_ field: String, in body: String) -> String? {
        guard let start = body.range(of: "id=\"e-\(field)\">") else { return nil }
        return String(body[start.upperBound...].prefix { $0 != "<" })
    }

    func clerkForm(_ uri: String, _ fields: [(String, String)]) async throws -> (Browser.Page, LedgerPoint, LedgerPoint, Ledger) {
        nonisolated(unsafe) var out: (Browser.Page, LedgerPoint, LedgerPoint, Ledger)?
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get(uri)
            let before = try book.currentPoint()
            let page = try await browser.post(uri, fields)
            out = (page, before, try book.currentPoint(), book)
        }
        return try #require(out)
    }

    @Test func paymentRecordedWithTheLoggedInUser() async throws {
        let (page, before, after, book) = try await clerkForm(
            "/record/payment", [("receipt", "W0001"), ("student", "S000002"), ("amount", "¥120.50"), ("date", "2024/9/3"), ("method", "alipay")])
        #expect(page.status == .ok)
        #expect(page.body.contains("已登记收款 W0001：S000002 120.50 元"))
        #expect(after.journalEntries == before.journalEntries + 1)
        let record = try #require(try book.moneyRecord(id: "W0001"))
        #expect(record.recordedBy == "王会计")
        #expect(record.amount == Money(fen: 12050))
        #expect(record.method == .alipay)
    }

    @Test func aBadAmountIsShownBesideItsField() async throws {
        let (page, before, after, _) = try await clerkForm(
            "/record/payment", [("receipt", "W0002"), ("student", "S000002"), ("amount", "12.345"), ("date", "2024-09-03"), ("method", "wechat")])
        #expect(page.status == .unprocessableContent)
        let error = try #require(errorBeside("amount", in: page.body))
        #expect(!error.isEmpty)
        #expect(after == before)
        // What the clerk typed is kept in the form.
        #expect(page.body.contains("value=\"12.345\""))
    }

    @Test func anUnknownStudentIsShownBesideItsField() async throws {
        let (page, before, after, _) = try await clerkForm(
            "/record/payment", [("receipt", "W0003"), ("student", "S999999"), ("amount", "10"), ("date", "2024-09-03"), ("method", "wechat")])
        #expect(page.status == .unprocessableContent)
        let error = try #require(errorBeside("student", in: page.body))
        #expect(error.contains("S999999"))
        #expect(after == before)
    }

    @Test func aZeroPaymentIsTheLibrarysRefusal() async throws {
        let (page, before, after, _) = try await clerkForm(
            "/record/payment", [("receipt", "W0004"), ("student", "S000002"), ("amount", "0"), ("date", "2024-09-03"), ("method", "wechat")])
        #expect(page.status == .unprocessableContent)
        #expect(try #require(errorBeside("amount", in: page.body)).contains("缴费金额必须大于零"))
        #expect(after == before)
    }

    @Test func aMissingDateIsRequired() async throws {
        let (page, before, after, _) = try await clerkForm(
            "/record/payment", [("receipt", "W0005"), ("student", "S000002"), ("amount", "10"), ("date", ""), ("method", "wechat")])
        #expect(try #require(errorBeside("date", in: page.body)).contains("此项必填"))
        #expect(after == before)
    }

    @Test func aReceiptAgainWithOtherContentsIsAConflict() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/record/payment")
            let fields = [("receipt", "W0006"), ("student", "S000002"), ("amount", "10"), ("date", "2024-09-03"), ("method", "wechat")]
            #expect(try await browser.post("/record/payment", fields).status == .ok)
            let again = try await browser.post("/record/payment", fields)
            #expect(again.body.contains("已登记过，内容相同"))
            var other = fields
            other[2] = ("amount", "11")
            let conflict = try await browser.post("/record/payment", other)
            #expect(conflict.status == .unprocessableContent)
            #expect(try #require(errorBeside("receipt", in: conflict.body)).contains("W0006"))
            #expect(try book.moneyRecords(studentId: "S000002").filter { $0.entryId == "W0006" }.count == 1)
        }
    }

    @Test func withdrawalAndItsUndo() async throws {
        try await WebFixture.withSite { book, _, client in
            let facts = try book.termFacts()
            let usage = try #require(facts.usages.first { $0.courseId.hasPrefix("X") && $0.withdrawnOn == nil })
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/record/withdrawal")
            // The day after the last service day: attendance is recorded up to it, and the term has not ended.
            let last = try #require(book.rules.serviceDays.last)
            let day = CivilDate(dayNumber: last.dayNumber + 1)
            let withdrawn = try await browser.post(
                "/record/withdrawal", [("student", usage.studentId), ("course", usage.courseId), ("date", day.description), ("id", "WTK1")])
            #expect(withdrawn.status == .ok)
            #expect(withdrawn.body.contains("退出 \(usage.courseId)"))
            let undone = try await browser.post("/record/undo", [("entry", "WTK1"), ("id", "WUD1"), ("note", "家长撤回")])
            #expect(undone.status == .ok)
            #expect(undone.body.contains("已撤销 WTK1"))
            let events = try book.activity(limit: 5).filter { $0.what == "withdrawal" || $0.what == "undo" }
            #expect(events.count == 2)
            #expect(events.allSatisfy { $0.recordedBy == "王会计" })
        }
    }

    @Test func anUndoWithoutItsReasonIsRefusedBesideTheField() async throws {
        let (page, before, after, _) = try await clerkForm("/record/undo", [("entry", "TK-0001"), ("id", "WUD2"), ("note", "")])
        #expect(try #require(errorBeside("note", in: page.body)).contains("此项必填"))
        #expect(after == before)
    }

    @Test func anExpenseOverItsPoolIsRefusedBesideTheAmount() async throws {
        let (page, before, after, book) = try await clerkForm(
            "/record/expense", [("id", "WE1"), ("pool", "equipment"), ("amount", "9999999"), ("date", "2024-10-08"), ("payee", "文具店"), ("note", "")])
        _ = book
        #expect(page.status == .unprocessableContent)
        #expect(try #require(errorBeside("amount", in: page.body)).isEmpty == false)
        #expect(after == before)
    }

    @Test func aCorrectionReversesAnEntry() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/record/payment")
            _ = try await browser.post("/record/payment", [("receipt", "W0010"), ("student", "S000003"), ("amount", "50"), ("date", "2024-09-03"), ("method", "cash")])
            let page = try await browser.post("/record/correction", [("entry", "W0010"), ("id", "WCR1"), ("note", "录错")])
            #expect(page.body.contains("已冲销 W0010"))
            #expect(try book.moneyRecord(id: "W0010")?.reversedBy == "WCR1")
        }
    }

    @Test func aRefundByTheForm() async throws {
        try await WebFixture.withSite { book, _, client in
            let result = try TermComputation.compute(rules: book.rules, facts: try book.termFacts())
            guard let s = result.students.first(where: { $0.balance.fen < 0 }) else { return }
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/record/refund")
            let page = try await browser.post(
                "/record/refund", [("id", "WTF1"), ("student", s.student.id), ("amount", Money(fen: -s.balance.fen).formatted()),
                                   ("reason", "settlement"), ("date", "2025-01-10"), ("note", "期末结算")])
            #expect(page.status == .ok)
            #expect(try book.moneyRecord(id: "WTF1")?.recordedBy == "王会计")
        }
    }

    @Test func aCancellationByTheForm() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/record/cancellation")
            let bad = try await browser.post("/record/cancellation", [("date", "2024-13-45"), ("reason", "台风")])
            #expect(try #require(errorBeside("date", in: bad.body)).contains("2024-13-45"))
            // A day whose sessions have attendance cannot be cancelled: the library's conflict, beside the date.
            let day = try #require(book.rules.serviceDays.dropFirst(3).first)
            let before = try book.currentPoint()
            let page = try await browser.post("/record/cancellation", [("date", day.description), ("reason", "运动会")])
            #expect(page.status == .unprocessableContent)
            #expect(try #require(errorBeside("date", in: page.body)).contains("B0001"))
            #expect(try book.currentPoint() == before)
        }
    }
}

/// A student's correction from the page: the reason is required, the history keeps it with the account's name.
@Suite(.serialized) struct WebStudentEditTests {
    @Test func aCorrectionWithItsReasonIsKeptInTheHistory() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            let page = try await browser.get("/students/S000003")
            let start = try #require(page.body.range(of: "href=\"/record/student?")).lowerBound
            let href = String(page.body[page.body.index(start, offsetBy: 6)...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let form = try await browser.get(href)
            // The form comes filled with what the ledger holds.
            let student = try #require(try book.termFacts(forStudent: "S000003")?.students.first { $0.id == "S000003" })
            #expect(form.body.contains("value=\"\(student.className)\""))
            let missing = try await browser.post(
                "/record/student", [("student", "S000003"), ("name", student.name), ("grade", String(student.grade)), ("class", "3年级9班"),
                                    ("category", student.category ?? "none"), ("note", "")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("id=\"e-note\">此项必填"))
            #expect(try book.history(of: .student, id: "S000003").isEmpty)
            let done = try await browser.post(
                "/record/student", [("student", "S000003"), ("name", student.name), ("grade", String(student.grade)), ("class", "3年级9班"),
                                    ("category", student.category ?? "none"), ("note", "转班")])
            #expect(done.body.contains("已更正 S000003：班级"))
            let history = try book.history(of: .student, id: "S000003")
            #expect(history.count == 1)
            #expect(history.first?.newValue == "3年级9班" && history.first?.recordedBy == "王会计" && history.first?.note == "转班")
        }
    }
}
