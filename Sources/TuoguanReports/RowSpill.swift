import Foundation
import TuoguanCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Rows of a sheet written in an order other than the families' (the course detail course by course, the
/// disclosure class by class) while the families are read once, in their order: each row is written to a
/// temporary file as it comes, under its group, and read back a group at a time. Only each row's place in the
/// file is kept in memory (8 bytes a row), not the row.
///
/// ```swift
/// let spill = try RowSpill()
/// try spill.append(to: "C1", texts: ["S001", "张小明"], numbers: [240_00])   // as the families are read
/// try spill.forEachRow(of: "C1") { texts, numbers in /* … */ }            // in the order appended
/// ```
final class RowSpill {
    private let file: UnsafeMutablePointer<FILE>
    private var size: UInt64 = 0
    /// Per group, its rows' places: the offset (40 bits) and the length (24 bits) of each record.
    private var places: [String: [UInt64]] = [:]
    private var buffer: [UInt8] = []

    /// A new file in the temporary folder (`TMPDIR`), removed from the folder at once (it goes when closed).
    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/tuoguan-rows-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw RowSpill.failed() }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        guard let file = fdopen(fd, "w+") else {
            close(fd)
            throw RowSpill.failed()
        }
        self.file = file
    }

    deinit { fclose(file) }

    /// The temporary file could not be made, written or read (a full or read-only temporary folder).
    static func failed() -> TuoguanError {
        TuoguanError(
            .fileUnwritable, zh: "无法写入临时文件（写工作簿时用）", en: "cannot write a temporary file (used to write the workbooks)",
            fix: LocalizedText(zh: "请检查临时文件夹（TMPDIR）的空间和写入权限", en: "check the temporary folder (TMPDIR) has room and may be written"))
    }

    /// The groups that have rows.
    var groups: Dictionary<String, [UInt64]>.Keys { places.keys }

    /// Appends a row (its texts and numbers) to `group`'s.
    func append(to group: String, texts: [String], numbers: [Int64]) throws {
        buffer.removeAll(keepingCapacity: true)
        put(UInt64(texts.count))
        put(UInt64(numbers.count))
        for text in texts {
            put(UInt64(text.utf8.count))
            buffer.append(contentsOf: text.utf8)
        }
        for number in numbers { put(UInt64(bitPattern: number)) }
        // Invariant: a record fits its 24 bits of length (a cell holds at most 32,767 characters) and the file
        // its 40 bits of offset.
        precondition(buffer.count < 1 << 24 && size < 1 << 40, "a spilled row too long or a file too big")
        guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw RowSpill.failed() }
        places[group, default: []].append(size << 24 | UInt64(buffer.count))
        size += UInt64(buffer.count)
    }

    /// Calls `body` with each row of `group`, in the order they were appended.
    func forEachRow(of group: String, _ body: (_ texts: [String], _ numbers: [Int64]) throws -> Void) throws {
        guard fflush(file) == 0 else { throw RowSpill.failed() }
        for place in places[group] ?? [] {
            let length = Int(place & 0xFF_FFFF)
            if buffer.count < length { buffer = Array(repeating: 0, count: length) }
            let read = buffer.withUnsafeMutableBytes { pread(fileno(file), $0.baseAddress, length, off_t(place >> 24)) }
            guard read == length else { throw RowSpill.failed() }
            let (texts, numbers) = decoded()
            try body(texts, numbers)
        }
    }

    private func put(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { buffer.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// The record at the start of `buffer`.
    private func decoded() -> (texts: [String], numbers: [Int64]) {
        var at = 0
        func number() -> UInt64 {
            var value: UInt64 = 0
            for i in 0..<8 { value |= UInt64(buffer[at + i]) << UInt64(8 * i) }
            at += 8
            return value
        }
        let textCount = Int(number())
        let numberCount = Int(number())
        let texts = (0..<textCount).map { _ in
            let count = Int(number())
            defer { at += count }
            return String(decoding: buffer[at..<(at + count)], as: UTF8.self)
        }
        let numbers = (0..<numberCount).map { _ in Int64(bitPattern: number()) }
        return (texts, numbers)
    }
}
