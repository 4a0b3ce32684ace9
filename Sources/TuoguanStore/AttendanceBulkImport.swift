import TuoguanCore
import TuoguanInput

/// The fast path of the attendance import: a term of a district is millions of rows, so a row that is
/// entirely valid goes from the file's bytes to SQLite without making a string, an array or a dictionary
/// entry. Every lookup is preloaded (ids → small integers, sessions in a table by course and day, each
/// student's enrollments in a short list) and the mark goes into the import's ``AttendanceMarkSheet``, which
/// writes the marks at the end as one row per student, course and month.
///
/// A row the fast path cannot vouch for (an unknown id, a bad date, a word in another spelling, a quoted
/// field, a duplicate or a conflict with the ledger) goes through the ordinary row-by-row import, which
/// reports it exactly as before: the fast path only ever accepts, it never judges.
///
/// ```swift
/// let bulk = AttendanceBulkImport(rules: rules, tally: tally, sheet: sheet)
/// bulk.insert(buffer, ranges: ranges, columns: columns)  // true: marked; false: take the slow path
/// ```
final class AttendanceBulkImport {
    /// Up to 15 bytes of UTF-8, packed into two words: ids, dates and status words as dictionary keys.
    struct ShortKey: Hashable {
        var a: UInt64
        var b: UInt64

        /// No id: its length byte is 0, which a key made from bytes never has.
        static let empty = ShortKey(a: 0, b: 0)
        private init(a: UInt64, b: UInt64) {
            self.a = a
            self.b = b
        }

        init?(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            let n = range.count
            if n == 0 || n > 15 { return nil }
            var a: UInt64 = 0
            var b: UInt64 = UInt64(n) << 56
            var k = 0
            var i = range.lowerBound
            while k < n {
                let v = UInt64(buffer[i])
                if k < 8 { a |= v << (8 * UInt64(k)) } else { b |= v << (8 * UInt64(k - 8)) }
                k += 1
                i += 1
            }
            self.a = a
            self.b = b
        }

        init?(_ text: String) {
            var bytes = Array(text.utf8)
            guard let key = bytes.withUnsafeMutableBufferPointer({ ShortKey(UnsafeBufferPointer($0), 0..<$0.count) })
            else { return nil }
            self = key
        }
    }

    /// The columns of the sheet, by position.
    struct Columns {
        var date: Int
        var course: Int
        var student: Int
        var status: Int
        /// A 姓名 column: a row's name must be its student's, byte for byte, else the ordinary import checks it.
        var name: Int? = nil
    }

    private let sheet: AttendanceMarkSheet
    private let studentIndex: ShortKeyTable
    /// Per student (by `studentIndex`'s number): the students table's integer key, which the row stores.
    private let studentNos: [Int64]
    /// Per student (when the file has a 姓名 column): the ledger's name in UTF-8.
    private let studentNames: [[UInt8]]
    private let courseIndex: [ShortKey: Int32]
    /// `sessionIds[course * termDays + day - termStart]`: the held session's id, 0 when there is none, -1 when
    /// it was cancelled.
    private let sessionIds: [Int64]
    /// Per student: (course, from, until, the tally's window number) as day numbers; until is `Int32.max` when open.
    private let enrollments: [[(course: Int32, from: Int32, until: Int32, window: Int)]]
    private let termStart: Int
    private let termDays: Int
    private var dates: [ShortKey: Int32] = [:]
    private var lastDate: (key: ShortKey, day: Int32)?
    private var lastCourse: (key: ShortKey, index: Int32)?
    private let words: [(key: ShortKey, status: Int)]

    /// Counts every row inserted.
    private let tally: AttendanceTally

    init(rules: PlanRules, tally: AttendanceTally, sheet: AttendanceMarkSheet, names: [String: String]? = nil) {
        self.tally = tally
        self.sheet = sheet
        termStart = rules.starts.dayNumber
        termDays = rules.ends.dayNumber - termStart + 1
        // The students, courses, sessions and enrollments the tally read (it is made first), indexed by bytes.
        var studentTable = ShortKeyTable(capacity: tally.studentIds.count)
        var nos: [Int64] = []
        var nameBytes: [[UInt8]] = []
        var byStudent: [[(course: Int32, from: Int32, until: Int32, window: Int)]] = []
        for (s, id) in tally.studentIds.enumerated() where tally.keyOfStudent[s] >= 0 {
            guard let key = ShortKey(id) else { continue }
            studentTable.insert(key, Int32(nos.count))
            nos.append(tally.keyOfStudent[s])
            if let names { nameBytes.append(Array((names[id] ?? "").utf8)) }
            byStudent.append(tally.windows(ofStudent: s).map { ($0.course, Int32($0.from), Int32(clamping: $0.until), $0.window) })
        }
        var courses: [ShortKey: Int32] = [:]
        for (c, id) in tally.courseIds.enumerated() {
            if let key = ShortKey(id) { courses[key] = Int32(c) }
        }
        var sessions = [Int64](repeating: 0, count: max(0, tally.courseIds.count * termDays))
        for session in tally.sessionList {
            let day = session.day - termStart
            guard day >= 0 && day < termDays else { continue }
            sessions[Int(session.course) * termDays + day] = session.held ? session.id : -1
        }
        studentIndex = studentTable
        studentNos = nos
        studentNames = nameBytes
        courseIndex = courses
        sessionIds = sessions
        enrollments = byStudent
        // The ledger's own words first (a generated or exported file uses only those), then the rest in a
        // fixed order: the scan below stops at the first match.
        let ordered = ImportWords.attendance.sorted { a, b in
            let (ca, cb) = (a.key == a.value, b.key == b.value)
            return ca != cb ? ca : a.key < b.key
        }
        words = ordered.compactMap { word, status in
            guard let key = ShortKey(word), let code = AttendanceCode.code(status) else { return nil }
            return (key, Int(code))
        }
    }

