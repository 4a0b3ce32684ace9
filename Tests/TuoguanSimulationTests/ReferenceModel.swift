/// A deliberately simple reference model of one school's term, written from the rules' documentation
/// (rules/README.md: billing, refunds, the split and the points; ChargeCalculator's doc comment), NOT by calling the
/// library's computation: plain integers (fen, points, hundredths of a score), no Money, no Allocation, no
/// ChargeCalculator. It knows one policy per school (the seed picks its billing and refund rules), the
/// sessions, the attendance, the roster duties and every money entry, and from them computes what every
/// statement, pool and teacher's pay must be.
///
/// What it models (rules/README.md):
/// - `per_lesson`, prepaid: price × lessons held while enrolled; cancelled lessons are not charged
///   (`cancelled = "full"`); leave is charged (`personal_leave = "none"`) or credited (`"full"`); a withdrawal
///   keeps the lessons before its date (`remaining_lessons`).
/// - `monthly` (price × months) and `per_term` (price), prepaid: the full fee; a withdrawal keeps
///   full × (lessons before the date) ÷ term lessons; cancelled lessons give back full × cancelled ÷ term lessons.
///   Each quotient rounded once, half up (四舍五入, the default rounding).
/// - a waived category pays (100 − waive_percent)% of the gross (the waived part rounded half up).
/// - the split: net (earned = Σ charged, or cash = paid − refunded) into pools by basis points, largest
///   remainder, ties to the smaller id; the workload pool by points (held sessions earn the policy's duty for
///   the session's teacher, roster duties their own), the award pool by quality scores.
/// - refunds never exceed what the family paid less what was refunded; the refunds for one course never add
///   up to more than its full-term fee (after the waiver), and only a course the student takes is refunded;
///   a reversed payment or refund no longer counts.
/// - spending: an expense from a pool never takes the pool's spending past its share (largest remainder, as
///   the split) of the money collected so far (payments − refunds); the budget lines (`subsidies`, `outside`)
///   have no such ceiling; a reversed expense no longer counts; ids are unique across money and spending.
struct ReferenceModel {
    enum BillingKind: String { case perLesson = "per_lesson", monthly, perTerm = "per_term" }

    struct PoolSpec {
        var id: String
        var basisPoints: Int64
        var shared: String  // "none", "points", "score"
    }

    struct SessionKey: Hashable {
        var course: String
        var day: Int
    }

    struct Entry: Equatable {
        enum Kind: Equatable { case payment, refund, reversal }
        var kind: Kind
        var student: String
        var amount: Int64
        /// What makes two submissions "the same contents" (course, reason, lessons, target …).
        var detail: String
    }

    /// A deliberately wrong rule, to prove the shrinker works (see `SimulationTests`).
    enum Fault { case none, reversedRefundStillCounts }

    // The plan.
    var billing: BillingKind
    var price: Int64
    var months: Int64
    var leaveCredited: Bool  // personal_leave = "full" (else "none")
    var waivePercent: Int64
    var cashBasis: Bool
    var pools: [PoolSpec]
    var points: [String: Int64]
    var courseDuty: String
    var fault: Fault = .none

    // The school.
    var students: [String]
    var waived: Set<String>
    var teachers: [String]
    var courses: [String]
    var enrollments: [String: [String]]  // course → students, sorted
    var sessions: [SessionKey: String] = [:]  // every session of the term → its teacher
    var attendance: [String: String] = [:]  // "student|course|day" → present / leave / absent
    var scores: [String: Int64] = [:]  // teacher → hundredths

    // What happened.
    var cancelled: Set<SessionKey> = []
    var withdrawn: [String: Int] = [:]  // "student|course" → first day not attending
    var entries: [String: Entry] = [:]  // every journal entry by id
    var reversedBy: [String: String] = [:]  // entry id → the id of the reversal
    var duties: Set<String> = []  // "day|teacher|duty" of the roster
    var spendEntries: [String: Spend] = [:]  // every spending journal entry by id

