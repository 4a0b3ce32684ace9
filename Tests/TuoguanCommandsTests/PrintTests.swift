import Foundation
import Testing

/// Every workbook of two schools printed to A4 PDF with LibreOffice and checked on the paper
/// (`scripts/print-pages`, `Tests/TuoguanReportsTests/Scripts/print_check.py`): the sample school of
/// `tuoguan demo`, and a second school with withdrawals, a family with two refunds and reversed refunds.
@Suite struct PrintTests {
    static var toolsInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = { (tool: String) in path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") } }
        return ["soffice", "pdftotext", "pdftoppm", "python3"].allSatisfy(found) && CommandTests.binary != nil
    }

    @Test(
        "printed on A4: text at least 8 pt, no wrapped text taller than its row, sign-offs, every 大写 equal to its amount, no full name in the disclosure",
        .enabled(if: PrintTests.toolsInstalled, "skipped: needs soffice (LibreOffice), poppler-utils, python3 with openpyxl and the built tool"))
    func printedWorkbooksReadOnPaper() throws {
        let out = NSTemporaryDirectory() + "tuoguan-print-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["bash", CommandTests.root.appendingPathComponent("scripts/print-pages").path, out]
        var environment = ProcessInfo.processInfo.environment
        environment["TUOGUAN_BIN"] = CommandTests.binary
        p.environment = environment
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(output)")
        // Both schools' six workbooks, their notices, receipts, the refund sign-for sheet and the top-up
        // notices were printed and measured, the second school's receipts on A5, and the sample school's year
        // report and district roll-up: 2 × (6 + 1 + 1 + 2) + 1 + 2 = 23.
        #expect(output.contains("23 workbooks printed, 0 problems"), "\(output)")
        // The second school's sign-for sheet: its refunds' 大写 and the totals'; its one top-up notice.
        #expect(output.range(of: #"second/退费签领表\.xlsx: .* [1-9][0-9]* amounts in 大写 checked"#, options: .regularExpression) != nil, "\(output)")
        #expect(output.contains("second/补缴通知.xlsx: 1 pages"), "\(output)")
        // The second school's register checked the 大写 of its refunds and of its total.
        #expect(output.range(of: #"second/退费登记表\.xlsx: .* [1-9][0-9]* amounts in 大写 checked"#, options: .regularExpression) != nil, "\(output)")
    }
}
