import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// Workbooks that crashed `tuoguan import` (SIGILL), found while writing and running the xlsx fuzz target
/// (scripts/fuzz xlsx), kept as tests. Each now reads, or is refused with a clear message.
@Suite struct XLSXReaderRegressionTests {
    /// The shared strings part with bytes that are not UTF-8 in an element name (`<t\xFF\xFF…>`): XMLParser
    /// trapped on the name. Now the workbook is "not a readable .xlsx workbook".
    @Test func partThatIsNotUTF8IsRefused() throws {
        let ledger = try newLedger()
        let error = try #require(throws: TuoguanError.self) {
            try ledger.importFile(.students, path: fixture("fuzz-xlsx-not-utf8.xlsx"), dryRun: false, by: "t")
        }
        #expect(error.code == .badInput)
        #expect(error.location?.file?.hasSuffix("fuzz-xlsx-not-utf8.xlsx") == true)
    }

    /// A part whose deflate stream does not end inside the bytes the archive's directory gives it (the
    /// local headers after it are overwritten by sheet XML): ZIPFoundation inflated on to the end of the
    /// file and then looped for ever on empty reads, so `tuoguan import` hung (a libFuzzer timeout). Now
    /// ``ZipDeflateCheck`` inflates each part within its bounds first, and the workbook is refused at once.
    /// The time limit only catches the hang: alone the test takes milliseconds, but its task shares the test
    /// pool with tests that block (the crash loop, LibreOffice), so on a busy 2-core machine it has been
    /// reported past one minute without hanging.
    @Test(.timeLimit(.minutes(10))) func partWithoutAnEndIsRefused() throws {
        let ledger = try newLedger()
        let error = try #require(throws: TuoguanError.self) {
            try ledger.importFile(.students, path: fixture("fuzz-xlsx-unended-deflate.xlsx"), dryRun: false, by: "t")
        }
        #expect(error.code == .badInput)
        #expect(error.message.en == "not a readable .xlsx workbook")
        // A sound workbook's parts all end where they should.
        let check = try #require(ZipDeflateCheck(path: fixture("book.xlsx")))
        for part in ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml"] {
            #expect(check.isWhole(part), "\(part)")
        }
        // A name the directory does not have is not taken on trust.
        #expect(!check.isWhole("xl/worksheets/sheet9.xml"))
        #expect(ZipDeflateCheck(path: fixture("students.csv")) == nil)
    }

    /// A processing instruction without data (`<?pi?>`) made XMLParser read a null pointer (SIGSEGV). A
    /// part may now have the XML declaration and no other processing instruction.
    @Test func processingInstructionIsRefused() throws {
        let ledger = try newLedger()
        let error = try #require(throws: TuoguanError.self) {
            try ledger.importFile(.students, path: fixture("fuzz-xlsx-empty-pi.xlsx"), dryRun: false, by: "t")
        }
        #expect(error.code == .badInput)
        let declaration = Data(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#.utf8)
        #expect(XLSXReader.hasNoProcessingInstruction(declaration + Data("<sst/>".utf8)))
        #expect(XLSXReader.hasNoProcessingInstruction(Data([0xEF, 0xBB, 0xBF]) + declaration + Data("<a/>".utf8)))
        #expect(XLSXReader.hasNoProcessingInstruction(Data("<a>x</a>".utf8)))
        #expect(!XLSXReader.hasNoProcessingInstruction(declaration + Data("<?pi?><a/>".utf8)))
        #expect(!XLSXReader.hasNoProcessingInstruction(Data("<?xml-stylesheet?><a/>".utf8)))
        #expect(!XLSXReader.hasNoProcessingInstruction(Data("<?xm/s=?><a/>".utf8)))
    }

    /// A cell reference of 20 letters (`AAAAAAAAAAAAAAAAAAAA1`) overflowed the column number. Past Excel's
    /// last column (XFD, 16,384) a reference is not taken: the cell goes in the next column.
    @Test func columnPastXFDIsTheNextColumn() throws {
        #expect(XLSXReader.columnIndex(ofReference: "XFD1") == 16_384)
        #expect(XLSXReader.columnIndex(ofReference: "XFE1") == nil)
        #expect(XLSXReader.columnIndex(ofReference: String(repeating: "Z", count: 40)) == nil)
        let book = try XLSXReader(path: fixture("fuzz-xlsx-long-column.xlsx"))
        let rows = try book.rows(ofSheet: "students")
        #expect(rows.map { $0.map(\.text) } == [["x"]])
        #expect(rows.first?.first?.column == 1)
    }

    /// `<row r="9223372036854775807">` followed by a row without a number overflowed the next row's number.
    /// Past Excel's last row (1,048,576) a row number is not taken: the row is the one after the previous.
    @Test func rowPastTheLastRowIsTheNextRow() throws {
        let book = try XLSXReader(path: fixture("fuzz-xlsx-huge-row.xlsx"))
        let rows = try book.rows(ofSheet: "students")
        #expect(rows.map { $0.map(\.text) } == [["x"], ["y"]])
        #expect(rows.map { $0.first?.line } == [1, 2])
    }
}
