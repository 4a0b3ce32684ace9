import Foundation
import Testing

extension CommandTests {
    /// A district of three generated schools (the sample school at three sizes and seeds) and one damaged file:
    /// the roll-up's totals are the sums of each school's own `statement --json` (income, refunds, net, each
    /// pool) and `workload --json` (teachers' pay); the damaged file is named, the others rolled up, exit 1.
    @Test func districtTotalsAreTheSchoolsOwnStatements() throws {
        let dir = try tempDir()
        var files: [String] = []
        for (i, (students, seed)) in [(120, 1), (200, 2), (90, 3)].enumerated() {
            let file = "school\(i + 1).sqlite"
            let r = try run(["demo", "--students", "\(students)", "--seed", "\(seed)", "--keep-db", file, "--out", "out\(i)"], in: dir)
            #expect(r.status == 0, "\(r.err)")
            files.append(file)
        }
        var income = 0, refunds = 0, net = 0, students = 0, teachersPay = 0
        var pools: [String: Int] = [:]
        for file in files {
            let doc = try statementJSON(file, in: dir)
            let fund = try #require(doc["fund"] as? [String: Any])
            income += try #require(fund["income_fen"] as? Int)
            refunds += try #require(fund["refunds_fen"] as? Int)
            net += try #require(fund["net_fen"] as? Int)
            students += try #require(doc["students"] as? [Any]).count
            for p in try #require(fund["pools"] as? [[String: Any]]) {
                pools[p["pool"] as! String, default: 0] += p["fen"] as! Int
            }
            let workload = try run(["workload", "--json", "--db", file], in: dir)
            let teachers = try #require((try JSONSerialization.jsonObject(with: Data(workload.out.utf8)) as? [String: Any])?["teachers"] as? [[String: Any]])
            teachersPay += teachers.reduce(0) { $0 + ($1["total_fen"] as! Int) }
        }
        let r = try run(["district", "--json"] + files, in: dir)
        #expect(r.status == 0, "\(r.err)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let totals = try #require(doc["totals"] as? [String: Any])
        #expect(totals["schools"] as? Int == 3 && totals["students"] as? Int == students && students == 410)
        #expect(totals["income_fen"] as? Int == income && totals["refunds_fen"] as? Int == refunds && totals["net_fen"] as? Int == net)
        #expect(totals["teachers_pay_fen"] as? Int == teachersPay)
        let totalPools = try #require(totals["pools"] as? [[String: Any]])
        #expect(Dictionary(uniqueKeysWithValues: totalPools.map { ($0["pool"] as! String, $0["fen"] as! Int) }) == pools)
        // The levy is the district_levy pool's share: 10 % of each school's net, summed.
        #expect(totals["levy_due_fen"] as? Int == pools["district_levy"])
        let schools = try #require(doc["schools"] as? [[String: Any]])
        #expect(schools.allSatisfy { $0["verified"] as? Bool == true && ($0["head"] as? String)?.count == 64 })

        // A damaged ledger among them: named, the others still rolled up, exit non-zero.
        try write("this is not a ledger", "broken.sqlite", in: dir)
        let damaged = try run(["district", "--json", files[0], "broken.sqlite", files[1]], in: dir, env: ["LANG": "zh_CN.UTF-8"])
        #expect(damaged.status == 1)
        #expect(damaged.err.hasPrefix("broken.sqlite: 文件不是账本或已损坏 [ledger]"), "\(damaged.err)")
        let partial = try #require(try JSONSerialization.jsonObject(with: Data(damaged.out.utf8)) as? [String: Any])
        #expect((partial["schools"] as? [Any])?.count == 2)
        #expect((partial["failed"] as? [[String: Any]])?.first?["file"] as? String == "broken.sqlite")

        // The workbook: one row per school, the totals, and a sheet for each part.
        let book = try run(["district", "--out", "学区汇总.xlsx"] + files, in: dir)
        #expect(book.status == 0, "\(book.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/学区汇总.xlsx"))
    }

    /// Ledgers of different terms are refused (with the fix: --year); of one school year, --year rolls them up.
    @Test func districtRefusesMixedTerms() throws {
        let dir = try tempDir()
        #expect(try run(["demo", "--students", "60", "--keep-db", "autumn.sqlite", "--out", "out"], in: dir).status == 0)
        #expect(try run(["init", "--rules", Self.springRules, "--db", "spring.sqlite"], in: dir).status == 0)
        let mixed = try run(["district", "autumn.sqlite", "spring.sqlite"], in: dir)
        #expect(mixed.status == 65)
        #expect(mixed.err.hasPrefix("the ledgers are not of one term: 2024-autumn: autumn.sqlite; 2025-spring: spring.sqlite [bad-input]"), "\(mixed.err)")
        #expect(mixed.err.contains("--year"))
        let year = try run(["district", "--year", "autumn.sqlite", "spring.sqlite"], in: dir)
        #expect(year.status == 0, "\(year.err)")
        #expect(year.out.contains("total of 2 schools"))
    }
}
