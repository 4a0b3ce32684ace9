import GRDB
import TuoguanCore

/// The writes of the web page's accounts: the account and its log (append-only: who added or disabled whom,
/// when).
extension LedgerWriter {
    /// Adds `account` under `name` (its name trimmed), a teacher's scope kept, logged.
    ///
    /// ```swift
    /// try writer.add(Account(name: "王会计", role: .clerk, scope: nil, passwordHash: hash), named: "王会计", by: "root")
    /// ```
    func add(_ account: Account, named name: String, by: String) throws {
        let now = Ledger.timestamp()
        try db.execute(
            sql: """
                INSERT INTO accounts (name, role, scope, password_hash, created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [name, account.role.rawValue, account.role == .teacher ? account.scope : nil,
                                 account.passwordHash, by, now])
        try db.execute(
            sql: "INSERT INTO account_log (name, action, detail, recorded_by, recorded_at) VALUES (?, 'add', ?, ?, ?)",
            arguments: [name, account.role.rawValue + (account.scope.map { " " + $0 } ?? ""), by, now])
    }

    /// Disables the account `name` (it can no longer log in), logged.
    func disableAccount(_ name: String, by: String) throws {
        try db.execute(sql: "UPDATE accounts SET disabled = 1 WHERE name = ?", arguments: [name])
        try db.execute(
            sql: "INSERT INTO account_log (name, action, recorded_by, recorded_at) VALUES (?, 'disable', ?, ?)",
            arguments: [name, by, Ledger.timestamp()])
    }
}
