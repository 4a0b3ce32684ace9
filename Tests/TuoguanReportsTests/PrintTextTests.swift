import Testing
import TuoguanCore
import TuoguanSpreadsheet

@testable import TuoguanReports

/// The helpers every printed workbook uses: dates and local times, wrapped lines, row heights, sign-off.
@Suite struct PrintTextTests {
    @Test func datesAreWrittenAsTheSchoolWritesThem() throws {
        let day = try #require(CivilDate(year: 2024, month: 9, day: 2))
        #expect(PrintText.date(day, .zh) == "2024年9月2日")
        #expect(PrintText.date(day, .en) == "2024-09-02")
    }

    @Test func recordingTimesAreShownInLocalTime() {
        // 09:30 UTC is 17:30 in Beijing (UTC+8, no daylight saving).
        #expect(PrintText.time(utc: "2024-10-08T09:30:00Z", timeZone: "Asia/Shanghai", .zh) == "2024年10月8日 17:30")
        #expect(PrintText.time(utc: "2024-10-08T09:30:00Z", timeZone: "Asia/Shanghai", .en) == "2024-10-08 17:30")
        // 20:15 UTC on the 31st is 04:15 on the next day, and the next month, in Beijing.
        #expect(PrintText.time(utc: "2024-10-31T20:15:59Z", timeZone: "Asia/Shanghai", .zh) == "2024年11月1日 04:15")
        // An offset stamp is converted too: 10:00+02:00 is 08:00Z, 16:00 in Beijing.
        #expect(PrintText.time(utc: "2024-10-08T10:00:00+02:00", timeZone: "Asia/Shanghai", .en) == "2024-10-08 16:00")
        // New York in summer is UTC−4: 02:00Z on the 8th is 22:00 on the 7th.
        #expect(PrintText.time(utc: "2024-10-08T02:00:00Z", timeZone: "America/New_York", .en) == "2024-10-07 22:00")
        // Not a stamp: shown as typed.
        #expect(PrintText.time(utc: "上午九点", timeZone: "Asia/Shanghai", .zh) == "上午九点")
    }

    @Test func wrappedLinesCountChineseAsTwoColumns() {
        // Width 11: 10 usable columns. "课时 × 单价 = 20" is 4 + 1+1+1 + 4 + 1+1+1 + 2 = 16 columns:
        // "课时 × 单价" (4 + 3 + 4 = 11 > 10) wraps after "课时 ×", so 2 lines.
        #expect(TextWidth.wrappedLines("课时 × 单价 = 20", columnWidth: 11) == 2)
        // 五个汉字 = 10 columns fit in 10; a sixth goes on a second line.
        #expect(TextWidth.wrappedLines("一二三四五", columnWidth: 11) == 1)
        #expect(TextWidth.wrappedLines("一二三四五六", columnWidth: 11) == 2)
        // Line breaks count, and an empty line is a line.
        #expect(TextWidth.wrappedLines("a\n\nb", columnWidth: 20) == 3)
        // A Latin word is not broken unless it is longer than a line: "740.00" (6) after "= " moves down.
        #expect(TextWidth.wrappedLines("20.00 × 37 = 740.00", columnWidth: 14) == 2)
        #expect(TextWidth.wrappedLines(String(repeating: "x", count: 25), columnWidth: 11) == 3)
    }

    @Test func rowHeightsGrowWithTheLines() {
        // 11 pt × 1.45 = 15.95, rounded up to 16 pt a line, and 3 pt of padding.
        #expect(TextWidth.rowHeight(lines: 1) == 19)
        #expect(TextWidth.rowHeight(lines: 3) == 51)
        #expect(TextWidth.rowHeight(lines: 2, fontSize: 14) == 2 * 21 + 3)
    }

    @Test func signOffLinesNameTheSignersFromTheRules() {
        let named = ReportSheet.signOffItems(PrintSettings.SignOff(preparedBy: "王丽", reviewedBy: "", financeGroup: "张敏、陈晓东"), language: .zh)
        #expect(named == ["制表人：王丽  ________", "审核人：________________", "家委会财经小组（签字）：张敏、陈晓东  ________", "日期：________年____月____日"])
        let en = ReportSheet.signOffItems(PrintSettings.SignOff(), language: .en)
        #expect(en.first == "Prepared by: ________________")
        #expect(en.last == "Date: ________________")
    }
}
