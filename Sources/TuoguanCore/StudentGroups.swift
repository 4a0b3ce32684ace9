/// Items of the term's facts (enrolments, payments, refunds, openings) grouped by student, without an array per
/// student (the index groups each teacher's duty and teaching tallies the same way, by the teachers' ids): `positions` holds the items' positions in the facts' array, student after student (students in
/// the order of `students`, each student's items in the facts' order), and `starts[k]` where the `k`-th
/// student's begin. A district's items are hundreds of thousands: this costs 4 bytes an item and a student.
/// Items of a student not in `students` are left out (the term computation reports them as unknown).
///
/// ```swift
/// // students S1, S2 (sorted); payments by S2, S1, S2
/// let groups = StudentGroups(students: ["S1", "S2"], items: ["S2", "S1", "S2"])
/// groups.positions(of: 0)   // [1]
/// groups.positions(of: 1)   // [0, 2]
/// ```
struct StudentGroups: Sendable {
    private(set) var positions: [Int32] = []
    /// `students.count + 1` entries; the `k`-th student's items are `positions[starts[k]..<starts[k + 1]]`.
    private(set) var starts: [Int32] = [0]

    /// `students`: the students' ids, sorted; `items`: each item's student id, in the facts' order.
    init(students: some Collection<String>, items: some RandomAccessCollection<String>) {
        precondition(items.count < Int32.max, "more than 2³¹ items of one kind")
        assert(zip(students, students.dropFirst()).allSatisfy { $0 <= $1 }, "students not sorted")
        let ids = Array(items)
        // Stable: by student id, then by position (the facts' order within a student).
        var sorted = Array(Int32(0)..<Int32(ids.count))
        if !zip(ids, ids.dropFirst()).allSatisfy({ $0 <= $1 }) {
            sorted.sort { a, b in ids[Int(a)] != ids[Int(b)] ? ids[Int(a)] < ids[Int(b)] : a < b }
        }
        positions.reserveCapacity(sorted.count)
        starts.reserveCapacity(students.count + 1)
        var next = 0
        for student in students {
            while next < sorted.count && ids[Int(sorted[next])] < student { next += 1 }  // unknown student
            while next < sorted.count && ids[Int(sorted[next])] == student {
                positions.append(sorted[next])
                next += 1
            }
            starts.append(Int32(positions.count))
        }
        // Invariant: one start per student and one more; every kept position is a valid item.
        assert(starts.count == students.count + 1 && positions.allSatisfy { Int($0) < ids.count })
    }

    /// The positions (in the facts' array, in its order) of the `k`-th student's items.
    func positions(of k: Int) -> ArraySlice<Int32> {
        positions[Int(starts[k])..<Int(starts[k + 1])]
    }
}
