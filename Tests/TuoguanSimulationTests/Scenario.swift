import TuoguanCore
import TuoguanInput
import TuoguanStore

/// One operation of the clerk, as data: a sequence of these is what a seed generates, what the shrinker
/// removes operations from, and what a failure prints. Ids are fixed when the sequence is generated, so any
/// sub-sequence can be run again on its own.
enum SimOp: Equatable, CustomStringConvertible {
    /// A payment (a receipt): new, the same receipt again, or the same receipt with other contents.
    case pay(receipt: String, student: String, amount: Int64)
    /// A refund by amount with reason settlement (no course): refused over the ceiling.
    case refund(id: String, student: String, amount: Int64)
    /// A refund by amount for one course (reason settlement): refused when the student does not take the
    /// course, or past the course's fee less what was refunded for it, or past the family's ceiling.
    case courseRefund(id: String, student: String, course: String, amount: Int64)
    /// A refund of one lesson for personal leave: refused when the policy says `personal_leave = "none"`.
    case leaveRefund(id: String, student: String, course: String)
    /// Force majeure: every session of the day cancelled, every prepaid family refunded (refused as a whole
    /// when a session of that day already has attendance).
    case cancel(day: CivilDate)
    /// A withdrawal from `day` on, with its refund.
    case withdraw(id: String, student: String, course: String, day: CivilDate)
    /// A correction (reversal) of the journal entry `target`, which may be unknown, a reversal itself, or
    /// already reversed.
    case correct(id: String, target: String)
    /// One attendance record imported from a file (present, leave or absent): refused for a day the course
    /// does not meet, a cancelled session, or a student who does not take the course that day; the same
    /// record again changes nothing, another status for it is a conflict.
    case attend(course: String, day: CivilDate, student: String, status: String)
    /// A roster duty imported from a file (an unknown duty makes the whole import fail).
    case duty(teacher: String, duty: String, day: CivilDate)
    /// `undo` of `target`: a withdrawal (its id) or a cancellation (`C<day>`) taken back with all its refunds;
    /// refused for anything else, for an event undone already, and the same undo id again is a no-op.
    case undo(id: String, target: String)
    /// A refund with an event's reason (withdrawal, cancelled) on its own: refused, pointing to the command.
    case eventRefund(id: String, student: String, course: String, reason: RefundReason)
    /// An expense paid from a pool or a budget line (`subsidies`, `outside`; now and then an unknown pool):
    /// refused past the pool's share of the money collected less refunds; the same id again changes
    /// nothing, another amount under it is a conflict.
    case spend(id: String, line: String, amount: Int64)
    /// A correction of a student's category (`edit student --category`): into or out of the waived category.
    /// The same category again records nothing; refused when a course would then cost the family less than
    /// was already refunded for it.
    case recategorize(student: String, waived: Bool)
    /// The term's end (`settle --apply`): every family owed back (but those left out) refunded its balance
    /// under `JS-<term>-<student>` or the next free suffix; again, it refunds only what changed since.
    case settle(except: [String])
    /// A mark corrected (`edit attendance`; `status` nil removes it) or, with `replace`, re-imported with
    /// `--replace`: refused for a day without a held session, outside the enrolment, or while a withdrawal of
    /// the enrolment is in force; the same mark again records nothing.
    case correctMark(course: String, day: CivilDate, student: String, status: String?, replace: Bool)
    /// A WeChat Pay export confirmed with `--apply-certain` (``SimTransfer``): new transfers and, now and then,
    /// transfers of an earlier export again (an overlapping or repeated export), some rows twice.
    case transfers(export: [SimTransfer])

