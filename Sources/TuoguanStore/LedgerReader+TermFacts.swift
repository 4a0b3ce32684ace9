import GRDB
import TuoguanCore
import TuoguanInput

/// The term's facts (what ``TermComputation`` computes from), of the whole term or of one family, and the
/// records beside them (the refund register, the duty log, the rows per kind): reads only.
extension LedgerReader {
    /// The term's facts: the reference rows, each enrolment's usage from the tallies kept at import
    /// (`Ledger+Tallies.swift`; the attendance table is not read), the sessions, duties, money and expenses.
    /// The term without its families (``termWithoutFamilies()``) and every family as one range
    /// (``families(from:below:schedules:)``): the same reads as a range at a time.
    ///
    /// ```swift
    /// let facts = try ledger.reading { try $0.termFacts() }
    /// ```
    func termFacts() throws -> TermFacts {
        let (term, schedules) = try termWithoutFamilies()
        let families = try families(from: nil, below: nil, schedules: schedules)
        var facts = term
        facts.students = families.students
        facts.usages = families.usages
        facts.payments = families.payments
        facts.refunds = families.refunds
        facts.openings = families.openings
        return facts
    }

    /// The term's facts without its families (``TermFacts/withoutFamilies``), and each course's schedule (what
    /// the families' usages are counted from): the reference rows but the students, the sessions (one pass,
    /// kept per course), duties, scores, expenses and the pools carried in.
    func termWithoutFamilies() throws -> (term: TermFacts, schedules: [String: CourseSchedule]) {
        var facts = TermFacts()
        // Cursors, not `fetchAll`: a cursor's row finds a column by name in its statement's table, a copied
        // row by lowercasing every column name before it.
        facts.teachers = try Array(Row.fetchCursor(db, sql: "SELECT * FROM teachers ORDER BY id").map(Ledger.teacher(from:)))
        facts.courses = try Array(Row.fetchCursor(db, sql: "SELECT * FROM courses ORDER BY id").map(Ledger.course(from:)))
        var sessions = try termSessions()
        try addSessionFacts(&facts, sessions: sessions)
        for row in try Row.fetchAll(db, sql: "SELECT teacher_id, hundredths FROM scores") {
            facts.qualityScores[row["teacher_id"]] = row["hundredths"]
        }
        facts.expenses = try recordedExpenses()
        facts.carriedPools = try carriedPools()
        let schedules = courseSchedules(courses: facts.courses, byCourse: &sessions.byCourse, timetabled: sessions.timetabled)
        return (facts, schedules)
    }

