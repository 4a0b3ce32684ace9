import Foundation
import TuoguanCore
import TuoguanStore

/// Runs a seed's operations through the real store (a new ledger in a temporary folder) and through
/// ``ReferenceModel``, comparing after the setup and after EVERY operation: each family's charged, paid,
/// refunded and balance; the fund's income, refunds, earned, net and every pool; every teacher's points,
/// workload pay and award, all to the fen; and the invariants (pools sum to the net, refunds ≤ payments per
/// family, refunds per course ≤ the course's prepaid fee, the term invariants, the journal's hash chain and debits = credits). Returns the first
/// difference as text (nil when all agree), so the shrinker can run sub-sequences again.
struct Simulation {
    let school: SimSchool
    let operations: [SimOp]

    init(seed: UInt64) {
        var rng = SimRandom(state: seed)
        school = SimSchool(seed: seed, rng: &rng)
        operations = SimTransfer.interleaved(school.operations(count: 10 + rng.int(31), rng: &rng), school: school)
    }

    struct Failure: Error, CustomStringConvertible {
        var step: Int  // -1: the setup
        var message: String
        var description: String { step < 0 ? "after the setup: \(message)" : "at operation \(step + 1): \(message)" }
    }

    /// Runs `ops` (the seed's, or a sub-sequence of them); nil when the store and the model agree throughout.
    func run(_ ops: [SimOp], fault: ReferenceModel.Fault = .none, tally: Tally? = nil) -> Failure? {
        let dir = NSTemporaryDirectory() + "tuoguan-sim-\(school.seed)-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var model = school.model
        model.fault = fault
        var step = -1
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let ledger = try Ledger.create(
                at: dir + "/sim.sqlite", rules: school.rules, rulesText: "", rulesFile: "sim.toml", by: "sim")
            for (kind, text) in school.csv {
                if kind == .sessions && school.timetable {
                    // The timetable instead of the file, read as of the seed's today; substitutes by `edit session`.
                    ledger.asOf = school.today
                    _ = try ledger.makeTimetable(dryRun: false, by: "sim")
                    for s in school.substitutes {
                        _ = try ledger.editSession(courseId: s.course, date: s.day, SessionEdit(teacherId: s.teacher), note: "代课", by: "sim")
                    }
                    continue
                }
                _ = try ledger.importCSV(kind, data: Data(text.utf8), fileName: "\(kind.rawValue).csv", dryRun: false, by: "sim")
            }
            if let problem = try compare(ledger, model) { return Failure(step: step, message: problem) }
            for op in ops {
                step += 1
                if let problem = try apply(op, ledger, &model, tally) { return Failure(step: step, message: "\(op): \(problem)") }
                if let problem = try compare(ledger, model) { return Failure(step: step, message: "after \(op): \(problem)") }
            }
            if let problem = try checkCarry(ledger, model, dir: dir) { return Failure(step: step, message: problem) }
        } catch {
            return Failure(step: step, message: "unexpected error: \(error)")
        }
        return nil
    }

    // MARK: One operation, on both sides

    /// What the store must answer: recorded (with an amount), already recorded, or an error with this code.
    enum Expected: Equatable {
        case recorded, alreadyRecorded, error(TuoguanError.Code)
    }

    func outcome(_ body: () throws -> RecordOutcome) throws -> Expected {
        do {
            return try body() == .recorded ? .recorded : .alreadyRecorded
        } catch let error as TuoguanError {
            return .error(error.code)
        }
    }

    func check(_ got: Expected, _ want: Expected) -> String? {
        got == want ? nil : "the store answered \(got), the model expects \(want)"
    }

    /// How often each kind of operation met each answer (what the runs exercised).
    final class Tally {
        var counts: [String: Int] = [:]
        func add(_ what: String, _ want: Expected) {
            let answer: String
            switch want {
            case .recorded: answer = "recorded"
            case .alreadyRecorded: answer = "already recorded"
            case .error(let code): answer = "refused (\(code))"
            }
            counts["\(what): \(answer)", default: 0] += 1
        }
        var summary: String { counts.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }.joined(separator: "\n") }
    }

    func apply(_ op: SimOp, _ ledger: Ledger, _ model: inout ReferenceModel, _ tally: Tally? = nil) throws -> String? {
        let date = SimSchool.starts
        typealias Entry = ReferenceModel.Entry
        switch op {
        case let .pay(receipt, student, amount):
            let entry = Entry(kind: .payment, student: student, amount: amount, detail: "")
            let want: Expected
            if let old = model.entries[receipt] {
                want = old == entry ? .alreadyRecorded : .error(.conflict)
            } else {
                want = .recorded
                model.entries[receipt] = entry
            }
            tally?.add("payment", want)
            let fact = PaymentFact(receipt: receipt, studentId: student, amount: Money(fen: amount), date: date, method: .wechat)
            return check(try outcome { try ledger.recordPayment(fact, by: "sim") }, want)

        case let .refund(id, student, amount):
            let entry = Entry(kind: .refund, student: student, amount: amount, detail: "settlement")
            let want = model.admitRefund(id, entry)
            tally?.add("refund by amount", want)
            let request = RefundRequest(
                refundId: id, studentId: student, amount: Money(fen: amount), date: date, reason: .settlement, note: "sim")
            return check(try outcome { try ledger.recordRefund(request, by: "sim").outcome }, want)

        case let .courseRefund(id, student, course, amount):
            let entry = Entry(kind: .refund, student: student, amount: amount, detail: "settlement \(course)")
            let want = model.enrolled(student, course) ? model.admitRefund(id, entry) : .error(.unknownReference)
            let byFee = want == .error(.refundCeiling) && amount <= model.refundable(student)
            tally?.add(byFee ? "refund by amount for a course, past its fee" : "refund by amount for a course", want)
            let request = RefundRequest(
                refundId: id, studentId: student, courseId: course, amount: Money(fen: amount), date: date, reason: .settlement,
                note: "sim")
            return check(try outcome { try ledger.recordRefund(request, by: "sim").outcome }, want)

        case let .leaveRefund(id, student, course):
            let amount = model.lessonValue(course, student: student)
            let entry = Entry(kind: .refund, student: student, amount: amount, detail: "leave \(course)")
            // Only a course the student takes; 因个人原因请假不退款 unless the policy credits leave.
            // A lesson worth nothing (a late joiner's share of a monthly or per-term fee can be 0) has nothing
            // to refund.
            let want: Expected =
                !model.enrolled(student, course)
                ? .error(.unknownReference)
                : model.leaveCredited && amount > 0 ? model.admitRefund(id, entry) : .error(.refundRefused)
            tally?.add("refund for leave", want)
            let request = RefundRequest(
                refundId: id, studentId: student, courseId: course, lessons: 1, date: date, reason: .personalLeave, note: "sim")
            var gotAmount: Int64?
            let got = try outcome {
                let out = try ledger.recordRefund(request, by: "sim")
                gotAmount = out.amount.fen
                return out.outcome
            }
            if let problem = check(got, want) { return problem }
            if want == .recorded, gotAmount != amount { return "refunded \(gotAmount ?? -1) fen, the model \(amount)" }
            return nil

        case let .cancel(day):
            if let problem = try cancelAgain(day, ledger, model, tally) { return problem == "" ? nil : problem }
            let key = { (c: String) in ReferenceModel.SessionKey(course: c, day: day.dayNumber) }
            let meeting = model.courses.filter { model.sessions[key($0)] != nil }
            // A session already taken (with attendance) cannot be cancelled: the whole day is refused.
            let taken = meeting.contains { c in
                !model.cancelled.contains(key(c)) && model.enrollments[c, default: []].contains { model.attendance["\($0)|\(c)|\(day.dayNumber)"] != nil }
            }
            var expected: [String: Int64] = [:]  // refund id → fen, recorded now
            var newlyCancelled: [ReferenceModel.SessionKey] = []
            if !taken {
                for c in meeting {
                    let newly = !model.cancelled.contains(key(c))
                    if newly { newlyCancelled.append(key(c)) }
                    for s in model.enrollments[c, default: []] {
                        if let until = model.withdrawn["\(s)|\(c)"], until <= day.dayNumber { continue }
                        let id = "C\(day)-\(s)-\(c)"
                        if model.entries[id] != nil || !newly { continue }
                        let before = model.charge(s, c, leaving: model.withdrawn["\(s)|\(c)"])
                        model.cancelled.insert(key(c))
                        let after = model.charge(s, c, leaving: model.withdrawn["\(s)|\(c)"])
                        model.cancelled.remove(key(c))
                        let give = min(before - after, model.refundable(s), model.courseLeft(s, c))
                        if give > 0 {
                            expected[id] = give
                            model.entries[id] = Entry(kind: .refund, student: s, amount: give, detail: "cancelled \(c)")
                        }
                    }
                    model.cancelled.insert(key(c))
                }
                if !newlyCancelled.isEmpty {
                    model.events["C\(day)"] = ReferenceModel.Event(
                        kind: .cancellation, refunds: expected.keys.sorted(), day: day.dayNumber, sessions: newlyCancelled)
                }
            }
            let nothing = !taken && newlyCancelled.isEmpty  // every session of the day cancelled already
            tally?.add(expected.isEmpty ? "cancellation without refunds" : "cancellation with refunds", taken ? .error(.conflict) : .recorded)
            do {
                let report = try ledger.cancel(
                    date: day, courseIds: nil, reason: "台风", note: "sim", refundIdPrefix: "C\(day)", by: "sim")
                if taken || nothing { return "the store cancelled a day with attendance or nothing to cancel" }
                let got = Dictionary(
                    uniqueKeysWithValues: report.refunds.filter { $0.outcome == .recorded }.map { ($0.refundId, $0.amount.fen) })
                return got == expected ? nil : "cancellation refunds \(got.sorted { $0.key < $1.key }), the model \(expected.sorted { $0.key < $1.key })"
            } catch let error as TuoguanError {
                if nothing && error.code == .badInput { return nil }
                return taken && error.code == .conflict ? nil : "the store refused: \(error.code), the model expects \(taken ? "conflict" : "refunds \(expected)")"
            }

        case let .withdraw(id, student, course, day):
            let pair = "\(student)|\(course)"
            var want: Expected
            var wantRefund: Int64 = 0
            if !model.enrolled(student, course) {
                want = .error(.unknownReference)
            } else if let event = model.events[id] {
                // Undone: the id is spent. Otherwise the same withdrawal again is a no-op reporting its refund.
                let same = model.undoneBy[id] == nil && event.kind == .withdrawal && event.pair == pair && event.day == day.dayNumber
                want = same ? .alreadyRecorded : .error(.conflict)
                wantRefund = event.refunds.reduce(0) { $0 + (model.entries[$1]?.amount ?? 0) }
            } else if model.entries[id] != nil {
                want = .error(.conflict)
            } else if let until = model.withdrawn[pair] {
                want = until == day.dayNumber ? .alreadyRecorded : .error(.conflict)
            } else if day.dayNumber < model.firstDay(student, course) {
                want = .error(.badInput)  // before the enrolment's first day
            } else if let last = model.lastAttendance(student, course), last >= day.dayNumber {
                want = .error(.badInput)  // dated on or before the last attendance recorded
            } else {
                want = .recorded
                let owed = model.charge(student, course, leaving: nil) - model.charge(student, course, leaving: day.dayNumber)
                wantRefund = max(0, min(owed, model.refundable(student), model.courseLeft(student, course)))
                model.withdrawn[pair] = day.dayNumber
                if wantRefund > 0 {
                    model.entries[id] = Entry(kind: .refund, student: student, amount: wantRefund, detail: "withdrawal \(course)")
                }
                model.events[id] = ReferenceModel.Event(
                    kind: .withdrawal, refunds: wantRefund > 0 ? [id] : [], pair: pair, day: day.dayNumber)
            }
            tally?.add(wantRefund > 0 ? "withdrawal with a refund" : "withdrawal", want)
            var gotRefund: Int64 = 0
            let got = try outcome {
                let report = try ledger.withdraw(studentId: student, courseId: course, on: day, refundId: id, by: "sim")
                gotRefund = report.refund.fen
                return report.outcome
            }
            if let problem = check(got, want) { return problem }
            if case .error = want { return nil }
            return gotRefund == wantRefund ? nil : "withdrawal refund \(gotRefund) fen, the model \(wantRefund)"

        case let .spend(id, line, amount):
            return try applySpend(id: id, line: line, amount: amount, ledger, &model, tally)

        case let .correct(id, target):
            if model.spendEntries[target] != nil { return try applyExpenseCorrection(id: id, target: target, ledger, &model, tally) }
            let want: Expected
            if let original = model.entries[target] {
                let entry = Entry(kind: .reversal, student: original.student, amount: original.amount, detail: target)
                if original.kind == .reversal {
                    want = .error(.badInput)
                } else if original.kind == .refund, model.eventOfRefund(target) != nil, model.entries[id] == nil {
                    want = .error(.refundRefused)  // a withdrawal's or cancellation's refund: undo, not correct
                } else if let by = model.reversedBy[target], by != id {
                    want = .error(.conflict)
                } else if original.kind == .payment, model.entries[id] == nil,
                    model.paid(original.student) - model.refunded(original.student) - original.amount < 0
                {
                    want = .error(.refundCeiling)  // reversing it would leave more refunded than paid
                } else if let old = model.entries[id] {
                    want = old == entry ? .alreadyRecorded : .error(.conflict)
                } else if model.spendEntries[id] != nil {
                    want = .error(.conflict)  // the correction id is an expense's or its correction's
                } else {
                    want = .recorded
                    model.entries[id] = entry
                    model.reversedBy[target] = id
                }
            } else {
                want = .error(.unknownReference)
            }
            let of = model.entries[target].map { ["payment": "a payment", "refund": "a refund", "reversal": "a correction"]["\($0.kind)"]! } ?? "an unknown id"
            tally?.add("correction of \(of)", want)
            return check(try outcome { try ledger.reverse(entryId: target, correctionId: id, note: "sim", by: "sim") }, want)

        case let .settle(except):
            return try settle(except: except, ledger, &model, tally)
        case let .transfers(export):
            return try applyTransfers(export, ledger, &model, tally)

        case let .recategorize(student, waived):
            var want = Expected.alreadyRecorded
            if model.waived.contains(student) != waived {
                var changed = model
                if waived { changed.waived.insert(student) } else { changed.waived.remove(student) }
                // The refunds of a course never exceed its fee after the waiver: a category that would breaks that is refused.
                let over = model.courses.contains { changed.enrolled(student, $0) && changed.courseRefunded(student, $0) > changed.courseFee(student, $0) }
                want = over ? .error(.conflict) : .recorded
                if !over { model = changed }
            }
            tally?.add("category change", want)
            let edit = StudentEdit(category: .some(waived ? "poor" : nil))
            return check(try outcome { try ledger.editStudent(student, edit, note: "sim", by: "sim").isEmpty ? .alreadyRecorded : .recorded }, want)

        case let .attend(course, day, student, status):
            let session = ReferenceModel.SessionKey(course: course, day: day.dayNumber)
            let key = "\(student)|\(course)|\(day.dayNumber)"
            let want: Expected
            if model.sessions[session] == nil {
                want = .error(.unknownReference)
            } else if model.cancelled.contains(session) {
                want = .error(.badInput)
            } else if !model.enrolled(student, course) || model.withdrawn["\(student)|\(course)"].map({ day.dayNumber >= $0 }) ?? false
                || day.dayNumber < model.firstDay(student, course)
            {
                want = .error(.unknownReference)
            } else if let old = model.attendance[key] {
                want = old == status ? .alreadyRecorded : .error(.conflict)
            } else {
                want = .recorded
                model.attendance[key] = status
                model.attended.insert(session)
            }
            tally?.add("attendance (\(status))", want)
            let csv = "date,course_id,student_id,status\n\(day),\(course),\(student),\(status)\n"
            return check(
                try outcome {
                    let report = try ledger.importCSV(.attendance, data: Data(csv.utf8), fileName: "attendance.csv", dryRun: false, by: "sim")
                    return report.inserted == 1 ? .recorded : .alreadyRecorded
                }, want)

        case let .undo(id, target):
            return try applyUndo(id, target, ledger, &model, tally)

        case let .correctMark(course, day, student, status, replace):
            return try applyMarkCorrection(
                course: course, day: day, student: student, status: status, replace: replace, ledger, &model, tally)

        case let .eventRefund(id, student, course, reason):
            let want: Expected = model.enrolled(student, course) ? .error(.refundRefused) : .error(.unknownReference)
            tally?.add("refund for \(reason.rawValue) on its own", want)
            let request = RefundRequest(
                refundId: id, studentId: student, courseId: course, lessons: 1, date: date, reason: reason, note: "sim")
            return check(try outcome { try ledger.recordRefund(request, by: "sim").outcome }, want)

        case let .duty(teacher, duty, day):
            tally?.add("duty", model.points[duty] == nil ? .error(.badInput) : .recorded)
            let csv = "date,teacher_id,duty,course_id\n\(day),\(teacher),\(duty),\n"
            do {
                _ = try ledger.importCSV(.duties, data: Data(csv.utf8), fileName: "duties.csv", dryRun: false, by: "sim")
                if model.points[duty] == nil { return "the store imported the unknown duty \(duty)" }
                model.duties.insert("\(day.dayNumber)|\(teacher)|\(duty)")
                return nil
            } catch let error as TuoguanError {
                return model.points[duty] == nil ? nil : "the store refused the duty: \(error)"
            }
        }
    }

    // MARK: The comparison

    func compare(_ ledger: Ledger, _ model: ReferenceModel) throws -> String? {
        let facts = try ledger.termFacts()
        let result = try TermComputation.compute(rules: school.rules, facts: facts)
        do { try TermInvariants.check(result) } catch { return "term invariants: \(error)" }
        var problems: [String] = []
        func same(_ what: String, _ got: Int64, _ want: Int64) {
            if got != want { problems.append("\(what): store \(got), model \(want)") }
        }
        for s in model.students {
            guard let st = result.students.first(where: { $0.student.id == s }) else { return "\(s) has no statement" }
            same("charged of \(s)", st.charged.fen, model.charged(s))
            same("due of \(s)", st.due.fen, model.due(s))
            same("paid of \(s)", st.paid.fen, model.paid(s))
            same("refunded of \(s)", st.refunded.fen, model.refunded(s))
            same("balance of \(s)", st.balance.fen, model.balance(s))
            if st.refunded > st.paid { problems.append("\(s) was refunded \(st.refunded.fen) fen of \(st.paid.fen) paid") }
            // Per course: the refunds for it, never past its prepaid fee, and only for a course taken.
            for c in model.courses where model.enrolled(s, c) || facts.refunds.contains(where: { $0.studentId == s && $0.courseId == c }) {
                let refunded = facts.refunds.filter { $0.studentId == s && $0.courseId == c }.reduce(0) { $0 + $1.amount.fen }
                same("refunded for \(c) of \(s)", refunded, model.courseRefunded(s, c))
                guard let line = st.lines.first(where: { $0.courseId == c }) else {
                    problems.append("\(s) was refunded \(refunded) fen for \(c), which they do not take")
                    continue
                }
                same("fee of \(c) for \(s)", line.prepaidExpected.fen, model.courseFee(s, c))
                if refunded > line.prepaidExpected.fen {
                    problems.append("\(s) was refunded \(refunded) fen for \(c), whose fee is \(line.prepaidExpected.fen)")
                }
            }
        }
        same("income", result.fund.income.fen, model.students.reduce(0) { $0 + model.paid($1) })
        same("refunds", result.fund.refunds.fen, model.students.reduce(0) { $0 + model.refunded($1) })
        same("earned", result.fund.earned.fen, model.students.reduce(0) { $0 + model.charged($1) })
        same("net", result.fund.net.fen, model.net)
        let pools = model.poolAmounts
        for share in result.fund.pools { same("pool \(share.pool.id)", share.amount.fen, pools[share.pool.id] ?? -1) }
        same("pools", Int64(result.fund.pools.count), Int64(model.pools.count))
        same("Σ pools − net", result.fund.pools.reduce(0) { $0 + $1.amount.fen } - result.fund.net.fen, 0)
        for share in result.fund.pools {
            same("spent from \(share.pool.id)", share.spent.fen, model.spent(share.pool.id))
            same("balance of \(share.pool.id)", share.balance.fen, (pools[share.pool.id] ?? 0) - model.spent(share.pool.id))
        }
        let spending = result.fund.spending
        same("spent from the pools", spending.fromPools.fen, model.pools.reduce(0) { $0 + model.spent($1.id) })
        same("subsidies paid", spending.subsidies.fen, model.spent("subsidies"))
        same("outside pay paid", spending.outside.fen, model.spent("outside"))
        same("spending", spending.total.fen, model.pools.reduce(0) { $0 + model.spent($1.id) } + model.spent("subsidies") + model.spent("outside"))
        let points = model.pointsOf
        let workload = model.teacherShares("points")
        let award = model.teacherShares("score")
        for t in model.teachers {
            guard let pay = result.teachers.first(where: { $0.teacher.id == t }) else { return "\(t) has no pay" }
            same("points of \(t)", pay.points, points[t] ?? 0)
            same("workload pay of \(t)", pay.workload.fen, workload[t] ?? 0)
            same("award of \(t)", pay.award.fen, award[t] ?? 0)
        }
        let verify = try ledger.verify()
        if !verify.ok { problems.append("journal does not verify: \(verify.firstBreak ?? "?")") }
        // The tallies kept at each write equal a full recount of the attendance.
        do { try ledger.checkTallies() } catch { problems.append("tallies: \(error)") }
        same("debits − credits", verify.debits.fen - verify.credits.fen, 0)
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    // MARK: Shrinking

    /// The shortest sub-sequence of `ops` that still fails: first the operations after the failing one are
    /// dropped, then chunks of halving size are removed while it still fails, down to single operations,
    /// until no single removal still fails (delta debugging; the result is 1-minimal).
    static func shrink(_ ops: [SimOp], failingAt step: Int, stillFails: ([SimOp]) -> Bool) -> [SimOp] {
        var current = Array(ops.prefix(max(0, step + 1)))
        if !stillFails(current) { current = ops }
        var chunk = max(1, current.count / 2)
        while !current.isEmpty {
            var removed = false
            var i = 0
            while i < current.count {
                let candidate = Array(current[..<i] + current[min(i + chunk, current.count)...])
                if stillFails(candidate) {
                    current = candidate
                    removed = true
                } else {
                    i += chunk
                }
            }
            if chunk > 1 {
                chunk = max(1, chunk / 2)
            } else if !removed {
                break
            }
        }
        return current
    }

    /// The report of a failing seed: the seed, the failure, and the shortest sequence that reproduces it.
    func report(_ failure: Failure, fault: ReferenceModel.Fault = .none) -> (text: String, shortest: [SimOp]) {
        let shortest = Self.shrink(operations, failingAt: failure.step) { run($0, fault: fault) != nil }
        let last = run(shortest, fault: fault).map(\.description) ?? "?"
        var text = "seed \(school.seed) fails \(failure)\n"
        text += "shortest sequence that reproduces it (\(shortest.count) of \(operations.count) operations), failing \(last):\n"
        for (i, op) in shortest.enumerated() { text += "  \(i + 1). \(op)\n" }
        text += "run it again with TUOGUAN_SIM_SEED=\(school.seed) swift test --filter TuoguanSimulationTests"
        return (text, shortest)
    }
}

extension ReferenceModel {
    /// What the store must answer to refund `id`, recording it in the model when accepted: the same id with
    /// the same contents is a no-op, with other contents a conflict; past what the family paid less what was
    /// refunded, the ceiling; a settlement that would leave the family owing, the ceiling too.
    mutating func admitRefund(_ id: String, _ entry: Entry) -> Simulation.Expected {
        if let old = entries[id] { return old == entry ? .alreadyRecorded : .error(.conflict) }
        if entry.amount > refundable(entry.student) { return .error(.refundCeiling) }
        if let course = Self.course(of: entry), entry.amount > courseLeft(entry.student, course) { return .error(.refundCeiling) }
        if entry.detail.hasPrefix("settlement"), balance(entry.student) + entry.amount > 0 { return .error(.refundCeiling) }
        entries[id] = entry
        return .recorded
    }
}
