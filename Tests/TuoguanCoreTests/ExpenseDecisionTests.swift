import PropertyBased
import Testing
import TuoguanCore

/// An expense and its reversal, decided without a ledger: random money collected and spent, random
/// expenses from the split's pools, the budget lines and unknown pools, random id clashes; a pool never
/// spends past its room, a reversal mirrors its expense, and every refusal has the ledger's message.
@Suite struct ExpenseDecisionTests {
    typealias F = Fixtures

    static let rules = F.rules(policies: [F.interest])
    static let lines: [SpendingLine] = [
        .pool("teacher_workload"), .pool("quality_award"), .pool("running_cost"), .pool("equipment"),
        .pool("district_levy"), .subsidies, .outside, .pool("toys"),
    ]

    /// line index, amount (fen), day offset from the term's start (−3…125; the term is 122 days), payee blank?
    static let expense = zip(Gen.int(in: 0...7), Gen.int64(in: -500...300_000), Gen.int(in: -3...125), Gen.bool(0.05))
    /// collected (fen), spent as a share of the pool's share (percent, up to 130: refunds since), carried (fen)
    static let room = zip(Gen.int64(in: 0...2_000_000), Gen.int(in: 0...130), Gen.int64(in: 0...20_000))
    /// 0: id free, 1: in the money journal, 2: the same expense recorded, 3: another entry
    static let idUse = Gen.int(in: 0...3).map { [nil, LedgerIdUse.moneyJournal(summary: "payment E1: …"), .sameEntry,
        .otherEntry(ledger: "expense E1: pool equipment, 1.00", this: "expense E1: pool equipment, 2.00")][$0] }

    static func facts(_ e: (Int, Int64, Int, Bool), _ r: (Int64, Int, Int64), _ use: LedgerIdUse?) throws -> ExpenseFacts {
        let line = lines[e.0]
        let expense = ExpenseFact(
            expenseId: "E1", line: line, amount: Money(fen: e.1), date: rules.starts.adding(days: e.2),
            payee: e.3 ? " \u{3000}" : "文具店")
        var room: PoolRoom?
        if case .pool(let id) = line {
            let share = try PoolRoom.of(id, collected: Money(fen: r.0), spent: .zero, carried: .zero, split: rules.split).share
            let spent = Money(fen: share.fen * Int64(r.1) / 100)
            room = try PoolRoom.of(id, collected: Money(fen: r.0), spent: spent, carried: Money(fen: r.2), split: rules.split)
        }
        return ExpenseFacts(expense: expense, idInUse: use, room: room)
    }

    /// The refusal the rules of `spend` give, checked in their order (nil: recorded or already recorded).
    static func expectedRefusal(_ facts: ExpenseFacts) -> ExpenseRefusal? {
        let e = facts.expense
        if e.amount.fen <= 0 { return .notPositive(amount: e.amount) }
        if e.date < rules.starts || e.date > rules.ends { return .outsideTerm(date: e.date, starts: rules.starts, ends: rules.ends) }
        if e.payee.trimmedSpaces.isEmpty { return .noPayee(expenseId: "E1") }
        if e.line == .pool("toys") { return .unknownPool(rules.unknownPool("toys")) }
        switch facts.idInUse {
        case .moneyJournal(let summary)?: return .idInMoneyJournal(id: "E1", summary: summary)
        case .otherEntry(let ledger, let this)?: return .idTaken(id: "E1", ledger: ledger, this: this)
        case .sameEntry?: return nil
        case nil: break
        }
        if case .pool(let id) = e.line, let room = facts.room, e.amount.fen > room.carried.fen + room.share.fen - room.spent.fen {
            return .overPoolRoom(expense: e, pool: rules.split.pools.first { $0.id == id }!, room: room)
        }
        return nil
    }

