import GRDB
import TuoguanCore

extension Ledger {
    /// Why `change` cannot be applied to this ledger (nil: it can), naming the key and what to do instead.
    func refusal(of change: RulesChange, today: CivilDate, reader: LedgerReader) throws -> TuoguanError? {
        let at = SourceLocation(key: change.key)
        let shown = "\(change.old ?? "—") → \(change.new ?? "—")"
        switch change.reach {
        case .wording:
            return nil
        case .fixed:
            return TuoguanError(
                .conflict, zh: "这是账本自己的学期编号或格式，不能改", en: "this is the ledger's own term id or format and cannot change",
                fix: LocalizedText(
                    zh: "新学期用新账本：tuoguan init --rules 文件 --db 新账本.sqlite；本账本保留原值",
                    en: "a new term is a new ledger: tuoguan init --rules FILE --db new.sqlite; keep the old value here"),
                at: at, excerpt: shown)
        case .term:
            let recorded = try reader.recordsOfTheTerm()
            guard recorded > 0 else { return nil }
            return TuoguanError(
                .conflict,
                zh: "这一项决定整个学期的天数和计价，账本已登记 \(recorded) 笔课次、缴退费或事件，改了会重算已登记的钱",
                en: "this key sets the term's days and pricing, and the ledger holds \(recorded) sessions, payments, refunds or events: changing it would re-price recorded money",
                fix: LocalizedText(
                    zh: "本学期保留原值（在规则文件中改回 \(change.old ?? "原样")）；下学期新建账本时再用新值",
                    en: "keep the old value this term (write \(change.old ?? "it as it was") back in the file); use the new one in next term's ledger"),
                at: at, excerpt: shown)
        case .policy(let id):
            return try policyRefusal(change, id: id, at: at, shown: shown, reader: reader)
        case .category(let id):
            return try categoryRefusal(change, id: id, at: at, shown: shown, reader: reader)
        case .split:
            let spent = try reader.expenseCount()
            guard spent > 0 else { return nil }
            return TuoguanError(
                .conflict,
                zh: "这一项决定经费怎样分入各项，已登记 \(spent) 笔支出是按原来的分配支出的",
                en: "this key decides how the fee income is split, and \(spent) expenses were recorded against the split in force",
                fix: LocalizedText(
                    zh: "本学期保留原分配；确要改的，先用 tuoguan correct --entry 支出编号 --id 新编号 --note 原因 冲正全部支出，更新规则后再登记",
                    en: "keep the split this term; if it must change, reverse every expense first (tuoguan correct --entry EXPENSE --id NEW-ID --note WHY), update the rules, then record them again"),
                at: at, excerpt: shown)
        case .day(let date):
            return try dayRefusal(change, date: date, today: today, at: at, shown: shown, reader: reader)
        }
    }

    func policyRefusal(_ change: RulesChange, id: String, at: SourceLocation, shown: String, reader: LedgerReader) throws
        -> TuoguanError?
    {
        let courses = try reader.courses(ofPolicy: id)
        guard !courses.isEmpty else { return nil }
        let list = courses.prefix(5).joined(separator: ", ") + (courses.count > 5 ? " …" : "")
        if change.new == nil && change.key.hasSuffix(".billing") {
            return TuoguanError(
                .conflict, zh: "收费政策 \(id) 被删除，但课程 \(list) 仍用它", en: "policy \(id) is removed but courses \(list) still use it",
                fix: LocalizedText(
                    zh: "先把课程改到别的政策（tuoguan edit course 课程编号 --policy 新政策 --note 原因），或在文件中保留 [policies.\(id)]",
                    en: "move the courses to another policy first (tuoguan edit course ID --policy NEW --note WHY), or keep [policies.\(id)] in the file"),
                at: at, excerpt: shown)
        }
        let (sessions, entries) = try reader.recordsOfPolicy(id)
        guard sessions + entries > 0 else { return nil }
        return TuoguanError(
            .conflict,
            zh: "会重算已登记的钱：政策 \(id) 的课程（\(list)）已有 \(sessions) 节课次、其学生已有 \(entries) 笔缴费或退费",
            en: "it would re-price recorded money: the courses of policy \(id) (\(list)) have \(sessions) sessions and their students \(entries) payments or refunds",
            fix: LocalizedText(
                zh: "本学期保留原值；新的收费写成一个新政策（如 [policies.\(id)2]），用 tuoguan edit course 课程编号 --policy \(id)2 --note 原因 移过尚无记录的课程；或下学期新建账本时再用新值",
                en: "keep the old value this term; write the new terms as a new policy (e.g. [policies.\(id)2]) and move courses with nothing recorded with tuoguan edit course ID --policy \(id)2 --note WHY; or use it in next term's ledger"),
            at: at, excerpt: shown)
    }

