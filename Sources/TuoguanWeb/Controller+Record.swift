import Foundation
import Hummingbird
import TuoguanCore
import TuoguanStore

/// The clerk's recording forms. A POST calls the library function of the form's command with the logged-in
/// user as `by`; an error is shown beside its field (or above the form) and nothing is recorded.
struct RecordController {
    let site: WebSite

    func add(to router: Router<WebContext>) {
        router.get("/record") { _, context in try index(context) }
        router.get("/record/:form") { request, context in try show(request, context) }
        router.post("/record/:form") { _, context in try submit(context) }
    }

    func form(_ context: WebContext) throws -> RecordForm {
        let name = context.parameters.get("form") ?? ""
        guard let form = RecordForm.all(site.ledger).first(where: { $0.name == name }) else { throw WebRefusal.notFound }
        return form
    }

    func index(_ context: WebContext) throws -> Response {
        _ = try context.require(.clerk)
        let forms = RecordForm.all(site.ledger).map { ["href": "/record/" + $0.name, "title": $0.title.text(context.language)] }
        return WebPage.render(
            "record-index", title: LocalizedText(zh: "登记", en: "Record"), ["forms": forms], site: site, context: context)
    }

    func show(_ request: Request, _ context: WebContext) throws -> Response {
        _ = try context.require(.clerk)
        let form = try form(context)
        var values: [String: String] = [:]
        for f in form.fields { values[f.name] = request.uri.queryParameters[f.name[...]].map { String($0) } }
        return render(form, values: values, errors: [:], done: nil, context: context)
    }

    func submit(_ context: WebContext) throws -> Response {
        let session = try context.require(.clerk)
        let form = try form(context)
        do {
            let message = try form.record(FormValues(form: context.form), session.accountName, context.language)
            return render(form, values: [:], errors: [:], done: message, context: context)
        } catch let error as TuoguanError {
            var errors: [String: String] = [:]
            let key = error.location?.key.map { $0.hasPrefix("--") ? String($0.dropFirst(2)) : $0 }
            let field = key.flatMap { k in form.fields.contains { $0.name == k } ? k : nil } ?? form.fieldOfCode[error.code] ?? ""
            var text = error.message.text(context.language)
            if let fix = error.fix?.text(context.language) { text += context.t("。", ". ") + fix }
            errors[field] = text
            var values = context.form.fields
            values["csrf"] = nil
            return render(form, values: values, errors: errors, done: nil, context: context, status: .unprocessableContent)
        }
    }

    func render(
        _ form: RecordForm, values: [String: String], errors: [String: String], done: String?, context: WebContext,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let language = context.language
        let fields: [[String: Any]] = form.fields.map { f in
            var row: [String: Any] = [
                "name": f.name, "label": f.label.text(language), "value": values[f.name] ?? "",
                "required": f.required, "error": errors[f.name] ?? "", "hasError": errors[f.name] != nil,
            ]
            switch f.kind {
            case .choice(let options):
                row["choice"] = true
                row["options"] = options.map { o in
                    ["value": o.value, "label": o.label.text(language), "selected": values[f.name] == o.value]
                }
            case .note: row["note"] = true
            case .date: row["input"] = true; row["placeholder"] = "2024-09-02"
            case .amount: row["input"] = true; row["placeholder"] = "240.00"; row["mode"] = "decimal"
            case .number: row["input"] = true; row["mode"] = "numeric"
            case .text: row["input"] = true
            }
            return row
        }
        return WebPage.render(
            "record", title: form.title,
            ["action": "/record/" + form.name, "fields": fields, "formError": errors[""] ?? "", "hasFormError": errors[""] != nil,
             "done": done ?? "", "isDone": done != nil],
            site: site, context: context, status: status)
    }
}
