/// A deliberately simple reference model of one school's term, written from the rules' documentation
/// (rules/README.md: billing, refunds, the split and the points; ChargeCalculator's doc comment), NOT by calling the
/// library's computation: plain integers (fen, points, hundredths of a score), no Money, no Allocation, no
/// ChargeCalculator. It knows one policy per school (the seed picks its billing and refund rules), the
/// sessions, the attendance, the roster duties and every money entry, and from them computes what every
/// statement, pool and teacher's pay must be.
///
/// What it models (rules/README.md, "How each billing charges" and "Enrolment edges"), every enrolment
/// running from its `from` day (included; some students join mid-term) to the day before a withdrawal:
/// - `per_lesson`, prepaid: price × lessons held while enrolled; cancelled lessons are not charged
///   (`cancelled = "full"`); leave is charged (`personal_leave = "none"`) or credited (`"full"`); a withdrawal
///   keeps the lessons before its date (`remaining_lessons`). Settled by use (`settle = "actual_use"`):
///   price × lessons present or unrecorded (and absent with `use = "present_or_absent"`).
/// - `per_student_hour`: the same in minutes (each lesson its session's own: 40 or 45) × price ÷ 60, each
///   amount rounded once.
/// - the bill at the start: sessions come from a file (all held) or the timetable (held once their day is
///   before "today" or attendance is recorded at them); `charged` counts the lessons held, `due` every lesson
///   of the enrolment not cancelled (the policy is prepaid for the term); balance = due − (paid − refunded).
/// - `monthly` (price × months) and `per_term` (price), prepaid: the enrolment's fee — the whole fee, or for
///   a late start the share `late_start` says (months / half-months / service days with service inside the
///   enrolment, or the course's lessons inside it) — ; a withdrawal keeps the share of the enrolment its
///   rule says (lessons, service days, months or half-months before the date); cancelled lessons give back
///   fee × cancelled ÷ the enrolment's lessons.
///   Each quotient rounded once, half up (四舍五入, the default rounding).
/// - a waived category pays (100 − waive_percent)% of the gross (the waived part rounded half up).
/// - the split: net (earned = Σ charged, or cash = paid − refunded) into pools by basis points, largest
///   remainder, ties to the smaller id; the workload pool by points (held sessions earn the policy's duty for
///   the session's teacher, roster duties their own), the award pool by quality scores.
/// - refunds never exceed what the family paid less what was refunded; the refunds for one course never add
///   up to more than its full-term fee (after the waiver), and only a course the student takes is refunded;
///   a settlement never takes the family past settled (charged − kept ≤ 0 after it); a reversed payment or
///   refund no longer counts.
/// - withdrawals and cancellations are events that own their refunds: a refund with their reason on its own
///   is refused, so is the correction of one of their refunds; `undo` reverses all of an event's refunds and
///   takes the event back (the student enrolled again, the sessions held again), once.
/// - spending: an expense from a pool never takes the pool's spending past its share (largest remainder, as
///   the split) of the money collected so far (payments − refunds); the budget lines (`subsidies`, `outside`)
///   have no such ceiling; a reversed expense no longer counts; ids are unique across money and spending.
struct ReferenceModel {
    enum BillingKind: String { case perLesson = "per_lesson", perStudentHour = "per_student_hour", monthly, perTerm = "per_term" }

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
    /// `settle = "actual_use"` (per_lesson, per_student_hour), and `use = "present_or_absent"` with it.
    var settled = false
    var presentOrAbsent = false
    /// `late_start` of a monthly or per-term policy: month, half_month, per_day, remaining_lessons, none.
    var lateStart = "none"
    /// `refund.withdrawal`: remaining_lessons (every billing), month, half_month, per_day (monthly, per_term).
    var withdrawal = "remaining_lessons"
    /// Minutes of every session (each lesson counts its session's own minutes; the rules' `lesson_minutes`
    /// stays 40).
    var lessonMinutes: Int64 = 40
    /// Sessions from the timetable: a session is held once its day is before `today` or attendance is recorded
    /// at it; nil: every session on file is held (from a sessions file).
    var today: Int? = nil
    /// The sessions with attendance recorded (any student).
    var attended: Set<SessionKey> = []
    /// The term's service days: day number, month (year × 12 + month), half-month (month × 2 + second half).
    var serviceDays: [(day: Int, month: Int, half: Int)] = []

    // The school.
    var students: [String]
    var waived: Set<String>
    var teachers: [String]
    var courses: [String]
    var enrollments: [String: [String]]  // course → students, sorted
    var from: [String: Int] = [:]  // "student|course" → first day enrolled (absent: the term's first day)
    var sessions: [SessionKey: String] = [:]  // every session of the term → its teacher
    var attendance: [String: String] = [:]  // "student|course|day" → present / leave / absent
    var scores: [String: Int64] = [:]  // teacher → hundredths