    func categoryRefusal(_ change: RulesChange, id: String, at: SourceLocation, shown: String, reader: LedgerReader) throws
        -> TuoguanError?
    {
        let (students, entries) = try reader.recordsOfCategory(id)
        guard students > 0 else { return nil }
        if change.new == nil && change.key.hasSuffix(".name") {
            return TuoguanError(
                .conflict, zh: "类别 \(id) 被删除，但有 \(students) 名学生属于它", en: "category \(id) is removed but \(students) students have it",
                fix: LocalizedText(
                    zh: "先改这些学生的类别（tuoguan edit student 学号 --category 新类别 --note 原因），或在文件中保留 [categories.\(id)]",
                    en: "change those students' category first (tuoguan edit student ID --category NEW --note WHY), or keep [categories.\(id)] in the file"),
                at: at, excerpt: shown)
        }
        guard entries > 0 else { return nil }
        return TuoguanError(
            .conflict,
            zh: "会重算已登记的钱：类别 \(id) 的 \(students) 名学生已有 \(entries) 笔缴费或退费",
            en: "it would re-price recorded money: the \(students) students of category \(id) have \(entries) payments or refunds",
            fix: LocalizedText(
                zh: "本学期保留原值；新的减免写成一个新类别，再逐个 tuoguan edit student 学号 --category 新类别 --note 原因（edit 会核对已退的钱）",
                en: "keep the old value this term; write the new waiver as a new category and move students with tuoguan edit student ID --category NEW --note WHY (edit checks what was refunded)"),
            at: at, excerpt: shown)
    }

    func dayRefusal(
        _ change: RulesChange, date: CivilDate, today: CivilDate, at: SourceLocation, shown: String, reader: LedgerReader
    ) throws -> TuoguanError? {
        // A session of the timetable still to come with nothing recorded (`scheduled`) is not a record: the
        // timetable is made again under the new days (``updateRules``).
        let last = try reader.lastRecordedDay()
        let ahead = date > today && last.map { date > $0 } ?? true
        guard !ahead else { return nil }
        let why =
            date <= today
            ? LocalizedText(zh: "\(date) 已经过去（今天 \(today)）", en: "\(date) has passed (today is \(today))")
            : LocalizedText(
                zh: "账本已登记到 \(last.map(\.description) ?? "")（课次、退课或停课），\(date) 不在其后",
                en: "the ledger has sessions, withdrawals or cancellations up to \(last.map(\.description) ?? ""), and \(date) is not after them")
        let adding = change.new != nil
        return TuoguanError(
            .conflict,
            zh: "\(why.zh)；只有将来的停课日、补课日可以改",
            en: "\(why.en); only days still ahead can change",
            fix: LocalizedText(
                zh: adding && change.key.hasPrefix("no_service")
                    ? "这一天停课请用 tuoguan cancel --date \(date) --reason 原因 --note 说明 登记（按政策退费）；文件中去掉这一天"
                    : "这一天已发生的课次按实际登记（import sessions / cancel）；文件中把这一天改回原样",
                en: adding && change.key.hasPrefix("no_service")
                    ? "record the day with tuoguan cancel --date \(date) --reason WHY --note NOTE (refunds by policy); leave the day out of the file"
                    : "record what happened that day as it happened (import sessions / cancel); write the day back as it was"),
            at: at, excerpt: shown)
    }
}
