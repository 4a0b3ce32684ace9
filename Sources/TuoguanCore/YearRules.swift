/// What happens at a term's end and a school year's turn, from the rules file's `[year]` table: when the school
/// year starts, whether a family's balance at closing is carried into the next term or must be refunded
/// first, whether a pool's unspent money is carried forward or returned, and how students are promoted.
///
/// ```swift
/// let year = YearRules(startsMonth: 9, familyBalances: .carry, poolBalances: .carry, topGrade: 6)
/// year.schoolYear(of: CivilDate(parsing: "2025-03-03")!)   // 2024: the year that began in September 2024
/// ```
public struct YearRules: Sendable, Equatable {
    /// What a family's non-zero balance at closing becomes.
    public enum FamilyBalances: String, Sendable, Equatable, CaseIterable {
        /// Carried into the next term as an opening credit (应退) or arrears (应补).
        case carry
        /// Refunded (or collected) before closing: the close refuses while a balance is left, unless the
        /// family is carried by `close --carry` or `--carry-student`.
        case refund
    }

    /// What a pool's unspent balance at closing becomes.
    public enum PoolBalances: String, Sendable, Equatable, CaseIterable {
        /// 结转下年使用: opened in the next term's pool.
        case carry
        /// Returned (to the budget or the families' fund): stated at closing, not opened in the next term.
        case `return`
    }

    /// The month the school year starts in (9: September).
    public var startsMonth: Int
    public var familyBalances: FamilyBalances
    public var poolBalances: PoolBalances
    /// The highest grade: its students leave at promotion.
    public var topGrade: Int
    /// A class's name in the next school year, by its name this year; a class not listed gets its grade
    /// written one higher (``promotedClass(_:grade:)``).
    public var classes: [String: String]

    public init(
        startsMonth: Int = 9, familyBalances: FamilyBalances = .refund, poolBalances: PoolBalances = .carry,
        topGrade: Int = 6, classes: [String: String] = [:]
    ) {
        self.startsMonth = startsMonth
        self.familyBalances = familyBalances
        self.poolBalances = poolBalances
        self.topGrade = topGrade
        self.classes = classes
    }

    /// The calendar year the school year of `date` began in.
    public func schoolYear(of date: CivilDate) -> Int {
        date.month >= startsMonth ? date.year : date.year - 1
    }

    /// The class name one grade up: the rules' `[year.classes]` entry, else the first grade number in the
    /// name (`1年级2班` → `2年级2班`, `三(2)班` → `四(2)班`) written one higher.
    public func promotedClass(_ name: String, grade: Int) -> String {
        if let renamed = classes[name] { return renamed }
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
        var out = name
        if let range = out.firstRange(of: String(grade)) {
            out.replaceSubrange(range, with: String(grade + 1))
        } else if grade >= 1, grade < numerals.count, let range = out.firstRange(of: numerals[grade - 1]) {
            out.replaceSubrange(range, with: numerals[grade])
        }
        return out
    }
}
