import TuoguanCore

/// What the statement workbook's layout is made from, added up a family at a time in the families' order: their
/// blocks packed into sheets of at most `maxRows` rows, and the courses of their lines in order of first
/// appearance. The families' first pass (the term's computation) gathers it, so the workbook need not compute
/// every family once more before it writes them (``ReportInput/statementLayoutGathered``).
///
/// ```swift
/// var layout = StatementLayoutTally(maxRows: ReportInput.defaultMaxRowsPerSheet)
/// for statement in families { layout.add(statement) }
/// input.statementLayoutGathered = layout
/// ```
public struct StatementLayoutTally: Sendable {
    let maxRows: Int
    var sheets: Workbooks.FamilySheets
    private var lineCourses = Set<String>()
    /// The lines' courses in order of first appearance.
    private(set) var appearing: [(id: String, name: String)] = []
    /// How many families were added.
    private(set) var families = 0

    public init(maxRows: Int) {
        self.maxRows = maxRows
        sheets = Workbooks.FamilySheets(maxRows: maxRows)
    }

    /// Adds the next family's statement.
    public mutating func add(_ statement: StudentStatement) {
        sheets.add(lines: statement.lines.count)
        for line in statement.lines where lineCourses.insert(line.courseId).inserted {
            appearing.append((line.courseId, line.courseName))
        }
        families += 1
    }
}
