import GRDB
import GRDBSQLite
import TuoguanCore

/// The term's attendance counted row by row, as it is written: the rule of what a row counts for, in one place.
///
/// A row of a held session whose day is inside its student's enrolment window [from, until) in the session's
/// course counts one present, leave or absent lesson for that enrolment, and a present one also the session's
/// minutes. Every present row, of any session, counts one student present at its session.
///
/// Every count of attendance goes through it: the attendance import adds each row it inserts and writes the
/// counts into the ledger's tallies at its end, in its own transaction (``write(_:)``); a recount of the whole
/// ledger adds every row in one pass (``addAllRows(db:)``: migration `v5-tallies` and `verify`); a recount of
/// a few enrolments, or one student's usage over arbitrary windows, adds those students' rows
/// (``addRows(ofStudent:db:)``).
///
/// ```swift
/// let tally = try AttendanceTally(db: db, sessions: sessions, windows: [.init(student: "S1", course: "X1", enrolment: EnrolmentWindow(from: d))])
/// tally.add(session: 7, studentNo: 1, code: 0)   // S1 present at session 7
/// tally.counts[0].present                        // 1 if session 7 is a held X1 session on or after d
/// ```
final class AttendanceTally {
    /// One session, as the counting needs it.
    struct Session {
        var course: String
        var teacher: String
        var day: Int
        var held: Bool
        var minutes: Int64
        /// Cancelled by the school (neither held nor still to come).
        var cancelled = false
        /// Made by the course's timetable (`tuoguan schedule`).
        var planned = false
    }

    /// One enrolment: its student, its course and its window.
    struct Window {
        var student: String
        var course: String
        var enrolment: EnrolmentWindow
    }

    /// What one enrolment's rows count.
    struct Counts: Equatable {
        var present = 0
        var leave = 0
        var absent = 0
        var minutesPresent: Int64 = 0
        /// The sessions' minutes at the lessons on leave and absent (`per_student_hour` counts every lesson
        /// by its own minutes).
        var minutesLeave: Int64 = 0
        var minutesAbsent: Int64 = 0
    }

    /// A session as a row needs it: the course is a small integer.
    private struct Slot {
        var held: Bool
        var day: Int
        var minutes: Int64
        var course: Int32
    }

    let windows: [Window]
    /// Per window (same order): what the rows added so far count. (Both counters are only ever touched by
    /// the thread that owns the tally, one call at a time: the runtime's access checks, on every row, are off.)
    @exclusivity(unchecked) private(set) var counts: [Counts]
    /// Per session slot: present rows added so far.
    @exclusivity(unchecked) private var presentAt: [Int]
    private let sessionIds: [Int64]
    private let slots: [Slot]
    private let slotOfSession: IntegerIndex
    /// The students table's integer key (what a row stores) → student number; that student's windows are
    /// `entryCourse/entryWindow[studentStart[s] ..< studentStart[s + 1]]`.
    private let studentOfKey: IntegerIndex
    private let studentStart: [Int32]
    private let entryCourse: [Int32]
    private let entryWindow: [Int32]
    private let windowFrom: [Int]
    private let windowUntil: [Int]
    /// What the numbers stand for: course number → id; student number → id and the students table's integer
    /// key (-1 when the students table does not have it).
    let courseIds: [String]
    let studentIds: [String]
    let keyOfStudent: [Int64]

