import TuoguanCore

/// The kinds of sheet the ledger imports, one file (or workbook sheet) per kind.
///
/// ```swift
/// try ledger.importFile(.students, path: "students.csv", dryRun: false, by: "clerk")
/// ```
public enum ImportKind: String, CaseIterable, Sendable {
    case students, teachers, courses, enrollments, sessions, attendance, duties, payments, refunds, scores
    case expenses

    /// The sheet name in Chinese (学生, 教师 …), accepted for workbook sheets.
    public var chineseName: String {
        switch self {
        case .students: return "学生"
        case .teachers: return "教师"
        case .courses: return "课程"
        case .enrollments: return "报名"
        case .sessions: return "课次"
        case .attendance: return "考勤"
        case .duties: return "值班"
        case .payments: return "缴费"
        case .refunds: return "退费"
        case .scores: return "评分"
        case .expenses: return "支出"
        }
    }
}

extension ImportKind {
    /// Whether `row` reads as this kind's header: two of its column names (one of one-column needs), or for
    /// attendance a class teacher's header (学号 and a date).
    public func isHeader(_ row: [TableField]) -> Bool {
        let names = Set(row.map { $0.text.trimmedSpaces.lowercased() })
        let matched = columns.filter { $0.spellings.contains { names.contains($0.lowercased()) } }.count
        if matched >= min(2, columns.filter(\.required).count) { return true }
        if self == .attendance, row.contains(where: WideAttendance.mayBeDate) {
            return columns[2].spellings.contains { names.contains($0.lowercased()) }
        }
        return false
    }

    /// Whose 姓名 a sheet of this kind may have beside the id it names them by, checked row by row: a student's
    /// beside the 学号 (enrollments, attendance, payments, refunds), a teacher's beside the 工号 (sessions,
    /// duties, scores); nil for the rosters themselves and the rest.
    public var namedPeople: ReferenceTable? {
        switch self {
        case .enrollments, .attendance, .payments, .refunds: return .students
        case .sessions, .duties, .scores: return .teachers
        default: return nil
        }
    }

    /// Title rows a sheet may have above its header (`一年级一班考勤表`, a workbook's caption).
    public static let titleRowsAtMost = 9
}
