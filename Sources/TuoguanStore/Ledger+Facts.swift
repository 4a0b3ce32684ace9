import GRDB
import TuoguanCore
import TuoguanInput

extension Ledger {
    // MARK: - Reference rows

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

    // MARK: - Term facts

    /// The term's facts, in one read transaction (``LedgerReader/termFacts()``): the reference rows, each
    /// enrolment's usage from the tallies kept at import, the sessions, duties, money and expenses.
    ///
    /// ```swift
    /// let facts = try ledger.termFacts()
    /// let result = try TermComputation.compute(rules: ledger.rules, facts: facts)
    /// ```
    public func termFacts() throws -> TermFacts {
        try reading { try $0.termFacts() }
    }

    /// ``termFacts()`` with the refund register and the duty log, all read in one transaction (what the
    /// workbooks need).
    ///
    /// ```swift
    /// let (facts, refunds, duties) = try ledger.termFactsAndRecords()
    /// ```
    public func termFactsAndRecords() throws -> (facts: TermFacts, refunds: [RefundRecord], duties: [DutyRecord]) {
        try reading { reader in (try reader.termFacts(), try reader.refundRegister(), try reader.dutyLog(teacherId: nil)) }
    }

    /// Every refund ever recorded (退费登记表), reversed ones marked.
    public func refundRegister() throws -> [RefundRecord] {
        try reading { try $0.refundRegister() }
    }

    /// The duties behind the points: held sessions of courses whose policy has a duty, and roster duties.
    public func dutyLog(teacherId: String? = nil) throws -> [DutyRecord] {
        try reading { try $0.dutyLog(teacherId: teacherId) }
    }

    /// Rows per kind (payments and refunds count journal entries of that kind, reversed or not).
    public func counts() throws -> [ImportKind: Int] {
        try reading { try $0.counts() }
    }

    /// The facts one family's statement is computed from: the student, their enrollments with usage, the
    /// courses they take, their payments and refunds (reversals left out). Nil if there is no such student.
    /// A statement depends on nothing else, so computing these facts gives the same statement as the whole
    /// term, in milliseconds (`explain`), with index lookups only (``LedgerReader/termFacts(forStudent:)``).
    ///
    /// ```swift
    /// let facts = try ledger.termFacts(forStudent: "S000001")
    /// let statement = try TermComputation.compute(rules: ledger.rules, facts: facts!).students[0]
    /// ```
    public func termFacts(forStudent id: String) throws -> TermFacts? {
        try reading { try $0.termFacts(forStudent: id) }
    }
}
