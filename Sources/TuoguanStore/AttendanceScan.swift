import GRDB
import GRDBSQLite
import TuoguanCore

/// The term's attendance, tallied in one sequential pass over the table (primary-key order, no index
/// lookups, no sort): for every enrollment its present / leave / absent lessons and minutes present (held
/// sessions inside the enrollment's window), for every teacher and course the minutes of students present,
/// and for every course the most students present at one session.
///
/// It gives exactly what these three queries gave, which each scanned the table (the first through the
/// student index, one random lookup per row, then a sort):
///
/// ```sql
/// SELECT a.student_id, a.course_id, a.status, COUNT(*), SUM(s."end" - s.start)
///   FROM attendance a JOIN sessions s ON s.id = a.session_id
///   JOIN enrollments e ON e.student_id = a.student_id AND e.course_id = a.course_id
///  WHERE s.status = 'held' AND s.date >= e.from_date AND (e.until_date IS NULL OR s.date < e.until_date)
///  GROUP BY a.student_id, a.course_id, a.status;
/// SELECT s.teacher_id, s.course_id, SUM(s."end" - s.start) FROM attendance a JOIN sessions s ON s.id = a.session_id
///  WHERE a.status = 'present' AND s.status = 'held' GROUP BY s.teacher_id, s.course_id;
/// SELECT course_id, MAX(n) FROM (SELECT course_id, COUNT(*) AS n FROM attendance
///  WHERE status = 'present' GROUP BY session_id) GROUP BY course_id;
/// ```
struct AttendanceScan {
    /// One session, as the scan needs it.
    struct Session {
        var course: String
        var teacher: String
        var day: Int
        var held: Bool
        var minutes: Int64
    }

    /// Per enrollment (same order as the `enrollments` given): counts and minutes present.
    var present: [Int]
    var leave: [Int]
    var absent: [Int]
    var minutesPresent: [Int64]
    /// teacher \u{1} course → minutes of students present at held sessions.
    var teachingMinutes: [String: Int64] = [:]
    /// course → most students present at one session.
    var maxPresent: [String: Int] = [:]

    /// `enrollments`: (student, course, from, until) as day numbers (until: `Int.max` when open).
    /// `studentFilter`: only this student's rows (through the student index) when given.
    init(
        db: Database, sessions: [Int64: Session], enrollments: [(student: String, course: String, from: Int, until: Int)],
        studentFilter: String? = nil
    ) throws {
        present = Array(repeating: 0, count: enrollments.count)
        leave = present
        absent = present
        minutesPresent = Array(repeating: 0, count: enrollments.count)
        // student → [(course, enrollment index)]
        var byStudent: [String: [(course: String, index: Int)]] = [:]
        for (i, e) in enrollments.enumerated() { byStudent[e.student, default: []].append((e.course, i)) }

        let connection = db.sqliteConnection!
        let sql =
            studentFilter == nil
            ? "SELECT session_id, student_id, course_id, status FROM attendance"
            : "SELECT session_id, student_id, course_id, status FROM attendance WHERE student_id = ?"
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        defer { sqlite3_finalize(statement) }
        if let studentFilter {
            _ = studentFilter.withCString { sqlite3_bind_text(statement, 1, $0, -1, SQLITE_TRANSIENT_) }
        }

        func text(_ column: Int32) -> String {
            guard let p = sqlite3_column_text(statement, column) else { return "" }
            let n = Int(sqlite3_column_bytes(statement, column))
            return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }

        var currentSession: Int64 = .min
        var currentCourse = ""
        var currentPresent = 0
        var teaching: [String: Int64] = [:]
        var most: [String: Int] = [:]
        func closeSession() {
            guard currentPresent > 0 else { return }
            if currentPresent > most[currentCourse] ?? 0 { most[currentCourse] = currentPresent }
            if let session = sessions[currentSession], session.held {
                teaching[session.teacher + "\u{1}" + session.course, default: 0] += Int64(currentPresent) * session.minutes
            }
        }
        var lastSessionId: Int64 = .min
        var lastSession: Session?
        var lastStudent = ""
        var lastEnrollments: [(course: String, index: Int)] = []
        while true {
            let step = sqlite3_step(statement)
            if step == SQLITE_DONE { break }
            guard step == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
            let sessionId = sqlite3_column_int64(statement, 0)
            let course = text(2)
            // status: present / leave / absent (the CHECK constraint); the first letter tells them apart.
            let first = sqlite3_column_text(statement, 3)?.pointee ?? 0
            let isPresent = first == UInt8(ascii: "p")

            // Most present at one session, per course (grouped by session: rows come in session order, except
            // through the student filter, where the figure is not used).
            if sessionId != currentSession {
                closeSession()
                currentSession = sessionId
                currentCourse = course
                currentPresent = 0
            }
            if isPresent { currentPresent += 1 }

            if sessionId != lastSessionId {
                lastSessionId = sessionId
                lastSession = sessions[sessionId]
            }
            guard let session = lastSession, session.held else { continue }
            let student = text(1)
            if student != lastStudent {
                lastStudent = student
                lastEnrollments = byStudent[student] ?? []
            }
            guard let e = lastEnrollments.first(where: { $0.course == course })?.index else { continue }
            let window = enrollments[e]
            guard session.day >= window.from && session.day < window.until else { continue }
            if isPresent {
                present[e] += 1
                minutesPresent[e] += session.minutes
            } else if first == UInt8(ascii: "l") {
                leave[e] += 1
            } else {
                absent[e] += 1
            }
        }
        closeSession()
        if studentFilter == nil {
            teachingMinutes = teaching
            maxPresent = most
        }
    }
}

