/// One key of the rules file that a changed file would change, and what recorded money it could touch.
///
/// `tuoguan rules diff` lists them; `tuoguan rules update` applies the changes that no recorded money depends
/// on and refuses the rest, each with what to do instead (see ``RulesChange/Reach``).
///
/// ```swift
/// let change = RulesChange(key: "disclosure.contact", old: "财务室", new: "家委会", reach: .wording)
/// change.reach.touchesMoney    // false: applied whatever is recorded
/// ```
public struct RulesChange: Sendable, Equatable {
    /// What a key's value reaches: from nothing recorded (wording) to the term's identity.
    public enum Reach: Sendable, Equatable {
        /// Names, signers, 公示期, contact, notice texts, `term_name`, limits, timetable: printed or checked, never
        /// priced. Always applied.
        case wording
        /// A no-service or make-up day: applied when the day is still ahead of today and of everything recorded.
        case day(CivilDate)
        /// A policy's price, billing, prepayment, settlement, refunds, subsidy or outside pay: applied while no
        /// course of the policy has a session, a payment or a refund recorded.
        case policy(String)
        /// A category's waiver: applied while no student of the category has money recorded.
        case category(String)
        /// The split of the fee income and the workload points: applied while no spending is recorded.
        case split
        /// The term's days and counting (`starts`, `ends`, `service_weekdays`, `lesson_minutes`, `rounding`,
        /// `collector`): applied while nothing is recorded but master data.
        case term
        /// `schema` and `term`: the ledger's own; never changed (a new term is a new ledger).
        case fixed

        /// Whether recorded money could depend on the key.
        public var touchesMoney: Bool { self != .wording }
    }

    /// The key path, as the file writes it: `policies.x.price`, `split.pools[1].name`, `no_service`.
    public var key: String
    /// The value in force (nil: not written).
    public var old: String?
    /// The value the file gives (nil: removed).
    public var new: String?
    public var reach: Reach

    public init(key: String, old: String?, new: String?, reach: Reach) {
        self.key = key
        self.old = old
        self.new = new
        self.reach = reach
    }
}