    /// An expense (or its reversal) as the spending journal keeps it.
    struct Spend: Equatable {
        var reversal: Bool
        var line: String  // a pool id, "subsidies" or "outside"
        var amount: Int64
        var detail: String  // the reversed id, for a reversal
    }

    // MARK: Rounding, in plain integers

    /// n × a ÷ d, rounded half up (all non-negative).
    static func halfUp(_ n: Int64, times a: Int64, over d: Int64) -> Int64 { (2 * n * a + d) / (2 * d) }

    /// Largest remainder: floors, then one fen each to the largest remainders, ties to the smaller key.
    static func largestRemainder(_ total: Int64, _ weights: [(key: String, weight: Int64)]) -> [String: Int64] {
        let sum = weights.reduce(Int64(0)) { $0 + $1.weight }
        var parts: [String: Int64] = [:]
        guard sum > 0 else {
            for w in weights { parts[w.key] = 0 }
            return parts
        }
        var rest = total
        var remainders: [(key: String, r: Int64)] = []
        for w in weights {
            parts[w.key] = total * w.weight / sum
            rest -= total * w.weight / sum
            remainders.append((w.key, total * w.weight % sum))
        }
        remainders.sort { $0.r != $1.r ? $0.r > $1.r : $0.key < $1.key }
        for i in 0..<Int(rest) { parts[remainders[i].key]! += 1 }
        return parts
    }

    // MARK: Charges

    func days(of course: String) -> [Int] { sessions.keys.filter { $0.course == course }.map(\.day).sorted() }

    func enrolled(_ student: String, _ course: String) -> Bool { enrollments[course, default: []].contains(student) }

    /// What `student` is charged for `course` if they leave on `leaving` (nil: stays to the end).
    func charge(_ student: String, _ course: String, leaving: Int?) -> Int64 {
        guard enrolled(student, course) else { return 0 }
        let all = days(of: course)
        let window = all.filter { leaving == nil || $0 < leaving! }
        let held = window.filter { !cancelled.contains(SessionKey(course: course, day: $0)) }
        let cancelledCount = Int64(window.count - held.count)
        let leave = Int64(held.filter { attendance["\(student)|\(course)|\($0)"] == "leave" }.count)
        var gross: Int64
        switch billing {
        case .perLesson:
            gross = price * Int64(held.count)
            if leaveCredited { gross -= price * leave }
        case .monthly, .perTerm:
            let full = billing == .monthly ? price * months : price
            let term = Int64(all.count)
            gross = full
            if leaving != nil { gross = Self.halfUp(full, times: Int64(window.count), over: term) }
            gross -= Self.halfUp(full, times: cancelledCount, over: term)
        }
        gross = max(0, gross)
        if waived.contains(student) { gross -= Self.halfUp(gross, times: waivePercent, over: 100) }
        return gross
    }

    func charged(_ student: String) -> Int64 {
        courses.reduce(0) { $0 + charge(student, $1, leaving: withdrawn["\(student)|\($1)"]) }
    }

    func counts(_ id: String, _ entry: Entry) -> Bool {
        if reversedBy[id] == nil { return true }
        return fault == .reversedRefundStillCounts && entry.kind == .refund
    }

    func paid(_ s: String) -> Int64 {
        entries.filter { $0.value.kind == .payment && $0.value.student == s && counts($0.key, $0.value) }
            .reduce(0) { $0 + $1.value.amount }
    }

    func refunded(_ s: String) -> Int64 {
        entries.filter { $0.value.kind == .refund && $0.value.student == s && counts($0.key, $0.value) }
            .reduce(0) { $0 + $1.value.amount }
    }

    func refundable(_ s: String) -> Int64 { paid(s) - refunded(s) }

