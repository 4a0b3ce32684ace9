import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanStore

extension Tuoguan {
    /// `tuoguan receipt ID…`: a 收据 per payment, for the family (or every payment of a day or a class).
    /// A second printing is marked 补打, a reversed payment's receipt 已冲正.
    struct Receipt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("打印收据（每笔缴费一张）", "Print a receipt (收据) per payment."),
            discussion: Tuoguan.text(
                "示例：tuoguan receipt R0001 --out 收据-R0001.xlsx；tuoguan receipt --day 2024-09-02；tuoguan receipt --class 1年级1班",
                "Examples: tuoguan receipt R0001 --out receipt-R0001.xlsx; tuoguan receipt --day 2024-09-02; tuoguan receipt --class 1年级1班"))
        @Argument(help: ArgumentHelp(zh: "收据号或交易单号（可多个）。", en: "Receipt numbers or transaction ids (one or more).", valueName: "id"))
        var ids: [String] = []
        @Option(name: .long, help: ArgumentHelp(zh: "这一天的全部缴费。", en: "Every payment of this day."))
        var day: CivilDate?
        @Option(name: .customLong("class"), help: ArgumentHelp(zh: "这个班的全部缴费。", en: "Every payment of this class.", valueName: "class"))
        var className: String?
        @Flag(name: .long, help: ArgumentHelp(zh: "每张收据一页横向 A5（默认：A4 纵向，一页两到三张）。", en: "One receipt to a landscape A5 page (default: portrait A4, two or three to a page)."))
        var a5 = false
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var workbook: WorkbookOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if [!ids.isEmpty, day != nil, className != nil].filter({ $0 }).count != 1 {
                throw ValidationError(Tuoguan.text(
                    "给出收据号，或 --day、--class 之一（例如 tuoguan receipt R0001）", "give receipt ids, or one of --day, --class (e.g. tuoguan receipt R0001)"))
            }
        }

        func run() throws {
            let selection: ReceiptSelection = day.map { .day($0) } ?? className.map { .className($0) } ?? .ids(ids)
            let book = try ledger.open()
            let receipts = try book.receipts(selection)
            guard !receipts.isEmpty else {
                let what = day.map { $0.description } ?? className ?? ""
                throw usageError(
                    "\(what) 没有缴费记录", "no payments for \(what)", flag: day != nil ? "--day" : "--class",
                    fix: LocalizedText(zh: "用 tuoguan find 查找缴费", en: "look payments up with tuoguan find"))
            }
            let kind = Workbooks.Kind.receipts
            let suffix = ids.count == 1 ? ids[0] : (day?.description ?? className.map(Notices.fileSafe) ?? "")
            let name = { (lang: Language) in String(kind.fileName(lang).dropLast(5)) + (suffix.isEmpty ? "" : "-" + Notices.fileSafe(suffix)) + ".xlsx" }
            let path = try prepareOutput(workbook.out, defaultName: name(ledger.workbookLanguage))
            var input = try ReportContext(ledger, needRecords: false).input
            input.receipts = receipts
            let printed = today()
            try Workbooks.writeReceipts(input, printedOn: printed, a5: a5, to: path)
            try book.recordReceiptPrints(receipts.map(\.entryId), on: printed, by: recorder.name)
            let reprints = receipts.filter { $0.firstPrintedOn != nil }.count
            let reversed = receipts.filter { $0.reversedOn != nil }.count
            Console.say(
                "已写入 \(path)：\(receipts.count) 张收据" + (reprints > 0 ? "，其中补打 \(reprints) 张" : "") + (reversed > 0 ? "，已冲正 \(reversed) 张" : ""),
                "wrote \(path): \(receipts.count) receipts" + (reprints > 0 ? ", \(reprints) reprinted" : "") + (reversed > 0 ? ", \(reversed) reversed" : ""),
                ledger.language)
        }
    }
}
