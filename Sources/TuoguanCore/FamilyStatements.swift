/// Every family's statement of the term, in the result's order (by student id), each computed from the facts
/// when it is read and never kept (``TermComputation/computeFamiliesWhenRead(rules:facts:)``): a district's
/// statements are hundreds of megabytes held at once, and `statement --json` and the workbooks print them one
/// at a time. The same function computes them as ``TermComputation/compute(rules:facts:)``'s `students`
/// (``TermComputation``'s step 2), so a statement read here is that one, figure for figure.
///
/// ```swift
/// let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
/// for statement in families { print(statement.balance) }   // each computed here, then let go
/// families.usages(of: 0)                                   // the first family's enrolments, as in the facts
/// ```
public struct FamilyStatements: RandomAccessCollection, Sendable {
    let rules: PlanRules
    let index: TermComputation.Index

    public var startIndex: Int { 0 }
    public var endIndex: Int { index.studentOrder.count }

    /// The `k`-th family's statement.
    public subscript(k: Int) -> StudentStatement {
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
        index.usagesOfStudent.positions(of: k).map { index.facts.usages[Int($0)] }
    }

    /// The enrolments of the family of student `id` (none if unknown).
    public func usages(ofStudent id: String) -> [CourseUsage] {
        index.position(of: id).map(usages(of:)) ?? []
    }

    /// The `k`-th family's student, without computing the statement.
    public func student(_ k: Int) -> Student { index.student(k) }
}
