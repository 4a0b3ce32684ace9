import TuoguanCore

/// Every family's statement as the workbooks read it, in the result's order (by student id): the result's own
/// (kept), or computed when read (``ReportInput/familiesWhenRead``): each computed again every time it is read,
/// so a workbook reads a family once where it can (its totals added up as its rows are written).
///
/// ```swift
/// for statement in input.families { try s.money(statement.balance, 7) }
/// ```
public enum ReportFamilies: RandomAccessCollection, Sendable {
    case kept([StudentStatement])
    case whenRead(FamilyStatements)

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch self {
        case .kept(let statements): return statements.count
        case .whenRead(let families): return families.count
        }
    }

    public subscript(k: Int) -> StudentStatement {
        switch self {
        case .kept(let statements): return statements[k]
        case .whenRead(let families): return families[k]
        }
    }

    /// The `k`-th family's student, without computing its statement.
    public func student(_ k: Int) -> Student {
        switch self {
        case .kept(let statements): return statements[k].student
        case .whenRead(let families): return families.student(k)
        }
    }
}

extension ReportInput {
    /// Every family's statement (``ReportFamilies``).
    public var families: ReportFamilies { familiesWhenRead.map(ReportFamilies.whenRead) ?? .kept(result.students) }

    /// A family's enrolments, in the facts' order: what its lines were computed from.
    func usages(ofStudent id: String) -> [CourseUsage] {
        familiesWhenRead?.usages(ofStudent: id) ?? facts.usagesByStudent[id] ?? []
    }
}
