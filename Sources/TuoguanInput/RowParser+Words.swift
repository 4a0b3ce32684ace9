import TuoguanCore

extension RowParser {
    /// A policy given by its id (`x`) or by its name in the rules file (`拓展性托管（X）`, brackets of
    /// either width).
    ///
    /// ```swift
    /// parser.policyId("拓展性托管(X)")  // "x" when [policies.x] name = "拓展性托管（X）"
    /// ```
    func policyId(_ text: String) -> String? {
        if rules.policies[text] != nil { return text }
        let wanted = SchoolWords.normalized(text)
        if rules.policies[wanted] != nil { return wanted }
        return rules.policies.keys.sorted().first { SchoolWords.normalized(rules.policies[$0]!.name) == wanted }
    }

    /// A duty given by its id in the rules' `[points]` (`patrol`) or by a word the school writes and the
    /// workload workbook prints (`安全巡查`, `护送`); nil if the rules give that duty no points.
    func dutyId(_ text: String) -> String? {
        if rules.points[text] != nil { return text }
        guard let id = SchoolWords.lookUp(text, ImportWords.duties), rules.points[id] != nil else { return nil }
        return id
    }

    /// The duties of the rules with their words, for a message.
    func dutiesAccepted() -> LocalizedText {
        let ids = rules.points.keys.sorted()
        func words(_ id: String) -> [String] {
            ImportWords.duties.filter { $0.value == id && !$0.key.allSatisfy(\.isASCII) }.map(\.key).sorted()
        }
        return LocalizedText(
            zh: ids.map { id in words(id).isEmpty ? id : "\(id)（\(words(id).joined(separator: "、"))）" }.joined(separator: "、"),
            en: ids.map { id in words(id).isEmpty ? id : "\(id) (\(words(id).joined(separator: ", ")))" }.joined(separator: ", "))
    }
}
