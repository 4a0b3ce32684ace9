/// Finds where each key of a TOML document is written: line, column and the raw text of its value.
///
/// TOMLKit gives values but not their positions, so the loader scans the text itself to point every error
/// at `FILE:LINE:COL`. The scanner understands what matters for positions: table headers (`[policies.x]`),
/// arrays of tables (`[[split.pools]]`, numbered `split.pools[0]`, `split.pools[1]` …), `key = value` lines
/// with dotted and quoted keys, inline tables (`refund = { cancelled = "full" }`), arrays (elements are
/// numbered: `make_up_days[1]`), strings of the four kinds and comments. It runs only on text TOMLKit has
/// already accepted, and it never traps on anything else (it stops early instead).
///
/// ```swift
/// let locator = TOMLKeyLocator(text: "[policies.x]\nprice = \"20.005\"\n")
/// locator.position(of: "policies.x.price")   // line 2, column 1, value column 9, raw "\"20.005\""
/// locator.nearest(to: "policies.x.months")    // the header: ("policies.x", line 1)
/// ```
struct TOMLKeyLocator: Sendable {
    struct Position: Sendable, Equatable {
        /// 1-based line of the key (or of the header, or of an array element).
        var line: Int
        /// 1-based column (in characters) where the key starts.
        var column: Int
        /// 1-based column where the value starts (the key's column for headers).
        var valueColumn: Int
        /// The value as written, for scalars (`"20.005"`, `20.5`, `2024-09-02`); nil for tables and arrays.
        var raw: String?
    }

    /// Every position found, by key path (`policies.x.price`, `split.pools[0].percent`, `no_service[2]`).
    let positions: [String: Position]
    /// The lines of the text, without their line breaks.
    let lines: [String]

    init(text: String) {
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        var scanner = Scanner(characters: Array(text))
        scanner.run()
        positions = scanner.positions
    }

    func position(of path: String) -> Position? { positions[path] }

    /// The position of `path`, or of its closest written ancestor (`policies.x.months` → `policies.x`).
    func nearest(to path: String) -> (path: String, position: Position)? {
        var current = path
        while !current.isEmpty {
            if let p = positions[current] { return (current, p) }
            current = TOMLKeyLocator.parent(of: current)
        }
        return nil
    }

    /// The text of a 1-based line, or nil.
    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// `a.b[2]` → `a.b`; `a.b` → `a`; `a` → ``.
    static func parent(of path: String) -> String {
        if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
            return String(path[..<open])
        }
        if let dot = path.lastIndex(of: ".") { return String(path[..<dot]) }
        return ""
    }

    static func join(_ prefix: String, _ key: String) -> String {
        prefix.isEmpty ? key : prefix + "." + key
    }
}

extension TOMLKeyLocator {
    private struct Scanner {
        let characters: [Character]
        var index = 0
        var line = 1
        var column = 1
        var table = ""
        /// How many `[[path]]` headers were seen, by resolved path.
        var arrayCounts: [String: Int] = [:]
        var positions: [String: Position] = [:]

        init(characters: [Character]) { self.characters = characters }

        var current: Character? { index < characters.count ? characters[index] : nil }
        var next: Character? { index + 1 < characters.count ? characters[index + 1] : nil }

