import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanReports
import TuoguanStore

extension Tuoguan {
    /// `tuoguan settle`: the term's end in one step (多退少补). Shows, by class, every family's 应退 and 应补 from
    /// the term computation (the statement's balances); `--apply` records every 应退 as a settlement refund in
    /// one transaction; `--sheet` writes the 退费签领表, `--notices` the 补缴通知.
    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("期末结算（多退少补）：应退的一次退清，应补的列出并打印补缴通知", "Settle the term: refund every 应退 at once, list every 应补."),
            discussion: Tuoguan.text(
                """
                不加 --apply 只预览（不登记）。金额就是结算单的应退、应补。再运行一次不会重复退费。
                示例：
                  tuoguan settle                                      预览各班应退、应补
                  tuoguan settle --apply --method 现金 --date 2025-01-20 --except S000007
                  tuoguan settle --sheet                              退费签领表（reports/退费签领表.xlsx）
                  tuoguan settle --notices                            补缴通知（reports/补缴通知.xlsx）
                """,
                """
                Without --apply it only shows what it would do. The amounts are the statement's 应退 and 应补.
                Running it again refunds nothing twice.
                Examples:
                  tuoguan settle                                      show each class's refunds and top-ups
                  tuoguan settle --apply --method cash --date 2025-01-20 --except S000007
                  tuoguan settle --sheet                              the sign-for sheet (reports/退费签领表.xlsx)
                  tuoguan settle --notices                            the top-up notices (reports/补缴通知.xlsx)
                """))

        @Flag(name: .long, help: ArgumentHelp(zh: "登记全部应退（一次完成，要么全部登记，要么都不登记）。", en: "Record every refund (all in one transaction)."))
        var apply = false
        @Option(name: .customLong("class"), help: ArgumentHelp(zh: "只结算这个班（与学生名单中的写法相同）。", en: "Only this class (as in the students file).", valueName: "class"))
        var className: String?
        @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp(zh: "不结算这些学号（余额结转下学期），可写多个。", en: "Leave these students out (their balance carries); several may follow.", valueName: "student"))
        var except: [String] = []
        @Option(name: .long, help: ArgumentHelp(zh: "退费方式：现金、微信、支付宝、银行转账（--apply 时必填）。", en: "How the money goes back: cash, wechat, alipay or bank (required with --apply).", valueName: "method"))
        var method: String?
        @Option(name: .long, help: ArgumentHelp(zh: "退费日期（默认：今天）；与 --sheet 同用时只列这一天的结算退费。", en: "Date of the refunds (default: today); with --sheet, only the settlement refunds of that day."))
        var date: CivilDate?
        @Option(name: .long, help: ArgumentHelp(zh: "随每笔退费保存的备注。", en: "A note kept with every refund."))
        var note: String = ""
        @Flag(name: .long, help: ArgumentHelp(zh: "以 JSON 输出（金额以分计）。", en: "Print the settlement as JSON (amounts in fen)."))
        var json = false
        @Flag(name: .long, help: ArgumentHelp(zh: "写出退费签领表（本命令登记的结算退费，按班）。", en: "Write the sign-for sheet of the settlement refunds this command recorded, by class."))
        var sheet = false
        @Flag(name: .long, help: ArgumentHelp(zh: "写出补缴通知（每个应补的家庭一份）。", en: "Write a top-up notice for every family that still owes."))
        var notices = false
        @OptionGroup var workbook: WorkbookOptions
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var recorder: RecorderOption

        func validate() throws {
            if [apply, sheet, notices].filter({ $0 }).count > 1 {
                throw ValidationError(Tuoguan.text("--apply、--sheet、--notices 每次只能用一个", "give one of --apply, --sheet and --notices"))
            }
            if workbook.out != nil && !(sheet || notices) {
                throw ValidationError(Tuoguan.text("--out 只用于 --sheet 或 --notices", "--out goes with --sheet or --notices"))
            }
            if apply && method == nil {
                throw ValidationError(Tuoguan.text("--apply 需要 --method（现金、微信、支付宝或银行转账）", "--apply needs --method (cash, wechat, alipay or bank)"))
            }
            if json && (sheet || notices) {
                throw ValidationError(Tuoguan.text("--json 不能与 --sheet、--notices 同用", "--json does not go with --sheet or --notices"))
            }
            if (sheet || notices) && (!except.isEmpty || method != nil || !note.isEmpty || (notices && date != nil)) {
                throw ValidationError(Tuoguan.text(
                    "--sheet 只接受 --class、--date 和 --out，--notices 只接受 --class 和 --out",
                    "--sheet takes only --class, --date and --out; --notices only --class and --out"))
            }
        }

        func run() throws {
            let date = self.date
            if sheet { return try writeSettlementWorkbook(.signForSheet) { try Workbooks.writeSignForSheet($0, className: $1, date: date, to: $2) } }
            if notices { return try writeSettlementWorkbook(.topUpNotices, Workbooks.writeTopUpNotices) }
            let method = try self.method.map { try parseWord($0, SchoolWords.method, flag: "--method", accepted: SchoolWords.methodsAccepted) }
            let except = self.except.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "，" }).map(String.init) }
            let book = try ledger.open()
            let request = SettlementRequest(
                className: className, except: except, method: method ?? .cash, date: date ?? today(), note: note, apply: apply)
            let plan: TermSettlement
            do {
                plan = try book.settle(request, by: recorder.name)
            } catch var error as TuoguanError where error.code == .unknownReference && error.location?.key != nil {
                error.code = .usage  // a flag's value that names nothing
                throw error
            }
            if json { return JSONOutput.print(try JSONDocuments.settlement(plan, school: book.rules.school, recorded: apply)) }
            if apply && !plan.refunds.isEmpty && request.date < book.rules.ends {
                let (zh, en) = (
                    "注意：退费日期 \(request.date.chinese) 早于学期结束日 \(book.rules.ends.chinese)；之后的考勤会让这些家庭再出现应补或应退，届时再运行一次 settle 只结算差额",
                    "note: the refunds are dated \(request.date), before the term ends on \(book.rules.ends); attendance after it changes these families' figures again, and settle run again settles only the difference")
                Console.warn(ledger.language == .zh ? zh : en)
            }
            try SettlementText(language: ledger.language, school: book.rules.school, term: book.rules.termTitle)
                .print(plan, request: apply ? request : nil)
        }

        /// `--sheet` or `--notices`: one workbook, to `--out` or `reports/`, named for the class with `--class`.
        func writeSettlementWorkbook(
            _ kind: Workbooks.Kind, _ write: @escaping (ReportInput, String?, String) throws -> Int
        ) throws {
            let className = self.className
            let name = { (lang: Language) -> String in
                guard let className else { return kind.fileName(lang) }
                return String(kind.fileName(lang).dropLast(".xlsx".count)) + "-" + Notices.fileSafe(className) + ".xlsx"
            }
            let language = ledger.language
            let path = try prepareOutput(workbook.out, defaultName: name(ledger.workbookLanguage))
            let clock = Stopwatch()
            let context = try ReportContext(ledger, needRecords: kind == .signForSheet)
            if className != nil {
                do {
                    try TermSettlement.requireKnown(context.result, className: className)
                } catch var error as TuoguanError {
                    error.code = .usage
                    throw error
                }
            }
            Console.progress(language == .zh ? "正在写入 \(path) …" : "writing \(path) …")
            let count = try write(context.input, className, path)
            Console.endProgress()
            let what = kind == .signForSheet
                ? (zh: "\(count) 笔结算退费", en: "\(count) settlement refunds") : (zh: "\(count) 份补缴通知", en: "\(count) top-up notices")
            Console.say(
                "已写入 \(path)：\(what.zh)（用时 \(clock.seconds(.zh))）", "wrote \(path): \(what.en) (in \(clock.seconds))", language)
        }
    }
}

