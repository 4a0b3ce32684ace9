import Foundation
import Testing
import TuoguanSpreadsheet

@testable import TuoguanReports

/// The paper checker can fail: a workbook made wrong on purpose is caught on each count.
@Suite struct PrintCheckTests {
    @Test(
        "print_check.py finds text under 8 pt, a row too short for its wrapped text and a 大写 that is not its amount",
        .enabled(if: ScriptRunner.isInstalled("soffice") && ScriptRunner.isInstalled("pdftotext") && ScriptRunner.isInstalled("pdftoppm"),
                 "skipped: soffice (LibreOffice) or poppler-utils is not installed"))
    func catchesBadPrintouts() throws {
        let dir = try ScriptRunner.temporaryDirectory("bad-print")
        let book = Workbook(path: dir + "/bad.xlsx")
        let sheet = try book.addWorksheet(name: "bad")
        // 60 columns of 12-digit numbers scaled to one page wide: far under 8 pt.
        for column in 0..<60 { try sheet.write(number: 123_456_789_012, row: 0, column: column, style: .plain) }
        try sheet.setPage(PageSetup(landscape: true))
        // Three lines of wrapped text in a row left at 15 pt.
        try sheet.setColumnWidth(0, 10)
        try sheet.write("退费一笔\n退费两笔\n退费三笔", row: 1, column: 0, style: .wrappedText)
        // 柒佰陆拾元整 (760.00) beside 925.00.
        try sheet.write(number: 925, row: 2, column: 0, style: .money)
        try sheet.write("柒佰陆拾元整", row: 2, column: 1, style: .text)
        try book.close()
        let (status, output) = try ScriptRunner.python("print_check.py", [dir])
        #expect(status == 1, "\(output)")
        #expect(output.contains("pt type (< 8 pt)"), "\(output)")
        #expect(output.contains("bad.xlsx / bad A2: 3 lines in a row that holds 1"), "\(output)")
        #expect(output.contains("bad.xlsx / bad B3: '柒佰陆拾元整' is 760.00 but A3 beside it is 925"), "\(output)")
    }
}