        mutating func advance() {
            guard index < characters.count else { return }
            if characters[index].isNewline {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        mutating func skipSpaces() {
            while let c = current, c == " " || c == "\t" { advance() }
        }

        mutating func skipToLineEnd() {
            while let c = current, !c.isNewline { advance() }
        }

        /// Spaces, line breaks and comments (between array elements and statements).
        mutating func skipBlank() {
            while let c = current {
                if c == " " || c == "\t" || c.isNewline {
                    advance()
                } else if c == "#" {
                    skipToLineEnd()
                } else {
                    break
                }
            }
        }

        mutating func record(_ path: String, _ position: Position) {
            if positions[path] == nil { positions[path] = position }
        }

        mutating func run() {
            while current != nil {
                skipBlank()
                guard let c = current else { break }
                let start = Position(line: line, column: column, valueColumn: column, raw: nil)
                let before = index
                if c == "[" {
                    advance()
                    let isArray = current == "["
                    if isArray { advance() }
                    let keys = readKey()
                    table = resolve(keys, start: start, newElement: isArray)
                    skipToLineEnd()
                } else {
                    let keys = readKey()
                    skipSpaces()
                    if keys.isEmpty || current != "=" {
                        skipToLineEnd()
                    } else {
                        advance()
                        skipSpaces()
                        recordKey(keys, prefix: table, keyStart: start)
                        skipSpaces()
                        if current == "#" { skipToLineEnd() }
                    }
                }
                if index == before { advance() }
            }
        }

        /// Resolves a header's keys against the arrays of tables seen so far and records it and its prefixes.
        mutating func resolve(_ keys: [String], start: Position, newElement: Bool) -> String {
            var path = ""
            for (k, key) in keys.enumerated() {
                path = TOMLKeyLocator.join(path, key)
                if k == keys.count - 1 && newElement {
                    let n = arrayCounts[path, default: 0]
                    arrayCounts[path] = n + 1
                    record(path, start)
                    path += "[\(n)]"
                } else if let n = arrayCounts[path] {
                    path += "[\(n - 1)]"
                }
                record(path, start)
            }
            return path
        }

        /// Records `prefix.a.b` (and `prefix.a`) for a `a.b = value` statement, then scans the value.
        mutating func recordKey(_ keys: [String], prefix: String, keyStart: Position) {
            var path = prefix
            for key in keys.dropLast() {
                path = TOMLKeyLocator.join(path, key)
                record(path, keyStart)
            }
            path = TOMLKeyLocator.join(path, keys.last ?? "")
            let valueColumn = column
            let valueLine = line
            let raw = scanValue(path)
            var position = keyStart
            position.valueColumn = valueLine == keyStart.line ? valueColumn : keyStart.column
            position.raw = raw
            record(path, position)
        }

        /// A dotted key: bare, "basic" or 'literal' parts separated by dots.
        mutating func readKey() -> [String] {
            var keys: [String] = []
            while true {
                skipSpaces()
                guard let c = current else { break }
                if c == "\"" || c == "'" {
                    let raw = readString()
                    keys.append(String(raw.dropFirst().dropLast()))
                } else {
                    var key = ""
                    while let c = current, c.isLetter || c.isNumber || c == "_" || c == "-" {
                        key.append(c)
                        advance()
                    }
                    if key.isEmpty { break }
                    keys.append(key)
                }
                skipSpaces()
                if current == "." {
                    advance()
                } else {
                    break
                }
            }
            return keys
        }

        /// Scans one value; returns its raw text for scalars and strings.
        mutating func scanValue(_ path: String) -> String? {
            skipSpaces()
            guard let c = current else { return nil }
            if c == "{" {
                advance()
                while true {
                    skipBlank()
                    guard let c = current else { return nil }
                    if c == "}" {
                        advance()
                        return nil
                    }
                    if c == "," {
                        advance()
                        continue
                    }
                    let before = index
                    let start = Position(line: line, column: column, valueColumn: column, raw: nil)
                    let keys = readKey()
                    skipSpaces()
                    guard !keys.isEmpty, current == "=" else {
                        if index == before { advance() }
                        continue
                    }
                    advance()
                    skipSpaces()
                    recordKey(keys, prefix: path, keyStart: start)
                }
            }
            if c == "[" {
                advance()
                var element = 0
                while true {
                    skipBlank()
                    guard let c = current else { return nil }
                    if c == "]" {
                        advance()
                        return nil
                    }
                    if c == "," {
                        advance()
                        element += 1
                        continue
                    }
                    let before = index
                    let elementPath = path + "[\(element)]"
                    var start = Position(line: line, column: column, valueColumn: column, raw: nil)
                    start.raw = scanValue(elementPath)
                    record(elementPath, start)
                    if index == before { advance() }
                }
            }
            if c == "\"" || c == "'" { return readString() }
            var raw = ""
            while let c = current, !c.isNewline, c != ",", c != "]", c != "}", c != "#" {
                raw.append(c)
                advance()
            }
            while raw.last == " " || raw.last == "\t" { raw.removeLast() }
            return raw
        }

        /// A string of any of the four kinds, returned with its quotes.
        mutating func readString() -> String {
            guard let quote = current else { return "" }
            var raw = String(quote)
            advance()
            let triple = current == quote && next == quote
            if triple {
                raw.append(quote)
                raw.append(quote)
                advance()
                advance()
            } else if current == quote {
                raw.append(quote)
                advance()
                return raw  // empty string
            }
            while let c = current {
                if c == "\\" && quote == "\"" {
                    raw.append(c)
                    advance()
                    if let escaped = current {
                        raw.append(escaped)
                        advance()
                    }
                    continue
                }
                if c == quote {
                    if !triple {
                        raw.append(c)
                        advance()
                        return raw
                    }
                    if next == quote, index + 2 < characters.count, characters[index + 2] == quote {
                        raw += String(repeating: quote, count: 3)
                        advance()
                        advance()
                        advance()
                        return raw
                    }
                }
                if c.isNewline && !triple { return raw }
                raw.append(c)
                advance()
            }
            return raw
        }
    }
}
