import GRDB
import TuoguanCore

/// Writes the rows of the reference tables (students, teachers, courses, enrollments, sessions, duties,
/// scores): a row is inserted, or found there with the same values (unchanged), or found there with other
/// values (a conflict, with both sides). The SELECT goes through GRDB's statement cache; the INSERT is
/// prepared once per table and columns and bound in place, as a district's sessions are 140,000 rows.
///
/// ```swift
/// let writer = UpsertWriter(db: db, by: "clerk", now: Ledger.timestamp())
/// try writer.upsert(table: "teachers", key: [("id", "T1")], values: [("name", "王老师"), ("kind", "staff")])
/// // .inserted, then .unchanged the second time
/// ```
final class UpsertWriter {
    enum Outcome: Equatable {
        case inserted, unchanged
        /// The stored and the new values of `values`' columns, in order.
        case differs(stored: [DatabaseValue], new: [DatabaseValue])
    }

    typealias Columns = [(String, DatabaseValueConvertible?)]

    /// The statements for one table and set of columns.
    private struct Statements {
        let columns: [String]
        let select: String
        let insert: PreparedStatement

        func matches(_ key: Columns, _ values: Columns) -> Bool {
            // (Compared in place: this runs for every row.)
            columns.count == key.count + values.count && zip(columns, key).allSatisfy { $0 == $1.0 }
                && zip(columns.dropFirst(key.count), values).allSatisfy { $0 == $1.0 }
        }
    }

    private let db: Database
    private let by: String
    private let now: String
    private var statements: [String: [Statements]] = [:]
    /// Tables that were empty when this import began: every row of theirs is from this file, and the file's
    /// duplicates are caught by the parser first, so there is nothing to look up.
    private var emptyAtStart: [String: Bool] = [:]

    init(db: Database, by: String, now: String) {
        self.db = db
        self.by = by
        self.now = now
    }

    /// Inserts the row whose `key` columns are `key`, or compares it with the stored one.
    func upsert(table: String, key: Columns, values: Columns) throws -> Outcome {
        let prepared = try statements(table, key, values)
        if try !isEmpty(table) {
            // (Typed: as the argument of `fetchOne`, `StatementArguments(…)` would pick the failable `[Any]`
            // initialiser and bind nothing.)
            let keyValues: [DatabaseValueConvertible?] = key.map { $0.1 }
            if values.isEmpty {
                if try Bool.fetchOne(db.cachedStatement(sql: prepared.select), arguments: StatementArguments(keyValues)) ?? false {
                    return .unchanged
                }
            } else if let row = try Row.fetchOne(db.cachedStatement(sql: prepared.select), arguments: StatementArguments(keyValues)) {
                let stored = values.indices.map { row[$0] as DatabaseValue }
                let new = values.map { $0.1?.databaseValue ?? .null }
                return stored == new ? .unchanged : .differs(stored: stored, new: new)
            }
        }
        // (Else nothing to compare with: a table empty when the import began holds only this file's rows.)
        var index: Int32 = 1
        for (_, value) in key {
            prepared.insert.bind(value, at: index)
            index += 1
        }
        for (_, value) in values {
            prepared.insert.bind(value, at: index)
            index += 1
        }
        prepared.insert.bind(by, at: index)
        prepared.insert.bind(now, at: index + 1)
        try prepared.insert.run()
        return .inserted
    }

    private func statements(_ table: String, _ key: Columns, _ values: Columns) throws -> Statements {
        if let known = statements[table]?.first(where: { $0.matches(key, values) }) { return known }
        let all = (key + values).map(\.0) + ["recorded_by", "recorded_at"]
        let whereClause = key.map { "\"\($0.0)\" IS ?" }.joined(separator: " AND ")
        let selected = values.isEmpty ? "1" : values.map { "\"\($0.0)\"" }.joined(separator: ", ")
        let insert = "INSERT INTO \(table) (" + all.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES ("
            + all.map { _ in "?" }.joined(separator: ", ") + ")"
        let made = Statements(
            columns: (key + values).map(\.0), select: "SELECT \(selected) FROM \(table) WHERE \(whereClause)",
            insert: try PreparedStatement(db, sql: insert))
        statements[table, default: []].append(made)
        return made
    }

    private func isEmpty(_ table: String) throws -> Bool {
        if let known = emptyAtStart[table] { return known }
        let empty = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? false)
        emptyAtStart[table] = empty
        return empty
    }
}
