#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import TuoguanCore

/// Turns the bytes of an exported file into UTF-8: UTF-8 (with or without a BOM) or GB18030 (Excel on a
/// Chinese Windows saves "CSV" in GB18030).
///
/// ```swift
/// let utf8 = try TextDecoding.utf8Bytes(of: bytes, fileName: "students.csv")
/// ```
public enum TextDecoding {
    /// UTF-8 bytes without a BOM.
    static func utf8Bytes(of bytes: [UInt8], fileName: String) throws -> [UInt8] {
        // `buffer` points into the TextBytes: it must live until the bytes are copied out (a temporary was
        // released before the copy, a use after free found by the csv fuzz target).
        let text = try utf8Bytes(of: TextBytes(copying: bytes), fileName: fileName)
        return withExtendedLifetime(text) { Array(text.buffer) }
    }

    /// The same, for a file's bytes: a UTF-8 file is not copied (a byte-order mark is skipped in place), and
    /// the pages checked are given back as the check goes.
    public static func utf8Bytes(of text: TextBytes, fileName: String) throws -> TextBytes {
        let bytes = text.buffer
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return text.dropping(first: 3)
        }
        if isValidUTF8(bytes, releasing: text) { return text }
        if let converted = convert(Array(bytes), from: "GB18030") { return TextBytes(copying: converted) }
        throw TuoguanError(
            .badInput, zh: "文件既不是 UTF-8 也不是 GB18030 编码", en: "the file is neither UTF-8 nor GB18030 text",
            fix: LocalizedText(zh: "在表格软件中另存为“CSV UTF-8”", en: "save it again as \"CSV UTF-8\""),
            at: SourceLocation(file: fileName))
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValidUTF8($0, releasing: nil) }
    }

    /// `text`: the pages checked are given back to the system every megabyte.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>, releasing text: TextBytes?) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let chunkEnd = min(n, i + (1 << 20))
            while i < chunkEnd {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let len: Int
                if b & 0xE0 == 0xC0 && b >= 0xC2 {
                    len = 2
                } else if b & 0xF0 == 0xE0 {
                    len = 3
                } else if b & 0xF8 == 0xF0 && b <= 0xF4 {
                    len = 4
                } else {
                    return false
                }
                if i + len > n { return false }
                for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return false }
                i += len
            }
            text?.release(before: i)
        }
        return true
    }

    /// Converts with iconv; nil if the bytes are not valid in `encoding`.
    static func convert(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        // GB18030 uses 1, 2 or 4 bytes per character, UTF-8 at most 4 (2 bytes → 3 at most): twice is enough.
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var written = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0 {
                    written = outBuf.count - outLeft
                }
            }
        }
        return written >= 0 ? Array(output[0..<written]) : nil
    }
}
