import Foundation
import Testing
import TuoguanCore
import TuoguanStore

/// Deterministic simulation (issue 7): for each seed, a random school and a random sequence of the clerk's
/// operations — payments (some repeated with the same id, some conflicting), refunds (some over the
/// ceiling, some refused by the policy), force-majeure cancellations, withdrawals — applied both through
/// the real store and to ``ReferenceModel``. After EVERY operation, every family's charged, paid, refunded
/// and balance must agree to the fen, the pools must sum to the net, the term invariants must hold and the
/// journal must verify. A failure names the seed and the operation index; `TUOGUAN_SIM_SEEDS` runs more.
@Suite struct SimulationTests {
    static var seeds: Int { Int(ProcessInfo.processInfo.environment["TUOGUAN_SIM_SEEDS"] ?? "") ?? 200 }

    @Test func seededSequencesAgreeWithTheReferenceModel() throws {
        var operations = 0
        for seed in 1...Self.seeds {
            operations += try simulate(seed: UInt64(seed))
        }
        #expect(operations > Self.seeds * 10)
    }

    func rules(price: Int64) -> PlanRules {
        PlanRules(
            school: "模拟小学", term: "2024-autumn", starts: CivilDate(year: 2024, month: 9, day: 2)!,
            ends: CivilDate(year: 2024, month: 10, day: 31)!,
            noServiceDays: (1...7).map { NoServiceDay(date: CivilDate(year: 2024, month: 10, day: $0)!, reason: "国庆节") },
            categories: ["poor": StudentCategory(id: "poor", name: "家庭经济困难", waives: ["x"])],
            policies: [
                "x": Policy(
                    id: "x", name: "拓展课程", billing: .perLesson, price: Money(fen: price), prepay: .term,
                    refund: RefundRules(personalLeave: .none, cancelled: .full, withdrawal: .remainingLessons),
                    duty: "activity")
            ],
            split: CostShare(basis: .earned, pools: [
                Pool(id: "teacher_workload", name: "量化考核", basisPoints: 6000, sharedBy: .points),
                Pool(id: "quality_award", name: "质量奖", basisPoints: 2000, sharedBy: .qualityScore),
                Pool(id: "running_cost", name: "成本", basisPoints: 500),
                Pool(id: "equipment", name: "设备", basisPoints: 500),
                Pool(id: "district_levy", name: "学区", basisPoints: 1000),
            ]),
            points: ["activity": 50, "patrol": 40])
    }

