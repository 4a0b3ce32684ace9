import GRDB
import GRDBSQLite

/// A write prepared once and run many times with its values bound in place: the store's one door to
/// SQLite's C interface for its bulk writes (an import's reference rows, its attendance), with one error
/// path. GRDB prepares and finalizes the statement; binding and stepping here skip what GRDB's
/// `execute(arguments:)` does for every call (an arguments array to build and check, the observers'
/// hooks), which a district's millions of attendance rows would pay for each row.
///
/// ```swift
/// let insert = try PreparedStatement(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
/// insert.bind(1, at: 1)
/// insert.bind("x", at: 2)
/// let changed = try insert.run()  // 1
/// ```
final class PreparedStatement {
    /// GRDB's statement: it owns the SQLite statement (prepared with GRDB's error, finalized with it).
    private let statement: Statement
    private let connection: OpaquePointer
    let sql: String
    /// SQLite's `SQLITE_TRANSIENT`: copy the bytes now (a C macro Swift does not import).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection!
        self.sql = sql
    }

    /// Binds an integer to parameter `index` (1-based); it stays bound until bound again.
    @inline(__always)
    func bind(_ value: Int64, at index: Int32) {
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    /// Binds `value` (text and blobs copied) to parameter `index`.
    func bind(_ value: DatabaseValueConvertible?, at index: Int32) {
        let s = statement.sqliteStatement
        switch value?.databaseValue.storage ?? .null {
        case .null: sqlite3_bind_null(s, index)
        case .int64(let v): sqlite3_bind_int64(s, index, v)
        case .double(let v): sqlite3_bind_double(s, index, v)
        case .string(let v): _ = v.withCString { sqlite3_bind_text(s, index, $0, -1, Self.transient) }
        case .blob(let v):
            _ = v.withUnsafeBytes { sqlite3_bind_blob(s, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// Runs the statement once with the values bound: the number of rows it changed (0 for an insert that
    /// met `ON CONFLICT DO NOTHING`). An SQLite error (a full disk, a constraint) throws GRDB's
    /// `DatabaseError` with the statement's SQL; the statement is ready to run again either way.
    @discardableResult
    func run() throws -> Int {
        let s = statement.sqliteStatement
        let rc = sqlite3_step(s)
        if rc != SQLITE_DONE {
            let error = DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            sqlite3_reset(s)
            throw error
        }
        let changed = Int(sqlite3_changes(connection))
        sqlite3_reset(s)
        return changed
    }
}
