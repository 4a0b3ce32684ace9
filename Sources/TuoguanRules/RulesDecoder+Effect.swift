import TOMLKit
import TuoguanCore

/// No key of a policy is silently ignored: a key (or a refund rule's value) that would have no effect for
/// the policy's billing is refused, at its line, with the reason.
extension RulesDecoder {
    /// Refuses what the charge of a `billing` policy would not read (documented in `rules/README.md`):
    /// - `free`: `prepay`, `settle`, `use`, `refund`, `late_start` (nothing is charged);
    /// - `monthly`, `per_term`: `settle`, `use` (the fee is not counted by use);
    /// - `per_lesson`, `per_student_hour`: `late_start` (lessons are counted from the enrolment's first day);
    ///   `use` without `settle = "actual_use"`; `refund.withdrawal` by `per_day`, `half_month` or `month`
    ///   (a withdrawal gives back lessons);
    /// - every billing: `refund.personal_leave` other than `none`, `full`, `percent:N` (leave is counted in
    ///   lessons), `refund.cancelled` other than `none` or `full` (cancelled lessons go back wholly or not).
    ///
    /// ```swift
    /// // [policies.basic] billing = "monthly", settle = "actual_use"
    /// // → xiwei.toml:12:1 (policies.basic.settle): `settle` has no effect on a monthly policy …
    /// ```
    func checkKeysHaveEffect(_ t: TOMLTable, path: String, billing: Billing, settle: Settlement?) {
        let kind = Self.billingName(billing)
        func refuse(_ key: String, zh: String, en: String) {
            guard has(t, key) else { return }
            report(
                at: path + "." + key, onValue: false, zh: "\(kind.zh)项目中 `\(key)` 不起作用：\(zh)",
                en: "`\(key)` has no effect on a \(kind.en) policy: \(en)",
                fix: LocalizedText(zh: "删去 `\(key)`", en: "remove `\(key)`"))
        }
        switch billing {
        case .free:
            for key in ["prepay", "settle", "use", "refund", "late_start"] {
                refuse(key, zh: "免费项目不收费", en: "nothing is charged")
            }
            return
        case .monthly, .perTerm:
            refuse("settle", zh: "费用按月或按学期计，不按使用量结算", en: "the fee is by the month or the term, not by use")
            refuse("use", zh: "费用按月或按学期计，不按使用量结算", en: "the fee is by the month or the term, not by use")
        case .perLesson, .perStudentHour:
            refuse(
                "late_start", zh: "课时从报名首日起计算，晚报名本已少收",
                en: "lessons are counted from the enrolment's first day, so a late start already pays less")
            if settle != .actualUse {
                refuse(
                    "use", zh: "`use` 只在 `settle = \"actual_use\"`（按实结算）时决定什么算“使用”",
                    en: "`use` only says what counts as used with `settle = \"actual_use\"`")
            }
        }
        checkRefundValuesHaveEffect(t, path: path, billing: billing, kind: kind)
    }

    /// The refund rules' values the charge would read as another one.
    func checkRefundValuesHaveEffect(_ t: TOMLTable, path: String, billing: Billing, kind: LocalizedText) {
        guard let rt = t["refund"]?.table else { return }
        func refuse(_ key: String, allowed: [String], zh: String, en: String) {
            guard let s = rt[key]?.string, let rule = RefundRule(spelling: s) else { return }
            let spelling = rule.spelling.hasPrefix("percent:") ? "percent:N" : rule.spelling
            guard !allowed.contains(spelling) else { return }
            let list = allowed.joined(separator: ", ")
            report(
                at: path + ".refund." + key, zh: "\(kind.zh)项目中 `\(key) = \"\(s)\"` 不起作用：\(zh)",
                en: "`\(key) = \"\(s)\"` has no effect on a \(kind.en) policy: \(en)",
                fix: LocalizedText(zh: "改用 \(list) 之一", en: "use one of \(list)"))
        }
        refuse(
            "personal_leave", allowed: ["none", "full", "percent:N"], zh: "请假按课时计，退全部、不退或退一定比例",
            en: "leave is counted in lessons, refunded wholly, not at all, or by a percentage")
        refuse(
            "cancelled", allowed: ["none", "full"], zh: "停课的课时要么全部退还，要么不退",
            en: "cancelled lessons are given back wholly or not at all")
        if billing == .perLesson || billing == .perStudentHour {
            refuse(
                "withdrawal", allowed: ["none", "full", "remaining_lessons", "percent:N"],
                zh: "退课退还的是退课后的课时，不按天、半月或月计",
                en: "a withdrawal gives back the lessons after it, not days, half-months or months")
        }
    }

    /// A waiver that would waive nothing: a free policy in `waives`, `waive_percent` without any policy to
    /// waive, or `waive_percent = 0`.
    ///
    /// ```swift
    /// // [categories.left_behind] waives = ["basic"] where basic is free
    /// // → plan.toml:9:11 (categories.left_behind.waives[0]): category `left_behind` waives `basic`, which is free …
    /// ```
    func checkWaiversHaveEffect(_ root: TOMLTable, categories: [String: StudentCategory], policies: [String: Policy]) {
        for id in categories.keys.sorted() {
            guard let category = categories[id], let ct = root["categories"]?.table?[id]?.table else { continue }
            let path = "categories." + id
            let listed = (ct["waives"]?.array.map { Array($0) } ?? []).compactMap { $0.string }
            for (i, p) in listed.enumerated() where policies[p]?.billing == .free {
                report(
                    at: path + ".waives[\(i)]", zh: "类别 `\(id)` 免除的项目 `\(p)` 本就免费，免除不起作用",
                    en: "category `\(id)` waives `\(p)`, which is free: there is nothing to waive",
                    fix: LocalizedText(zh: "从 `waives` 中删去 `\(p)`", en: "remove `\(p)` from `waives`"))
            }
            guard ct["waive_percent"] != nil else { continue }
            if category.waives.isEmpty {
                report(
                    at: path + ".waive_percent", onValue: false, zh: "类别 `\(id)` 没有免除任何项目，`waive_percent` 不起作用",
                    en: "`waive_percent` has no effect: category `\(id)` waives no policy",
                    fix: LocalizedText(
                        zh: "在 `waives` 中写上它免除的项目，或删去 `waive_percent`",
                        en: "list the policies it waives in `waives`, or remove `waive_percent`"))
            } else if category.waivePercent == 0 {
                report(
                    at: path + ".waive_percent", zh: "`waive_percent = 0` 什么也不免除（类别 `\(id)`）",
                    en: "`waive_percent = 0` waives nothing (category `\(id)`)",
                    fix: LocalizedText(
                        zh: "写上免除的比例，或删去 `waives` 和 `waive_percent`",
                        en: "give the share waived, or remove `waives` and `waive_percent`"))
            }
        }
    }

    /// 按课时收费 / per-lesson … as the messages name a billing.
    static func billingName(_ billing: Billing) -> LocalizedText {
        switch billing {
        case .free: return LocalizedText(zh: "免费（free）", en: "free")
        case .perLesson: return LocalizedText(zh: "按课时收费（per_lesson）", en: "per_lesson")
        case .perStudentHour: return LocalizedText(zh: "按生时收费（per_student_hour）", en: "per_student_hour")
        case .monthly: return LocalizedText(zh: "按月收费（monthly）", en: "monthly")
        case .perTerm: return LocalizedText(zh: "按学期收费（per_term）", en: "per_term")
        }
    }
}
