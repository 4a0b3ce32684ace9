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
        let chars = Array(text.unicodeScalars)
        let n = chars.count
        var i = 0
        var line = 1
        var lineStart = 0
        var atLineStart = true
        var open: [Unicode.Scalar] = []  // the arrays and inline tables of values, innermost last
        func at(_ k: Int) -> Unicode.Scalar? { k < n ? chars[k] : nil }
        func isKeyStart(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "_" || c == "-"
                || c == "\"" || c == "'"
        }
        func isTerminator(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c == " " || c == "\t" || c == "\n" || c == "\r" || c == "]" || c == "}" || c == "," || c == "#"
        }
        func isDigit(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c >= "0" && c <= "9"
        }
        /// Ten characters up to a terminator, `-` at the 5th and 8th, then a space, a digit and a terminator.
        func dateThenDigit(at k: Int) -> Bool {
            guard isDigit(at(k)), k == 0 || isTerminator(chars[k - 1]) || chars[k - 1] == "=" || chars[k - 1] == "["
                || chars[k - 1] == "{"
            else { return false }
            for j in k..<(k + 10) where at(j) == nil || isTerminator(at(j)) { return false }
            return at(k + 4) == "-" && at(k + 7) == "-" && at(k + 10) == " " && isDigit(at(k + 11))
                && isTerminator(at(k + 12))
        }
        func newline(_ k: Int) {
            line += 1
            lineStart = k + 1
        }
        while i < n {
            let c = chars[i]
            switch c {
            case "\n":
                newline(i)
                if open.isEmpty { atLineStart = true }
                i += 1
                continue
            case " ", "\t", "\r":
                i += 1
                continue
            case "#":
                while i < n && chars[i] != "\n" { i += 1 }
                continue
            case "\"", "'":
                if at(i + 1) == c && at(i + 2) == c {
                    // A multi-line string: up to the next three delimiters (an escaped one in a basic string
                    // does not count).
                    i += 3
                    while i < n {
                        if chars[i] == "\\" && c == "\"" {
                            if at(i + 1) == "\n" { newline(i + 1) }
                            i += 2
                            continue
                        }
                        if chars[i] == "\n" { newline(i) }
                        if chars[i] == c && at(i + 1) == c && at(i + 2) == c {
                            i += 3
                            while at(i) == c { i += 1 }  // up to two more quotes belong to the string
                            break
                        }
                        i += 1
                    }
                } else {
                    i += 1
                    while i < n && chars[i] != c && chars[i] != "\n" {
                        if chars[i] == "\\" && c == "\"" { i += 1 }
                        i += 1
                    }
                    if i < n && chars[i] == c { i += 1 }
                }
                atLineStart = false
                continue
            case "[" where open.isEmpty && atLineStart:
                var k = i + 1
                if at(k) == "[" { k += 1 }
                while at(k) == " " || at(k) == "\t" { k += 1 }
                if !isKeyStart(at(k)) && at(k) != "]" {
                    return (line, k - lineStart + 1, .headerWithoutName)
                }
                atLineStart = false
                i = k
                continue
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
        }
        return nil
    }
}
