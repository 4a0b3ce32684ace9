import Foundation
import Synchronization
import TuoguanCore
import TuoguanSpreadsheet

/// The six workbooks of a term. Each takes the same ``ReportInput`` and writes one .xlsx file; captions are
/// Chinese unless `input.language` is `.en`. Every total is a formula with the money core's figure stored as
/// its value, and the same input always gives the same bytes.
///
/// ```swift
/// let paths = try Workbooks.writeAll(input, toDirectory: "reports/2024-autumn")
/// // ["reports/2024-autumn/学期结算单.xlsx", …]
/// ```
public enum Workbooks {
    /// The workbooks: the six of a term (``termWorkbooks``), then the families' notices.
    public enum Kind: String, CaseIterable, Sendable {
        case statement, disclosure, workload, refundRegister, subsidyClaim, findings
        /// The families' notices (``Workbooks/writeNotices(_:className:to:)``): printed per class, not one of
        /// the six term workbooks ``writeAll(_:toDirectory:)`` writes.
        case notices
        /// Receipts (收据) for payments (``Workbooks/writeReceipts(_:to:)``): printed on demand, not a term workbook.
        case receipts
        /// The sheet families sign for their settlement refunds on (``Workbooks/writeSignForSheet(_:className:to:)``).
        case signForSheet
        /// The notices to the families who still owe after settlement (``Workbooks/writeTopUpNotices(_:className:to:)``).
        case topUpNotices

        /// The six workbooks of a term, in the order ``writeAll(_:toDirectory:)`` writes them.
        public static let termWorkbooks: [Kind] = [.statement, .disclosure, .workload, .refundRegister, .subsidyClaim, .findings]

        /// The file name in each language.
        public func fileName(_ language: Language) -> String {
            switch (self, language) {
            case (.statement, .zh): return "学期结算单.xlsx"
            case (.disclosure, .zh): return "收支公示.xlsx"
            case (.workload, .zh): return "教师工作量及课酬.xlsx"
            case (.refundRegister, .zh): return "退费登记表.xlsx"
            case (.subsidyClaim, .zh): return "补贴申报.xlsx"
            case (.findings, .zh): return "合规检查.xlsx"
            case (.notices, .zh): return "缴费结算通知单.xlsx"
            case (.receipts, .zh): return "收据.xlsx"
            case (.signForSheet, .zh): return "退费签领表.xlsx"
            case (.topUpNotices, .zh): return "补缴通知.xlsx"
            case (.statement, .en): return "term-statement.xlsx"
            case (.disclosure, .en): return "disclosure.xlsx"
            case (.workload, .en): return "teacher-workload.xlsx"
            case (.refundRegister, .en): return "refund-register.xlsx"
            case (.subsidyClaim, .en): return "subsidy-claim.xlsx"
            case (.findings, .en): return "findings.xlsx"
            case (.notices, .en): return "notices.xlsx"
            case (.receipts, .en): return "receipts.xlsx"
            case (.signForSheet, .en): return "refund-sign-sheet.xlsx"
            case (.topUpNotices, .en): return "top-up-notices.xlsx"
            }
        }

        /// Whether the workbook reads the families' statements (``ReportInput/families``).
        var readsFamilies: Bool {
            switch self {
            case .statement, .disclosure, .notices, .receipts, .signForSheet, .topUpNotices: return true
            case .workload, .refundRegister, .subsidyClaim, .findings: return false
            }
        }

        /// The workbook's title, shown in every sheet's title row.
        public func title(_ language: Language) -> String {
            let zh = String(fileName(.zh).dropLast(".xlsx".count))
            switch self {
            case .statement: return language == .zh ? zh : "Term statement"
            case .disclosure: return language == .zh ? zh : "Income and spending disclosure"
            case .workload: return language == .zh ? zh : "Teacher workload and pay"
            case .refundRegister: return language == .zh ? zh : "Refund register"
            case .subsidyClaim: return language == .zh ? zh : "Subsidy claim"
            case .findings: return language == .zh ? zh : "Findings"
            case .notices: return language == .zh ? zh : "Notices"
            case .receipts: return language == .zh ? zh : "Receipts"
            case .signForSheet: return language == .zh ? zh : "Refund sign-for sheet"
            case .topUpNotices: return language == .zh ? zh : "Top-up notices"
            }
        }
    }

