import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// `[points]`: workload points per duty kind (`supervision = 50`).
    func points(_ root: TOMLTable) -> [String: Int64] {
        guard let t = table(root, "", "points") else { return [:] }
        var points: [String: Int64] = [:]
        for key in t.keys.sorted() {
            let path = "points." + key
            guard checkIdentifier(key, at: path), let value = t[key],
                let n = int(value, at: path, range: 0...1_000_000)
            else { continue }
            points[key] = Int64(n)
        }
        return points
    }

    /// `[policies.<id>]`, at least one.
    func policies(_ root: TOMLTable, duties: [String: Int64]) -> [String: Policy] {
        guard has(root, "policies") else {
            reportMissing("policies", in: "", example: "[policies.basic]")
            return [:]
        }
        guard let t = table(root, "", "policies") else { return [:] }
        if t.isEmpty {
            report(
                at: "policies", onValue: false, zh: "[policies] 里没有任何收费项目", en: "[policies] has no policy",
                fix: LocalizedText(zh: "至少写一个，如 [policies.basic]", en: "write at least one, like [policies.basic]"))
        }
        var policies: [String: Policy] = [:]
        for id in t.keys.sorted() {
            let path = "policies." + id
            guard checkIdentifier(id, at: path) else { continue }
            guard let pt = table(t, "policies", id) else { continue }
            if let policy = policy(pt, id: id, path: path, duties: duties) { policies[id] = policy }
        }
        return policies
    }

    func policy(_ t: TOMLTable, id: String, path: String, duties: [String: Int64]) -> Policy? {
        checkKeys(t, path, known: RulesVocabulary.policy)
        let name = string(t, path, "name", required: "name = \"拓展课程\"")
        let billing: Billing? = choice(t, path, "billing", default: nil, required: "billing = \"per_lesson\"")
        let price = policyPrice(t, path, billing: billing)
        let months = policyMonths(t, path, billing: billing)
        let prepay: Prepay? = choice(t, path, "prepay", default: Prepay.none)
        let settle: Settlement? = choice(t, path, "settle", default: Settlement.none)
        let use: UseRule? = choice(t, path, "use", default: .present)
        let refund = refundRules(t, path)
        let lateStart: LateStartRule? = choice(t, path, "late_start", default: nil)
        if let billing { checkKeysHaveEffect(t, path: path, billing: billing, settle: settle) }
        let (minEnrollment, capacity) = policyGroupSize(t, path)
        let duty = policyDuty(t, id: id, path: path, duties: duties)
        let subsidy = amount(t, path, "subsidy_per_student_hour")
        let (outside, outsidePay) = policyOutside(t, path)

        guard let name, let billing, let price, let prepay, let settle, let use, let refund else { return nil }
        return Policy(
            id: id, name: name, billing: billing, price: price, months: months ?? 0, prepay: prepay, settle: settle,
            use: use, refund: refund, minEnrollment: minEnrollment, capacity: capacity, duty: duty,
            subsidyPerStudentHour: subsidy, outsidePayPerLesson: outsidePay, outsideInstitution: outside,
            lateStart: lateStart)
    }

    /// `price`: required for a charging billing, zero (or absent) for a free one.
    func policyPrice(_ t: TOMLTable, _ path: String, billing: Billing?) -> Money? {
        let price = amount(t, path, "price")
        if billing == .free {
            if let p = price, !p.isZero {
                report(
                    at: path + ".price", zh: "免费项目（billing = \"free\"）不能有价格（\(p)）",
                    en: "a free policy (billing = \"free\") has no price, but `price` is \(p)",
                    fix: LocalizedText(zh: "删去 price，或改用收费的 billing", en: "remove `price`, or choose a charging billing"))
            }
            return .zero
        }
        if billing != nil && !has(t, "price") {
            reportMissing("price", in: path, example: "price = \"20.00\"")
        }
        return price
    }

    /// `months`: required by monthly billing, refused with any other.
    func policyMonths(_ t: TOMLTable, _ path: String, billing: Billing?) -> Int? {
        let months = int(t, path, "months", range: 1...12)
        if billing == .monthly && !has(t, "months") {
            report(
                at: path + ".months", onValue: false,
                zh: "按月收费（billing = \"monthly\"）须写 `months`：本学期收几个月",
                en: "monthly billing needs `months`: how many months the term bills",
                fix: LocalizedText(zh: "加上一行，如 `months = 4`", en: "add a line like `months = 4`"))
        } else if let billing, billing != .monthly, has(t, "months") {
            report(
                at: path + ".months", onValue: false,
                zh: "`months` 只用于按月收费（billing = \"monthly\"），此项目为 \(billing.rawValue)",
                en: "`months` is only for billing = \"monthly\", and this policy is \(billing.rawValue)",
                fix: LocalizedText(zh: "删去 `months`", en: "remove `months`"))
        }
        return months
    }

    /// `min_enrollment` and `capacity`, the first no more than the second.
    func policyGroupSize(_ t: TOMLTable, _ path: String) -> (minEnrollment: Int?, capacity: Int?) {
        let minEnrollment = int(t, path, "min_enrollment", range: 1...10_000)
        let capacity = int(t, path, "capacity", range: 1...10_000)
        if let lo = minEnrollment, let hi = capacity, lo > hi {
            report(
                at: path + ".min_enrollment", zh: "开班人数下限（\(lo)）大于容量（\(hi)）",
                en: "`min_enrollment` (\(lo)) is more than `capacity` (\(hi))",
                fix: LocalizedText(zh: "检查这两个数", en: "check the two numbers"))
        }
        return (minEnrollment, capacity)
    }

    /// `duty`: a key of `[points]`, with the nearest one suggested when it is not.
    func policyDuty(_ t: TOMLTable, id: String, path: String, duties: [String: Int64]) -> String? {
        guard let d = string(t, path, "duty") else { return nil }
        if duties[d] != nil { return d }
        let known = duties.keys.sorted()
        let list = known.isEmpty ? "—" : known.joined(separator: ", ")
        let fix = LocalizedText(
            zh: "职责须是 [points] 中的键（\(list)）；在 [points] 中加上它，或改用其中之一",
            en: "a duty is a key of [points] (\(list)); add it there with its points, or use one of them")
        if let s = RulesVocabulary.nearest(to: d, in: known) {
            report(
                at: path + ".duty", zh: "项目 `\(id)` 的职责 `\(d)` 不存在；是不是想写 `\(s)`？",
                en: "policy `\(id)` names an unknown duty `\(d)`; did you mean `\(s)`?", fix: fix)
        } else {
            report(
                at: path + ".duty", zh: "项目 `\(id)` 的职责 `\(d)` 不存在",
                en: "policy `\(id)` names an unknown duty `\(d)`", fix: fix)
        }
        return nil
    }

    /// `outside_institution` and its `outside_pay_per_lesson`, which only such a policy may have.
    func policyOutside(_ t: TOMLTable, _ path: String) -> (outside: Bool, payPerLesson: Money?) {
        let outsidePay = amount(t, path, "outside_pay_per_lesson")
        let outside = bool(t, path, "outside_institution") ?? false
        if has(t, "outside_pay_per_lesson") && !outside {
            report(
                at: path + ".outside_pay_per_lesson", onValue: false,
                zh: "`outside_pay_per_lesson` 只用于校外机构授课的项目",
                en: "`outside_pay_per_lesson` is only for a policy taught by an outside institution",
                fix: LocalizedText(zh: "加上 `outside_institution = true`，或删去这一行", en: "add `outside_institution = true`, or remove this line"))
        }
        return (outside, outsidePay)
    }

    /// `refund = { personal_leave = "none", cancelled = "full", withdrawal = "remaining_lessons" }`.
    func refundRules(_ t: TOMLTable, _ prefix: String) -> RefundRules? {
        var rules = RefundRules()
        guard has(t, "refund") else { return rules }
        guard let rt = table(t, prefix, "refund") else { return nil }
        let path = prefix + ".refund"
        checkKeys(rt, path, known: RulesVocabulary.refund)
        var ok = true
        func rule(_ key: String) -> RefundRule? {
            guard let value = rt[key] else { return nil }
            let keyPath = path + "." + key
            guard let s = value.string else {
                reportType(keyPath, expected: LocalizedText(zh: "字符串", en: "a string"), found: value.type)
                ok = false
                return nil
            }
            if let r = RefundRule(spelling: s) { return r }
            reportSpelling(
                s, of: "refund rule", zhLabel: "退费规则", at: keyPath,
                accepted: ["none", "full", "remaining_lessons", "per_day", "half_month", "month", "percent:50"],
                acceptedText: "none, full, remaining_lessons, per_day, half_month, month, percent:N (N from 0 to 100)")
            ok = false
            return nil
        }
        if let r = rule("personal_leave") { rules.personalLeave = r }
        if let r = rule("cancelled") { rules.cancelled = r }
        if let r = rule("withdrawal") { rules.withdrawal = r }
        return ok ? rules : nil
    }

    /// `[categories.<id>]`: who is waived from which policies.
    func categories(_ root: TOMLTable, policyIds: [String]) -> [String: StudentCategory] {
        guard let t = table(root, "", "categories") else { return [:] }
        var categories: [String: StudentCategory] = [:]
        for id in t.keys.sorted() {
            let path = "categories." + id
            guard checkIdentifier(id, at: path), let ct = table(t, "categories", id) else { continue }
            checkKeys(ct, path, known: RulesVocabulary.category)
            let name = string(ct, path, "name", required: "name = \"留守儿童\"")
            var waives = Set<String>()
            if let array = array(ct, path, "waives") {
                for (i, element) in array.enumerated() {
                    let elementPath = path + ".waives[\(i)]"
                    guard let p = element.string else {
                        reportType(elementPath, expected: LocalizedText(zh: "字符串（项目编号）", en: "a string (a policy id)"), found: element.type)
                        continue
                    }
                    // An unknown policy is reported only when [policies] itself was readable.
                    if !policyIds.contains(p) && !policyIds.isEmpty {
                        let list = policyIds.joined(separator: ", ")
                        let fix = LocalizedText(zh: "已定义的项目：\(list)", en: "the policies are: \(list)")
                        if let s = RulesVocabulary.nearest(to: p, in: policyIds) {
                            report(
                                at: elementPath, zh: "类别 `\(id)` 免除的项目 `\(p)` 不存在；是不是想写 `\(s)`？",
                                en: "category `\(id)` waives an unknown policy `\(p)`; did you mean `\(s)`?", fix: fix)
                        } else {
                            report(
                                at: elementPath, zh: "类别 `\(id)` 免除的项目 `\(p)` 不存在",
                                en: "category `\(id)` waives an unknown policy `\(p)`", fix: fix)
                        }
                        continue
                    }
                    waives.insert(p)
                }
            }
            let percent = int(ct, path, "waive_percent", range: 0...100) ?? 100
            let priority = bool(ct, path, "priority") ?? true
            if let name {
                categories[id] = StudentCategory(id: id, name: name, waives: waives, waivePercent: percent, priority: priority)
            }
        }
        return categories
    }
}
