import TuoguanCore
import TuoguanReports
import TuoguanStore

/// The export's steps: the header, every account, every money record, the term's figures, the closing
/// balances, written in that order as each is made.
///
/// ```swift
/// let sink = try BookFile(path: "term.journal")
/// let counts = try ledger.readBooks { try BookExport(rules: ledger.rules, format: .hledger, language: .zh).write($0, to: sink) }
/// try sink.finish()
/// ```
struct BookExport {
    let rules: PlanRules
    let format: BookFormat
    let language: Language

    func write(_ source: BookSource, to sink: BookFile) throws -> (transactions: Int, assertions: Int) {
        let result = try TermComputation.compute(rules: rules, facts: try source.termFacts())
        try TermInvariants.check(result)
        let dates = try source.recordDates()
        let opening = Books.openingDate(rules: rules, firstRecord: dates.first)
        let closing = Books.closingDate(rules: rules, lastRecord: dates.last)
        var writer = BookWriter(
            format: format, language: language,
            poolNames: Dictionary(rules.split.pools.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
        try sink.write(writer.header(school: result.school, term: rules.termTitle, opening: opening))
        for subtree in Books.assertedSubtrees(result) { try sink.write(writer.declaration(subtree, opening: opening)) }
        try Books.forEachAccount(result, expensePayees: try source.expensePayees()) { account in
            try sink.write(writer.declaration(account, opening: opening))
        }
        try sink.write("\n")
        var transactions = 0
        try source.forEachRecord { record in
            transactions += 1
            try sink.write(writer.transaction(Books.transaction(for: record)))
        }
        try Books.forEachClosingTransaction(result, date: closing) { t in
            transactions += 1
            try sink.write(writer.transaction(t))
        }
        var assertions = 0
        try Books.forEachAssertion(result, date: closing.adding(days: 1)) { a in
            assertions += 1
            try sink.write(writer.assertion(a))
        }
        return (transactions, assertions)
    }
}
