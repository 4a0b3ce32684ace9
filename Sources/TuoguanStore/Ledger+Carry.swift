import GRDB
import TuoguanCore

/// The closed ledger a term was carried from, as the new ledger's `meta` keeps it (`carried_from_*`).
public struct CarrySource: Sendable, Equatable {
    /// The closed ledger's file name, as given to `init --from`.
    public var file: String
    public var school: String
    public var term: String
    /// The closing event's id and hash (the closed ledger's chain head).
    public var closingId: String
    public var head: String
    public init(file: String, school: String, term: String, closingId: String, head: String) {
        self.file = file
        self.school = school
        self.term = term
        self.closingId = closingId
        self.head = head
    }

    /// `示范小学 2024-autumn（autumn.sqlite，结账 CLOSE-2024-autumn，链头 b9562fe4…）`.
    var note: String {
        "结转自 \(school) \(term)（\(file)，结账 \(closingId)，链头 \(head)）"
    }
}

extension Ledger {
    /// Opens a new term from a closed one, in one write transaction: the roster (students and teachers), each
    /// family's carried balance as an `opening` journal entry (`OPEN-学号`), each pool's carried balance as an
    /// `opening` entry of the spending journal (`OPEN-POOL-池`), every entry naming the closed ledger and its
    /// chain head; and the source in `meta`. Only into a ledger that records nothing yet.
    ///
    /// ```swift
    /// try next.carryIn(plan, from: CarrySource(file: "autumn.sqlite", school: "示范小学", term: "2024-autumn",
    ///                  closingId: "CLOSE-2024-autumn", head: closing.head), by: "王会计")
    /// ```
    public func carryIn(_ plan: NextTerm, from source: CarrySource, by: String) throws {
        try record { writer in
            guard try !writer.reader.holdsRecords() else {
                throw TuoguanError(
                    .conflict, zh: "新学期账本已有记录，不能再从上学期结转", en: "the new ledger already holds records: nothing can be carried into it",
                    fix: LocalizedText(zh: "用一个新的账本文件（--db）", en: "use a new ledger file (--db)"), at: SourceLocation(file: path))
            }
            try writer.writeCarriedIn(plan, from: source, by: by)
        }
    }

    /// The closed ledger this one was carried from, or nil.
    public func carriedFrom() throws -> CarrySource? {
        try reading { reader in try reader.carriedFrom() }
    }

    /// The balances this ledger opened with: each family's (signed: + arrears, − credit) and each pool's.
    public func openingBalances() throws -> (families: [String: Money], pools: [String: Money]) {
        try reading { reader in try reader.openingBalances() }
    }
}