    var description: String {
        switch self {
        case let .pay(r, s, a): return "pay(receipt: \(r), student: \(s), fen: \(a))"
        case let .refund(id, s, a): return "refund(id: \(id), student: \(s), fen: \(a), reason: settlement)"
        case let .courseRefund(id, s, c, a): return "refund(id: \(id), student: \(s), course: \(c), fen: \(a), reason: settlement)"
        case let .leaveRefund(id, s, c): return "refund(id: \(id), student: \(s), course: \(c), lessons: 1, reason: personal_leave)"
        case let .cancel(d): return "cancel(day: \(d))"
        case let .withdraw(id, s, c, d): return "withdraw(id: \(id), student: \(s), course: \(c), day: \(d))"
        case let .correct(id, t): return "correct(id: \(id), target: \(t))"
        case let .attend(c, d, s, st): return "attend(course: \(c), day: \(d), student: \(s), status: \(st))"
        case let .duty(t, d, day): return "duty(teacher: \(t), duty: \(d), day: \(day))"
        case let .undo(id, t): return "undo(id: \(id), entry: \(t))"
        case let .eventRefund(id, s, c, r): return "refund(id: \(id), student: \(s), course: \(c), lessons: 1, reason: \(r.rawValue))"
        case let .spend(id, line, a): return "spend(id: \(id), pool: \(line), fen: \(a))"
        case let .recategorize(s, w): return "edit(student: \(s), category: \(w ? "poor" : "none"))"
        case let .settle(except): return "settle(except: \(except))"
        case let .correctMark(c, d, s, st, r):
            return "\(r ? "import --replace" : "edit attendance")(course: \(c), day: \(d), student: \(s), status: \(st ?? "none"))"
        case let .transfers(export): return "reconcile(apply-certain: [\(export.map(\.description).joined(separator: ", "))])"
        }
    }
}

/// A seed's school: the plan, the people, the timetable and the attendance so far. Fixed for the seed; only
/// the operations after it are shrunk.
struct SimSchool {
    var seed: UInt64
    var rules: PlanRules
    var model: ReferenceModel  // before any operation
    var today: CivilDate  // attendance is taken before it
    var sessionDays: [(course: String, day: CivilDate)]
    /// The sessions come from the timetable (`makeTimetable`, scheduled, the ledger read as of `today`)
    /// rather than from a sessions file (every session of the term on file as held).
    var timetable = false
    /// Sessions taught by another teacher than the course's: in a sessions file, or `editSession` (代课).
    var substitutes: [(course: String, day: CivilDate, teacher: String)] = []
    var csv: [(ImportKind, String)]  // the setup imports, in order

    static let starts = CivilDate(year: 2024, month: 9, day: 2)!
    static let ends = CivilDate(year: 2024, month: 10, day: 31)!

