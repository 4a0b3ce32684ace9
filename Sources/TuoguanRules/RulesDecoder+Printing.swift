import Foundation
import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// `term_name`, `timezone` and `[sign_off]`: how the workbooks name the term, show times and who signs.
    ///
    /// ```toml
    /// term_name = "2024年秋季学期"
    /// timezone = "Asia/Shanghai"
    /// [sign_off]
    /// prepared_by = "王丽"
    /// reviewed_by = "李建国"
    /// finance_group = "张敏、陈晓东"
    /// ```
    func printing(_ root: TOMLTable) -> PrintSettings {
        var out = PrintSettings()
        out.termName = string(root, "", "term_name")?.trimmedSpaces() ?? ""
        if let zone = string(root, "", "timezone") {
            if TimeZone(identifier: zone) != nil {
                out.timeZone = zone
            } else {
                report(
                    at: "timezone", zh: "未知的时区 `\(zone)`", en: "unknown time zone `\(zone)`",
                    fix: LocalizedText(
                        zh: "写 IANA 时区名，如 `timezone = \"Asia/Shanghai\"`（北京时间）",
                        en: "write an IANA time zone name, like `timezone = \"Asia/Shanghai\"` (China Standard Time)"))
            }
        }
        if let t = table(root, "", "sign_off") {
            checkKeys(t, "sign_off", known: RulesVocabulary.signOff)
            out.signOff.preparedBy = string(t, "sign_off", "prepared_by")?.trimmedSpaces() ?? ""
            out.signOff.reviewedBy = string(t, "sign_off", "reviewed_by")?.trimmedSpaces() ?? ""
            out.signOff.financeGroup = signers(t)
        }
        return out
    }

    /// `finance_group`: one string (`"张敏、陈晓东"`) or an array of names, joined with `、`.
    private func signers(_ t: TOMLTable) -> String {
        guard let value = t["finance_group"] else { return "" }
        if let s = value.string { return s.trimmedSpaces() }
        if let array = value.array {
            var names: [String] = []
            for (i, element) in array.enumerated() {
                guard let s = element.string else {
                    reportType(
                        "sign_off.finance_group[\(i)]", expected: LocalizedText(zh: "字符串", en: "a string"),
                        found: element.type)
                    continue
                }
                names.append(s.trimmedSpaces())
            }
            return names.filter { !$0.isEmpty }.joined(separator: "、")
        }
        reportType(
            "sign_off.finance_group", expected: LocalizedText(zh: "字符串或字符串数组", en: "a string or an array of strings"),
            found: value.type)
        return ""
    }
}
