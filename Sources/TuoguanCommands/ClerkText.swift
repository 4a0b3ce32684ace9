import Foundation
import TuoguanCore
import TuoguanReports
import TuoguanRules
import TuoguanStore

/// The words `edit`, `find`, `show` and `owed` print, in both languages.
///
/// ```swift
/// let text = ClerkText(language: .zh)
/// text.balance(Money(fen: 2000))   // "应补 20.00 元"
/// ```
struct ClerkText {
    let language: Language

    func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }

    func method(_ m: PaymentMethod?) -> String {
        switch m {
        case .cash?: return t("现金", "cash")
        case .wechat?: return t("微信", "WeChat")
        case .alipay?: return t("支付宝", "Alipay")
        case .bank?: return t("银行转账", "bank transfer")
        case nil: return ""
        }
    }

    func reason(_ r: RefundReason?) -> String {
        switch r {
        case .personalLeave?: return t("个人请假", "personal leave")
        case .cancelled?: return t("学校停课", "cancelled by the school")
        case .withdrawal?: return t("退课", "withdrawal")
        case .settlement?: return t("期末结算", "term-end settlement")
        case nil: return ""
        }
    }

    func teacherKind(_ k: TeacherKind) -> String {
        switch k {
        case .staff: return t("在职教师", "staff")
        case .retired: return t("退休教师", "retired")
        case .outside: return t("校外机构", "outside institution")
        case .volunteer: return t("志愿者", "volunteer")
        }
    }

    /// `应补 20.00 元` / `to pay 20.00`, `应退 …` / `to refund …`, `已结清` / `settled`.
    func balance(_ b: Money) -> String {
        if b.fen > 0 { return t("应补 \(b.formatted()) 元", "to pay \(b.formatted())") }
        if b.fen < 0 { return t("应退 \(Money(fen: -b.fen).formatted()) 元", "to refund \(Money(fen: -b.fen).formatted())") }
        return t("已结清", "settled")
    }

    /// A value of the history for people: nothing as `（空）` / `(none)`, a category by its name.
    func value(_ v: String?, field: String, rules: PlanRules) -> String {
        if field.hasPrefix("attendance ") { return AttendanceChange.word(v, language) }
        guard let v, !v.isEmpty else { return t("（空）", "(none)") }
        if field == "category", let c = rules.categories[v] { return "\(c.name)（\(v)）" }
        if field == "kind", let k = TeacherKind(rawValue: v) { return teacherKind(k) }
        return v
    }

    /// A recording time (UTC) in the school's time zone: `2024年10月8日 17:30` / `2024-10-08 17:30`.
    func time(_ stamp: String, rules: PlanRules) -> String {
        PrintText.time(utc: stamp, timeZone: rules.printing.timeZone, language)
    }

    /// `2024年10月8日 17:30 会计：班级 三(2)班 → 三(3)班（原因：转班）`.
    func change(_ c: MasterChange, rules: PlanRules) -> String {
        let what = c.courseId.map { t("\($0) 的", "\($0) ") } ?? ""
        let old = value(c.oldValue, field: c.field, rules: rules)
        let new = value(c.newValue, field: c.field, rules: rules)
        let when = time(c.recordedAt, rules: rules)
        return t(
            "\(when) \(c.recordedBy)：\(what)\(c.fieldLabel(.zh)) \(old) → \(new)（原因：\(c.note)）",
            "\(when) \(c.recordedBy): \(what)\(c.fieldLabel(.en)) \(old) → \(new) (why: \(c.note))")
    }
}

/// One family's statement, from the same term computation as `statement` and `explain` (the student's own
/// facts only); nil if there is no such student.
func familyStatement(_ book: Ledger, _ id: String) throws -> StudentStatement? {
    guard let facts = try book.termFacts(forStudent: id) else { return nil }
    return try TermComputation.compute(rules: book.rules, facts: facts).students.first { $0.student.id == id }
}

/// `unknown-reference` for an id `show` was given: `账本中没有学号为 S9 的学生` / `no student S9 in the ledger`.
func unknownId(_ zhKey: String, _ zhNoun: String, _ en: String, _ id: String) -> TuoguanError {
    TuoguanError(
        .unknownReference, zh: "账本中没有\(zhKey)为 \(id) 的\(zhNoun)", en: "no \(en) \(id) in the ledger",
        fix: LocalizedText(zh: "检查编号，或用 tuoguan find 按姓名查找", en: "check the id, or look it up by name with tuoguan find"),
        excerpt: id)
}
