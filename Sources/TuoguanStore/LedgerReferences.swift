import GRDB
import TuoguanCore
import TuoguanInput

/// What an import asks the ledger about the ids a row names: whether a student, teacher or course is
/// recorded (every id of a table read at the first question about it: an import asks about thousands, and
/// never about the table it writes), and a course's record.
///
/// ```swift
/// let references = LedgerReferences(ledger: ledger, db: db)
/// try references.isKnown("S001", .students)  // true when the students sheet was imported
/// ```
final class LedgerReferences: ReferenceCheck {
    private let ledger: Ledger
    private let db: Database
    /// Each table's ids, read at the first question about the table.
    private var ids: [ReferenceTable: Set<String>] = [:]
    /// Courses read from the ledger during this import (courses do not change while sessions or
    /// enrollments are imported).
    private var knownCourses: [String: Course] = [:]

    init(ledger: Ledger, db: Database) {
        self.ledger = ledger
        self.db = db
    }

    func isKnown(_ id: String, _ table: ReferenceTable) throws -> Bool {
        if let known = ids[table] { return known.contains(id) }
        let all = Set(try String.fetchAll(db, sql: "SELECT id FROM \(table.rawValue)"))
        ids[table] = all
        return all.contains(id)
    }

    func courseId(named name: String) throws -> String? {
        let ids = try String.fetchAll(
            db.cachedStatement(sql: "SELECT id FROM courses WHERE name = ? LIMIT 2"), arguments: [name])
        return ids.count == 1 ? ids[0] : nil
    }

    /// A course of the ledger.
    func course(_ id: String) throws -> Course? {
        if let known = knownCourses[id] { return known }
        let found = try ledger.reader(db).course(id)
        if let found { knownCourses[id] = found }
        return found
    }
}

/// The same for the attendance rows the fast path left to the row-by-row one: every student, course,
/// enrollment and session read at once (the first such row), then each row checked in memory.
final class AttendanceReferences: ReferenceCheck {
    /// Student id → the students table's integer key (attendance rows store it).
    private(set) var students: [String: Int64] = [:]
    private var courses: Set<String> = []
    /// `student \u{1} course` → the enrollment's dates.
    private(set) var enrollments: [String: EnrolmentWindow] = [:]
    /// `course \u{1} date` → the session's id and whether it was held.
    private(set) var sessions: [String: (id: Int64, held: Bool)] = [:]

    init(db: Database) throws {
        for row in try Row.fetchAll(db, sql: "SELECT id, no FROM students") { students[row[0]] = row[1] }
        courses = Set(try String.fetchAll(db, sql: "SELECT id FROM courses"))
        for row in try Row.fetchAll(db, sql: "SELECT student_id, course_id, from_date, until_date FROM enrollments") {
            guard let window = LedgerReader.storedWindow(from: row["from_date"], until: row["until_date"]) else { continue }
            enrollments[(row["student_id"] as String) + "\u{1}" + (row["course_id"] as String)] = window
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, course_id, date, status FROM sessions") {
            sessions[(row["course_id"] as String) + "\u{1}" + (row["date"] as String)] =
                (row["id"], (row["status"] as String) != "cancelled")
        }
    }

    func isKnown(_ id: String, _ table: ReferenceTable) throws -> Bool {
        switch table {
        case .students: return students[id] != nil
        case .courses: return courses.contains(id)
        case .teachers: return false
        }
    }
}
