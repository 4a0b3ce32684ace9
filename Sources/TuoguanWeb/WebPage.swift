import Foundation
import Hummingbird
import Mustache
import TuoguanCore
import TuoguanStore

/// Renders a page: its template inside the layout (the menu of the role, the language switch, the logout form).
///
/// ```swift
/// return WebPage.render("students", title: LocalizedText(zh: "学生", en: "Students"), ["rows": rows],
///                       site: site, context: context)
/// ```
enum WebPage {
    static func render(
        _ template: String, title: LocalizedText, _ data: [String: Any], site: WebSite, context: WebContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var data = data
        let zh = context.language == .zh
        data["zh"] = zh
        data["csrf"] = context.session?.csrf ?? ""
        let body = site.templates.render(data, withTemplate: template) ?? ""
        var layout: [String: Any] = [
            "zh": zh, "lang": zh ? "zh-CN" : "en", "title": title.text(context.language), "body": body,
            "school": site.ledger.rules.school, "term": site.ledger.rules.termTitle, "nav": [[String: Any]](),
        ]
        if let session = context.session {
            layout["user"] = session.accountName
            layout["role"] = session.role.title(context.language)
            layout["csrf"] = session.csrf
            layout["nav"] = menu(session.role, context.language)
        }
        let back = context.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "%2F"
        layout["switchHref"] = "/lang/" + (zh ? "en" : "zh") + "?back=" + back
        layout["switchLabel"] = zh ? "English" : "中文"
        let html = site.templates.render(layout, withTemplate: "layout") ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The menu of a role: only the pages it may open.
    static func menu(_ role: AccountRole, _ language: Language) -> [[String: Any]] {
        let all: [(String, String, String, [AccountRole])] = [
            ("/", "总览", "Overview", [.clerk, .committee]),
            ("/students", "学生", "Students", [.clerk, .committee]),
            ("/owed", "催缴", "Owed", [.clerk, .committee]),
            ("/record", "登记", "Record", [.clerk]),
            ("/import", "导入", "Import", [.clerk]),
            ("/attendance", "考勤", "Attendance", [.teacher]),
            ("/workload", "课酬", "Pay", [.committee, .principal, .clerk]),
            ("/approvals", "审核", "Approvals", [.committee, .principal, .clerk]),
            ("/workbooks", "工作簿", "Workbooks", AccountRole.allCases),
            ("/history", "记录", "History", [.clerk, .committee]),
        ]
        return all.filter { $0.3.contains(role) }.map { ["href": $0.0, "label": language == .zh ? $0.1 : $0.2] }
    }

    /// The page of an error: a refusal with its status, a `TuoguanError` (400, 409 for a conflict, 503 when the
    /// ledger is busy) with its message and fix, anything else as 500 without a word of what it was.
    static func error(_ error: Error, site: WebSite, context: WebContext) -> Response {
        let language = context.language
        var status: HTTPResponse.Status = .internalServerError
        var message = LocalizedText(zh: "服务器出错了，请稍后再试；如果一直出错，请联系管理账本的老师", en: "something went wrong on the server; try again later, and if it keeps happening tell whoever keeps the ledger")
        var fix: String?
        switch error {
        case let refusal as WebRefusal:
            status = refusal.status
            message = refusal.message
        case let failure as TuoguanError:
            status = failure.code == .conflict ? .conflict : failure.code == .ledgerBusy ? .serviceUnavailable : .badRequest
            message = failure.message
            fix = failure.fix?.text(language)
        case let http as HTTPError:
            status = http.status
            message = statusText(http.status)
        default:
            FileHandle.standardError.write(Data("tuoguan serve: \(type(of: error))\n".utf8))
        }
        let data: [String: Any] = [
            "status": Int(status.code), "message": message.text(language), "fix": fix ?? "", "hasFix": fix != nil,
            "home": context.session == nil ? "/login" : "/",
        ]
        return render("error", title: LocalizedText(zh: "出错了", en: "Error"), data, site: site, context: context, status: status)
    }

    static func statusText(_ status: HTTPResponse.Status) -> LocalizedText {
        switch status.code {
        case 404: return WebRefusal.notFound.message
        case 405: return LocalizedText(zh: "此页面不接受这种请求", en: "this page does not take this kind of request")
        case 413: return LocalizedText(zh: "上传的文件太大", en: "the uploaded file is too large")
        case 400..<500: return LocalizedText(zh: "请求有误", en: "the request was not understood")
        default: return LocalizedText(zh: "服务器出错了，请稍后再试", en: "something went wrong on the server; try again later")
        }
    }

    /// An error page without templates (the last resort).
    static func plainError(status: HTTPResponse.Status, _ language: Language) -> Response {
        let text = statusText(status).text(language)
        let html = "<!doctype html><meta charset=utf-8><title>\(status.code)</title><p>\(text)</p>"
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A 303 to `path`.
    static func redirect(_ path: String) -> Response { .redirect(to: path, type: .normal) }

    /// `path` if it is a path of this site (`/students?q=张`), else `/`: no redirect leaves the site.
    static func localPath(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\") else { return "/" }
        return path
    }
}
