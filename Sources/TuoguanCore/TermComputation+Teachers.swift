extension TermComputation {
    /// Every teacher's points and pay, sorted by teacher id; `findings` gets one `pool-unallocated` finding per
    /// pool shared among teachers.
    static func computeTeachers(
        rules: PlanRules, facts: TermFacts, index: Index, fund: FundStatement, findings: inout [Finding]
    ) throws -> [TeacherPay] {
        let teachers = facts.teachers.sorted { $0.id < $1.id }

        // Points first: the pools shared by points need everyone's.
        var pointsOf: [String: Int64] = [:]
        var traceOf: [String: [TraceStep]] = [:]
        var dutiesOf: [String: [DutyTally]] = [:]
        for teacher in teachers {
            let duties = (index.dutiesByTeacher[teacher.id] ?? []).sorted { $0.duty < $1.duty }
            dutiesOf[teacher.id] = duties
            var points: Int64 = 0
            var trace: [TraceStep] = []
            for duty in duties {
                let each = rules.points[duty.duty] ?? 0  // Index guarantees the entry exists.
                let earned = try multiply(Int64(duty.count), each, "points of \(teacher.id) for \(duty.duty)")
                if teacher.kind != .outside { points = try add(points, earned, "points of \(teacher.id)") }
                trace.append(
                    TraceStep(
                        zh: "\(duty.duty)：\(duty.count) 次 × \(each) 分 = \(earned) 分",
                        en: "\(duty.duty): \(duty.count) × \(each) points = \(earned) points"))
            }
            if teacher.kind == .outside {
                trace.append(
                    TraceStep(
                        zh: "校外机构人员不计工作量点数：0 分", en: "outside institutions earn no workload points: 0 points"))
            } else {
                trace.append(TraceStep(zh: "工作量点数合计 \(points) 分", en: "workload points in all: \(points)"))
            }
            pointsOf[teacher.id] = points
            traceOf[teacher.id] = trace
        }
        var totalPoints: Int64 = 0
        for teacher in teachers { totalPoints = try add(totalPoints, pointsOf[teacher.id] ?? 0, "points of all teachers") }
        var totalScores: Int64 = 0
        for teacher in teachers {
            totalScores = try add(totalScores, facts.qualityScores[teacher.id] ?? 0, "quality scores of all teachers")
        }

        // The pools shared among teachers.
        var workloadOf: [String: Money] = [:]
        var awardOf: [String: Money] = [:]
        for share in fund.pools where share.pool.sharedBy != .none {
            let byPoints = share.pool.sharedBy == .points
            let weights: [(key: String, weight: Int64)] = teachers.map { teacher in
                (key: teacher.id, weight: byPoints ? pointsOf[teacher.id] ?? 0 : facts.qualityScores[teacher.id] ?? 0)
            }
            let total = byPoints ? totalPoints : totalScores
            let what = byPoints ? LocalizedText(zh: "工作量点数", en: "workload points") : LocalizedText(zh: "教学质量评分", en: "quality scores")
            let allocated = total != 0 || share.amount.isZero
            findings.append(
                Finding(
                    code: "pool-unallocated", subject: share.pool.id, passed: allocated,
                    limit: share.amount.formatted(), actual: allocated ? share.amount.formatted() : Money.zero.formatted(),
                    message: allocated
                        ? LocalizedText(
                            zh: "\(share.pool.name) \(share.amount.formatted()) 已按\(what.zh)分配给教师",
                            en: "\(share.pool.name) \(share.amount.formatted()) is shared among teachers by \(what.en)")
                        : LocalizedText(
                            zh: "\(share.pool.name) \(share.amount.formatted()) 未分配：没有教师有\(what.zh)",
                            en: "\(share.pool.name) \(share.amount.formatted()) is left unallocated: no teacher has \(what.en)")))
            guard total != 0 else { continue }
            let parts = try Allocation.largestRemainder(share.amount, weights: weights)
            for teacher in teachers {
                let part = parts[teacher.id] ?? .zero
                let weight = byPoints ? pointsOf[teacher.id] ?? 0 : facts.qualityScores[teacher.id] ?? 0
                if byPoints {
                    workloadOf[teacher.id] = try (workloadOf[teacher.id] ?? .zero) + part
                } else {
                    awardOf[teacher.id] = try (awardOf[teacher.id] ?? .zero) + part
                }
                guard weight != 0 else { continue }
                let shown = byPoints ? "\(weight)" : Money(fen: weight).formatted()
                let shownTotal = byPoints ? "\(total)" : Money(fen: total).formatted()
                traceOf[teacher.id, default: []].append(
                    TraceStep(
                        zh: "\(share.pool.name) \(share.amount.formatted()) × \(shown) ÷ \(shownTotal) = \(part.formatted())",
                        en: "\(share.pool.name) \(share.amount.formatted()) × \(shown) ÷ \(shownTotal) = \(part.formatted())",
                        amount: part))
            }
        }

        // Competition ranking (1, 1, 3): a teacher's rank is 1 + the number of teachers with more points.
        var rankOfPoints: [Int64: Int] = [:]
        for (position, points) in teachers.map({ pointsOf[$0.id] ?? 0 }).sorted(by: >).enumerated()
        where rankOfPoints[points] == nil {
            rankOfPoints[points] = position + 1
        }

        var result: [TeacherPay] = []
        for teacher in teachers {
            var trace = traceOf[teacher.id] ?? []
            let tallies = (index.teachingByTeacher[teacher.id] ?? []).sorted { $0.courseId < $1.courseId }

            // Subsidy per student-hour: Σ minutes × rate, exact, then ÷ 60 once.
            var subsidyNumerator: Int128 = 0
            var subsidyMinutes: Int64 = 0
            var outside = Money.zero
            var outsideLessons = 0
            for tally in tallies {
                guard let course = index.courses[tally.courseId], let policy = index.policyOfCourse[tally.courseId] else {
                    continue
                }
                if let rate = policy.subsidyPerStudentHour {
                    subsidyNumerator += Int128(tally.studentMinutesPresent) * Int128(rate.fen)
                    subsidyMinutes = try add(subsidyMinutes, tally.studentMinutesPresent, "student-minutes of \(teacher.id)")
                    trace.append(
                        TraceStep(
                            zh: "\(course.name)：\(tally.studentMinutesPresent) 生·分钟 × \(rate.formatted())/生·小时",
                            en: "\(course.name): \(tally.studentMinutesPresent) student-minutes × \(rate.formatted()) per student-hour"))
                }
                if teacher.kind == .outside, let perLesson = policy.outsidePayPerLesson {
                    let pay = try perLesson * tally.heldLessons
                    outside = try outside + pay
                    let (lessons, overflow) = outsideLessons.addingReportingOverflow(tally.heldLessons)
                    if overflow { throw countOverflow("lessons of \(teacher.id): \(outsideLessons) + \(tally.heldLessons)") }
                    outsideLessons = lessons
                    trace.append(
                        TraceStep(
                            zh: "\(course.name)：\(tally.heldLessons) 课时 × \(perLesson.formatted()) = \(pay.formatted())",
                            en: "\(course.name): \(tally.heldLessons) lessons × \(perLesson.formatted()) = \(pay.formatted())",
                            amount: pay))
                }
            }
            var subsidy = Money.zero
            if subsidyMinutes != 0 || subsidyNumerator != 0 {
                let fen = rules.rounding.divide(subsidyNumerator, by: 60)
                guard let exact = Int64(exactly: fen) else {
                    throw Money.overflowError("subsidy of \(teacher.id): \(subsidyNumerator) ÷ 60")
                }
                subsidy = Money(fen: exact)
                trace.append(
                    TraceStep(
                        zh: "课后服务补贴：合计 \(subsidyMinutes) 生·分钟，按小时计 ÷ 60，一次取整 = \(subsidy.formatted())",
                        en: "subsidy: \(subsidyMinutes) student-minutes in all, ÷ 60 for hours, rounded once = \(subsidy.formatted())",
                        amount: subsidy))
            }
            let workload = workloadOf[teacher.id] ?? .zero
            let award = awardOf[teacher.id] ?? .zero
            let total = try Money.sum([workload, award, subsidy, outside])
            trace.append(
                TraceStep(
                    zh: "合计 \(workload.formatted()) + \(award.formatted()) + \(subsidy.formatted()) + \(outside.formatted()) = \(total.formatted())",
                    en: "total \(workload.formatted()) + \(award.formatted()) + \(subsidy.formatted()) + \(outside.formatted()) = \(total.formatted())",
                    amount: total))
            let points = pointsOf[teacher.id] ?? 0
            let rank = rankOfPoints[points] ?? 1
            result.append(
                TeacherPay(
                    teacher: teacher, duties: dutiesOf[teacher.id] ?? [], points: points, workload: workload,
                    score: facts.qualityScores[teacher.id], award: award, subsidyStudentMinutes: subsidyMinutes,
                    subsidy: subsidy, outsideLessons: outsideLessons, outside: outside, total: total, rank: rank,
                    trace: trace))
        }
        return result
    }
}
