extension TermComputation {
    /// Every teacher's points and pay, sorted by teacher id; `findings` gets one `pool-unallocated` finding per
    /// pool shared among teachers.
    ///
    /// In order: each teacher's points (the pools shared by points need everyone's), the pools shared among
    /// teachers, the ranks, then each teacher's subsidy, outside pay and total.
    static func computeTeachers(
        rules: PlanRules, facts: TermFacts, index: Index, fund: FundStatement, findings: inout [Finding]
    ) throws -> [TeacherPay] {
        let teachers = facts.teachers.sorted { $0.id < $1.id }
        var pointsOf: [String: TeacherPoints] = [:]
        for teacher in teachers { pointsOf[teacher.id] = try teacherPoints(teacher, rules: rules, index: index) }
        let shares = try sharePools(
            teachers: teachers, points: pointsOf.mapValues(\.points), facts: facts, fund: fund, findings: &findings)
        let rankOfPoints = ranks(teachers.map { pointsOf[$0.id]?.points ?? 0 })

        return try teachers.map { teacher in
            let points = pointsOf[teacher.id] ?? TeacherPoints(duties: [], points: 0, steps: [])
            var steps = points.steps + (shares.steps[teacher.id] ?? [])
            let extra = try subsidyAndOutside(of: teacher, rules: rules, index: index, steps: &steps)
            let workload = shares.workload[teacher.id] ?? .zero
            let award = shares.award[teacher.id] ?? .zero
            let total = try Money.sum([workload, award, extra.subsidy, extra.outside])
            steps.append(.total(workload: workload, award: award, subsidy: extra.subsidy, outside: extra.outside, total: total))
            return TeacherPay(
                teacher: teacher, duties: points.duties, points: points.points, workload: workload,
                score: facts.qualityScores[teacher.id], award: award, subsidyStudentMinutes: extra.minutes,
                subsidy: extra.subsidy, outsideLessons: extra.outsideLessons, outside: extra.outside, total: total,
                rank: rankOfPoints[points.points] ?? 1, steps: steps)
        }
    }

    /// A teacher's duties (by kind), workload points and the steps that counted them.
    struct TeacherPoints {
        var duties: [DutyTally]
        var points: Int64
        var steps: [TeacherStep]
    }

    /// Σ count × the duty's points; an outside institution's duties are listed but earn no points.
    static func teacherPoints(_ teacher: Teacher, rules: PlanRules, index: Index) throws -> TeacherPoints {
        let duties = (index.dutiesByTeacher[teacher.id] ?? []).sorted { $0.duty < $1.duty }
        var points: Int64 = 0
        var steps: [TeacherStep] = []
        for duty in duties {
            let each = rules.points[duty.duty] ?? 0  // Index guarantees the entry exists.
            let earned = try multiply(Int64(duty.count), each, "points of \(teacher.id) for \(duty.duty)")
            if teacher.kind != .outside { points = try add(points, earned, "points of \(teacher.id)") }
            steps.append(.duty(key: duty.duty, count: duty.count, each: each, points: earned))
        }
        steps.append(teacher.kind == .outside ? .outsideEarnsNoPoints : .points(points))
        return TeacherPoints(duties: duties, points: points, steps: steps)
    }

    /// What each teacher gets of the pools shared among teachers: by points (workload) and by quality score
    /// (award), each pool by ``Allocation/largestRemainder(_:weights:)``, with a step per teacher who has a
    /// weight.
    struct PoolShares {
        var workload: [String: Money] = [:]
        var award: [String: Money] = [:]
        var steps: [String: [TeacherStep]] = [:]
    }

    static func sharePools(
        teachers: [Teacher], points: [String: Int64], facts: TermFacts, fund: FundStatement, findings: inout [Finding]
    ) throws -> PoolShares {
        var totalPoints: Int64 = 0
        for teacher in teachers { totalPoints = try add(totalPoints, points[teacher.id] ?? 0, "points of all teachers") }
        var totalScores: Int64 = 0
        for teacher in teachers {
            totalScores = try add(totalScores, facts.qualityScores[teacher.id] ?? 0, "quality scores of all teachers")
        }
        var shares = PoolShares()
        for share in fund.pools where share.pool.sharedBy != .none {
            let byPoints = share.pool.sharedBy == .points
            let weightOf = { (id: String) in byPoints ? points[id] ?? 0 : facts.qualityScores[id] ?? 0 }
            let total = byPoints ? totalPoints : totalScores
            findings.append(poolFinding(share, byPoints: byPoints, allocated: total != 0 || share.amount.isZero))
            guard total != 0 else { continue }
            let parts = try Allocation.largestRemainder(share.amount, weights: teachers.map { ($0.id, weightOf($0.id)) })
            for teacher in teachers {
                let part = parts[teacher.id] ?? .zero
                if byPoints {
                    shares.workload[teacher.id] = try (shares.workload[teacher.id] ?? .zero) + part
                } else {
                    shares.award[teacher.id] = try (shares.award[teacher.id] ?? .zero) + part
                }
                let weight = weightOf(teacher.id)
                guard weight != 0 else { continue }
                shares.steps[teacher.id, default: []].append(
                    .poolShare(
                        pool: share.pool.name, amount: share.amount, weight: weight, total: total, byScore: !byPoints,
                        part: part))
            }
        }
        return shares
    }

