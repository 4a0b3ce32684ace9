/// The findings of a term, in the order the computation checks them: each course's checks (courses by id), then
/// the findings of the fund and the pools, given with their text.
///
/// A district has up to four checks a course, tens of thousands: a course's check is kept as the course's
/// position in the facts' courses (shared, not copied), which check, its limit and its figure (24 bytes), and
/// becomes a ``Finding`` when read, worded by the same functions as one made alone
/// (``TermComputation/capacityFinding(_:enrolled:capacity:)`` and the others).
///
/// ```swift
/// let findings = result.findings
/// findings.count                       // every check, passed or not
/// findings.filter { !$0.passed }       // [Finding], the failed ones
/// findings.first?.message.zh           // "围棋报名 32 人，超过容量 30 人（多 2 人）"
/// ```
public struct Findings: RandomAccessCollection, Sendable, Equatable {
    /// One of the four checks of a course.
    enum CourseLimit: UInt8, Sendable {
        case minEnrollment, capacity, groupSize, studentsPerTeacher
    }

    /// A course's check by its figures: `limit` is the minimum, the capacity or the ratio (the group sizes are
    /// the term's, kept once in ``Findings``); `figure` the students enrolled or (`studentsPerTeacher`) the most
    /// present at one session.
    struct CourseEntry: Sendable {
        let position: Int32
        let check: CourseLimit
        let limit: Int
        let figure: Int
    }

    /// The courses the entries point into (the facts' array).
    private let courses: [Course]
    private let entries: [CourseEntry]
    /// The group sizes of the rules' limits, for every `groupSize` check.
    private let groupSize: (low: Int?, high: Int?)
    /// The findings after the courses', as given.
    private var given: [Finding]

    /// Findings given with their text, in order (no course's check kept by its figures).
    public init(_ findings: [Finding] = []) {
        self.init(courses: [], entries: [], groupSize: (nil, nil), given: findings)
    }

    init(courses: [Course], entries: [CourseEntry], groupSize: (low: Int?, high: Int?), given: [Finding]) {
        for entry in entries {
            assert(courses.indices.contains(Int(entry.position)), "a course's check points into the courses")
        }
        self.courses = courses
        self.entries = entries
        self.groupSize = groupSize
        self.given = given
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count + given.count }

    public subscript(position: Int) -> Finding {
        position < entries.count ? finding(entries[position]) : given[position - entries.count]
    }

    /// Appends findings given with their text after the others.
    mutating func append(contentsOf findings: [Finding]) {
        given.append(contentsOf: findings)
    }

    /// A course's check worded, as the functions that make one alone word it.
    private func finding(_ entry: CourseEntry) -> Finding {
        let course = courses[Int(entry.position)]
        switch entry.check {
        case .minEnrollment:
            return TermComputation.minEnrollmentFinding(course, enrolled: entry.figure, minimum: entry.limit)
        case .capacity:
            return TermComputation.capacityFinding(course, enrolled: entry.figure, capacity: entry.limit)
        case .groupSize:
            return TermComputation.groupSizeFinding(course, enrolled: entry.figure, low: groupSize.low, high: groupSize.high)
        case .studentsPerTeacher:
            return TermComputation.studentsPerTeacherFinding(course, present: entry.figure, ratio: entry.limit)
        }
    }

    /// Two lists of findings are the same when they read the same, one by one.
    public static func == (a: Findings, b: Findings) -> Bool {
        a.elementsEqual(b)
    }
}
