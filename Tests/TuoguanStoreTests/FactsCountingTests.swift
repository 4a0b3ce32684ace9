import Testing
import TuoguanCore

@testable import TuoguanStore

/// The term's facts compare dates by their fields: it must agree with the day numbers' order. (The schedule's
/// binary-search count is the core's: `CourseUsageCountingTests`.)
@Suite struct FactsCountingTests {
    /// Every pair of days across two years (month ends, a leap day, the year's turn): the fields' order is
    /// the day numbers' order.
    @Test func datesCompareAsTheirDayNumbers() {
        let first = CivilDate(year: 2023, month: 12, day: 25)!.dayNumber
        let days = (0..<800).map { CivilDate(dayNumber: first + $0 * 7 % 800) }
        for a in days.prefix(120) {
            for b in days {
                #expect((a < b) == (a.dayNumber < b.dayNumber), "\(a) < \(b)")
            }
        }
    }
}