    /// `sessions`: the sessions whose rows count (a row of another session counts nothing); `windows`: the
    /// enrolments that count (a row of a student or course without one counts only for its session).
    init(db: Database, sessions: [Int64: Session], windows: [Window]) throws {
        var courseIndex: [String: Int32] = [:]
        func course(_ id: String) -> Int32 {
            if let i = courseIndex[id] { return i }
            courseIndex[id] = Int32(courseIndex.count)
            return Int32(courseIndex.count - 1)
        }
        var ids: [Int64] = []
        var slots: [Slot] = []
        ids.reserveCapacity(sessions.count)
        slots.reserveCapacity(sessions.count)
        for (id, s) in sessions {
            ids.append(id)
            slots.append(Slot(held: s.held, day: s.day, minutes: s.minutes, course: course(s.course)))
        }
        self.sessionIds = ids
        self.slots = slots
        slotOfSession = IntegerIndex(ids.enumerated().map { ($0.element, Int32($0.offset)) })
        // Student → its (course, window) entries, kept flat.
        var numberOf: [String: Int32] = [:]
        var byStudent: [[(course: Int32, window: Int32)]] = []
        for (i, w) in windows.enumerated() {
            let entry = (course(w.course), Int32(i))
            if let s = numberOf[w.student] {
                byStudent[Int(s)].append(entry)
            } else {
                numberOf[w.student] = Int32(byStudent.count)
                byStudent.append([entry])
            }
        }
        let keys = try Self.studentKeys(db: db, numbers: numberOf)
        studentOfKey = IntegerIndex(keys)
        var keyOfStudent = [Int64](repeating: -1, count: byStudent.count)
        for (key, s) in keys { keyOfStudent[Int(s)] = key }
        self.keyOfStudent = keyOfStudent
        var studentIds = [String](repeating: "", count: byStudent.count)
        for (id, s) in numberOf { studentIds[Int(s)] = id }
        self.studentIds = studentIds
        var courseIds = [String](repeating: "", count: courseIndex.count)
        for (id, c) in courseIndex { courseIds[Int(c)] = id }
        self.courseIds = courseIds
        var start: [Int32] = [0]
        var entryCourse: [Int32] = []
        var entryWindow: [Int32] = []
        entryCourse.reserveCapacity(windows.count)
        entryWindow.reserveCapacity(windows.count)
        for entries in byStudent {
            for entry in entries {
                entryCourse.append(entry.course)
                entryWindow.append(entry.window)
            }
            start.append(Int32(entryCourse.count))
        }
        studentStart = start
        self.entryCourse = entryCourse
        self.entryWindow = entryWindow
        windowFrom = windows.map(\.enrolment.dayNumbers.from)
        // The counting arrays keep an open window's end as the last day number there is (every day before it).
        windowUntil = windows.map { $0.enrolment.dayNumbers.until ?? .max }
        self.windows = windows
        counts = Array(repeating: Counts(), count: windows.count)
        presentAt = Array(repeating: 0, count: slots.count)
    }

    /// The students table's integer key of each student in `numbers`, with its number: looked up one by one
    /// for a few students, read from the whole table for many.
    private static func studentKeys(db: Database, numbers: [String: Int32]) throws -> [(Int64, Int32)] {
        var keys: [(Int64, Int32)] = []
        if numbers.count <= 64 {
            let statement = try db.cachedStatement(sql: "SELECT no FROM students WHERE id = ?")
            for (id, s) in numbers {
                if let no = try Int64.fetchOne(statement, arguments: [id]) { keys.append((no, s)) }
            }
            return keys
        }
        let rows = try Row.fetchCursor(db, sql: "SELECT no, id FROM students")
        while let row = try rows.next() {
            if let s = numbers[row[1] as String] { keys.append((row[0], s)) }
        }
        return keys
    }

    /// Every session as (id, course number, day, held): what the attendance import's fast path indexes rows
    /// by, without reading the sessions again.
    var sessionList: [(id: Int64, course: Int32, day: Int, held: Bool)] {
        zip(sessionIds, slots).map { ($0, $1.course, $1.day, $1.held) }
    }

    /// Student number `s`'s windows as (course number, from, until).
    func windows(ofStudent s: Int) -> [(course: Int32, from: Int, until: Int)] {
        (Int(studentStart[s])..<Int(studentStart[s + 1])).map { k in
            let w = Int(entryWindow[k])
            return (entryCourse[k], windowFrom[w], windowUntil[w])
        }
    }

