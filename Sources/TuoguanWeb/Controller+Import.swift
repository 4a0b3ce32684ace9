import Foundation
import Hummingbird
import TuoguanCore
import TuoguanInput
import TuoguanStore

/// Imports by upload: the file is checked first (a dry run of the same import as `tuoguan import --dry-run`),
/// its problems shown at their cells; nothing is recorded until the clerk clicks "apply", which imports the
/// very bytes that were checked.
struct ImportController {
    let site: WebSite

    func add(to router: Router<WebContext>) {
        router.get("/import") { _, context in try page(context, data: [:]) }
        router.post("/import") { _, context in try await check(context) }
        router.post("/import/apply") { _, context in try await apply(context) }
    }

    func kinds(_ language: Language, selected: String?) -> [[String: Any]] {
        ImportKind.allCases.map { k in
            ["value": k.rawValue, "label": language == .zh ? k.chineseName : k.rawValue, "selected": k.rawValue == selected]
        }
    }

    func page(_ context: WebContext, data: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        _ = try context.require(.clerk)
        var data = data
        data["kinds"] = kinds(context.language, selected: data["kind"] as? String)
        return WebPage.render(
            "import", title: LocalizedText(zh: "导入文件", en: "Import a file"), data, site: site, context: context, status: status)
    }

    func check(_ context: WebContext) async throws -> Response {
        let session = try context.require(.clerk)
        let kindText = context.form.text("kind")
        guard let kind = SchoolWords.importKind(kindText) else {
            return try page(context, data: ["formError": context.t("请选择文件的内容", "choose what the file holds"), "hasFormError": true], status: .unprocessableContent)
        }
        guard let file = context.form.files["file"], !file.bytes.isEmpty else {
            return try page(context, data: ["kind": kind.rawValue, "fileError": context.t("请选择要上传的文件", "choose a file to upload"), "hasFileError": true], status: .unprocessableContent)
        }
        let course = context.form.text("course").isEmpty ? nil : context.form.text("course")
        let name = Self.safeName(file.name)
        do {
            let report = try Self.withFile(name, file.bytes) { path in
                try site.ledger.importFile(kind, path: path, dryRun: true, by: session.accountName, course: course)
            }
            let token = await site.pendingImports.put(
                PendingImport(kind: kind.rawValue, fileName: name, bytes: file.bytes, course: course, account: session.accountName, created: Date()))
            return try page(context, data: [
                "kind": kind.rawValue, "checked": true, "token": token, "fileName": name,
                "summary": summary(report, context.language), "warnings": problems(report.warnings, name, context.language),
            ])
        } catch let error as TuoguanError {
            return try page(context, data: [
                "kind": kind.rawValue, "failed": true, "fileName": name,
                "problems": problems([error] + error.more, name, context.language), "count": error.count,
            ], status: .unprocessableContent)
        }
    }

    func apply(_ context: WebContext) async throws -> Response {
        let session = try context.require(.clerk)
        guard let item = await site.pendingImports.take(context.form.text("token"), account: session.accountName),
            let kind = ImportKind(rawValue: item.kind)
        else {
            return try page(context, data: ["formError": context.t("这次检查已过期，请重新上传文件", "this check has expired; upload the file again"), "hasFormError": true], status: .unprocessableContent)
        }
        do {
            let report = try Self.withFile(item.fileName, item.bytes) { path in
                try site.ledger.importFile(kind, path: path, dryRun: false, by: session.accountName, course: item.course)
            }
            return try page(context, data: ["applied": true, "fileName": item.fileName, "summary": summary(report, context.language)])
        } catch let error as TuoguanError {
            return try page(context, data: [
                "kind": kind.rawValue, "failed": true, "fileName": item.fileName,
                "problems": problems([error] + error.more, item.fileName, context.language), "count": error.count,
            ], status: .unprocessableContent)
        }
    }

    func summary(_ report: ImportReport, _ language: Language) -> String {
        let kind = language == .zh ? report.kind.chineseName : report.kind.rawValue
        let verb = report.dryRun ? (language == .zh ? "检查通过（尚未导入）" : "checked, not imported yet") : (language == .zh ? "已导入" : "imported")
        return language == .zh
            ? "\(kind)\(verb)：读取 \(report.rowsRead) 行，新增 \(report.inserted) 条，未变 \(report.unchanged) 条"
            : "\(kind) \(verb): \(report.rowsRead) rows read, \(report.inserted) new, \(report.unchanged) unchanged"
    }

    /// Each problem at its place: the uploaded file's name, the cell (`1年级1班!F7`) or line and column.
    func problems(_ errors: [TuoguanError], _ name: String, _ language: Language) -> [[String: Any]] {
        errors.map { e in
            ["place": e.location.map { Self.place($0, language) } ?? "", "message": e.message.text(language), "fix": e.fix?.text(language) ?? "", "excerpt": e.excerpt ?? ""]
        }
    }

    /// Where a problem is, as a clerk reads it: `第 3 行第 15 字` in a CSV file, `工作表“考勤”的 F7 格` in a workbook.
    static func place(_ l: SourceLocation, _ language: Language) -> String {
        let zh = language == .zh
        if let sheet = l.sheet {
            let cell = (l.column.map(SourceLocation.columnLetters) ?? "") + (l.line.map(String.init) ?? "")
            return zh ? "工作表“\(sheet)”的 \(cell) 格" : "sheet \(sheet), cell \(cell)"
        }
        guard let line = l.line else { return l.key ?? "" }
        if let column = l.column { return zh ? "第 \(line) 行第 \(column) 字" : "line \(line), column \(column)" }
        return zh ? "第 \(line) 行" : "line \(line)"
    }

    /// A file name kept to letters, digits and `._-` (and CJK), ending in .csv, .tsv, .txt or .xlsx.
    static func safeName(_ name: String) -> String {
        let base = (name as NSString).lastPathComponent
        let kept = String(base.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || "._-()（）".unicodeScalars.contains($0) }.map(Character.init))
        let lower = kept.lowercased()
        if [".csv", ".tsv", ".txt", ".xlsx"].contains(where: { lower.hasSuffix($0) }), kept.count > 4, !kept.hasPrefix(".") { return kept }
        return "upload.csv"
    }

    /// Runs `work` on the bytes written to a private temporary file named `name`, removed afterwards.
    static func withFile<T>(_ name: String, _ bytes: [UInt8], _ work: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tuoguan-import-" + WebToken.make())
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try work(path)
    }
}