    /// Writes one workbook of `kind` to `path`.
    public static func write(_ kind: Kind, _ input: ReportInput, to path: String) throws {
        switch kind {
        case .statement: try writeStatement(input, to: path)
        case .disclosure: try writeDisclosure(input, to: path)
        case .workload: try writeWorkload(input, to: path)
        case .refundRegister: try writeRefundRegister(input, to: path)
        case .subsidyClaim: try writeSubsidyClaim(input, to: path)
        case .findings: try writeFindings(input, to: path)
        case .notices: try writeNotices(input, to: path)
        case .receipts: try writeReceipts(input, to: path)
        case .signForSheet: try writeSignForSheet(input, to: path)
        case .topUpNotices: try writeTopUpNotices(input, to: path)
        }
    }

    /// Writes all six workbooks into `dir` (which must exist) and returns their paths. They are written on two
    /// threads (``run(_:threads:familiesOnCaller:)``): the statement's sheets as parts of their own, the other
    /// workbooks whole; the first error in ``Kind`` order is thrown. Families read from a store
    /// (``ReportInput/familiesOnCallingThread``) are read on the calling thread only.
    public static func writeAll(_ input: ReportInput, toDirectory dir: String) throws -> [String] {
        let kinds = Kind.termWorkbooks
        let paths = kinds.map { dir.hasSuffix("/") ? dir + $0.fileName(input.language) : dir + "/" + $0.fileName(input.language) }
        // The jobs in Kind order; a job that cannot even start stands as its error, thrown in its turn.
        var jobs: [WorkbookJob] = []
        var setupErrors: [Kind: any Error] = [:]
        for (kind, path) in zip(kinds, paths) {
            do {
                switch kind {
                case .statement: jobs.append(try statementJob(input, path: path))
                case .disclosure: jobs.append(try disclosureJob(input, path: path))
                default: jobs.append(WorkbookJob(kind: kind, whole: { try write(kind, input, to: path) }))
                }
            } catch {
                setupErrors[kind] = error
            }
        }
        var runError: (kind: Kind, error: any Error)?
        do {
            try run(jobs, familiesOnCaller: input.familiesOnCallingThread)
        } catch let failure as JobFailure {
            runError = (failure.kind, failure.error)
        }
        for kind in kinds {
            if let error = setupErrors[kind] { throw error }
            if let runError, runError.kind == kind { throw runError.error }
        }
        return paths
    }

    // MARK: Jobs

    /// A piece of a workbook that one thread writes: one or more of its sheets, top to bottom.
    typealias Part = @Sendable () throws -> Void

    /// A workbook to write: its parts (each fills its own sheets; they may run at the same time, on different
    /// threads) and the step that writes the file once every part is done.
    struct WorkbookJob: Sendable {
        let kind: Kind
        let parts: [Part]
        let finish: Part

        init(kind: Kind, parts: [Part], finish: @escaping Part) {
            self.kind = kind
            self.parts = parts
            self.finish = finish
        }

        /// Whether its parts read the families' statements.
        var readsFamilies: Bool { kind.readsFamilies }

        /// A workbook written in one piece.
        init(kind: Kind, whole: @escaping Part) {
            self.init(kind: kind, parts: [whole], finish: {})
        }
    }

    /// Opens a workbook and lets `setup` make its sheets (in their order) and return the parts that fill them;
    /// the job's finish closes the workbook.
    static func job(
        _ kind: Kind, _ input: ReportInput, path: String, constantMemory: Bool,
        _ setup: (Workbook, Context) throws -> [Part]
    ) throws -> WorkbookJob {
        let context = Context(input: input, kind: kind)
        let book = Workbook(path: path, constantMemory: constantMemory, properties: properties(context))
        let parts: [Part]
        do {
            parts = try setup(book, context).map { part in
                { do { try part() } catch let error as SpreadsheetError { throw translate(error, path: path) } }
            }
        } catch let error as SpreadsheetError {
            throw translate(error, path: path)
        }
        // Sheets written at once must not share the library's string table (see ``Workbook``).
        assert(parts.count <= 1 || constantMemory, "a workbook written in parts must be in constant memory")
        return WorkbookJob(kind: kind, parts: parts) {
            do { try book.close() } catch let error as SpreadsheetError { throw translate(error, path: path) }
        }
    }

