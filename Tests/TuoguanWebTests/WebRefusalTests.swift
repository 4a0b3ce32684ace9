import Foundation
import HummingbirdTesting
import Testing
import TuoguanCore
import TuoguanStore
@testable import TuoguanWeb

/// What each role must not see or do: one test per refusal. A refusal is a 403 page that records nothing.
@Suite(.serialized) struct WebRefusalTests {
    /// Logs in as `name`, opens `uri` (GET) and expects a 403.
    func refusedGet(_ name: String, _ uri: String) async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            try await browser.login(name)
            let page = try await browser.get(uri)
            #expect(page.status == .forbidden, "\(name) \(uri)")
            #expect(page.body.contains("您的账户无权查看或办理此项"))
        }
    }

    /// Logs in as `name`, posts `fields` to `uri` with a valid token, expects a 403 and no new journal entry.
    func refusedPost(_ name: String, _ uri: String, _ fields: [(String, String)], page: String = "/workbooks") async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login(name)
            _ = try await browser.get(page)
            let before = try book.currentPoint()
            let response = try await browser.post(uri, fields)
            #expect(response.status == .forbidden, "\(name) \(uri)")
            #expect(try book.currentPoint() == before)
            #expect(try book.approvals().isEmpty)
        }
    }

    static let payment = [("receipt", "R-REFUSED"), ("student", "S000001"), ("amount", "10"), ("date", "2024-09-02"), ("method", "wechat")]

    @Test func nobodyLoggedInIsSentToTheLoginPage() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let page = try await browser.get("/students/S000001")
            #expect(page.status == .seeOther)
            #expect((page.headers[.location] ?? "").hasPrefix("/login?next="))
        }
    }

    @Test func teacherSeesNoStudentPage() async throws { try await refusedGet("李老师", "/students/S000001") }
    @Test func teacherSeesNoSearch() async throws { try await refusedGet("李老师", "/students?q=S") }
    @Test func teacherSeesNoOwedList() async throws { try await refusedGet("李老师", "/owed") }
    @Test func teacherSeesNoHistory() async throws { try await refusedGet("李老师", "/history") }
    @Test func teacherSeesNoPay() async throws { try await refusedGet("李老师", "/workload") }
    @Test func teacherGetsNoStatement() async throws { try await refusedGet("李老师", "/workbooks/statement") }
    @Test func teacherGetsNoNotices() async throws { try await refusedGet("李老师", "/workbooks/notices") }
    @Test func teacherOpensNoRecordForm() async throws { try await refusedGet("李老师", "/record/payment") }
    @Test func principalSeesNoStudentPage() async throws { try await refusedGet("刘校长", "/students/S000001") }
    @Test func principalGetsNoStatement() async throws { try await refusedGet("刘校长", "/workbooks/statement") }
    @Test func principalGetsNoRefundRegister() async throws { try await refusedGet("刘校长", "/workbooks/refundRegister") }
    @Test func principalOpensNoImport() async throws { try await refusedGet("刘校长", "/import") }
    @Test func committeeOpensNoRecordForm() async throws { try await refusedGet("张敏", "/record/payment") }
    @Test func committeeOpensNoImport() async throws { try await refusedGet("张敏", "/import") }
    @Test func clerkOpensNoAttendancePage() async throws { try await refusedGet("王会计", "/attendance") }

    @Test func teacherRecordsNoPayment() async throws { try await refusedPost("李老师", "/record/payment", Self.payment) }
    @Test func committeeRecordsNoPayment() async throws { try await refusedPost("张敏", "/record/payment", Self.payment) }
    @Test func principalRecordsNoPayment() async throws { try await refusedPost("刘校长", "/record/payment", Self.payment) }
    @Test func clerkApprovesNoStatement() async throws { try await refusedPost("王会计", "/approvals/statement", []) }
    @Test func principalApprovesNoStatement() async throws { try await refusedPost("刘校长", "/approvals/statement", []) }
    @Test func committeeConfirmsNoPay() async throws { try await refusedPost("张敏", "/approvals/pay", []) }
    @Test func teacherApprovesNothing() async throws { try await refusedPost("李老师", "/approvals/disclosure", []) }

    @Test func teacherMarksNoOtherClass() async throws {
        try await WebFixture.withSite { book, _, client in
            let facts = try book.termFacts()
            // A student of another class, and a course the teacher's class does not take.
            let other = try #require(facts.students.first { $0.className != "1年级1班" })
            let course = try #require(facts.usages.first { $0.studentId == other.id }).courseId
            var browser = Browser(client)
            try await browser.login("李老师")
            _ = try await browser.get("/attendance")
            let mine = facts.students.filter { $0.className == "1年级1班" }.map(\.id)
            let myCourses = Set(facts.usages.filter { mine.contains($0.studentId) }.map(\.courseId))
            if !myCourses.contains(course) {
                let page = try await browser.post("/attendance", [("date", "2024-09-02"), ("course", course), ("s_" + other.id, "absent")])
                #expect(page.status == .forbidden)
            }
            // A course of the class, with a student of another class slipped in.
            let shared = try #require(myCourses.sorted().first)
            let page = try await browser.post("/attendance", [("date", "2024-09-02"), ("course", shared), ("s_" + other.id, "absent")])
            #expect(page.status == .forbidden)
            #expect(try book.activity(limit: 5).allSatisfy { $0.recordedBy != "李老师" })
        }
    }

    @Test func aFormWithoutItsTokenIsRefused() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            _ = try await browser.get("/record/payment")
            let before = try book.currentPoint()
            let page = try await browser.post("/record/payment", Self.payment, token: false)
            #expect(page.status == .forbidden)
            #expect(page.body.contains("表单已过期"))
            #expect(try book.currentPoint() == before)
        }
    }

    @Test func aFormWithAnotherSessionsTokenIsRefused() async throws {
        try await WebFixture.withSite { book, _, client in
            var first = Browser(client)
            try await first.login("王会计")
            _ = try await first.get("/record/payment")
            var second = Browser(client)
            try await second.login("王会计")
            _ = try await second.get("/record/payment")
            second.csrf = first.csrf
            let before = try book.currentPoint()
            let page = try await second.post("/record/payment", Self.payment)
            #expect(page.status == .forbidden)
            #expect(try book.currentPoint() == before)
        }
    }

    @Test func aLoginWithoutItsTokenIsRefused() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let page = try await browser.post("/login", [("name", "王会计"), ("password", WebFixture.password)], token: false)
            #expect(page.status == .forbidden)
            #expect(browser.cookies["tuoguan_session"] == nil)
        }
    }

    @Test func aWrongPasswordIsRefused() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let page = try await browser.login("王会计", "not-the-password")
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("账户名或密码不对"))
            #expect(browser.cookies["tuoguan_session"] == nil)
        }
    }

    @Test func loginAttemptsAreLimited() async throws {
        try await WebFixture.withSite(settings: WebSettings(maxLoginFailures: 3)) { _, _, client in
            var browser = Browser(client)
            for _ in 0..<3 { _ = try await browser.login("王会计", "wrong-password") }
            // The fourth try is refused even with the right password.
            let page = try await browser.login("王会计")
            #expect(page.status == .tooManyRequests)
            #expect(page.body.contains("登录失败次数过多"))
            #expect(browser.cookies["tuoguan_session"] == nil)
        }
    }

    @Test func aDisabledAccountIsLoggedOutAtOnce() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("张敏")
            #expect(try await browser.get("/owed").status == .ok)
            try book.disableAccount("张敏", by: "test")
            let page = try await browser.get("/owed")
            #expect(page.status == .seeOther)
            let again = try await browser.login("张敏")
            #expect(again.status == .unauthorized)
        }
    }

    @Test func serveRefusesAnotherHostWithoutAccounts() throws {
        let dir = NSTemporaryDirectory() + "tuoguan-web-host-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let (template, _) = try WebFixture.ledger()
        let rules = template.rules
        let text = try template.storedRules()
        let book = try Ledger.create(at: dir + "/empty.sqlite", rules: rules, rulesText: text.text, rulesFile: text.file, by: "test")
        #expect(throws: TuoguanError.self) { try WebServer.checkHost("0.0.0.0", ledger: book) }
        try WebServer.checkHost("127.0.0.1", ledger: book)
        try book.addAccount(Account(name: "a", role: .clerk, scope: nil, passwordHash: WebAccounts.hash("x", cost: 4)), by: "t")
        try WebServer.checkHost("0.0.0.0", ledger: book)
    }
}
