import Foundation
import TuoguanCore

/// Where the export goes: standard output, or a file written beside its place and renamed into it at the end
/// (a failed export leaves no half file). Bytes go out in pieces of about a megabyte.
///
/// ```swift
/// let sink = try BookFile(path: "term.journal")   // nil: standard output
/// try sink.write("commodity 1000.00 CNY\n")
/// try sink.finish()                                // or sink.discard() after an error
/// ```
final class BookFile {
    private let path: String?
    private let partPath: String?
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(path: String?) throws {
        self.path = path
        guard let path else {
            partPath = nil
            handle = FileHandle.standardOutput
            return
        }
        let part = path + ".part"
        guard FileManager.default.createFile(atPath: part, contents: nil), let h = FileHandle(forWritingAtPath: part) else {
            throw TuoguanError(
                .fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)",
                fix: LocalizedText(zh: "换一个可写的位置（--out）", en: "choose a writable place with --out"),
                at: SourceLocation(key: "--out"))
        }
        partPath = part
        handle = h
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TuoguanError(
                .fileUnwritable, zh: "写入 \(path ?? "标准输出") 失败：\(error.localizedDescription)",
                en: "writing \(path ?? "standard output") failed: \(error.localizedDescription)",
                fix: LocalizedText(zh: "检查磁盘空间与写入权限", en: "check the disk space and the permissions"),
                at: SourceLocation(key: "--out"))
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and puts the file in its place.
    func finish() throws {
        try flush()
        guard let path, let partPath else { return }
        try? handle.close()
        guard rename(partPath, path) == 0 else {
            throw TuoguanError(
                .fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)",
                fix: LocalizedText(zh: "换一个可写的位置（--out）", en: "choose a writable place with --out"),
                at: SourceLocation(key: "--out"))
        }
    }

    /// Removes the half-written file.
    func discard() {
        guard let partPath else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: partPath)
    }
}
