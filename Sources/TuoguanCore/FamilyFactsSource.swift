/// Where the families' facts come from a range of students at a time: the store reads each range inside one read
/// transaction (a district's families are never all in memory), a test or a whole-term caller splits a
/// ``TermFacts`` it holds (``TermFacts/familyRanges(size:)``). The term computation reads every range once
/// (``TermComputation/compute(rules:term:families:eachStatement:)``), ``FamilyStatements`` again when read.
///
/// A range's facts fill only `students`, `usages`, `payments`, `refunds` and `openings`; the ranges partition
/// the students by id (every student of range `r` before every student of range `r + 1`) and every family
/// record (an enrolment, a payment, a refund or an opening) is in the range its student id falls in (the first
/// range from the lowest id on, the last to the highest), so a record of an unknown student is still found.
/// Reading a range twice gives the same facts.
///
/// ```swift
/// let source = facts.familyRanges(size: 2_000)
/// source.rangeCount                        // ⌈students / 2,000⌉ (1 for none)
/// try source.families(inRange: 0).students // the first 2,000 students by id
/// ```
public protocol FamilyFactsSource {
    /// How many ranges there are (a range may hold no student: only records of unknown ones).
    var rangeCount: Int { get }
    /// The `r`-th range's families: students sorted by id, their records in the facts' order.
    func families(inRange r: Int) throws -> TermFacts
}

extension TermFacts {
    /// The term without its families (`students`, `usages`, `payments`, `refunds` and `openings` empty): what
    /// ``TermComputation/compute(rules:term:families:eachStatement:)`` takes beside a ``FamilyFactsSource``.
    public var withoutFamilies: TermFacts {
        var term = self
        term.students = []
        term.usages = []
        term.payments = []
        term.refunds = []
        term.openings = []
        return term
    }

    /// Whether any family's fact is here.
    var hasFamilies: Bool {
        !(students.isEmpty && usages.isEmpty && payments.isEmpty && refunds.isEmpty && openings.isEmpty)
    }

    /// These facts' families as a source of ranges of `size` students (by id), as the store's ranges are made.
    ///
    /// ```swift
    /// let (result, families) = try TermComputation.compute(
    ///     rules: rules, term: facts.withoutFamilies, families: facts.familyRanges(size: 1))
    /// ```
    public func familyRanges(size: Int) -> InMemoryFamilies { InMemoryFamilies(self, size: size) }
}

/// A ``TermFacts``' families split into ranges of `size` students by id (``TermFacts/familyRanges(size:)``).
public struct InMemoryFamilies: FamilyFactsSource, Sendable {
    private let facts: TermFacts
    /// The first student id of each range after the first (the ranges' bounds).
    private let bounds: [String]
    private let students: [Student]
    private let size: Int

    init(_ facts: TermFacts, size: Int) {
        precondition(size > 0, "a range holds at least one student")
        self.facts = facts
        self.size = size
        let students = facts.students.sorted { $0.id < $1.id }
        self.students = students
        bounds = stride(from: size, to: students.count, by: size).map { students[$0].id }
    }

    public var rangeCount: Int { bounds.count + 1 }

    public func families(inRange r: Int) throws -> TermFacts {
        let low = r == 0 ? nil : bounds[r - 1]
        let high = r == bounds.count ? nil : bounds[r]
        func inRange(_ id: String) -> Bool { (low.map { $0 <= id } ?? true) && (high.map { id < $0 } ?? true) }
        var out = TermFacts()
        out.students = Array(students[min(r * size, students.count)..<min((r + 1) * size, students.count)])
        out.usages = facts.usages.filter { inRange($0.studentId) }
        out.payments = facts.payments.filter { inRange($0.studentId) }
        out.refunds = facts.refunds.filter { inRange($0.studentId) }
        out.openings = facts.openings.filter { inRange($0.studentId) }
        return out
    }
}