    /// Runs the jobs on `threads` threads. A thread that is free takes the next part it may run, jobs in the
    /// order given and parts in each job's order; the thread that finishes a job's last part closes the
    /// workbook (or has another thread close it, when it is the calling thread that alone reads the families).
    /// A job with a failed part is not closed (its file is not written) and its parts not yet started are
    /// skipped. Throws the first error in the order of `jobs`, as a ``JobFailure``. `familiesOnCaller`: the
    /// parts that read the families run on the calling thread only (families read from a store, in its read
    /// transaction), the others on any.
    ///
    /// The two threads matter on a district's statement: its family blocks are written while the other thread
    /// writes the workbooks that do not read the families; closing the statement (compressing its sheets,
    /// which libxlsxwriter does on one thread) overlaps the rest.
    static func run(_ jobs: [WorkbookJob], threads: Int = 2, familiesOnCaller: Bool = false) throws {
        // Every part in the order it is handed out; a job with no parts gets an empty one, so it is closed.
        let parts: [(job: Int, part: Part)] = jobs.indices.flatMap { j in
            (jobs[j].parts.isEmpty ? [{}] : jobs[j].parts).map { (j, $0) }
        }
        let shared = SharedProgress(RunProgress(jobs, parts: parts.map(\.job)))
        let closing = DispatchGroup()
        let work = { @Sendable (onCaller: Bool) in
            let familiesAllowed = onCaller || !familiesOnCaller
            while let p = shared.progress.withLock({ $0.take(familiesAllowed: familiesAllowed) }) {
                let j = parts[p].job
                var failure: (any Error)?
                do { try parts[p].part() } catch { failure = error }
                guard shared.progress.withLock({ $0.done(job: j, failure: failure) }) else { continue }
                let finish = { @Sendable in
                    do { try jobs[j].finish() } catch { shared.progress.withLock { $0.failed(job: j, error) } }
                }
                // The thread that alone reads the families goes on with them while another closes the workbook
                // (compressing its sheets).
                if onCaller && familiesOnCaller { DispatchQueue.global().async(group: closing, execute: finish) } else { finish() }
            }
        }
        // The other threads, then the calling one (which alone may read families read from a store).
        let others = DispatchGroup()
        for _ in 1..<max(1, threads) { DispatchQueue.global().async(group: others) { work(false) } }
        work(true)
        others.wait()
        closing.wait()
        if let (j, error) = shared.progress.withLock({ $0.firstError }) { throw JobFailure(kind: jobs[j].kind, error: error) }
    }

    /// The first error of ``run(_:threads:familiesOnCaller:)`` and the workbook it belongs to.
    struct JobFailure: Error {
        let kind: Kind
        let error: any Error
    }

    /// The progress the threads of ``run(_:threads:familiesOnCaller:)`` share, behind its mutex.
    private final class SharedProgress: Sendable {
        let progress: Mutex<RunProgress>
        init(_ progress: RunProgress) { self.progress = Mutex(progress) }
    }

    /// What ``run(_:threads:familiesOnCaller:)``'s threads share: which parts were handed out, and per job the
    /// parts not yet done and the first error.
    private struct RunProgress {
        /// Each part's job, in the order the parts are handed out.
        let jobOfPart: [Int]
        let readsFamilies: [Bool]
        var taken: [Bool]
        var partsLeft: [Int]
        var errors: [(any Error)?]

        init(_ jobs: [WorkbookJob], parts jobOfPart: [Int]) {
            self.jobOfPart = jobOfPart
            readsFamilies = jobs.map(\.readsFamilies)
            taken = Array(repeating: false, count: jobOfPart.count)
            partsLeft = jobs.map { max(1, $0.parts.count) }
            errors = Array(repeating: nil, count: jobs.count)
        }

        /// The first part not handed out whose job has not failed (and does not read the families unless
        /// `familiesAllowed`), or nil when there is none. The parts of a failed job are skipped.
        mutating func take(familiesAllowed: Bool) -> Int? {
            for p in taken.indices where !taken[p] {
                let j = jobOfPart[p]
                if errors[j] != nil {
                    taken[p] = true
                    continue
                }
                guard familiesAllowed || !readsFamilies[j] else { continue }
                taken[p] = true
                return p
            }
            return nil
        }

        /// Records a part of `job` as done; true when it was the job's last and the job may be closed.
        mutating func done(job: Int, failure: (any Error)?) -> Bool {
            partsLeft[job] -= 1
            assert(partsLeft[job] >= 0)
            if let failure { failed(job: job, failure) }
            return partsLeft[job] == 0 && errors[job] == nil
        }

