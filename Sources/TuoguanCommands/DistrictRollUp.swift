import Foundation
import Synchronization
import TuoguanCore
import TuoguanRules
import TuoguanStore

/// The district's roll-up: every ledger read on its own (two at a time), each a ``SchoolSummary`` with its
/// chains' check, or a failure naming the file.
///
/// ```swift
/// let rollUp = try DistrictRollUp.read(["a.sqlite", "b.sqlite"], levyPool: "district_levy", allowYear: false)
/// rollUp.rows.count + rollUp.failures.count   // 2
/// ```
struct DistrictRollUp {
    struct Row {
        var summary: SchoolSummary
        var verified: Bool
        var firstBreak: String?
        var head: String
        var closed: Bool
        var schoolYear: Int
    }

    var rows: [Row]
    var failures: [(file: String, error: TuoguanError)]
    var totals: DistrictTotals

    static func read(_ files: [String], levyPool: String, allowYear: Bool) throws -> DistrictRollUp {
        let results = Mutex<[Int: Result<Row, TuoguanError>]>([:])
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let result: Result<Row, TuoguanError>
            do {
                result = .success(try readOne(files[i], levyPool: levyPool))
            } catch let error as TuoguanError {
                result = .failure(error)
            } catch {
                result = .failure(TuoguanError(.ledger, zh: "账本出错：\(error)", en: "ledger error: \(error)", at: SourceLocation(file: files[i])))
            }
            results.withLock { $0[i] = result }
        }
        var rows: [Row] = []
        var failures: [(String, TuoguanError)] = []
        for (i, file) in files.enumerated() {
            switch results.withLock({ $0[i] })! {
            case .success(let row): rows.append(row)
            case .failure(var error):
                if error.location?.file == nil { error.location = SourceLocation(file: file) }
                failures.append((file, error))
            }
        }
        try requireOneTerm(rows, allowYear: allowYear)
        for row in rows where !row.verified {
            failures.append((row.summary.file, TuoguanError(
                .ledgerTampered, zh: "账本校验失败：\(row.firstBreak ?? "")", en: "ledger verification failed: \(row.firstBreak ?? "")",
                fix: LocalizedText(zh: "该校账本被改动过；请该校从备份恢复后重新汇总", en: "the school's ledger was edited behind tuoguan's back; have it restored from a backup"),
                at: SourceLocation(file: row.summary.file))))
        }
        return DistrictRollUp(rows: rows, failures: failures, totals: try DistrictTotals(rows.map(\.summary)))
    }

    static func readOne(_ file: String, levyPool: String) throws -> Row {
        let book = try Ledger.open(at: file, readOnly: true) { text, name in try RulesLoader.parse(text, file: name) }
        let read = try book.rollUp()
        let result = try TermComputation.compute(rules: book.rules, facts: read.facts)
        let summary = try SchoolSummary(file: file, rules: book.rules, facts: read.facts, result: result, levyPool: levyPool)
        return Row(
            summary: summary, verified: read.verify.ok, firstBreak: read.verify.firstBreak, head: read.head, closed: read.closed,
            schoolYear: book.rules.year.schoolYear(of: book.rules.starts))
    }

    /// Refuses ledgers of different terms (of different school years with `--year`), naming each group.
    static func requireOneTerm(_ rows: [Row], allowYear: Bool) throws {
        let terms = Set(rows.map(\.summary.term))
        let years = Set(rows.map(\.schoolYear))
        if terms.count <= 1 || (allowYear && years.count == 1) { return }
        func list(_ colon: String, _ comma: String, _ semicolon: String) -> String {
            terms.sorted().map { term in
                term + colon + rows.filter { $0.summary.term == term }.prefix(3).map(\.summary.file).joined(separator: comma)
            }.joined(separator: semicolon)
        }
        throw TuoguanError(
            .badInput,
            zh: "账本不是同一学期的：" + list("：", "、", "；"),
            en: "the ledgers are not of one term: " + list(": ", ", ", "; "),
            fix: allowYear
                ? LocalizedText(zh: "只汇总同一学年的账本", en: "roll up the ledgers of one school year only")
                : LocalizedText(zh: "只给出同一学期的账本，或加 --year 汇总同一学年的两个学期", en: "give the ledgers of one term, or add --year for the terms of one school year"))
    }
}