    // What happened.
    var cancelled: Set<SessionKey> = []
    var withdrawn: [String: Int] = [:]  // "student|course" → first day not attending
    var entries: [String: Entry] = [:]  // every journal entry by id
    var held: [String: Int64] = [:]  // the suspense list: transfer id → fen
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

    /// A withdrawal or a cancellation (what `undo` takes back whole), or an undo.
    struct Event {
        enum Kind { case withdrawal, cancellation, undo }
        var kind: Kind
        var refunds: [String] = []  // the refund ids it recorded
        var pair: String? = nil  // a withdrawal's "student|course"
        var day: Int
        var sessions: [SessionKey] = []  // the sessions a cancellation cancelled
        var undoes: String? = nil
    }
    var events: [String: Event] = [:]  // by id: the withdrawal's id, the cancellation's prefix, the undo's id
    var undoneBy: [String: String] = [:]  // event id → the undo's id

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

    /// `per_lesson, settled (present_or_absent)`, `monthly, late_start month, withdrawal half_month` …: what
    /// a seed's plan exercises, for the run's tally.
    var planSummary: String {
        switch billing {
        case .perLesson, .perStudentHour:
            return billing.rawValue + (settled ? ", settled (\(presentOrAbsent ? "present_or_absent" : "present"))" : "")
        case .monthly, .perTerm:
            return "\(billing.rawValue), late_start \(lateStart), withdrawal \(withdrawal)"
        }
    }

    /// Enrolments starting after the term's first service day.
    var lateJoiners: Int { from.values.filter { $0 > (serviceDays.first?.day ?? Int.min) }.count }

    func firstDay(_ student: String, _ course: String) -> Int { from["\(student)|\(course)"] ?? Int.min }

    /// The course's sessions inside the enrolment (from its first day), each held or cancelled.
    func enrolledDays(_ student: String, _ course: String) -> [Int] {
        days(of: course).filter { $0 >= firstDay(student, course) }
    }

    /// n × price ÷ 60 for minutes, price × n for lessons.
    func value(_ lessons: Int64) -> Int64 {
        billing == .perStudentHour ? Self.halfUp(price, times: lessons * lessonMinutes, over: 60) : price * lessons
    }

    /// Months, half-months or service days with service in [start, end) (end nil: the term's end).
    func units(_ unit: String, from start: Int, until end: Int?) -> Int64 {
        let inside = serviceDays.filter { $0.day >= start && (end == nil || $0.day < end!) }
        switch unit {
        case "month": return Int64(Set(inside.map(\.month)).count)
        case "half_month": return Int64(Set(inside.map(\.half)).count)
        default: return Int64(inside.count)
        }
    }

    /// The term's months or half-months a monthly fee is shared over: the term's, at most `months` (× 2).
    func termUnits(_ unit: String) -> Int64 {
        let all = units(unit, from: Int.min, until: nil)
        guard billing == .monthly else { return all }
        return unit == "month" ? min(months, all) : unit == "half_month" ? min(2 * months, all) : all
    }

    /// The monthly or per-term fee of the enrolment (before any refundable event).
    func enrolmentFee(_ student: String, _ course: String) -> Int64 {
        let whole = billing == .monthly ? price * months : price
        let start = firstDay(student, course)
        switch lateStart {
        case "remaining_lessons":
            let all = Int64(days(of: course).count)
            return all == 0 ? whole : Self.halfUp(whole, times: Int64(enrolledDays(student, course).count), over: all)
        case "month", "half_month", "per_day":
            guard let first = serviceDays.first?.day, start > first else { return whole }
            let total = termUnits(lateStart)
            return Self.halfUp(whole, times: min(total, units(lateStart, from: start, until: nil)), over: total)
        default:
            return whole
        }
    }

    /// Whether a session is held: every session on file, or from the timetable one whose day has passed or
    /// with attendance recorded.
    func isHeld(_ key: SessionKey) -> Bool {
        guard let today, key.day >= today else { return true }
        return attended.contains(key)
    }