    /// Runs one seed; returns the number of operations applied.
    func simulate(seed: UInt64) throws -> Int {
        var rng = SimRandom(state: seed)
        let price = [2000, 1500, 333, 1][rng.int(4)]
        let plan = rules(price: Int64(price))
        let dir = NSTemporaryDirectory() + "tuoguan-sim-\(seed)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ledger = try Ledger.create(at: dir + "/sim.sqlite", rules: plan, rulesText: "", rulesFile: "sim.toml", by: "sim")

        // The school.
        let studentCount = 2 + rng.int(5)
        let students = (1...studentCount).map { "S\($0)" }
        var waived = Set<String>()
        var studentsCSV = "student_id,name,grade,class,category\n"
        for s in students {
            let poor = rng.int(5) == 0
            if poor { waived.insert(s) }
            studentsCSV += "\(s),学生\(s),3,三(1)班,\(poor ? "poor" : "")\n"
        }
        let courseCount = 1 + rng.int(2)
        let courses = (1...courseCount).map { "X\($0)" }
        var coursesCSV = "course_id,name,policy,teacher_id,weekdays,start,end,capacity\n"
        var weekday: [String: Int] = [:]
        for c in courses {
            weekday[c] = 1 + rng.int(5)
            coursesCSV += "\(c),课程\(c),x,T1,\(weekday[c]!),16:30,17:10,40\n"
        }
        var enrollments: [String: [String]] = [:]
        var enrollCSV = "student_id,course_id,from,until\n"
        for c in courses {
            for s in students where rng.int(3) != 0 {
                enrollments[c, default: []].append(s)
                enrollCSV += "\(s),\(c),2024-09-02,\n"
            }
        }
        var model = ReferenceModel(price: Int64(price), waived: waived, enrollments: enrollments)
        var sessionsCSV = "course_id,date,start,end,teacher_id,status,reason\n"
        var attendanceCSV = "date,course_id,student_id,status\n"
        var sessionDays: [(String, CivilDate)] = []
        // "Today" is the middle of the term: attendance is taken up to it; force-majeure days come after it
        // (a session with attendance was held and cannot be cancelled).
        let today = plan.serviceDays[plan.serviceDays.count / 2]
        for day in plan.serviceDays {
            for c in courses where day.weekday == weekday[c] {
                sessionsCSV += "\(c),\(day),16:30,17:10,T1,held,\n"
                model.sessions[.init(course: c, day: day.dayNumber)] = true
                sessionDays.append((c, day))
                for s in enrollments[c, default: []] where day < today {
                    attendanceCSV += "\(day),\(c),\(s),\(["present", "present", "present", "leave", "absent"][rng.int(5)])\n"
                }
            }
        }
        for (kind, text) in [
            (ImportKind.students, studentsCSV), (.teachers, "teacher_id,name,kind\nT1,王老师,staff\n"),
            (.courses, coursesCSV), (.enrollments, enrollCSV), (.sessions, sessionsCSV), (.attendance, attendanceCSV),
        ] {
            _ = try ledger.importCSV(kind, data: Data(text.utf8), fileName: "\(kind.rawValue).csv", dryRun: false, by: "sim")
        }

        // The operations.
        let count = 10 + rng.int(20)
        var receipts = 0
        for index in 0..<count {
            let context = "seed \(seed), operation \(index)"
            let student = students[rng.int(students.count)]
            switch rng.int(6) {
            case 0, 1:  // a payment, sometimes an old receipt again, sometimes with other contents
                let reuse = receipts > 0 && rng.int(4) == 0
                let id = reuse ? "R\(1 + rng.int(receipts))" : { receipts += 1; return "R\(receipts)" }()
                let amount = Int64(price) * Int64(1 + rng.int(8))
                let fact = PaymentFact(receipt: id, studentId: student, amount: Money(fen: amount), date: plan.starts, method: .wechat)
                if let old = model.payments[id] {
                    if old.student == student && old.amount == amount {
                        #expect(try ledger.recordPayment(fact, by: "sim") == .alreadyRecorded, "\(context)")
                    } else {
                        #expect(throws: TuoguanError.self, "\(context): conflicting receipt \(id) must be refused") {
                            try ledger.recordPayment(fact, by: "sim")
                        }
                    }
                } else {
                    #expect(try ledger.recordPayment(fact, by: "sim") == .recorded, "\(context)")
                    model.payments[id] = (student, amount)
                }
            case 2:  // a refund by amount (settlement), sometimes over the ceiling
                let amount = Int64(1 + rng.int(price * 3))
                let request = RefundRequest(
                    refundId: "F\(seed)-\(index)", studentId: student, courseId: nil, amount: Money(fen: amount), lessons: nil,
                    date: plan.starts, reason: .settlement, note: "")
                if amount <= model.refundable(student) {
                    _ = try ledger.recordRefund(request, by: "sim")
                    model.refunds[request.refundId] = (student, amount)
                } else {
                    let error = try #require(throws: TuoguanError.self, "\(context)") { try ledger.recordRefund(request, by: "sim") }
                    #expect(error.code == .refundCeiling, "\(context)")
                }
            case 3:  // personal leave is never refunded under this policy
                guard let c = courses.first(where: { enrollments[$0, default: []].contains(student) }) else { continue }
                let request = RefundRequest(
                    refundId: "L\(seed)-\(index)", studentId: student, courseId: c, amount: nil, lessons: 1, date: plan.starts,
                    reason: .personalLeave, note: "")
                let error = try #require(throws: TuoguanError.self, "\(context)") { try ledger.recordRefund(request, by: "sim") }
                #expect(error.code == .refundRefused, "\(context)")
            case 4:  // a force-majeure day
                let future = sessionDays.filter { $0.1 >= today }
                guard !future.isEmpty else { continue }
                let (_, day) = future[rng.int(future.count)]
                let report = try ledger.cancel(date: day, courseIds: nil, reason: "台风", note: "sim", refundIdPrefix: "C\(day)", by: "sim")
                // Model: every held session that day is cancelled; each family is refunded, per course, the
                // lesson it no longer owes, capped at what it paid less what was refunded.
                var expected: [String: Int64] = [:]
                for c in courses where model.sessions[.init(course: c, day: day.dayNumber)] == true {
                    for s in enrollments[c, default: []] where model.enrolledOn(s, c, day.dayNumber) {
                        let before = model.charged(s)
                        model.sessions[.init(course: c, day: day.dayNumber)] = false
                        let owed = before - model.charged(s)
                        model.sessions[.init(course: c, day: day.dayNumber)] = true
                        let give = min(owed, model.refundable(s) - (expected[s] ?? 0))
                        if give > 0 { expected[s, default: 0] += give }
                    }
                    model.sessions[.init(course: c, day: day.dayNumber)] = false
                }
                for (s, amount) in expected { model.refunds["C\(day)-\(s)-\(index)"] = (s, amount) }
                let got = try Dictionary(grouping: report.refunds.filter { $0.outcome == .recorded }, by: \.studentId).mapValues { try Money.sum($0.map(\.amount)).fen }
                #expect(got == expected, "\(context): cancellation refunds")
            default:  // a withdrawal
                guard let c = courses.first(where: { model.enrolledOn(student, $0, plan.ends.dayNumber) }) else { continue }
                let (_, day) = sessionDays[rng.int(sessionDays.count)]
                let before = model.charged(student)
                model.withdrawn["\(student)|\(c)"] = day.dayNumber
                let owed = before - model.charged(student)
                let give = min(owed, model.refundable(student))
                let report = try ledger.withdraw(studentId: student, courseId: c, on: day, refundId: "W\(seed)-\(index)", by: "sim")
                #expect(report.refund.fen == max(0, give), "\(context): withdrawal refund")
                if give > 0 { model.refunds["W\(seed)-\(index)"] = (student, give) }
            }
            try compare(ledger: ledger, plan: plan, model: model, students: students, context: context)
        }
        return count
    }

    func compare(ledger: Ledger, plan: PlanRules, model: ReferenceModel, students: [String], context: String) throws {
        let result = try TermComputation.compute(rules: plan, facts: ledger.termFacts())
        try TermInvariants.check(result)
        for s in students {
            let statement = try #require(result.students.first { $0.student.id == s }, "\(context): \(s) missing")
            #expect(statement.charged.fen == model.charged(s), "\(context): charged of \(s)")
            #expect(statement.paid.fen == model.paid(s), "\(context): paid of \(s)")
            #expect(statement.refunded.fen == model.refunded(s), "\(context): refunded of \(s)")
            #expect(statement.balance.fen == model.balance(s), "\(context): balance of \(s)")
        }
        let poolSum = result.fund.pools.reduce(Int64(0)) { $0 + $1.amount.fen }
        #expect(poolSum == result.fund.net.fen, "\(context): pools sum to net")
        let verify = try ledger.verify()
        #expect(verify.ok && verify.debits == verify.credits, "\(context): journal verifies")
    }
}
