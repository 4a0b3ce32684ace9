import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanStore

/// What every report command needs: the ledger's facts, the term computation, the records behind it.
struct ReportContext {
    let ledger: Ledger
    let input: ReportInput

    /// `needRecords`: also load the refund register and the duty log, on a connection of their own while this
    /// one loads and computes the term (at 50,000 students 0.8 s of the load). They are kept only if that
    /// connection saw the same state of the ledger (the same write version); if another program wrote the
    /// ledger in between, everything is read again (three times at most, then `ledger-busy`).
    init(_ options: LedgerOptions, needRecords: Bool = true) throws {
        ledger = try options.open(readOnly: true)
        let rules = ledger.rules
        var attempt = 0
        while true {
            attempt += 1
            let records = needRecords ? RecordsLoad(options) : nil
            let facts: TermFacts
            let version: String
            let result: TermResult
            do {
                (facts, version) = try ledger.termFactsAndVersion()
                result = try TermComputation.compute(rules: rules, facts: facts)
                try TermInvariants.check(result)
            } catch {
                _ = try? records?.wait()
                throw error
            }
            let loaded = try records?.wait()
            if let loaded, loaded.version != version {
                guard attempt < 3 else {
                    throw TuoguanError(
                        .ledgerBusy, zh: "生成报表期间账本一直在被修改", en: "the ledger kept changing while the report was being made",
                        fix: LocalizedText(zh: "等其他导入或收退费完成后再运行一次", en: "run it again once the other import or payment is done"),
                        at: SourceLocation(file: ledger.path))
                }
                continue
            }
            input = ReportInput(
                rules: rules, facts: facts, result: result, refunds: loaded?.refunds ?? [], duties: loaded?.duties ?? [],
                language: options.workbookLanguage)
            break
        }
        #if canImport(Glibc)
            // Loading left freed memory in the malloc arenas of the threads that read (the records, the second
            // half of the attendance); give it back before the workbooks are written (50,000 students: the
            // peak was 224–264 MB from run to run without this).
            _ = trimMalloc(0)
        #endif
    }

    var result: TermResult { input.result }
}

#if canImport(Glibc)
    /// glibc's `malloc_trim` (in `<malloc.h>`, which the Glibc module does not bring in).
    @_silgen_name("malloc_trim") private func trimMalloc(_ pad: Int) -> Int32
#endif

/// The refund register and the duty log, read on a connection of their own on another thread.
private final class RecordsLoad: @unchecked Sendable {
    typealias Records = (version: String, refunds: [RefundRecord], duties: [DutyRecord])
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Records, any Error> = .success(("", [], []))

    init(_ options: LedgerOptions) {
        DispatchQueue.global().async { [self] in
            outcome = Result { try options.open(readOnly: true).records() }
            done.signal()
        }
    }

    /// Waits for the records; throws what reading them threw.
    func wait() throws -> Records {
        done.wait()
        return try outcome.get()
    }
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

/// Prints a JSON document on stdout and nothing else.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(value)
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
