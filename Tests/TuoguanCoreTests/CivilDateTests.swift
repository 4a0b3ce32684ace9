import Testing
import TuoguanCore

/// `CivilDate(parsing:)` has a fast path for the ledger's own `YYYY-MM-DD`; it must accept and reject exactly
/// what the general path does.
@Suite struct CivilDateTests {
    @Test(arguments: [
        ("2024-09-02", CivilDate(year: 2024, month: 9, day: 2)),
        ("2024-02-29", CivilDate(year: 2024, month: 2, day: 29)),  // leap year
        ("2023-02-29", nil),  // not a leap year
        ("2024-13-01", nil),
        ("2024-00-10", nil),
        ("2024-09-31", nil),
        ("1899-12-31", nil),  // before the supported years
        ("2024-9-02x", nil),
        ("2024/09/02", CivilDate(year: 2024, month: 9, day: 2)),  // general path, same answer
        ("2024年9月2日", CivilDate(year: 2024, month: 9, day: 2)),
        (" 2024-09-02 ", CivilDate(year: 2024, month: 9, day: 2)),
        ("２024-09-02", nil),  // a full-width digit is not ASCII
    ])
    func parses(_ text: String, _ expected: CivilDate?) {
        #expect(CivilDate(parsing: text) == expected, "\(text)")
    }

    /// Every day of four years round-trips through its description (the fast path) and agrees with the
    /// general path given the same date with slashes.
    @Test func everyDayRoundTrips() {
        let first = CivilDate(year: 2023, month: 1, day: 1)!.dayNumber
        for n in first..<(first + 4 * 366) {
            let date = CivilDate(dayNumber: n)
            #expect(CivilDate(parsing: date.description) == date)
            #expect(CivilDate(parsing: "\(date.year)/\(date.month)/\(date.day)") == date)
        }
    }
}
