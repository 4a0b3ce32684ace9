import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

extension Tuoguan {
    /// `tuoguan reconcile FILE`: a WeChat Pay, Alipay or bank export matched to families; nothing recorded
    /// until confirmed (`--apply-certain`, `--apply ID…`). `--held`, `--assign`, `--return`: the suspense list.
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("把微信、支付宝或银行导出的收款与家庭对账", "Match WeChat Pay, Alipay or bank transfers to families."),
            discussion: Tuoguan.text(
                """
                示例：
                  tuoguan reconcile 微信支付账单.csv                      （只看，不登记）
                  tuoguan reconcile 微信支付账单.csv --apply-certain      （登记确定的；待认领的记入待认领名单）
                  tuoguan reconcile 支付宝账单.csv --apply 2024090222001 2024090222002
                  tuoguan reconcile 流水.csv --bank "date=交易日期,amount=收入金额,payer=对方户名,memo=附言,id=交易流水号"
                  tuoguan reconcile --held                                  （待认领名单）
                  tuoguan reconcile --assign 交易单号 --student S000003     （认领给学生）
                  tuoguan reconcile --return 交易单号 --note 已原路退回      （退回付款人）
                """,
                """
                Examples:
                  tuoguan reconcile wechat-bill.csv                     (look only, record nothing)
                  tuoguan reconcile wechat-bill.csv --apply-certain     (record the certain ones; unmatched go on the suspense list)
                  tuoguan reconcile alipay.csv --apply 2024090222001 2024090222002
                  tuoguan reconcile bank.csv --bank "date=交易日期,amount=收入金额,payer=对方户名,memo=附言,id=交易流水号"
                  tuoguan reconcile --held                              (the suspense list)
                  tuoguan reconcile --assign TXN --student S000003      (assign a held transfer)
                  tuoguan reconcile --return TXN --note "sent back"     (returned to the payer)
                """))

        @Argument(help: ArgumentHelp(zh: "微信支付账单、支付宝账单或银行流水（CSV 或 .xlsx，原样导出）。", en: "A WeChat Pay bill, Alipay bill or bank statement (CSV or .xlsx, as exported).", valueName: "file"))
        var file: String?
        @Option(name: .long, help: ArgumentHelp(zh: "银行流水的列对照，或规则文件 [banks] 中的行名。", en: "The bank statement's column mapping, or a bank's name in the rules' [banks].", valueName: "mapping"))
        var bank: String?
        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(zh: "登记这些交易单号（确定的或建议的）。", en: "Record these transactions (certain or suggested).", valueName: "id"))
        var apply: [String] = []
        @Flag(name: .long, help: ArgumentHelp(zh: "登记全部确定的匹配。", en: "Record every certain match."))
        var applyCertain = false
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出对账结果（金额以分计），不登记。", en: "Print the matches as JSON (amounts in fen); record nothing."))
        var json = false
        @Flag(name: .long, help: ArgumentHelp(zh: "列出待认领名单（已收到、未分配到家庭的钱）。", en: "List the suspense list (money received, not yet assigned)."))
        var held = false
        @Option(name: .long, help: ArgumentHelp(zh: "把待认领的这笔转账认领给 --student。", en: "Assign this held transfer to --student.", valueName: "id"))
        var assign: String?
        @Option(name: .long, help: ArgumentHelp(zh: "学号（与 --assign 同用）。", en: "Student id (with --assign)."))
        var student: String?
        @Option(name: .customLong("return"), help: ArgumentHelp(zh: "这笔待认领的转账已退回付款人（加 --note 说明）。", en: "This held transfer was sent back to the payer (with --note).", valueName: "id"))
        var returned: String?
        @Option(name: .long, help: ArgumentHelp(zh: "说明（与 --return 同用）。", en: "Why (with --return)."))
        var note: String?

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            let modes = [file != nil, held, assign != nil, returned != nil].filter { $0 }.count
            if modes != 1 {
                throw ValidationError(Tuoguan.text(
                    "给出一个账单文件，或 --held、--assign、--return 之一（例如 tuoguan reconcile 微信支付账单.csv）",
                    "give a bill file, or one of --held, --assign, --return (e.g. tuoguan reconcile wechat-bill.csv)"))
            }
            if json && (!apply.isEmpty || applyCertain) {
                throw ValidationError(Tuoguan.text("--json 只看不登记，不能与 --apply、--apply-certain 同用", "--json records nothing: not with --apply or --apply-certain"))
            }
            if file == nil && (bank != nil || !apply.isEmpty || applyCertain || json) {
                throw ValidationError(Tuoguan.text("--bank、--apply、--apply-certain、--json 要与账单文件同用", "--bank, --apply, --apply-certain and --json go with a bill file"))
            }
            if (assign != nil) != (student != nil) {
                throw ValidationError(Tuoguan.text(
                    "--assign 与 --student 要一起给出：tuoguan reconcile --assign 交易单号 --student 学号",
                    "--assign and --student go together: tuoguan reconcile --assign TXN --student ID"))
            }
            if returned != nil && (note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError(Tuoguan.text("--return 需要 --note 说明如何退回", "--return needs a --note saying how the money went back"))
            }
        }

        func run() throws {
            let w = ClerkText(language: ledger.language)
            if held { return try ReconcileText.printHeld(try ledger.open(readOnly: true).heldTransfers(), w) }
            let book = try ledger.open()
            if let assign, let student {
                switch try book.assignHeld(assign, to: student, by: recorder.name) {
                case .recorded:
                    print(w.t("已把 \(assign) 认领给 \(student)，登记为缴费", "assigned \(assign) to \(student), recorded as a payment"))
                    let date = try book.receipts(.ids([assign])).first?.date
                    for warning in try book.paymentWarnings(for: student, dated: date) {
                        Console.warn(w.t("提醒：", "warning: ") + warning.rendered(ledger.language))
                    }
                case .alreadyRecorded: print(w.t("\(assign) 已认领给 \(student)，未重复登记", "\(assign) was already assigned to \(student); nothing changed"))
                }
                return
            }
            if let returned {
                switch try book.returnHeld(returned, note: note ?? "", by: recorder.name) {
                case .recorded: print(w.t("已记下 \(returned) 退回付款人，移出待认领名单", "\(returned) noted as returned to the payer; off the suspense list"))
                case .alreadyRecorded: print(w.t("\(returned) 已记为退回，未重复登记", "\(returned) was already returned; nothing changed"))
                }
                return
            }
            guard let file else { return }
            let export = try TransferReader.read(path: file, bank: try bankLayout(book.rules))
            let matches = try book.matchTransfers(export.transfers)
            if json { return JSONOutput.print(JSONDocuments.reconcile(export, matches, ledger.language)) }
            ReconcileText.printSummary(export, w)
            let names = try book.students(ids: matches.compactMap(\.verdict.studentId))
            ReconcileText.printMatches(matches, names: names, book.rules, w)
            guard applyCertain || !apply.isEmpty else { return ReconcileText.printHowToApply(matches, w) }
            let report = try book.applyTransfers(export, choice: TransferChoice(certain: applyCertain, ids: Set(apply)), by: recorder.name)
            ReconcileText.printApplied(report, w)
            for (transfer, studentId) in report.recorded {
                for warning in try book.paymentWarnings(for: studentId, dated: transfer.date) {
                    Console.warn(w.t("提醒：", "warning: ") + warning.rendered(ledger.language))
                }
            }
        }

        /// `--bank`: a mapping (`date=…,amount=…`) or the name of one in the rules' `[banks]`.
        func bankLayout(_ rules: PlanRules) throws -> BankLayout? {
            guard let bank else { return nil }
            if bank.contains("=") { return try BankLayout(mapping: bank) }
            if let layout = rules.banks[bank] { return layout }
            let names = rules.banks.keys.sorted()
            throw usageError(
                "规则文件中没有银行“\(bank)”的列对照", "the rules file has no bank layout \"\(bank)\"", flag: "--bank",
                fix: names.isEmpty
                    ? LocalizedText(zh: "在规则文件中写 [banks.\(bank)]（见 rules/README.md），或直接给出列对照", en: "add [banks.\(bank)] to the rules file (rules/README.md), or give the mapping itself")
                    : LocalizedText(zh: "已有：\(names.joined(separator: "、"))", en: "the rules name: \(names.joined(separator: ", "))"))
        }
    }
}
