/// How the printed workbooks name the term, tell the time and who signs them: the rules file's `term_name`,
/// `timezone` and `[sign_off]` (documented in `rules/README.md`).
///
/// ```swift
/// var printing = PrintSettings(termName: "2024年秋季学期")
/// printing.signOff.preparedBy = "王丽"
/// printing.termTitle(term: "2024-autumn")   // "2024年秋季学期"
/// ```
public struct PrintSettings: Sendable, Equatable {
    /// The term as the school says it (`2024年秋季学期`); empty: the term's id is shown.
    public var termName: String
    /// The IANA time zone that recording times are shown in (`Asia/Shanghai`).
    public var timeZone: String
    /// The names printed in the sign-off block; empty names leave a line to sign on.
    public var signOff: SignOff

    /// The time zone used when the rules file names none.
    public static let defaultTimeZone = "Asia/Shanghai"

    public init(termName: String = "", timeZone: String = PrintSettings.defaultTimeZone, signOff: SignOff = SignOff()) {
        self.termName = termName
        self.timeZone = timeZone
        self.signOff = signOff
    }

    /// The term's name for titles: `termName`, or the id `term` when the file gives no name.
    public func termTitle(term: String) -> String { termName.isEmpty ? term : termName }

    /// Who signs a printed workbook (制表人, 审核人, 家委会财经小组). Each is a name or empty.
    public struct SignOff: Sendable, Equatable {
        /// 制表人: who made the tables (the clerk).
        public var preparedBy: String
        /// 审核人: who checked them.
        public var reviewedBy: String
        /// 家委会财经小组: the parents' committee finance group (one or more names).
        public var financeGroup: String
        public init(preparedBy: String = "", reviewedBy: String = "", financeGroup: String = "") {
            self.preparedBy = preparedBy
            self.reviewedBy = reviewedBy
            self.financeGroup = financeGroup
        }
    }
}

extension PlanRules {
    /// The term's name for every title: the rules file's `term_name`, else the term's id.
    public var termTitle: String { printing.termTitle(term: term) }
}
