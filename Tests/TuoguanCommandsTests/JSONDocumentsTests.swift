import Foundation
import Testing
import TuoguanCore

@testable import TuoguanCommands

/// `statement --json` writes each student's row by hand (the encoder was most of the command's time for a
/// district); the bytes must be the encoder's, and rows it cannot vouch for go to the encoder.
@Suite struct JSONDocumentsTests {
    /// What `StatementDocument.print` wrote for a row before: `JSONEncoder` (pretty, sorted keys, slashes
    /// unescaped), every line after the first indented by 4 spaces (depth 2).
    static func encoderBytes(_ s: StudentStatement) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(StatementDocument.StudentRow(s)), as: UTF8.self)
        return text.replacingOccurrences(of: "\n", with: "\n    ")
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

    @Test func handWrittenRowsAreTheEncodersBytes() throws {
        // Two lines, a negative balance (应退 20.00), a slash in a course id, Chinese text.
        for s in [Self.statement(name: "张小明", lines: [Self.art, Self.care]), Self.statement(name: "李四", lines: [Self.care], balance: 0)] {
            var out = Data()
            #expect(StatementDocument.StudentRow.write(s, to: &out))
            #expect(String(decoding: out, as: UTF8.self) == (try Self.encoderBytes(s)))
        }
    }

    @Test func rowsTheEncoderMustEscapeAreLeftToIt() throws {
        // A quote or a tab in a name, and a row with no lines (the encoder's own layout of an empty array).
        for s in [
            Self.statement(name: "王\"五", lines: [Self.art]), Self.statement(name: "王\t五", lines: [Self.art]),
            Self.statement(name: "赵六", lines: []),
        ] {
            var out = Data()
            #expect(!StatementDocument.StudentRow.write(s, to: &out))
            #expect(out.isEmpty)
        }
    }
}