    @Test func aPoolNeverSpendsPastItsRoom() async {
        await propertyCheck(count: 600, input: Self.expense, Self.room, Self.idUse) { e, r, use in
            let facts = try Self.facts(e, r, use)
            do throws(ExpenseRefusal) {
                let decision = try ExpenseDecision.decide(facts, rules: Self.rules)
                #expect(Self.expectedRefusal(facts) == nil)
                #expect(decision.outcome == (use == .sameEntry ? .alreadyRecorded : .record))
                #expect(decision.expense == facts.expense)
                guard let room = facts.room else {
                    #expect(decision.poolLeft == nil)
                    return
                }
                if decision.outcome == .record {
                    // left = carried + share − spent − amount ≥ 0
                    #expect(decision.poolLeft?.fen == room.carried.fen + room.share.fen - room.spent.fen - facts.expense.amount.fen)
                    #expect(decision.poolLeft.map { !$0.isNegative } == true)
                } else {
                    #expect(decision.poolLeft == room.left)
                }
            } catch {
                #expect(error == Self.expectedRefusal(facts))
            }
        }
    }

    /// The pools' shares of what was collected always add up to it (largest remainder over the split).
    @Test func thePoolsSharesSumToWhatWasCollected() async {
        await propertyCheck(count: 300, input: Gen.int64(in: -1_000_000...50_000_000)) { collected in
            let shares = try Self.rules.split.pools.map {
                try PoolRoom.of($0.id, collected: Money(fen: collected), spent: .zero, carried: .zero, split: Self.rules.split).share
            }
            #expect(shares.reduce(Int64(0)) { $0 + $1.fen } == collected)
        }
    }