    /// The course a refund was given for ("leave X1", "cancelled X1", "withdrawal X1"), nil for a settlement.
    static func course(of entry: Entry) -> String? {
        guard entry.kind == .refund, let space = entry.detail.firstIndex(of: " ") else { return nil }
        return String(entry.detail[entry.detail.index(after: space)...])
    }

    /// What the refunds for `course` may add up to for `s`: the full-term fee they prepaid for it (every
    /// session of the term, nothing cancelled, no leave, no withdrawal), less the waiver.
    func courseFee(_ s: String, _ course: String) -> Int64 {
        guard enrolled(s, course) else { return 0 }
        var full: Int64
        switch billing {
        case .perLesson: full = price * Int64(days(of: course).count)
        case .monthly: full = price * months
        case .perTerm: full = price
        }
        if waived.contains(s) { full -= Self.halfUp(full, times: waivePercent, over: 100) }
        return full
    }

    func courseRefunded(_ s: String, _ course: String) -> Int64 {
        entries.filter { $0.value.student == s && Self.course(of: $0.value) == course && counts($0.key, $0.value) }
            .reduce(0) { $0 + $1.value.amount }
    }

    func courseLeft(_ s: String, _ course: String) -> Int64 { courseFee(s, course) - courseRefunded(s, course) }
    func balance(_ s: String) -> Int64 { charged(s) - (paid(s) - refunded(s)) }

    /// What one lesson is worth for a refund by lessons.
    func lessonValue(_ course: String) -> Int64 {
        switch billing {
        case .perLesson: return price
        case .monthly: return Self.halfUp(price * months, times: 1, over: Int64(max(1, days(of: course).count)))
        case .perTerm: return Self.halfUp(price, times: 1, over: Int64(max(1, days(of: course).count)))
        }
    }

    // MARK: The fund and the teachers

    var net: Int64 {
        cashBasis
            ? students.reduce(0) { $0 + paid($1) - refunded($1) }
            : students.reduce(0) { $0 + charged($1) }
    }

    var poolAmounts: [String: Int64] { Self.largestRemainder(net, pools.map { ($0.id, $0.basisPoints) }) }

    var pointsOf: [String: Int64] {
        var out = Dictionary(uniqueKeysWithValues: teachers.map { ($0, Int64(0)) })
        for (session, teacher) in sessions where !cancelled.contains(session) {
            out[teacher, default: 0] += points[courseDuty] ?? 0
        }
        for duty in duties {
            let parts = duty.split(separator: "|").map(String.init)
            out[parts[1], default: 0] += points[parts[2]] ?? 0
        }
        return out
    }

    /// Each teacher's part of the pools shared by `shared` ("points" or "score").
    func teacherShares(_ shared: String) -> [String: Int64] {
        let weights = shared == "points" ? pointsOf : scores
        var out = Dictionary(uniqueKeysWithValues: teachers.map { ($0, Int64(0)) })
        let amounts = poolAmounts
        for pool in pools where pool.shared == shared {
            let parts = Self.largestRemainder(amounts[pool.id]!, teachers.map { ($0, weights[$0] ?? 0) })
            for t in teachers { out[t]! += parts[t] ?? 0 }
        }
        return out
    }
}

extension ReferenceModel {
    /// Σ expenses of `line` not reversed.
    func spent(_ line: String) -> Int64 {
        spendEntries.filter { !$0.value.reversal && $0.value.line == line && reversedBy[$0.key] == nil }
            .reduce(0) { $0 + $1.value.amount }
    }

    /// Payments − refunds so far, reversed ones left out.
    var collected: Int64 { students.reduce(0) { $0 + paid($1) - refunded($1) } }

    /// What `pool` may still spend: its share of `collected` less what it spent.
    func poolRoom(_ pool: String) -> Int64 {
        (Self.largestRemainder(collected, pools.map { ($0.id, $0.basisPoints) })[pool] ?? 0) - spent(pool)
    }
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
    mutating func chance(_ n: Int, in d: Int) -> Bool { int(d) < n }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(xs.count)] }
}
