import Foundation
import Hummingbird
import TuoguanCore
import TuoguanStore

/// Reads the language and the session from their cookies, loads the account (a disabled account's session
/// ends), reads a POST's form and refuses it (403) without the token of its session (or, for the login form,
/// of the login cookie). Errors of the pages become error pages in the user's language, with nothing internal.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let site: WebSite

    static let sessionCookie = "tuoguan_session"
    static let loginCookie = "tuoguan_login"
    static let languageCookie = "tuoguan_lang"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        var request = request
        do {
            context.path = request.uri.description
            context.language = request.cookies[Self.languageCookie]?.value == "en" ? .en : .zh
            if let token = request.cookies[Self.sessionCookie]?.value, var session = await site.sessions.find(token) {
                if let account = try site.ledger.account(named: session.accountName), !account.disabled {
                    session.role = account.role
                    session.scope = account.scope
                    context.session = session
                } else {
                    await site.sessions.remove(token)
                }
            }
            if request.method == .post {
                context.form = try await readForm(&request, context: context)
                try checkToken(request, context)
            }
            return try await next(request, context)
        } catch let refusal as WebRefusal where refusal.status == .unauthorized {
            let back = request.method == .get ? request.uri.description : "/"
            return .redirect(to: "/login?next=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
        } catch {
            return WebPage.error(error, site: site, context: context)
        }
    }

    func readForm(_ request: inout Request, context: Context) async throws -> WebForm {
        let buffer = try await request.collectBody(upTo: site.settings.uploadLimit)
        let bytes = Array(buffer.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data"), let range = type.range(of: "boundary=") {
            var boundary = String(type[range.upperBound...])
            if let semicolon = boundary.firstIndex(of: ";") { boundary = String(boundary[..<semicolon]) }
            boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            return WebForm(multipart: bytes, boundary: boundary)
        }
        return WebForm(urlEncoded: String(decoding: bytes, as: UTF8.self))
    }

    /// A POST's token must be its session's (or, before login, the login cookie's).
    func checkToken(_ request: Request, _ context: Context) throws {
        let sent = context.form["csrf"] ?? ""
        if let session = context.session {
            guard WebToken.same(sent, session.csrf) else { throw WebRefusal.badToken }
        } else {
            let cookie = request.cookies[Self.loginCookie]?.value ?? ""
            guard WebToken.same(sent, cookie) else { throw WebRefusal.badToken }
        }
    }
}