/// SQLite's SQLITE_TRANSIENT: the text is copied when bound.
let SQLITE_TRANSIENT_ = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension Ledger {
    /// Every session by id.
    static func loadSessions(db: Database) throws -> [Int64: AttendanceScan.Session] {
        var sessions: [Int64: AttendanceScan.Session] = [:]
        let rows = try Row.fetchCursor(
            db, sql: #"SELECT id, course_id, date, teacher_id, status, "end" - start FROM sessions"#)
        while let row = try rows.next() {
            guard let date = CivilDate(parsing: row[2] as String) else { continue }
            sessions[row[0]] = AttendanceScan.Session(
                course: row[1], teacher: row[3], day: date.dayNumber, held: (row[4] as String) == "held", minutes: row[5])
        }
        return sessions
    }

    /// Each course's schedule (as ``schedule(of:db:)``: service days on its weekdays plus every day a session
    /// was recorded on, sorted) and its sessions as (day, held).
    func schedulesAndSessions(courses: [Course], sessions: [Int64: AttendanceScan.Session])
        -> (dates: [String: [CivilDate]], sessionsByCourse: [String: [(day: Int, held: Bool)]])
    {
        var byCourse: [String: [(day: Int, held: Bool)]] = [:]
        for s in sessions.values { byCourse[s.course, default: []].append((s.day, s.held)) }
        var dates: [String: [CivilDate]] = [:]
        let serviceDays = rules.serviceDays
        for course in courses {
            var set = Set(serviceDays.filter { course.weekdays.contains($0.weekday) })
            for s in byCourse[course.id] ?? [] { set.insert(CivilDate(dayNumber: s.day)) }
            dates[course.id] = set.sorted()
        }
        return (dates, byCourse)
    }

    /// Held and cancelled sessions inside each enrollment's window [from, until).
    static func tally(
        _ usages: inout [CourseUsage], windows: [(student: String, course: String, from: Int, until: Int)],
        sessions: [Int64: AttendanceScan.Session], byCourse: [String: [(day: Int, held: Bool)]], db: Database
    ) throws {
        for (i, w) in windows.enumerated() {
            var held = 0
            var cancelled = 0
            for s in byCourse[w.course] ?? [] where s.day >= w.from && s.day < w.until {
                if s.held { held += 1 } else { cancelled += 1 }
            }
            usages[i].heldLessons = held
            usages[i].cancelledLessons = cancelled
        }
    }
}
