/// The courses found by id: each id's position in the courses (shared, not copied). A district has thousands of
/// courses; a dictionary of ``Course`` values would keep a second copy of every one.
///
/// ```swift
/// let byId = CoursesById(facts.courses)
/// byId["X1"]?.name            // "围棋"
/// byId.duplicateIds           // ids given more than once (the first of each is found)
/// ```
public struct CoursesById: Sendable {
    /// The courses, in the order given.
    public let courses: [Course]
    private let positions: [String: Int32]
    /// Ids given more than once, in the order their second course appears.
    public let duplicateIds: [String]

    public init(_ courses: [Course]) {
        precondition(courses.count <= Int(Int32.max), "more courses than a position can count")
        var positions: [String: Int32] = [:]
        positions.reserveCapacity(courses.count)
        var duplicates: [String] = []
        for (position, course) in courses.enumerated() {
            if positions[course.id] == nil { positions[course.id] = Int32(position) } else { duplicates.append(course.id) }
        }
        self.courses = courses
        self.positions = positions
        self.duplicateIds = duplicates
    }

    /// The course with this id (the first given, if several), or nil.
    public subscript(_ id: String) -> Course? {
        positions[id].map { courses[Int($0)] }
    }

    /// Where the course with this id is in `courses` (the first given, if several), or nil.
    public func position(of id: String) -> Int? { positions[id].map(Int.init) }

    /// How many different ids.
    public var count: Int { positions.count }
}
