import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanStore
import TuoguanWeb

/// What every report command needs: the ledger's facts, the term computation, the records behind it.
struct ReportContext {
    let ledger: Ledger
    private(set) var input: ReportInput

    /// `needRecords`: also load the refund register (in the same read as the facts) and read the duty log when the
    /// workload workbook is written.
    /// `familiesWhenRead`: the families' statements are not kept but computed each time one is read
    /// (``TermComputation/computeFamiliesWhenRead(rules:facts:)``): what prints every family once or a few
    /// times (`statement --json`, `report --all`), so a district's statements are never all in memory.
    init(_ options: LedgerOptions, needRecords: Bool = true, familiesWhenRead: Bool = false) throws {
        ledger = try options.open(readOnly: true)
        let rules = ledger.rules
        let (facts, refunds) = needRecords ? try ledger.termFactsAndRefunds() : (try ledger.termFacts(), [])
        // The workbooks keep of the facts only what they read (``ReportFacts``).
        var input: ReportInput
        let language = options.workbookLanguage
        if familiesWhenRead {
            let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
            try TermInvariants.check(result, families: families)
            input = ReportInput(
                rules: rules, facts: facts, result: result, familiesWhenRead: families, refunds: refunds, language: language)
        } else {
            let result = try TermComputation.compute(rules: rules, facts: facts)
            try TermInvariants.check(result)
            input = ReportInput(rules: rules, facts: facts, result: result, refunds: refunds, language: language)
        }
        if needRecords {
            // The duty log is read a day or a teacher at a time as the workload workbook is written.
            let log = SharedLedger(ledger)
            input.dutiesWhenRead = DutyGroups { grouping, body in try log.ledger.forEachDutyGroup(grouping, body) }
        }
        input.unassigned = try ledger.heldTransfers().map(\.transfer)
        // The committee's and the principal's approvals (`tuoguan serve`), printed under the sign-off.
        input.approvals = try WebApprovals.printed(ledger, options.workbookLanguage)
        self.input = input
    }

    var result: TermResult { input.result }

    /// Runs `body` with the workbooks' input whose families are read from the ledger a range of students at a
    /// time, inside one read transaction (``Ledger/readingTermInRanges(rangeSize:_:)``): the first pass computes
    /// and checks every statement (the fund's totals), the workbooks compute each again as they write it, so a
    /// district's families are never all in memory. The families are read on the calling thread only
    /// (``ReportInput/familiesOnCallingThread``); the duty log is read on a connection of its own, by the thread
    /// that writes the workload. The refund register, the suspense list and the approvals are read before.
    ///
    /// ```swift
    /// let paths = try ReportContext.withFamiliesInRanges(options) { try Workbooks.writeAll($0, toDirectory: "reports") }
    /// ```
    static func withFamiliesInRanges<T>(_ options: LedgerOptions, _ body: (ReportInput) throws -> T) throws -> T {
        let ledger = try options.open(readOnly: true)
        let refunds = try ledger.refundRegister()
        let unassigned = try ledger.heldTransfers().map(\.transfer)
        // The committee's and the principal's approvals (`tuoguan serve`), printed under the sign-off.
        let approvals = try WebApprovals.printed(ledger, options.workbookLanguage)
        let log = SharedLedger(try options.open(readOnly: true))
        return try ledger.readingTermInRanges { term, source in
            var checks = TermInvariants.FamilyChecks()
            // The statement workbook's layout gathered in the same pass (no pass of its own before the workbooks).
            var layout = StatementLayoutTally(maxRows: ReportInput.defaultMaxRowsPerSheet)
            let (result, families) = try TermComputation.compute(rules: ledger.rules, term: term, families: source) {
                try checks.add($0)
                layout.add($0)
            }
            try TermInvariants.check(result, checked: checks)
            var input = ReportInput(
                rules: ledger.rules, facts: term, result: result, familiesWhenRead: families, refunds: refunds,
                language: options.workbookLanguage)
            input.familiesOnCallingThread = true
            input.statementLayoutGathered = layout
            input.dutiesWhenRead = DutyGroups { grouping, body in try log.ledger.forEachDutyGroup(grouping, body) }
            input.unassigned = unassigned
            input.approvals = approvals
            return try body(input)
        }
    }
}

/// A ledger the workbooks' threads read from. Unchecked: a ledger's reads go through its GRDB connection,
/// which runs one at a time whatever thread asks.
struct SharedLedger: @unchecked Sendable {
    let ledger: Ledger
    init(_ ledger: Ledger) { self.ledger = ledger }
}

/// Where a workbook goes: `--out`, or `reports/NAME` by default. The folder is checked before any work.
func prepareOutput(_ out: String?, defaultName: String) throws -> String {
    let path = out ?? "reports/\(defaultName)"
    let folder = (path as NSString).deletingLastPathComponent
    let fm = FileManager.default
    if folder.isEmpty { return path }
    var isDirectory: ObjCBool = false
    if out == nil && !fm.fileExists(atPath: folder) {
        try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
    guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw TuoguanError(
            .fileUnwritable, zh: "输出文件夹 \(folder) 不存在", en: "output folder \(folder) does not exist",
            fix: LocalizedText(zh: "先建好文件夹，或用 --out 指定别处", en: "create it first, or pass --out elsewhere"),
            at: SourceLocation(key: "--out"))
    }
    guard fm.isWritableFile(atPath: folder) else {
        throw TuoguanError(
            .fileUnwritable, zh: "输出文件夹 \(folder) 不可写", en: "output folder \(folder) is not writable",
            fix: LocalizedText(zh: "换一个可写的文件夹（--out）", en: "choose a writable folder with --out"),
            at: SourceLocation(key: "--out"))
    }
    return path
}

/// Makes the folder `path` (and its parents) for `--out`; a folder that cannot be made is a `file-unwritable`
/// error naming the flag, not the system's error.
func createFolder(_ path: String, flag: String = "--out") throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        // A file where a folder should be, a read-only place, a path the system refuses.
        throw TuoguanError(
            .fileUnwritable, zh: "无法创建输出文件夹 \(path)", en: "cannot create the output folder \(path)",
            fix: LocalizedText(
                zh: "检查路径中是否有同名文件、是否有写入权限，或用 \(flag) 指定别处",
                en: "check that no file stands in the path and that you may write there, or pass \(flag) elsewhere"),
            at: SourceLocation(key: flag))
    }
}
