import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput

/// The school's words: what the clerk wrote means what the school means, and README.md lists
/// exactly the words the code accepts (each vocabulary and each column's names).
struct SchoolWordsTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    @Test func theClerksWords() {
        #expect(ImportWords.teacherKinds["在编"] == .staff)
        #expect(ImportWords.attendance["√"] == "present")
        #expect(ImportWords.attendance["迟到"] == "present")  // late is present: the lesson was attended
        #expect(ImportWords.attendance["×"] == "absent")
        #expect(ImportWords.attendance["假"] == "leave")
        #expect(SchoolWords.method("微信支付") == .wechat)
        #expect(SchoolWords.method(" WeChat ") == .wechat)
        #expect(SchoolWords.reason("请假") == .personalLeave)
        #expect(SchoolWords.reason("学校停课") == .cancelled)
        #expect(SchoolWords.importKind("学生") == .students)
        #expect(ImportWords.duties["安全巡查"] == "patrol")
        #expect(ImportWords.duties["护送"] == "escort")
        #expect(ImportKind.teachers.columns.first { $0.name == "kind" }!.spellings.contains("类别"))
        #expect(ImportKind.courses.columns.first { $0.name == "policy" }!.spellings.contains("类型"))
        #expect(ImportKind.scores.columns.first { $0.name == "score" }!.spellings.contains("质量分"))
        #expect(SchoolWords.normalized("拓展性托管（X）") == SchoolWords.normalized("拓展性托管(x)"))
    }

    /// `| `value` | `word`, `word` |` rows under each `#### title` of "The school's words".
    static func documentedWords() throws -> [String: [String: String]] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let start = text.range(of: "### The school's words"), let end = text.range(of: "### The class teacher's") else {
            return [:]
        }
        var tables: [String: [String: String]] = [:]
        var title = ""
        for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
            if line.hasPrefix("#### ") { title = String(line.dropFirst(5)) }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !title.isEmpty, cells.count == 2, cells[0].hasPrefix("`") else { continue }
            let value = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            for word in cells[1].components(separatedBy: "`, `") {
                tables[title, default: [:]][word.trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = value
            }
        }
        return tables
    }

    @Test func readmeListsEveryWord() throws {
        let documented = try Self.documentedWords()
        let code: [String: [String: String]] = [
            "teacher kinds": ImportWords.teacherKinds.mapValues(\.rawValue),
            "session status": ImportWords.sessionStatus,
            "attendance": ImportWords.attendance,
            "payment methods": ImportWords.methods.mapValues(\.rawValue),
            "refund reasons": ImportWords.reasons.mapValues(\.rawValue),
            "duties": ImportWords.duties,
        ]
        #expect(Set(documented.keys) == Set(code.keys))
        for (title, words) in code {
            #expect(documented[title] == words, "README's \(title) table differs from the code")
        }
    }

    @Test func readmeListsEveryColumnName() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        for kind in ImportKind.allCases {
            for column in kind.columns {
                let row = "| \(kind.rawValue) | `\(column.name)` | " + ([column.zh] + column.aliases).map { "`\($0)`" }.joined(separator: ", ") + " |"
                #expect(text.contains(row), "README lacks: \(row)")
            }
        }
    }
}
