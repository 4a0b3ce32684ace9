import GRDB
import TuoguanCore

extension ImportSession {
    /// The ledger's columns as a clerk names them.
    static let columnNames: [String: (zh: String, en: String)] = [
        "name": ("姓名/名称", "name"), "grade": ("年级", "grade"), "class": ("班级", "class"), "category": ("类别", "category"),
        "kind": ("类型", "kind"), "policy": ("收费政策", "policy"), "teacher_id": ("教师工号", "teacher"),
        "weekdays": ("星期", "weekdays"), "start": ("开始时间", "start"), "end": ("结束时间", "end"), "room": ("教室", "room"),
        "capacity": ("人数上限", "capacity"), "from_date": ("开始日期", "from"), "until_date": ("退课日期", "until"),
        "status": ("状态", "status"), "reason": ("原因", "reason"), "hundredths": ("分数", "score"),
    ]

    /// The columns whose stored and new values differ, as a clerk reads them: `姓名/名称 账本中为“张三”，本行为“张三丰”`.
    ///
    /// ```swift
    /// ImportSession.differences(["name"], ["张三".databaseValue], ["张三丰".databaseValue]).zh
    /// // 姓名/名称 账本中为“张三”，本行为“张三丰”
    /// ```
    static func differences(_ columns: [String], _ stored: [DatabaseValue], _ new: [DatabaseValue]) -> LocalizedText {
        var zh: [String] = []
        var en: [String] = []
        for (i, column) in columns.enumerated() where stored[i] != new[i] {
            let name = columnNames[column] ?? (column, column)
            let old = shown(column, stored[i])
            let now = shown(column, new[i])
            zh.append("\(name.zh) 账本中为“\(chinese(column, old))”，本行为“\(chinese(column, now))”")
            en.append("\(name.en): ledger has \"\(old)\", this row has \"\(now)\"")
        }
        return LocalizedText(zh: zh.joined(separator: "；"), en: en.joined(separator: "; "))
    }

    /// A stored word (a session's status, a teacher's kind) as the school says it: `held` → `已上课`.
    static func chinese(_ column: String, _ value: String) -> String {
        let words: [String: String] =
            switch column {
            case "status": ["held": "已上课", "cancelled": "停课", "present": "出勤", "leave": "请假", "absent": "缺勤"]
            case "kind": ["staff": "在职教师", "retired": "退休教师", "outside": "校外机构", "volunteer": "志愿者"]
            default: [:]
            }
        return words[value] ?? value
    }

    /// A stored value as it was written: minutes as `16:30`, a score's hundredths as `92.5`, nothing as `（空）`.
    static func shown(_ column: String, _ value: DatabaseValue) -> String {
        switch (column, value.storage) {
        case ("start", .int64(let m)), ("end", .int64(let m)):
            return "\(m / 60):" + (m % 60 < 10 ? "0" : "") + String(m % 60)
        case ("hundredths", .int64(let h)):
            return Money(fen: h).formatted(grouping: false)
        case (_, .null):
            return "（空）"
        default:
            return display(value)
        }
    }
}
