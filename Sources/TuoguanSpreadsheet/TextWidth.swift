/// Column widths that fit Chinese text. Excel measures a column in widths of the digit `0`; an East Asian wide
/// or fullwidth character (汉字, fullwidth punctuation) takes about two of them. libxlsxwriter 1.1.4 has no
/// autofit, so the worksheet measures what it writes.
///
/// ```swift
/// TextWidth.displayWidth("三(2)班")   // 2 + 1 + 1 + 1 + 2 = 7
/// ```
public enum TextWidth {
    /// The width of `text` in half-width columns: East Asian wide characters count 2, others 1; the widest
    /// line counts when the text has line breaks.
    public static func displayWidth(_ text: String) -> Int {
        var widest = 0
        var current = 0
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                widest = max(widest, current)
                current = 0
                continue
            }
            current += isWide(scalar) ? 2 : 1
        }
        return max(widest, current)
    }

    /// East Asian Width W or F (Unicode UAX #11), by ranges.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// The width a number shows with `#,##0.00` (or plain) formatting, estimated from its integer part.
    static func numberWidth(_ value: Double, grouped: Bool, decimals: Int) -> Int {
        let magnitude = value < 0 ? -value : value
        var integerPart = magnitude < 1e15 ? Int64(magnitude) : Int64(1e15)
        var digits = 1
        while integerPart >= 10 {
            integerPart /= 10
            digits += 1
        }
        var width = digits + (grouped ? (digits - 1) / 3 : 0)
        if decimals > 0 { width += decimals + 1 }
        if value < 0 { width += 1 }
        return width
    }
}
