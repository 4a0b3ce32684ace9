import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// The whole file. Returns nil when any problem was reported (see ``problems``).
    func decodePlan(_ root: TOMLTable) -> PlanRules? {
        // A file for a newer format may use keys this code does not know: say only that.
        guard checkSchema(root) else { return nil }
        checkKeys(root, "", known: RulesVocabulary.topLevel)

        let school = string(root, "", "school", required: "school = \"某小学\"")
        let planName = string(root, "", "plan") ?? ""
        let term = string(root, "", "term", required: "term = \"2024-autumn\"")
        let starts = date(root, "", "starts", required: "starts = 2024-09-02")
        var ends = date(root, "", "ends", required: "ends = 2025-01-17")
        if let s = starts, let e = ends, e < s {
            report(
                at: "ends", zh: "学期结束日期（\(e)）早于开始日期（\(s)）",
                en: "the term ends (\(e)) before it starts (\(s))",
                fix: LocalizedText(zh: "检查 `starts` 和 `ends` 是否写反", en: "check that `starts` and `ends` are not swapped"))
            ends = nil
        }
        let term_ = (starts, ends)
        let lessonMinutes = int(root, "", "lesson_minutes", range: 1...240) ?? 40
        let collector: Collector? = choice(root, "", "collector", default: .parentsCommittee)
        let rounding: RoundingRule? = choice(root, "", "rounding", default: .halfUp)
        let weekdays = serviceWeekdays(root) ?? [1, 2, 3, 4, 5]
        var follows: [CivilDate: Int] = [:]
        let makeUpDays = makeUpDays(root, term: term_, weekdays: weekdays, follows: &follows)
        let noService = noServiceDays(root, term: term_, weekdays: weekdays, makeUpDays: makeUpDays)

        let points = points(root)
        let policies = policies(root, duties: points)
        let categories = categories(root, policyIds: (root["policies"]?.table?.keys ?? []).sorted())
        checkWaiversHaveEffect(root, categories: categories, policies: policies)
        let hasFees = policies.values.contains { $0.billing != .free }
        let split = split(root, hasFees: hasFees, points: points)
        let limits = limits(root)
        let timetable = timetable(root)
        let disclosure = disclosure(root)
        let printing = printing(root)
        let publication = publication(root, term: term_)
        let banks = banks(root)
        let year = yearRules(root)

        guard problems.isEmpty, let school, let term, let starts, let ends, let collector, let rounding,
            let disclosure
        else { return nil }
        var rules = PlanRules(
            schema: PlanRules.currentSchema, school: school, term: term, planName: planName, starts: starts,
            ends: ends, lessonMinutes: lessonMinutes, collector: collector, rounding: rounding,
            serviceWeekdays: weekdays, noServiceDays: noService, makeUpDays: makeUpDays, categories: categories,
            policies: policies, split: split, points: points, limits: limits, timetable: timetable,
            disclosure: disclosure)
        rules.printing = printing
        rules.publication = publication
        rules.makeUpFollows = follows
        rules.banks = banks
        rules.year = year
        return rules
    }

    /// Reports a missing, bad or newer `schema`; false when the file is for a newer tuoguan.
    func checkSchema(_ root: TOMLTable) -> Bool {
        let current = PlanRules.currentSchema
        guard let value = root["schema"] else {
            report(
                .rulesSchema, at: "schema", onValue: false,
                zh: "缺少 `schema`：规则文件须写明所用的格式版本",
                en: "missing `schema`: a rules file says which version of the format it is written in",
                fix: LocalizedText(zh: "在文件开头加上一行 `schema = \(current)`", en: "add a line `schema = \(current)` at the top of the file"))
            return true
        }
        guard let n = value.int, n >= 1 else {
            report(
                .rulesSchema, at: "schema", zh: "`schema` 应为正整数（当前为 \(current)）",
                en: "`schema` must be a whole number from 1 (the current one is \(current))",
                fix: LocalizedText(zh: "写成 `schema = \(current)`", en: "write `schema = \(current)`"))
            return true
        }
        if n > current {
            report(
                .rulesSchema, at: "schema",
                zh: "这个文件需要更新版本的 tuoguan：它的格式版本是 schema \(n)，本程序只能读 schema \(current)",
                en: "this file needs a newer tuoguan: it is written for schema \(n), this tuoguan reads schema \(current)",
                fix: LocalizedText(
                    zh: "升级 tuoguan，或按 schema \(current) 的格式（见 rules/README.md）改写此文件",
                    en: "update tuoguan, or rewrite the file in the schema \(current) format (see rules/README.md)"))
            return false
        }
        return true
    }

    func serviceWeekdays(_ root: TOMLTable) -> Set<Int>? {
        guard let array = array(root, "", "service_weekdays") else { return nil }
        var days = Set<Int>()
        for (i, element) in array.enumerated() {
            guard let d = int(element, at: "service_weekdays[\(i)]", range: 1...7) else { continue }
            if !days.insert(d).inserted {
                report(
                    at: "service_weekdays[\(i)]", zh: "星期 \(d) 重复", en: "weekday \(d) is listed twice",
                    fix: LocalizedText(zh: "删去重复的一个", en: "remove the duplicate"))
            }
        }
        if array.isEmpty {
            report(
                at: "service_weekdays", zh: "`service_weekdays` 为空：一周没有一天有服务",
                en: "`service_weekdays` is empty: no day of the week has service",
                fix: LocalizedText(zh: "写成 [1, 2, 3, 4, 5]（1 = 周一）", en: "write [1, 2, 3, 4, 5] (1 = Monday)"))
            return nil
        }
        return days
    }

    /// `make_up_days = [2024-09-14, { date = 2024-09-29, follows = 5 }]`: a bare date keeps its own weekday's
    /// timetable; `follows` names the weekday (ISO, a service weekday) whose timetable the day takes. The
    /// `follows` of each day go to `makeUpFollows`.
    func makeUpDays(
        _ root: TOMLTable, term: (CivilDate?, CivilDate?), weekdays: Set<Int>, follows: inout [CivilDate: Int]
    ) -> [CivilDate] {
        guard let array = array(root, "", "make_up_days") else { return [] }
        var days: [CivilDate] = []
        for (i, element) in array.enumerated() {
            let path = "make_up_days[\(i)]"
            var weekday: Int?
            let day: CivilDate?
            if let t = element.table {
                checkKeys(t, path, known: RulesVocabulary.makeUpDay)
                day = date(t, path, "date", required: "date = 2024-09-14")
                weekday = int(t, path, "follows", range: 1...7)
                if let w = weekday, !weekdays.contains(w) {
                    report(
                        at: TOMLKeyLocator.join(path, "follows"), zh: "`follows` 为 \(w)，但星期 \(w) 不在 service_weekdays 中",
                        en: "`follows` is \(w), but ISO weekday \(w) is not in service_weekdays",
                        fix: LocalizedText(
                            zh: "写这一天按哪个上课日的课表上课（1 = 周一 … 5 = 周五）",
                            en: "write the service weekday whose timetable the day follows (1 = Monday … 5 = Friday)"))
                    weekday = nil
                }
            } else {
                day = date(element, at: path)
            }
            guard let d = day else { continue }
            if !checkInsideTerm(d, d, term: term, at: path, what: LocalizedText(zh: "调休上课日", en: "make-up day")) {
                continue
            }
            if weekdays.contains(d.weekday) {
                report(
                    at: path, zh: "调休上课日 \(d) 是星期 \(d.weekday)，本来就有服务",
                    en: "make-up day \(d) is a weekday with service already (ISO weekday \(d.weekday))",
                    fix: LocalizedText(
                        zh: "调休上课日是改为上课的周末（如 2024-09-29），检查日期",
                        en: "a make-up day is a weekend day made a school day (like 2024-09-29); check the date"))
                continue
            }
            if days.contains(d) {
                report(at: path, zh: "调休上课日 \(d) 重复", en: "make-up day \(d) is listed twice",
                       fix: LocalizedText(zh: "删去重复的一个", en: "remove the duplicate"))
                continue
            }
            days.append(d)
            if let weekday { follows[d] = weekday }
        }
        return days.sorted()
    }

    /// `no_service = [{ date = …, reason = … }, { from = …, to = …, reason = … }]` (or `[[no_service]]`).
    /// A range keeps only the days that would have had service (weekend days in it are left out).
    func noServiceDays(
        _ root: TOMLTable, term: (CivilDate?, CivilDate?), weekdays: Set<Int>, makeUpDays: [CivilDate]
    ) -> [NoServiceDay] {
        var days: [NoServiceDay] = []
        var listed: Set<CivilDate> = []
        let makeUp = Set(makeUpDays)
        for (t, path) in tables(root, "", "no_service") {
            checkKeys(t, path, known: RulesVocabulary.noServiceDay)
            let reason = string(t, path, "reason", required: "reason = \"国庆节\"")
            let single = has(t, "date")
            let ranged = has(t, "from") || has(t, "to")
            var first: CivilDate?
            var last: CivilDate?
            if single && ranged {
                report(
                    at: TOMLKeyLocator.join(path, "date"), onValue: false,
                    zh: "停课日要么写 `date`，要么写 `from` 和 `to`，不能同时写",
                    en: "a no-service entry has either `date` or `from` and `to`, not both",
                    fix: LocalizedText(zh: "删去其中一种写法", en: "keep one of the two forms"))
                continue
            } else if ranged {
                first = date(t, path, "from", required: "from = 2024-10-01")
                last = date(t, path, "to", required: "to = 2024-10-07")
                if let f = first, let l = last, l < f {
                    report(
                        at: TOMLKeyLocator.join(path, "to"), zh: "停课时段结束（\(l)）早于开始（\(f)）",
                        en: "the no-service range ends (\(l)) before it starts (\(f))",
                        fix: LocalizedText(zh: "检查 `from` 和 `to` 是否写反", en: "check that `from` and `to` are not swapped"))
                    continue
                }
            } else {
                first = date(t, path, "date", required: "date = 2024-10-01")
                last = first
            }
            guard let f = first, let l = last, let reason else { continue }
            let label = LocalizedText(zh: "停课日", en: "no-service day")
            let atKey = TOMLKeyLocator.join(path, ranged ? "from" : "date")
            guard checkInsideTerm(f, l, term: term, at: atKey, what: label) else { continue }
            // Without a term (already reported) a range is not walked: `from = 0001-01-01` would take minutes.
            guard term.0 != nil, term.1 != nil else { continue }
            var d = f
            while d <= l {
                if makeUp.contains(d) {
                    report(
                        at: atKey, zh: "\(d) 既是调休上课日又是停课日", en: "\(d) is both a make-up day and a no-service day",
                        fix: LocalizedText(zh: "从 make_up_days 或 no_service 中删去它", en: "remove it from make_up_days or from no_service"))
                } else if (f == l || weekdays.contains(d.weekday)) && !listed.contains(d) {
                    listed.insert(d)
                    days.append(NoServiceDay(date: d, reason: reason))
                }
                d = d.adding(days: 1)
            }
        }
        return days.sorted { $0.date < $1.date }
    }

    /// Reports a day (or range) outside `starts … ends`; true when inside (or when the term is unknown).
    func checkInsideTerm(
        _ first: CivilDate, _ last: CivilDate, term: (CivilDate?, CivilDate?), at path: String, what: LocalizedText
    ) -> Bool {
        guard let starts = term.0, let ends = term.1 else { return true }
        if first >= starts && last <= ends { return true }
        let days = first == last ? "\(first)" : "\(first) … \(last)"
        report(
            at: path, zh: "\(what.zh) \(days) 不在学期内（\(starts) 至 \(ends)）",
            en: "\(what.en) \(days) is outside the term (\(starts) … \(ends))",
            fix: LocalizedText(zh: "检查日期，或检查 `starts` 和 `ends`", en: "check the date, or `starts` and `ends`"))
        return false
    }

    func disclosure(_ root: TOMLTable) -> DisclosurePrivacy? {
        guard let t = table(root, "", "disclosure") else { return .maskedNames }
        checkKeys(t, "disclosure", known: RulesVocabulary.disclosure)
        return choice(t, "disclosure", "names", default: .maskedNames)
    }
}
