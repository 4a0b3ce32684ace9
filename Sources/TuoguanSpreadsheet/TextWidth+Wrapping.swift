extension TextWidth {
    /// How many lines `text` takes in a wrapping cell `columnWidth` characters wide (widths of `0`), the way
    /// a spreadsheet wraps it: at line breaks, between words of Latin text, and between any two East Asian
    /// characters, which count two columns each. A cell loses about one column to its padding; a word longer
    /// than a line is broken. Empty text is one line.
    ///
    /// ```swift
    /// TextWidth.wrappedLines("课时 × 单价 = 20 × 37.00 = 740.00", columnWidth: 16)   // 3
    /// ```
    public static func wrappedLines(_ text: String, columnWidth: Double) -> Int {
        let usable = max(1, Int(columnWidth.rounded(.down)) - 1)
        var total = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            total += linesOfParagraph(Substring(line), usable: usable)
        }
        return max(1, total)
    }

    /// Greedy wrapping of one paragraph into lines of `usable` columns.
    private static func linesOfParagraph(_ text: Substring, usable: Int) -> Int {
        var lines = 1
        var used = 0
        // Pieces that cannot be broken: a run of narrow non-space characters (a word), one wide character,
        // or one space (spaces at a line's end do not push the text onto the next line).
        var word = 0
        func place(_ width: Int) {
            var width = width
            if used > 0 && used + width > usable {
                lines += 1
                used = 0
            }
            while width > usable {  // a word longer than a line breaks anywhere
                width -= usable
                lines += 1
            }
            used += width
        }
        for scalar in text.unicodeScalars {
            if isWide(scalar) {
                if word > 0 { place(word); word = 0 }
                place(2)
            } else if scalar == " " {
                if word > 0 { place(word); word = 0 }
                if used < usable { used += 1 }
            } else {
                word += 1
            }
        }
        if word > 0 { place(word) }
        return lines
    }

    /// The height in points of a row showing `lines` lines of text in a `fontSize` point font: the CJK fonts
    /// that print Chinese (Noto Sans CJK, SimSun, Microsoft YaHei) need about 1.45 em per line, plus a little
    /// padding.
    ///
    /// ```swift
    /// TextWidth.rowHeight(lines: 3, fontSize: 11)   // 3 × 16 + 3 = 51
    /// ```
    public static func rowHeight(lines: Int, fontSize: Int = 11) -> Double {
        let line = (Double(fontSize) * 1.45).rounded(.up)
        return Double(max(1, lines)) * line + 3
    }
}
