import Foundation
import Synchronization
import TuoguanCore
import TuoguanReports
import TuoguanStore

/// The term as the pages read it: the facts and the one term computation (`statement --json`'s), read
/// afresh at each request, so a page shows what the ledger holds now, including what the command line recorded.
struct WebTerm {
    let input: ReportInput

    /// `needRecords`: also the refund register and the duty log (for the workbooks). Without them, the term is
    /// kept between requests for as long as the ledger's fingerprint stays the same (``TermCache``).
    init(_ site: WebSite, language: Language, needRecords: Bool = false) throws {
        let ledger = site.ledger
        let key = needRecords ? nil : try ledger.fingerprint() + "/" + language.rawValue
        if let key, let kept = site.termCache.input(for: key) {
            input = kept
            return
        }
        let (facts, refunds, duties) = needRecords ? try ledger.termFactsAndRecords() : (try ledger.termFacts(), [], [])
        let result = try TermComputation.compute(rules: ledger.rules, facts: facts)
        var input = ReportInput(rules: ledger.rules, facts: facts, result: result, refunds: refunds, duties: duties, language: language)
        input.approvals = try WebApprovals.printed(ledger, language)
        self.input = input
        if let key { site.termCache.keep(input, for: key) }
    }

    var result: TermResult { input.result }
}

/// The last term computation the pages made, with the ledger's fingerprint it was made at: the overview, the
/// owed list and the pay page read it again until anything is recorded (by the page or by the command line).
final class TermCache: Sendable {
    private let kept = Mutex<(key: String, input: ReportInput)?>(nil)

    func input(for key: String) -> ReportInput? {
        kept.withLock { $0?.key == key ? $0?.input : nil }
    }

    func keep(_ input: ReportInput, for key: String) {
        kept.withLock { $0 = (key, input) }
    }
}

/// The words and amounts the pages print.
enum WebText {
    /// `1,234.50`.
    static func money(_ m: Money) -> String { m.formatted() }

    /// `应补 20.00 元` / `to pay 20.00`, `应退 …`, `已结清`.
    static func balance(_ b: Money, _ language: Language) -> String {
        let zh = language == .zh
        if b.fen > 0 { return zh ? "应补 \(b.formatted()) 元" : "to pay \(b.formatted())" }
        if b.fen < 0 { return zh ? "应退 \(Money(fen: -b.fen).formatted()) 元" : "to refund \(Money(fen: -b.fen).formatted())" }
        return zh ? "已结清" : "settled"
    }

    /// A recording time (UTC) in the school's time zone.
    static func time(_ stamp: String, _ rules: PlanRules, _ language: Language) -> String {
        PrintText.time(utc: stamp, timeZone: rules.printing.timeZone, language)
    }

    static func method(_ m: PaymentMethod?, _ language: Language) -> String {
        let zh = language == .zh
        switch m {
        case .cash?: return zh ? "现金" : "cash"
        case .wechat?: return zh ? "微信" : "WeChat"
        case .alipay?: return zh ? "支付宝" : "Alipay"
        case .bank?: return zh ? "银行转账" : "bank transfer"
        case nil: return ""
        }
    }

    static func reason(_ r: RefundReason?, _ language: Language) -> String {
        let zh = language == .zh
        switch r {
        case .personalLeave?: return zh ? "个人请假" : "personal leave"
        case .cancelled?: return zh ? "学校停课" : "cancelled by the school"
        case .withdrawal?: return zh ? "退课" : "withdrawal"
        case .settlement?: return zh ? "期末结算" : "term-end settlement"
        case nil: return ""
        }
    }

    /// What an activity of the history is, in words.
    static func activity(_ what: String, _ language: Language) -> String {
        let words: [String: (String, String)] = [
            "payment": ("收款", "payment"), "refund": ("退费", "refund"), "reversal": ("冲正", "reversal"),
            "expense": ("支出", "expense"), "withdrawal": ("退课", "withdrawal"), "cancellation": ("停课", "cancellation"),
            "undo": ("撤销", "undo"), "edit": ("更正", "correction"), "import": ("导入", "import"),
            "account": ("账户", "account"), "approval": ("审核", "approval"),
        ]
        guard let w = words[what] else { return what }
        return language == .zh ? w.0 : w.1
    }

    /// `经 张敏 于 2025年1月20日 审核，账本第 172 笔` / `approved by 张敏 on 2025-01-20 at ledger entry 172`.
    static func approvalLine(_ a: Approval, _ rules: PlanRules, _ language: Language) -> String {
        WebApprovals.line(a, now: nil, rules: rules, language)
    }
}
