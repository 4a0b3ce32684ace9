import Foundation
import Hummingbird
import TuoguanCore
import TuoguanInput
import TuoguanReports
import TuoguanStore

/// The term at a glance, the owed list by class, the teachers' pay and the history of the ledger.
struct OverviewController {
    let site: WebSite

    func add(to router: Router<WebContext>) {
        router.get("/") { _, context in try overview(context) }
        router.get("/owed") { request, context in try owed(request, context) }
        router.get("/workload") { _, context in try workload(context) }
        router.get("/history") { request, context in try history(request, context) }
    }

    func overview(_ context: WebContext) throws -> Response {
        guard let session = context.session else { throw WebRefusal.loginNeeded }
        if session.role == .principal || session.role == .teacher { return WebPage.redirect(landing(session.role)) }
        _ = try context.require(.clerk, .committee)
        let language = context.language
        let result = try WebTerm(site, language: language).result
        let owed = try Money.sum(result.students.map(\.dueFromFamily))
        let toRefund = try Money.sum(result.students.map(\.dueToFamily))
        let failed = result.findings.filter { !$0.passed }
        let rules = site.ledger.rules
        let recent = try site.ledger.activity(limit: 10).map { activityRow($0, rules, language) }
        let figures: [[String: Any]] = [
            figure("已收", "Collected", result.fund.income),
            figure("已退", "Refunded", result.fund.refunds),
            figure("家庭应补", "Owed by families", owed),
            figure("应退家庭", "Owed to families", toRefund),
            figure("专项经费已支出", "Spent from the pools", result.fund.spending.fromPools),
        ].map { ["label": language == .zh ? $0.0 : $0.1, "amount": $0.2] }
        let now = try site.ledger.currentPoint()
        let approvals = try ApprovalKind.allCases.compactMap { kind in
            try site.ledger.latestApproval(kind).map { ["line": $0.kind.title(language) + "：" + WebApprovals.line($0, now: now, rules: rules, language)] }
        }
        return WebPage.render(
            "overview", title: LocalizedText(zh: "本学期总览", en: "The term at a glance"),
            ["figures": figures, "students": result.students.count, "failed": failed.map { ["message": $0.message.text(language)] },
             "failedCount": failed.count, "hasFailed": !failed.isEmpty, "findingsCount": result.findings.count, "recent": recent, "approvals": approvals],
            site: site, context: context)
    }

    func figure(_ zh: String, _ en: String, _ amount: Money) -> (String, String, String) { (zh, en, WebText.money(amount)) }

    /// A row of the history; an entry of the money chains recorded after `approval` is marked.
    func activityRow(_ a: LedgerActivity, _ rules: PlanRules, _ language: Language, approval: LedgerPoint? = nil) -> [String: Any] {
        let after = approval.map { a.isAfter($0) } ?? false
        let (ref, subject, note) = activityWords(a, rules, language)
        return [
            "after": after,
            "when": WebText.time(a.recordedAt, rules, language), "who": a.recordedBy,
            "what": WebText.activity(a.what, language), "ref": ref, "subject": subject,
            "amount": a.amountFen.map { WebText.money(Money(fen: $0)) } ?? "", "note": note,
        ].merging(a.journalSeq.map { ["seq": String($0)] } ?? [:]) { a, _ in a }
    }

