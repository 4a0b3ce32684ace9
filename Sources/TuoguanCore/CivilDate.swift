/// A calendar date with no time zone (the school's local date), e.g. `2024-09-02`.
///
/// Comparable, and convertible to a day number for counting days and weekdays without Foundation.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for an impossible date (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysInMonth(year: year, month: month),
            (1900...9999).contains(year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `2024-09-02`, `2024/9/2`, `2024.9.2` and `2024年9月2日`.
    public init?(parsing text: String) {
        // The ledger's own form, `2024-09-02`, without the general path's splitting (a district's term
        // parses hundreds of thousands of them).
        if let iso = CivilDate.iso(text.utf8) {
            self = iso
            return
        }
        var t = text.trimmingSpaces()
        if t.hasSuffix("日") || t.hasSuffix("号") { t.removeLast() }
        let separators: Set<Character> = ["-", "/", ".", "年", "月"]
        let parts = t.split(whereSeparator: { separators.contains($0) }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Exactly `YYYY-MM-DD` in ASCII digits, or nil.
    @inline(__always)
    static func iso(_ utf8: String.UTF8View) -> CivilDate? {
        guard utf8.count == 10 else { return nil }
        var digits = (0, 0, 0)
        var i = 0
        for byte in utf8 {
            switch i {
            case 4, 7:
                guard byte == UInt8(ascii: "-") else { return nil }
            default:
                guard byte >= 48 && byte <= 57 else { return nil }
                let v = Int(byte - 48)
                if i < 4 { digits.0 = digits.0 * 10 + v } else if i < 7 { digits.1 = digits.1 * 10 + v } else { digits.2 = digits.2 * 10 + v }
            }
            i += 1
        }
        return CivilDate(year: digits.0, month: digits.1, day: digits.2)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (may be negative).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday (ISO 4)
        return (w < 0 ? w + 7 : w) + 1
    }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    /// Valid dates only (every initialiser checks), so the fields' order is the days' order, without the
    /// day numbers (a district's term sorts and compares hundreds of thousands of dates).
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2024-09-02`.
    public var description: String {
        func pad(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }

    /// `2024年9月2日`.
    public var chinese: String { "\(year)年\(month)月\(day)日" }
}
