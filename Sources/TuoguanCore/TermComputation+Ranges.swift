extension TermComputation {
    /// ``compute(rules:facts:)`` of a term whose families are read from `source` a range at a time: `term` is the
    /// rest of the facts (``TermFacts/withoutFamilies``). Every range is read and every statement computed once
    /// here, in order (the fund's totals and each course's enrolments added up across ranges; each statement
    /// handed to `eachStatement`, for ``TermInvariants/FamilyChecks``, then let go); the fund, the teachers, the
    /// spending and the findings are compute's, figure for figure. `result.students` is empty: `families`
    /// computes each statement again when it is read, reading its range again.
    ///
    /// A reference error (an unknown student, course or policy) is thrown by the range it is found in, after the
    /// term's own references are checked.
    ///
    /// ```swift
    /// var checks = TermInvariants.FamilyChecks()
    /// let (result, families) = try TermComputation.compute(
    ///     rules: rules, term: facts.withoutFamilies, families: facts.familyRanges(size: 2_000)) { try checks.add($0) }
    /// try TermInvariants.check(result, checked: checks)
    /// result.fund.earned    // as compute(rules: rules, facts: facts).fund.earned
    /// ```
    public static func compute(
        rules: PlanRules, term: TermFacts, families source: some FamilyFactsSource,
        eachStatement: (StudentStatement) throws -> Void = { _ in }
    ) throws -> (result: TermResult, families: FamilyStatements) {
        precondition(!term.hasFamilies, "the term's facts hold families: pass term.withoutFamilies")
        var termIndex = try Index(rules: rules, facts: term)
        var totals = FamilyTotals()
        var starts: [(range: Int, k: Int, firstId: String)] = []
        var lastId: String?
        for r in 0..<source.rangeCount {
            let index = try Index(families: source.families(inRange: r), term: termIndex)
            if !index.studentOrder.isEmpty {
                let first = index.student(0).id
                // Invariant: the ranges partition the students in id order.
                if let lastId, !(lastId < first) {
                    throw TuoguanError(
                        .internal, zh: "学生分段读取的顺序有误：第 \(r) 段的“\(first)”不在“\(lastId)”之后",
                        en: "the ranges of students are out of order: \"\(first)\" of range \(r) does not follow \"\(lastId)\"",
                        fix: LocalizedText(zh: "这是程序错误，请报告并附上规则与数据", en: "this is a bug; please report it with the rules and data"))
                }
                starts.append((r, totals.count, first))
                lastId = index.student(index.studentOrder.count - 1).id
            }
            for k in index.studentOrder.indices {
                let statement = try statement(k, rules: rules, index: index)
                try totals.add(statement)
                try eachStatement(statement)
            }
            for (c, n) in index.enrolledAt.enumerated() { termIndex.enrolledAt[c] += n }
        }
        let result = try computeTerm(rules: rules, facts: term, index: termIndex, totals: totals, kept: [])
        let ranges = FamilyRanges(source: source, term: termIndex, starts: starts, count: totals.count)
        return (result, FamilyStatements(rules: rules, ranges: ranges))
    }
}