    /// Counts one attendance row: `code` 0 present, 1 leave, 2 absent (``AttendanceCode``).
    @inline(__always) func add(session id: Int64, studentNo: Int64, code: Int64) {
        let slot = slotOfSession[id]
        guard slot >= 0 else { return }
        let session = slots[Int(slot)]
        if code == 0 { presentAt[Int(slot)] += 1 }
        guard session.held else { return }
        let student = studentOfKey[studentNo]
        guard student >= 0 else { return }
        var k = Int(studentStart[Int(student)])
        let end = Int(studentStart[Int(student) + 1])
        while k < end && entryCourse[k] != session.course { k += 1 }
        guard k < end else { return }
        let w = Int(entryWindow[k])
        guard session.day >= windowFrom[w] && session.day < windowUntil[w] else { return }
        if code == 0 {
            counts[w].present += 1
            counts[w].minutesPresent += session.minutes
        } else if code == 1 {
            counts[w].leave += 1
            counts[w].minutesLeave += session.minutes
        } else {
            counts[w].absent += 1
            counts[w].minutesAbsent += session.minutes
        }
    }

    /// Counts every attendance row of one student (through the student index).
    func addRows(ofStudent id: String, db: Database) throws {
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: "SELECT session_id, student_no, status FROM attendance WHERE student_no = (SELECT no FROM students WHERE id = ?)"),
            arguments: [id])
        while let row = try rows.next() { add(session: row[0], studentNo: row[1], code: row[2]) }
    }

    /// Counts every attendance row of the ledger: one pass over the table in its primary key's order (no
    /// index, no join, no sort).
    func addAllRows(db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT session_id, student_no, status FROM attendance")
        while let row = try rows.next() { add(session: row[0], studentNo: row[1], code: row[2]) }
    }

    /// The students present counted at each session, for the sessions with any.
    func presentBySession() -> [Int64: Int] {
        var out: [Int64: Int] = [:]
        for (slot, n) in presentAt.enumerated() where n > 0 { out[sessionIds[slot]] = n }
        return out
    }

    /// Adds what was counted into the ledger's tallies (``Ledger/usageTalliesTable`` and
    /// ``Ledger/sessionTalliesTable``), in the caller's transaction, and starts again from zero.
    func write(_ db: Database) throws {
        try writeUsage(db)
        try writeSessions(db)
    }

    /// Adds what the enrolments' rows counted into ``Ledger/usageTalliesTable`` and starts them again from zero.
    func writeUsage(_ db: Database) throws {
        // The minutes of leave and absence have their columns from migration `v6-timetable` on (a ledger being
        // upgraded fills the tallies at `v5-tallies` without them, then again at `v6-timetable`).
        let withMinutes = try db.columns(in: "usage_tallies").contains { $0.name == "minutes_leave" }
        let usage = try db.makeStatement(
            sql: withMinutes
                ? """
                INSERT INTO usage_tallies (student_id, course_id, present, leave, absent, minutes_present, minutes_leave, minutes_absent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (student_id, course_id) DO UPDATE SET
                    present = present + excluded.present, leave = leave + excluded.leave,
                    absent = absent + excluded.absent, minutes_present = minutes_present + excluded.minutes_present,
                    minutes_leave = minutes_leave + excluded.minutes_leave, minutes_absent = minutes_absent + excluded.minutes_absent
                """
                : """
                INSERT INTO usage_tallies (student_id, course_id, present, leave, absent, minutes_present)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (student_id, course_id) DO UPDATE SET
                    present = present + excluded.present, leave = leave + excluded.leave,
                    absent = absent + excluded.absent, minutes_present = minutes_present + excluded.minutes_present
                """)
        for (i, c) in counts.enumerated() where c != Counts() {
            let w = windows[i]
            var arguments: [DatabaseValueConvertible] = [w.student, w.course, c.present, c.leave, c.absent, c.minutesPresent]
            if withMinutes { arguments += [c.minutesLeave, c.minutesAbsent] }
            try usage.execute(arguments: StatementArguments(arguments))
        }
        counts = Array(repeating: Counts(), count: counts.count)
    }

    /// Adds the students present counted at each session into ``Ledger/sessionTalliesTable`` and starts them
    /// again from zero.
    func writeSessions(_ db: Database) throws {
        let session = try db.makeStatement(
            sql: """
                INSERT INTO session_tallies (session_id, present) VALUES (?, ?)
                ON CONFLICT (session_id) DO UPDATE SET present = present + excluded.present
                """)
        for (slot, n) in presentAt.enumerated() where n > 0 {
            try session.execute(arguments: [sessionIds[slot], n])
        }
        presentAt = Array(repeating: 0, count: presentAt.count)
    }
}

