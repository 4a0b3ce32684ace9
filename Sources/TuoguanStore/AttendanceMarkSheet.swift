import GRDB
import TuoguanCore

/// One attendance import's marks, kept as the class teacher's sheet holds them: a cell per enrolment and day,
/// with what the ledger had recorded there before the import and what the import's rows add. The rows are
/// checked against it as they are read (a second mark of the same student, course and day is a duplicate or a
/// conflict, whichever row brought it), and at the end (``write(_:batch:)``) the added marks go into the ledger
/// as one row per student, course and month (migration `v7-marks`).
///
/// ```swift
/// let sheet = try AttendanceMarkSheet(db: db, tally: tally)
/// sheet.mark(window: 0, day: d, code: 0)   // .added: S1 present in X1 on day d
/// sheet.mark(window: 0, day: d, code: 1)   // .addedBefore(0): the same day again in this file
/// try sheet.write(db, batch: 7)
/// ```
final class AttendanceMarkSheet {
    /// What a cell held when a mark was put in it.
    enum Outcome: Equatable {
        /// Nothing: the mark is added.
        case added
        /// A mark of this import (code).
        case addedBefore(Int64)
        /// A mark the ledger had recorded (code).
        case recorded(Int64)
    }

    /// `cells[window * span + day - firstDay]`: 0 nothing, 1 + code recorded before the import, 4 + code added.
    /// (Touched only by the import's thread, one call at a time: the runtime's access checks are off.)
    @exclusivity(unchecked) private var cells: [UInt8]
    private let firstDay: Int
    private let span: Int
    private let tally: AttendanceTally
    /// Each session's course number and day (`sessionPlaces[id]`).
    private let sessionPlaces: [Int64: (course: Int32, day: Int)]

    init(db: Database, tally: AttendanceTally) throws {
        self.tally = tally
        let sessions = tally.sessionList
        firstDay = sessions.lazy.map(\.day).min() ?? 0
        span = sessions.isEmpty ? 0 : (sessions.lazy.map(\.day).max() ?? 0) - firstDay + 1
        var places: [Int64: (course: Int32, day: Int)] = [:]
        places.reserveCapacity(sessions.count)
        for s in sessions { places[s.id] = (s.course, s.day) }
        sessionPlaces = places
        cells = [UInt8](repeating: 0, count: tally.windows.count * span)
        try loadRecorded(db)
    }

    /// The cell of a window (the tally's enrolment number) and day, nil outside the sessions' days.
    @inline(__always) func cell(window: Int, day: Int) -> Int? {
        let d = day - firstDay
        return d >= 0 && d < span ? window * span + d : nil
    }

    /// The cell of a student's (the students table's integer key) mark at a session, nil when the student has
    /// no enrolment in the session's course.
    func cell(session: Int64, studentNo: Int64) -> Int? {
        guard let place = sessionPlaces[session], let window = tally.window(studentNo: studentNo, course: place.course)
        else { return nil }
        return cell(window: window, day: place.day)
    }

    /// Puts this import's mark `code` in `cell` if it is empty; says what was there.
    @inline(__always) func mark(_ cell: Int, code: Int64) -> Outcome {
        let held = cells[cell]
        if held == 0 {
            cells[cell] = 4 + UInt8(code)
            return .added
        }
        return held >= 4 ? .addedBefore(Int64(held - 4)) : .recorded(Int64(held - 1))
    }

    /// The ledger's marks (every month row) into the cells of their enrolments.
    private func loadRecorded(_ db: Database) throws {
        guard span > 0 else { return }
        var courseNumber: [String: Int32] = [:]
        for (c, id) in tally.courseIds.enumerated() { courseNumber[id] = Int32(c) }
        var monthStart: [String: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT student_no, course_id, month, marks FROM attendance_marks")
        while let row = try rows.next() {
            let month: String = row[2]
            guard let course = courseNumber[row[1] as String],
                let window = tally.window(studentNo: row[0], course: course),
                let start = monthStart[month] ?? CivilDate(parsing: month + "-01")?.dayNumber
            else { continue }
            monthStart[month] = start
            let marks: String = row[3]
            for (i, byte) in marks.utf8.enumerated() where byte != UInt8(ascii: ".") {
                if let c = cell(window: window, day: start + i), cells[c] == 0 { cells[c] = 1 + byte - UInt8(ascii: "0") }
            }
        }
    }

    /// Writes the marks this import added: one row per student, course and month, in the order of the rows'
    /// key, with this import's `batch`.
    func write(_ db: Database, batch: Int64) throws {
        guard span > 0 else { return }
        // Each day of the span: its month (an index into `months`) and its place in the month's marks.
        var months: [String] = []
        var monthOf: [Int] = []
        var dayOfMonth: [Int] = []
        for day in firstDay..<(firstDay + span) {
            let date = CivilDate(dayNumber: day)
            let month = String(date.description.prefix(7))
            if months.last != month { months.append(month) }
            monthOf.append(months.count - 1)
            dayOfMonth.append(date.day - 1)
        }
        let insert = try PreparedStatement(
            db, sql: "INSERT INTO attendance_marks (student_no, course_id, month, batch, marks) VALUES (?, ?, ?, ?, ?)")
        insert.bind(batch, at: 4)
        let dot = UInt8(ascii: ".")
        var marks = [UInt8](repeating: dot, count: Ledger.markDays)
        for window in tally.windowsByStudentKey() {
            let base = window.index * span
            var month = -1
            var any = false
            func flush() throws {
                guard any else { return }
                insert.bind(months[month], at: 3)
                insert.bind(String(decoding: marks, as: UTF8.self), at: 5)
                try insert.run()
                marks = [UInt8](repeating: dot, count: Ledger.markDays)
                any = false
            }
            insert.bind(window.studentNo, at: 1)
            insert.bind(window.course, at: 2)
            for d in 0..<span where cells[base + d] >= 4 {
                if monthOf[d] != month {
                    try flush()
                    month = monthOf[d]
                }
                marks[dayOfMonth[d]] = UInt8(ascii: "0") + cells[base + d] - 4
                any = true
            }
            try flush()
        }
    }
}
