import TuoguanCore

/// Everything a workbook is made from: plain values, no database.
///
/// ```swift
/// let input = ReportInput(rules: rules, facts: facts, result: result, refunds: register, duties: dutyLog)
/// let files = try Workbooks.writeAll(input, toDirectory: "out")
/// ```
public struct ReportInput: Sendable {
    public var rules: PlanRules
    public var facts: TermFacts
    public var result: TermResult
    /// The refund register (every refund the clerk recorded, reversed ones included).
    public var refunds: [RefundRecord]
    /// Every duty behind the teachers' points (the workload detail sheet).
    public var duties: [DutyRecord]
    /// Captions' language: Chinese by default.
    public var language: Language
    /// The most rows a sheet of family blocks gets before the blocks go on in a next sheet (Excel's limit is
    /// 1,048,576 rows; a district of 200,000 families needs about 1.6 million).
    public var maxRowsPerSheet = 1_000_000

    public init(
        rules: PlanRules, facts: TermFacts, result: TermResult, refunds: [RefundRecord] = [],
        duties: [DutyRecord] = [], language: Language = .zh
    ) {
        self.rules = rules
        self.facts = facts
        self.result = result
        self.refunds = refunds
        self.duties = duties
        self.language = language
    }
}
