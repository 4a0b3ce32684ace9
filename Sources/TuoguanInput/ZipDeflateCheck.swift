import CZlib
import Foundation

/// Checks, before ZIPFoundation extracts a part of an .xlsx file, that the part's deflate stream ends inside
/// the bytes the archive's directory gives it. ZIPFoundation 0.9 inflates until the stream's end, reading on
/// past the entry, and at the end of the file it loops for ever on empty reads: a workbook whose part never
/// ends (a damaged or hostile file) hung `tuoguan import`. Found by scripts/fuzz xlsx.
///
/// The directory is read here from the file itself (the end-of-directory record, the directory entries,
/// each entry's local header); a file this reading cannot follow is not a workbook.
///
/// ```swift
/// let check = try ZipDeflateCheck(path: "term.xlsx")
/// check.isWhole("xl/workbook.xml")   // false: refuse the workbook
/// ```
struct ZipDeflateCheck {
    private struct Entry {
        var method: UInt16
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    private let file: FileHandle
    private let fileSize: UInt64
    private var entries: [String: [Entry]] = [:]

    /// Nil when the archive's directory cannot be read.
    init?(path: String) {
        guard let file = FileHandle(forReadingAtPath: path), let size = try? file.seekToEnd() else { return nil }
        self.file = file
        fileSize = size
        // The end-of-directory record: the last "PK\u{5}\u{6}" in the last 64 KiB + 22 bytes.
        let tailLength = min(size, 65_557)
        guard let tail = read(at: size - tailLength, count: Int(tailLength)), tail.count >= 22 else { return nil }
        var end: Int?
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 0x05 && tail[i + 3] == 0x06 {
                end = i
                break
            }
            i -= 1
        }
        guard let end else { return nil }
        let count = Int(Self.u16(tail, end + 10))
        let directorySize = UInt64(Self.u32(tail, end + 12))
        let directoryOffset = UInt64(Self.u32(tail, end + 16))
        // ZIP64 (0xFFFF entries or 0xFFFFFFFF offsets) is not followed: an .xlsx of a term is far smaller.
        guard count != 0xFFFF, directoryOffset != 0xFFFF_FFFF, directoryOffset + directorySize <= size,
            let directory = read(at: directoryOffset, count: Int(directorySize))
        else { return nil }
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= directory.count, Self.u32(directory, p) == 0x0201_4B50 else { return nil }
            let nameLength = Int(Self.u16(directory, p + 28))
            let extraLength = Int(Self.u16(directory, p + 30))
            let commentLength = Int(Self.u16(directory, p + 32))
            guard p + 46 + nameLength <= directory.count else { return nil }
            let name = String(decoding: directory[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            entries[name, default: []].append(
                Entry(
                    method: Self.u16(directory, p + 10), compressedSize: UInt64(Self.u32(directory, p + 20)),
                    uncompressedSize: UInt64(Self.u32(directory, p + 24)),
                    localHeaderOffset: UInt64(Self.u32(directory, p + 42))))
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// True when every entry named `name` is stored, or deflated with a stream that ends within its bytes.
    /// False for a name this directory does not have: ZIPFoundation decodes names without the UTF-8 flag as
    /// CP437, so the two readings may disagree on a non-ASCII name, and a part left unchecked could hang.
    func isWhole(_ name: String) -> Bool {
        guard let named = entries[name] else { return false }
        for entry in named {
            guard let header = read(at: entry.localHeaderOffset, count: 30), header.count == 30,
                Self.u32(header, 0) == 0x0403_4B50
            else { return false }
            let dataStart = entry.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
            guard dataStart + entry.compressedSize <= fileSize else { return false }
            switch entry.method {
            case 0: continue
            case 8: if !deflateEnds(at: dataStart, count: entry.compressedSize) { return false }
            default: return false
            }
        }
        return true
    }

    /// Inflates `count` bytes from `offset` (the output is thrown away) and reports whether the stream ended.
    private func deflateEnds(at offset: UInt64, count: UInt64) -> Bool {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return false
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: 1 << 16)
        var position = offset
        let end = offset + count
        while position < end {
            guard var input = read(at: position, count: Int(min(end - position, 1 << 16))), !input.isEmpty else {
                return false
            }
            position += UInt64(input.count)
            let result: Int32 = input.withUnsafeMutableBufferPointer { inBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                var result = Z_OK
                while stream.avail_in > 0 {
                    result = output.withUnsafeMutableBufferPointer { outBuffer in
                        stream.next_out = outBuffer.baseAddress
                        stream.avail_out = UInt32(outBuffer.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    if result == Z_STREAM_END || (result != Z_OK && result != Z_BUF_ERROR) { break }
                    if result == Z_BUF_ERROR && stream.avail_out > 0 { break }  // no progress possible
                }
                return result
            }
            if result == Z_STREAM_END { return true }
            if result != Z_OK && result != Z_BUF_ERROR { return false }
        }
        return false
    }

    private func read(at offset: UInt64, count: Int) -> [UInt8]? {
        guard (try? file.seek(toOffset: offset)) != nil, let data = try? file.read(upToCount: count) else { return nil }
        return [UInt8](data)
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
