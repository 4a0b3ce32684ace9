import Foundation
import TuoguanCore
import TuoguanStore

extension JSONDocuments {
    /// Prints `statement --json`, reading the families a range of students at a time inside one read
    /// transaction (``Ledger/readingTermInRanges(rangeSize:_:)``), so only a range of families is in memory at
    /// once. The fund is printed before the students (the keys are sorted) but is known only once every family
    /// is computed: each statement, computed once and checked, is written as it comes into a spill file, which
    /// follows the fund out once the transaction is over. Without a temporary file it stops with a clear error
    /// (one way to the document, not two).
    ///
    /// ```swift
    /// try JSONDocuments.printStatement(try options.open(readOnly: true))
    /// ```
    static func printStatement(_ ledger: Ledger) throws {
        let unassigned = try ledger.heldTransfers().map(\.transfer)
        guard let spill = tmpfile() else { throw spillError() }
        defer { fclose(spill) }
        let result = try ledger.readingTermInRanges(readOnce: true) { term, source in
            var checks = TermInvariants.FamilyChecks()
            var students = JSONOutput { bytes in _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, spill) } }
            var empty = true
            let (result, _) = try TermComputation.compute(rules: ledger.rules, term: term, families: source) {
                try checks.add($0)
                students.writeElement(student($0), first: empty)
                empty = false
            }
            students.finishArray(empty: empty)
            students.flush()
            try TermInvariants.check(result, checked: checks)
            return result
        }
        guard fflush(spill) == 0, ferror(spill) == 0 else { throw spillError() }
        rewind(spill)
        JSONOutput.print(try statement(result, students: .written(AnySequence(SpillChunks(file: spill))), unassigned: unassigned))
        guard ferror(spill) == 0 else { throw spillError() }
    }

    /// The spill file could not be written or read back (a full disk).
    private static func spillError() -> TuoguanError {
        TuoguanError(
            .fileUnwritable, zh: "无法写入临时文件（结算单的学生部分）", en: "cannot write the temporary file of the statement's students",
            fix: LocalizedText(zh: "检查临时文件夹是否已满或不可写", en: "check that the temporary folder is writable and not full"))
    }
}

/// A file's bytes from where it stands to its end, a megabyte at a time.
private struct SpillChunks: Sequence, IteratorProtocol {
    let file: UnsafeMutablePointer<FILE>

    mutating func next() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        guard n > 0 else { return nil }
        chunk.removeLast(chunk.count - n)
        return chunk
    }
}