    /// The school and the plan for `seed` (the operations come from `operations(count:rng:)`).
    init(seed: UInt64, rng: inout SimRandom) {
        self.seed = seed
        // The plan: one policy, its billing and refund rules chosen by the seed.
        let billing = rng.pick([ReferenceModel.BillingKind.perLesson, .perStudentHour, .monthly, .perTerm])
        let price: Int64
        switch billing {
        case .perLesson: price = rng.pick([2000, 1500, 333, 1])
        case .perStudentHour: price = rng.pick([300, 250, 333, 1])
        case .monthly: price = rng.pick([4000, 3333, 101])
        case .perTerm: price = rng.pick([16000, 9999, 12345])
        }
        let leaveCredited = rng.chance(1, in: 3)
        let waivePercent = Int64(rng.pick([100, 50, 33]))
        let cashBasis = rng.chance(1, in: 3)
        let pools: [ReferenceModel.PoolSpec] =
            rng.chance(1, in: 2)
            ? [
                .init(id: "teacher_workload", basisPoints: 6000, shared: "points"),
                .init(id: "quality_award", basisPoints: 2000, shared: "score"),
                .init(id: "running_cost", basisPoints: 500, shared: "none"),
                .init(id: "equipment", basisPoints: 500, shared: "none"),
                .init(id: "district_levy", basisPoints: 1000, shared: "none"),
            ]
            : [
                .init(id: "a_workload", basisPoints: 5000, shared: "points"),
                .init(id: "b_award", basisPoints: 1250, shared: "score"),
                .init(id: "c_cost", basisPoints: 3333, shared: "none"),
                .init(id: "d_levy", basisPoints: 417, shared: "none"),
            ]
        let points: [String: Int64] = ["activity": rng.pick([50, 45, 1]), "patrol": 40, "escort": rng.pick([40, 0, 7])]
        // The edges: settlement by use for the per-lesson billings, the late-start and withdrawal rules of the
        // monthly and per-term ones.
        let flat = billing == .monthly || billing == .perTerm
        let settled = !flat && rng.chance(1, in: 3)
        let presentOrAbsent = settled && rng.chance(1, in: 2)
        let lateStart: LateStartRule? = flat ? rng.pick([nil, .month, .halfMonth, .perDay, .remainingLessons, LateStartRule.none]) : nil
        let withdrawal: RefundRule = flat ? rng.pick([.remainingLessons, .month, .halfMonth, .perDay]) : .remainingLessons
        let refund = RefundRules(personalLeave: leaveCredited ? .full : .none, cancelled: .full, withdrawal: withdrawal)
        let policy: Policy
        switch billing {
        case .perLesson, .perStudentHour:
            policy = Policy(
                id: "x", name: "拓展课程", billing: billing == .perLesson ? .perLesson : .perStudentHour,
                price: Money(fen: price), prepay: .term, settle: settled ? .actualUse : .none,
                use: presentOrAbsent ? .presentOrAbsent : .present, refund: refund, duty: "activity")
        case .monthly:
            policy = Policy(
                id: "x", name: "四点半托", billing: .monthly, price: Money(fen: price), months: 4, prepay: .term,
                refund: refund, duty: "activity", lateStart: lateStart)
        case .perTerm:
            policy = Policy(
                id: "x", name: "学期托管", billing: .perTerm, price: Money(fen: price), prepay: .term, refund: refund,
                duty: "activity", lateStart: lateStart)
        }
        var rules = PlanRules(
            school: "模拟小学", term: "2024-autumn", starts: Self.starts, ends: Self.ends,
            noServiceDays: (1...7).map { NoServiceDay(date: CivilDate(year: 2024, month: 10, day: $0)!, reason: "国庆节") },
            categories: [
                "poor": StudentCategory(id: "poor", name: "家庭经济困难", waives: ["x"], waivePercent: Int(waivePercent))
            ],
            policies: ["x": policy],
            split: CostShare(
                basis: cashBasis ? .cash : .earned,
                pools: pools.map {
                    Pool(
                        id: $0.id, name: $0.id, basisPoints: $0.basisPoints,
                        sharedBy: $0.shared == "points" ? .points : $0.shared == "score" ? .qualityScore : .none)
                }),
            points: points)
        // A make-up Saturday (调休) on the timetable of a weekday the seed picks; the sessions from the timetable
        // or a file; sessions of their own length (45 minutes now and then: per_student_hour counts each
        // lesson by its session's minutes, not `lesson_minutes`).
        let makeUp = CivilDate(year: 2024, month: 9, day: 14)!
        rules.makeUpDays = [makeUp]
        rules.makeUpFollows = [makeUp: 1 + rng.int(5)]
        self.rules = rules
        let timetable = rng.chance(1, in: 2)
        let sessionMinutes = billing == .perStudentHour && rng.chance(1, in: 2) ? 45 : 40
        let endTime = sessionMinutes == 45 ? "17:15" : "17:10"

        // The people.
        let students = (1...(2 + rng.int(5))).map { "S\($0)" }
        var waived = Set<String>()
        var studentsCSV = "student_id,name,grade,class,category\n"
        for s in students {
            let poor = rng.chance(1, in: 5)
            if poor { waived.insert(s) }
            studentsCSV += "\(s),学生\(s),3,三(1)班,\(poor ? "poor" : "")\n"
        }
        let teachers = (1...(1 + rng.int(3))).map { "T\($0)" }
        let teachersCSV = "teacher_id,name,kind\n" + teachers.map { "\($0),老师\($0),staff\n" }.joined()
        var scores: [String: Int64] = [:]
        var scoresCSV = "teacher_id,score\n"
        for t in teachers where rng.chance(2, in: 3) {
            let hundredths = Int64(6000 + rng.int(4001))
            scores[t] = hundredths
            scoresCSV += "\(t),\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)\n"
        }
        let courses = (1...(1 + rng.int(3))).map { "X\($0)" }
        var coursesCSV = "course_id,name,policy,teacher_id,weekdays,start,end,capacity\n"
        var weekday: [String: Int] = [:]
        var teacherOf: [String: String] = [:]
        for c in courses {
            weekday[c] = 1 + rng.int(5)
            teacherOf[c] = rng.pick(teachers)
            coursesCSV += "\(c),课程\(c),x,\(teacherOf[c]!),\(weekday[c]!),16:30,\(endTime),40\n"
        }
        // Enrolments: most from the term's first day, one in four from a later day (a late joiner).
        var enrollments: [String: [String]] = [:]
        var from: [String: CivilDate] = [:]
        var enrollCSV = "student_id,course_id,from,until\n"
        for c in courses {
            for s in students where rng.int(3) != 0 {
                enrollments[c, default: []].append(s)
                let first = rng.chance(1, in: 4) ? rng.pick(rules.serviceDays) : Self.starts
                from["\(s)|\(c)"] = first
                enrollCSV += "\(s),\(c),\(first),\n"
            }
        }
        var model = ReferenceModel(
            billing: billing, price: price, months: 4, leaveCredited: leaveCredited, waivePercent: waivePercent,
            cashBasis: cashBasis, pools: pools, points: points, courseDuty: "activity", students: students,
            waived: waived, teachers: teachers, courses: courses, enrollments: enrollments)
        model.scores = scores
        model.settled = settled
        model.presentOrAbsent = presentOrAbsent
        model.lateStart = (lateStart ?? (billing == .monthly ? .month : .remainingLessons)).rawValue
        model.withdrawal = withdrawal.spelling
        model.serviceDays = rules.serviceDays.map { d in
            (d.dayNumber, d.year * 12 + d.month, (d.year * 12 + d.month) * 2 + (d.day >= 16 ? 1 : 0))
        }
        model.from = from.mapValues(\.dayNumber)
        model.lessonMinutes = Int64(sessionMinutes)

        // The timetable: every session of the term is on file as held (a substitute teacher now and then);
        // attendance (present, leave, absent) is taken up to "today", the middle of the term.
        var sessionsCSV = "course_id,date,start,end,teacher_id,status,reason\n"
        var attendanceCSV = "date,course_id,student_id,status\n"
        var sessionDays: [(course: String, day: CivilDate)] = []
        let today = rules.serviceDays[rules.serviceDays.count / 2]
        var substitutes: [(course: String, day: CivilDate, teacher: String)] = []
        for day in rules.serviceDays {
            for c in courses where rules.timetableWeekday(day) == weekday[c] {
                let teacher = rng.chance(1, in: 8) ? rng.pick(teachers) : teacherOf[c]!
                if teacher != teacherOf[c]! { substitutes.append((c, day, teacher)) }
                sessionsCSV += "\(c),\(day),16:30,\(endTime),\(teacher),held,\n"
                model.sessions[.init(course: c, day: day.dayNumber)] = teacher
                sessionDays.append((c, day))
                for s in enrollments[c, default: []] where day < today && day >= from["\(s)|\(c)"]! {
                    let status = rng.pick(["present", "present", "present", "leave", "absent"])
                    attendanceCSV += "\(day),\(c),\(s),\(status)\n"
                    model.attendance["\(s)|\(c)|\(day.dayNumber)"] = status
                    model.attended.insert(.init(course: c, day: day.dayNumber))
                }
            }
        }
        // From the timetable, the sessions are scheduled: held once their day is before `today` or attendance
        // is recorded for them.
        if timetable { model.today = today.dayNumber }
        self.model = model
        self.today = today
        self.sessionDays = sessionDays
        self.timetable = timetable
        self.substitutes = substitutes
        csv = [
            (.students, studentsCSV), (.teachers, teachersCSV), (.courses, coursesCSV), (.enrollments, enrollCSV),
            (.sessions, sessionsCSV), (.attendance, attendanceCSV), (.scores, scoresCSV),
        ]
    }

