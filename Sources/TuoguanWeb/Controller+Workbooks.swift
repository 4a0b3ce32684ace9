import Foundation
import Hummingbird
import TuoguanCore
import TuoguanReports
import TuoguanStore

/// Every workbook for download, by role: the committee and the clerk every money workbook, the principal the
/// workload and pay, everyone the disclosure (it names no child: it is for all parents).
struct WorkbooksController {
    let site: WebSite

    /// Who may download each workbook (`owed` is the 催缴名单).
    static func roles(_ name: String) -> [AccountRole] {
        switch name {
        case Workbooks.Kind.disclosure.rawValue: return AccountRole.allCases
        case Workbooks.Kind.workload.rawValue: return [.clerk, .committee, .principal]
        default: return [.clerk, .committee]
        }
    }

    /// The six of the term, the families' notices, the top-up notices and the owed list. (Receipts and the
    /// refund sign-for sheet are printed at the terminal: `tuoguan receipt`, `tuoguan settle --sheet`.)
    static let names = (Workbooks.Kind.termWorkbooks + [.notices, .topUpNotices]).map(\.rawValue) + ["owed"]

    func add(to router: Router<WebContext>) {
        router.get("/workbooks") { _, context in try list(context) }
        router.get("/workbooks/:name") { request, context in try download(request, context) }
    }

    func title(_ name: String, _ language: Language) -> String {
        if let kind = Workbooks.Kind(rawValue: name) { return kind.title(language) }
        return language == .zh ? "催缴名单" : "Families who owe"
    }

    func fileName(_ name: String, _ language: Language) -> String {
        Workbooks.Kind(rawValue: name)?.fileName(language) ?? Workbooks.owedListFileName(language)
    }

    func list(_ context: WebContext) throws -> Response {
        guard let session = context.session else { throw WebRefusal.loginNeeded }
        let rows = Self.names.filter { Self.roles($0).contains(session.role) }.map { name -> [String: Any] in
            ["href": "/workbooks/" + name, "title": title(name, context.language), "file": fileName(name, context.language)]
        }
        return WebPage.render(
            "workbooks", title: LocalizedText(zh: "工作簿下载", en: "Workbooks"), ["rows": rows],
            site: site, context: context)
    }

    func download(_ request: Request, _ context: WebContext) throws -> Response {
        guard let session = context.session else { throw WebRefusal.loginNeeded }
        let name = context.parameters.get("name") ?? ""
        guard Self.names.contains(name) else { throw WebRefusal.notFound }
        guard Self.roles(name).contains(session.role) else { throw WebRefusal.forbidden }
        let className = request.uri.queryParameters["class"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let term = try WebTerm(site, language: context.language, needRecords: true)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tuoguan-web-" + WebToken.make())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("book.xlsx").path
        switch name {
        case "owed": try Workbooks.writeOwedList(term.input, className: className, to: path)
        case Workbooks.Kind.notices.rawValue: try Workbooks.writeNotices(term.input, className: className, to: path)
        default: try Workbooks.write(Workbooks.Kind(rawValue: name)!, term.input, to: path)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var file = fileName(name, context.language)
        if let className { file = String(file.dropLast(5)) + "-" + className + ".xlsx" }
        let encoded = file.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "workbook.xlsx"
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                .contentDisposition: "attachment; filename=\"\(name).xlsx\"; filename*=UTF-8''\(encoded)",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
