import Foundation
import Testing

/// `statement --json` of a school of more than one range of families (2,000 students a range): every family once,
/// in id order, the fund the sum of the families, and each family at the ranges' borders the statement `show
/// student` computes from that family's facts alone (another path through the store and the core).
@Suite(.serialized) struct StatementRangesCommandTests {
    let cli = CommandTests()

    /// `12,345.67` for 1234567 fen: how `show student` prints an amount.
    static func yuan(_ fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let digits = String(abs(fen) / 100)
        var grouped = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return sign + String(grouped.reversed()) + "." + String(format: "%02d", abs(fen) % 100)
    }

    @Test func twoRangesOfFamiliesAreEveryFamilyOnce() throws {
        let dir = try cli.tempDir()
        #expect(try cli.run(["generate", "--students", "2100", "--days", "20", "--seed", "3", "--out", "csv"], in: dir).status == 0)
        let rules = CommandTests.root.appendingPathComponent("rules/one-plus-x.toml").path
        #expect(try cli.run(["init", "--rules", rules, "--db", "l.sqlite"], in: dir).status == 0)
        for kind in ["students", "teachers", "courses", "enrollments", "sessions", "attendance", "duties", "payments", "scores"] {
            let r = try cli.run(["import", kind, "csv/\(kind).csv", "--db", "l.sqlite"], in: dir)
            #expect(r.status == 0, "\(kind): \(r.err)")
        }
        let r = try cli.run(["statement", "--json", "--db", "l.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let students = try #require(doc["students"] as? [[String: Any]])
        let fund = try #require(doc["fund"] as? [String: Any])
        let ids = students.compactMap { $0["student_id"] as? String }
        // 2,100 families: the first range's 2,000 and the second's 100, each once, by id.
        #expect(ids.count == 2_100)
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        func total(_ key: String) -> Int { students.reduce(0) { $0 + (($1[key] as? Int) ?? 0) } }
        #expect(fund["earned_fen"] as? Int == total("charged_fen"))
        #expect(fund["income_fen"] as? Int == total("paid_fen"))
        #expect(fund["refunds_fen"] as? Int == total("refunded_fen"))
        for k in [0, 1_999, 2_000, 2_099] {
            let s = students[k]
            let id = try #require(s["student_id"] as? String)
            let show = try cli.run(["show", "student", id, "--db", "l.sqlite", "--lang", "en"], in: dir)
            let line = try #require(show.out.split(separator: "\n").first { $0.hasPrefix("due ") })
            let due = Self.yuan(s["due_fen"] as? Int ?? -1)
            let paid = Self.yuan(s["paid_fen"] as? Int ?? -1)
            let refunded = Self.yuan(s["refunded_fen"] as? Int ?? -1)
            #expect(line.hasPrefix("due \(due) "), "\(id): \(line)")
            #expect(line.contains("paid \(paid), refunded \(refunded);"), "\(id): \(line)")
        }
    }
}
