import Foundation
import Hummingbird
import TuoguanCore
import TuoguanStore

/// The committee approves the statement and the disclosure, the principal confirms the teachers' pay: each
/// by name at a point of the ledger (the money journal's entry count and chain head). What was recorded after
/// an approval is counted and marked.
struct ApprovalsController {
    let site: WebSite

    func add(to router: Router<WebContext>) {
        router.get("/approvals") { _, context in try page(context) }
        router.post("/approvals/:kind") { _, context in try approve(context) }
    }

    /// Who may approve what.
    static func approver(_ kind: ApprovalKind) -> AccountRole { kind == .pay ? .principal : .committee }

    func page(_ context: WebContext, done: String? = nil) throws -> Response {
        let session = try context.require(.committee, .principal, .clerk)
        let language = context.language
        let ledger = site.ledger
        let now = try ledger.currentPoint()
        let rows: [[String: Any]] = try ApprovalKind.allCases.map { kind in
            let latest = try ledger.latestApproval(kind)
            let after = latest.map { WebApprovals.after($0, now: now) } ?? 0
            return [
                "kind": kind.rawValue, "title": kind.title(language), "line": latest.map { WebText.approvalLine($0, ledger.rules, language) } ?? "",
                "approved": latest != nil, "after": after, "hasAfter": after > 0,
                "head": latest.map { String($0.point.journalHead.prefix(16)) } ?? "",
                "canApprove": Self.approver(kind) == session.role, "isPay": kind == .pay,
                "verb": kind == .pay ? context.t("确认", "Confirm") : context.t("审核通过", "Approve"),
            ]
        }
        let all: [[String: Any]] = try ledger.approvals().reversed().map { a in
            ["title": a.kind.title(language), "line": WebText.approvalLine(a, ledger.rules, language), "note": a.note]
        }
        return WebPage.render(
            "approvals", title: LocalizedText(zh: "审核与确认", en: "Approvals"),
            ["rows": rows, "all": all, "entries": now.journalEntries, "head": String(now.journalHead.prefix(16)),
             "done": done ?? "", "isDone": done != nil],
            site: site, context: context)
    }

    func approve(_ context: WebContext) throws -> Response {
        guard let kind = ApprovalKind(rawValue: context.parameters.get("kind") ?? "") else { throw WebRefusal.notFound }
        let session = try context.require(Self.approver(kind))
        let approval = try site.ledger.approve(kind, by: session.accountName, note: context.form.text("note"))
        return try page(context, done: kind.title(context.language) + "：" + WebText.approvalLine(approval, site.ledger.rules, context.language))
    }
}
