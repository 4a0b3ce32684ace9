import GRDB
import TuoguanCore
import TuoguanInput

/// The checks and the one write path of ``Ledger/editStudent(_:_:note:by:)`` and its siblings.
extension Ledger {
    /// Writes the `changes` that differ from the stored row, each with a history row; returns those.
    ///
    /// ```swift
    /// try apply(.student, table: "students", key: [("id", "S1")], subjectId: "S1", courseId: nil,
    ///           changes: [("class", "三(3)班")], note: "转班", by: "会计", db: db)
    /// ```
    func apply(
        _ subject: MasterSubject, table: String, key: [(String, DatabaseValueConvertible?)], subjectId: String,
        courseId: String?, changes: [(String, DatabaseValueConvertible?)], note: String, by: String, db: Database
    ) throws -> [MasterChange] {
        guard !changes.isEmpty else { return [] }
        let whereClause = key.map { "\"\($0.0)\" = ?" }.joined(separator: " AND ")
        let keyArguments = StatementArguments(key.map { $0.1 })
        let columns = changes.map { "\"\($0.0)\"" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT \(columns) FROM \(table) WHERE \(whereClause)", arguments: keyArguments)
        else { return [] }
        var out: [MasterChange] = []
        for (i, (column, value)) in changes.enumerated() {
            let stored = row[i] as DatabaseValue
            let new = value?.databaseValue ?? .null
            guard stored != new else { continue }
            try db.execute(
                sql: "UPDATE \(table) SET \"\(column)\" = ?, recorded_by = ?, recorded_at = ? WHERE \(whereClause)",
                arguments: StatementArguments([new, by, Ledger.timestamp()] as [DatabaseValueConvertible?]) + keyArguments)
            out.append(
                try appendHistory(
                    subject, subjectId: subjectId, courseId: courseId, field: column, old: Self.historyText(stored, column),
                    new: Self.historyText(new, column), note: note, by: by, db: db))
        }
        return out
    }

    /// A stored value as the history shows it: times as `16:30`, nothing as nil.
    static func historyText(_ value: DatabaseValue, _ column: String) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let i): return column == "start" || column == "end" ? clock(Int(i)) : String(i)
        case .string(let s): return s
        case .double(let d): return String(d)
        case .blob: return nil
        }
    }

    func requireNote(_ note: String) throws {
        if note.trimmedSpaces.isEmpty {
            throw TuoguanError(
                .usage, zh: "改动需要说明原因", en: "a correction needs a reason",
                fix: LocalizedText(zh: "加上 --note \"原因\"，如 --note \"家长来电更正姓名\"", en: "add --note \"why\", like --note \"parent phoned to correct the name\""),
                at: SourceLocation(key: "--note"))
        }
    }

    func requireText(_ text: String, flag: String) throws {
        if text.isEmpty || text != text.trimmedSpaces {
            throw TuoguanError(
                .usage, zh: "新的值为空或带有首尾空格：“\(text)”", en: "the new value is empty or has surrounding spaces: \"\(text)\"",
                at: SourceLocation(key: flag), excerpt: text)
        }
    }

    func unknownTeacher(_ id: String, flag: String?) -> TuoguanError {
        TuoguanError(
            .unknownReference, zh: "未知的教师“\(id)”", en: "unknown teacher \"\(id)\"",
            fix: LocalizedText(zh: "检查工号（tuoguan find 可按姓名查找），或先导入教师名单", en: "check the id (tuoguan find looks teachers up by name), or import the teachers first"),
            at: flag.map { SourceLocation(key: $0) }, excerpt: id)
    }

    /// Refunds not reversed for a course (and one student, if given), oldest first
    /// (``LedgerReader/courseRefunds(courseId:studentId:)``).
    func courseRefunds(courseId: String, studentId: String?, db: Database) throws -> [String] {
        try reader(db).courseRefunds(courseId: courseId, studentId: studentId)
    }

    /// A change that money already depends on: why it is refused and what to do instead.
    func moneyDepends(zh: String, en: String, flag: String, refund: String) -> TuoguanError {
        TuoguanError(
            .conflict, zh: zh, en: en,
            fix: LocalizedText(
                zh: "先冲正该退费（tuoguan correct --entry \(refund) --id 新编号 --note 原因），改好后再重新登记退费",
                en: "reverse the refund first (tuoguan correct --entry \(refund) --id NEW-ID --note why), make the change, then record the refund again"),
            at: SourceLocation(key: flag), excerpt: refund)
    }

    /// Refuses enrolment dates that would leave recorded attendance outside them.
    func requireAttendanceInside(student: String, course: String, window: EnrolmentWindow, db: Database) throws {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT MIN(se.date) AS first, MAX(se.date) AS last FROM attendance a
                    JOIN students st ON st.no = a.student_no JOIN sessions se ON se.id = a.session_id
                    WHERE st.id = ? AND se.course_id = ?
                    """, arguments: [student, course]),
            let first = (row["first"] as String?).flatMap(CivilDate.init(parsing:)),
            let last = (row["last"] as String?).flatMap(CivilDate.init(parsing:))
        else { return }
        // The last day is on or after the first: outside the window either before it or from its end on.
        let outside = first < window.from ? (first, "--from") : (!window.contains(last) ? (last, "--until") : nil)
        if let (date, flag) = outside {
            throw TuoguanError(
                .conflict, zh: "\(student) 在 \(course) 于 \(date) 有考勤记录，不能落在报名日期之外",
                en: "\(student) has attendance in \(course) on \(date), which would fall outside the enrolment",
                fix: LocalizedText(
                    zh: "核对日期：报名应包含所有已记考勤的日子（退课日期是不再上课的第一天）",
                    en: "check the dates: the enrolment must cover every day with attendance (until is the first day no longer attending)"),
                at: SourceLocation(key: flag), excerpt: date.description)
        }
    }
}

/// `16:30` for 990 minutes after midnight.
func clock(_ minutes: Int) -> String {
    let h = minutes / 60
    let m = minutes % 60
    return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
}
