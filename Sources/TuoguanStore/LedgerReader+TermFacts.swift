import GRDB
import TuoguanCore
import TuoguanInput

/// The term's facts (what ``TermComputation`` computes from), of the whole term or of one family, and the
/// records beside them (the refund register, the duty log, the rows per kind): reads only.
extension LedgerReader {
    /// The term's facts: the reference rows, each enrolment's usage from the tallies kept at import
    /// (`Ledger+Tallies.swift`; the attendance table is not read), the sessions, duties, money and expenses.
    ///
    /// ```swift
    /// let facts = try ledger.reading { try $0.termFacts() }
    /// ```
    func termFacts() throws -> TermFacts {
        var facts = TermFacts()
        // Cursors, not `fetchAll`: a cursor's row finds a column by name in its statement's table, a copied
        // row by lowercasing every column name before it.
        facts.students = try Array(Row.fetchCursor(db, sql: "SELECT * FROM students ORDER BY id").map(Ledger.student(from:)))
        facts.teachers = try Array(Row.fetchCursor(db, sql: "SELECT * FROM teachers ORDER BY id").map(Ledger.teacher(from:)))
        facts.courses = try Array(Row.fetchCursor(db, sql: "SELECT * FROM courses ORDER BY id").map(Ledger.course(from:)))
        let sessions = try Ledger.loadSessions(db: db, asOf: asOf)
        facts.usages = try termUsages(courses: facts.courses, sessions: sessions)
        try addSessionFacts(&facts, sessions: sessions)
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
        facts.expenses = try Ledger.expenseFacts(db)
        facts.openings = try openingFacts(studentId: nil)
        facts.carriedPools = try Ledger.carriedPools(db)
        return facts
    }

    /// Duties, teaching and per-course tallies: one pass over the sessions, with the students present at each
    /// from `session_tallies`.
    func addSessionFacts(_ facts: inout TermFacts, sessions: [Int64: AttendanceTally.Session]) throws {
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
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM journal WHERE kind = 'opening'" + (studentId == nil ? "" : " AND student_id = ?") + " ORDER BY seq",
            arguments: studentId.map { [$0] } ?? [])
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
