import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
import TuoguanRules
import TuoguanStore
@testable import TuoguanCommands
@testable import TuoguanWeb

/// A sample school's ledger for the page tests: `tuoguan demo`'s term for 60 students, with one account of
/// each role. Made once, copied for each test.
enum WebFixture {
    static let password = "correct-horse-9"
    /// The accounts: name → (role, class).
    static let accounts: [(String, AccountRole, String?)] = [
        ("王会计", .clerk, nil), ("张敏", .committee, nil), ("刘校长", .principal, nil), ("李老师", .teacher, "1年级1班"),
    ]
    private static let made = Mutex<String?>(nil)

    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func template() throws -> String {
        try made.withLock { path in
            if let path { return path }
            let dir = NSTemporaryDirectory() + "tuoguan-web-fixture-\(getpid())"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let db = dir + "/demo.sqlite"
            var demo = try Tuoguan.Demo.parse(["--students", "60", "--keep-db", db, "--out", dir + "/reports", "--lang", "zh"])
            try demo.run()
            let book = try open(db)
            for (name, role, scope) in accounts {
                try book.addAccount(Account(name: name, role: role, scope: scope, passwordHash: WebAccounts.hash(password, cost: 4)), by: "test")
            }
            path = db
            return db
        }
    }

    static func open(_ path: String) throws -> Ledger {
        try Ledger.open(at: path, rulesLoader: { text, file in try RulesLoader.parse(text, file: file) })
    }

    /// A fresh copy of the sample ledger.
    static func ledger() throws -> (Ledger, String) {
        let source = try template()
        let dir = NSTemporaryDirectory() + "tuoguan-web-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/school.sqlite"
        // Nothing writes the template after it is made: its file and its write-ahead log are copied as they are.
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: path + suffix)
        }
        return (try open(path), path)
    }

    /// Runs `test` against the router of a site over a fresh copy of the sample ledger.
    static func withSite(
        settings: WebSettings = WebSettings(), _ test: @Sendable (Ledger, String, any TestClientProtocol) async throws -> Void
    ) async throws {
        let (book, path) = try ledger()
        let site = try WebSite(ledger: book, settings: settings)
        let handle = UncheckedLedger(book)
        let app = Application(router: WebServer.router(site: site))
        try await app.test(.router) { client in try await test(handle.ledger, path, client) }
    }
}

struct UncheckedLedger: @unchecked Sendable {
    let ledger: Ledger
    init(_ ledger: Ledger) { self.ledger = ledger }
}

/// A browser's part in a test: the cookies it keeps and the form token of the last page.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var bytes: [UInt8]
    }

    init(_ client: any TestClientProtocol) { self.client = client }

    mutating func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer? = nil, type: String? = nil) async throws -> Page {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let type { headers[.contentType] = type }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let bytes = Array(response.body.readableBytesView)
        let text = String(decoding: bytes, as: UTF8.self)
        if let range = text.range(of: "name=\"csrf\" value=\"") {
            csrf = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return Page(status: response.status, headers: response.headers, body: text, bytes: bytes)
    }

    mutating func get(_ uri: String) async throws -> Page { try await send(uri, method: .get) }

    /// A url-encoded POST with the page's token (unless `token` is false).
    mutating func post(_ uri: String, _ fields: [(String, String)], token: Bool = true) async throws -> Page {
        var all = fields
        if token { all.append(("csrf", csrf)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, method: .post, body: ByteBuffer(string: body), type: "application/x-www-form-urlencoded")
    }

    /// A multipart POST of one file and some fields, with the page's token.
    mutating func upload(_ uri: String, _ fields: [(String, String)], file: (field: String, name: String, bytes: [UInt8])) async throws -> Page {
        let boundary = "----tuoguan-test-boundary"
        var body = ""
        for (k, v) in fields + [("csrf", csrf)] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n"
        }
        var bytes = Array(body.utf8)
        bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        bytes += file.bytes
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(uri, method: .post, body: ByteBuffer(bytes: bytes), type: "multipart/form-data; boundary=\(boundary)")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Logs in (the login page first, for its token).
    @discardableResult
    mutating func login(_ name: String, _ password: String = WebFixture.password) async throws -> Page {
        _ = try await get("/login")
        return try await post("/login", [("name", name), ("password", password), ("next", "/")])
    }
}
