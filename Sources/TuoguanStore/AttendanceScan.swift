import Dispatch
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
    ///
    /// `secondReader`: a second connection to the same state of the ledger, given when the whole table is
    /// scanned: from `splitFrom` sessions on, the later half of the sessions is scanned there at the same time.
    ///
    /// A row costs no string and no hash: the session comes from a table by id (the row's course is the
    /// session's), the student from a table by the students table's integer key.
    init(
        db: Database, sessions: [Int64: Session], enrollments: [(student: String, course: String, from: Int, until: Int)],
        studentFilter: String? = nil, secondReader: SecondReader? = nil, splitFrom: Int = defaultSplitFrom
    ) throws {
        // Courses and (teacher, course) pairs as small integers.
        var courseIndex: [String: Int32] = [:]
        var courseNames: [String] = []
        func course(_ id: String) -> Int32 {
            if let i = courseIndex[id] { return i }
            courseIndex[id] = Int32(courseNames.count)
            courseNames.append(id)
            return Int32(courseNames.count - 1)
        }
        var pairIndex: [String: Int32] = [:]
        var pairNames: [String] = []
        // Sessions: id → slot.
        typealias Slot = Tables.Slot
        var slots: [Slot] = []
        slots.reserveCapacity(sessions.count)
        var slotById: [Int64: Int32] = [:]
        let maxId = sessions.keys.max() ?? 0
        let dense = maxId >= 0 && maxId <= Int64(max(1024, sessions.count * 4))
        var denseSlots = [Int32](repeating: -1, count: dense ? Int(maxId) + 1 : 0)
        for (id, session) in sessions {
            let key = session.teacher + "\u{1}" + session.course
            let pair: Int32
            if let p = pairIndex[key] {
                pair = p
            } else {
                pair = Int32(pairNames.count)
                pairIndex[key] = pair
                pairNames.append(key)
            }
            let slot = Int32(slots.count)
            slots.append(Slot(held: session.held, day: session.day, minutes: session.minutes, course: course(session.course), pair: pair))
            if dense && id >= 0 { denseSlots[Int(id)] = slot } else { slotById[id] = slot }
        }
        // Student id → student number → that student's (course, enrollment) entries, kept flat (entries
        // `studentStart[s] ..< studentStart[s + 1]`).
        var studentsById: [String: Int32] = [:]
        var byStudent: [[(course: Int32, index: Int32)]] = []
        for (i, e) in enrollments.enumerated() {
            let entry = (course(e.course), Int32(i))
            if let s = studentsById[e.student] {
                byStudent[Int(s)].append(entry)
            } else {
                studentsById[e.student] = Int32(byStudent.count)
                byStudent.append([entry])
            }
        }
        // The students table's integer key (what a row stores) → student number; -1 for a student with no
        // enrollment. Keys are rowids, dense in practice: a flat table, or a dictionary when they are not.
        var numberOfKey: [Int64: Int32] = [:]
        let keyRows = try Row.fetchCursor(
            db, sql: studentFilter == nil ? "SELECT no, id FROM students" : "SELECT no, id FROM students WHERE id = ?",
            arguments: StatementArguments(studentFilter.map { [$0] } ?? []))
        while let row = try keyRows.next() {
            if let s = studentsById[row[1] as String] { numberOfKey[row[0]] = s }
        }
        studentsById = [:]
        let maxKey = numberOfKey.keys.max() ?? 0
        let denseKeys = maxKey >= 0 && maxKey <= Int64(max(1024, numberOfKey.count * 4))
        var studentOfKey = [Int32](repeating: -1, count: denseKeys ? Int(maxKey) + 1 : 0)
        if denseKeys {
            for (key, s) in numberOfKey where key >= 0 { studentOfKey[Int(key)] = s }
            numberOfKey = [:]
        }
        var studentStart: [Int32] = [0]
        var entryCourse: [Int32] = []
        var entryIndex: [Int32] = []
        studentStart.reserveCapacity(byStudent.count + 1)
        entryCourse.reserveCapacity(enrollments.count)
        entryIndex.reserveCapacity(enrollments.count)
        for entries in byStudent {
            for entry in entries {
                entryCourse.append(entry.course)
                entryIndex.append(entry.index)
            }
            studentStart.append(Int32(entryCourse.count))
        }
        byStudent = []
        // Each enrollment's window [from, until) in day numbers.
        let windowFrom = enrollments.map(\.from)
        let windowUntil = enrollments.map(\.until)

        let tables = Tables(
            slots: slots, dense: dense, denseSlots: denseSlots, slotById: slotById, denseKeys: denseKeys,
            studentOfKey: studentOfKey, numberOfKey: numberOfKey, studentStart: studentStart, entryCourse: entryCourse,
            entryIndex: entryIndex, windowFrom: windowFrom, windowUntil: windowUntil, enrollments: enrollments.count,
            pairs: pairNames.count, courses: courseNames.count)

        var tally: Tally
        if studentFilter == nil, let secondReader, let split = Self.splitPoint(sessions.keys, from: splitFrom) {
            // The sessions from `split` on are scanned on the second connection while this one scans the
            // rest; if that connection cannot (it sees another state of the ledger, or fails), here after.
            let other = Pending()
            DispatchQueue.global().async {
                other.set(secondReader { db in try tables.scan(db.sqliteConnection!, sessions: split..<Int64.max) })
            }
            do {
                tally = try tables.scan(db.sqliteConnection!, sessions: Int64.min..<split)
            } catch {
                _ = other.wait()  // the second connection's work ends before the error leaves
                throw error
            }
            if let second = other.wait() {
                tally.add(second)
            } else {
                tally.add(try tables.scan(db.sqliteConnection!, sessions: split..<Int64.max))
            }
        } else {
            tally = try tables.scan(db.sqliteConnection!, studentFilter: studentFilter)
        }
        present = tally.present
        leave = tally.leave
        absent = tally.absent
        minutesPresent = tally.minutesPresent
        if studentFilter == nil {
            for (i, minutes) in tally.teaching.enumerated() where minutes > 0 { teachingMinutes[pairNames[i]] = minutes }
            for (i, count) in tally.most.enumerated() where count > 0 { maxPresent[courseNames[i]] = count }
        }
    }

    /// Runs a scan on a second connection that sees the same state of the ledger as the first, and returns
    /// its tally; nil when it cannot (then the first connection scans that part too).
    typealias SecondReader = @Sendable (_ scan: @Sendable (Database) throws -> Tally) -> Tally?

    /// From how many sessions the table is cut in two by default: fewer cost less to scan than a second
    /// connection does.
    static let defaultSplitFrom = 2_000

    /// Where to cut the table in two for two connections: the median session id (the rows are in session
    /// order). Nil below `from` sessions.
    static func splitPoint(_ ids: some Collection<Int64>, from: Int) -> Int64? {
        guard ids.count >= max(from, 2) else { return nil }
        let sorted = ids.sorted()
        return sorted[sorted.count / 2]
    }

    /// A value handed from one thread to another.
    private final class Pending: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var value: Tally?
        func set(_ value: Tally?) {
            self.value = value
            done.signal()
        }
        func wait() -> Tally? {
            done.wait()
            return value
        }
    }

    /// What a scan adds up: per enrollment, per (teacher, course) pair, per course.
    struct Tally: Sendable {
        var present: [Int]
        var leave: [Int]
        var absent: [Int]
        var minutesPresent: [Int64]
        var teaching: [Int64]
        var most: [Int]

        /// Adds a tally of other sessions (sessions are never split between two tallies, so the most present at
        /// one session is the larger of the two).
        mutating func add(_ other: Tally) {
            for i in present.indices {
                present[i] += other.present[i]
                leave[i] += other.leave[i]
                absent[i] += other.absent[i]
                minutesPresent[i] += other.minutesPresent[i]
            }
            for i in teaching.indices { teaching[i] += other.teaching[i] }
            for i in most.indices { most[i] = max(most[i], other.most[i]) }
        }
    }

    /// The lookups a scan needs, made once and shared by the connections that scan.
    struct Tables: Sendable {
        /// A session as the scan needs it.
        struct Slot: Sendable {
            var held: Bool
            var day: Int
            var minutes: Int64
            var course: Int32
            var pair: Int32
        }
        var slots: [Slot]
        var dense: Bool
        var denseSlots: [Int32]
        var slotById: [Int64: Int32]
        var denseKeys: Bool
        var studentOfKey: [Int32]
        var numberOfKey: [Int64: Int32]
        var studentStart: [Int32]
        var entryCourse: [Int32]
        var entryIndex: [Int32]
        var windowFrom: [Int]
        var windowUntil: [Int]
        var enrollments: Int
        var pairs: Int
        var courses: Int

        @inline(__always) func slot(of id: Int64) -> Int32 {
            if dense { return id >= 0 && id < Int64(denseSlots.count) ? denseSlots[Int(id)] : -1 }
            return slotById[id] ?? -1
        }

        /// One pass over the attendance rows of the sessions in `sessions` (all rows, or one student's).
        func scan(_ connection: OpaquePointer, sessions: Range<Int64> = Int64.min..<Int64.max, studentFilter: String? = nil) throws -> Tally {
            var tally = Tally(
                present: Array(repeating: 0, count: enrollments), leave: Array(repeating: 0, count: enrollments),
                absent: Array(repeating: 0, count: enrollments), minutesPresent: Array(repeating: 0, count: enrollments),
                teaching: Array(repeating: 0, count: pairs), most: Array(repeating: 0, count: courses))
            let sql =
                studentFilter == nil
                ? "SELECT session_id, student_no, status FROM attendance WHERE session_id >= ?1 AND session_id < ?2"
                : "SELECT session_id, student_no, status FROM attendance WHERE student_no = (SELECT no FROM students WHERE id = ?3)"
            var statement: OpaquePointer?
            let rc = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
            guard rc == SQLITE_OK, let statement else {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
            defer { sqlite3_finalize(statement) }
            if let studentFilter {
                _ = studentFilter.withCString { sqlite3_bind_text(statement, 3, $0, -1, SQLITE_TRANSIENT_) }
            } else {
                sqlite3_bind_int64(statement, 1, sessions.lowerBound)
                sqlite3_bind_int64(statement, 2, sessions.upperBound)
            }

            var currentSession: Int64 = .min
            var currentSlot: Int32 = -1
            var currentPresent = 0
            func closeSession() {
                guard currentPresent > 0, currentSlot >= 0 else { return }
                let session = slots[Int(currentSlot)]
                if currentPresent > tally.most[Int(session.course)] { tally.most[Int(session.course)] = currentPresent }
                if session.held { tally.teaching[Int(session.pair)] += Int64(currentPresent) * session.minutes }
            }
            var lastKey: Int64 = .min
            // The last student's entries (empty when the student has none).
            var entriesFrom = 0
            var entriesTo = 0
            while true {
                let step = sqlite3_step(statement)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: step), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
                }
                let sessionId = sqlite3_column_int64(statement, 0)
                // status: 0 present, 1 leave, 2 absent (``AttendanceCode``, the CHECK constraint).
                let code = sqlite3_column_int64(statement, 2)
                let isPresent = code == 0

                // Rows come in session order (the primary key), except through the student filter, where the most
                // present per course is not used.
                if sessionId != currentSession {
                    closeSession()
                    currentSession = sessionId
                    currentSlot = slot(of: sessionId)
                    currentPresent = 0
                }
                if isPresent { currentPresent += 1 }
                guard currentSlot >= 0 else { continue }
                let session = slots[Int(currentSlot)]
                guard session.held else { continue }

                // The student's enrollments, from the row's student key.
                let key = sqlite3_column_int64(statement, 1)
                if key != lastKey {
                    lastKey = key
                    let student: Int32
                    if denseKeys {
                        student = key >= 0 && key < Int64(studentOfKey.count) ? studentOfKey[Int(key)] : -1
                    } else {
                        student = numberOfKey[key] ?? -1
                    }
                    if student >= 0 {
                        entriesFrom = Int(studentStart[Int(student)])
                        entriesTo = Int(studentStart[Int(student) + 1])
                    } else {
                        entriesFrom = 0
                        entriesTo = 0
                    }
                }
                var e = -1
                var k = entriesFrom
                while k < entriesTo {
                    if entryCourse[k] == session.course {
                        e = Int(entryIndex[k])
                        break
                    }
                    k += 1
                }
                guard e >= 0, session.day >= windowFrom[e] && session.day < windowUntil[e] else { continue }
                if isPresent {
                    tally.present[e] += 1
                    tally.minutesPresent[e] += session.minutes
                } else if code == 1 {
                    tally.leave[e] += 1
                } else {
                    tally.absent[e] += 1
                }
            }
            closeSession()
            return tally
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

    /// Each course's schedule (service days on its weekdays plus every day a session
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
