import TuoguanCore

/// Everything a workbook is made from: plain values, no database.
///
/// ```swift
/// let input = ReportInput(rules: rules, facts: facts, result: result, refunds: register, duties: dutyLog)
/// let files = try Workbooks.writeAll(input, toDirectory: "out")
/// ```
public struct ReportInput: Sendable {
    public var rules: PlanRules
    /// What the workbooks read of the facts the result was computed from.
    public var facts: ReportFacts
    /// The fund, the teachers, the findings and, unless they are computed when read (`familiesWhenRead`), every
    /// family's statement. The workbooks read the families through ``families`` only.
    public var result: TermResult
    /// Every family's statement computed when read (``TermComputation/computeFamiliesWhenRead(rules:facts:)``,
    /// `result.students` empty: a district's workbooks), or nil: the result's own.
    public var familiesWhenRead: FamilyStatements?
    /// The refund register (every refund the clerk recorded, reversed ones included).
    public var refunds: [RefundRecord]
    /// Every duty behind the teachers' points (the workload detail sheet), unless they are read when written
    /// (``dutiesWhenRead``). The workbooks read the log through ``dutyGroups`` only.
    public var duties: [DutyRecord]
    /// The duty log read a group at a time when the workload workbook is written (the store's cursor), or nil:
    /// ``duties``.
    public var dutiesWhenRead: DutyGroups?
    /// Whether the families are read from a store on the calling thread only (in its read transaction): the
    /// workbooks that read them are then written on that thread (``Workbooks/writeAll(_:toDirectory:)``).
    public var familiesOnCallingThread = false
    /// Captions' language: Chinese by default.
    public var language: Language
    /// The most rows a sheet of family blocks gets before the blocks go on in a next sheet: 250,000 rows are
    /// about 28,000 families (a school's fit in one sheet; a district of 50,000 families gets two), and the
    /// sheets of a district are written at once, one per core. Excel's own limit is 1,048,576 rows.
    public var maxRowsPerSheet = ReportInput.defaultMaxRowsPerSheet
    public static let defaultMaxRowsPerSheet = 250_000
    /// The statement workbook's layout, gathered as the families were first computed (in their order); used when
    /// it was gathered for these families and `maxRowsPerSheet`, else made by a pass over the families.
    public var statementLayoutGathered: StatementLayoutTally?
    /// The payments to print receipts for (``Workbooks/writeReceipts(_:to:)``), as the ledger gives them.
    public var receipts: [PaymentReceipt] = []
    /// Transfers received and not yet assigned to a family (the suspense list, 待认领): shown, never a family's.
    public var unassigned: [IncomingTransfer] = []
    /// The approval line printed under a workbook's sign-off (``PrintText/approval(by:utc:entries:after:confirmed:timeZone:_:)``),
    /// by workbook: the statement's and the disclosure's by the committee, the workload's by the principal.
    public var approvals: [Workbooks.Kind: String] = [:]

    public init(
        rules: PlanRules, facts: TermFacts, result: TermResult, refunds: [RefundRecord] = [],
        duties: [DutyRecord] = [], language: Language = .zh
    ) {
        self.rules = rules
        self.facts = ReportFacts(facts, groupingUsages: true)
        self.result = result
        self.refunds = refunds
        self.duties = duties
        self.language = language
    }

    /// The input of the families' statements computed when read (`families`, with `result.students` empty).
    ///
    /// ```swift
    /// let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
    /// let input = ReportInput(rules: rules, facts: facts, result: result, familiesWhenRead: families)
    /// ```
    public init(
        rules: PlanRules, facts: TermFacts, result: TermResult, familiesWhenRead families: FamilyStatements,
        refunds: [RefundRecord] = [], duties: [DutyRecord] = [], language: Language = .zh
    ) {
        assert(result.students.isEmpty, "the families are either kept or computed when read")
        self.rules = rules
        // Each family's usages come from the families' own index, not from a dictionary of copies.
        self.facts = ReportFacts(facts, groupingUsages: false)
        self.result = result
        self.familiesWhenRead = families
        self.refunds = refunds
        self.duties = duties
        self.language = language
    }
}
