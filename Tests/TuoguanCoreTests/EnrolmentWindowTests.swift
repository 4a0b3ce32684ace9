import PropertyBased
import Testing
import TuoguanCore

/// The enrolment window `[from, until)`: the withdrawal day is outside, an open window runs on, and the two
/// ways of counting a schedule agree.
@Suite struct EnrolmentWindowTests {
    static let sept2 = CivilDate(year: 2024, month: 9, day: 2)!

    @Test func theWithdrawalDayIsOutsideTheWindow() {
        // Enrolled 2024-09-02, withdrawn on 2024-11-01: 10-31 is the last day attended.
        let window = EnrolmentWindow(from: Self.sept2, until: CivilDate(year: 2024, month: 11, day: 1))
        #expect(window.contains(CivilDate(year: 2024, month: 10, day: 31)!))
        #expect(!window.contains(CivilDate(year: 2024, month: 11, day: 1)!))
        #expect(!window.contains(CivilDate(year: 2024, month: 9, day: 1)!))
        #expect(window.contains(Self.sept2))
    }

    @Test func anOpenWindowCountsToTheEndOfTheSchedule() {
        // Mondays 9-2, 9-9, 9-16, 9-23; enrolled from 9-9: 3 of the 4 days.
        let schedule = (0..<4).map { Self.sept2.adding(days: 7 * $0) }
        #expect(EnrolmentWindow(from: Self.sept2.adding(days: 7)).count(sorted: schedule) == 3)
        #expect(EnrolmentWindow(from: Self.sept2.adding(days: 7)).count(schedule) == 3)
        // Withdrawn on 9-23: 9-9 and 9-16, 2 days.
        #expect(EnrolmentWindow(from: Self.sept2.adding(days: 7), until: Self.sept2.adding(days: 21)).count(sorted: schedule) == 2)
    }

    @Test func aWindowEndingBeforeItStartsIsNoWindow() {
        #expect(EnrolmentWindow.checked(from: Self.sept2, until: Self.sept2.adding(days: -1)) == nil)
        #expect(EnrolmentWindow.checked(from: Self.sept2, until: Self.sept2)?.count([Self.sept2]) == 0)
    }

    @Test func countingBySearchAgreesWithCountingEveryDay() async {
        await propertyCheck(input: Gen.int(in: 0...60).array(of: 0...40), Gen.int(in: 0...70), Gen.int(in: 0...80)) {
            offsets, start, length in
            let schedule = Set(offsets).sorted().map { Self.sept2.adding(days: $0) }
            let from = Self.sept2.adding(days: start)
            let window = EnrolmentWindow(from: from, until: length > 70 ? nil : from.adding(days: length))
            #expect(window.count(sorted: schedule) == window.count(schedule))
            // The same count on plain day offsets: start ≤ offset < start + length.
            let expected = Set(offsets).filter { $0 >= start && (length > 70 || $0 < start + length) }.count
            #expect(window.count(schedule) == expected)
        }
    }
}