    /// The families of the students whose id is in [`low`, `high`) (nil: unbounded), in SQLite's order of ids:
    /// the students, each enrolment's usage (counted from `schedules` and the tallies kept at import), the
    /// payments and refunds net of reversals, the balances carried in. A record is in the range of its student
    /// id whether or not the student exists (the term computation names an unknown one).
    func families(from low: String?, below high: String?, schedules: [String: CourseSchedule]) throws -> TermFacts {
        var facts = TermFacts()
        func bounded(_ column: String) -> (sql: String, arguments: StatementArguments) {
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let low {
                conditions.append("\(column) >= ?")
                arguments += [low]
            }
            if let high {
                conditions.append("\(column) < ?")
                arguments += [high]
            }
            return (conditions.map { " AND " + $0 }.joined(), arguments)
        }
        let students = bounded("id")
        facts.students = try Array(
            Row.fetchCursor(db, sql: "SELECT * FROM students WHERE 1" + students.sql + " ORDER BY id", arguments: students.arguments)
                .map(Ledger.student(from:)))
        let enrolments = bounded("e.student_id")
        facts.usages = try familyUsages(schedules: schedules, where: enrolments.sql, arguments: enrolments.arguments)
        // Money, net of reversals.
        let money = bounded("j.student_id")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT * FROM journal j WHERE kind IN ('payment', 'refund')\(money.sql)
                  AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                ORDER BY seq
                """, arguments: money.arguments)
        while let row = try rows.next() {
            guard let entry = JournalEntry(row: row) else { continue }
            Self.appendMoneyFact(entry, to: &facts)
        }
        let openings = bounded("student_id")
        facts.openings = try openingFacts(where: openings.sql, arguments: openings.arguments)
        return facts
    }

    /// The term's sessions in one pass, kept per course: each course's sessions as its usage counts them, the
    /// courses made by a timetable, and per course and per teacher of a course what the sessions count (held,
    /// cancelled, students present). No session is kept by id: a district has 140,000.
    func termSessions() throws -> TermSessions {
        var out = TermSessions()
        let today = asOf.dayNumber
        var dayOf: [String: Int] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: Ledger.sessionColumns(db) + """
                , COALESCE((SELECT present FROM session_tallies t WHERE t.session_id = sessions.id), 0) FROM sessions
                """)
        while let row = try rows.next() {
            let date: String = row[2]
            guard let day = dayOf[date] ?? CivilDate(parsing: date)?.dayNumber else { continue }
            dayOf[date] = day
            let status: String = row[4]
            let minutes: Int64 = row[5]
            let present: Int = row[7]
            let course: String = row[1]
            let held = status == "held" || (status == SessionState.scheduled && day < today)
            let cancelled = status == "cancelled"
            out.byCourse[course, default: RecordedSessions()].append(
                ScheduledSession(day: day, held: held, cancelled: cancelled, minutes: rules.lessonLength(minutes)))
            if (row[6] as Int64) != 0 { out.timetabled.insert(course) }
            out.courseCounts[course, default: CourseCounts(0, 0, 0)].add(held: held, cancelled: cancelled, present: present)
            guard held else { continue }
            out.teaching[TermSessions.Pair(first: row[3], second: course), default: Teaching()].add(
                present: present, minutes: minutes)
        }
        return out
    }

    /// What the term's sessions count, per course (``termSessions()``).
    struct TermSessions {
        struct Pair: Hashable {
            var first: String
            var second: String
        }
        /// Each course's sessions, in the rows' order.
        var byCourse: [String: RecordedSessions] = [:]
        /// The courses with a session made by their timetable (`tuoguan schedule`).
        var timetabled: Set<String> = []
        /// Per course: sessions held and cancelled, most students present at one.
        var courseCounts: [String: CourseCounts] = [:]
        /// Per (teacher, course): the teacher's held sessions of the course.
        var teaching: [Pair: Teaching] = [:]
    }

    /// A course's sessions held and cancelled, and the most students present at one (of any status).
    struct CourseCounts {
        var held = 0
        var cancelled = 0
        var most = 0

        init(_ held: Int, _ cancelled: Int, _ most: Int) {
            self.held = held
            self.cancelled = cancelled
            self.most = most
        }

        mutating func add(held isHeld: Bool, cancelled isCancelled: Bool, present: Int) {
            most = max(most, present)
            if isHeld { held += 1 } else if isCancelled { cancelled += 1 }
        }
    }

    /// Duties, teaching and per-course tallies from the term's sessions (``termSessions()``) and the duties file.
    func addSessionFacts(_ facts: inout TermFacts, sessions: TermSessions) throws {
        // The duty a held session of each course counts, if its policy has one.
        let dutyOfCourse = Dictionary(uniqueKeysWithValues: facts.courses.map { ($0.id, rules.policies[$0.policyId]?.duty) })
        var duties: [TermSessions.Pair: DutyTally] = [:]  // (teacher, duty)
        func addDuty(_ teacher: String, _ duty: String, _ count: Int, _ minutes: Int64) {
            let key = TermSessions.Pair(first: teacher, second: duty)
            duties[key, default: DutyTally(teacherId: teacher, duty: duty, count: 0, minutes: 0)].count += count
            duties[key]!.minutes += minutes
        }
        let teaching = sessions.teaching
        let courseCounts = sessions.courseCounts
        // A held session of a course whose policy has a duty counts that duty once, with its minutes.
        for (pair, t) in teaching {
            if let duty = dutyOfCourse[pair.second] ?? nil { addDuty(pair.first, duty, t.held, t.sessionMinutes) }
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT d.teacher_id, d.duty, COUNT(*) AS n, SUM(COALESCE(c."end" - c.start, ?)) AS minutes
                FROM duties d LEFT JOIN courses c ON c.id = d.course_id
                GROUP BY d.teacher_id, d.duty
                """, arguments: [rules.lessonMinutes])
        {
            addDuty(row["teacher_id"], row["duty"], row["n"], row["minutes"] ?? 0)
        }
        facts.duties = duties.values.sorted { ($0.teacherId, $0.duty) < ($1.teacherId, $1.duty) }
        // In SQLite's order (BINARY: the ids' UTF-8 bytes).
        func before(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        facts.teaching = teaching.sorted {
            $0.key.first != $1.key.first ? before($0.key.first, $1.key.first) : before($0.key.second, $1.key.second)
        }.map { pair, t in
            TeachingTally(teacherId: pair.first, courseId: pair.second, heldLessons: t.held, studentMinutesPresent: t.minutes)
        }
        facts.courseTallies = facts.courses.map(\.id).sorted(by: before).map { id in
            CourseTally(
                courseId: id, held: courseCounts[id]?.held ?? 0, cancelled: courseCounts[id]?.cancelled ?? 0,
                maxPresent: courseCounts[id]?.most ?? 0)
        }
    }

    /// A teacher's held sessions of one course.
    struct Teaching {
        var held = 0
        /// Students present × the session's minutes.
        var minutes: Int64 = 0
        /// The sessions' minutes (what the course's duty counts).
        var sessionMinutes: Int64 = 0

        /// One held session.
        mutating func add(present: Int, minutes sessionMinutes: Int64) {
            held += 1
            minutes += Int64(present) * sessionMinutes
            self.sessionMinutes += sessionMinutes
        }
    }

