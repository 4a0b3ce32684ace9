import Foundation
import Hummingbird
import Mustache
import TuoguanCore
import TuoguanStore

/// The ledger behind the web page, shared by every request.
///
/// A `Ledger` is a class over a GRDB `DatabasePool`, which serialises writes and lets reads run at once from any
/// thread; its rules are read once at open and never change. So one ledger serves every request.
struct LedgerHandle: @unchecked Sendable {
    let ledger: Ledger
}

/// How the web page behaves: the limits of login attempts and sessions.
///
/// ```swift
/// let settings = WebSettings(maxLoginFailures: 5, lockoutSeconds: 900)
/// ```
public struct WebSettings: Sendable {
    /// Failed logins for one name (or from one address) before logins are refused for `lockoutSeconds`.
    public var maxLoginFailures: Int
    public var lockoutSeconds: Double
    /// A session ends after this long without a request.
    public var sessionIdleSeconds: Double
    /// Set the cookies' `Secure` attribute (behind an HTTPS proxy).
    public var secureCookies: Bool
    /// The largest upload (an import file), in bytes.
    public var uploadLimit: Int

    public init(
        maxLoginFailures: Int = 5, lockoutSeconds: Double = 900, sessionIdleSeconds: Double = 8 * 3600,
        secureCookies: Bool = false, uploadLimit: Int = 32 << 20
    ) {
        self.maxLoginFailures = maxLoginFailures
        self.lockoutSeconds = lockoutSeconds
        self.sessionIdleSeconds = sessionIdleSeconds
        self.secureCookies = secureCookies
        self.uploadLimit = uploadLimit
    }
}

/// One school's web page: the ledger, the templates, the sessions and the login limiter.
///
/// ```swift
/// let site = try WebSite(ledger: ledger)
/// let app = WebServer.application(site: site, host: "127.0.0.1", port: 8080)
/// try await app.runService()
/// ```
public final class WebSite: Sendable {
    let handle: LedgerHandle
    let templates: MustacheLibrary
    let sessions: SessionStore
    let limiter: LoginLimiter
    let settings: WebSettings
    /// The import dry runs waiting for their "apply" click, by token.
    let pendingImports: PendingImports
    let termCache = TermCache()

    public init(ledger: Ledger, settings: WebSettings = WebSettings()) throws {
        handle = LedgerHandle(ledger: ledger)
        templates = try WebTemplates.library()
        sessions = SessionStore(idleSeconds: settings.sessionIdleSeconds)
        limiter = LoginLimiter(maxFailures: settings.maxLoginFailures, lockoutSeconds: settings.lockoutSeconds)
        pendingImports = PendingImports()
        self.settings = settings
    }

    var ledger: Ledger { handle.ledger }
}

/// Random tokens for sessions and forms: 32 bytes from the system's secure generator, as hex.
enum WebToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares two tokens in time that does not depend on where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
