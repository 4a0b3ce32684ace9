import TuoguanCore

extension ImportSession {
    /// How to fix an import row that differs from what is recorded: check both, and if the ledger is what is
    /// wrong, the `edit` command that corrects it (with history), e.g. `tuoguan edit student S1 --name … --note …`.
    ///
    /// ```swift
    /// ImportSession.conflictFix(table: "students", key: ["S1"]).en
    /// // check both; if the ledger is wrong, correct it with: tuoguan edit student S1 --name … --note "why"
    /// ```
    static func conflictFix(table: String, key: [String]) -> LocalizedText {
        let command: String?
        switch table {
        case "students": command = "tuoguan edit student \(key.first ?? "") --name/--grade/--class/--category …"
        case "teachers": command = "tuoguan edit teacher \(key.first ?? "") --name/--kind …"
        case "courses": command = "tuoguan edit course \(key.first ?? "") --name/--teacher/--policy/--weekdays/--start/--end/--capacity …"
        case "enrollments": command = "tuoguan edit enrollment \(key.joined(separator: " ")) --from/--until …"
        default: command = nil
        }
        if table == "sessions" {
            return LocalizedText(
                zh: "核对两者；已登记的课次不能改，停课请用 tuoguan cancel --date 日期 --course \(key.first ?? "") --reason 原因（会同时退费）",
                en: "check both; a recorded session cannot be changed: to cancel it use tuoguan cancel --date DATE --course \(key.first ?? "") --reason why (it refunds the families too)")
        }
        guard let command else {
            return LocalizedText(
                zh: "核对两者，改正文件中的这一行（已登记的这类记录不能更改）",
                en: "check both and correct this row of the file (recorded rows of this kind cannot be changed)")
        }
        return LocalizedText(
            zh: "核对两者；如果账本中的有误，用 \(command) --note \"原因\" 更正（改动留有记录）",
            en: "check both; if the ledger is wrong, correct it with \(command) --note \"why\" (the change is kept in the history)")
    }
}
