import GRDB
import TuoguanCore
import TuoguanInput

extension Ledger {
    // MARK: - Reference rows

    func fetchStudent(_ id: String, db: Database) throws -> Student? { try reader(db).student(id) }

    func fetchCourse(_ id: String, db: Database) throws -> Course? { try reader(db).course(id) }

    static func student(from row: Row) -> Student {
        Student(id: row["id"], name: row["name"], grade: row["grade"], className: row["class"], category: row["category"])
    }

    static func teacher(from row: Row) -> Teacher {
        Teacher(id: row["id"], name: row["name"], kind: TeacherKind(rawValue: row["kind"]) ?? .staff)
    }

    static func course(from row: Row) -> Course {
        let weekdays = (row["weekdays"] as String).split(separator: ",").compactMap { Int($0) }
        return Course(
            id: row["id"], name: row["name"], policyId: row["policy"], teacherId: row["teacher_id"],
            weekdays: weekdays, start: row["start"], end: row["end"], room: row["room"], capacity: row["capacity"])
    }

    // MARK: - Schedules and usage

    /// Dates of `schedule` in [from, until).
    static func count(_ schedule: [CivilDate], from: CivilDate, until: CivilDate?) -> Int {
        schedule.reduce(0) { $0 + ($1 >= from && (until == nil || $1 < until!) ? 1 : 0) }
    }

    /// Dates of a sorted `schedule` on or after `from`: ``count(_:from:until:)`` by binary search (the term's
    /// facts count it for every enrolment).
    ///
    /// ```swift
    /// Ledger.count(sorted: [d1, d2, d3], from: d2)   // 2
    /// ```
    static func count(sorted schedule: [CivilDate], from: CivilDate) -> Int {
        assert(zip(schedule, schedule.dropFirst()).allSatisfy { $0 < $1 }, "schedule not sorted")
        var low = 0
        var high = schedule.count
        while low < high {
            let mid = (low + high) / 2
            if schedule[mid] < from { low = mid + 1 } else { high = mid }
        }
        return schedule.count - low
    }

    // MARK: - Term facts

    /// The term's facts, in one read transaction: the reference rows, each enrolment's usage from the tallies
    /// kept at import (`Ledger+Tallies.swift`; the attendance table is not read), the sessions, duties, money
    /// and expenses.
    ///
    /// ```swift
    /// let facts = try ledger.termFacts()
    /// let result = try TermComputation.compute(rules: ledger.rules, facts: facts)
    /// ```
    public func termFacts() throws -> TermFacts {
        try read { db in try termFacts(db) }
    }

    /// ``termFacts()`` with the refund register and the duty log, all read in one transaction (what the
    /// workbooks need).
    ///
    /// ```swift
    /// let (facts, refunds, duties) = try ledger.termFactsAndRecords()
    /// ```
    public func termFactsAndRecords() throws -> (facts: TermFacts, refunds: [RefundRecord], duties: [DutyRecord]) {
        try read { db in (try termFacts(db), try Self.refundRegister(db), try dutyLog(teacherId: nil, db: db)) }
    }

    func termFacts(_ db: Database) throws -> TermFacts {
        var facts = TermFacts()
        // Cursors, not `fetchAll`: a cursor's row finds a column by name in its statement's table, a copied
        // row by lowercasing every column name before it.
        facts.students = try Array(Row.fetchCursor(db, sql: "SELECT * FROM students ORDER BY id").map(Self.student(from:)))
        facts.teachers = try Array(Row.fetchCursor(db, sql: "SELECT * FROM teachers ORDER BY id").map(Self.teacher(from:)))
        facts.courses = try Array(Row.fetchCursor(db, sql: "SELECT * FROM courses ORDER BY id").map(Self.course(from:)))
        let sessions = try Self.loadSessions(db: db, asOf: asOf)
        facts.usages = try termUsages(courses: facts.courses, sessions: sessions, db: db)
        try addSessionFacts(&facts, sessions: sessions, db: db)
        // Money, net of reversals.
        let money = try Row.fetchCursor(
            db,
            sql: """
                SELECT * FROM journal j WHERE kind IN ('payment', 'refund')
                  AND NOT EXISTS (SELECT 1 FROM journal r WHERE r.reverses = j.entry_id)
                ORDER BY seq
                """)
        while let row = try money.next() {
            guard let entry = JournalEntry(row: row) else { continue }
            Self.appendMoneyFact(entry, to: &facts)
        }
        for row in try Row.fetchAll(db, sql: "SELECT teacher_id, hundredths FROM scores") {
            facts.qualityScores[row["teacher_id"]] = row["hundredths"]
        }
        facts.expenses = try Self.expenseFacts(db)
        facts.openings = try Self.openingFacts(db, studentId: nil)
        facts.carriedPools = try Self.carriedPools(db)
        return facts
    }

