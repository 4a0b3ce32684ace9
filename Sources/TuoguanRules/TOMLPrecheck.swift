import TuoguanCore

/// Catches, before TOMLKit sees the text, the few malformed inputs on which its parser (toml++ 3) does not
/// report an error but stops the program: a table header whose name does not start with a key character
/// (`[=x]`, `[` at the end of a line, `[[ #`), a `}` where an array expects a value (`[1, }`), and a date
/// followed by a space and a lone digit (`2024-09-02 1`, which toml++ takes for the start of a time). toml++
/// asserts that it never sees these (an abort in a debug build, undefined behaviour in a release build), so
/// the loader reports them itself, as syntax errors.
///
/// The scan follows what decides whether a `[` opens a table header: comments, the four kinds of strings and
/// the nesting of arrays and inline tables in values. Found by fuzzing the rules loader (scripts/fuzz rules).
///
/// ```swift
/// TOMLPrecheck.firstProblem(in: "schema = 1\n[=x]\n")   // (line: 2, column: 2, .headerWithoutName)
/// ```
enum TOMLPrecheck {
    enum Problem: Equatable {
        /// `[` not followed by a key.
        case headerWithoutName
        /// `}` inside an array.
        case braceInArray
        /// `2024-09-02 1`: a date, a space and one digit.
        case dateThenDigit
    }

    /// The line and column (1-based, in characters) of the first place toml++ cannot take, or nil.
    static func firstProblem(in text: String) -> (line: Int, column: Int, problem: Problem)? {
        var scan = Scan(chars: Array(text.unicodeScalars))
        while scan.i < scan.chars.count {
            if let problem = scan.step() { return problem }
        }
        return nil
    }

    /// The scan's position: the character, its line, where that line starts, whether only blanks stand before
    /// it on the line, and the arrays and inline tables open in the current value (innermost last).
    private struct Scan {
        let chars: [Unicode.Scalar]
        var i = 0
        var line = 1
        var lineStart = 0
        var atLineStart = true
        var open: [Unicode.Scalar] = []

        init(chars: [Unicode.Scalar]) { self.chars = chars }

        func at(_ k: Int) -> Unicode.Scalar? { k < chars.count ? chars[k] : nil }

        mutating func newline(_ k: Int) {
            line += 1
            lineStart = k + 1
        }

        /// Reads one token (a character, a comment, a string or a header's opening) and moves past it.
        mutating func step() -> (line: Int, column: Int, problem: Problem)? {
            let c = chars[i]
            switch c {
            case "\n":
                newline(i)
                if open.isEmpty { atLineStart = true }
                i += 1
                return nil
            case " ", "\t", "\r":
                i += 1
                return nil
            case "#":
                while i < chars.count && chars[i] != "\n" { i += 1 }
                return nil
            case "\"", "'":
                skipString(quote: c)
                atLineStart = false
                return nil
            case "[" where open.isEmpty && atLineStart:
                return header()
            case "[", "{":
                open.append(c)
            case "}" where open.last == "[":
                return (line, i - lineStart + 1, .braceInArray)
            case "]", "}":
                _ = open.popLast()
            default:
                if dateThenDigit(at: i) { return (line, i - lineStart + 1, .dateThenDigit) }
            }
            atLineStart = false
            i += 1
            return nil
        }

        /// A table header `[name]` or `[[name]]` at the start of a line: its name must start with a key character.
        mutating func header() -> (line: Int, column: Int, problem: Problem)? {
            var k = i + 1
            if at(k) == "[" { k += 1 }
            while at(k) == " " || at(k) == "\t" { k += 1 }
            if !Self.isKeyStart(at(k)) && at(k) != "]" {
                return (line, k - lineStart + 1, .headerWithoutName)
            }
            atLineStart = false
            i = k
            return nil
        }

        /// Moves past a string that starts at `i`: basic or literal, on one line or multi-line.
        mutating func skipString(quote c: Unicode.Scalar) {
            guard at(i + 1) == c && at(i + 2) == c else {
                i += 1
                while i < chars.count && chars[i] != c && chars[i] != "\n" {
                    if chars[i] == "\\" && c == "\"" { i += 1 }
                    i += 1
                }
                if i < chars.count && chars[i] == c { i += 1 }
                return
            }
            // A multi-line string: up to the next three delimiters (an escaped one in a basic string does not count).
            i += 3
            while i < chars.count {
                if chars[i] == "\\" && c == "\"" {
                    if at(i + 1) == "\n" { newline(i + 1) }
                    i += 2
                    continue
                }
                if chars[i] == "\n" { newline(i) }
                if chars[i] == c && at(i + 1) == c && at(i + 2) == c {
                    i += 3
                    while at(i) == c { i += 1 }  // up to two more quotes belong to the string
                    return
                }
                i += 1
            }
        }

        /// Ten characters up to a terminator, `-` at the 5th and 8th, then a space, a digit and a terminator.
        func dateThenDigit(at k: Int) -> Bool {
            guard Self.isDigit(at(k)),
                k == 0 || Self.isTerminator(chars[k - 1]) || chars[k - 1] == "=" || chars[k - 1] == "["
                    || chars[k - 1] == "{"
            else { return false }
            for j in k..<(k + 10) where at(j) == nil || Self.isTerminator(at(j)) { return false }
            return at(k + 4) == "-" && at(k + 7) == "-" && at(k + 10) == " " && Self.isDigit(at(k + 11))
                && Self.isTerminator(at(k + 12))
        }

        static func isKeyStart(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
                || c == "\"" || c == "'"
        }

        static func isTerminator(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c == " " || c == "\t" || c == "\n" || c == "\r" || c == "]" || c == "}" || c == "," || c == "#"
        }

        static func isDigit(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c >= "0" && c <= "9"
        }
    }
}
