/// The invariants every ``TermResult`` holds, checked as a function (in the manner of TigerBeetle's
/// assertions): the computation is correct only if all of them hold, so tests call this after every
/// computation, and the commands may call it before writing any workbook.
///
/// The invariants:
/// 1. The pools add up to the fund's net, to the fen: Σ pools = `fund.net`.
/// 2. The net is what the basis says: `earned` for `.earned`, `income − refunds` for `.cash`.
/// 3. Each student's charge is the sum of the lines: `charged` = Σ `lines.charged`, `waived` = Σ
///    `lines.waived`.
/// 4. Each student's paid and refunded are the sums of the payments and refunds listed.
/// 5. Each student's balance: `balance` = `due − (paid − refunded)`, `due` = Σ lines' due, each line's due ≥ its charge.
/// 6. The fund agrees with the students: `earned` = Σ charged, `income` = Σ paid, `refunds` = Σ refunded.
/// 7. No negative charge: for every line, `gross ≥ 0`, `0 ≤ waived ≤ gross`, `charged = gross − waived`.
/// 8. Each teacher's total is the sum of its parts: `total` = `workload + award + subsidy + outside`.
/// 9. The pools shared among teachers are paid out whole or not at all: Σ workload over teachers is the
///    Σ of the pools shared by points when anyone has points (else 0); likewise the award and the scores.
/// 10. Spending: Σ pools' spent = `spending.fromPools`; the expenses add up to it and to the budget lines;
///    `total = fromPools + subsidies + outside` (a pool's `balance` is `amount − spent` by construction).
///
/// A broken invariant is a bug in the computation, not bad input: the error has the code
/// ``TuoguanError/Code/internal`` and lists every broken invariant (the first, the others in `more`).
///
/// ```swift
/// let result = try TermComputation.compute(rules: rules, facts: facts)
/// try TermInvariants.check(result)   // throws only if the computation is wrong
/// ```
public enum TermInvariants {
    public static func check(_ result: TermResult) throws {
        try check(result, families: result.students)
    }

    /// The invariants of a result whose families' statements are `families` (``FamilyStatements`` computed
    /// when read: each is computed once more here, and let go).
    ///
    /// ```swift
    /// let (result, families) = try TermComputation.computeFamiliesWhenRead(rules: rules, facts: facts)
    /// try TermInvariants.check(result, families: families)
    /// ```
    public static func check(_ result: TermResult, families: some Collection<StudentStatement>) throws {
        var checks = FamilyChecks()
        for student in families { try checks.add(student) }
        try check(result, checked: checks)
    }

    /// The invariants of each family's statement (3, 4, 5, 7) and the families' totals, gathered a statement at
    /// a time as they are computed (``TermComputation/compute(rules:term:families:eachStatement:)``), so the
    /// families need not be computed again to check them.
    ///
    /// ```swift
    /// var checks = TermInvariants.FamilyChecks()
    /// for statement in families { try checks.add(statement) }
    /// try TermInvariants.check(result, checked: checks)
    /// ```
    public struct FamilyChecks: Sendable {
        var broken: [TuoguanError] = []
        var totals = TermComputation.FamilyTotals()

        public init() {}

        public mutating func add(_ statement: StudentStatement) throws {
            var broken = self.broken
            try TermInvariants.checkStudent(statement) { broken.append(TermInvariants.brokenError($0, $1)) }
            self.broken = broken
            try totals.add(statement)
        }
    }

    /// The invariants of a result whose families' statements were checked one by one into `checked`.
    public static func check(_ result: TermResult, checked: FamilyChecks) throws {
        var broken: [TuoguanError] = []
        func fail(_ zh: String, _ en: String) { broken.append(brokenError(zh, en)) }
        try checkNet(result.fund, fail: fail)
        broken += checked.broken
        try checkFundAgreesWithStudents(result.fund, checked.totals, fail: fail)
        try checkTeachers(result, fail: fail)
        // 10. Spending agrees with itself and the pools.
        try checkSpending(result.fund, fail: fail)

        if let error = TuoguanError.collecting(broken) { throw error }
    }

    static func brokenError(_ zh: String, _ en: String) -> TuoguanError {
        TuoguanError(
            .internal, zh: "结算不变式不成立：\(zh)", en: "term invariant broken: \(en)",
            fix: LocalizedText(zh: "这是程序错误，请报告并附上规则与数据", en: "this is a bug; please report it with the rules and data"))
    }

    /// 1. Σ pools = net; 2. the net is what the basis says.
    static func checkNet(_ fund: FundStatement, fail: (String, String) -> Void) throws {
        let poolSum = try Money.sum(fund.pools.map(\.amount))
        if poolSum != fund.net {
            fail("资金池合计 \(poolSum.formatted()) ≠ 分配基数 \(fund.net.formatted())",
                 "pools add up to \(poolSum.formatted()), not the net \(fund.net.formatted())")
        }
        let expectedNet = fund.basis == .earned ? fund.earned : try fund.income - fund.refunds
        if fund.net != expectedNet {
            fail("分配基数 \(fund.net.formatted()) ≠ \(expectedNet.formatted())",
                 "net \(fund.net.formatted()) is not \(expectedNet.formatted()) for basis \(fund.basis.rawValue)")
        }
    }

