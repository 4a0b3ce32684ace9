import Foundation
import TuoguanCore

extension Ledger {
    /// The day the ledger is read on: a session made from the timetable (`scheduled`) whose day is before it is
    /// held. The local date, or `TUOGUAN_TODAY` (`YYYY-MM-DD`) when set: what a school checks "as of" a day,
    /// and what makes the tests independent of the clock.
    ///
    /// ```swift
    /// // TUOGUAN_TODAY=2024-09-10
    /// Ledger.today()   // 2024-09-10
    /// ```
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> CivilDate {
        if let text = environment["TUOGUAN_TODAY"], let day = CivilDate(parsing: text) { return day }
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: c.year ?? 2024, month: c.month ?? 1, day: c.day ?? 1) ?? CivilDate(year: 2024, month: 1, day: 1)!
    }
}
