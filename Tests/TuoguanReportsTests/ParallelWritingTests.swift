import Foundation
import Synchronization
import Testing
import TuoguanCore
@testable import TuoguanReports

/// The statement's sheets are written on two threads (`Workbooks.run`). The invariants: the file's bytes do
/// not depend on the threads; a workbook is closed only after every part of it is done; a failed part leaves
/// its workbook unwritten, the other workbooks written, and its error thrown.
@Suite("Writing workbooks on two threads")
struct ParallelWritingTests {
    /// The sample school with blocks spread over three family sheets (12 rows each), so the statement has five
    /// parts: three sheets of families, the summary, the courses.
    private func input() -> ReportInput {
        var input = SampleSchool.input()
        input.maxRowsPerSheet = 12
        return input
    }

    @Test("the statement written on two threads has the same bytes as on one, every time")
    func sameBytes() throws {
        let dir = try ScriptRunner.temporaryDirectory("threads")
        let one = dir + "/one.xlsx"
        try Workbooks.run([Workbooks.statementJob(input(), path: one)], threads: 1)
        let expected = try Data(contentsOf: URL(fileURLWithPath: one))
        #expect(!expected.isEmpty)
        #expect(try Workbooks.statementJob(input(), path: dir + "/probe.xlsx").parts.count == 5)
        for i in 0..<8 {
            let two = dir + "/two-\(i).xlsx"
            try Workbooks.run([Workbooks.statementJob(input(), path: two)], threads: 2)
            #expect(try Data(contentsOf: URL(fileURLWithPath: two)) == expected, "run \(i) differs")
        }
        // writeStatement and writeAll write the same file.
        try Workbooks.writeStatement(input(), to: dir + "/direct.xlsx")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/direct.xlsx")) == expected)
        let all = try Workbooks.writeAll(input(), toDirectory: dir + "/")
        #expect(try Data(contentsOf: URL(fileURLWithPath: all[0])) == expected)
    }

    @Test("the family sheets split where one sheet's blocks would pass the row limit")
    func familySheetRanges() {
        let students = SampleSchool.input().result.students
        // Each block is its lines + 7 rows; rows start at 1, under the title.
        let rows = students.map { Workbooks.familyBlockRows($0) }
        #expect(rows == students.map { $0.lines.count + 7 })
        let ranges = Workbooks.familySheetRanges(students, maxRows: 12)
        #expect(ranges.first?.lowerBound == 0 && ranges.last?.upperBound == students.count)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        for range in ranges {
            let used = 1 + range.map { rows[$0] }.reduce(0, +)
            // Within the limit, unless one block alone is bigger.
            #expect(used <= 12 || range.count == 1)
        }
        #expect(Workbooks.familySheetRanges(students, maxRows: 1_000_000) == [0..<students.count])
    }

    /// A part's log: which parts ran, and what each finish saw.
    private final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        func add(_ s: String) { entries.withLock { $0.append(s) } }
        var all: [String] { entries.withLock { $0 } }
    }

    private struct PartFailed: Error, Equatable { let name: String }

    @Test("a workbook is closed only after all its parts; a failed part stops its own workbook only", arguments: [1, 2])
    func ordering(threads: Int) throws {
        for _ in 0..<20 {
            let log = Log()
            func part(_ name: String) -> Workbooks.Part {
                {
                    usleep(UInt32.random(in: 0...300))
                    log.add(name)
                }
            }
            let ok = Workbooks.WorkbookJob(kind: .statement, parts: [part("a1"), part("a2"), part("a3")]) {
                let done = log.all
                log.add(["a1", "a2", "a3"].allSatisfy(done.contains) ? "a closed after its parts" : "a closed early")
            }
            let failing = Workbooks.WorkbookJob(kind: .disclosure, parts: [part("b1"), { throw PartFailed(name: "b2") }]) {
                log.add("b closed")
            }
            let later = Workbooks.WorkbookJob(kind: .workload, parts: [{ throw PartFailed(name: "c1") }], finish: { log.add("c closed") })
            let failure = try #require(throws: Workbooks.JobFailure.self) { try Workbooks.run([ok, failing, later], threads: threads) }
            // The first error in the jobs' order, whichever thread hit it first.
            #expect(failure.kind == .disclosure)
            #expect(failure.error as? PartFailed == PartFailed(name: "b2"))
            let entries = log.all
            #expect(entries.contains("a closed after its parts"))
            #expect(!entries.contains("a closed early"))
            #expect(!entries.contains("b closed"))
            #expect(!entries.contains("c closed"))
        }
    }

    @Test("on one thread, a failed part's later parts are skipped; a workbook with no parts is still closed")
    func skippedAndEmpty() throws {
        let log = Log()
        let failing = Workbooks.WorkbookJob(
            kind: .disclosure, parts: [{ throw PartFailed(name: "b1") }, { log.add("b2") }], finish: { log.add("b closed") })
        let empty = Workbooks.WorkbookJob(kind: .workload, parts: [], finish: { log.add("c closed") })
        let failure = try #require(throws: Workbooks.JobFailure.self) { try Workbooks.run([failing, empty], threads: 1) }
        #expect(failure.error as? PartFailed == PartFailed(name: "b1"))
        #expect(log.all == ["c closed"])
    }
}
