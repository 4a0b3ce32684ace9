import Foundation
import GRDB
import Testing
import TuoguanCore

@testable import TuoguanInput
@testable import TuoguanStore

/// Spending from the pools and the budget lines (`spend`, `import expenses`), by hand-computed examples.
///
/// The ledger: the store's test term with the cost share of 001 篇八 (60 / 20 / 5 / 5 / 10), the two fixture
/// payments of 200.00 and a third of 0.03: 400.03 collected. Its split, largest remainder on 40,003 fen:
/// teacher_workload 24,001.8 → 24,001, quality_award 8,000.6 → 8,000, running_cost and equipment 2,000.15 →
/// 2,000, district_levy 4,000.3 → 4,000; 40,001 by the floors, the 2 fen left go to the largest remainders
/// (.8 and .6): 240.02 / 80.01 / 20.00 / 20.00 / 40.00.
@Suite struct SpendingTests {
    static func rules() -> PlanRules {
        var rules = testRules()
        rules.split = CostShare(pools: [
            Pool(id: "teacher_workload", name: "教师量化考核", basisPoints: 6000, sharedBy: .points),
            Pool(id: "quality_award", name: "教学质量奖", basisPoints: 2000, sharedBy: .qualityScore),
            Pool(id: "running_cost", name: "托管成本", basisPoints: 500),
            Pool(id: "equipment", name: "托管设备", basisPoints: 500),
            Pool(id: "district_levy", name: "学区提取", basisPoints: 1000),
        ])
        return rules
    }

    static func ledger() throws -> Ledger {
        let ledger = try Ledger.create(
            at: try temporaryDirectory() + "/school.ledger", rules: rules(), rulesText: "# rules", rulesFile: "test.toml",
            by: "tester")
        for (kind, file) in [
            (ImportKind.students, "students.csv"), (.teachers, "teachers.csv"), (.courses, "courses.csv"),
            (.enrollments, "enrollments.csv"), (.payments, "payments.csv"),
        ] {
            _ = try ledger.importFile(kind, path: fixture(file), dryRun: false, by: "tester")
        }
        _ = try ledger.recordPayment(
            PaymentFact(receipt: "R003", studentId: "S003", amount: Money(fen: 3), date: date("2024-09-03"), method: .cash),
            by: "tester")
        return ledger
    }

    static func expense(_ id: String, _ line: SpendingLine, _ fen: Int64, on day: String = "2024-09-10", payee: String = "文具店")
        -> ExpenseFact
    {
        ExpenseFact(expenseId: id, line: line, amount: Money(fen: fen), date: date(day), payee: payee, note: "彩笔")
    }

