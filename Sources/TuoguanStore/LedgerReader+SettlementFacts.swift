import GRDB
import TuoguanCore

/// What a term-end settlement reads (``TermSettlement/decide(_:rules:className:except:)``).
extension LedgerReader {
    /// The whole term's facts and the settlement ids of this term used already.
    func settlementFacts() throws -> SettlementFacts {
        SettlementFacts(term: try termFacts(), takenIds: try settlementIds())
    }

    /// The journal's entry ids of this term's settlement refunds (``TermSettlement/idPrefix(term:)``),
    /// reversed ones included: an id once used is never used again.
    func settlementIds() throws -> Set<String> {
        let prefix = TermSettlement.idPrefix(term: rules.term)
        return Set(
            try String.fetchAll(
                db, sql: "SELECT entry_id FROM journal WHERE substr(entry_id, 1, ?) = ?",
                arguments: [prefix.unicodeScalars.count, prefix]))
    }
}
