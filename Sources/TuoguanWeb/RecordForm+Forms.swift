import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanStore

/// The seven recording forms, each calling the library function its command calls.
extension RecordForm {
    static func all(_ ledger: Ledger) -> [RecordForm] {
        [payment(ledger), refund(ledger), withdrawal(ledger), cancellation(ledger), undo(ledger), expense(ledger), correction(ledger),
         studentEdit(ledger)]
    }

    static func field(_ name: String, _ zh: String, _ en: String, _ kind: FormField.Kind = .text, required: Bool = true) -> FormField {
        FormField(name: name, label: LocalizedText(zh: zh, en: en), kind: kind, required: required)
    }

    static let methods: [(value: String, label: LocalizedText)] = [
        ("wechat", LocalizedText(zh: "微信", en: "WeChat")), ("alipay", LocalizedText(zh: "支付宝", en: "Alipay")),
        ("cash", LocalizedText(zh: "现金", en: "cash")), ("bank", LocalizedText(zh: "银行转账", en: "bank transfer")),
    ]

    static func payment(_ ledger: Ledger) -> RecordForm {
        RecordForm(
            name: "payment", title: LocalizedText(zh: "登记收款", en: "Record a payment"),
            fields: [
                field("receipt", "收据号", "Receipt"), field("student", "学号", "Student id"),
                field("amount", "金额（元）", "Amount", .amount), field("date", "收款日期", "Date received", .date),
                field("method", "支付方式", "Method", .choice(methods)),
            ],
            fieldOfCode: [.unknownReference: "student", .conflict: "receipt", .badInput: "amount"],
            record: { v, by, language in
                let money = try v.amount("amount")
                let fact = PaymentFact(
                    receipt: try v.text("receipt"), studentId: try v.text("student"), amount: money, date: try v.date("date"),
                    method: try v.word("method", SchoolWords.method, accepted: SchoolWords.methodsAccepted))
                let outcome = try ledger.recordPayment(fact, by: by)
                return outcome == .recorded
                    ? text(language, "已登记收款 \(fact.receipt)：\(fact.studentId) \(money.formatted()) 元", "recorded payment \(fact.receipt): \(fact.studentId) \(money.formatted())")
                    : text(language, "收款 \(fact.receipt) 已登记过，内容相同，未重复记账", "payment \(fact.receipt) was already recorded with the same contents; nothing changed")
            })
    }

    static func refund(_ ledger: Ledger) -> RecordForm {
        let reasons: [(value: String, label: LocalizedText)] = [
            ("settlement", LocalizedText(zh: "期末结算", en: "term-end settlement")),
            ("personal_leave", LocalizedText(zh: "个人请假", en: "personal leave")),
        ]
        return RecordForm(
            name: "refund", title: LocalizedText(zh: "登记退费", en: "Record a refund"),
            fields: [
                field("id", "退费编号", "Refund id"), field("student", "学号", "Student id"),
                field("course", "课程编号（按课时退费时必填）", "Course id (needed for lessons)", required: false),
                field("amount", "金额（元）", "Amount", .amount, required: false),
                field("lessons", "或：课时数", "or: lessons", .number, required: false),
                field("reason", "退费原因", "Reason", .choice(reasons)), field("date", "日期", "Date", .date),
                field("note", "备注", "Note", .note, required: false),
            ],
            fieldOfCode: [.unknownReference: "student", .conflict: "id", .refundRefused: "reason", .refundCeiling: "amount", .badInput: "amount"],
            record: { v, by, language in
                let amount = try v.optional("amount").map { _ in try v.amount("amount") }
                let request = RefundRequest(
                    refundId: try v.text("id"), studentId: try v.text("student"), courseId: v.optional("course"),
                    amount: amount, lessons: try v.number("lessons"), date: try v.date("date"),
                    reason: try v.word("reason", SchoolWords.reason, accepted: SchoolWords.reasonsAccepted), note: v.form.text("note"))
                let result = try ledger.recordRefund(request, by: by)
                return result.outcome == .recorded
                    ? text(language, "已登记退费 \(request.refundId)：\(request.studentId) \(result.amount.formatted()) 元（\(result.amount.uppercase)）",
                           "recorded refund \(request.refundId): \(request.studentId) \(result.amount.formatted())")
                    : text(language, "退费 \(request.refundId) 已登记过，内容相同，未重复退费", "refund \(request.refundId) was already recorded; nothing changed")
            })
    }

