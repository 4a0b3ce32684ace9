import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// `[split]` with `[[split.pools]]` adding up to exactly 100%. Required when any policy charges a fee.
    func split(_ root: TOMLTable, hasFees: Bool, points: [String: Int64]) -> CostShare {
        guard has(root, "split") else {
            if hasFees {
                report(
                    at: "split", onValue: false,
                    zh: "有收费项目，却没有 [split]：本学期的收费收入如何分配",
                    en: "policies with fees need a [split]: how the term's fee income is shared out",
                    fix: LocalizedText(
                        zh: "加上 [split] 和各 [[split.pools]]，合计 100（见 rules/README.md）",
                        en: "add a [split] with [[split.pools]] adding up to 100 (see rules/README.md)"))
            }
            return CostShare(pools: [])
        }
        guard let t = table(root, "", "split") else { return CostShare(pools: []) }
        checkKeys(t, "split", known: RulesVocabulary.split)
        let basis: SplitBasis = choice(t, "split", "basis", default: .earned) ?? .earned
        if !has(t, "pools") {
            reportMissing("pools", in: "split", example: "[[split.pools]]")
            return CostShare(basis: basis, pools: [])
        }
        var pools: [Pool] = []
        var total: Int64 = 0
        var complete = true
        for (pt, path) in tables(t, "split", "pools") {
            checkKeys(pt, path, known: RulesVocabulary.pool)
            let id = string(pt, path, "id", required: "id = \"teacher_workload\"")
            let name = string(pt, path, "name", required: "name = \"辅导教师量化考核\"")
            let sharing: PoolSharing? = choice(pt, path, "shared_by", default: PoolSharing.none)
            var basisPoints: Int64?
            if let value = pt["percent"] {
                basisPoints = percent(value, at: path + ".percent")
            } else {
                reportMissing("percent", in: path, example: "percent = 60")
            }
            if let id {
                if !checkIdentifier(id, at: path + ".id", onValue: true) {
                    complete = false
                } else if pools.contains(where: { $0.id == id }) {
                    report(
                        at: path + ".id", zh: "分配项编号 `\(id)` 重复", en: "pool id `\(id)` is used twice",
                        fix: LocalizedText(zh: "每个分配项用不同的编号", en: "give each pool its own id"))
                } else if SpendingLine.reservedPoolIds.contains(id) {
                    report(
                        at: path + ".id", zh: "分配项编号不能用 `\(id)`：它指预算支出项目（补贴或校外机构费用），不是资金池",
                        en: "pool id `\(id)` is reserved: it names a budget line of spending (subsidies or outside pay), not a pool",
                        fix: LocalizedText(zh: "换一个编号，如 `\(id)_pool`", en: "use another id, like `\(id)_pool`"))
                }
            }
            if sharing == .points && points.isEmpty {
                report(
                    at: path + ".shared_by", zh: "按积分分配（shared_by = \"points\"）须有 [points]",
                    en: "a pool shared by points needs a [points] table",
                    fix: LocalizedText(zh: "加上 [points]，如 supervision = 50", en: "add [points], like supervision = 50"))
            }
            guard let id, let name, let sharing, let basisPoints else {
                complete = false
                continue
            }
            total += basisPoints
            pools.append(Pool(id: id, name: name, basisPoints: basisPoints, sharedBy: sharing))
        }
        if complete && pools.isEmpty {
            report(
                at: "split.pools", zh: "[split] 里没有分配项", en: "[split] has no pools",
                fix: LocalizedText(zh: "加上 [[split.pools]]", en: "add [[split.pools]] tables"))
        } else if complete && total != 10_000 {
            let sum = RulesDecoder.percentText(total)
            let diff = RulesDecoder.percentText(abs(10_000 - total))
            let short = total < 10_000
            report(
                at: "split", onValue: false,
                zh: "分成比例合计 \(sum)%，不是 100%（\(short ? "少" : "多") \(diff)%）",
                en: "the split's pools add up to \(sum)%, not 100% (\(diff)% \(short ? "short" : "over"))",
                fix: LocalizedText(zh: "调整各项 percent，使合计正好为 100", en: "change the percents so that they add up to exactly 100"))
        }
        return CostShare(basis: basis, pools: pools)
    }

    /// A pool's share: an integer (`60`) or a string with at most two decimals (`"12.5"`, `"12.5%"`), in
    /// hundredths of a percent.
    func percent(_ value: TOMLValueConvertible, at path: String) -> Int64? {
        let fix = LocalizedText(
            zh: "写成整数（60）或带引号、最多两位小数的数（\"12.5\"）", en: "write a whole number (60) or a quoted number with at most two decimals (\"12.5\")")
        var basisPoints: Int64
        switch value.type {
        case .int:
            basisPoints = Int64(value.int ?? 0) * 100
        case .string:
            var s = (value.string ?? "").trimmedSpaces()
            if s.hasSuffix("%") { s.removeLast() }
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count <= 2, !parts[0].isEmpty, parts[0].count <= 3, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
                let whole = Int64(parts[0]), whole >= 0,
                parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isNumber)
            else {
                report(at: path, zh: "“\(value.string ?? "")”不是百分数", en: "\"\(value.string ?? "")\" is not a percentage", fix: fix)
                return nil
            }
            var fraction: Int64 = 0
            if parts.count == 2 {
                fraction = Int64(parts[1]) ?? 0
                if parts[1].count == 1 { fraction *= 10 }
            }
            basisPoints = whole * 100 + fraction
        case .double:
            let raw = locator.position(of: path)?.raw ?? (value.double.map { "\($0)" } ?? "")
            report(
                at: path, zh: "`percent` 写成了浮点数 \(raw)，比例须精确",
                en: "`percent` is a floating-point number (\(raw)); shares must be exact",
                fix: LocalizedText(zh: "加上引号：percent = \"\(raw)\"", en: "quote it: percent = \"\(raw)\""))
            return nil
        default:
            reportType(path, expected: LocalizedText(zh: "百分数（60 或 \"12.5\"）", en: "a percentage (60 or \"12.5\")"), found: value.type)
            return nil
        }
        guard basisPoints > 0 && basisPoints <= 10_000 else {
            report(
                at: path, zh: "比例 \(RulesDecoder.percentText(basisPoints))% 不在 0 到 100 之间（不含 0）",
                en: "share \(RulesDecoder.percentText(basisPoints))% is not more than 0 and at most 100", fix: fix)
            return nil
        }
        return basisPoints
    }

    /// 9900 → `99`, 1250 → `12.5`, 5 → `0.05`.
    static func percentText(_ basisPoints: Int64) -> String {
        Pool(id: "", name: "", basisPoints: basisPoints).percentText
    }

    /// `[limits]`.
    func limits(_ root: TOMLTable) -> Limits {
        guard let t = table(root, "", "limits") else { return Limits() }
        checkKeys(t, "limits", known: RulesVocabulary.limits)
        var limits = Limits()
        limits.budgetPerStudentYear = amount(t, "limits", "budget_per_student_year")
        limits.outsideShareMaxPercent = int(t, "limits", "outside_share_max_percent", range: 0...100)
        limits.studentsPerTeacher = int(t, "limits", "students_per_teacher", range: 1...1000)
        if let value = t["group_size"] {
            let path = "limits.group_size"
            if value.type == .int {
                limits.groupSizeMax = int(value, at: path, range: 1...1000)
            } else if let array = value.array {
                let sizes = array.enumerated().compactMap { int($0.element, at: path + "[\($0.offset)]", range: 1...1000) }
                if array.count != 2 {
                    report(
                        at: path, zh: "`group_size` 应写成 [最少, 最多] 两个数", en: "`group_size` is two numbers: [smallest, largest]",
                        fix: LocalizedText(zh: "如 group_size = [25, 30]", en: "like group_size = [25, 30]"))
                } else if sizes.count == 2 {
                    if sizes[0] > sizes[1] {
                        report(
                            at: path, zh: "`group_size` 的最少人数（\(sizes[0])）大于最多人数（\(sizes[1])）",
                            en: "`group_size` has its smallest (\(sizes[0])) above its largest (\(sizes[1]))",
                            fix: LocalizedText(zh: "写成 [最少, 最多]", en: "write [smallest, largest]"))
                    } else {
                        limits.groupSizeMin = sizes[0]
                        limits.groupSizeMax = sizes[1]
                    }
                }
            } else {
                reportType(path, expected: LocalizedText(zh: "整数或 [最少, 最多]", en: "an integer or [smallest, largest]"), found: value.type)
            }
        }
        return limits
    }

    /// `[[timetable]]`: service times per grades and season.
    func timetable(_ root: TOMLTable) -> [TimeSlot] {
        var slots: [TimeSlot] = []
        for (t, path) in tables(root, "", "timetable") {
            checkKeys(t, path, known: RulesVocabulary.timeSlot)
            var grades: ClosedRange<Int>?
            if let value = t["grades"] {
                let gp = path + ".grades"
                if value.type == .int {
                    if let g = int(value, at: gp, range: 1...9) { grades = g...g }
                } else if let array = value.array, (1...2).contains(array.count) {
                    let g = array.enumerated().compactMap { int($0.element, at: gp + "[\($0.offset)]", range: 1...9) }
                    if g.count == array.count {
                        if g[0] > g[g.count - 1] {
                            report(
                                at: gp, zh: "年级范围 [\(g[0]), \(g[g.count - 1])] 写反了", en: "grades [\(g[0]), \(g[g.count - 1])] are backwards",
                                fix: LocalizedText(zh: "写成 [低年级, 高年级]", en: "write [lowest, highest]"))
                        } else {
                            grades = g[0]...g[g.count - 1]
                        }
                    }
                } else {
                    report(
                        at: gp, zh: "`grades` 应为一个年级（3）或范围 [最低, 最高]（[1, 2]）",
                        en: "`grades` is one grade (3) or a range [lowest, highest] ([1, 2])")
                }
            } else {
                reportMissing("grades", in: path, example: "grades = [1, 2]")
            }
            var season = "all"
            if let s = string(t, path, "season") {
                if RulesVocabulary.seasons.contains(s) {
                    season = s
                } else {
                    reportSpelling(s, of: "season", at: path + ".season", accepted: RulesVocabulary.seasons)
                }
            }
            let start = time(t, path, "start", example: "start = \"15:10\"")
            let end = time(t, path, "end", example: "end = \"17:10\"")
            if let s = start, let e = end, e <= s {
                report(
                    at: path + ".end", zh: "结束时间不晚于开始时间", en: "`end` is not after `start`",
                    fix: LocalizedText(zh: "检查时间，用 24 小时制（17:10）", en: "check the times; use the 24-hour clock (17:10)"))
                continue
            }
            if let grades, let start, let end {
                slots.append(TimeSlot(grades: grades, season: season, start: start, end: end))
            }
        }
        return slots
    }

    /// `"15:10"` or a TOML local time `15:10:00`, as minutes after midnight.
    func time(_ t: TOMLTable, _ prefix: String, _ key: String, example: String) -> Int? {
        let path = TOMLKeyLocator.join(prefix, key)
        guard let value = t[key] else {
            reportMissing(key, in: prefix, example: example)
            return nil
        }
        if let tt = value.time { return tt.hour * 60 + tt.minute }
        if let s = value.string {
            let parts = s.trimmedSpaces().split(separator: ":")
            if parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
                (0...23).contains(h), (0...59).contains(m)
            {
                return h * 60 + m
            }
            report(
                at: path, zh: "“\(s)”不是时刻", en: "\"\(s)\" is not a time of day",
                fix: LocalizedText(zh: "写成 \"15:10\"（24 小时制）", en: "write it like \"15:10\" (24-hour clock)"))
            return nil
        }
        reportType(path, expected: LocalizedText(zh: "时刻（如 \"15:10\"）", en: "a time (like \"15:10\")"), found: value.type)
        return nil
    }
}
