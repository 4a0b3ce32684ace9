import Foundation
import Testing
import TuoguanCore

@testable import TuoguanStore

/// Attendance import speed, for a district-sized term. Runs only with `TUOGUAN_PERF_ROWS` set (e.g. 1000000).
@Suite struct ThroughputTests {
    static var rows: Int? { Int(ProcessInfo.processInfo.environment["TUOGUAN_PERF_ROWS"] ?? "") }

    @Test(.enabled(if: ThroughputTests.rows != nil, "set TUOGUAN_PERF_ROWS (e.g. 1000000) to run it"))
    func attendanceImportStreams() throws {
        let n = try #require(Self.rows)
        let ledger = try seededLedger()
        // B1 meets on 19 service days; students S001–S003 are enrolled: spread n rows over many students.
        var students = "student_id,name,grade,class\n"
        var enrollments = "student_id,course_id,from\n"
        let perDay = max(1, n / 19)
        for s in 0..<perDay {
            students += "P\(s),学生\(s),3,三(1)班\n"
            enrollments += "P\(s),B1,2024-09-02\n"
        }
        _ = try ledger.importCSV(.students, data: csv(students), fileName: "s.csv", dryRun: false, by: "t")
        _ = try ledger.importCSV(.enrollments, data: csv(enrollments), fileName: "e.csv", dryRun: false, by: "t")
        var sessions = "course_id,date,status\n"
        for day in testRules().serviceDays { sessions += "B1,\(day),held\n" }
        _ = try ledger.importCSV(.sessions, data: csv(sessions), fileName: "se.csv", dryRun: false, by: "t")
        var attendance = "date,course_id,student_id,status\n"
        attendance.reserveCapacity(n * 40)
        for day in testRules().serviceDays {
            for s in 0..<perDay { attendance += "\(day),B1,P\(s),present\n" }
        }
        let start = Date()
        let report = try ledger.importCSV(.attendance, data: csv(attendance), fileName: "a.csv", dryRun: false, by: "t")
        let imported = Date().timeIntervalSince(start)
        let factsStart = Date()
        let facts = try ledger.termFacts()
        let factsTime = Date().timeIntervalSince(factsStart)
        print("attendance: \(report.inserted) rows in \(imported) s; termFacts in \(factsTime) s")
        #expect(report.inserted == perDay * 19)
        #expect(facts.usages.first { $0.studentId == "P0" }?.present == 19)
    }
}
