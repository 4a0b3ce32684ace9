import Foundation
import Hummingbird
import HummingbirdBcrypt
import TuoguanCore
import TuoguanStore

/// Login, logout and the language switch.
struct LoginController {
    let site: WebSite

    /// A hash to check against when the name is unknown, so that an unknown name takes as long as a wrong password.
    static let decoy = Bcrypt.hash("tuoguan-decoy-password", cost: 10)

    func add(to router: Router<WebContext>) {
        router.get("/login") { request, context in try await loginPage(request, context) }
        router.post("/login") { request, context in try await login(request, context) }
        router.post("/logout") { request, context in await logout(request, context) }
        router.get("/lang/:lang") { request, context in language(request, context) }
    }

    func loginPage(_ request: Request, _ context: WebContext, error: String? = nil, name: String = "") async throws
        -> Response
    {
        if context.session != nil, error == nil { return WebPage.redirect(landing(context.session!.role)) }
        let existing = request.cookies[SessionMiddleware.loginCookie]?.value
        let token = existing ?? WebToken.make()
        let noAccounts = try site.ledger.accounts().isEmpty
        var next = request.uri.queryParameters["next"].map(String.init) ?? context.form["next"] ?? "/"
        next = WebPage.localPath(next)
        var response = WebPage.render(
            "login", title: LocalizedText(zh: "登录", en: "Log in"),
            ["loginToken": token, "error": error ?? "", "hasError": error != nil, "name": name, "next": next,
             "noAccounts": noAccounts],
            site: site, context: context, status: error == nil ? .ok : .unauthorized)
        if existing == nil { response.setCookie(cookie(SessionMiddleware.loginCookie, token)) }
        return response
    }

    func login(_ request: Request, _ context: WebContext) async throws -> Response {
        let name = context.form.text("name")
        let password = context.form["password"] ?? ""
        guard await site.limiter.allowed(name: name, remote: context.remote) else {
            let minutes = Int(site.settings.lockoutSeconds / 60)
            var response = try await loginPage(
                request, context,
                error: context.t("登录失败次数过多，请 \(minutes) 分钟后再试", "too many failed logins; try again in \(minutes) minutes"),
                name: name)
            response.status = .tooManyRequests
            return response
        }
        let account = try site.ledger.account(named: name)
        let ok = Bcrypt.verify(password, hash: account?.passwordHash ?? Self.decoy)
        guard let account, ok, !account.disabled else {
            await site.limiter.failed(name: name, remote: context.remote)
            return try await loginPage(
                request, context, error: context.t("账户名或密码不对", "wrong account name or password"), name: name)
        }
        await site.limiter.succeeded(name: name)
        let session = await site.sessions.create(account: account.name)
        let next = WebPage.localPath(context.form["next"])
        var response = WebPage.redirect(next == "/" ? landing(account.role) : next)
        response.setCookie(cookie(SessionMiddleware.sessionCookie, session.token))
        return response
    }

    func logout(_ request: Request, _ context: WebContext) async -> Response {
        if let token = context.session?.token { await site.sessions.remove(token) }
        var response = WebPage.redirect("/login")
        response.setCookie(Cookie(name: SessionMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func language(_ request: Request, _ context: WebContext) -> Response {
        let lang = context.parameters.get("lang") == "en" ? "en" : "zh"
        let back = WebPage.localPath(request.uri.queryParameters["back"].map(String.init))
        var response = WebPage.redirect(back)
        response.setCookie(
            Cookie(name: SessionMiddleware.languageCookie, value: lang, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    func cookie(_ name: String, _ value: String) -> Cookie {
        Cookie(name: name, value: value, path: "/", secure: site.settings.secureCookies, httpOnly: true, sameSite: .strict)
    }
}

/// The first page of a role.
func landing(_ role: AccountRole) -> String {
    switch role {
    case .clerk, .committee: return "/"
    case .principal: return "/workload"
    case .teacher: return "/attendance"
    }
}
