extension Money {
    /// Parses an amount exactly as people type it and spreadsheets export it.
    ///
    /// Accepted: `20`, `20.5`, `20.50`, `¥20.00`, `￥20`, `20元`, `RMB 20`, `1,234.50`, `１，２３４.５０`
    /// (full-width), `-3.00`, `(3.00)` for a negative amount, surrounding spaces. Rejected with an error that
    /// quotes the text: more than two decimals, an empty string, anything else.
    ///
    /// ```swift
    /// try Money(parsing: "¥1,234.50").fen   // 123450
    /// try Money(parsing: "20.005")         // throws: more than two decimals
    /// ```
    public init(parsing text: String) throws {
        let bad = { (zh: String, en: String) in Money.badAmount(text, zh, en) }
        let normalised = Self.normalised(text)
        if normalised.isEmpty { throw bad("为空", "is empty") }
        let (negative, number) = Self.signAndNumber(normalised)
        if number.isEmpty { throw bad("没有数字", "has no digits") }
        var (integerDigits, fractionDigits) = try Self.digits(of: number, bad: bad)
        if integerDigits.isEmpty && fractionDigits.isEmpty { throw bad("没有数字", "has no digits") }
        if fractionDigits.count > 2 {
            // Trailing zeros beyond the fen are still exact ("20.500" is 20.50).
            while fractionDigits.count > 2 && fractionDigits.last == 0 { fractionDigits.removeLast() }
            if fractionDigits.count > 2 { throw bad("多于两位小数（最小单位是分）", "has more than two decimals (the fen is the smallest unit)") }
        }
        while fractionDigits.count < 2 { fractionDigits.append(0) }

        var value: Int64 = 0
        for digit in integerDigits + fractionDigits {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(digit))
            if o1 || o2 { throw bad("太大", "is too large") }
            value = next
        }
        self.init(fen: negative ? -value : value)
    }

    /// `bad-amount` for `text` (quoted as typed): what is wrong, and how an amount is written.
    static func badAmount(_ text: String, _ zh: String, _ en: String) -> TuoguanError {
        TuoguanError(
            .badAmount, zh: "金额“\(text)”\(zh)", en: "amount \"\(text)\" \(en)",
            fix: LocalizedText(
                zh: "写成如 20、20.5、¥1,234.50 的形式，最多两位小数",
                en: "write it like 20, 20.5 or ¥1,234.50, with at most two decimals"))
    }

    /// Full-width forms (U+FF01…U+FF5E) as ASCII, the ideographic and the no-break space as a space, trimmed.
    static func normalised(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0xFF01 && v <= 0xFF5E, let ascii = Unicode.Scalar(v - 0xFEE0) {
                scalars.append(ascii)
            } else if v == 0x3000 || v == 0xA0 {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(String.UnicodeScalarView(scalars)).trimmingSpaces()
    }

    /// The sign (`(3.00)`, `-`, `−`, `+`, also after the currency) and the number without it, its currency
    /// (`¥`, `￥`, `RMB`, `CNY`) and its unit (`元`, `圆`).
    static func signAndNumber(_ text: String) -> (negative: Bool, number: String) {
        var s = text
        var negative = false
        if s.hasPrefix("(") && s.hasSuffix(")") {
            negative = true
            s = String(s.dropFirst().dropLast()).trimmingSpaces()
        }
        if s.hasPrefix("-") || s.hasPrefix("−") {
            negative.toggle()
            s = String(s.dropFirst()).trimmingSpaces()
        } else if s.hasPrefix("+") {
            s = String(s.dropFirst()).trimmingSpaces()
        }
        for prefix in ["¥", "￥", "RMB", "CNY"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count)).trimmingSpaces()
            break
        }
        for suffix in ["元", "圆"] where s.hasSuffix(suffix) {
            s = String(s.dropLast(suffix.count)).trimmingSpaces()
            break
        }
        if s.hasPrefix("-") && !negative {
            negative = true
            s = String(s.dropFirst())
        }
        return (negative, s)
    }

    /// The digits before and after the decimal point; thousands separators checked (the first group has 1 to 3
    /// digits, every later one exactly 3) and dropped; anything else is `bad`.
    static func digits(
        of number: String, bad: (String, String) -> TuoguanError
    ) throws -> (integer: [UInt8], fraction: [UInt8]) {
        var integerDigits: [UInt8] = []
        var fractionDigits: [UInt8] = []
        var seenPoint = false
        var lastCommaGroup = -1  // digits since the last thousands separator, -1 when none seen
        for byte in number.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if seenPoint {
                    fractionDigits.append(byte - 48)
                } else {
                    integerDigits.append(byte - 48)
                    if lastCommaGroup >= 0 { lastCommaGroup += 1 }
                }
            case UInt8(ascii: ","):
                if seenPoint || integerDigits.isEmpty || (lastCommaGroup >= 0 && lastCommaGroup != 3)
                    || (lastCommaGroup < 0 && integerDigits.count > 3)
                {
                    throw bad("的千位分隔符位置不对", "has a misplaced thousands separator")
                }
                lastCommaGroup = 0
            case UInt8(ascii: "."):
                if seenPoint { throw bad("有多个小数点", "has more than one decimal point") }
                seenPoint = true
            default:
                throw bad("不是金额", "is not an amount")
            }
        }
        if lastCommaGroup >= 0 && lastCommaGroup != 3 {
            throw bad("的千位分隔符位置不对", "has a misplaced thousands separator")
        }
        return (integerDigits, fractionDigits)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