    /// quality_award's share is 80.01. 80.00 leaves 0.01; 0.02 more is refused, saying 0.01 is left; 0.01 fits.
    /// A refund of 100.00 then makes 300.03 collected: quality_award 6,000.6 → 6,000, plus one of the 2 fen
    /// left (.8 to teacher_workload, .6 to it) = 60.01, less 80.01 spent: 20.00 over, nothing more may be
    /// spent. Reversing the 80.00 leaves 60.01 − 0.01 = 60.00.
    @Test func aPoolSpendsItsShareOfWhatWasCollected() throws {
        let ledger = try Self.ledger()
        #expect(try ledger.poolRoom("quality_award") == PoolRoom(collected: Money(fen: 40003), share: Money(fen: 8001), spent: .zero))
        #expect(try ledger.poolRoom("teacher_workload").share == Money(fen: 24002))
        #expect(try ledger.poolRoom("equipment").share == Money(fen: 2000))
        let first = try ledger.recordExpense(Self.expense("E1", .pool("quality_award"), 8000), by: "clerk")
        #expect(first == SpendOutcome(outcome: .recorded, poolLeft: Money(fen: 1)))
        let error = thrown { _ = try ledger.recordExpense(Self.expense("E2", .pool("quality_award"), 2), by: "clerk") }
        #expect(error?.code == .spendingCeiling)
        #expect(
            error?.message.en
                == "expense of 0.02 exceeds what is left in pool quality_award (教学质量奖): collected less refunds 400.03, its 20% share 80.01, spent 80.00, at most 0.01 left")
        #expect(
            error?.message.zh
                == "支出 0.02 超过资金池“教学质量奖”（quality_award）可支出的余额：实收减退费 400.03，按 20% 分得 80.01，已支出 80.00，最多还可支出 0.01")
        #expect(try ledger.recordExpense(Self.expense("E2", .pool("quality_award"), 1), by: "clerk").poolLeft == .zero)

        _ = try ledger.recordRefund(
            RefundRequest(refundId: "F1", studentId: "S001", amount: Money(fen: 10000), date: date("2024-09-20"), reason: .settlement),
            by: "clerk")
        #expect(try ledger.poolRoom("quality_award").left == Money(fen: -2000))
        let over = thrown { _ = try ledger.recordExpense(Self.expense("E3", .pool("quality_award"), 1), by: "clerk") }
        #expect(over?.message.en.hasSuffix("its 20% share 60.01, spent 80.01, at most 0.00 left") == true)

        #expect(try ledger.reverse(entryId: "E1", correctionId: "K1", note: "录错", by: "clerk") == .recorded)
        #expect(try ledger.poolRoom("quality_award").left == Money(fen: 6000))
        let facts = try ledger.termFacts()
        #expect(facts.expenses.map(\.expenseId) == ["E2"])
        let report = try ledger.verify()
        #expect(report.ok)
        #expect(report.entries == 4 + 3)  // R001, R002, R003, F1; E1, E2, K1
    }

    @Test func expenseIdsAreIdempotentAndConflictsShowBoth() throws {
        let ledger = try Self.ledger()
        let e1 = Self.expense("E1", .pool("equipment"), 1000)
        #expect(try ledger.recordExpense(e1, by: "clerk").outcome == .recorded)
        #expect(try ledger.recordExpense(e1, by: "someone else") == SpendOutcome(outcome: .alreadyRecorded, poolLeft: Money(fen: 1000)))
        var changed = e1
        changed.amount = Money(fen: 1100)
        let conflict = thrown { _ = try ledger.recordExpense(changed, by: "clerk") }
        #expect(conflict?.code == .conflict)
        #expect(
            conflict?.message.en
                == "id E1 is already recorded with different contents: ledger has expense E1: pool equipment, 10.00, 2024-09-10, payee \"文具店\", note \"彩笔\"; this one is expense E1: pool equipment, 11.00, 2024-09-10, payee \"文具店\", note \"彩笔\"")
        // Ids are unique across payments, refunds and expenses.
        let receipt = thrown { _ = try ledger.recordExpense(Self.expense("R001", .subsidies, 100), by: "clerk") }
        #expect(receipt?.message.en == "id R001 is already used in the money journal: payment R001: student S001, 200.00, 2024-09-01, wechat")
        let payment = PaymentFact(receipt: "E1", studentId: "S001", amount: Money(fen: 100), date: date("2024-09-05"), method: .cash)
        let asReceipt = thrown { _ = try ledger.recordPayment(payment, by: "clerk") }
        #expect(asReceipt?.code == .conflict)
        #expect(asReceipt?.message.en.hasPrefix("id E1 is already used in the spending journal: expense E1: pool equipment, 10.00") == true)
        // Corrections.
        #expect(try ledger.reverse(entryId: "E1", correctionId: "K1", note: "重复", by: "clerk") == .recorded)
        #expect(try ledger.reverse(entryId: "E1", correctionId: "K1", note: "重复", by: "clerk") == .alreadyRecorded)
        #expect(thrown { _ = try ledger.reverse(entryId: "E1", correctionId: "K2", note: "", by: "clerk") }?.message.en == "\"E1\" was already reversed by \"K1\"")
        #expect(thrown { _ = try ledger.reverse(entryId: "K1", correctionId: "K3", note: "", by: "clerk") }?.code == .badInput)
        #expect(thrown { _ = try ledger.reverse(entryId: "R001", correctionId: "K1", note: "", by: "clerk") }?.code == .conflict)
        #expect(
            thrown { _ = try ledger.reverse(entryId: "E404", correctionId: "K4", note: "", by: "clerk") }?.message.en
                == "no payment, refund or expense with id \"E404\" in the ledger")
        #expect(try ledger.termFacts().expenses.isEmpty)
        #expect(try ledger.verify().ok)
    }

    /// One test per class of bad input; nothing is recorded.
    @Test func badExpensesAreRefusedWithTheirReason() throws {
        let ledger = try Self.ledger()
        func message(_ e: ExpenseFact) -> String? { thrown { _ = try ledger.recordExpense(e, by: "clerk") }?.message.en }
        let unknown = thrown { _ = try ledger.recordExpense(Self.expense("E9", .pool("toys"), 100), by: "clerk") }
        #expect(unknown?.code == .unknownReference)
        #expect(unknown?.message.en == "unknown pool \"toys\"")
        #expect(
            unknown?.fix?.en
                == "expected a pool of [split] in the rules file (teacher_workload (教师量化考核), quality_award (教学质量奖), running_cost (托管成本), equipment (托管设备), district_levy (学区提取)), or the budget line subsidies (补贴) or outside (校外机构)")
        #expect(message(Self.expense("E9", .pool("equipment"), 0)) == "an expense must be more than zero: 0.00")
        #expect(message(Self.expense("E9", .subsidies, -500)) == "an expense must be more than zero: -5.00")
        #expect(
            message(Self.expense("E9", .pool("equipment"), 100, on: "2024-10-01"))
                == "expense date 2024-10-01 is outside the term: expected 2024-09-02 to 2024-09-27")
        #expect(message(Self.expense("E9", .pool("equipment"), 100, payee: " \u{3000}")) == "expense E9 has no payee")
        #expect(message(Self.expense(" E9", .pool("equipment"), 100)) == "the expense id is empty or has surrounding spaces: \" E9\"")
        #expect(try ledger.counts()[.expenses] == 0)
    }

    /// The budget lines have no pool ceiling: 1,000.00 of subsidies with 400.03 collected is recorded. The
    /// statement's spending: pools 20.00 (equipment, its share 20.00 all spent) + subsidies 1,000.00 + outside
    /// 50.00 = 1,070.00.
    @Test func budgetLinesHaveNoPoolCeilingAndReachTheStatement() throws {
        let ledger = try Self.ledger()
        #expect(try ledger.recordExpense(Self.expense("E1", .subsidies, 100_000, payee: "李老师"), by: "c").poolLeft == nil)
        _ = try ledger.recordExpense(Self.expense("E2", .outside, 5000, payee: "某机构"), by: "c")
        #expect(try ledger.recordExpense(Self.expense("E3", .pool("equipment"), 2000), by: "c").poolLeft == .zero)
        let result = try TermComputation.compute(rules: Self.rules(), facts: try ledger.termFacts())
        try TermInvariants.check(result)
        let spending = result.fund.spending
        #expect(spending.fromPools == Money(fen: 2000))
        #expect(spending.subsidies == Money(fen: 100_000))
        #expect(spending.outside == Money(fen: 5000))
        #expect(spending.total == Money(fen: 107_000))
        #expect(spending.expenses.map(\.expenseId) == ["E1", "E2", "E3"])
        let equipment = try #require(result.fund.pools.first { $0.pool.id == "equipment" })
        #expect(equipment.spent == Money(fen: 2000))
        #expect(equipment.balance == (try equipment.amount - Money(fen: 2000)))
        #expect(try ledger.counts()[.expenses] == 3)
    }

    /// An expense edited in the database after it was recorded breaks the spending journal's chain.
    @Test func verifyCoversTheSpendingJournal() throws {
        let ledger = try Self.ledger()
        _ = try ledger.recordExpense(Self.expense("E1", .pool("equipment"), 1000), by: "c")
        _ = try ledger.recordExpense(Self.expense("E2", .subsidies, 1000), by: "c")
        let before = try ledger.verify()
        #expect(before.ok)
        #expect(before.entries == 3 + 2)
        try ledger.writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER expenses_no_update")
            try db.execute(sql: "UPDATE expenses SET amount = 100 WHERE entry_id = 'E1'")
        }
        let after = try ledger.verify()
        #expect(!after.ok)
        #expect(after.firstBreak == "expense entry 1 (E1): hash does not match its contents (edited after it was recorded)")
    }

    /// `import expenses` with Chinese headers; the same file again changes nothing; a bad file is refused as a
    /// whole, every row's problem at FILE:LINE:COL. equipment's 20.00 less 12.50 leaves 7.50.
    @Test func expensesImportWithChineseHeadersAllOrNothing() throws {
        let ledger = try Self.ledger()
        let good = "支出编号,经费项目,金额,日期,收款方,说明\nE1,equipment,12.50,2024-09-10,文具店,彩笔\nE2,补贴,300,2024年9月20日,李老师,课时补贴\n"
        let report = try ledger.importCSV(.expenses, data: csv(good), fileName: "支出.csv", dryRun: false, by: "c")
        #expect(report.inserted == 2)
        #expect(try ledger.importCSV(.expenses, data: csv(good), fileName: "支出.csv", dryRun: false, by: "c").unchanged == 2)
        let facts = try ledger.termFacts().expenses
        #expect(facts.map(\.line) == [.pool("equipment"), .subsidies])
        #expect(facts.map(\.amount) == [Money(fen: 1250), Money(fen: 30000)])

        let bad = """
            expense_id,pool,amount,date,payee,note
            E3,toys,1.00,2024-09-10,店,
            E4,equipment,12.345,2024-09-10,店,
            E5,equipment,1.00,2024-12-01,店,
            E6,equipment,1.00,2024-09-10,,
            E7,equipment,30.00,2024-09-10,店,
            E8,running_cost,1.00,2024-09-10,店,

            """
        let error = thrown { _ = try ledger.importCSV(.expenses, data: csv(bad), fileName: "expenses.csv", dryRun: false, by: "c") }
        #expect(
            lines(error) == [
                "expenses.csv:2:4: unknown pool \"toys\" [unknown-reference]",
                "expenses.csv:3:14: amount \"12.345\" has more than two decimals (the fen is the smallest unit) [bad-amount]",
                "expenses.csv:4:19: date 2024-12-01 is outside the term: expected 2024-09-02 to 2024-09-27 [bad-input]",
                "expenses.csv:5:30: payee is empty: expected a value [bad-input]",
                "expenses.csv:6:14: expense of 30.00 exceeds what is left in pool equipment (托管设备): collected less refunds 400.03, its 5% share 20.00, spent 12.50, at most 7.50 left [spending-ceiling]",
            ])
        #expect(try ledger.counts()[.expenses] == 2)  // E8 was good, but the file is all or nothing
    }
}
