import Foundation
import Testing
import TuoguanCore

@testable import TuoguanInput

/// An input file is mapped, not read whole, and the pages behind the reader are given back: the bytes seen
/// must be exactly the file's, before and after pages were released, with or without a byte-order mark.
@Suite struct TextBytesTests {
    func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = NSTemporaryDirectory() + "tuoguan-textbytes-\(UUID().uuidString).csv"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// 40 MiB of lines, so release(before:) acts twice (once per 16 MiB); every byte read after a release is
    /// the file's byte (the page is read again from the file).
    @Test func releasedPagesReadBackTheSameBytes() throws {
        let line = Array("2024-09-02,X0001,S000001,present\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40 << 20)
        while bytes.count < 40 << 20 { bytes += line }
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try #require(TextBytes.contents(of: path))
        #expect(text.count == bytes.count)
        var offset = 0
        var mismatches = 0
        while offset < text.count {
            let end = min(text.count, offset + (1 << 20))
            for i in offset..<end where text.buffer[i] != bytes[i] { mismatches += 1 }
            offset = end
            text.release(before: offset)
        }
        // Read again from the start, after everything was released.
        for i in stride(from: 0, to: text.count, by: 4099) where text.buffer[i] != bytes[i] { mismatches += 1 }
        #expect(mismatches == 0)
    }

    @Test func byteOrderMarkIsSkippedWithoutCopying() throws {
        let path = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("学号,姓名\nS001,张三\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try #require(TextBytes.contents(of: path))
        let utf8 = try TextDecoding.utf8Bytes(of: text, fileName: path)
        #expect(Array(utf8.buffer) == Array("学号,姓名\nS001,张三\n".utf8))
        #expect(utf8.buffer.baseAddress == text.buffer.baseAddress! + 3)
    }

    @Test func emptyFileAndMissingFile() throws {
        let path = try temporaryFile([])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try #require(TextBytes.contents(of: path)).count == 0)
        #expect(TextBytes.contents(of: path + ".missing") == nil)
    }

    /// A GB18030 file (what Excel saves as "CSV" on a Chinese Windows) is converted into UTF-8 on the heap.
    @Test func gb18030IsConverted() throws {
        // "学号,姓名\n" in GB18030: 学 D1A7, 号 BAC5, 姓 D0D5, 名 C3FB.
        let path = try temporaryFile([0xD1, 0xA7, 0xBA, 0xC5, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB, 0x0A])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try #require(TextBytes.contents(of: path))
        let utf8 = try TextDecoding.utf8Bytes(of: text, fileName: path)
        #expect(String(decoding: Array(utf8.buffer), as: UTF8.self) == "学号,姓名\n")
    }
}
