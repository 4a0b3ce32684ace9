import TuoguanCore

/// What the workbooks read of the term's facts, and nothing else: the roster, the courses, the teaching
/// tallies (the subsidy claim) and each student's usages (to ask the calculator how a family's lines were
/// reached; not when the families are computed when read, whose index has them: ``ReportInput/usages(ofStudent:)``). Made from the ``TermFacts`` the result was computed from, the same way in tests and in
/// production; the usages, payments and refunds the result already holds are not kept twice.
///
/// ```swift
/// let facts = ReportFacts(termFacts, groupingUsages: true)
/// facts.usagesByStudent["S000001"]?.count   // 2: basic care and one interest course
/// ```
public struct ReportFacts: Sendable {
    public var students: [Student]
    public var teachers: [Teacher]
    public var courses: [Course] { didSet { coursesById = CoursesById(courses) } }
    /// The courses by id, made once for every workbook (a district has thousands of courses).
    public private(set) var coursesById: CoursesById
    public var teaching: [TeachingTally]
    /// Each student's usages, by student id.
    public var usagesByStudent: [String: [CourseUsage]]

    public init(_ facts: TermFacts, groupingUsages: Bool) {
        students = facts.students
        teachers = facts.teachers
        courses = facts.courses
        coursesById = CoursesById(facts.courses)
        teaching = facts.teaching
        usagesByStudent = groupingUsages ? Dictionary(grouping: facts.usages, by: \.studentId) : [:]
    }
}
