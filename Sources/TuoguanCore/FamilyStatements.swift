import Synchronization

/// Every family's statement of the term, in the result's order (by student id), each computed from the facts
/// when it is read and never kept: a district's statements are hundreds of megabytes held at once, and
/// `statement --json` and the workbooks print them one at a time. The same function computes them as
/// ``TermComputation/compute(rules:facts:)``'s `students` (``TermComputation``'s step 2), so a statement read here
/// is that one, figure for figure.
///
/// Its families are either the whole term's facts, held
/// (``TermComputation/computeFamiliesWhenRead(rules:facts:)``), or read from a ``FamilyFactsSource`` a range of
/// students at a time (``TermComputation/compute(rules:term:families:eachStatement:)``): reading family `k` then
/// reads its range (and keeps that one range until another is read), so read them in order. A source reading a
/// store is read on the thread, and inside the transaction, it was made in.
///
/// ```swift
/// let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
/// for statement in families { print(statement.balance) }   // each computed here, then let go
/// families.usages(of: 0)                                   // the first family's enrolments, as in the facts
/// ```
public struct FamilyStatements: RandomAccessCollection, Sendable {
    let rules: PlanRules
    private let families: Families

    /// Where the families' facts are.
    enum Families: Sendable {
        /// The whole term's, indexed.
        case whole(TermComputation.Index)
        /// A source's, a range at a time.
        case ranged(FamilyRanges)
    }

    init(rules: PlanRules, whole index: TermComputation.Index) {
        self.rules = rules
        families = .whole(index)
    }

    init(rules: PlanRules, ranges: FamilyRanges) {
        self.rules = rules
        families = .ranged(ranges)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch families {
        case .whole(let index): return index.studentOrder.count
        case .ranged(let ranges): return ranges.count
        }
    }

    /// The index holding the `k`-th family, and the family's position in it.
    private func located(_ k: Int) -> (index: TermComputation.Index, k: Int) {
        switch families {
        case .whole(let index): return (index, k)
        case .ranged(let ranges): return ranges.located(k)
        }
    }

    /// The `k`-th family's statement.
    public subscript(k: Int) -> StudentStatement {
        let (index, k) = located(k)
        do {
            return try TermComputation.statement(k, rules: rules, index: index)
        } catch {
            // Every statement was computed once, for the fund's totals, before the collection was handed out,
            // and the computation is pure: the same facts cannot fail now.
            preconditionFailure("the statement of \(index.student(k).id) failed the second time: \(error)")
        }
    }

    /// The `k`-th family's enrolments, in the facts' order: what its lines were computed from (to ask the
    /// calculator how, ``TermComputation/lineSteps(of:usages:courses:rules:)``).
    public func usages(of k: Int) -> [CourseUsage] {
        let (index, k) = located(k)
        return index.usagesOfStudent.positions(of: k).map { index.facts.usages[Int($0)] }
    }

    /// The enrolments of the family of student `id` (none if unknown).
    public func usages(ofStudent id: String) -> [CourseUsage] {
        switch families {
        case .whole(let index):
            return index.position(of: id).map(usages(of:)) ?? []
        case .ranged(let ranges):
            return ranges.position(of: id).map(usages(of:)) ?? []
        }
    }

    /// The `k`-th family's student, without computing the statement.
    public func student(_ k: Int) -> Student {
        let (index, k) = located(k)
        return index.student(k)
    }
}

/// The families of a ``FamilyFactsSource`` as ``FamilyStatements`` reads them: where each range starts (found
/// by the computation's first pass) and the one range read last, indexed.
final class FamilyRanges: @unchecked Sendable {
    /// The source; read only under `lock` (a store's source is not shared across threads).
    private let source: any FamilyFactsSource
    private let term: TermComputation.Index
    /// Per range holding students, in order: its number in the source, its first family's position, its
    /// first student's id.
    let starts: [(range: Int, k: Int, firstId: String)]
    let count: Int
    /// The range read last: its entry in `starts` and its index.
    private let lock = Mutex<(entry: Int, index: TermComputation.Index)?>(nil)

    init(source: any FamilyFactsSource, term: TermComputation.Index, starts: [(range: Int, k: Int, firstId: String)], count: Int) {
        // Invariant: the ranges start in order, at distinct families, below the count.
        assert(zip(starts, starts.dropFirst()).allSatisfy { $0.k < $1.k && $0.firstId < $1.firstId })
        assert(starts.allSatisfy { $0.k < count })
        self.source = source
        self.term = term
        self.starts = starts
        self.count = count
    }

    /// The entry in `starts` of the range holding family `k`.
    private func entry(holding k: Int) -> Int {
        precondition(k >= 0 && k < count, "family \(k) of \(count)")
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid].k <= k { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The index of the range holding family `k` (read now unless it was read last), and `k` in it.
    func located(_ k: Int) -> (index: TermComputation.Index, k: Int) {
        let e = entry(holding: k)
        let index = lock.withLock { last -> TermComputation.Index in
            if let last, last.entry == e { return last.index }
            let index: TermComputation.Index
            do {
                index = try TermComputation.Index(families: source.families(inRange: starts[e].range), term: term)
            } catch {
                // The computation's first pass read and indexed this range, in the same transaction.
                preconditionFailure("the families of range \(starts[e].range) failed the second time: \(error)")
            }
            last = (e, index)
            return index
        }
        return (index, k - starts[e].k)
    }

    /// The position of the student of this id, or nil.
    func position(of id: String) -> Int? {
        guard let e = starts.lastIndex(where: { $0.firstId <= id }) else { return nil }
        let (index, _) = located(starts[e].k)
        return index.position(of: id).map { starts[e].k + $0 }
    }
}