    /// What `student` is charged for `course` if they leave on `leaving` (nil: stays to the end). `projected`:
    /// every lesson of the window not cancelled counts as held (what a prepaying family owes from the start,
    /// and what the events' refunds are the difference of); otherwise only the lessons held (the fees earned).
    func charge(_ student: String, _ course: String, leaving: Int?, projected: Bool = true) -> Int64 {
        guard enrolled(student, course) else { return 0 }
        let enrolled = enrolledDays(student, course)
        let window = enrolled.filter { leaving == nil || $0 < leaving! }
        let held = window.filter {
            !cancelled.contains(SessionKey(course: course, day: $0)) && (projected || isHeld(SessionKey(course: course, day: $0)))
        }
        let cancelledCount = Int64(window.filter { cancelled.contains(SessionKey(course: course, day: $0)) }.count)
        let status = { (day: Int) in attendance["\(student)|\(course)|\(day)"] }
        let leave = Int64(held.filter { status($0) == "leave" }.count)
        var gross: Int64
        switch billing {
        case .perLesson, .perStudentHour:
            if settled {
                let used = held.filter { status($0) == nil || status($0) == "present" || (presentOrAbsent && status($0) == "absent") }
                gross = value(Int64(used.count))
            } else {
                gross = value(Int64(held.count))
                if leaveCredited { gross -= value(leave) }
            }
        case .monthly, .perTerm:
            let fee = enrolmentFee(student, course)
            gross = fee
            if let leaving {
                let start = firstDay(student, course)
                switch withdrawal {
                case "per_day":
                    let total = units("per_day", from: start, until: nil)
                    gross = total == 0 ? 0 : Self.halfUp(fee, times: units("per_day", from: start, until: leaving), over: total)
                case "month", "half_month":
                    let total = min(termUnits(withdrawal), units(withdrawal, from: start, until: nil))
                    let kept = min(total, units(withdrawal, from: start, until: leaving))
                    gross = total == 0 ? 0 : Self.halfUp(fee, times: kept, over: total)
                default:
                    gross = enrolled.isEmpty ? 0 : Self.halfUp(fee, times: Int64(window.count), over: Int64(enrolled.count))
                }
            }
            if !enrolled.isEmpty { gross -= Self.halfUp(fee, times: cancelledCount, over: Int64(enrolled.count)) }
        }
        gross = max(0, gross)
        if waived.contains(student) { gross -= Self.halfUp(gross, times: waivePercent, over: 100) }
        return gross
    }

    /// The fees earned: the lessons held so far.
    func charged(_ student: String) -> Int64 {
        courses.reduce(0) { $0 + charge(student, $1, leaving: withdrawn["\(student)|\($1)"], projected: false) }
    }

    /// 应缴: the policy is prepaid for the term, so the family owes every lesson of its enrolments not cancelled,
    /// held or still to come (and at least what was earned).
    func due(_ student: String) -> Int64 {
        courses.reduce(0) {
            let leaving = withdrawn["\(student)|\($1)"]
            return $0 + max(charge(student, $1, leaving: leaving), charge(student, $1, leaving: leaving, projected: false))
        }
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

    /// The withdrawal or cancellation that recorded refund `id`, if any.
    func eventOfRefund(_ id: String) -> String? {
        events.first { $0.value.kind != .undo && $0.value.refunds.contains(id) }?.key
    }

    /// The last day `s` has attendance recorded in `course` (any status), if any.
    func lastAttendance(_ s: String, _ course: String) -> Int? {
        attendance.keys.compactMap { key -> Int? in
            let parts = key.split(separator: "|")
            return parts[0] == s && parts[1] == course ? Int(parts[2]) : nil
        }.max()
    }

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
        case .perLesson, .perStudentHour: full = value(Int64(enrolledDays(s, course).count))
        case .monthly, .perTerm: full = enrolmentFee(s, course)
        }
        if waived.contains(s) { full -= Self.halfUp(full, times: waivePercent, over: 100) }
        return full
    }

    func courseRefunded(_ s: String, _ course: String) -> Int64 {
        entries.filter { $0.value.student == s && Self.course(of: $0.value) == course && counts($0.key, $0.value) }
            .reduce(0) { $0 + $1.value.amount }
    }

    func courseLeft(_ s: String, _ course: String) -> Int64 { courseFee(s, course) - courseRefunded(s, course) }
    func balance(_ s: String) -> Int64 { due(s) - (paid(s) - refunded(s)) }

    /// What one lesson is worth for a refund by lessons: for a monthly or per-term course, the enrolment's
    /// fee over its lessons (`student` nil: an enrolment for the whole term).
    func lessonValue(_ course: String, student: String? = nil) -> Int64 {
        switch billing {
        case .perLesson, .perStudentHour: return value(1)
        case .monthly, .perTerm:
            guard let student else {
                return Self.halfUp(billing == .monthly ? price * months : price, times: 1, over: Int64(max(1, days(of: course).count)))
            }
            return Self.halfUp(enrolmentFee(student, course), times: 1, over: Int64(max(1, enrolledDays(student, course).count)))
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
        for (session, teacher) in sessions where !cancelled.contains(session) && isHeld(session) {
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