    /// Every refund ever recorded (退费登记表), reversed ones marked.
    func refundRegister() throws -> [RefundRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT j.*, s.name AS student_name, c.name AS course_name,
                       (SELECT r.entry_id FROM journal r WHERE r.reverses = j.entry_id) AS reversed_by
                FROM journal j JOIN students s ON s.id = j.student_id LEFT JOIN courses c ON c.id = j.course_id
                WHERE j.kind = 'refund' ORDER BY j.date, j.seq
                """
        ).compactMap { row in
            guard let entry = JournalEntry(row: row) else { return nil }
            return RefundRecord(
                refundId: entry.entryId, date: entry.date, studentId: entry.studentId,
                studentName: row["student_name"], courseId: entry.courseId, courseName: row["course_name"],
                lessons: entry.lessons, reason: entry.reason ?? .settlement, amount: entry.amount, note: entry.note,
                recordedBy: row["recorded_by"], recordedAt: row["recorded_at"], reversedBy: row["reversed_by"],
                unit: entry.unit, method: entry.method)
        }
    }

    /// Rows per kind (payments and refunds count journal entries of that kind, reversed or not).
    func counts() throws -> [ImportKind: Int] {
        var out: [ImportKind: Int] = [:]
        let tables: [ImportKind: String] = [
            .students: "students", .teachers: "teachers", .courses: "courses", .enrollments: "enrollments",
            .sessions: "sessions", .attendance: "attendance", .duties: "duties", .scores: "scores",
        ]
        for (kind, table) in tables {
            out[kind] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        }
        out[.payments] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal WHERE kind = 'payment'") ?? 0
        out[.refunds] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal WHERE kind = 'refund'") ?? 0
        out[.expenses] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM expenses WHERE kind = 'expense'") ?? 0
        return out
    }

    /// The facts one family's statement is computed from (``Ledger/termFacts(forStudent:)``), nil if there is
    /// no such student: the usages from ``studentUsages(_:_:attendance:)``, by index lookups only.
    ///
    /// ```swift
    /// let facts = try reader.termFacts(forStudent: "S000001")
    /// ```
    func termFacts(forStudent id: String) throws -> TermFacts? {
        guard let student = try student(id) else { return nil }
        var facts = TermFacts()
        facts.students = [student]
        let enrollments = try Row.fetchAll(
            db,
            sql: "SELECT student_id, course_id, from_date, until_date FROM enrollments WHERE student_id = ? ORDER BY course_id",
            arguments: [id])
        var enrolments: [Enrolment] = []
        for row in enrollments {
            guard let course = try course(row["course_id"]), let window = Self.storedWindow(from: row["from_date"], until: row["until_date"])
            else { continue }
            if !facts.courses.contains(where: { $0.id == course.id }) { facts.courses.append(course) }
            enrolments.append(Enrolment(course: course, window: window))
        }
        facts.courses.sort { $0.id < $1.id }
        facts.usages = try studentUsages(id, enrolments).usages
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM journal j WHERE student_id = ? AND kind IN ('payment', 'refund')
                  AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                ORDER BY seq
                """, arguments: [id])
        {
            guard let entry = JournalEntry(row: row) else { continue }
            Self.appendMoneyFact(entry, to: &facts)
        }
        facts.openings = try openingFacts(studentId: id)
        return facts
    }

    /// The families' balances carried in (`opening` entries, never reversed), of one student or of all.
    func openingFacts(studentId: String?) throws -> [OpeningFact] {
        try openingFacts(where: studentId == nil ? "" : " AND student_id = ?", arguments: studentId.map { [$0] } ?? [])
    }

    /// The balances carried in of the journal's `opening` entries `AND`-ed with `condition`.
    func openingFacts(where condition: String, arguments: StatementArguments) throws -> [OpeningFact] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM journal WHERE kind = 'opening'" + condition + " ORDER BY seq", arguments: arguments)
        return rows.compactMap { row in
            guard let entry = JournalEntry(row: row), let side = entry.side else { return nil }
            let signed = side == .arrears ? entry.amount : Money(fen: 0 - entry.amount.fen)
            return OpeningFact(entryId: entry.entryId, studentId: entry.studentId, amount: signed, date: entry.date, note: entry.note)
        }
    }

    /// A payment or refund of the journal (not reversed) as the term computation's fact.
    static func appendMoneyFact(_ entry: JournalEntry, to facts: inout TermFacts) {
        if entry.kind == .payment {
            facts.payments.append(
                PaymentFact(
                    receipt: entry.entryId, studentId: entry.studentId, amount: entry.amount, date: entry.date,
                    method: entry.method ?? .cash))
        } else {
            facts.refunds.append(
                RefundFact(
                    refundId: entry.entryId, studentId: entry.studentId, courseId: entry.courseId,
                    amount: entry.amount, lessons: entry.lessons, date: entry.date,
                    reason: entry.reason ?? .settlement, note: entry.note, unit: entry.unit))
        }
    }
}
