/// The days of one enrolment in a course: `[from, until)`, from its first day up to (not including) the
/// first day the student no longer attends (退课日期). An open window runs to the end of the term.
///
/// Every enrolment's window is this value: the store reads it, the tallies count in it, the decisions ask it.
///
/// ```swift
/// let window = EnrolmentWindow(from: CivilDate(parsing: "2024-09-02")!, until: CivilDate(parsing: "2024-11-01"))
/// window.contains(CivilDate(parsing: "2024-10-31")!)   // true
/// window.contains(CivilDate(parsing: "2024-11-01")!)   // false: the withdrawal day is outside
/// window.count(schedule)                               // the schedule's days inside
/// ```
public struct EnrolmentWindow: Sendable, Hashable {
    /// The first day of the enrolment.
    public let from: CivilDate
    /// The first day no longer attending, or nil (to the end of the term).
    public let until: CivilDate?

    /// Invariant: a window never ends before it starts (`until >= from`; equal is an empty window, a
    /// withdrawal on the first day).
    public init(from: CivilDate, until: CivilDate? = nil) {
        precondition(until.map { $0 >= from } ?? true, "an enrolment window ends before it starts")
        self.from = from
        self.until = until
    }

    /// The window from `from` to `until`, or nil when `until` is before `from` (bad input to refuse).
    public static func checked(from: CivilDate, until: CivilDate?) -> EnrolmentWindow? {
        if let until, until < from { return nil }
        return EnrolmentWindow(from: from, until: until)
    }

    /// Whether `day` is a day of the enrolment.
    public func contains(_ day: CivilDate) -> Bool {
        day >= from && (until.map { day < $0 } ?? true)
    }

    /// The same window ending on `until` instead (a withdrawal, or its undo with nil).
    public func ending(_ until: CivilDate?) -> EnrolmentWindow {
        EnrolmentWindow(from: from, until: until)
    }

    /// How many days of `schedule` (any order) fall in the window.
    public func count(_ schedule: [CivilDate]) -> Int {
        schedule.reduce(0) { $0 + (contains($1) ? 1 : 0) }
    }

    /// How many days of a sorted `schedule` fall in the window, by binary search.
    ///
    /// ```swift
    /// EnrolmentWindow(from: d2).count(sorted: [d1, d2, d3])   // 2
    /// ```
    public func count(sorted schedule: [CivilDate]) -> Int {
        assert(zip(schedule, schedule.dropFirst()).allSatisfy { $0 < $1 }, "schedule not sorted")
        let end = until.map { Self.firstIndex(in: schedule, notBefore: $0) } ?? schedule.count
        return max(0, end - Self.firstIndex(in: schedule, notBefore: from))
    }

    /// The window as day numbers `[from, until)` for counting by integers (until nil: open).
    public var dayNumbers: (from: Int, until: Int?) { (from.dayNumber, until?.dayNumber) }

    /// The index of the first day of a sorted `schedule` on or after `day`.
    static func firstIndex(in schedule: [CivilDate], notBefore day: CivilDate) -> Int {
        var low = 0
        var high = schedule.count
        while low < high {
            let mid = (low + high) / 2
            if schedule[mid] < day { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