    /// `count` random operations. They do not depend on what the store answers: expectations are the
    /// model's business when they run.
    func operations(count: Int, rng: inout SimRandom) -> [SimOp] {
        let students = model.students
        let teachers = model.teachers
        let future = sessionDays.filter { $0.day >= today }
        let past = sessionDays.filter { $0.day < today }
        let unit = max(model.lessonValue(model.courses[0]), 100)
        var ops: [SimOp] = []
        var ids: [String] = []  // every id an operation may have put in the journal
        var likely: [String] = []  // the ids of payments, refunds by amount and withdrawals: mostly recorded
        var corrections: [String] = []
        for index in 0..<count {
            let student = rng.pick(students)
            switch rng.int(33) {
            case 0..<5:  // a payment: new, repeated, or conflicting
                let earlier = ops.compactMap { op -> SimOp? in if case .pay = op { return op } else { return nil } }
                if !earlier.isEmpty, rng.chance(1, in: 4), case let .pay(r, s, a) = rng.pick(earlier) {
                    ops.append(rng.chance(1, in: 2) ? .pay(receipt: r, student: s, amount: a) : .pay(receipt: r, student: student, amount: a + 1))
                } else {
                    let amount = rng.chance(1, in: 3) ? Int64(1 + rng.int(50_000)) : unit * Int64(1 + rng.int(10))
                    ops.append(.pay(receipt: "R\(index)", student: student, amount: amount))
                    ids.append("R\(index)")
                    likely.append("R\(index)")
                }
            case 5..<8:  // a refund by amount, sometimes over the ceiling, sometimes an old id again
                let earlier = ops.compactMap { op -> SimOp? in if case .refund = op { return op } else { return nil } }
                if !earlier.isEmpty, rng.chance(1, in: 5), case let .refund(id, s, a) = rng.pick(earlier) {
                    ops.append(rng.chance(1, in: 2) ? .refund(id: id, student: s, amount: a) : .refund(id: id, student: s, amount: a + 7))
                } else if rng.chance(1, in: 3) {  // for one course: up to a little over its whole fee
                    let course = rng.pick(model.courses)
                    let fee = max(model.courseFee(student, course), unit)
                    ops.append(.courseRefund(id: "G\(index)", student: student, course: course, amount: Int64(1 + rng.int(Int(fee + fee / 4)))))
                    ids.append("G\(index)")
                    likely.append("G\(index)")
                } else {
                    ops.append(.refund(id: "F\(index)", student: student, amount: Int64(1 + rng.int(Int(unit) * 3))))
                    ids.append("F\(index)")
                    likely.append("F\(index)")
                }
            case 8, 9:  // personal leave
                ops.append(.leaveRefund(id: "L\(index)", student: student, course: rng.pick(model.courses)))
                ids.append("L\(index)")
            case 10, 11:  // force majeure; now and then on a day already taken (refused as a whole)
                let pool = !past.isEmpty && rng.chance(1, in: 10) ? past : future
                guard !pool.isEmpty else { continue }
                let day = rng.pick(pool).day
                ops.append(.cancel(day: day))
                for c in model.courses { for s in model.enrollments[c, default: []] { ids.append("C\(day)-\(s)-\(c)") } }
            case 12, 13:  // a withdrawal, now and then repeated or of a course the student never took
                let earlier = ops.compactMap { op -> SimOp? in if case .withdraw = op { return op } else { return nil } }
                if !earlier.isEmpty, rng.chance(1, in: 6), case let .withdraw(id, s, c, d) = rng.pick(earlier) {
                    ops.append(.withdraw(id: id, student: s, course: c, day: rng.chance(1, in: 2) ? d : rng.pick(sessionDays).day))
                    continue
                }
                let pairs = model.courses.flatMap { c in model.enrollments[c, default: []].map { (s: $0, c: c) } }
                let pair = !pairs.isEmpty && !rng.chance(1, in: 10) ? rng.pick(pairs) : (s: student, c: rng.pick(model.courses))
                let day = rng.pick(sessionDays.filter { $0.course == pair.c }.map(\.day) + [SimSchool.ends])
                ops.append(.withdraw(id: "W\(index)", student: pair.s, course: pair.c, day: day))
                ids.append("W\(index)")
                likely.append("W\(index)")
            case 14..<17:  // a correction: of an entry, an unknown id, a correction, or with a used correction id
                let target: String
                switch rng.int(10) {
                case 0: target = "NOPE\(index)"
                case 1 where !corrections.isEmpty: target = rng.pick(corrections)
                case 2..<7 where !likely.isEmpty: target = rng.pick(likely)
                default: target = ids.isEmpty ? "NOPE\(index)" : rng.pick(ids)
                }
                let id = !corrections.isEmpty && rng.chance(1, in: 6) ? rng.pick(corrections) : "K\(index)"
                ops.append(.correct(id: id, target: target))
                corrections.append(id)
            case 20..<23:  // attendance: mostly a session to come and a student who takes the course
                let course = rng.pick(model.courses)
                let meets = sessionDays.filter { $0.course == course }.map(\.day)
                let day =
                    rng.chance(1, in: 10) || meets.isEmpty
                    ? rng.pick(rules.serviceDays) : rng.pick(rng.chance(1, in: 5) ? meets : meets.filter { $0 >= today } + [meets.last!])
                let takers = model.enrollments[course, default: []]
                let who = !takers.isEmpty && !rng.chance(1, in: 8) ? rng.pick(takers) : student
                let status = rng.pick(["present", "present", "leave", "absent"])
                // Now and then a mark corrected instead: mostly one recorded earlier in this sequence.
                let marked = ops.compactMap { op -> (String, CivilDate, String)? in
                    if case let .attend(c, d, s, _) = op { return (c, d, s) } else { return nil }
                }
                if rng.chance(1, in: 3) {
                    let (c, d, s) = !marked.isEmpty && !rng.chance(1, in: 4) ? rng.pick(marked) : (course, day, who)
                    let new: String? = rng.chance(1, in: 6) ? nil : status
                    ops.append(.correctMark(course: c, day: d, student: s, status: new, replace: new != nil && rng.chance(1, in: 3)))
                } else {
                    ops.append(.attend(course: course, day: day, student: who, status: status))
                }
            case 23..<26:  // an expense: from a pool (some over its room), a budget line, an unknown pool; or again
                let earlier = ops.compactMap { op -> SimOp? in if case .spend = op { return op } else { return nil } }
                if !earlier.isEmpty, rng.chance(1, in: 5), case let .spend(id, line, a) = rng.pick(earlier) {
                    ops.append(.spend(id: id, line: line, amount: rng.chance(1, in: 2) ? a : a + 1))
                } else {
                    let line =
                        rng.chance(1, in: 12)
                        ? "nowhere" : rng.chance(1, in: 5) ? rng.pick(["subsidies", "outside"]) : rng.pick(model.pools.map(\.id))
                    let amount = Int64(1 + rng.int(Int(unit) * (rng.chance(1, in: 3) ? 10 : 1)))
                    ops.append(.spend(id: "E\(index)", line: line, amount: amount))
                    ids.append("E\(index)")
                    likely.append("E\(index)")
                }
            case 26..<29:  // an undo: of a withdrawal or a cancellation, now and then of something else, or again
                let events = ops.compactMap { op -> String? in
                    switch op {
                    case let .withdraw(id, _, _, _): return id
                    case let .cancel(day): return "C\(day)"
                    default: return nil
                    }
                }
                let undos = ops.compactMap { op -> SimOp? in if case .undo = op { return op } else { return nil } }
                if !undos.isEmpty, rng.chance(1, in: 6), case let .undo(id, t) = rng.pick(undos) {
                    ops.append(.undo(id: id, target: rng.chance(1, in: 2) || events.isEmpty ? t : rng.pick(events)))
                    continue
                }
                var target = !events.isEmpty && !rng.chance(1, in: 6) ? rng.pick(events) : (ids.isEmpty ? "NOPE\(index)" : rng.pick(ids))
                if !undos.isEmpty, rng.chance(1, in: 12), case let .undo(earlier, _) = rng.pick(undos) { target = earlier }
                ops.append(.undo(id: "U\(index)", target: target))
            case 29:  // a refund with an event's reason on its own
                ops.append(.eventRefund(
                    id: "V\(index)", student: student, course: rng.pick(model.courses),
                    reason: rng.chance(1, in: 2) ? .withdrawal : .cancelled))
            case 32:  // the term's end, now and then leaving a family out
                ops.append(.settle(except: rng.chance(1, in: 3) ? [student] : []))
                // A correction may reverse a settlement refund (then the next settlement refunds it again).
                ids.append("JS-\(rules.term)-\(student)")
            case 30, 31:  // a category corrected: mostly a real change
                ops.append(.recategorize(student: student, waived: rng.chance(1, in: 5) ? model.waived.contains(student) : !model.waived.contains(student)))
            default:  // a roster duty (sometimes one the rules do not know, sometimes the same again)
                let duty = rng.chance(1, in: 12) ? "nap" : rng.pick(["patrol", "escort", "activity"])
                ops.append(.duty(teacher: rng.pick(teachers), duty: duty, day: rng.pick(rules.serviceDays)))
            }
        }
        return ops
    }
}