    static func withdrawal(_ ledger: Ledger) -> RecordForm {
        RecordForm(
            name: "withdrawal", title: LocalizedText(zh: "退课", en: "Withdraw from a course"),
            fields: [
                field("student", "学号", "Student id"), field("course", "课程编号", "Course id"),
                field("date", "不再上课的第一天", "First day not attended", .date), field("id", "退费编号", "Refund id"),
            ],
            fieldOfCode: [.unknownReference: "student", .conflict: "id", .refundRefused: "course"],
            record: { v, by, language in
                let student = try v.text("student")
                let course = try v.text("course")
                let date = try v.date("date")
                let report = try ledger.withdraw(studentId: student, courseId: course, on: date, refundId: try v.text("id"), by: by)
                return report.outcome == .recorded
                    ? text(language, "\(student) 自 \(date) 退出 \(course)，退费 \(report.refund.formatted()) 元（\(report.refund.uppercase)）",
                           "\(student) leaves \(course) from \(date); refund \(report.refund.formatted())")
                    : text(language, "该退课已登记过，未改动", "this withdrawal was already recorded; nothing changed")
            })
    }

    static func cancellation(_ ledger: Ledger) -> RecordForm {
        RecordForm(
            name: "cancellation", title: LocalizedText(zh: "停课退费", en: "Cancel a day"),
            fields: [
                field("date", "停课日期", "Day to cancel", .date),
                field("courses", "只停这些课程（课程编号，逗号分开；不填为当天全部）", "Only these courses (ids, comma separated; empty: all)", required: false),
                field("reason", "停课原因", "Why"), field("note", "备注", "Note", .note, required: false),
                field("prefix", "退费编号前缀（不填为 CX-日期）", "Refund id prefix (empty: CX-date)", required: false),
            ],
            fieldOfCode: [.unknownReference: "courses", .conflict: "date"],
            record: { v, by, language in
                let date = try v.date("date")
                let reason = try v.text("reason")
                let courses = v.form.text("courses").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " }).map(String.init)
                let note = v.form.text("note")
                let report = try ledger.cancel(
                    date: date, courseIds: courses.isEmpty ? nil : courses, reason: reason, note: note.isEmpty ? reason : note,
                    refundIdPrefix: v.optional("prefix") ?? "CX-\(date)", by: by)
                let total = try Money.sum(report.refunds.map(\.amount))
                return text(language, "\(date) 停课 \(report.sessionsCancelled) 节，退费 \(report.refunds.count) 笔，共 \(total.formatted()) 元",
                            "\(date): \(report.sessionsCancelled) sessions cancelled, \(report.refunds.count) refunds, \(total.formatted()) in all")
            })
    }

    static func undo(_ ledger: Ledger) -> RecordForm {
        RecordForm(
            name: "undo", title: LocalizedText(zh: "撤销退课或停课", en: "Undo a withdrawal or cancellation"),
            fields: [
                field("entry", "退课的退费编号或停课的编号前缀", "The withdrawal's id or the cancellation's prefix"),
                field("id", "撤销单编号", "Undo id"), field("note", "原因", "Why", .note),
            ],
            fieldOfCode: [.unknownReference: "entry", .conflict: "id", .usage: "entry"],
            record: { v, by, language in
                let entry = try v.text("entry")
                let id = try v.text("id")
                let report = try ledger.undo(entryId: entry, undoId: id, note: try v.text("note"), by: by)
                let total = try Money.sum(report.reversals.map(\.amount))
                return report.outcome == .recorded
                    ? text(language, "已撤销 \(entry)（撤销单 \(id)），冲正退费 \(report.reversals.count) 笔，共 \(total.formatted()) 元",
                           "undid \(entry) (undo \(id)): \(report.reversals.count) refunds reversed, \(total.formatted()) in all")
                    : text(language, "撤销单 \(id) 已登记过，未改动", "undo \(id) was already recorded; nothing changed")
            })
    }

