import TuoguanCore

extension WideAttendance {
    /// `9月2日`, `9月2号`, `9/2`, `9-2`, `9.2` (with an optional weekday after, `9月2日（一）`) → (9, 2).
    public static func monthDay(_ text: String) -> (month: Int, day: Int)? {
        var t = Substring(text)
        if let open = t.firstIndex(where: { $0 == "(" || $0 == "（" }) { t = t[..<open] }
        t = Substring(String(t).trimmedSpaces)
        if t.hasSuffix("日") || t.hasSuffix("号") { t = t.dropLast() }
        let parts = t.split(whereSeparator: { "月/-.".contains($0) })
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
            let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return (m, d)
    }

    /// Whether a header cell is meant as a date (then a bad one is an error, not an ignored column).
    static func looksLikeDate(_ f: TableField) -> Bool {
        let t = f.text.trimmedSpaces
        return monthDay(t) != nil || CivilDate(parsing: t) != nil || f.isNumber
            || (t.contains("月") && t.contains(where: \.isNumber))
    }

    /// The date of a header cell, inside the term; nil (reported when it looks like a date) otherwise. A month
    /// and day without a year take the year that puts them inside the term.
    static func date(_ f: TableField, parser: RowParser) -> CivilDate? {
        let rules = parser.rules
        let text = f.text.trimmedSpaces
        var date: CivilDate?
        if let full = CivilDate(parsing: text) {
            date = full
        } else if f.isNumber, let serial = Int(text) {
            date = XLSXReader.date(fromSerial: serial)
        } else if let (m, d) = monthDay(text) {
            let years = [rules.starts.year, rules.ends.year]
            let candidates = years.compactMap { CivilDate(year: $0, month: m, day: d) }
            date = candidates.first { $0 >= rules.starts && $0 <= rules.ends } ?? candidates.first
        }
        guard looksLikeDate(f) else { return nil }
        guard let date else {
            parser.fail(
                f, zh: "表头“\(text)”不是日期，应写成 9月2日、9/2 或 2024-09-02",
                en: "header \"\(text)\" is not a date: expected 9月2日, 9/2 or 2024-09-02")
            return nil
        }
        if date < rules.starts || date > rules.ends {
            parser.fail(
                f, zh: "日期 \(date) 不在本学期内，应在 \(rules.starts) 至 \(rules.ends) 之间",
                en: "date \(date) is outside the term: expected \(rules.starts) to \(rules.ends)")
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
