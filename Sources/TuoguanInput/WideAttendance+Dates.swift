import TuoguanCore

extension WideAttendance {
    /// `9月2日`, `9月2号`, `9/2`, `9-2`, `9.2` (with a weekday after, `9月2日（一）`, `9/2 周一`) → (9, 2).
    public static func monthDay(_ text: String) -> (month: Int, day: Int)? {
        var t = Substring(withoutWeekday(text))
        if t.hasSuffix("日") || t.hasSuffix("号") { t = t.dropLast() }
        let parts = t.split(whereSeparator: { "月/-.".contains($0) })
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
            let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return (m, d)
    }

    /// A date with its year written: `2024-09-02`, `2024/9/2`, `2024.9.2`, `2024年9月2日`, with a weekday after
    /// or not (`2024/9/3(二)`, `2024-09-03 周二`).
    public static func fullDate(_ text: String) -> CivilDate? {
        CivilDate(parsing: withoutWeekday(text))
    }

    /// The text without a weekday after the date: `9/3(二)`, `9/3（周二）`, `9月3日 周二`, `9月3日星期二`,
    /// `9-3 礼拜二` → `9/3`, `9月3日`, `9-3`; spaces around trimmed.
    static func withoutWeekday(_ text: String) -> String {
        var t = text.trimmedSpaces
        if let open = t.firstIndex(where: { $0 == "(" || $0 == "（" || $0 == "[" || $0 == "【" }) {
            t = String(t[..<open]).trimmedSpaces
        }
        for word in ["星期", "礼拜", "周", "週"] {
            if let day = t.last, "一二三四五六日天1234567".contains(day), t.dropLast().hasSuffix(word) {
                t = String(t.dropLast(1 + word.count)).trimmedSpaces
                break
            }
        }
        return t
    }

    /// Whether a header cell may be a date (before the term is known): a written date, or a number that is a
    /// date cell of Excel or WPS (a serial number between the years 2000 and 2099).
    public static func mayBeDate(_ f: TableField) -> Bool {
        let t = f.text.trimmedSpaces
        if f.isNumber, let serial = Int(t) { return (36526...73050).contains(serial) }
        return monthDay(t) != nil || fullDate(t) != nil
    }

    /// Whether a header cell is meant as a date (then a bad one is an error, not an ignored column).
    static func looksLikeDate(_ f: TableField) -> Bool {
        let t = f.text.trimmedSpaces
        return mayBeDate(f) || f.isNumber || (t.contains("月") && t.contains(where: \.isNumber))
            || (t.first?.isASCII == true && t.first?.isNumber == true && t.contains(where: { "/-.".contains($0) }))
    }

    /// The date of a header cell, inside the term; nil (reported when it looks like a date) otherwise. A month
    /// and day without a year take the year that puts them inside the term.
    static func date(_ f: TableField, parser: RowParser) -> CivilDate? {
        let rules = parser.rules
        let text = f.text.trimmedSpaces
        var date: CivilDate?
        if f.isNumber, let serial = Int(text) {
            date = XLSXReader.date(fromSerial: serial)
        } else if let full = fullDate(text) {
            date = full
        } else if let (m, d) = monthDay(text) {
            let years = [rules.starts.year, rules.ends.year]
            let candidates = years.compactMap { CivilDate(year: $0, month: m, day: d) }
            date = candidates.first { $0 >= rules.starts && $0 <= rules.ends } ?? candidates.first
        }
        guard looksLikeDate(f) else { return nil }
        guard let date else {
            parser.fail(
                f, zh: "表头“\(text)”不是日期，应写成 9月2日、9/2、2024-09-02 或 2024/9/2",
                en: "header \"\(text)\" is not a date: expected 9月2日, 9/2, 2024-09-02 or 2024/9/2")
            return nil
        }
        if date < rules.starts || date > rules.ends {
            let shown = f.isNumber ? "\(text)（即 \(date)）" : "\(date)"
            parser.fail(
                f, zh: "日期 \(shown) 不在本学期内，应在 \(rules.starts) 至 \(rules.ends) 之间",
                en: "date \(f.isNumber ? "\(text) (\(date))" : "\(date)") is outside the term: expected \(rules.starts) to \(rules.ends)")
            return nil
        }
        if !rules.isServiceDay(date) {
            let why = rules.noServiceDays.first { $0.date == date }?.reason
            parser.fail(
                f, zh: "\(date) 不是服务日\(why.map { "（\($0)）" } ?? "")，这一列应删去",
                en: "\(date) is not a service day\(why.map { " (\($0))" } ?? ""): remove this column")
            return nil
        }
        return date
    }
}