/// What `tuoguan settle` prints: the totals, then per class each refund and each top-up, the families left
/// out, and what to do next.
struct SettlementText {
    let language: Language
    let school: String
    let term: String
    var w: ClerkText { ClerkText(language: language) }

    /// `request`: the refunds were recorded with it (nil: a dry run).
    func print(_ plan: TermSettlement, request: SettlementRequest?) throws {
        let refundTotal = try plan.refundTotal
        let topUpTotal = try plan.topUpTotal
        let mode = request == nil ? w.t("（预览，未登记）", " (preview, nothing recorded)") : ""
        Swift.print(w.t(
            "\(school) \(term) 期末结算\(mode)：应退 \(plan.refunds.count) 户，共 \(refundTotal.formatted()) 元；应补 \(plan.topUps.count) 户，共 \(topUpTotal.formatted()) 元",
            "\(school) \(term) settlement\(mode): \(plan.refunds.count) families to refund, \(refundTotal.formatted()) in all; \(plan.topUps.count) to pay, \(topUpTotal.formatted()) in all"))
        for c in plan.classes { printClass(c) }
        for st in plan.leftOut {
            let balance = st.balance.isNegative ? w.t("应退 \(try st.balance.magnitude().formatted()) 元", "to refund \(try st.balance.magnitude().formatted())")
                : st.balance.isZero ? w.t("已结清", "settled") : w.t("应补 \(st.balance.formatted()) 元", "to pay \(st.balance.formatted())")
            Swift.print(w.t("未结算（--except，余额结转）：\(st.student.id) \(st.student.name) \(balance)", "left out (--except, carried): \(st.student.id) \(st.student.name) \(balance)"))
        }
        try printNext(plan, request: request, refundTotal: refundTotal)
    }