        mutating func failed(job: Int, _ error: any Error) {
            if errors[job] == nil { errors[job] = error }
        }

        /// The first job (in the order given) that failed, and its error.
        var firstError: (job: Int, error: any Error)? {
            errors.indices.lazy.compactMap { j in errors[j].map { (j, $0) } }.first
        }
    }

    // MARK: Shared

    /// Opens a workbook with fixed document properties, runs `body`, closes it; spreadsheet errors become
    /// `TuoguanError`s.
    static func produce(
        _ kind: Kind, _ input: ReportInput, path: String, constantMemory: Bool = false,
        _ body: (Workbook, Context) throws -> Void
    ) throws {
        let context = Context(input: input, kind: kind)
        let book = Workbook(path: path, constantMemory: constantMemory, properties: properties(context))
        do {
            try body(book, context)
            try book.close()
        } catch let error as SpreadsheetError {
            throw translate(error, path: path)
        }
    }

    /// The document properties: the creation date is the term's last day at 00:00 UTC, fixed by the data,
    /// never "now".
    static func properties(_ context: Context) -> Workbook.DocumentProperties {
        let rules = context.input.rules
        return Workbook.DocumentProperties(
            title: context.title, subject: rules.planName, author: rules.school, company: rules.school,
            created: rules.ends.dayNumber * 86_400)
    }

    static func translate(_ error: SpreadsheetError, path: String) -> TuoguanError {
        switch error {
        case .cannotCreateFile:
            return TuoguanError(
                .fileUnwritable, zh: "无法写入工作簿“\(path)”", en: "cannot write the workbook \"\(path)\"",
                fix: LocalizedText(zh: "请确认目录存在且有写入权限", en: "check that the directory exists and is writable"),
                at: SourceLocation(file: path))
        case .cellOutOfRange(let row, let column):
            return TuoguanError(
                .badInput, zh: "数据超出工作表范围（第 \(row + 1) 行，第 \(column + 1) 列）",
                en: "too much data for one sheet (row \(row + 1), column \(column + 1))",
                fix: LocalizedText(zh: "一张工作表最多 1,048,576 行、16,384 列；请按年级或班级分开导出", en: "a sheet holds at most 1,048,576 rows and 16,384 columns; export by grade or class"),
                at: SourceLocation(file: path))
        case .textTooLong(let row, let column):
            return TuoguanError(
                .badInput, zh: "单元格文字超过 32767 个字符（第 \(row + 1) 行，第 \(column + 1) 列）",
                en: "text longer than 32,767 characters in row \(row + 1), column \(column + 1)",
                fix: LocalizedText(zh: "请缩短备注等文字", en: "shorten the note or name"), at: SourceLocation(file: path))
        default:
            return TuoguanError(
                .internal, zh: "写入工作簿失败：\(error)", en: "writing the workbook failed: \(error)",
                at: SourceLocation(file: path))
        }
    }

    /// What every sheet's title row needs.
    struct Context {
        let input: ReportInput
        let kind: Kind
        var language: Language { input.language }
        var c: Captions { Captions(language: input.language) }
        var title: String { kind.title(input.language) }
        /// `某某小学  2024年秋季学期 — 学期结算单`: the rules' `school` and `term_name` (else the term's id). The
        /// plan's name, with its reference labels (`（篇二、篇十）`), stays in the document's properties.
        func sheetTitle(_ sheetCaption: String? = nil) -> String {
            let rules = input.rules
            var out = [rules.school, rules.termTitle].joined(separator: "  ") + " — " + title
            // A sheet named as its workbook (收支公示 · 收支公示) says it once.
            if let sheetCaption, sheetCaption != title { out += " · " + sheetCaption }
            return out
        }
        func sheet(_ book: Workbook, name: String, columns: Int, landscape: Bool? = nil) throws -> ReportSheet {
            try ReportSheet(book, name: name, title: sheetTitle(name), columns: columns, language: language, landscape: landscape)
        }
        var studentsById: [String: Student] {
            Dictionary(input.facts.students.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var teachersById: [String: Teacher] {
            var out = Dictionary(input.facts.teachers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for pay in input.result.teachers where out[pay.teacher.id] == nil { out[pay.teacher.id] = pay.teacher }
            return out
        }
        var coursesById: CoursesById { input.facts.coursesById }
    }
}
