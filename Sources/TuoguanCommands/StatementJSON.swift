import TuoguanCore
import TuoguanStore

extension JSONDocuments {
    /// Prints `statement --json`, reading the families a range of students at a time inside one read
    /// transaction: the first pass computes and checks every statement (the fund's totals), the second computes
    /// each again as it is written (``FamilyStatements``), so only a range of families is in memory at once.
    ///
    /// ```swift
    /// try JSONDocuments.printStatement(try options.open(readOnly: true))
    /// ```
    static func printStatement(_ ledger: Ledger) throws {
        let unassigned = try ledger.heldTransfers().map(\.transfer)
        try ledger.readingTermInRanges { term, source in
            var checks = TermInvariants.FamilyChecks()
            let (result, families) = try TermComputation.compute(rules: ledger.rules, term: term, families: source) {
                try checks.add($0)
            }
            try TermInvariants.check(result, checked: checks)
            JSONOutput.print(try statement(result, families: families, unassigned: unassigned))
        }
    }
}
