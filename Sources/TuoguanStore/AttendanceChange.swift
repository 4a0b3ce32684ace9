import TuoguanCore

/// One attendance mark changed, added or removed: what `edit attendance` and `import attendance --replace`
/// record, and what they print (old → new). A status is `present`, `leave` or `absent`; nil is no mark.
///
/// ```swift
/// let change = try ledger.editAttendance(student: "S1", course: "X1", date: d, status: "leave", note: "家长补假条", by: "班主任")
/// change?.old   // "present"
/// change?.new   // "leave"
/// ```
public struct AttendanceChange: Sendable, Equatable {
    public var studentId: String
    public var studentName: String
    public var courseId: String
    public var date: CivilDate
    public var old: String?
    public var new: String?

    public init(studentId: String, studentName: String, courseId: String, date: CivilDate, old: String?, new: String?) {
        self.studentId = studentId
        self.studentName = studentName
        self.courseId = courseId
        self.date = date
        self.old = old
        self.new = new
    }

    /// The history's field of a mark: `attendance 2024-09-03`.
    public static func field(_ date: CivilDate) -> String { "attendance \(date)" }

    /// `出勤` / `present` for a status word, `（无记录）` / `(no mark)` for nil.
    public static func word(_ status: String?, _ language: Language) -> String {
        switch status {
        case "present": return language == .zh ? "出勤" : "present"
        case "leave": return language == .zh ? "请假" : "leave"
        case "absent": return language == .zh ? "缺勤" : "absent"
        default: return language == .zh ? "（无记录）" : "(no mark)"
        }
    }
}
