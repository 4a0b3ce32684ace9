import Testing
@testable import TuoguanCore

/// The books' transactions and closing balances from records and statements built by hand.
@Suite struct BooksTests {
    let d = Fixtures.date
    let y = Fixtures.yuan

    @Test func aReversalMirrorsWhatItReverses() {
        let payment = BookRecord.payment(
            PaymentFact(receipt: "R1", studentId: "S1", amount: y("80.00"), date: d("2024-09-02"), method: .wechat), note: "")
        let t = Books.transaction(for: payment)
        // The family's money arrives by WeChat: +80.00 there, −80.00 on the family's account.
        #expect(t.postings == [BookPosting(.received(.wechat), y("80.00")), BookPosting(.family("S1"), y("-80.00"))])
        #expect(t.id == "R1")
        let reversal = Books.transaction(for: .reversal(id: "CR1", date: d("2024-09-05"), note: "录错", original: payment))
        #expect(reversal.kind == .reversal)
        #expect(reversal.date == d("2024-09-05"))
        #expect(reversal.postings == [BookPosting(.received(.wechat), y("-80.00")), BookPosting(.family("S1"), y("80.00"))])
        // It names what it reverses and carries its family, so a search by family finds both.
        #expect(reversal.meta.map(\.key) == ["reverses", "student", "note"])
        #expect(reversal.meta.map(\.value) == ["R1", "S1", "录错"])
    }

    @Test func anExpenseLeavesItsPoolOrIsPaidByTheBudget() {
        let pool = Books.transaction(for: .expense(ExpenseFact(
            expenseId: "E1", line: .pool("equipment"), amount: y("3.00"), date: d("2024-09-27"), payee: "文具店")))
        #expect(pool.postings == [BookPosting(.poolExpense(pool: "equipment", payee: "文具店"), y("3.00")), BookPosting(.poolPaid(pool: "equipment"), y("-3.00"))])
        let budget = Books.transaction(for: .expense(ExpenseFact(
            expenseId: "E2", line: .subsidies, amount: y("1.00"), date: d("2024-09-28"), payee: "王老师")))
        #expect(budget.postings == [BookPosting(.lineExpense(.subsidies, payee: "王老师"), y("1.00")), BookPosting(.budget(.subsidies), y("-1.00"))])
    }

    /// A family charged 60.00 gross for X1, 20.00 of it waived (40.00 charged), who paid 50.00 and had 5.00
    /// back: the statement's balance 40.00 − (50.00 − 5.00) = −5.00. With a balance of 15.00 instead (the
    /// statement asking 20.00 more for lessons to come), the 20.00 is owed but not earned.
    @Test func aFamilysFeesBringItsAccountToTheStatementsBalance() throws {
        let line = ChargeLine(
            courseId: "X1", courseName: "美术", policyId: "x", billing: .perLesson, quantity: 3, unitPrice: y("20.00"),
            gross: y("60.00"), waived: y("20.00"), charged: y("40.00"))
        var s = StudentStatement(
            student: Student(id: "S1", name: "张三丰", grade: 3, className: "三(2)班"), lines: [line], waived: y("20.00"),
            charged: y("40.00"), payments: [], refunds: [], paid: y("50.00"), refunded: y("5.00"), balance: y("-5.00"))
        let fees = try #require(try Books.feesTransaction(s, date: d("2024-12-31")))
        #expect(fees.postings == [
            BookPosting(.fees(course: "X1", student: "S1"), y("-60.00")), BookPosting(.waivers(course: "X1", student: "S1"), y("20.00")),
            BookPosting(.family("S1"), y("40.00")),
        ])
        // The family's account: −50.00 paid + 5.00 refunded + 40.00 = −5.00, the balance.
        s.balance = y("15.00")
        let ahead = try #require(try Books.feesTransaction(s, date: d("2024-12-31")))
        // 15.00 − (40.00 − 45.00) = 20.00 beyond the fees earned: the family's account gets 60.00, 15.00 in all.
        #expect(ahead.postings.suffix(2) == [BookPosting(.family("S1"), y("60.00")), BookPosting(.unearned, y("-20.00"))])
    }

    @Test func theClosingBalancesAreTheComputationsFigures() throws {
        let fund = FundStatement(
            basis: .earned, income: y("95.00"), refunds: y("30.00"), earned: y("60.00"), net: y("60.00"),
            pools: [PoolShare(pool: Pool(id: "a", name: "甲", basisPoints: 9500), amount: y("57.00")),
                    PoolShare(pool: Pool(id: "b", name: "乙", basisPoints: 500), amount: y("3.00"), spent: y("3.00"))],
            steps: [])
        let result = TermResult(school: "某小学", term: "t", students: [], fund: fund, teachers: [], findings: [])
        var asserted: [BookAssertion] = []
        try Books.forEachAssertion(result, date: d("2025-01-01")) { asserted.append($0) }
        let on = d("2025-01-01")
        #expect(asserted.prefix(4) == [
            BookAssertion(date: on, .subtree(.received), y("95.00")), BookAssertion(date: on, .subtree(.refunded), y("-30.00")),
            BookAssertion(date: on, .subtree(.income), y("-60.00")), BookAssertion(date: on, .account(.toPools), y("-60.00")),
        ])
        // Pool b: 3.00 allocated, 3.00 paid, 0 left, 3.00 spent.
        #expect(asserted.dropFirst(8).prefix(4) == [
            BookAssertion(date: on, .account(.poolAllocated(pool: "b")), y("3.00")), BookAssertion(date: on, .account(.poolPaid(pool: "b")), y("-3.00")),
            BookAssertion(date: on, .subtree(.pool("b")), y("0.00")), BookAssertion(date: on, .subtree(.poolExpenses("b")), y("3.00")),
        ])
        let split = try #require(Books.splitTransaction(fund, date: d("2024-12-31")))
        #expect(split.postings == [BookPosting(.toPools, y("-60.00")), BookPosting(.poolAllocated(pool: "a"), y("57.00")), BookPosting(.poolAllocated(pool: "b"), y("3.00"))])
    }

    /// The term is 2024-09-01 … 2024-12-31 (``Fixtures/rules(policies:split:points:limits:rounding:)``).
    @Test func theBooksOpenAndCloseAroundEveryRecord() {
        let rules = Fixtures.rules(policies: [])
        #expect(Books.closingDate(rules: rules, lastRecord: nil) == d("2024-12-31"))
        #expect(Books.closingDate(rules: rules, lastRecord: d("2024-12-30")) == d("2024-12-31"))
        #expect(Books.closingDate(rules: rules, lastRecord: d("2025-01-09")) == d("2025-01-09"))
        #expect(Books.openingDate(rules: rules, firstRecord: d("2024-08-29")) == d("2024-08-29"))
        #expect(Books.openingDate(rules: rules, firstRecord: d("2024-09-04")) == d("2024-09-01"))
    }
}
