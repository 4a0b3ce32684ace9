/// A class's name as the school writes it: `一(1)班`, `一（1）班`, `1年级1班`, `三年级 2 班`.
///
/// ``canonical(_:)`` is how the ledger stores and compares it (full-width brackets and spaces as typed on a
/// Chinese keyboard mean the same class); ``ordered(_:_:)`` sorts classes by grade, then number, reading
/// Chinese numerals and digits alike, so `一(2)班` comes before `一(10)班` and both before `二(1)班`.
///
/// ```swift
/// ClassName.canonical("一（1）班")              // "一(1)班"
/// ClassName.ordered("二(2)班", "一(1)班")        // false: 一(1)班 comes first
/// ```
public enum ClassName {
    /// Full-width brackets as half-width, spaces (ASCII and the ideographic U+3000) removed.
    public static func canonical(_ name: String) -> String {
        guard name.contains(where: { "（）【】 \u{3000}\t".contains($0) }) else { return name }
        return String(
            name.compactMap { c -> Character? in
                switch c {
                case "（", "【": return "("
                case "）", "】": return ")"
                case " ", "\u{3000}", "\t": return nil
                default: return c
                }
            })
    }

    /// Whether class `a` comes before class `b`: by grade, then by number, then by name.
    public static func ordered(_ a: String, _ b: String) -> Bool {
        let ka = key(a)
        let kb = key(b)
        if ka.grade != kb.grade { return ka.grade < kb.grade }
        if ka.number != kb.number { return ka.number < kb.number }
        return a < b
    }

    /// The grade and the number a class's name gives: its first number (digits or Chinese numerals) and its
    /// last; a name without numbers sorts after every numbered one.
    public static func key(_ name: String) -> (grade: Int, number: Int) {
        let numbers = self.numbers(in: canonical(name))
        guard let first = numbers.first else { return (Int.max, Int.max) }
        return (first, numbers.count > 1 ? numbers[numbers.count - 1] : 0)
    }

    static let digits: [Character: Int] = [
        "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// The numbers written in `text`, in order: runs of ASCII digits, and runs of Chinese numerals (`十二` = 12).
    static func numbers(in text: String) -> [Int] {
        var out: [Int] = []
        var ascii = ""
        var chinese = ""
        func flush() {
            if let n = Int(ascii) { out.append(n) }
            if let n = chineseValue(chinese) { out.append(n) }
            ascii = ""
            chinese = ""
        }
        for c in text {
            if c.isASCII, c.isNumber {
                if !chinese.isEmpty { flush() }
                ascii.append(c)
            } else if digits[c] != nil || c == "十" {
                if !ascii.isEmpty { flush() }
                chinese.append(c)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// `十二` → 12, `二十` → 20, `三` → 3 (up to 99).
    static func chineseValue(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        if let ten = text.firstIndex(of: "十") {
            let tens = text[..<ten].isEmpty ? 1 : digits[text[text.startIndex]] ?? 1
            let rest = text[text.index(after: ten)...]
            return tens * 10 + (rest.first.flatMap { digits[$0] } ?? 0)
        }
        return text.reduce(0) { $0 * 10 + (digits[$1] ?? 0) }
    }
}
