import GRDB
import TuoguanCore

/// The term's families read from the ledger a range of students at a time (``FamilyFactsSource``), by student id
/// (keyset: each range is the ids from its first up to the next range's first), inside the one read transaction
/// of ``Ledger/readingTermInRanges(rangeSize:_:)``: valid only inside it, on its thread.
///
/// ```swift
/// try ledger.readingTermInRanges(rangeSize: 2_000) { term, families in
///     try families.families(inRange: 0).students.count   // 2,000 (or every student, if fewer)
/// }
/// ```
public struct LedgerFamilies: FamilyFactsSource {
    let reader: LedgerReader
    /// Each course's schedule, what every range's usages are counted from.
    private let schedules: Schedules
    /// The first student id of every range after the first.
    let bounds: [String]

    /// The courses' schedules, kept, or (`readOnce`) let go once the last range is read and read again if a
    /// range is asked for after it: what reads the families once frees them before the term's own figures.
    final class Schedules {
        private var kept: [String: CourseSchedule]?
        private let courses: [Course]
        let readOnce: Bool

        init(_ schedules: [String: CourseSchedule], courses: [Course], readOnce: Bool) {
            kept = schedules
            self.courses = courses
            self.readOnce = readOnce
        }

        func get(_ reader: LedgerReader) throws -> [String: CourseSchedule] {
            if let kept { return kept }
            var sessions = try reader.termSessions()
            let schedules = reader.courseSchedules(
                courses: courses, byCourse: &sessions.byCourse, timetabled: sessions.timetabled)
            kept = schedules
            return schedules
        }

        func letGo() { if readOnce { kept = nil } }
    }

    /// The term without its families and its families' ranges (the schedules held by the ranges alone).
    static func start(_ reader: LedgerReader, rangeSize: Int, readOnce: Bool) throws -> (TermFacts, LedgerFamilies) {
        let (term, schedules) = try reader.termWithoutFamilies()
        let kept = Schedules(schedules, courses: term.courses, readOnce: readOnce)
        return (term, try LedgerFamilies(reader: reader, schedules: kept, rangeSize: rangeSize))
    }

    /// The ranges of `rangeSize` students: one pass over the students' ids (their index), keeping every
    /// `rangeSize`-th.
    init(reader: LedgerReader, schedules: Schedules, rangeSize: Int) throws {
        precondition(rangeSize > 0, "a range holds at least one student")
        self.reader = reader
        self.schedules = schedules
        var bounds: [String] = []
        let ids = try String.fetchCursor(reader.db, sql: "SELECT id FROM students ORDER BY id")
        var n = 0
        while let id = try ids.next() {
            if n > 0 && n % rangeSize == 0 { bounds.append(id) }
            n += 1
        }
        self.bounds = bounds
    }

    public var rangeCount: Int { bounds.count + 1 }

    public func families(inRange r: Int) throws -> TermFacts {
        precondition(r >= 0 && r <= bounds.count, "range \(r) of \(rangeCount)")
        let families = try reader.families(
            from: r == 0 ? nil : bounds[r - 1], below: r == bounds.count ? nil : bounds[r],
            schedules: schedules.get(reader))
        if r == bounds.count { schedules.letGo() }
        return families
    }
}

extension Ledger {
    /// Reads the term in one read transaction: `body` gets the term's facts without the families
    /// (``TermFacts/withoutFamilies``) and the families a range of `rangeSize` students at a time
    /// (``LedgerFamilies``), for ``TermComputation/compute(rules:term:families:eachStatement:)``. Whatever reads
    /// the families (the ``FamilyStatements`` computed from them too) does it inside `body`.
    ///
    /// ```swift
    /// try ledger.readingTermInRanges { term, families in
    ///     let (result, statements) = try TermComputation.compute(rules: ledger.rules, term: term, families: families)
    ///     for statement in statements { print(statement.balance) }
    /// }
    /// ```
    ///
    /// `readOnce`: the families are read once, in order (the computation's one pass): the courses' schedules are
    /// let go after the last range, before the term's own figures are computed (and read again if a range is
    /// asked for after all).
    public func readingTermInRanges<T>(
        rangeSize: Int = 2_000, readOnce: Bool = false, _ body: (_ term: TermFacts, _ families: LedgerFamilies) throws -> T
    ) throws -> T {
        try reading { reader in
            let (term, families) = try LedgerFamilies.start(reader, rangeSize: rangeSize, readOnce: readOnce)
            return try body(term, families)
        }
    }
}