/// Integer keys (row ids, dense in practice) → small integers; -1 for a key not given. A flat table when the
/// keys are dense, a dictionary when they are not.
///
/// ```swift
/// let index = IntegerIndex([(3, 0), (5, 1)])
/// index[5]   // 1
/// index[4]   // -1
/// ```
struct IntegerIndex {
    private var dense: [Int32] = []
    private var sparse: [Int64: Int32] = [:]
    private let isDense: Bool

    init(_ pairs: [(Int64, Int32)]) {
        let low = pairs.lazy.map(\.0).min() ?? 0
        let high = pairs.lazy.map(\.0).max() ?? -1
        isDense = low >= 0 && high <= Int64(max(1024, pairs.count * 4))
        if isDense {
            dense = Array(repeating: -1, count: Int(high) + 1)
            for (key, value) in pairs { dense[Int(key)] = value }
        } else {
            for (key, value) in pairs { sparse[key] = value }
        }
    }

    @inline(__always) subscript(key: Int64) -> Int32 {
        if isDense { return key >= 0 && key < Int64(dense.count) ? dense[Int(key)] : -1 }
        return sparse[key] ?? -1
    }
}

/// SQLite's SQLITE_TRANSIENT: the text is copied when bound.
let SQLITE_TRANSIENT_ = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

extension Ledger {
    /// Every session by id. `asOf`: see ``addSessions(_:rows:asOf:)``.
    static func loadSessions(db: Database, asOf: CivilDate? = nil) throws -> [Int64: AttendanceTally.Session] {
        var sessions: [Int64: AttendanceTally.Session] = [:]
        try addSessions(&sessions, rows: Row.fetchCursor(db, sql: sessionColumns(db) + " FROM sessions"), asOf: asOf)
        return sessions
    }

    /// The sessions of these courses by id.
    static func loadSessions(db: Database, courses: some Sequence<String>, asOf: CivilDate? = nil) throws
        -> [Int64: AttendanceTally.Session]
    {
        var sessions: [Int64: AttendanceTally.Session] = [:]
        let statement = try db.cachedStatement(sql: sessionColumns(db) + " FROM sessions WHERE course_id = ?")
        for course in courses {
            try addSessions(&sessions, rows: Row.fetchCursor(statement, arguments: [course]), asOf: asOf)
        }
        return sessions
    }

    /// The columns ``addSessions(_:rows:asOf:)`` reads: (id, course_id, date, teacher_id, status, minutes, made by
    /// the timetable). A ledger being upgraded has no `timetable` column before migration `v6-timetable`.
    static func sessionColumns(_ db: Database) throws -> String {
        let planned = try db.columns(in: "sessions").contains { $0.name == "timetable" } ? "timetable" : "0"
        return #"SELECT id, course_id, date, teacher_id, status, "end" - start, "# + planned
    }

    /// Adds rows of ``sessionColumns(_:)``. A `scheduled` session (made by `tuoguan schedule`) is held once its
    /// day has passed (`day < asOf`); with `asOf` nil (counting attendance rows: a scheduled session's rows
    /// are recorded as it becomes held) it counts as held.
    static func addSessions(_ sessions: inout [Int64: AttendanceTally.Session], rows: RowCursor, asOf: CivilDate?) throws {
        let today = asOf?.dayNumber ?? Int.max
        while let row = try rows.next() {
            guard let date = CivilDate(parsing: row[2] as String) else { continue }
            let status: String = row[4]
            let day = date.dayNumber
            sessions[row[0]] = AttendanceTally.Session(
                course: row[1], teacher: row[3], day: day,
                held: status == "held" || (status == SessionState.scheduled && day < today), minutes: row[5],
                cancelled: status == "cancelled", planned: (row[6] as Int64) != 0)
        }
    }
}

/// The states of a session the ledger stores besides `held` and `cancelled`.
enum SessionState {
    /// Made from the timetable, not yet held: held once its day has passed or its attendance is recorded.
    static let scheduled = "scheduled"
}
