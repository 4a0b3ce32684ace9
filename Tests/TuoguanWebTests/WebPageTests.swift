import Foundation
import HummingbirdTesting
import Testing
import TuoguanCore
import TuoguanStore
@testable import TuoguanWeb

/// Every page, as each role that may open it: status 200, Chinese by default, the role's menu.
@Suite(.serialized) struct WebPageTests {
    @Test func loginPageIsChineseWithSecurityHeaders() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let page = try await browser.get("/login")
            #expect(page.status == .ok)
            #expect(page.body.contains("账户名"))
            #expect(page.body.contains("<html lang=\"zh-CN\">"))
            let policy = page.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers[.xFrameOptions] == "DENY")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            // No inline script or style anywhere on the page.
            #expect(!page.body.contains("<script"))
            #expect(!page.body.contains("style="))
        }
    }

    @Test func loginSetsAStrictHttpOnlySessionCookie() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let page = try await browser.login("王会计")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/")
            let cookie = page.headers[values: .setCookie].first { $0.hasPrefix("tuoguan_session=") } ?? ""
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
        }
    }

    static let clerkPages = [
        "/", "/students?q=S00000", "/students/S000001", "/owed", "/owed?class=1%E5%B9%B4%E7%BA%A71%E7%8F%AD", "/record",
        "/record/payment", "/record/refund", "/record/withdrawal", "/record/cancellation", "/record/undo", "/record/expense",
        "/record/correction", "/import", "/workbooks", "/history", "/approvals", "/workload",
    ]

    @Test(arguments: [
        ("王会计", clerkPages),
        ("张敏", ["/", "/students?q=S00000", "/students/S000001", "/owed", "/workbooks", "/history", "/approvals", "/workload"]),
        ("刘校长", ["/workload", "/approvals", "/workbooks"]),
        ("李老师", ["/attendance", "/workbooks"]),
    ])
    func everyPageOfARole(name: String, pages: [String]) async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            try await browser.login(name)
            for uri in pages {
                let page = try await browser.get(uri)
                #expect(page.status == .ok, "\(name) \(uri)")
                #expect(page.body.contains("<main>"), "\(uri)")
                #expect(!page.body.contains("Error"), "\(uri)")
            }
        }
    }

    @Test func overviewShowsTheStatementsFigures() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("张敏")
            let page = try await browser.get("/")
            let result = try TermComputation.compute(rules: book.rules, facts: try book.termFacts())
            // The page prints the term computation's income, not a figure of its own.
            #expect(page.body.contains(result.fund.income.formatted()))
            #expect(page.body.contains("已收"))
            #expect(page.body.contains("最近记录"))
        }
    }

    @Test func studentSearchAndPage() async throws {
        try await WebFixture.withSite { book, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            let student = try #require(try book.termFacts().students.first)
            let name = String(student.name.prefix(1))
            let found = try await browser.get("/students?q=" + Browser.encode(name))
            #expect(found.body.contains("/students/\(student.id)"))
            let page = try await browser.get("/students/\(student.id)")
            #expect(page.body.contains(student.name))
            #expect(page.body.contains("报名与考勤"))
            #expect(page.body.contains("每笔金额的来历"))
            #expect(page.body.contains("改动记录"))
        }
    }

    @Test func englishByTheSwitch() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let switched = try await browser.get("/lang/en?back=%2Flogin")
            #expect(switched.status == .seeOther)
            #expect(switched.headers[.location] == "/login")
            let page = try await browser.get("/login")
            #expect(page.body.contains("Account name"))
            #expect(!page.body.contains("账户名"))
        }
    }

    @Test func languageSwitchNeverLeavesTheSite() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            let page = try await browser.get("/lang/en?back=https%3A%2F%2Fexample.org%2F")
            #expect(page.headers[.location] == "/")
            let protocolRelative = try await browser.get("/lang/en?back=%2F%2Fexample.org")
            #expect(protocolRelative.headers[.location] == "/")
        }
    }

    @Test func workbookDownloads() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            try await browser.login("张敏")
            for name in ["statement", "disclosure", "workload", "refundRegister", "subsidyClaim", "findings", "notices", "topUpNotices", "owed"] {
                let file = try await browser.get("/workbooks/\(name)")
                #expect(file.status == .ok, "\(name)")
                #expect(file.bytes.starts(with: [0x50, 0x4B]), "\(name) is a zip (xlsx)")
                #expect((file.headers[.contentDisposition] ?? "").hasPrefix("attachment;"))
            }
        }
    }

    @Test func notFoundPageSaysNothingInternal() async throws {
        try await WebFixture.withSite { _, _, client in
            var browser = Browser(client)
            try await browser.login("王会计")
            for uri in ["/students/NOPE", "/no-such-page", "/record/nothing"] {
                let page = try await browser.get(uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.body.contains("没有这个页面"))
                for word in ["Swift", "SQL", "sqlite", ".swift", "Error", "Fatal"] { #expect(!page.body.contains(word), "\(uri) \(word)") }
            }
        }
    }
}
