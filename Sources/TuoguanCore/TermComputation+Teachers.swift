extension TermComputation {
    /// Every teacher's points and pay, sorted by teacher id; `findings` gets one `pool-unallocated` finding per
    /// pool shared among teachers.
    ///
    /// In order: each teacher's points (the pools shared by points need everyone's), the pools shared among
    /// teachers, the ranks, then each teacher's subsidy, outside pay and total. The pays keep their figures;
    /// their duties and steps are made when read, from the same ``TeacherPayBasis`` by the same calculation.
    static func computeTeachers(
        rules: PlanRules, facts: TermFacts, index: Index, fund: FundStatement, findings: inout [Finding]
    ) throws -> [TeacherPay] {
        var figuresOnly = StepLog<TeacherStep>(recording: false)
        var points: [Int64] = []
        points.reserveCapacity(index.teacherOrder.count)
        for k in index.teacherOrder.indices {
            points.append(try teacherPoints(k, rules: rules, index: index, log: &figuresOnly))
        }
        let shares = try sharePools(points: points, index: index, fund: fund, findings: &findings)
        let basis = TeacherPayBasis(rules: rules, index: index.withoutFamilies, points: points, shares: shares)
        var pays: [TeacherPay] = []
        pays.reserveCapacity(points.count)
        for k in points.indices { pays.append(try pay(k, basis: basis, log: &figuresOnly)) }
        return pays
    }

    /// The `k`-th teacher's (by id) pay, its steps to `log`: the one calculation of the figures and the steps.
    static func pay(_ k: Int, basis: TeacherPayBasis, log: inout StepLog<TeacherStep>) throws -> TeacherPay {
        let index = basis.index
        let teacher = index.teacher(k)
        let points = try teacherPoints(k, rules: basis.rules, index: index, log: &log)
        assert(points == basis.points[k], "a teacher's points differ the second time")
        let score = index.facts.qualityScores[teacher.id]
        for pool in basis.shares.shared {
            let weight = pool.byScore ? score ?? 0 : points
            guard weight != 0 else { continue }
            log.record(
                .poolShare(
                    pool: pool.name, amount: pool.amount, weight: weight, total: pool.total, byScore: pool.byScore,
                    part: pool.parts[k]))
        }
        let extra = try subsidyAndOutside(k, rules: basis.rules, index: index, log: &log)
        let workload = basis.shares.workload[k]
        let award = basis.shares.award[k]
        let total = try Money.sum([workload, award, extra.subsidy, extra.outside])
        log.record(.total(workload: workload, award: award, subsidy: extra.subsidy, outside: extra.outside, total: total))
        return TeacherPay(
            teacher: teacher, points: points, workload: workload, score: score, award: award,
            subsidyStudentMinutes: extra.minutes, subsidy: extra.subsidy, outsideLessons: extra.outsideLessons,
            outside: extra.outside, total: total, rank: basis.rankOfPoints[points] ?? 1, basis: basis, position: k)
    }

    /// The `k`-th teacher's (by id) workload points: Σ count × the duty's points, a duty's step each; an outside
    /// institution's duties are listed but earn no points.
    static func teacherPoints(_ k: Int, rules: PlanRules, index: Index, log: inout StepLog<TeacherStep>) throws -> Int64 {
        let teacher = index.teacher(k)
        var points: Int64 = 0
        for duty in index.duties(ofTeacher: k) {
            let each = rules.points[duty.duty] ?? 0  // Index guarantees the entry exists.
            let earned = try multiply(Int64(duty.count), each, "points of \(teacher.id) for \(duty.duty)")
            if teacher.kind != .outside { points = try add(points, earned, "points of \(teacher.id)") }
            log.record(.duty(key: duty.duty, count: duty.count, each: each, points: earned))
        }
        log.record(teacher.kind == .outside ? .outsideEarnsNoPoints : .points(points))
        return points
    }

    /// What each teacher gets of the pools shared among teachers: by points (workload) and by quality score
    /// (award), each pool by ``Allocation/largestRemainder(_:weights:)``; by teacher, in ``Index/teacherOrder``.
    struct PoolShares: Sendable {
        /// A pool shared among teachers that has a weight: each teacher's part (a step each who has a weight).
        struct Shared: Sendable {
            var name: String
            var amount: Money
            var byScore: Bool
            /// Σ weights: points, or quality scores in hundredths.
            var total: Int64
            var parts: [Money]
        }
        var shared: [Shared] = []
        var workload: [Money]
        var award: [Money]
    }

    static func sharePools(
        points: [Int64], index: Index, fund: FundStatement, findings: inout [Finding]
    ) throws -> PoolShares {
        let scores = index.facts.qualityScores
        let scoreOf = { (k: Int) in scores[index.teacher(k).id] ?? 0 }
        var totalPoints: Int64 = 0
        for p in points { totalPoints = try add(totalPoints, p, "points of all teachers") }
        var totalScores: Int64 = 0
        for k in points.indices { totalScores = try add(totalScores, scoreOf(k), "quality scores of all teachers") }
        let none = [Money](repeating: .zero, count: points.count)
        var shares = PoolShares(workload: none, award: none)
        for share in fund.pools where share.pool.sharedBy != .none {
            let byPoints = share.pool.sharedBy == .points
            let total = byPoints ? totalPoints : totalScores
            findings.append(poolFinding(share, byPoints: byPoints, allocated: total != 0 || share.amount.isZero))
            guard total != 0 else { continue }
            let parts = try Allocation.largestRemainder(
                share.amount, weights: points.indices.map { (index.teacher($0).id, byPoints ? points[$0] : scoreOf($0)) })
            let byTeacher = points.indices.map { parts[index.teacher($0).id] ?? .zero }
            for k in points.indices {
                if byPoints {
                    shares.workload[k] = try shares.workload[k] + byTeacher[k]
                } else {
                    shares.award[k] = try shares.award[k] + byTeacher[k]
                }
            }
            shares.shared.append(
                .init(name: share.pool.name, amount: share.amount, byScore: !byPoints, total: total, parts: byTeacher))
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

    /// The `k`-th teacher's (by id) per-student-hour subsidy (Σ minutes × rate, exact, then ÷ 60 once) and an
    /// outside teacher's pay per held lesson, over the courses the teacher taught; the steps go to `log`.
    static func subsidyAndOutside(
        _ k: Int, rules: PlanRules, index: Index, log: inout StepLog<TeacherStep>
    ) throws -> (minutes: Int64, subsidy: Money, outsideLessons: Int, outside: Money) {
        let teacher = index.teacher(k)
        var subsidyNumerator: Int128 = 0
        var subsidyMinutes: Int64 = 0
        var outside = Money.zero
        var outsideLessons = 0
        for tally in index.teaching(ofTeacher: k) {
            guard let course = index.courses[tally.courseId], let policy = index.policy(ofCourse: tally.courseId) else {
                continue
            }
            if let rate = policy.subsidyPerStudentHour {
                subsidyNumerator += Int128(tally.studentMinutesPresent) * Int128(rate.fen)
                subsidyMinutes = try add(subsidyMinutes, tally.studentMinutesPresent, "student-minutes of \(teacher.id)")
                log.record(.subsidyMinutes(course: course.name, minutes: tally.studentMinutesPresent, rate: rate))
            }
            if teacher.kind == .outside, let perLesson = policy.outsidePayPerLesson {
                let pay = try perLesson * tally.heldLessons
                outside = try outside + pay
                let (lessons, overflow) = outsideLessons.addingReportingOverflow(tally.heldLessons)
                if overflow { throw countOverflow("lessons of \(teacher.id): \(outsideLessons) + \(tally.heldLessons)") }
                outsideLessons = lessons
                log.record(.outsideLessons(course: course.name, lessons: tally.heldLessons, perLesson: perLesson, pay: pay))
            }
        }
        var subsidy = Money.zero
        if subsidyMinutes != 0 || subsidyNumerator != 0 {
            let fen = rules.rounding.divide(subsidyNumerator, by: 60)
            guard let exact = Int64(exactly: fen) else {
                throw Money.overflowError("subsidy of \(teacher.id): \(subsidyNumerator) ÷ 60")
            }
            subsidy = Money(fen: exact)
            log.record(.subsidy(minutes: subsidyMinutes, amount: subsidy))
        }
        return (subsidyMinutes, subsidy, outsideLessons, outside)
    }
}