    /// The id, subject and note of a history row in the page's language: an import's kind and its file's name
    /// (not where it was on the disk), an approval's workbook, an account's role, a correction's field, a pool's name.
    func activityWords(_ a: LedgerActivity, _ rules: PlanRules, _ language: Language) -> (String, String, String) {
        let zh = language == .zh
        switch a.what {
        case "import":
            let kind = ImportKind(rawValue: a.ref).map { zh ? $0.chineseName : $0.rawValue } ?? a.ref
            return (kind, (a.subject as NSString).lastPathComponent, a.note)
        case "approval":
            return (ApprovalKind(rawValue: a.ref)?.title(language) ?? a.ref, zh ? "账本第 \(a.subject) 笔" : "entry \(a.subject)", a.note)
        case "account":
            let action = a.subject == "add" ? (zh ? "添加" : "added") : (zh ? "停用" : "disabled")
            let parts = a.note.split(separator: " ", maxSplits: 1).map(String.init)
            let role = parts.first.flatMap { AccountRole(rawValue: $0) }.map { $0.title(language) } ?? parts.first ?? ""
            return (a.ref, action, ([role] + parts.dropFirst()).joined(separator: " "))
        case "edit":
            let change = MasterChange(
                seq: 0, subject: .student, subjectId: "", courseId: nil, field: a.subject, oldValue: nil, newValue: nil, note: "",
                recordedBy: "", recordedAt: "")
            return (a.ref, change.fieldLabel(language), a.note)
        case "expense":
            let parts = a.subject.split(separator: " ", maxSplits: 1).map(String.init)
            let pool = parts.first ?? ""
            let name = rules.split.pools.first { $0.id == pool }?.name
                ?? (pool == "subsidies" ? (zh ? "课时补贴" : "subsidies") : pool == "outside" ? (zh ? "校外机构" : "outside") : pool)
            return (a.ref, ([name] + parts.dropFirst()).joined(separator: " "), a.note)
        default:
            return (a.ref, a.subject, a.note)
        }
    }

    func owed(_ request: Request, _ context: WebContext) throws -> Response {
        _ = try context.require(.clerk, .committee)
        let language = context.language
        let result = try WebTerm(site, language: language).result
        let className = request.uri.queryParameters["class"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let classes = try Workbooks.owedByClass(result, className: className)
        let total = try Money.sum(classes.map(\.total))
        let rows: [[String: Any]] = classes.map { c in
            [
                "className": c.className, "count": c.families.count, "total": WebText.money(c.total),
                "classQuery": c.className.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "",
                "families": c.families.map { f in
                    ["id": f.student.id, "name": f.student.name, "balance": WebText.money(f.balance),
                     "charged": WebText.money(f.charged), "paid": WebText.money(f.paid), "refunded": WebText.money(f.refunded)]
                },
            ]
        }
        return WebPage.render(
            "owed", title: LocalizedText(zh: "催缴名单", en: "Families who owe"),
            ["classes": rows, "total": WebText.money(total), "count": classes.reduce(0) { $0 + $1.families.count },
             "className": className ?? "", "isClass": className != nil],
            site: site, context: context)
    }

    func workload(_ context: WebContext) throws -> Response {
        _ = try context.require(.principal, .committee, .clerk)
        let language = context.language
        let result = try WebTerm(site, language: language).result
        let rows: [[String: Any]] = result.teachers.map { t in
            [
                "id": t.teacher.id, "name": t.teacher.name, "points": t.points, "workload": WebText.money(t.workload),
                "award": WebText.money(t.award), "subsidy": WebText.money(t.subsidy), "outside": WebText.money(t.outside),
                "total": WebText.money(t.total), "rank": t.rank,
            ]
        }
        let confirmation = try site.ledger.latestApproval(.pay).map { WebText.approvalLine($0, site.ledger.rules, language) }
        return WebPage.render(
            "workload", title: LocalizedText(zh: "教师工作量及课酬", en: "Teachers' workload and pay"),
            ["teachers": rows, "confirmation": confirmation ?? "", "confirmed": confirmation != nil],
            site: site, context: context)
    }

    func history(_ request: Request, _ context: WebContext) throws -> Response {
        _ = try context.require(.clerk, .committee)
        let page = max(0, Int(request.uri.queryParameters["page"].map(String.init) ?? "0") ?? 0)
        let size = 100
        let items = try site.ledger.activity(limit: size + 1, offset: page * size)
        let approval = try site.ledger.latestApproval(.statement)?.point
        let rows = items.prefix(size).map { activityRow($0, site.ledger.rules, context.language, approval: approval) }
        return WebPage.render(
            "history", title: LocalizedText(zh: "账本记录", en: "History of the ledger"),
            ["rows": Array(rows), "hasNext": items.count > size, "next": page + 1, "hasPrev": page > 0, "prev": page - 1],
            site: site, context: context)
    }
}
