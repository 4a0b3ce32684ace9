import TuoguanCore

extension SchoolWords {
    /// Where an expense is paid from, as the school writes it: a pool's id (`equipment`), its printed name
    /// (`托管设备`, brackets of either width), or a budget line's word (`补贴`, `校外机构`).
    ///
    /// ```swift
    /// SchoolWords.spendingLine("托管设备", rules: rules)   // .pool("equipment")
    /// SchoolWords.spendingLine("补贴", rules: rules)       // .subsidies
    /// ```
    public static func spendingLine(_ text: String, rules: PlanRules) -> SpendingLine {
        let trimmed = text.trimmedSpaces
        if rules.split.pools.contains(where: { $0.id == trimmed }) { return .pool(trimmed) }
        let wanted = normalized(trimmed)
        if let pool = rules.split.pools.first(where: { normalized($0.name) == wanted || normalized($0.id) == wanted }) {
            return .pool(pool.id)
        }
        return SpendingLine(parsing: trimmed)
    }
}
