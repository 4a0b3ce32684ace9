import Foundation
import Testing
@testable import TuoguanWeb

/// The templates and the style sheet built into the executable are the files (scripts/bundle-web).
@Suite struct WebAssetsTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/TuoguanWeb")

    @Test func builtInTemplatesAreTheFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.appendingPathComponent("Templates").path)
            .filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(WebAssets.templates.map { $0.name + ".mustache" } == files)
        for (name, text) in WebAssets.templates {
            let file = try String(contentsOf: Self.dir.appendingPathComponent("Templates/\(name).mustache"), encoding: .utf8)
            #expect(text + "\n" == file, "run scripts/bundle-web: \(name) differs")
        }
        let css = try String(contentsOf: Self.dir.appendingPathComponent("Static/site.css"), encoding: .utf8)
        #expect(WebAssets.css + "\n" == css, "run scripts/bundle-web: site.css differs")
    }

    @Test func everyTemplateParses() throws {
        _ = try WebTemplates.library()
    }

    @Test func multipartFormsAreRead() {
        let body = "--b\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\npayments\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx,y\r\n1,2\r\n--b--\r\n"
        let form = WebForm(multipart: Array(body.utf8), boundary: "b")
        #expect(form["kind"] == "payments")
        #expect(form.files["file"]?.name == "a.csv")
        #expect(form.files["file"].map { String(decoding: $0.bytes, as: UTF8.self) } == "x,y\r\n1,2")
    }

    @Test func urlEncodedFormsAreRead() {
        let form = WebForm(urlEncoded: "a=1&b=%E5%BC%A0+%E6%95%8F&a=2&c")
        #expect(form["a"] == "1")
        #expect(form["b"] == "张 敏")
        #expect(form["c"] == "")
    }

    @Test func uploadedNamesAreKeptSafe() {
        #expect(ImportController.safeName("../../etc/passwd") == "upload.csv")
        #expect(ImportController.safeName("学生 名单.csv") == "学生名单.csv")
        #expect(ImportController.safeName("考勤.xlsx") == "考勤.xlsx")
    }
}
