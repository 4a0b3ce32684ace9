/// What the printed papers tell families, from the rules file: the disclosure's 公示期 and whom to ask
/// (`[disclosure] from`, `to`, `contact`), and how and by when a family pays what it still owes (应补) or
/// collects what it is owed (应退) (`[notices]`). Every field is optional: a paper whose key is not written
/// leaves a blank to fill in by hand.
///
/// ```swift
/// let p = Publication(disclosureFrom: CivilDate(parsing: "2025-01-20"), disclosureTo: CivilDate(parsing: "2025-01-26"),
///                     contact: "家委会财经小组 王老师")
/// p.disclosurePeriod   // (from: 2025-01-20, to: 2025-01-26)
/// ```
public struct Publication: Sendable, Equatable {
    /// First day of the disclosure's 公示期.
    public var disclosureFrom: CivilDate?
    /// Last day of the 公示期 (not before `disclosureFrom`).
    public var disclosureTo: CivilDate?
    /// Whom families ask about the figures (a name, an office, a phone number of the committee).
    public var contact: String?
    /// How a family pays what it still owes (应补), e.g. "交班主任，或转入家委会账户".
    public var payHow: String?
    /// The last day to pay.
    public var payBy: CivilDate?
    /// How a family collects what it is owed (应退), e.g. "原路退回缴费账户".
    public var collectHow: String?
    /// The day by which refunds are paid back.
    public var collectBy: CivilDate?

    public init(
        disclosureFrom: CivilDate? = nil, disclosureTo: CivilDate? = nil, contact: String? = nil,
        payHow: String? = nil, payBy: CivilDate? = nil, collectHow: String? = nil, collectBy: CivilDate? = nil
    ) {
        self.disclosureFrom = disclosureFrom
        self.disclosureTo = disclosureTo
        self.contact = contact
        self.payHow = payHow
        self.payBy = payBy
        self.collectHow = collectHow
        self.collectBy = collectBy
    }

    /// The 公示期 when both ends are written.
    public var disclosurePeriod: (from: CivilDate, to: CivilDate)? {
        guard let disclosureFrom, let disclosureTo else { return nil }
        return (disclosureFrom, disclosureTo)
    }
}