    /// Every enrolment's usage, by student and course: the schedule from the sessions, the attendance from
    /// `usage_tallies` (rows read one at a time: a district has hundreds of thousands of enrolments).
    func termUsages(courses: [Course], sessions: [Int64: AttendanceTally.Session], db: Database) throws -> [CourseUsage] {
        let schedules = schedulesAndSessions(courses: courses, sessions: sessions)
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrollments") ?? 0
        var windows: [AttendanceTally.Window] = []
        var usages: [CourseUsage] = []
        windows.reserveCapacity(count)
        usages.reserveCapacity(count)
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.student_id, e.course_id, e.from_date, e.until_date,
                       t.present, t.leave, t.absent, t.minutes_present, t.minutes_leave, t.minutes_absent
                FROM enrollments e LEFT JOIN usage_tallies t ON t.student_id = e.student_id AND t.course_id = e.course_id
                ORDER BY e.student_id, e.course_id
                """)
        while let row = try rows.next() {
            let s: String = row[0]
            let c: String = row[1]
            guard let from = CivilDate(parsing: row[2]) else { continue }
            let until = (row[3] as String?).flatMap(CivilDate.init(parsing:))
            windows.append(AttendanceTally.Window(student: s, course: c, from: from.dayNumber, until: until?.dayNumber ?? Int.max))
            let schedule = schedules.dates[c] ?? []
            var usage = CourseUsage(
                studentId: s, courseId: c, enrolledFrom: from, withdrawnOn: until,
                termLessons: Self.count(sorted: schedule, from: from), heldLessons: 0, present: 0,
                courseLessons: from > rules.starts ? Self.count(sorted: schedule, from: rules.starts) : nil)
            usage.minutes = LessonMinutes(term: Self.minutes(schedule, sums: schedules.minutes[c] ?? [0], from: from, until: nil))
            usage.count(
                AttendanceTally.Counts(
                    present: row[4] ?? 0, leave: row[5] ?? 0, absent: row[6] ?? 0, minutesPresent: row[7] ?? 0,
                    minutesLeave: row[8] ?? 0, minutesAbsent: row[9] ?? 0))
            usages.append(usage)
        }
        Self.tally(
            &usages, windows: windows, byCourse: schedules.sessionsByCourse, dates: schedules.dates, sums: schedules.minutes,
            asOf: asOf)
        return usages
    }

    /// Duties, teaching and per-course tallies: one pass over the sessions, with the students present at each
    /// from `session_tallies`.
    func addSessionFacts(_ facts: inout TermFacts, sessions: [Int64: AttendanceTally.Session], db: Database) throws {
        var presentAt: [Int64: Int] = [:]
        presentAt.reserveCapacity(sessions.count)
        let tallies = try Row.fetchCursor(db, sql: "SELECT session_id, present FROM session_tallies")
        while let row = try tallies.next() { presentAt[row[0]] = row[1] }
        // The duty a held session of each course counts, if its policy has one.
        let dutyOfCourse = Dictionary(uniqueKeysWithValues: facts.courses.map { ($0.id, rules.policies[$0.policyId]?.duty) })
        struct Pair: Hashable {
            var first: String
            var second: String
        }
        var duties: [Pair: DutyTally] = [:]  // (teacher, duty)
        func addDuty(_ teacher: String, _ duty: String, _ count: Int, _ minutes: Int64) {
            let key = Pair(first: teacher, second: duty)
            duties[key, default: DutyTally(teacherId: teacher, duty: duty, count: 0, minutes: 0)].count += count
            duties[key]!.minutes += minutes
        }
        var teaching: [Pair: Teaching] = [:]  // (teacher, course)
        var courseCounts: [String: (held: Int, cancelled: Int, most: Int)] = [:]
        for (id, session) in sessions {
            let present = presentAt[id] ?? 0
            Self.count(session, present: present, in: &courseCounts[session.course, default: (0, 0, 0)])
            guard session.held else { continue }
            let pair = Pair(first: session.teacher, second: session.course)
            Self.count(session, present: present, in: &teaching[pair, default: Teaching()])
        }
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

    /// One session in its course's counts (one dictionary access per session: a district has 140,000).
    private static func count(
        _ session: AttendanceTally.Session, present: Int, in counts: inout (held: Int, cancelled: Int, most: Int)
    ) {
        counts.most = max(counts.most, present)
        if session.held { counts.held += 1 } else if session.cancelled { counts.cancelled += 1 }
    }

    /// A teacher's held sessions of one course.
    private struct Teaching {
        var held = 0
        /// Students present × the session's minutes.
        var minutes: Int64 = 0
        /// The sessions' minutes (what the course's duty counts).
        var sessionMinutes: Int64 = 0
    }

    /// One held session in its teacher's teaching of the course.
    private static func count(_ session: AttendanceTally.Session, present: Int, in teaching: inout Teaching) {
        teaching.held += 1
        teaching.minutes += Int64(present) * session.minutes
        teaching.sessionMinutes += session.minutes
    }

    /// Every refund ever recorded (退费登记表), reversed ones marked.
    public func refundRegister() throws -> [RefundRecord] {
        try read { db in try Self.refundRegister(db) }
    }

    static func refundRegister(_ db: Database) throws -> [RefundRecord] {
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

    /// The duties behind the points: held sessions of courses whose policy has a duty, and roster duties.
    public func dutyLog(teacherId: String? = nil) throws -> [DutyRecord] {
        try read { db in try dutyLog(teacherId: teacherId, db: db) }
    }

    func dutyLog(teacherId: String?, db: Database) throws -> [DutyRecord] {
        var out: [DutyRecord] = []
        let sessions = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.date, s.teacher_id, s.course_id, c.name, c.policy, s."end" - s.start AS minutes
                FROM sessions s JOIN courses c ON c.id = s.course_id
                WHERE (s.status = 'held' OR (s.status = 'scheduled' AND s.date < ?2)) AND (?1 IS NULL OR s.teacher_id = ?1)
                """, arguments: [teacherId, asOf.description])
        while let row = try sessions.next() {
            guard let duty = rules.policies[row["policy"] as String]?.duty,
                let date = CivilDate(parsing: row["date"])
            else { continue }
            out.append(
                DutyRecord(
                    date: date, teacherId: row["teacher_id"], duty: duty, courseId: row["course_id"],
                    courseName: row["name"], minutes: row["minutes"], source: .session))
        }
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT d.date, d.teacher_id, d.duty, d.course_id, c.name,
                       COALESCE(c."end" - c.start, ?2) AS minutes
                FROM duties d LEFT JOIN courses c ON c.id = d.course_id
                WHERE (?1 IS NULL OR d.teacher_id = ?1)
                """, arguments: [teacherId, rules.lessonMinutes])
        {
            guard let date = CivilDate(parsing: row["date"]) else { continue }
            out.append(
                DutyRecord(
                    date: date, teacherId: row["teacher_id"], duty: row["duty"], courseId: row["course_id"],
                    courseName: row["name"], minutes: row["minutes"], source: .roster))
        }
        out.sort {
            ($0.date, $0.teacherId, $0.duty, $0.courseId ?? "") < ($1.date, $1.teacherId, $1.duty, $1.courseId ?? "")
        }
        return out
    }

    /// Rows per kind (payments and refunds count journal entries of that kind, reversed or not).
    public func counts() throws -> [ImportKind: Int] {
        try read { db in
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
    }
}

extension Ledger {
    /// The facts one family's statement is computed from: the student, their enrollments with usage, the
    /// courses they take, their payments and refunds (reversals left out). Nil if there is no such student.
    /// A statement depends on nothing else, so computing these facts gives the same statement as the whole
    /// term, in milliseconds (`explain`), with index lookups only.
    ///
    /// ```swift
    /// let facts = try ledger.termFacts(forStudent: "S000001")
    /// let statement = try TermComputation.compute(rules: ledger.rules, facts: facts!).students[0]
    /// ```
    public func termFacts(forStudent id: String) throws -> TermFacts? {
        try read { db in try termFacts(forStudent: id, db: db) }
    }

    /// ``termFacts(forStudent:)`` inside a transaction (a refund checks the family's statement before it is
    /// written). The usages come from ``studentUsages(_:windows:db:)``.
    func termFacts(forStudent id: String, db: Database) throws -> TermFacts? {
        guard let student = try fetchStudent(id, db: db) else { return nil }
        var facts = TermFacts()
        facts.students = [student]
        let enrollments = try Row.fetchAll(
            db,
            sql: "SELECT student_id, course_id, from_date, until_date FROM enrollments WHERE student_id = ? ORDER BY course_id",
            arguments: [id])
        var windows: [UsageWindow] = []
        for row in enrollments {
            guard let course = try fetchCourse(row["course_id"], db: db), let from = CivilDate(parsing: row["from_date"])
            else { continue }
            if !facts.courses.contains(where: { $0.id == course.id }) { facts.courses.append(course) }
            windows.append(
                UsageWindow(course: course, from: from, until: (row["until_date"] as String?).flatMap(CivilDate.init(parsing:))))
        }
        facts.courses.sort { $0.id < $1.id }
        facts.usages = try studentUsages(id, windows: windows, db: db).usages
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
        facts.openings = try Self.openingFacts(db, studentId: id)
        return facts
    }

    /// The families' balances carried in (`opening` entries, never reversed), of one student or of all.
    static func openingFacts(_ db: Database, studentId: String?) throws -> [OpeningFact] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM journal WHERE kind = 'opening'" + (studentId == nil ? "" : " AND student_id = ?") + " ORDER BY seq",
            arguments: studentId.map { [$0] } ?? [])
        return rows.compactMap { row in
            guard let entry = JournalEntry(row: row), let side = entry.side else { return nil }
            let signed = side == .arrears ? entry.amount : Money(fen: 0 - entry.amount.fen)
            return OpeningFact(entryId: entry.entryId, studentId: entry.studentId, amount: signed, date: entry.date, note: entry.note)
        }
    }
}

extension Ledger {
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
