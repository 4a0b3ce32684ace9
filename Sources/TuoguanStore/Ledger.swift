import Foundation
import GRDB
import GRDBSQLite
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
    /// How long a write waits for another program that holds the ledger, in seconds, before `.ledgerBusy`.
    public let busyTimeout: Double
    let writer: any DatabaseWriter
    let readOnly: Bool
    /// The day the term is read as of (``today(environment:)``): scheduled sessions before it are held.
    public var asOf: CivilDate = Ledger.today()

    /// The default of ``busyTimeout``: long enough for another clerk's import to finish.
    public static let defaultBusyTimeout: Double = 10

    init(writer: any DatabaseWriter, path: String, rules: PlanRules, readOnly: Bool, busyTimeout: Double) {
        self.writer = writer
        self.path = path
        self.rules = rules
        self.readOnly = readOnly
        self.busyTimeout = busyTimeout
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
            let pool = try DatabasePool(
                path: path, configuration: configuration(readOnly: false, busyTimeout: defaultBusyTimeout))
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
            return Ledger(writer: pool, path: path, rules: rules, readOnly: false, busyTimeout: defaultBusyTimeout)
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw ledgerError(error, path: path)
        }
    }

    /// Opens an existing ledger. The caller's `rulesLoader` turns the stored rules text back into rules.
    /// A ledger locked by another process is waited for, up to `busyTimeout` seconds; `.ledgerBusy` comes only
    /// after that. A ledger the user may not write fails with `.fileUnwritable` at the first write (or here,
    /// when even opening needs to write); open it with `readOnly: true` to read it.
    ///
    /// ```swift
    /// let ledger = try Ledger.open(at: "school.ledger") { text, file in try RulesLoader.load(text: text, file: file) }
    /// let quick = try Ledger.open(at: "school.ledger", busyTimeout: 1) { text, file in try RulesLoader.parse(text, file: file) }
    /// ```
    public static func open(
        at path: String, readOnly: Bool = false, busyTimeout: Double = defaultBusyTimeout,
        rulesLoader: (_ text: String, _ file: String) throws -> PlanRules
    ) throws -> Ledger {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw TuoguanError(
                .fileMissing, zh: "找不到账本文件", en: "the ledger file does not exist",
                fix: LocalizedText(zh: "先用 init 创建账本，或检查路径", en: "create it with init first, or check the path"),
                at: SourceLocation(file: path))
        }
        guard !isFolder.boolValue else {
            throw TuoguanError(
                .fileMissing, zh: "这是一个文件夹，不是账本文件", en: "this is a folder, not a ledger file",
                fix: LocalizedText(zh: "用 --db 指定账本文件本身，如 school.sqlite", en: "pass the ledger file itself with --db, like school.sqlite"),
                at: SourceLocation(file: path))
        }
        let writer: any DatabaseWriter
        do {
            writer = try withBusyRetries(path: path, timeout: busyTimeout) {
                if readOnly {
                    let queue = try openReadOnly(path: path, busyTimeout: busyTimeout)
                    try refuseNewer(queue, path: path)
                    if try queue.read({ try migrator.hasCompletedMigrations($0) }) { return queue }
                    try queue.close()
                    // A ledger written by an older tuoguan: its schema is brought up to date once (a write,
                    // in one transaction per migration), then it is read as asked.
                    guard access(path, W_OK) == 0 else {
                        throw TuoguanError(
                            .fileUnwritable, zh: "账本由旧版本写成，读取前需要升级，但当前用户不能写入该文件",
                            en: "the ledger was written by an older tuoguan and must be upgraded before it is read, but this user cannot write it",
                            fix: LocalizedText(
                                zh: "请能写入账本的人运行一次任意 tuoguan 命令（如 verify）", en: "have someone who can write the ledger run any tuoguan command on it once (e.g. verify)"),
                            at: SourceLocation(file: path))
                    }
                    let pool = try DatabasePool(
                        path: path, configuration: configuration(readOnly: false, busyTimeout: busyTimeout))
                    try migrator.migrate(pool)
                    try pool.close()
                    return try openReadOnly(path: path, busyTimeout: busyTimeout)
                }
                let pool = try DatabasePool(
                    path: path, configuration: configuration(readOnly: false, busyTimeout: busyTimeout))
                try refuseNewer(pool, path: path)
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
            meta = try withBusyRetries(path: path, timeout: busyTimeout) { try writer.read { db in
                var out: [String: String] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
                    out[row["key"]] = row["value"]
                }
                return out
            } }
        } catch {
            throw ledgerError(error, path: path)
        }
        guard let text = meta["rules_text"], let file = meta["rules_file"] else {
            throw TuoguanError(
                .ledger, zh: "账本中没有规则文件", en: "the ledger holds no rules file", at: SourceLocation(file: path))
        }
        let rules = try rulesLoader(text, file)
        return Ledger(writer: writer, path: path, rules: rules, readOnly: readOnly, busyTimeout: busyTimeout)
    }

    /// Refuses a ledger written by a newer tuoguan (its schema has migrations this one does not know): reading
    /// or writing it could misread or break what the newer version recorded.
    static func refuseNewer(_ reader: any DatabaseReader, path: String) throws {
        guard try reader.read({ try migrator.hasBeenSuperseded($0) }) else { return }
        throw TuoguanError(
            .ledger, zh: "账本由更新版本的 tuoguan 写成，这个版本无法安全读写",
            en: "the ledger was written by a newer tuoguan; this version cannot read or write it safely",
            fix: LocalizedText(zh: "升级 tuoguan 到与写入该账本相同或更新的版本", en: "upgrade tuoguan to the version that wrote the ledger, or newer"),
            at: SourceLocation(file: path))
    }

    /// A read-only connection. A ledger whose folder this user may not write (a copy on a read-only disk, a
    /// colleague's folder) cannot get the WAL index SQLite keeps next to it; when the ledger has no pending
    /// WAL, nobody can be writing it, so it is read as an immutable file instead.
    static func openReadOnly(path: String, busyTimeout: Double) throws -> DatabaseQueue {
        let config = configuration(readOnly: true, busyTimeout: busyTimeout)
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN
        {
            let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            guard wal == 0 else { throw error }
            var allowed = CharacterSet.urlPathAllowed
            allowed.remove(charactersIn: "?#%")
            let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            let queue = try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: config)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") }
            return queue
        }
    }

    /// The rules text and file name stored at creation.
    public func storedRules() throws -> (text: String, file: String) {
        try reading { reader in
            let text = try String.fetchOne(reader.db, sql: "SELECT value FROM meta WHERE key = 'rules_text'") ?? ""
            let file = try String.fetchOne(reader.db, sql: "SELECT value FROM meta WHERE key = 'rules_file'") ?? ""
            return (text, file)
        }
    }

    static func configuration(readOnly: Bool, busyTimeout: Double) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        // SQLite's own busy handler waits (sleeping 1, 2, 5 … 100 ms between tries) up to the whole window.
        config.busyMode = .timeout(busyTimeout)
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
    ///
    /// `referencesChecked`: the work checks every reference it writes itself (the attendance import looks up
    /// each row's session, student and course before inserting it), so SQLite's foreign-key lookups, three
    /// per attendance row, are switched off for this transaction. Every other write keeps them.
    ///
    /// A closed ledger (see `Ledger+Closing.swift`) records nothing: the work is refused with `.ledgerClosed`
    /// before it starts, unless it is the reopening itself (`whenClosed`).
    private func write<T>(referencesChecked: Bool = false, whenClosed: Bool = false, _ work: (Database) throws -> T) throws -> T {
        if readOnly {
            throw TuoguanError(
                .usage, zh: "账本以只读方式打开", en: "the ledger was opened read-only", at: SourceLocation(file: path))
        }
        return try transaction(commit: true, referencesChecked: referencesChecked, whenClosed: whenClosed, work)
    }

    /// Runs `work` in a transaction that is always rolled back (dry runs).
    private func writeAndRollBack<T>(referencesChecked: Bool = false, _ work: (Database) throws -> T) throws -> T {
        try transaction(commit: false, referencesChecked: referencesChecked, work)
    }

    private func transaction<T>(
        commit: Bool, referencesChecked: Bool = false, whenClosed: Bool = false, _ work: (Database) throws -> T
    ) throws -> T {
        let path = self.path
        do {
            return try Self.withBusyRetries(path: path, timeout: busyTimeout) {
                var result: T?
                try writer.writeWithoutTransaction { db in
                    // (The pragma is a no-op inside a transaction: it is set around it.)
                    if referencesChecked { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
                    defer { if referencesChecked { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
                    do {
                        try db.inTransaction(.immediate) {
                            if !whenClosed { try self.requireOpen(db) }
                            result = try work(db)
                            return commit ? .commit : .rollback
                        }
                    } catch let error as DatabaseError where !Self.isBusy(error) {
                        // Read the operating system's error (ENOSPC, EFBIG, EROFS …) while the connection is at hand.
                        throw Self.ledgerError(error, path: path, systemErrno: sqlite3_system_errno(db.sqliteConnection))
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

    private func read<T>(_ work: (Database) throws -> T) throws -> T {
        do {
            return try Self.withBusyRetries(path: path, timeout: busyTimeout) { try writer.read(work) }
        } catch let error as TuoguanError {
            throw error
        } catch {
            throw Self.ledgerError(error, path: path)
        }
    }

    static func isBusy(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// Runs `work`, again and again while another connection holds the ledger, for up to `timeout` seconds in
    /// all (SQLite's busy handler does most of the waiting; this loop covers the cases where SQLite reports
    /// busy without waiting, like a WAL being recovered). Then `.ledgerBusy`: SQLite's "database is locked"
    /// never reaches the user.
    static func withBusyRetries<T>(path: String, timeout: Double, _ work: () throws -> T) throws -> T {
        let start = Date()
        var pause: UInt32 = 5_000
        while true {
            do {
                return try work()
            } catch let error as DatabaseError where isBusy(error) {
                if Date().timeIntervalSince(start) >= timeout {
                    throw busyError(path: path, timeout: timeout)
                }
                usleep(pause)
                pause = min(pause * 2, 100_000)
            }
        }
    }

    static func busyError(path: String, timeout: Double?) -> TuoguanError {
        var zh = ""
        var en = ""
        if let timeout {
            let seconds =
                timeout == timeout.rounded() && abs(timeout) < 1e9 ? String(Int(timeout)) : String(format: "%.1f", timeout)
            zh = "（已等待 \(seconds) 秒）"
            en = " (it waited \(seconds) s)"
        }
        return TuoguanError(
            .ledgerBusy, zh: "账本正被另一个程序使用" + zh, en: "the ledger is in use by another program" + en,
            fix: LocalizedText(
                zh: "等对方完成后再试（另一个 tuoguan，或打开了账本的其他程序）",
                en: "try again when the other program has finished (another tuoguan, or a program that has the ledger open)"),
            at: SourceLocation(file: path))
    }

    /// A clear error for what SQLite reported: read-only, disk full, disk error, damaged file.
    static func ledgerError(_ error: Error, path: String, systemErrno: Int32 = 0) -> TuoguanError {
        if let error = error as? TuoguanError { return error }
        if let db = error as? DatabaseError {
            let detail = systemErrno != 0 ? String(cString: strerror(systemErrno)) : (db.message ?? "\(db.resultCode)")
            switch db.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return busyError(path: path, timeout: nil)
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return TuoguanError(
                    .ledger, zh: "文件不是账本或已损坏", en: "the file is not a ledger or is damaged",
                    at: SourceLocation(file: path), excerpt: db.message)
            case .SQLITE_READONLY:
                return readOnlyError(path: path)
            case .SQLITE_FULL:
                return diskFullError(path: path)
            case .SQLITE_IOERR where [ENOSPC, EFBIG, EDQUOT].contains(systemErrno):
                return diskFullError(path: path)
            case .SQLITE_IOERR where [EROFS, EACCES, EPERM].contains(systemErrno):
                return readOnlyError(path: path)
            case .SQLITE_IOERR:
                return TuoguanError(
                    .fileUnwritable, zh: "账本文件读写出错（\(detail)），这次的改动没有记下",
                    en: "the ledger file could not be read or written (\(detail)): the change was not recorded",
                    fix: LocalizedText(
                        zh: "检查磁盘后用 verify 核对账本，再重做这次操作",
                        en: "check the disk, run verify on the ledger, then do this again"),
                    at: SourceLocation(file: path))
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
                return TuoguanError(
                    .fileUnwritable, zh: "无法打开账本文件（\(detail)）", en: "the ledger file cannot be opened (\(detail))",
                    fix: LocalizedText(
                        zh: "检查账本文件及其所在文件夹的权限：写入时两者都要可写",
                        en: "check the permissions of the ledger and of its folder: both must be writable to record anything"),
                    at: SourceLocation(file: path))
            default:
                return TuoguanError(
                    .ledger, zh: "账本数据库出错：\(db.message ?? "\(db.resultCode)")",
                    en: "ledger database error: \(db.message ?? "\(db.resultCode)")", at: SourceLocation(file: path))
            }
        }
        return TuoguanError(.ledger, zh: "账本出错：\(error)", en: "ledger error: \(error)", at: SourceLocation(file: path))
    }

    static func readOnlyError(path: String) -> TuoguanError {
        TuoguanError(
            .fileUnwritable, zh: "账本文件是只读的，无法写入：没有记下任何内容",
            en: "the ledger file is read-only: nothing was recorded",
            fix: LocalizedText(
                zh: "让当前用户可以写这个文件及其所在文件夹（chmod u+w），或只做查询",
                en: "make the file and its folder writable for this user (chmod u+w), or only run commands that read"),
            at: SourceLocation(file: path))
    }

    static func diskFullError(path: String) -> TuoguanError {
        TuoguanError(
            .fileUnwritable, zh: "磁盘已满或文件超过大小限制：账本无法写入，这次没有记下任何内容",
            en: "the disk is full or the file is too large: the ledger could not be written, nothing was recorded",
            fix: LocalizedText(
                zh: "腾出磁盘空间（或把账本移到空间足够的磁盘）后重做这次操作",
                en: "free some disk space (or move the ledger to a disk with room), then do this again"),
            at: SourceLocation(file: path))
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

extension Ledger {
    /// A reader over `db` with this ledger's rules and day.
    func reader(_ db: Database) -> LedgerReader {
        LedgerReader(db: db, rules: rules, asOf: asOf)
    }

    /// Runs `work` with a ``LedgerReader`` in one read transaction.
    ///
    /// ```swift
    /// let window = try ledger.reading { try $0.enrolment(studentId: "S001", courseId: "X1") }
    /// ```
    func reading<T>(_ work: (LedgerReader) throws -> T) throws -> T {
        try read { db in try work(reader(db)) }
    }

    /// Runs `work` with a ``LedgerWriter`` in one write transaction, committed when `work` returns and rolled
    /// back when it throws: the only way to get a writer. `whenClosed`: the work may run on a closed ledger
    /// (the reopening itself). `dryRun`: always rolled back (the same code path, nothing kept).
    /// `referencesChecked`: see ``write(referencesChecked:whenClosed:_:)``.
    ///
    /// ```swift
    /// try ledger.record { writer in try writer.append(entry, by: "clerk") }
    /// ```
    func record<T>(
        dryRun: Bool = false, referencesChecked: Bool = false, whenClosed: Bool = false, _ work: (LedgerWriter) throws -> T
    ) throws -> T {
        let write = { (db: Database) in try work(LedgerWriter(ledger: self, db: db)) }
        return dryRun
            ? try writeAndRollBack(referencesChecked: referencesChecked, write)
            : try self.write(referencesChecked: referencesChecked, whenClosed: whenClosed, write)
    }
}
