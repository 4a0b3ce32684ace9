import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// The disclosure's 公示期 and contact (`[disclosure] from`, `to`, `contact`) and the notices' payment and
    /// refund instructions (`[notices]`). Problems: an end without a start (or the other way), a period that
    /// ends before it starts or starts before the term, an empty text, a deadline before the term starts.
    ///
    /// ```toml
    /// [disclosure]
    /// from = 2025-01-20
    /// to = 2025-01-26
    /// contact = "家委会财经小组 王老师 13800000000"
    /// [notices]
    /// pay_how = "交班主任，或转入家委会账户"
    /// pay_by = 2025-01-24
    /// ```
    func publication(_ root: TOMLTable, term: (CivilDate?, CivilDate?)) -> Publication {
        var out = Publication()
        if let t = root["disclosure"]?.table {
            out.disclosureFrom = date(t, "disclosure", "from")
            out.disclosureTo = date(t, "disclosure", "to")
            out.contact = text(t, "disclosure", "contact", example: "contact = \"家委会财经小组 王老师\"")
            checkPeriod(out.disclosureFrom, out.disclosureTo, written: (has(t, "from"), has(t, "to")), term: term)
        }
        if let t = table(root, "", "notices") {
            checkKeys(t, "notices", known: RulesVocabulary.notices)
            out.payHow = text(t, "notices", "pay_how", example: "pay_how = \"交班主任，或转入家委会账户\"")
            out.payBy = deadline(t, "pay_by", term: term)
            out.collectHow = text(t, "notices", "collect_how", example: "collect_how = \"原路退回缴费账户\"")
            out.collectBy = deadline(t, "collect_by", term: term)
        }
        return out
    }

    /// A string key that, when written, must not be blank.
    private func text(_ table: TOMLTable, _ prefix: String, _ key: String, example: String) -> String? {
        guard has(table, key) else { return nil }
        return string(table, prefix, key, required: example)
    }

    /// `[notices] pay_by` or `collect_by`: not before the term starts.
    private func deadline(_ table: TOMLTable, _ key: String, term: (CivilDate?, CivilDate?)) -> CivilDate? {
        guard let d = date(table, "notices", key) else { return nil }
        if let starts = term.0, d < starts {
            report(
                at: "notices.\(key)", zh: "`\(key)` 为 \(d)，早于学期开始（\(starts)）",
                en: "`\(key)` is \(d), before the term starts (\(starts))",
                fix: LocalizedText(zh: "写学期中或学期末之后的日期", en: "write a date in the term or after it"))
            return nil
        }
        return d
    }

    /// The 公示期: both ends or neither, `to` not before `from`, `from` not before the term starts.
    private func checkPeriod(_ from: CivilDate?, _ to: CivilDate?, written: (Bool, Bool), term: (CivilDate?, CivilDate?)) {
        if written.0 != written.1 {
            let missing = written.0 ? "to" : "from"
            report(
                at: "disclosure.\(missing)", onValue: false,
                zh: "公示期只写了一端：缺少 `\(missing)`", en: "the disclosure period has one end only: `\(missing)` is missing",
                fix: LocalizedText(
                    zh: "在 [disclosure] 下写上 `from = 2025-01-20` 和 `to = 2025-01-26`（公示的第一天和最后一天）",
                    en: "write both `from = 2025-01-20` and `to = 2025-01-26` under [disclosure] (the first and last day)"))
            return
        }
        guard let from, let to else { return }
        if to < from {
            report(
                at: "disclosure.to", zh: "公示期结束（\(to)）早于开始（\(from)）",
                en: "the disclosure period ends (\(to)) before it starts (\(from))",
                fix: LocalizedText(zh: "检查 `from` 和 `to` 是否写反", en: "check that `from` and `to` are not swapped"))
        } else if let starts = term.0, from < starts {
            report(
                at: "disclosure.from", zh: "公示期开始（\(from)）早于学期开始（\(starts)）",
                en: "the disclosure period starts (\(from)) before the term (\(starts))",
                fix: LocalizedText(zh: "公示本学期收支，应在学期开始之后", en: "the term's accounts are published after the term has begun"))
        }
    }
}
