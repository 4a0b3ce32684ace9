import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

extension Tuoguan {
    /// `tuoguan spend`: one expense paid from a pool of the split, or from a budget line (subsidies, outside).
    struct Spend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("登记一笔支出", "Record one expense paid from a pool (or the subsidies or outside budget line)."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan spend --id E001 --pool equipment --amount 300.00 --date 2024-10-08 --payee 文具店 --note "彩笔 30 盒"
                POOL 是规则文件 [split] 中的经费项目编号；从预算中支付的用 subsidies（补贴）或 outside（校外机构）。
                每个经费项目的支出不超过到目前为止所收款项（减去退费）中它的份额。
                """,
                """
                Example: tuoguan spend --id E001 --pool equipment --amount 300.00 --date 2024-10-08 --payee 文具店 --note "彩笔 30 盒"
                POOL is a pool id of [split] in the rules file, or subsidies (补贴) or outside (校外机构) for money paid
                from the budget. A pool never spends more than its share of the money collected so far less refunds.
                """))

        @Option(name: .long, help: ArgumentHelp(zh: "支出编号（不可重复；同一编号、内容相同，再登记一次不会重复记账）。", en: "Expense id (unique; the same id again with the same contents does nothing)."))
        var id: String
        @Option(name: .long, help: ArgumentHelp(zh: "规则 [split] 中的经费项目：编号或名称（如 托管设备），或 补贴、校外机构。", en: "A pool of the rules' [split], by id or name (e.g. 托管设备), or subsidies, or outside."))
        var pool: String
        @Option(name: .long, help: ArgumentHelp(zh: "金额，如 300、300.00、¥300.00。", en: "Amount, e.g. 300, 300.00, ¥300.00."))
        var amount: String
        @Option(name: .long, help: ArgumentHelp(zh: "支付日期，须在本学期内（2024-10-08、2024/10/8 或 2024年10月8日）。", en: "Date paid, inside the term (2024-10-08, 2024/10/8, 2024年10月8日)."))
        var date: CivilDate
        @Option(name: .long, help: ArgumentHelp(zh: "收款方。", en: "Who was paid."))
        var payee: String
        @Option(name: .long, help: ArgumentHelp(zh: "用途（记入流水）。", en: "What for (kept in the journal)."))
        var note: String = ""

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let money = try parseAmount(amount, flag: "--amount")
            if money.fen <= 0 {
                throw usageError("支出金额必须大于零：\(amount)", "an expense must be above zero: \(amount)", flag: "--amount",
                    fix: LocalizedText(zh: "更正错账请用 tuoguan correct", en: "to correct a mistake use tuoguan correct"))
            }
            let book = try ledger.open()
            let line = SchoolWords.spendingLine(pool, rules: book.rules)
            let out: SpendOutcome
            do {
                out = try book.recordExpense(
                    ExpenseFact(expenseId: id, line: line, amount: money, date: date, payee: payee, note: note),
                    by: recorder.name)
            } catch var error as TuoguanError where error.location == nil {
                switch error.code {
                case .unknownReference: error.location = SourceLocation(key: "--pool")
                case .spendingCeiling: error.location = SourceLocation(key: "--amount")
                case .conflict: error.location = SourceLocation(key: "--id")
                default: break
                }
                throw error
            }
            let left = out.poolLeft.map { ("，该资金池还可支出 \($0.formatted()) 元", "; the pool has \($0.formatted()) left") }
            let nameZh: String
            switch line {
            case .pool(let poolId): nameZh = book.rules.split.pools.first { $0.id == poolId }.map { "\($0.name)（\(poolId)）" } ?? poolId
            case .subsidies: nameZh = "课时补贴（subsidies）"
            case .outside: nameZh = "校外机构费用（outside）"
            }
            switch out.outcome {
            case .recorded:
                Console.say(
                    "已登记支出 \(id)：\(nameZh) \(money.formatted()) 元，付给 \(payee)\(left?.0 ?? "")",
                    "recorded expense \(id): \(line.key) \(money.formatted()) paid to \(payee)\(left?.1 ?? "")", ledger.language)
            case .alreadyRecorded:
                Console.say("支出 \(id) 已登记过，内容相同，未重复记账", "expense \(id) was already recorded with the same contents; nothing changed", ledger.language)
            }
        }
    }
}