    /// The field without surrounding spaces, or nil when it is empty or trimming needs the slow path (an
    /// ideographic or no-break space at either end).
    @inline(__always)
    private func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
        var s = range.lowerBound
        var e = range.upperBound
        while s < e && (b[s] == 32 || b[s] == 9 || b[s] == 13) { s += 1 }
        while e > s && (b[e - 1] == 32 || b[e - 1] == 9 || b[e - 1] == 13) { e -= 1 }
        if s == e { return nil }
        if b[s] == 0xE3 || b[s] == 0xC2 || b[e - 1] == 0x80 || b[e - 1] == 0xA0 {
            // U+3000 (E3 80 80) or U+00A0 (C2 A0) at an end: the slow path trims those.
            if e - s >= 3 && b[s] == 0xE3 && b[s + 1] == 0x80 && b[s + 2] == 0x80 { return nil }
            if e - s >= 2 && b[s] == 0xC2 && b[s + 1] == 0xA0 { return nil }
            if e - s >= 3 && b[e - 3] == 0xE3 && b[e - 2] == 0x80 && b[e - 1] == 0x80 { return nil }
            if e - s >= 2 && b[e - 2] == 0xC2 && b[e - 1] == 0xA0 { return nil }
        }
        return s..<e
    }

    /// Marks the row if it is valid beyond doubt and its cell empty; false (nothing changed) when the ordinary
    /// import must look at it.
    func insert(_ b: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>], columns: Columns) -> Bool {
        let n = ranges.count
        guard columns.date < n, columns.course < n, columns.student < n, columns.status < n,
            let dateRange = trimmed(b, ranges[columns.date]), let courseRange = trimmed(b, ranges[columns.course]),
            let studentRange = trimmed(b, ranges[columns.student]), let statusRange = trimmed(b, ranges[columns.status]),
            let dateKey = ShortKey(b, dateRange), let courseKey = ShortKey(b, courseRange),
            let studentKey = ShortKey(b, studentRange), let statusKey = ShortKey(b, statusRange)
        else { return false }
        // Date: a day of the term.
        let day: Int32
        if let last = lastDate, last.key == dateKey {
            day = last.day
        } else if let known = dates[dateKey] {
            day = known
            lastDate = (dateKey, day)
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[dateRange]), as: UTF8.self)
            if let date = CivilDate(parsing: text), date.dayNumber >= termStart, date.dayNumber < termStart + termDays {
                day = Int32(date.dayNumber)
            } else {
                day = Int32.min
            }
            dates[dateKey] = day
            lastDate = (dateKey, day)
        }
        if day == Int32.min { return false }
        // Course.
        let course: Int32
        if let last = lastCourse, last.key == courseKey {
            course = last.index
        } else {
            guard let c = courseIndex[courseKey] else { return false }
            course = c
            lastCourse = (courseKey, c)
        }
        guard let student = studentIndex[studentKey] else { return false }
        if let nameColumn = columns.name, nameColumn < n, let nameRange = trimmed(b, ranges[nameColumn]) {
            let name = studentNames[Int(student)]
            guard name.count == nameRange.count, name.elementsEqual(UnsafeBufferPointer(rebasing: b[nameRange])) else { return false }
        }
        var status = -1
        for w in words where w.key == statusKey {
            status = w.status
            break
        }
        if status < 0 { return false }
        let session = sessionIds[Int(course) * termDays + Int(day) - termStart]
        if session <= 0 { return false }
        var window = -1
        for e in enrollments[Int(student)] where e.course == course {
            if e.from <= day && day < e.until { window = e.window }
            break
        }
        guard window >= 0, let cell = sheet.cell(window: window, day: Int(day)),
            sheet.mark(cell, code: Int64(status)) == .added
        else { return false }
        tally.add(session: session, studentNo: studentNos[Int(student)], code: Int64(status))
        return true
    }
}
