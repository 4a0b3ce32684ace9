extension PlanRules {
    /// Refuses a pool that is not one of the rules' `[split]` pools (a budget line is always accepted).
    ///
    /// ```swift
    /// try rules.requirePoolOrLine(SpendingLine(parsing: "equipment"))  // throws unless [split] has it
    /// ```
    public func requirePoolOrLine(_ line: SpendingLine) throws {
        guard case .pool(let id) = line, !split.pools.contains(where: { $0.id == id }) else { return }
        throw unknownPool(id)
    }

    /// The error of a pool id that is not in `[split]`, naming the pools there are.
    ///
    /// ```swift
    /// rules.unknownPool("toys").message.en   // unknown pool "toys"
    /// ```
    public func unknownPool(_ id: String) -> TuoguanError {
        let ids = split.pools.map(\.id)
        let names = split.pools.map(\.name)
        return TuoguanError(
            .unknownReference, zh: "未知的经费项目“\(id)”", en: "unknown pool \"\(id)\"",
            fix: LocalizedText(
                zh: "应为规则文件 [split] 中的资金池（\(zip(ids, names).map { "\($1)（\($0)）" }.joined(separator: "、"))），或预算项目 补贴（subsidies）、校外机构（outside）",
                en: "expected a pool of [split] in the rules file (\(zip(ids, names).map { "\($0) (\($1))" }.joined(separator: ", "))), or the budget line subsidies (补贴) or outside (校外机构)"),
            excerpt: id)
    }
}
