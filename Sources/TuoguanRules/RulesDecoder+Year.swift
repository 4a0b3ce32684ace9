import TOMLKit
import TuoguanCore

extension RulesDecoder {
    /// The `[year]` table (see ``YearRules``): when the school year starts, what a family's and a pool's
    /// balance at closing become, the top grade and the classes' new names at promotion. Every key optional.
    ///
    /// ```toml
    /// [year]
    /// starts_month = 9
    /// family_balances = "carry"    # or "refund": refunded before closing
    /// pool_balances = "carry"      # or "return"
    /// top_grade = 6
    /// [year.classes]
    /// "三(2)班" = "四(2)班"
    /// ```
    func yearRules(_ root: TOMLTable) -> YearRules {
        var out = YearRules()
        guard let t = table(root, "", "year") else { return out }
        checkKeys(t, "year", known: RulesVocabulary.year)
        out.startsMonth = int(t, "year", "starts_month", range: 1...12) ?? out.startsMonth
        out.familyBalances = choice(t, "year", "family_balances", default: out.familyBalances) ?? out.familyBalances
        out.poolBalances = choice(t, "year", "pool_balances", default: out.poolBalances) ?? out.poolBalances
        out.topGrade = int(t, "year", "top_grade", range: 1...12) ?? out.topGrade
        if let classes = table(t, "year", "classes") {
            for key in classes.keys.sorted() {
                if let name = string(classes, "year.classes", key, required: "\"\(key)\" = \"四(2)班\"") {
                    out.classes[key] = name
                }
            }
        }
        return out
    }
}