    /// 001 篇八's split of 400.03 collected: 60% 240.018, 20% 80.006, 5% 20.0015, 5% 20.0015, 10% 40.003;
    /// floors 240.01 + 80.00 + 20.00 + 20.00 + 40.00 = 400.01, the 2 fen left to the largest remainders
    /// (0.8 and 0.6 fen): 240.02 and 80.01. The quality award spends 80.00 of its 80.01: 0.01 left; the
    /// equipment pool has 20.00 and 20.01 is refused.
    @Test func theCostShareOfThePlan() throws {
        let collected = F.yuan("400.03")
        func room(_ id: String, spent: Money = .zero) throws -> PoolRoom {
            try PoolRoom.of(id, collected: collected, spent: spent, carried: .zero, split: Self.rules.split)
        }
        #expect(try room("teacher_workload").share == F.yuan("240.02"))
        #expect(try room("quality_award").share == F.yuan("80.01"))
        #expect(try room("equipment").share == F.yuan("20.00"))
        let award = ExpenseFact(
            expenseId: "E1", line: .pool("quality_award"), amount: F.yuan("80.00"), date: F.date("2024-10-08"), payee: "李老师")
        let decision = try ExpenseDecision.decide(
            ExpenseFacts(expense: award, idInUse: nil, room: try room("quality_award")), rules: Self.rules)
        #expect(decision == ExpenseDecision(outcome: .record, expense: award, poolLeft: F.yuan("0.01")))
        var equipment = award
        equipment.line = .pool("equipment")
        equipment.amount = F.yuan("20.01")
        let error = Self.refusal(equipment, room: try room("equipment"))
        #expect(error?.code == .spendingCeiling)
        #expect(
            error?.message.en
                == "expense of 20.01 exceeds what is left in pool equipment (托管设备): collected less refunds 400.03, its 5% share 20.00, spent 0.00, at most 20.00 left")
        #expect(
            error?.message.zh
                == "支出 20.01 超过资金池“托管设备”（equipment）可支出的余额：实收减退费 400.03，按 5% 分得 20.00，已支出 0.00，最多还可支出 20.00")
    }

    /// A budget line has no room: 1,000.00 of subsidies are recorded with nothing collected.
    @Test func aBudgetLineHasNoRoom() throws {
        let subsidies = ExpenseFact(
            expenseId: "E1", line: .subsidies, amount: F.yuan("1,000.00"), date: F.date("2024-10-08"), payee: "李老师")
        let decision = try ExpenseDecision.decide(ExpenseFacts(expense: subsidies, idInUse: nil, room: nil), rules: Self.rules)
        #expect(decision.poolLeft == nil)
        #expect(decision.outcome == .record)
    }

    // MARK: - Every refusal, with its message

    static func refusal(_ expense: ExpenseFact, use: LedgerIdUse? = nil, room: PoolRoom? = nil) -> TuoguanError? {
        do throws(ExpenseRefusal) {
            _ = try ExpenseDecision.decide(ExpenseFacts(expense: expense, idInUse: use, room: room), rules: rules)
            return nil
        } catch {
            return error.error
        }
    }

    static func expense(_ line: SpendingLine = .pool("equipment"), _ amount: String = "10.00", on day: String = "2024-10-08",
        payee: String = "文具店") -> ExpenseFact
    {
        ExpenseFact(expenseId: "E9", line: line, amount: F.yuan(amount), date: F.date(day), payee: payee)
    }

    @Test func badExpensesAreRefusedWithTheirReason() {
        let zero = Self.refusal(Self.expense(.pool("equipment"), "0.00"))
        #expect(zero?.code == .badInput)
        #expect(zero?.message.zh == "支出金额必须大于零：0.00")
        #expect(Self.refusal(Self.expense(.subsidies, "-5.00"))?.message.en == "an expense must be more than zero: -5.00")
        let late = Self.refusal(Self.expense(on: "2025-01-02"))
        #expect(late?.message.zh == "支出日期 2025-01-02 不在本学期内，应在 2024-09-01 至 2024-12-31 之间")
        #expect(late?.message.en == "expense date 2025-01-02 is outside the term: expected 2024-09-01 to 2024-12-31")
        let nobody = Self.refusal(Self.expense(payee: " \u{3000}"))
        #expect(nobody?.message.zh == "支出 E9 没有收款方")
        #expect(nobody?.fix?.en == "say who was paid (a teacher, a shop, an institution)")
        let toys = Self.refusal(Self.expense(.pool("toys")))
        #expect(toys?.code == .unknownReference)
        #expect(toys?.message.zh == "未知的经费项目“toys”")
        #expect(
            toys?.fix?.en
                == "expected a pool of [split] in the rules file (teacher_workload (教师量化考核), quality_award (教学质量奖), running_cost (托管成本), equipment (托管设备), district_levy (学区提取)), or the budget line subsidies (补贴) or outside (校外机构)")
    }

    @Test func idsUsedElsewhereAreConflicts() {
        let money = Self.refusal(Self.expense(), use: .moneyJournal(summary: "payment E9: student S001, 200.00, 2024-09-01, wechat"))
        #expect(money?.code == .conflict)
        #expect(money?.message.zh == "编号 E9 已用于一笔收退款：payment E9: student S001, 200.00, 2024-09-01, wechat")
        #expect(money?.fix?.zh == "支出换一个编号")
        let other = Self.refusal(Self.expense(), use: .otherEntry(ledger: "expense E9: a", this: "expense E9: b"))
        #expect(other?.code == .conflict)
        #expect(other?.message.en == "id E9 is already recorded with different contents: ledger has expense E9: a; this one is expense E9: b")
        #expect(other?.message.zh == "编号 E9 已登记为不同的内容：账本中为 expense E9: a；本次为 expense E9: b")
    }

    /// The same expense again is a no-op even when the first one used up the room: 20.00 of 20.00 spent.
    @Test func theSameExpenseAgainIsANoOpPastTheRoom() throws {
        let room = PoolRoom(collected: F.yuan("400.03"), share: F.yuan("20.00"), spent: F.yuan("20.00"))
        let again = try ExpenseDecision.decide(
            ExpenseFacts(expense: Self.expense(.pool("equipment"), "20.00"), idInUse: .sameEntry, room: room), rules: Self.rules)
        #expect(again.outcome == .alreadyRecorded)
        #expect(again.poolLeft == .zero)
    }

    /// Refunds since took the share below what was spent: the room is negative, shown as 0.00 left.
    @Test func aRoomBelowZeroShowsNothingLeft() {
        let room = PoolRoom(collected: F.yuan("300.00"), share: F.yuan("60.00"), spent: F.yuan("80.00"))
        let error = Self.refusal(Self.expense(.pool("quality_award"), "0.01"), room: room)
        #expect(error?.message.en.hasSuffix("spent 80.00, at most 0.00 left") == true)
    }

    // MARK: - Reversal

    static func reversal(
        _ kind: ExpenseReversalFacts.Kind = .expense, reversedBy: String? = nil, use: LedgerIdUse? = nil
    ) -> ExpenseReversalFacts {
        ExpenseReversalFacts(
            entryId: "E1", kind: kind, line: "equipment", amount: F.yuan("10.00"), correctionId: "K1", reversedBy: reversedBy,
            idInUse: use)
    }

    static func reversalRefusal(_ facts: ExpenseReversalFacts) -> TuoguanError? {
        do throws(ExpenseRefusal) {
            _ = try ExpenseReversalDecision.decide(facts)
            return nil
        } catch {
            return error.error
        }
    }

    /// For any expense, amount and id clash: a reversal mirrors its expense (same line, same amount) or is refused.
    @Test func aReversalMirrorsItsExpense() async {
        await propertyCheck(
            count: 300, input: Gen.int(in: 0...2), Gen.int64(in: 1...1_000_000), Gen.int(in: 0...2), Self.idUse
        ) { kind, fen, reversed, use in
            // K1 reversing E1 already means K1 is in the spending journal: the same entry or another one.
            if reversed == 1 && use != .sameEntry { return }
            let facts = ExpenseReversalFacts(
                entryId: "E1", kind: [.expense, .reversal, .opening][kind], line: "running_cost", amount: Money(fen: fen),
                correctionId: "K1", reversedBy: [nil, "K1", "K0"][reversed], idInUse: use)
            do throws(ExpenseRefusal) {
                let decision = try ExpenseReversalDecision.decide(facts)
                #expect(kind == 0 && reversed != 2 && (use == nil || use == .sameEntry))
                #expect(decision.amount == Money(fen: fen) && decision.line == "running_cost" && decision.reverses == "E1")
                #expect(decision.outcome == (use == .sameEntry ? .alreadyRecorded : .record))
            } catch {
                #expect(kind != 0 || reversed == 2 || (use != nil && use != .sameEntry))
            }
        }
    }

    @Test func reversalsAreRefusedWithTheirReason() {
        let ofReversal = Self.reversalRefusal(Self.reversal(.reversal))
        #expect(ofReversal?.code == .badInput)
        #expect(ofReversal?.message.zh == "“E1”本身是冲正，不能再冲正")
        #expect(ofReversal?.fix?.zh == "需要时重新登记原来的支出（用新编号）")
        let ofOpening = Self.reversalRefusal(Self.reversal(.opening))
        #expect(ofOpening?.message.en == "\"E1\" is a balance carried in from the closed term before and cannot be reversed (it matches that closed ledger)")
        let twice = Self.reversalRefusal(Self.reversal(reversedBy: "K0"))
        #expect(twice?.code == .conflict)
        #expect(twice?.message.en == "\"E1\" was already reversed by \"K0\"")
        #expect(twice?.message.zh == "“E1”已由“K0”冲正")
        let money = Self.reversalRefusal(Self.reversal(use: .moneyJournal(summary: "payment K1: …")))
        #expect(money?.message.en == "id K1 is already used in the money journal: payment K1: …")
        let other = Self.reversalRefusal(Self.reversal(use: .otherEntry(ledger: "a", this: "b")))
        #expect(other?.message.en == "id K1 is already recorded with different contents: ledger has a; this one is b")
        #expect(Self.reversalRefusal(Self.reversal(reversedBy: "K1", use: .sameEntry)) == nil)
    }
}
