import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

extension Tuoguan {
    /// `tuoguan pay`: one payment received from a family.
    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("登记一笔收款", "Record one payment from a family."),
            discussion: Tuoguan.text("示例：tuoguan pay --receipt R0001 --student S000001 --amount 240.00 --method wechat --date 2024-09-02", "Example: tuoguan pay --receipt R0001 --student S000001 --amount 240.00 --method wechat --date 2024-09-02"))

        @Option(name: .long, help: ArgumentHelp(zh: "收据号（不可重复；同一收据号、内容相同，再登记一次不会重复记账）。", en: "Receipt number (unique; the same receipt again with the same contents does nothing)."))
        var receipt: String
        @Option(name: .long, help: ArgumentHelp(zh: "学号。", en: "Student id (学号)."))
        var student: String
        @Option(name: .long, help: ArgumentHelp(zh: "金额，如 240、240.00、¥240.00。", en: "Amount, e.g. 240, 240.00, ¥240.00."))
        var amount: String
        @Option(name: .long, help: ArgumentHelp(zh: "收款日期（2024-09-02、2024/9/2 或 2024年9月2日）。", en: "Date received (2024-09-02, 2024/9/2, 2024年9月2日)."))
        var date: CivilDate
        @Option(name: .long, help: ArgumentHelp(zh: "支付方式：现金、微信、支付宝、银行转账 …", en: "cash, wechat, alipay or bank (现金、微信、支付宝、银行转账 …)."))
        var method: String = "wechat"

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func run() throws {
            let money = try parseAmount(amount, flag: "--amount")
            let method = try parseWord(method, SchoolWords.method, flag: "--method", accepted: SchoolWords.methodsAccepted)
            if money.fen <= 0 {
                throw usageError("收款金额必须大于零：\(amount)", "a payment must be above zero: \(amount)", flag: "--amount",
                    fix: LocalizedText(zh: "更正错账请用 tuoguan correct", en: "to correct a mistake use tuoguan correct"))
            }
            let book = try ledger.open()
            let outcome = try book.recordPayment(
                PaymentFact(receipt: receipt, studentId: student, amount: money, date: date, method: method), by: recorder.name)
            switch outcome {
            case .recorded:
                Console.say("已登记收款 \(receipt)：\(student) \(money.formatted()) 元", "recorded payment \(receipt): \(student) \(money.formatted())", ledger.language)
                for warning in try book.paymentWarnings(for: student, dated: date) {
                    Console.warn((ledger.language == .zh ? "提醒：" : "warning: ") + warning.rendered(ledger.language))
                }
            case .alreadyRecorded:
                Console.say("收款 \(receipt) 已登记过，内容相同，未重复记账", "payment \(receipt) was already recorded with the same contents; nothing changed", ledger.language)
            }
        }
    }
}
