extension String {
    /// Without leading and trailing spaces, tabs and ideographic spaces.
    ///
    /// ```swift
    /// "\u{3000}S001 ".trimmedSpaces  // "S001"
    /// ```
    public var trimmedSpaces: String {
        // Nearly every field: neither end can be a space (each space's first and last UTF-8 byte is one of
        // these), so the text is returned as it is without walking its characters.
        if let first = utf8.first, let last = utf8.last {
            switch (first, last) {
            case (0x20, _), (0x09, _), (0x0D, _), (0x0A, _), (0xE3, _), (0xC2, _): break
            case (_, 0x20), (_, 0x09), (_, 0x0D), (_, 0x0A), (_, 0x80), (_, 0xA0): break
            default: return self
            }
        }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\u{A0}" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
