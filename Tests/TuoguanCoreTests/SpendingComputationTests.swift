import Testing

@testable import TuoguanCore

/// The spending of the term (``TermSpending``) and the pools' spent and balance, by hand.
@Suite struct SpendingComputationTests {
    typealias F = Fixtures

    static func expense(_ id: String, _ line: SpendingLine, _ amount: String, on day: String = "2024-10-08") -> ExpenseFact {
        ExpenseFact(expenseId: id, line: line, amount: F.yuan(amount), date: F.date(day), payee: "收款方")
    }

    /// Split by cash: 160.00 + 160.00 + 80.03 = 400.03 collected, nothing refunded. 60/20/5/5/10 of 40,003 fen:
    /// floors 24,001 / 8,000 / 2,000 / 2,000 / 4,000 (= 40,001), the 2 fen left to the largest remainders (.8
    /// teacher_workload, .6 quality_award): 240.02 / 80.01 / 20.00 / 20.00 / 40.00.
    /// Spent: running_cost 20.00 (balance 0.00), equipment 12.50 + 0.50 = 13.00 (balance 7.00), district_levy
    /// 40.00 (balance 0.00); subsidies 30.00 paid from the budget. Pools 73.00 + subsidies 30.00 + outside 0
    /// = 103.00.
    @Test func poolsKeepWhatTheySpentAndWhatIsLeft() throws {
        let rules = F.rules(policies: [F.monthly], split: F.standardSplit(basis: .cash))
        let facts = TermFacts(
            students: [F.student("S1"), F.student("S2"), F.student("S3")],
            payments: [F.payment("R1", "S1", "160.00"), F.payment("R2", "S2", "160.00"), F.payment("R3", "S3", "80.03")],
            expenses: [
                Self.expense("E2", .pool("equipment"), "12.50"), Self.expense("E1", .pool("running_cost"), "20.00"),
                Self.expense("E3", .pool("district_levy"), "40.00"), Self.expense("E4", .subsidies, "30.00", on: "2024-09-30"),
                Self.expense("E5", .pool("equipment"), "0.50"),
            ])
        let result = try TermComputationTests.compute(rules, facts)
        let pools = result.fund.pools
        #expect(pools.map(\.amount) == ["240.02", "80.01", "20.00", "20.00", "40.00"].map(F.yuan))
        #expect(pools.map(\.spent) == ["0", "0", "20.00", "13.00", "40.00"].map(F.yuan))
        #expect(pools.map(\.balance) == ["240.02", "80.01", "0", "7.00", "0"].map(F.yuan))
        let s = result.fund.spending
        #expect(s.fromPools == F.yuan("73.00"))
        #expect(s.subsidies == F.yuan("30.00"))
        #expect(s.outside == .zero)
        #expect(s.total == F.yuan("103.00"))
        // By date, then id: E4 (09-30) before the 10-08 ones.
        #expect(s.expenses.map(\.expenseId) == ["E4", "E1", "E2", "E3", "E5"])
        let step = try #require(result.fund.steps.first { $0.text.en.hasPrefix("托管设备 spent") })
        #expect(step.text.en == "托管设备 spent 13.00, balance 20.00 − 13.00 = 7.00")
        #expect(step.text.zh == "托管设备已支出 13.00，结余 20.00 − 13.00 = 7.00")
    }

    /// City 5+2 (004): free care, 1,000.00 per student per year, outside ≤ 50%. Two students; 1,200.00 of
    /// subsidies and 600.00 of outside pay recorded as paid: one spending of 1,800.00 for both findings.
    /// Budget: 1,800.00 ÷ 2 = 900.00 ≤ 1,000.00. Outside: 600.00 ÷ 1,800.00 = 33.33% ≤ 50%.
    /// With 300.00 more outside pay: 2,100.00 ÷ 2 = 1,050.00, 50.00 over; 900.00 ÷ 2,100.00 = 42.857…% → 42.86%.
    @Test func theBudgetAndTheOutsideShareMeasureOneSpending() throws {
        let limits = Limits(budgetPerStudentYear: F.yuan("1,000.00"), outsideShareMaxPercent: 50)
        let rules = F.rules(policies: [F.freeBasic], limits: limits)
        var facts = TermFacts(
            students: [F.student("S1"), F.student("S2")],
            expenses: [Self.expense("E1", .subsidies, "1,200.00"), Self.expense("E2", .outside, "600.00")])
        var result = try TermComputationTests.compute(rules, facts)
        var budget = try #require(result.findings.first { $0.code == "budget" })
        var share = try #require(result.findings.first { $0.code == "outside-share" })
        #expect(budget.passed && share.passed)
        #expect(budget.actual == "900.00")
        #expect(
            budget.message.en
                == "spent 1,800.00 (pools 0.00 + subsidies 1,200.00 + outside institutions 600.00) ÷ 2 students = 900.00 per student, within the budget of 1,000.00 per student per year")
        #expect(share.actual == "33.33%")
        #expect(share.message.en == "outside institutions took 600.00 of 1,800.00 spent, 33.33%, within 50%")

        facts.expenses.append(Self.expense("E3", .outside, "300.00"))
        result = try TermComputationTests.compute(rules, facts)
        budget = try #require(result.findings.first { $0.code == "budget" })
        share = try #require(result.findings.first { $0.code == "outside-share" })
        #expect(!budget.passed)
        #expect(budget.actual == "1,050.00")
        #expect(budget.message.zh.hasSuffix("÷ 2 人 = 每生 1,050.00 元，超过每生每年预算 1,000.00 元（超出 50.00 元）"))
        #expect(share.passed)
        #expect(share.actual == "42.86%")
    }

    @Test func anExpenseFromAnUnknownPoolIsReported() {
        let rules = F.rules(policies: [F.monthly])
        let facts = TermFacts(students: [F.student("S1")], expenses: [Self.expense("E1", .pool("toys"), "1.00")])
        do {
            _ = try TermComputation.compute(rules: rules, facts: facts)
            Issue.record("an unknown pool was accepted")
        } catch let error as TuoguanError {
            #expect(error.code == .unknownReference)
            #expect(error.message.en == "expense E1 names the pool \"toys\", which does not exist")
        } catch {
            Issue.record("\(error)")
        }
    }

    /// Invariant 10 fails when a pool's spent or the spending's total disagrees with the expenses.
    @Test func theSpendingInvariantCatchesAWrongFigure() throws {
        let rules = F.rules(policies: [F.monthly], split: F.standardSplit(basis: .cash))
        let facts = TermFacts(
            students: [F.student("S1")], payments: [F.payment("R1", "S1", "100.00")],
            expenses: [Self.expense("E1", .pool("equipment"), "1.00")])
        var result = try TermComputationTests.compute(rules, facts)
        #expect(result.fund.pools[3].balance == F.yuan("4.00"))  // 5% of 100.00 = 5.00, less 1.00
        result.fund.pools[3].spent = F.yuan("2.00")
        #expect(throws: TuoguanError.self) { try TermInvariants.check(result) }
        result = try TermComputationTests.compute(rules, facts)
        result.fund.spending.total = F.yuan("2.00")
        #expect(throws: TuoguanError.self) { try TermInvariants.check(result) }
    }

    @Test func budgetLineWords() {
        #expect(SpendingLine(parsing: "补贴") == .subsidies)
        #expect(SpendingLine(parsing: "outside") == .outside)
        #expect(SpendingLine(parsing: "校外机构") == .outside)
        #expect(SpendingLine(parsing: "equipment") == .pool("equipment"))
        #expect(SpendingLine.subsidies.key == "subsidies")
    }
}
