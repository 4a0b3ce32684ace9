import Foundation

/// Writes every `--json` document: compact JSON (no spaces or newlines inside), the keys of each object sorted
/// (as the documents give them: ASCII, in byte order), `/` not escaped, one newline at the end. The keys are the
/// contract, not the whitespace. Output goes out in chunks of about `chunkBytes` between the elements of a
/// ``JSONValue/stream(_:)``, so a district's statement is never whole in memory.
///
/// ```swift
/// JSONOutput.print(.object(["school": .string("某某小学"), "term": .string("2024-autumn")]))
/// // {"school":"某某小学","term":"2024-autumn"}
/// ```
struct JSONOutput {
    /// The bytes not yet handed to `sink`.
    private var buffer: [UInt8] = []
    private let chunkBytes: Int
    private let sink: ([UInt8]) -> Void

    /// `sink` receives the output in order, in pieces of about `chunkBytes` (a piece ends between two elements
    /// of a stream, so it may be one element longer).
    init(chunkBytes: Int = 1 << 20, sink: @escaping ([UInt8]) -> Void) {
        precondition(chunkBytes > 0)
        self.chunkBytes = chunkBytes
        self.sink = sink
        buffer.reserveCapacity(min(chunkBytes, 1 << 20) + 4096)
    }

    /// Prints `document` on stdout, and nothing else.
    static func print(_ document: JSONValue) {
        var out = JSONOutput { bytes in FileHandle.standardOutput.write(Data(bytes)) }
        out.write(document)
        out.finish()
    }

    /// `value` as compact JSON, without the final newline.
    static func text(_ value: JSONValue) -> String {
        var bytes: [UInt8] = []
        var out = JSONOutput { bytes += $0 }
        out.write(value)
        out.flush()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the final newline and hands everything left to the sink.
    mutating func finish() {
        buffer.append(UInt8(ascii: "\n"))
        flush()
    }

    mutating func flush() {
        if !buffer.isEmpty { sink(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    mutating func write(_ value: JSONValue) {
        switch value {
        case .string(let text): write(string: text)
        case .integer(let n): buffer.append(contentsOf: String(n).utf8)
        case .bool(let b): buffer.append(contentsOf: (b ? "true" : "false").utf8)
        case .array(let elements): write(elements: elements, flushing: false)
        case .stream(let elements): write(elements: elements, flushing: true)
        case .object(let members): write(members: members)
        case .written(let chunks):
            flush()
            for chunk in chunks where !chunk.isEmpty { sink(chunk) }
        }
    }

    /// Writes `value` as the next element of an array being written a piece at a time: `[` before the first,
    /// `,` before the others (``finishArray()`` writes the `]`). The output is flushed every `chunkBytes`.
    mutating func writeElement(_ value: JSONValue, first: Bool) {
        buffer.append(first ? UInt8(ascii: "[") : UInt8(ascii: ","))
        write(value)
        if buffer.count >= chunkBytes { flush() }
    }

    /// Ends an array written by ``writeElement(_:first:)`` (`[]` when it had no element).
    mutating func finishArray(empty: Bool) {
        if empty { buffer.append(UInt8(ascii: "[")) }
        buffer.append(UInt8(ascii: "]"))
    }

    private mutating func write(elements: some Sequence<JSONValue>, flushing: Bool) {
        buffer.append(UInt8(ascii: "["))
        var first = true
        for element in elements {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            write(element)
            if flushing && buffer.count >= chunkBytes { flush() }
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// An object, its members in the order given: the documents list their keys sorted (asserted).
    private mutating func write(members: KeyValuePairs<String, JSONValue>) {
        assert(zip(members, members.dropFirst()).allSatisfy { $0.0.key < $0.1.key }, "keys not sorted: \(members.map(\.key))")
        buffer.append(UInt8(ascii: "{"))
        var first = true
        for member in members {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            write(string: member.key)
            buffer.append(UInt8(ascii: ":"))
            write(member.value)
        }
        buffer.append(UInt8(ascii: "}"))
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\n`, `\t`… or `\u00XX`; everything else as
    /// its UTF-8.
    private mutating func write(string text: String) {
        var text = text
        text.withUTF8 { utf8 in
            buffer.append(UInt8(ascii: "\""))
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                buffer.append(contentsOf: utf8)
            } else {
                for byte in utf8 { write(escaping: byte) }
            }
            buffer.append(UInt8(ascii: "\""))
        }
    }

    private mutating func write(escaping byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.append(contentsOf: #"\""#.utf8)
        case UInt8(ascii: "\\"): buffer.append(contentsOf: #"\\"#.utf8)
        case UInt8(ascii: "\n"): buffer.append(contentsOf: #"\n"#.utf8)
        case UInt8(ascii: "\r"): buffer.append(contentsOf: #"\r"#.utf8)
        case UInt8(ascii: "\t"): buffer.append(contentsOf: #"\t"#.utf8)
        case 0..<0x20:
            let hex = Array("0123456789abcdef".utf8)
            buffer.append(contentsOf: #"\u00"#.utf8)
            buffer.append(hex[Int(byte >> 4)])
            buffer.append(hex[Int(byte & 0xF)])
        default: buffer.append(byte)
        }
    }
}
