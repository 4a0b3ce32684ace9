import TuoguanCore

extension ReportSheet {
    /// The approval of the workbook's figures under its sign-off block (issue 23), when there is one:
    /// `经 张敏 于 2025年1月20日 审核，账本第 172 笔`, and what was recorded after it.
    func approval(_ line: String?) throws {
        guard let line, !line.isEmpty else { return }
        // In the sign-off block's style, which every workbook with a sign-off registers before writing.
        let columns = 0...max(0, self.columns - 1)
        try sheet.merge(line, rows: row...row, columns: columns, style: ReportSheet.signOffStyle)
        try fitRowHeight([(line, columns)], minimum: ReportSheet.signOffRowHeight)
        next()
    }
}

extension PrintText {
    /// The line an approval prints: who, on which day (in the school's time zone), at which entry of the money
    /// journal; and, when entries were recorded after it, how many.
    ///
    /// ```swift
    /// PrintText.approval(by: "张敏", utc: "2025-01-20T02:00:00Z", entries: 172, after: 0, confirmed: false,
    ///                    timeZone: "Asia/Shanghai", .zh)   // "经 张敏 于 2025年1月20日 审核，账本第 172 笔"
    /// ```
    public static func approval(
        by name: String, utc: String, entries: Int, after: Int, confirmed: Bool, timeZone: String, _ language: Language
    ) -> String {
        let day = String(time(utc: utc, timeZone: timeZone, language).split(separator: " ").first ?? "")
        var line = language == .zh
            ? "经 \(name) 于 \(day) \(confirmed ? "确认" : "审核")，账本第 \(entries) 笔"
            : "\(confirmed ? "confirmed" : "approved") by \(name) on \(day) at ledger entry \(entries)"
        if after > 0 {
            line += language == .zh ? "（此后又登记 \(after) 笔，未经审核）" : " (\(after) entries recorded after it, not approved)"
        }
        return line
    }
}
