import Foundation

/// The fields of a POST: `application/x-www-form-urlencoded` or `multipart/form-data` (with files).
///
/// ```swift
/// let form = WebForm(urlEncoded: "student=S1&amount=240%2E00")
/// form["amount"]   // "240.00"
/// ```
struct WebForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: (name: String, bytes: [UInt8])] = [:]

    subscript(_ key: String) -> String? { fields[key] }

    /// The field trimmed, "" when missing.
    func text(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    init() {}

    init(urlEncoded body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if fields[key] == nil { fields[key] = value }
        }
    }

    static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }

    /// Parses a multipart body: each part's `Content-Disposition` names the field (and a file's name).
    init(multipart body: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        var index = 0
        var starts: [Int] = []
        while let found = Self.find(delimiter, in: body, from: index) {
            starts.append(found)
            index = found + delimiter.count
        }
        for (a, b) in zip(starts, starts.dropFirst()) {
            var part = Array(body[(a + delimiter.count)..<b])
            if part.starts(with: [13, 10]) { part.removeFirst(2) }
            if part.count >= 2, part.suffix(2) == [13, 10] { part.removeLast(2) }
            guard let split = Self.find([13, 10, 13, 10], in: part, from: 0) else { continue }
            let head = String(decoding: part[..<split], as: UTF8.self)
            let content = Array(part[(split + 4)...])
            guard let name = Self.attribute("name", in: head) else { continue }
            if let file = Self.attribute("filename", in: head) {
                if !file.isEmpty || !content.isEmpty { files[name] = (file, content) }
            } else if fields[name] == nil {
                fields[name] = String(decoding: content, as: UTF8.self)
            }
        }
    }

    static func attribute(_ key: String, in head: String) -> String? {
        for line in head.split(whereSeparator: \.isNewline) where line.lowercased().hasPrefix("content-disposition") {
            for item in line.split(separator: ";") {
                let pair = item.trimmingCharacters(in: .whitespaces)
                guard pair.hasPrefix(key + "=") else { continue }
                var value = String(pair.dropFirst(key.count + 1))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value
            }
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
