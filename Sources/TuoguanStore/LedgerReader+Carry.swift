import GRDB
import TuoguanCore

/// The reads of a term carried in from a closed one.
extension LedgerReader {
    /// Whether the ledger records something already (a student or a journal entry).
    func holdsRecords() throws -> Bool {
        (try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM students) + (SELECT COUNT(*) FROM journal)") ?? 0) != 0
    }

    /// The closed ledger this one was carried from (`meta`'s `carried_from_*`), or nil.
    func carriedFrom() throws -> CarrySource? {
        var meta: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta WHERE key LIKE 'carried_from_%'") {
            meta[row["key"]] = row["value"]
        }
        guard let file = meta["carried_from_file"], let head = meta["carried_from_head"] else { return nil }
        return CarrySource(
            file: file, school: meta["carried_from_school"] ?? "", term: meta["carried_from_term"] ?? "",
            closingId: meta["carried_from_closing"] ?? "", head: head)
    }

    /// The balances this ledger opened with: each family's (signed: + arrears, − credit) and each pool's.
    func openingBalances() throws -> (families: [String: Money], pools: [String: Money]) {
        var families: [String: Money] = [:]
        for o in try openingFacts(studentId: nil) {
            families[o.studentId] = try (families[o.studentId] ?? .zero) + o.amount
        }
        return (families, try carriedPools())
    }
}
