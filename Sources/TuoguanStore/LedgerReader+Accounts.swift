import GRDB
import TuoguanCore

/// The reads of the web page's accounts.
extension LedgerReader {
    /// Every account, by name.
    func accounts() throws -> [Account] {
        try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY name").map(Ledger.account(from:))
    }

    /// The account with this name, or nil.
    ///
    /// ```swift
    /// let clerk = try reader.account(named: "王会计")   // role .clerk
    /// ```
    func account(named name: String) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE name = ?", arguments: [name]).map(Ledger.account(from:))
    }
}
