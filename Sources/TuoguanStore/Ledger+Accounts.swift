import GRDB
import TuoguanCore

/// What a person who logs in to the office's web page may do (issue 23).
///
/// ```swift
/// AccountRole(rawValue: "committee")   // .committee: reads every money page, approves the statement
/// ```
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    /// Records and imports everything.
    case clerk
    /// The parents' committee: reads everything of money, approves the statement and the disclosure.
    case committee
    /// Reads the teachers' workload and pay and confirms them.
    case principal
    /// A class teacher: enters the attendance of their own class or course only.
    case teacher

    /// `会计` / `clerk`.
    public func title(_ language: Language) -> String {
        switch self {
        case .clerk: return language == .zh ? "会计" : "clerk"
        case .committee: return language == .zh ? "家委会" : "committee"
        case .principal: return language == .zh ? "校长" : "principal"
        case .teacher: return language == .zh ? "班主任" : "class teacher"
        }
    }
}

/// One account of the web page: a name, a role, for a teacher the class (or course) they keep, and the
/// password's hash (bcrypt, made by the caller: the store never sees a password).
public struct Account: Sendable, Equatable {
    public var name: String
    public var role: AccountRole
    /// A teacher's class (`1年级1班`) or course id (`X0001`); nil for the other roles.
    public var scope: String?
    public var passwordHash: String
    public var disabled: Bool
    public var createdBy: String
    public var createdAt: String

    public init(
        name: String, role: AccountRole, scope: String?, passwordHash: String, disabled: Bool = false,
        createdBy: String = "", createdAt: String = ""
    ) {
        self.name = name
        self.role = role
        self.scope = scope
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdBy = createdBy
        self.createdAt = createdAt
    }
}

extension Ledger {
    /// Migration `v6-web-accounts`: the web page's accounts (the disabled flag is the only column that changes)
    /// and their log (append-only: who added or disabled whom, when).
    static func registerAccountsMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v6-web-accounts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE accounts (
                        name TEXT PRIMARY KEY,
                        role TEXT NOT NULL CHECK (role IN ('clerk', 'committee', 'principal', 'teacher')),
                        scope TEXT,
                        password_hash TEXT NOT NULL,
                        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
                        created_by TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
                    CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
                        BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;
                    CREATE TABLE account_log (
                        seq INTEGER PRIMARY KEY,
                        name TEXT NOT NULL REFERENCES accounts(name),
                        action TEXT NOT NULL CHECK (action IN ('add', 'disable')),
                        detail TEXT NOT NULL DEFAULT '',
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    CREATE TRIGGER account_log_no_update BEFORE UPDATE ON account_log
                        BEGIN SELECT RAISE(ABORT, 'the account log is append-only'); END;
                    CREATE TRIGGER account_log_no_delete BEFORE DELETE ON account_log
                        BEGIN SELECT RAISE(ABORT, 'the account log is append-only'); END;
                    """)
            try Ledger.createApprovals(db)
        }
    }

    /// Adds an account. A name already taken is a `.conflict`; a teacher needs a class or course.
    ///
    /// ```swift
    /// try ledger.addAccount(Account(name: "王会计", role: .clerk, scope: nil, passwordHash: hash), by: "root")
    /// ```
    public func addAccount(_ account: Account, by: String) throws {
        let name = account.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 40, !name.contains(where: { $0.isNewline || $0 == "\t" }) else {
            throw TuoguanError(
                .usage, zh: "账户名不能为空，最多 40 个字", en: "an account name must not be empty and at most 40 characters",
                at: SourceLocation(key: "NAME"))
        }
        if account.role == .teacher && (account.scope ?? "").isEmpty {
            throw TuoguanError(
                .usage, zh: "班主任账户需要用 --class 指定班级或课程", en: "a teacher's account needs --class (a class or a course id)",
                fix: LocalizedText(zh: "如 --class 1年级1班", en: "e.g. --class 1年级1班"), at: SourceLocation(key: "--class"))
        }
        try record { writer in
            if try writer.reader.account(named: name) != nil {
                throw TuoguanError(
                    .conflict, zh: "账户 \(name) 已存在", en: "the account \(name) exists already",
                    fix: LocalizedText(zh: "换一个名字", en: "choose another name"), at: SourceLocation(key: "NAME"))
            }
            try writer.add(account, named: name, by: by)
        }
    }

    /// Disables an account (it can no longer log in; its records keep its name). Unknown names are refused.
    public func disableAccount(_ name: String, by: String) throws {
        try record { writer in
            guard try writer.reader.account(named: name) != nil else {
                throw TuoguanError(
                    .unknownReference, zh: "没有账户 \(name)", en: "there is no account \(name)",
                    fix: LocalizedText(zh: "用 tuoguan user list 查看账户", en: "see the accounts with tuoguan user list"),
                    at: SourceLocation(key: "NAME"))
            }
            try writer.disableAccount(name, by: by)
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [Account] {
        try reading { reader in try reader.accounts() }
    }

    /// The account with this name, or nil.
    public func account(named name: String) throws -> Account? {
        try reading { reader in try reader.account(named: name) }
    }

    static func account(from row: Row) -> Account {
        Account(
            name: row["name"], role: AccountRole(rawValue: row["role"]) ?? .teacher, scope: row["scope"],
            passwordHash: row["password_hash"], disabled: (row["disabled"] as Int64) != 0,
            createdBy: row["created_by"], createdAt: row["created_at"])
    }
}
