import Testing
import TuoguanCore

@testable import TuoguanStore

/// The term's facts count each enrolment's schedule by binary search, and compare dates by their fields:
/// both must agree with the plain definitions they replace.
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

    /// A schedule of 2024-09-02 … 2024-09-30 on Mondays and Wednesdays (9 dates): from 2024-09-10 on there are
    /// 6 (11, 16, 18, 23, 25, 30); from a date before all 9; after all 0; and the binary search gives the linear
    /// count for every day of the month around it.
    @Test func sortedScheduleCountsAsTheLinearCount() {
        let start = CivilDate(year: 2024, month: 9, day: 2)!
        let schedule = (0..<29).map { start.adding(days: $0) }.filter { [1, 3].contains($0.weekday) }
        #expect(schedule.count == 9)
        #expect(Ledger.count(sorted: schedule, from: CivilDate(year: 2024, month: 9, day: 10)!) == 6)
        #expect(Ledger.count(sorted: schedule, from: CivilDate(year: 2024, month: 8, day: 1)!) == 9)
        #expect(Ledger.count(sorted: schedule, from: CivilDate(year: 2024, month: 10, day: 1)!) == 0)
        for offset in -3..<35 {
            let from = start.adding(days: offset)
            #expect(Ledger.count(sorted: schedule, from: from) == Ledger.count(schedule, from: from, until: nil), "\(from)")
        }
        #expect(Ledger.count(sorted: [], from: start) == 0)
    }
}