    static func expense(_ ledger: Ledger) -> RecordForm {
        var pools: [(value: String, label: LocalizedText)] = ledger.rules.split.pools.map {
            ($0.id, LocalizedText(zh: $0.name, en: $0.name + " (\($0.id))"))
        }
        pools.append(("subsidies", LocalizedText(zh: "课时补贴（预算）", en: "subsidies (budget)")))
        pools.append(("outside", LocalizedText(zh: "校外机构费用（预算）", en: "outside institutions (budget)")))
        return RecordForm(
            name: "expense", title: LocalizedText(zh: "登记支出", en: "Record an expense"),
            fields: [
                field("id", "支出编号", "Expense id"), field("pool", "经费项目", "Pool", .choice(pools)),
                field("amount", "金额（元）", "Amount", .amount), field("date", "支付日期", "Date paid", .date),
                field("payee", "收款方", "Payee"), field("note", "用途", "What for", .note, required: false),
            ],
            fieldOfCode: [.unknownReference: "pool", .spendingCeiling: "amount", .conflict: "id", .badInput: "amount"],
            record: { v, by, language in
                let money = try v.amount("amount")
                let id = try v.text("id")
                let out = try ledger.recordExpense(
                    ExpenseFact(expenseId: id, line: SpendingLine(parsing: try v.text("pool")), amount: money, date: try v.date("date"),
                                payee: try v.text("payee"), note: v.form.text("note")), by: by)
                let left = out.poolLeft.map { text(language, "，该资金池还可支出 \($0.formatted()) 元", "; the pool has \($0.formatted()) left") } ?? ""
                return out.outcome == .recorded
                    ? text(language, "已登记支出 \(id)：\(money.formatted()) 元", "recorded expense \(id): \(money.formatted())") + left
                    : text(language, "支出 \(id) 已登记过，内容相同，未重复记账", "expense \(id) was already recorded; nothing changed")
            })
    }

    static func correction(_ ledger: Ledger) -> RecordForm {
        RecordForm(
            name: "correction", title: LocalizedText(zh: "冲销错账", en: "Reverse a mistaken entry"),
            fields: [
                field("entry", "要冲正的收据号、退费编号或支出编号", "Receipt, refund or expense to reverse"),
                field("id", "冲正单编号", "Correction id"), field("note", "原因", "Why", .note),
            ],
            fieldOfCode: [.unknownReference: "entry", .conflict: "id", .usage: "entry", .refundRefused: "entry"],
            record: { v, by, language in
                let entry = try v.text("entry")
                let id = try v.text("id")
                let outcome = try ledger.reverse(entryId: entry, correctionId: id, note: try v.text("note"), by: by)
                return outcome == .recorded
                    ? text(language, "已冲销 \(entry)（冲销单 \(id)）", "reversed \(entry) (correction \(id))")
                    : text(language, "冲销单 \(id) 已登记过，未改动", "correction \(id) was already recorded; nothing changed")
            })
    }

    /// A student's name, grade, class or category corrected with its reason (`tuoguan edit student`): the fields
    /// that differ from the ledger's are the edit, the history keeps old, new, who, when and why.
    static func studentEdit(_ ledger: Ledger) -> RecordForm {
        var categories: [(value: String, label: LocalizedText)] = [("none", LocalizedText(zh: "无", en: "none"))]
        categories += ledger.rules.categories.values.sorted { $0.id < $1.id }.map { ($0.id, LocalizedText(zh: $0.name, en: $0.name)) }
        return RecordForm(
            name: "student", title: LocalizedText(zh: "更正学生信息", en: "Correct a student"),
            fields: [
                field("student", "学号", "Student id"), field("name", "姓名", "Name"), field("grade", "年级", "Grade", .number),
                field("class", "班级", "Class"), field("category", "类别", "Category", .choice(categories)),
                field("note", "原因（记入改动记录）", "Why (kept in the history)", .note),
            ],
            fieldOfCode: [.unknownReference: "student", .refundRefused: "category", .conflict: "category"],
            record: { v, by, language in
                let id = try v.text("student")
                guard let current = try ledger.termFacts(forStudent: id)?.students.first(where: { $0.id == id }) else {
                    throw TuoguanError(.unknownReference, zh: "账本中没有学号为 \(id) 的学生", en: "no student \(id) in the ledger",
                                       at: SourceLocation(key: "--student"))
                }
                let name = try v.text("name")
                let grade = try v.number("grade") ?? current.grade
                let className = try v.text("class")
                let category: String? = v.form.text("category") == "none" ? nil : v.optional("category")
                let edit = StudentEdit(
                    name: name == current.name ? nil : name, grade: grade == current.grade ? nil : grade,
                    className: className == current.className ? nil : className,
                    category: category == current.category ? nil : .some(category))
                let changes = try ledger.editStudent(id, edit, note: try v.text("note"), by: by)
                return changes.isEmpty
                    ? text(language, "\(id) 没有改动", "\(id): nothing changed")
                    : text(language, "已更正 \(id)：", "corrected \(id): ") + changes.map { $0.fieldLabel(language) }.joined(separator: language == .zh ? "、" : ", ")
            })
    }

    static func text(_ language: Language, _ zh: String, _ en: String) -> String { language == .zh ? zh : en }
}
