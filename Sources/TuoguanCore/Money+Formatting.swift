extension Money {
    /// `1,234.50`; `-3.00`; without grouping `1234.50`.
    ///
    /// ```swift
    /// Money(fen: 123450).formatted()                 // "1,234.50"
    /// Money(fen: 123450).formatted(grouping: false)  // "1234.50"
    /// ```
    public func formatted(grouping: Bool = true) -> String {
        let negative = fen < 0
        let magnitude = fen.magnitude  // UInt64: safe for Int64.min
        let yuan = magnitude / 100
        let cents = magnitude % 100
        var digits = String(yuan)
        if grouping && digits.count > 3 {
            var grouped = ""
            for (index, ch) in digits.enumerated() {
                if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
            digits = grouped
        }
        return (negative ? "-" : "") + digits + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
