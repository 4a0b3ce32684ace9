import Hummingbird
import NIOCore
import TuoguanCore
import TuoguanStore

/// What a request carries through the middleware to its page: who is logged in, the language, the form.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in account's session (nil: nobody).
    var session: WebSession?
    /// The language of the page: the `lang` cookie, Chinese by default.
    var language: Language = .zh
    /// A POST's fields (url-encoded or multipart), read once by the session middleware.
    var form = WebForm()
    /// The client's address, for the login limiter.
    let remote: String
    /// The page's path and query (`/students?q=张`), for the language switch to come back to.
    var path = "/"

    public init(source: Source) {
        coreContext = .init(source: source)
        remote = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Uploads (import files) up to 32 MB.
    public var maxUploadSize: Int { 32 << 20 }

    /// `zh` or `en` text by the page's language.
    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    /// The logged-in session whose role is one of `roles`; else a refusal (not logged in: to the login page).
    func require(_ roles: AccountRole...) throws -> WebSession {
        guard let session else { throw WebRefusal.loginNeeded }
        guard roles.contains(session.role) else { throw WebRefusal.forbidden }
        return session
    }
}

/// A page refused: not logged in (→ the login page), a role without the right (403), nothing there (404),
/// a form without its token (403), too many logins (429).
struct WebRefusal: Error {
    var status: HTTPResponse.Status
    var message: LocalizedText

    static let loginNeeded = WebRefusal(status: .unauthorized, message: LocalizedText(zh: "请先登录", en: "please log in first"))
    static let forbidden = WebRefusal(
        status: .forbidden, message: LocalizedText(zh: "您的账户无权查看或办理此项", en: "your account may not see or do this"))
    static let notFound = WebRefusal(status: .notFound, message: LocalizedText(zh: "没有这个页面", en: "there is no such page"))
    static let badToken = WebRefusal(
        status: .forbidden,
        message: LocalizedText(
            zh: "表单已过期或不是从本页面提交的，请返回、刷新后再提交", en: "the form expired or was not sent from this site: go back, reload and send it again"))
}
