import Foundation
import GRDB
import TuoguanCore

#if canImport(Glibc)
    import Glibc
#endif

/// One school's ledger: a single SQLite file with the reference data (students, teachers, courses,
/// enrollments), the facts of the term (sessions, attendance, duties, quality scores) and the money journal
/// (payments, refunds, reversals) as a tamper-evident, double-entry, append-only hash chain.
///
/// The file keeps the text of the rules file it was created with; ``open(at:readOnly:rulesLoader:)`` hands
/// that text back to the caller's loader, so the store does not depend on the rules format.
///
/// ```swift
/// let ledger = try Ledger.create(at: "xiwei.ledger", rules: rules, rulesText: text,
///                                rulesFile: "xiwei.toml", by: "clerk")
/// try ledger.importFile(.students, path: "students.csv", dryRun: false, by: "clerk")
/// let facts = try ledger.termFacts()
/// ```
public final class Ledger {
    /// The rules the ledger was created with.
    public let rules: PlanRules
    /// The ledger file.
    public let path: String
    let writer: any DatabaseWriter
    let readOnly: Bool

    init(writer: any DatabaseWriter, path: String, rules: PlanRules, readOnly: Bool) {
        self.writer = writer
        self.path = path
        self.rules = rules
        self.readOnly = readOnly
    }

    /// Creates a new ledger file (mode 0600) holding `rulesText`. Fails with `.conflict` if the file exists.
    ///
    /// ```swift
    /// let ledger = try Ledger.create(at: "school.ledger", rules: rules, rulesText: text, rulesFile: "a.toml", by: "me")
    /// ```
    public static func create(
        at path: String, rules: PlanRules, rulesText: String, rulesFile: String, by: String
    ) throws -> Ledger {
        let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd < 0 {
            if errno == EEXIST {
                throw TuoguanError(
                    .conflict, zh: "账本文件已存在", en: "the ledger file already exists",
                    fix: LocalizedText(zh: "换一个文件名，或直接使用现有账本", en: "choose another name, or use the existing ledger"),
                    at: SourceLocation(file: path))
            }
            throw TuoguanError(
                .fileUnwritable, zh: "无法创建账本文件（\(String(cString: strerror(errno)))）",
                en: "cannot create the ledger file (\(String(cString: strerror(errno))))", at: SourceLocation(file: path))
        }
        Glibc.close(fd)
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
            try migrator.migrate(pool)
            try pool.write { db in
                let now = timestamp()
                for (key, value) in [
                    ("rules_text", rulesText), ("rules_file", rulesFile), ("created_by", by), ("created_at", now),
                    ("school", rules.school), ("term", rules.term),
                ] {
                    try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [key, value])
                }
            }
            return Ledger(writer: pool, path: path, rules: rules, readOnly: false)
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw ledgerError(error, path: path)
        }
    }

    /// Opens an existing ledger. The caller's `rulesLoader` turns the stored rules text back into rules.
    /// A ledger locked by another process is waited for; `.ledgerBusy` comes only after the retries.
    ///
    /// ```swift
    /// let ledger = try Ledger.open(at: "school.ledger") { text, file in try RulesLoader.load(text: text, file: file) }
    /// ```
    public static func open(
        at path: String, readOnly: Bool = false, rulesLoader: (_ text: String, _ file: String) throws -> PlanRules
    ) throws -> Ledger {
        guard FileManager.default.fileExists(atPath: path) else {
            throw TuoguanError(
                .fileMissing, zh: "找不到账本文件", en: "the ledger file does not exist",
                fix: LocalizedText(zh: "先用 init 创建账本，或检查路径", en: "create it with init first, or check the path"),
                at: SourceLocation(file: path))
        }
        let writer: any DatabaseWriter
        do {
            writer = try withBusyRetries(path: path) {
                if readOnly {
                    return try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
                }
                let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
                try migrator.migrate(pool)
                return pool
            }
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw ledgerError(error, path: path)
        }
        let meta: [String: String]
        do {
            meta = try writer.read { db in
                var out: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                    out[row["key"]] = row["value"]
                }
                return out
            }
        } catch {
            throw ledgerError(error, path: path)
        }
        guard let text = meta["rules_text"], let file = meta["rules_file"] else {
            throw TuoguanError(
                .ledger, zh: "账本中没有规则文件", en: "the ledger holds no rules file", at: SourceLocation(file: path))
        }
        let rules = try rulesLoader(text, file)
        return Ledger(writer: writer, path: path, rules: rules, readOnly: readOnly)
    }

    /// The rules text and file name stored at creation.
    public func storedRules() throws -> (text: String, file: String) {
        try read { db in
            let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rules_text'") ?? ""
            let file = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rules_file'") ?? ""
            return (text, file)
        }
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
        }
        return config
    }

    // MARK: - Running work

    /// A write transaction (immediate, so two processes never deadlock upgrading a read lock), with retries
    /// when another process holds the ledger.
    func write<T>(_ work: (Database) throws -> T) throws -> T {
        if readOnly {
            throw TuoguanError(
                .usage, zh: "账本以只读方式打开", en: "the ledger was opened read-only", at: SourceLocation(file: path))
        }
        do {
            return try Self.withBusyRetries(path: path) {
                var result: T?
                try writer.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        result = try work(db)
                        return .commit
                    }
                }
                return result!
            }
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw Self.ledgerError(error, path: path)
        }
    }

    /// Runs `work` in a transaction that is always rolled back (dry runs).
    func writeAndRollBack<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try Self.withBusyRetries(path: path) {
                var result: T?
                try writer.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        result = try work(db)
                        return .rollback
                    }
                }
                return result!
            }
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw Self.ledgerError(error, path: path)
        }
    }

    func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try Self.withBusyRetries(path: path) { try writer.read(work) }
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw Self.ledgerError(error, path: path)
        }
    }

    static func withBusyRetries<T>(path: String, attempts: Int = 4, _ work: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try work()
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
            {
                attempt += 1
                if attempt >= attempts {
                    throw TuoguanError(
                        .ledgerBusy, zh: "账本正被另一个程序使用", en: "the ledger is in use by another program",
                        fix: LocalizedText(zh: "等对方完成后再试", en: "try again when the other program has finished"),
                        at: SourceLocation(file: path))
                }
                usleep(UInt32(200_000 * attempt))
            }
        }
    }

    static func ledgerError(_ error: Error, path: String) -> TuoguanError {
        if let error = error as? TuoguanError { return error }
        if let db = error as? DatabaseError {
            if db.resultCode == .SQLITE_NOTADB || db.resultCode == .SQLITE_CORRUPT {
                return TuoguanError(
                    .ledger, zh: "文件不是账本或已损坏", en: "the file is not a ledger or is damaged",
                    at: SourceLocation(file: path), excerpt: db.message)
            }
            return TuoguanError(
                .ledger, zh: "账本数据库出错：\(db.message ?? "\(db.resultCode)")",
                en: "ledger database error: \(db.message ?? "\(db.resultCode)")", at: SourceLocation(file: path))
        }
        return TuoguanError(.ledger, zh: "账本出错：\(error)", en: "ledger error: \(error)", at: SourceLocation(file: path))
    }

    /// `2024-10-08T09:30:00Z`.
    static func timestamp() -> String {
        var t = time(nil)
        var parts = tm()
        gmtime_r(&t, &parts)
        func pad(_ v: Int32, _ n: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }
}
