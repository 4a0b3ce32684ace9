extension Books {
    /// The term's figures booked on the closing day, from the computation: each family's fees per course
    /// (gross, waived, what the family owes), the split of the net into the pools, each teacher's pay.
    /// Handed one at a time (a district's families are never all in text at once).
    ///
    /// ```swift
    /// try Books.forEachClosingTransaction(result, date: closing) { writer.write($0) }
    /// ```
    public static func forEachClosingTransaction(
        _ result: TermResult, date: CivilDate, _ body: (BookTransaction) throws -> Void
    ) throws {
        for statement in result.students {
            if let fees = try feesTransaction(statement, date: date) { try body(fees) }
        }
        if let split = splitTransaction(result.fund, date: date) { try body(split) }
        for teacher in result.teachers {
            if let pay = payTransaction(teacher, date: date) { try body(pay) }
        }
    }

    /// One family's fees: each course's fees before waivers (credit) and waivers (debit) against the family's
    /// account, which then holds the statement's balance (with the balance carried in, booked when it was
    /// opened: ``BookRecord/opening(_:)``). What the balance counts beyond the fees earned and the balance
    /// carried in (`balance − opening − (charged − paid + refunded)`: the prepayment owed for lessons still to
    /// come) is owed by the family and not yet earned (``BookAccount/unearned``). Nil when every amount is zero.
    static func feesTransaction(_ s: StudentStatement, date: CivilDate) throws -> BookTransaction? {
        var postings: [BookPosting] = []
        for line in s.lines {
            if !line.gross.isZero { postings.append(BookPosting(.fees(course: line.courseId, student: s.student.id), negated(line.gross))) }
            if !line.waived.isZero { postings.append(BookPosting(.waivers(course: line.courseId, student: s.student.id), line.waived)) }
        }
        let beyondEarned = try (try s.balance - s.opening) - (try s.charged - (try s.paid - s.refunded))
        let owed = try s.charged + beyondEarned
        if !owed.isZero { postings.append(BookPosting(.family(s.student.id), owed)) }
        if !beyondEarned.isZero { postings.append(BookPosting(.unearned, negated(beyondEarned))) }
        guard !postings.isEmpty else { return nil }
        return BookTransaction(
            date: date, kind: .fees, payee: s.student.id, meta: [("student", s.student.id)],
            postings: postings)
    }

    /// The split of the net into the pools (each pool's share, as the computation allocated it).
    static func splitTransaction(_ fund: FundStatement, date: CivilDate) -> BookTransaction? {
        var postings = [BookPosting(.toPools, negated(fund.net))]
        for share in fund.pools where !share.amount.isZero {
            postings.append(BookPosting(.poolAllocated(pool: share.pool.id), share.amount))
        }
        if fund.net.isZero && postings.count == 1 { return nil }
        return BookTransaction(
            date: date, kind: .split, payee: "", postings: postings)
    }

    /// One teacher's pay as allocated (a memorandum in equity: the payments are the spending).
    static func payTransaction(_ t: TeacherPay, date: CivilDate) -> BookTransaction? {
        let parts: [(PaySource, Money)] = [(.workload, t.workload), (.award, t.award), (.subsidies, t.subsidy), (.outside, t.outside)]
        var postings = parts.filter { !$0.1.isZero }.map { BookPosting(.paySource($0.0), $0.1) }
        guard !postings.isEmpty || !t.total.isZero else { return nil }
        postings.append(BookPosting(.teacherPay(t.teacher.id), negated(t.total)))
        return BookTransaction(
            date: date, kind: .teacherPay, payee: t.teacher.id, meta: [("teacher", t.teacher.id), ("name", t.teacher.name)],
            postings: postings)
    }

    /// What the tools must find on `date` (the day after the closing day): every family's balance, the
    /// totals (income, refunds, the fees earned, the net), every pool (allocated, paid, balance, spent), the
    /// budget lines (paid and due), every teacher's pay. Each figure as the computation gives it.
    public static func forEachAssertion(_ result: TermResult, date: CivilDate, _ body: (BookAssertion) throws -> Void) throws {
        for s in result.students { try body(BookAssertion(date: date, .account(.family(s.student.id)), s.balance)) }
        let fund = result.fund
        try body(BookAssertion(date: date, .subtree(.received), fund.income))
        try body(BookAssertion(date: date, .subtree(.refunded), negated(fund.refunds)))
        try body(BookAssertion(date: date, .subtree(.income), negated(fund.earned)))
        try body(BookAssertion(date: date, .account(.toPools), negated(fund.net)))
        for share in fund.pools {
            let id = share.pool.id
            try body(BookAssertion(date: date, .account(.poolAllocated(pool: id)), share.amount))
            try body(BookAssertion(date: date, .account(.poolPaid(pool: id)), negated(share.spent)))
            try body(BookAssertion(date: date, .subtree(.pool(id)), share.balance))
            try body(BookAssertion(date: date, .subtree(.poolExpenses(id)), share.spent))
        }
        let spending = fund.spending
        try body(BookAssertion(date: date, .subtree(.lineExpenses(.subsidies)), spending.subsidies))
        try body(BookAssertion(date: date, .subtree(.lineExpenses(.outside)), spending.outside))
        try body(BookAssertion(date: date, .account(.paySource(.subsidies)), spending.subsidiesDue))
        try body(BookAssertion(date: date, .account(.paySource(.outside)), spending.outsideDue))
        for t in result.teachers { try body(BookAssertion(date: date, .account(.teacherPay(t.teacher.id)), negated(t.total))) }
    }

    /// The subtrees ``forEachAssertion(_:date:_:)`` asserts, for the writers to declare: each holds its
    /// balance even when nothing was posted under it.
    public static func assertedSubtrees(_ result: TermResult) -> [BookAccount.Subtree] {
        [.received, .refunded, .income] + result.fund.pools.flatMap { [.pool($0.pool.id), .poolExpenses($0.pool.id)] }
            + BudgetLine.allCases.map { .lineExpenses($0) }
    }

    /// Every account the books use, in a fixed order, for the writers to declare (hledger `account`,
    /// Beancount `open`): the fixed chart, each pool, family, fee line and teacher, and each payee of
    /// `expensePayees` (every expense recorded, reversed ones included: their corrections post to them).
    public static func forEachAccount(
        _ result: TermResult, expensePayees: [(line: SpendingLine, payee: String)], _ body: (BookAccount) throws -> Void
    ) throws {
        for method in PaymentMethod.allCases { try body(.received(method)) }
        for reason in RefundReason.allCases { try body(.refunded(reason)) }
        try body(.toPools)
        for share in result.fund.pools {
            try body(.poolAllocated(pool: share.pool.id))
            try body(.poolPaid(pool: share.pool.id))
            if !share.carried.isZero { try body(.poolCarried(pool: share.pool.id)) }
        }
        if result.fund.pools.contains(where: { !$0.carried.isZero }) || result.students.contains(where: { !$0.opening.isZero }) {
            try body(.carriedIn)
        }
        try body(.unearned)
        for s in result.students { try body(.family(s.student.id)) }
        // A course enrolled twice has two lines and one account.
        for s in result.students {
            var courses = Set<String>()
            for line in s.lines where !line.gross.isZero && courses.insert(line.courseId).inserted {
                try body(.fees(course: line.courseId, student: s.student.id))
            }
        }
        for s in result.students {
            var courses = Set<String>()
            for line in s.lines where !line.waived.isZero && courses.insert(line.courseId).inserted {
                try body(.waivers(course: line.courseId, student: s.student.id))
            }
        }
        for (line, payee) in expensePayees {
            switch line {
            case .pool(let id): try body(.poolExpense(pool: id, payee: payee))
            case .subsidies: try body(.lineExpense(.subsidies, payee: payee))
            case .outside: try body(.lineExpense(.outside, payee: payee))
            }
        }
        for line in BudgetLine.allCases { try body(.budget(line)) }
        for t in result.teachers { try body(.teacherPay(t.teacher.id)) }
        for source in PaySource.allCases { try body(.paySource(source)) }
    }
}