    /// `pool-unallocated`: a pool shared among teachers is allocated unless no teacher has a weight in it.
    static func poolFinding(_ share: PoolShare, byPoints: Bool, allocated: Bool) -> Finding {
        let what = byPoints ? LocalizedText(zh: "工作量点数", en: "workload points") : LocalizedText(zh: "教学质量评分", en: "quality scores")
        let amount = share.amount.formatted()
        return Finding(
            code: "pool-unallocated", subject: share.pool.id, passed: allocated,
            limit: amount, actual: allocated ? amount : Money.zero.formatted(),
            message: allocated
                ? LocalizedText(
                    zh: "\(share.pool.name) \(amount) 已按\(what.zh)分配给教师",
                    en: "\(share.pool.name) \(amount) is shared among teachers by \(what.en)")
                : LocalizedText(
                    zh: "\(share.pool.name) \(amount) 未分配：没有教师有\(what.zh)",
                    en: "\(share.pool.name) \(amount) is left unallocated: no teacher has \(what.en)"))
    }

    /// Competition ranking (1, 1, 3): a teacher's rank is 1 + the number of teachers with more points.
    static func ranks(_ points: [Int64]) -> [Int64: Int] {
        var rankOfPoints: [Int64: Int] = [:]
        for (position, points) in points.sorted(by: >).enumerated() where rankOfPoints[points] == nil {
            rankOfPoints[points] = position + 1
        }
        return rankOfPoints
    }

    /// A teacher's per-student-hour subsidy (Σ minutes × rate, exact, then ÷ 60 once) and an outside teacher's
    /// pay per held lesson, over the courses the teacher taught; the steps go to `steps`.
    static func subsidyAndOutside(
        of teacher: Teacher, rules: PlanRules, index: Index, steps: inout [TeacherStep]
    ) throws -> (minutes: Int64, subsidy: Money, outsideLessons: Int, outside: Money) {
        let tallies = (index.teachingByTeacher[teacher.id] ?? []).sorted { $0.courseId < $1.courseId }
        var subsidyNumerator: Int128 = 0
        var subsidyMinutes: Int64 = 0
        var outside = Money.zero
        var outsideLessons = 0
        for tally in tallies {
            guard let course = index.courses[tally.courseId], let policy = index.policy(ofCourse: tally.courseId) else {
                continue
            }
            if let rate = policy.subsidyPerStudentHour {
                subsidyNumerator += Int128(tally.studentMinutesPresent) * Int128(rate.fen)
                subsidyMinutes = try add(subsidyMinutes, tally.studentMinutesPresent, "student-minutes of \(teacher.id)")
                steps.append(.subsidyMinutes(course: course.name, minutes: tally.studentMinutesPresent, rate: rate))
            }
            if teacher.kind == .outside, let perLesson = policy.outsidePayPerLesson {
                let pay = try perLesson * tally.heldLessons
                outside = try outside + pay
                let (lessons, overflow) = outsideLessons.addingReportingOverflow(tally.heldLessons)
                if overflow { throw countOverflow("lessons of \(teacher.id): \(outsideLessons) + \(tally.heldLessons)") }
                outsideLessons = lessons
                steps.append(.outsideLessons(course: course.name, lessons: tally.heldLessons, perLesson: perLesson, pay: pay))
            }
        }
        var subsidy = Money.zero
        if subsidyMinutes != 0 || subsidyNumerator != 0 {
            let fen = rules.rounding.divide(subsidyNumerator, by: 60)
            guard let exact = Int64(exactly: fen) else {
                throw Money.overflowError("subsidy of \(teacher.id): \(subsidyNumerator) ÷ 60")
            }
            subsidy = Money(fen: exact)
            steps.append(.subsidy(minutes: subsidyMinutes, amount: subsidy))
        }
        return (subsidyMinutes, subsidy, outsideLessons, outside)
    }
}