    func printClass(_ c: TermSettlement.ClassPlan) {
        Swift.print(w.t(
            "\(c.className)：应退 \(c.refunds.count) 户 \(c.refundTotal.formatted()) 元，应补 \(c.topUps.count) 户 \(c.topUpTotal.formatted()) 元",
            "\(c.className): \(c.refunds.count) to refund, \(c.refundTotal.formatted()); \(c.topUps.count) to pay, \(c.topUpTotal.formatted())"))
        for r in c.refunds {
            Swift.print(w.t(
                "  应退 \(r.student.id) \(r.student.name) \(r.amount.formatted()) 元（\(r.amount.uppercase)） 退费编号 \(r.refundId)",
                "  refund \(r.student.id) \(r.student.name) \(r.amount.formatted()) (\(r.amount.uppercase)) as \(r.refundId)"))
        }
        for st in c.topUps {
            Swift.print(w.t(
                "  应补 \(st.student.id) \(st.student.name) \(st.balance.formatted()) 元（应缴 \(st.due.formatted())\(carried(st, zh: true))，已缴 \(st.paid.formatted())，已退 \(st.refunded.formatted())）",
                "  to pay \(st.student.id) \(st.student.name) \(st.balance.formatted()) (due \(st.due.formatted())\(carried(st, zh: false)), paid \(st.paid.formatted()), refunded \(st.refunded.formatted()))"))
        }
    }

    /// `，上期结转 20.00` when the family carries a balance in from the term before.
    func carried(_ st: StudentStatement, zh: Bool) -> String {
        guard !st.opening.isZero else { return "" }
        return zh ? "，上期结转 \(st.opening.formatted())" : ", carried in \(st.opening.formatted())"
    }

    func printNext(_ plan: TermSettlement, request: SettlementRequest?, refundTotal: Money) throws {
        guard let request else {
            if !plan.refunds.isEmpty {
                Swift.print(w.t(
                    "确认无误后加 --apply --method 退费方式 登记这些退费（一次全部登记）",
                    "to record these refunds (all at once), run again with --apply --method METHOD"))
            }
            return
        }
        if plan.refunds.isEmpty {
            Swift.print(w.t("没有需要退费的家庭，未登记任何退费", "no family is owed anything back: nothing recorded"))
        } else {
            Swift.print(w.t(
                "已登记 \(plan.refunds.count) 笔结算退费，共 \(refundTotal.formatted()) 元（\(refundTotal.uppercase)），退费方式：\(w.method(request.method))，日期 \(request.date.chinese)；打印签领表：tuoguan settle --sheet",
                "recorded \(plan.refunds.count) settlement refunds, \(refundTotal.formatted()) in all, paid back by \(w.method(request.method)) on \(request.date); the sign-for sheet: tuoguan settle --sheet"))
        }
        if !plan.topUps.isEmpty {
            Swift.print(w.t("应补的家庭：tuoguan owed 列出，tuoguan settle --notices 打印补缴通知", "families who owe: tuoguan owed lists them, tuoguan settle --notices prints their notices"))
        }
    }
}
