import Foundation
import Hummingbird
import Logging
import TuoguanCore
import TuoguanStore

/// `tuoguan serve`: the office's web page over one ledger.
///
/// ```swift
/// let site = try WebSite(ledger: try Ledger.open(at: "school.sqlite", rulesLoader: load))
/// try await WebServer.application(site: site, host: "127.0.0.1", port: 8080).runService()
/// ```
public enum WebServer {
    /// The router with every page, behind the security headers and the session middleware.
    public static func router(site: WebSite) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SessionMiddleware(site: site))
        LoginController(site: site).add(to: router)
        OverviewController(site: site).add(to: router)
        StudentsController(site: site).add(to: router)
        WorkbooksController(site: site).add(to: router)
        RecordController(site: site).add(to: router)
        ImportController(site: site).add(to: router)
        AttendanceController(site: site).add(to: router)
        ApprovalsController(site: site).add(to: router)
        router.get("/static/site.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: WebAssets.css)))
        }
        return router
    }

    /// The application listening on `host:port`.
    public static func application(site: WebSite, host: String, port: Int) -> some ApplicationProtocol {
        Application(
            router: router(site: site),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            logger: {
                var logger = Logger(label: "tuoguan-serve")
                logger.logLevel = .warning
                return logger
            }())
    }

    /// Whether `host` is this machine only (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// `serve` refuses a host other than this machine while the ledger has no account: nobody could log in,
    /// but the page would be open to the network.
    public static func checkHost(_ host: String, ledger: Ledger) throws {
        if !isLoopback(host), try ledger.accounts().filter({ !$0.disabled }).isEmpty {
            throw TuoguanError(
                .usage, zh: "账本还没有任何账户，只能在本机（127.0.0.1）上打开网页",
                en: "the ledger has no account yet, so the page is served on this machine (127.0.0.1) only",
                fix: LocalizedText(
                    zh: "先添加账户：tuoguan user add 姓名 --role clerk，再用 --host \(host)",
                    en: "add an account first (tuoguan user add NAME --role clerk), then --host \(host)"),
                at: SourceLocation(key: "--host"))
        }
    }
}
