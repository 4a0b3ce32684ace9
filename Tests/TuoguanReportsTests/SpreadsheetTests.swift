import Foundation
import Testing
import TuoguanCore
import TuoguanReports
import TuoguanSpreadsheet

@Suite("The spreadsheet layer")
struct SpreadsheetTests {
    @Test("sheet names Excel refuses are thrown with the reason")
    func badSheetNames() throws {
        let book = Workbook(path: try ScriptRunner.temporaryDirectory("names") + "/x.xlsx")
        #expect(throws: SpreadsheetError.badSheetName(name: "美术/书法", reason: "contains \"/\"")) {
            try book.addWorksheet(name: "美术/书法")
        }
        #expect(throws: SpreadsheetError.badSheetName(name: "", reason: "empty")) { try book.addWorksheet(name: "") }
        let long = String(repeating: "课", count: 32)
        #expect(throws: SpreadsheetError.badSheetName(name: long, reason: "longer than 31 characters")) {
            try book.addWorksheet(name: long)
        }
        _ = try book.addWorksheet(name: "Summary")
        #expect(throws: SpreadsheetError.duplicateSheetName(name: "summary")) { try book.addWorksheet(name: "summary") }
    }

    @Test("sanitised sheet names are valid and unique")
    func sanitised() {
        #expect(Workbook.sanitizedSheetName("美术/书法", existing: []) == "美术_书法")
        #expect(Workbook.sanitizedSheetName("[a]:*?\\", existing: []) == "_a_____")
        #expect(Workbook.sanitizedSheetName("美术", existing: ["美术"]) == "美术 (2)")
        #expect(Workbook.sanitizedSheetName("美术", existing: ["美术", "美术 (2)"]) == "美术 (3)")
        // 40 CJK characters are cut to 31 UTF-16 units; with the suffix, to 27 + " (2)".
        let long = String(repeating: "课", count: 40)
        #expect(Workbook.sanitizedSheetName(long, existing: []) == String(repeating: "课", count: 31))
        #expect(Workbook.sanitizedSheetName(long, existing: [String(repeating: "课", count: 31)]) == String(repeating: "课", count: 27) + " (2)")
        #expect(Workbook.sanitizedSheetName("", existing: []) == "Sheet")
        // An emoji is 2 UTF-16 units and is never split.
        let emoji = String(repeating: "a", count: 30) + "😀"
        #expect(Workbook.sanitizedSheetName(emoji, existing: []) == String(repeating: "a", count: 30))
    }

    @Test("a closed workbook refuses more work; closing twice throws")
    func closed() throws {
        let dir = try ScriptRunner.temporaryDirectory("closed")
        let book = Workbook(path: dir + "/x.xlsx")
        let sheet = try book.addWorksheet(name: "A")
        try sheet.write("x", row: 0, column: 0)
        try book.close()
        #expect(FileManager.default.fileExists(atPath: dir + "/x.xlsx"))
        #expect(throws: SpreadsheetError.workbookClosed) { try sheet.write("y", row: 1, column: 0) }
        #expect(throws: SpreadsheetError.workbookClosed) { try book.addWorksheet(name: "B") }
        #expect(throws: SpreadsheetError.workbookClosed) { try book.close() }
    }

    @Test("after registerStyles a style not in the list is refused, so no format is numbered by thread timing")
    func fixedStyles() throws {
        let dir = try ScriptRunner.temporaryDirectory("styles")
        let book = Workbook(path: dir + "/x.xlsx", constantMemory: true)
        let sheet = try book.addWorksheet(name: "A")
        try book.registerStyles([.text, .money])
        try sheet.write("registered", row: 0, column: 0, style: .text)
        try sheet.write(number: 1.5, row: 0, column: 1, style: .money)
        try sheet.write("plain needs no format", row: 1, column: 0)
        #expect(throws: SpreadsheetError.styleNotRegistered(style: "\(CellStyle.header)")) {
            try sheet.write("not registered", row: 2, column: 0, style: .header)
        }
        try book.close()
        #expect(FileManager.default.fileExists(atPath: dir + "/x.xlsx"))
    }

    @Test("a missing directory is a typed error, and the workbook is then closed")
    func missingDirectory() throws {
        let book = Workbook(path: "/nonexistent-tuoguan-dir/x.xlsx")
        _ = try book.addWorksheet(name: "A")
        #expect(throws: SpreadsheetError.cannotCreateFile(path: "/nonexistent-tuoguan-dir/x.xlsx")) { try book.close() }
        #expect(book.isClosed)
    }

    @Test("a workbook dropped without close writes nothing and does not crash")
    func droppedWithoutClose() throws {
        let dir = try ScriptRunner.temporaryDirectory("dropped")
        do {
            let book = Workbook(path: dir + "/x.xlsx", constantMemory: true)
            try book.addWorksheet(name: "A").write("x", row: 0, column: 0)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.xlsx"))
    }

    @Test("cells outside the grid and rows out of order in constant-memory mode are errors")
    func ranges() throws {
        let dir = try ScriptRunner.temporaryDirectory("ranges")
        let book = Workbook(path: dir + "/x.xlsx", constantMemory: true)
        let sheet = try book.addWorksheet(name: "A")
        #expect(throws: SpreadsheetError.cellOutOfRange(row: 1_048_576, column: 0)) {
            try sheet.write("x", row: 1_048_576, column: 0)
        }
        #expect(throws: SpreadsheetError.cellOutOfRange(row: 0, column: 16_384)) { try sheet.write(number: 1, row: 0, column: 16_384) }
        try sheet.write("x", row: 5, column: 0)
        try sheet.write("same row, another column", row: 5, column: 3)
        #expect(throws: SpreadsheetError.rowOutOfOrder(row: 4, lastRow: 5)) { try sheet.write("y", row: 4, column: 0) }
        try book.close()
    }

    @Test("column widths count Chinese characters as two")
    func widths() throws {
        #expect(TextWidth.displayWidth("三(2)班") == 7)  // 2 + 1 + 1 + 1 + 2
        #expect(TextWidth.displayWidth("辅导教师量化考核") == 16)
        #expect(TextWidth.displayWidth("abc\n课程名称") == 8)
        #expect(TextWidth.displayWidth("ＡＢ") == 4)  // fullwidth
        let book = Workbook(path: try ScriptRunner.temporaryDirectory("w") + "/x.xlsx")
        let sheet = try book.addWorksheet(name: "A")
        try sheet.write("辅导教师量化考核", row: 0, column: 0)
        try sheet.write(number: 1_234_567.89, row: 0, column: 1, style: .money)  // "1,234,567.89": 12
        #expect(sheet.columnWidth(0) == 18)  // 16 + 2 padding
        #expect(sheet.columnWidth(1) == 14)
        try sheet.setColumnWidth(0, 30)
        #expect(sheet.columnWidth(0) == 30)
    }

    @Test("column letters and ranges")
    func cellNames() {
        #expect(CellName.column(0) == "A")
        #expect(CellName.column(25) == "Z")
        #expect(CellName.column(26) == "AA")
        #expect(CellName.column(16_383) == "XFD")
        #expect(CellName.range(column: 3, rows: 1...300) == "D2:D301")
    }

    @Test("names in the disclosure are masked by character")
    func masking() {
        #expect(NameMasking.mask("张小明") == "张*明")
        #expect(NameMasking.mask("张三") == "张*")
        #expect(NameMasking.mask("欧阳小明") == "欧**明")
        #expect(NameMasking.mask("明") == "*")
        #expect(NameMasking.mask(" 李四 ") == "李*")
        #expect(NameMasking.mask("") == "")
    }

    @Test("every fen amount round-trips through the file's doubles to two decimals")
    func excelNumbers() {
        // 0.01, 0.10, 0.29 (a classic binary-fraction case), 1,234,567.89, and near 2^53 fen.
        for fen: Int64 in [1, 10, 29, 123_456_789, -12_000, 9_007_199_254_740_991, -9_007_199_254_740_991] {
            let value = excelNumber(Money(fen: fen))
            #expect(Int64((value * 100).rounded()) == fen, "\(fen)")
        }
    }
}
