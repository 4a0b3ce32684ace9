import Foundation
import Hummingbird
import TuoguanCore
import TuoguanStore

/// Students: search by 学号 or (part of a) name, and a student's page: enrolments, attendance, payments and
/// refunds, the balance, the explanation of every amount, the history of corrections.
struct StudentsController {
    let site: WebSite

    func add(to router: Router<WebContext>) {
        router.get("/students") { request, context in try search(request, context) }
        router.get("/students/:id") { _, context in try student(context) }
    }

    static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    func search(_ request: Request, _ context: WebContext) throws -> Response {
        _ = try context.require(.clerk, .committee)
        let query = (request.uri.queryParameters["q"].map(String.init) ?? "").trimmingCharacters(in: .whitespaces)
        var rows: [[String: Any]] = []
        if !query.isEmpty {
            rows = try site.ledger.find(query, limit: 100).filter { $0.kind == .student }.map {
                ["id": $0.id, "name": $0.name, "detail": $0.detail]
            }
        }
        return WebPage.render(
            "students", title: LocalizedText(zh: "学生", en: "Students"),
            ["q": query, "searched": !query.isEmpty, "rows": rows, "none": !query.isEmpty && rows.isEmpty],
            site: site, context: context)
    }

    func student(_ context: WebContext) throws -> Response {
        _ = try context.require(.clerk, .committee)
        let language = context.language
        let id = context.parameters.get("id") ?? ""
        let ledger = site.ledger
        guard let facts = try ledger.termFacts(forStudent: id),
            let s = try TermComputation.compute(rules: ledger.rules, facts: facts).students.first(where: { $0.student.id == id })
        else { throw WebRefusal.notFound }
        let courses = CoursesById(facts.courses)
        let enrolments: [[String: Any]] = facts.usages.map { u in
            [
                "course": u.courseId, "name": courses[u.courseId]?.name ?? u.courseId, "from": u.enrolledFrom.description,
                "until": u.withdrawnOn.map { context.t("\($0) 起不再上课", "left on \($0)") } ?? context.t("学期末", "end of term"), "held": u.heldLessons, "present": u.present, "leave": u.leave,
                "absent": u.absent, "cancelled": u.cancelledLessons,
                "charged": WebText.money(s.lines.first { $0.courseId == u.courseId }?.charged ?? .zero),
            ]
        }
        let records: [[String: Any]] = try ledger.moneyRecords(studentId: id).map { r in
            [
                "date": r.date.description, "id": r.entryId, "kind": WebText.activity(r.kind.rawValue, language),
                "amount": WebText.money(r.amount), "course": r.courseId ?? "",
                "how": r.kind == .payment ? WebText.method(r.method, language) : WebText.reason(r.reason, language),
                "note": r.note, "by": r.recordedBy, "reversedBy": r.reversedBy ?? "", "reversed": r.reversedBy != nil,
            ]
        }
        let steps = try TermComputation.explain(s, usages: facts.usages, courses: courses, rules: ledger.rules)
        let history: [[String: Any]] = try ledger.history(of: .student, id: id).map { c in
            [
                "when": WebText.time(c.recordedAt, ledger.rules, language), "who": c.recordedBy,
                "field": c.fieldLabel(language), "old": c.oldValue ?? "", "new": c.newValue ?? "", "note": c.note,
            ]
        }
        let st = s.student
        let category = st.category.map { ledger.rules.categories[$0]?.name ?? $0 } ?? ""
        return WebPage.render(
            "student", title: LocalizedText(zh: "学生 \(st.id) \(st.name)", en: "Student \(st.id) \(st.name)"),
            ["id": st.id, "name": st.name, "grade": st.grade, "className": st.className, "category": category, "hasCategory": !category.isEmpty,
             "enrolments": enrolments, "records": records, "charged": WebText.money(s.charged),
             "waived": WebText.money(s.waived), "paid": WebText.money(s.paid), "refunded": WebText.money(s.refunded),
             "balance": WebText.balance(s.balance, language), "explain": steps.map { ["line": $0.text.text(language)] },
             "history": history, "canRecord": context.session?.role == .clerk,
             "editHref": "/record/student?" + [("student", st.id), ("name", st.name), ("grade", String(st.grade)), ("class", st.className),
                                               ("category", st.category ?? "none")].map { "\($0.0)=\(Self.query($0.1))" }.joined(separator: "&")],
            site: site, context: context)
    }
}
