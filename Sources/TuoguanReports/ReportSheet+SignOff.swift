import TuoguanCore
import TuoguanSpreadsheet

extension ReportSheet {
    /// The style of the sign-off block's cells: plain, left, wrapping, vertically centred.
    static let signOffStyle = CellStyle(wrap: true, alignment: .left, verticalCenter: true)
    /// Height of a sign-off row, in points: room for a handwritten signature.
    static let signOffRowHeight = 30.0

    /// The sign-off block that ends a printed table: a blank row, then 制表人, 审核人, 家委会财经小组（签字）
    /// and 日期, with the names of the rules file's `[sign_off]` where given and a line to sign on.
    /// On a sheet of four or more columns the block is two rows of two halves; on a narrower one, four rows.
    /// Returns the rows written.
    ///
    /// ```swift
    /// try s.signOff(context.input.rules.printing.signOff)
    /// // 制表人：王丽 ________          审核人：________________
    /// // 家委会财经小组（签字）：________  日期：______年____月____日
    /// ```
    @discardableResult
    func signOff(_ names: PrintSettings.SignOff) throws -> ClosedRange<Int> {
        next()  // a blank row between the table and the block
        let first = row
        let items = ReportSheet.signOffItems(names, language: language)
        let last = max(0, columns - 1)
        if columns >= 4 {
            let half = columns / 2
            for pair in [(items[0], items[1]), (items[2], items[3])] {
                try sheet.merge(pair.0, rows: row...row, columns: 0...(half - 1), style: ReportSheet.signOffStyle)
                try sheet.merge(pair.1, rows: row...row, columns: half...last, style: ReportSheet.signOffStyle)
                try fitRowHeight([(pair.0, 0...(half - 1)), (pair.1, half...last)], minimum: ReportSheet.signOffRowHeight)
                next()
            }
        } else {
            for item in items {
                try sheet.merge(item, rows: row...row, columns: 0...last, style: ReportSheet.signOffStyle)
                try fitRowHeight([(item, 0...last)], minimum: ReportSheet.signOffRowHeight)
                next()
            }
        }
        return first...(row - 1)
    }

    /// The four lines of the block, in order: prepared by, checked by, finance group, date.
    static func signOffItems(_ names: PrintSettings.SignOff, language: Language) -> [String] {
        let zh = language == .zh
        func line(_ zhLabel: String, _ enLabel: String, _ name: String) -> String {
            let label = zh ? zhLabel + "：" : enLabel + ": "
            return name.isEmpty ? label + "________________" : label + name + "  ________"
        }
        return [
            line("制表人", "Prepared by", names.preparedBy),
            line("审核人", "Checked by", names.reviewedBy),
            line("家委会财经小组（签字）", "Parents' committee finance group (signatures)", names.financeGroup),
            zh ? "日期：________年____月____日" : "Date: ________________",
        ]
    }
}
