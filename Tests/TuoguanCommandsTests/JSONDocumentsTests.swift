import Foundation
import Testing
import TuoguanCore

@testable import TuoguanCommands

/// Every `--json` document goes through one writer (`JSONOutput`): compact, keys sorted, strings escaped as
/// JSON requires, a statement's students streamed. The keys and values are the contract, so the
/// documents are compared parsed, not byte for byte.
@Suite struct JSONDocumentsTests {
    /// `text` parsed and written again with sorted keys: two texts of the same document give the same string.
    static func normalized(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    static func statement(name: String, lines: [ChargeLine], balance: Int64 = -2000) -> StudentStatement {
        StudentStatement(
            student: Student(id: "S001", name: name, grade: 3, className: "三(2)班"), lines: lines,
            waived: Money(fen: 1000), charged: Money(fen: 22000), payments: [], refunds: [], paid: Money(fen: 24000),
            refunded: .zero, balance: Money(fen: balance))
    }

    static let art = ChargeLine(
        courseId: "ART/1", courseName: "美术", policyId: "x", billing: .perLesson, quantity: 11, unitPrice: Money(fen: 2000),
        gross: Money(fen: 22000), waived: .zero, charged: Money(fen: 22000))
    static let care = ChargeLine(
        courseId: "B1", courseName: "托管", policyId: "basic", billing: .monthly, quantity: 4, unitPrice: Money(fen: 4000),
        gross: Money(fen: 16000), waived: Money(fen: 16000), charged: .zero)

    @Test func compact() {
        // Nothing between tokens; a negative amount; an empty list; Chinese text as UTF-8, `/` as itself. (The
        // documents give their keys sorted; the writer asserts it, so every document the tests print checks it.)
        let value: JSONValue = .object([
            "balance_fen": .integer(-2000), "class": .string("三(2)班"), "course_id": .string("ART/1"), "lines": .array([]),
            "passed": .bool(false), "school": .string("某某小学"),
        ])
        #expect(
            JSONOutput.text(value)
                == #"{"balance_fen":-2000,"class":"三(2)班","course_id":"ART/1","lines":[],"passed":false,"school":"某某小学"}"#)
    }

    @Test(arguments: ["王\"五", "王\\五", "王\t五", "一\n二\r三", "\u{1}\u{1F}", "ART/1", "美术", "\u{2028}", "👩‍🎓", ""])
    func stringsComeBackAsTheyWent(_ text: String) throws {
        let written = JSONOutput.text(.array([.string(text)]))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String])
        #expect(parsed == [text])
    }

    @Test func escapes() {
        #expect(JSONOutput.text(.string("王\"五\\\t/\u{1}")) == #""王\"五\\\t/\u0001""#)
    }

    @Test func aStudentsRowHasTheDocumentedKeys() throws {
        // 张小明: two lines (ART/1 11 lessons × 20.00 = 220.00; B1 4 months × 40.00 = 160.00, all waived);
        // charged 220.00, waived 10.00, paid 240.00, balance −20.00 (应退 20.00); nothing still to come, so due =
        // charged (220.00; each line's due its charge); nothing carried in from a term before (opening 0).
        let expected = """
            {"balance_fen": -2000, "charged_fen": 22000, "class": "三(2)班", "due_fen": 22000, "name": "张小明",
             "opening_fen": 0,
             "paid_fen": 24000, "refunded_fen": 0, "student_id": "S001", "waived_fen": 1000,
             "lines": [
               {"charged_fen": 22000, "course_id": "ART/1", "due_fen": 22000, "gross_fen": 22000, "policy": "x",
                "quantity": 11, "unit_price_fen": 2000, "waived_fen": 0},
               {"charged_fen": 0, "course_id": "B1", "due_fen": 0, "gross_fen": 16000, "policy": "basic", "quantity": 4,
                "unit_price_fen": 4000, "waived_fen": 16000}]}
            """
        let row = JSONOutput.text(JSONDocuments.student(Self.statement(name: "张小明", lines: [Self.art, Self.care])))
        #expect(try Self.normalized(row) == (try Self.normalized(expected)))
        // A quote in a name and no lines: the same writer, no other path.
        let odd = JSONOutput.text(JSONDocuments.student(Self.statement(name: "王\"五", lines: [], balance: 0)))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(odd.utf8)) as? [String: Any])
        #expect(parsed["name"] as? String == "王\"五")
        #expect((parsed["lines"] as? [Any])?.isEmpty == true)
        #expect(parsed["balance_fen"] as? Int == 0)
    }

    @Test func aStreamGoesOutInChunksAsItIsMade() throws {
        // 1,000 rows of about 20 bytes, chunks of 100 bytes: the sink gets many pieces, the first long before
        // the last row is made, and the pieces together are the whole document.
        final class Counter { var made = 0 }
        let counter = Counter()
        let rows = (0..<1000).lazy.map { i -> JSONValue in
            counter.made += 1
            return .object(["id": .string("S\(i)"), "n": .integer(i)])
        }
        var pieces: [(bytes: [UInt8], madeSoFar: Int)] = []
        var out = JSONOutput(chunkBytes: 100) { pieces.append(($0, counter.made)) }
        out.write(.object(["school": .string("某某小学"), "students": .stream(AnySequence(rows))]))
        out.finish()
        #expect(pieces.count > 100)
        #expect(pieces[0].madeSoFar < 10)
        #expect(pieces.dropLast().allSatisfy { $0.bytes.count < 100 + 40 })
        let whole = String(decoding: pieces.flatMap(\.bytes), as: UTF8.self)
        #expect(whole.hasSuffix("}\n"))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(whole.utf8)) as? [String: Any])
        let students = try #require(parsed["students"] as? [[String: Any]])
        #expect(students.count == 1000)
        #expect(students[999]["id"] as? String == "S999" && students[999]["n"] as? Int == 999)
    }
}
