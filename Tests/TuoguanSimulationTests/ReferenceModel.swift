/// A deliberately simple reference model of one per-lesson policy, written from the rules' documentation
/// (rules/README.md, ChargeCalculator's doc comment), NOT by calling the library's computation. Plain
/// integers (fen), no Money, no allocation code.
///
/// The policy: `price` per lesson, prepaid for the term; personal leave is charged (no refund); a lesson
/// cancelled by the school is not charged and is refunded; a withdrawal refunds the lessons from its date
/// (remaining_lessons); students of the waived category pay nothing. A family's refunds never exceed what
/// it paid less what was refunded already.
struct ReferenceModel {
    struct Session: Hashable {
        var course: String
        var day: Int  // day number
    }
    var price: Int64
    var waived: Set<String>  // students whose category waives the policy
    var enrollments: [String: [String]]  // course → students
    var sessions: [Session: Bool] = [:]  // held (true) or cancelled (false)
    var withdrawn: [String: Int] = [:]  // "student|course" → first day not attending
    var payments: [String: (student: String, amount: Int64)] = [:]
    var refunds: [String: (student: String, amount: Int64)] = [:]

    func paid(_ s: String) -> Int64 { payments.values.filter { $0.student == s }.reduce(0) { $0 + $1.amount } }
    func refunded(_ s: String) -> Int64 { refunds.values.filter { $0.student == s }.reduce(0) { $0 + $1.amount } }
    func refundable(_ s: String) -> Int64 { paid(s) - refunded(s) }

    func enrolledOn(_ student: String, _ course: String, _ day: Int) -> Bool {
        guard enrollments[course, default: []].contains(student) else { return false }
        if let w = withdrawn["\(student)|\(course)"], day >= w { return false }
        return true
    }

    /// price × lessons held while enrolled, or 0 when waived.
    func charged(_ student: String) -> Int64 {
        if waived.contains(student) { return 0 }
        var total: Int64 = 0
        for (session, held) in sessions where held && enrolledOn(student, session.course, session.day) {
            total += price
        }
        return total
    }

    func balance(_ s: String) -> Int64 { charged(s) - (paid(s) - refunded(s)) }
}

/// A tiny deterministic generator (SplitMix64), so a failing seed reproduces exactly.
struct SimRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