    /// 3. The lines add up; 4. the payments and refunds add up; 5. the balance; 7. no negative charge.
    static func checkStudent(_ student: StudentStatement, fail: (String, String) -> Void) throws {
        let id = student.student.id
        let lines = try Money.sum(student.lines.map(\.charged))
        if student.charged != lines {
            fail("学生 \(id) 应收 \(student.charged.formatted()) ≠ 各课程合计 \(lines.formatted())",
                 "student \(id) charged \(student.charged.formatted()) but the lines add up to \(lines.formatted())")
        }
        let waived = try Money.sum(student.lines.map(\.waived))
        if student.waived != waived {
            fail("学生 \(id) 减免 \(student.waived.formatted()) ≠ 各课程合计 \(waived.formatted())",
                 "student \(id) waived \(student.waived.formatted()) but the lines add up to \(waived.formatted())")
        }
        let paid = try Money.sum(student.payments.map(\.amount))
        let refunded = try Money.sum(student.refunds.map(\.amount))
        if student.paid != paid || student.refunded != refunded {
            fail("学生 \(id) 已收/已退与明细不符",
                 "student \(id) paid \(student.paid.formatted()) / refunded \(student.refunded.formatted()) but the records add up to \(paid.formatted()) / \(refunded.formatted())")
        }
        let due = try Money.sum(student.lines.map(\.due))
        if student.due != due {
            fail("学生 \(id) 应缴 \(student.due.formatted()) ≠ 各课程合计 \(due.formatted())",
                 "student \(id) due \(student.due.formatted()) but the lines add up to \(due.formatted())")
        }
        let balance = try (try student.due + student.opening) - (try student.paid - student.refunded)
        if student.balance != balance {
            fail("学生 \(id) 余额 \(student.balance.formatted()) ≠ \(balance.formatted())",
                 "student \(id) balance \(student.balance.formatted()) is not due − (paid − refunded) = \(balance.formatted())")
        }
        for line in student.lines where line.due < line.charged {
            fail("学生 \(id) 课程 \(line.courseId) 应缴少于已上课应收",
                 "student \(id), course \(line.courseId): due \(line.due.formatted()) below charged \(line.charged.formatted())")
        }
        for line in student.lines {
            let net = try line.gross - line.waived
            if line.gross.isNegative || line.waived.isNegative || line.waived > line.gross || line.charged != net {
                fail("学生 \(id) 课程 \(line.courseId) 收费为负或不一致",
                     "student \(id), course \(line.courseId): gross \(line.gross.formatted()), waived \(line.waived.formatted()), charged \(line.charged.formatted()) (negative or inconsistent)")
            }
        }
    }

    /// 6. The fund agrees with the students: earned, income and refunds are their sums.
    static func checkFundAgreesWithStudents(
        _ fund: FundStatement, _ totals: TermComputation.FamilyTotals, fail: (String, String) -> Void
    ) throws {
        let earned = totals.charged
        let income = totals.paid
        let refunds = totals.refunded
        if fund.earned != earned {
            fail("应收合计 \(fund.earned.formatted()) ≠ 学生应收之和 \(earned.formatted())",
                 "fund earned \(fund.earned.formatted()) but the students' charges add up to \(earned.formatted())")
        }
        if fund.income != income {
            fail("收入 \(fund.income.formatted()) ≠ 学生已收之和 \(income.formatted())",
                 "fund income \(fund.income.formatted()) but the students paid \(income.formatted())")
        }
        if fund.refunds != refunds {
            fail("退费 \(fund.refunds.formatted()) ≠ 学生已退之和 \(refunds.formatted())",
                 "fund refunds \(fund.refunds.formatted()) but the students were refunded \(refunds.formatted())")
        }
    }

    /// 8. Each teacher's total is the sum of its parts; 9. the shared pools are paid out whole or not at all.
    static func checkTeachers(_ result: TermResult, fail: (String, String) -> Void) throws {
        for pay in result.teachers {
            let total = try Money.sum([pay.workload, pay.award, pay.subsidy, pay.outside])
            if pay.total != total {
                fail("教师 \(pay.teacher.id) 合计 \(pay.total.formatted()) ≠ 各项之和 \(total.formatted())",
                     "teacher \(pay.teacher.id) total \(pay.total.formatted()) is not the sum of its parts \(total.formatted())")
            }
        }
        for sharing in [PoolSharing.points, .qualityScore] {
            let pools = try Money.sum(result.fund.pools.filter { $0.pool.sharedBy == sharing }.map(\.amount))
            let paidOut = try Money.sum(result.teachers.map { sharing == .points ? $0.workload : $0.award })
            let anyWeight = result.teachers.contains { sharing == .points ? $0.points != 0 : ($0.score ?? 0) != 0 }
            let expected = anyWeight ? pools : .zero
            if paidOut != expected {
                fail("按\(sharing == .points ? "点数" : "评分")分配的资金池 \(expected.formatted()) ≠ 教师所得之和 \(paidOut.formatted())",
                     "pools shared by \(sharing.rawValue) should pay out \(expected.formatted()), teachers got \(paidOut.formatted())")
            }
        }
    }
}
