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
    let schedules: [String: CourseSchedule]
    /// The first student id of every range after the first.
    let bounds: [String]

    /// The ranges of `rangeSize` students: one pass over the students' ids (their index), keeping every
    /// `rangeSize`-th.
    init(reader: LedgerReader, schedules: [String: CourseSchedule], rangeSize: Int) throws {
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
        return try reader.families(
            from: r == 0 ? nil : bounds[r - 1], below: r == bounds.count ? nil : bounds[r], schedules: schedules)
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
    public func readingTermInRanges<T>(
        rangeSize: Int = 2_000, _ body: (_ term: TermFacts, _ families: LedgerFamilies) throws -> T
    ) throws -> T {
        try reading { reader in
            let (term, schedules) = try reader.termWithoutFamilies()
            return try body(term, LedgerFamilies(reader: reader, schedules: schedules, rangeSize: rangeSize))
        }
    }
}
