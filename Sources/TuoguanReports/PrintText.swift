import Foundation
import TuoguanCore

/// Dates and times as the school writes them on paper: `2024年9月2日`, `2024年10月8日 17:30` in the rules'
/// time zone (Chinese), `2024-09-02`, `2024-10-08 17:30` (English). Recording times are stored as UTC stamps
/// (`2024-10-08T09:30:00Z`); printed, they are local.
///
/// ```swift
/// PrintText.date(CivilDate(year: 2024, month: 9, day: 2)!, .zh)                         // "2024年9月2日"
/// PrintText.time(utc: "2024-10-08T09:30:00Z", timeZone: "Asia/Shanghai", .zh)          // "2024年10月8日 17:30"
/// PrintText.time(utc: "2024-10-08T09:30:00Z", timeZone: "Asia/Shanghai", .en)          // "2024-10-08 17:30"
/// ```
public enum PrintText {
    /// A day: `2024年9月2日` or `2024-09-02`.
    public static func date(_ day: CivilDate, _ language: Language) -> String {
        language == .zh ? day.chinese : day.description
    }

    /// A UTC stamp `YYYY-MM-DDTHH:MM:SSZ` (or `…+HH:MM`) shown to the minute in `timeZone`. Text that is not
    /// such a stamp is returned as it is (a clerk's own note of the time stays readable).
    public static func time(utc stamp: String, timeZone: String, _ language: Language) -> String {
        guard let seconds = epochSeconds(stamp) else { return stamp }
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: PrintSettings.defaultTimeZone)!
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let local = seconds + offset
        let (days, rest) = floorDivision(local, 86_400)
        let day = CivilDate(dayNumber: days)
        let clock = pad(rest / 3600) + ":" + pad(rest % 3600 / 60)
        return date(day, language) + " " + clock
    }

    /// Seconds since 1970-01-01T00:00:00Z of a stamp `YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)`, or nil.
    static func epochSeconds(_ stamp: String) -> Int? {
        let chars = Array(stamp.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= chars.count else { return nil }
            var n = 0
            for c in chars[from..<(from + count)] {
                guard c >= 48 && c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard chars.count >= 17, chars[4] == 45, chars[7] == 45, chars[10] == 84 || chars[10] == 32, chars[13] == 58,
            let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2), let h = number(11, 2),
            let mi = number(14, 2), h < 24, mi < 60, let day = CivilDate(year: y, month: mo, day: d)
        else { return nil }
        var i = 16
        var s = 0
        if i < chars.count, chars[i] == 58 {
            guard let sec = number(i + 1, 2), sec < 61 else { return nil }
            s = sec
            i += 3
        }
        if i < chars.count, chars[i] == 46 {
            i += 1
            while i < chars.count, chars[i] >= 48 && chars[i] <= 57 { i += 1 }
        }
        var offset = 0
        if i == chars.count || (chars[i] == 90 && i + 1 == chars.count) {
            offset = 0
        } else if chars[i] == 43 || chars[i] == 45, chars.count == i + 6, chars[i + 3] == 58,
            let oh = number(i + 1, 2), let om = number(i + 4, 2) {
            offset = (oh * 3600 + om * 60) * (chars[i] == 43 ? 1 : -1)
        } else {
            return nil
        }
        return day.dayNumber * 86_400 + h * 3600 + mi * 60 + s - offset
    }

    private static func floorDivision(_ a: Int, _ b: Int) -> (Int, Int) {
        let q = a >= 0 ? a / b : -((-a + b - 1) / b)
        return (q, a - q * b)
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
