import PropertyBased
import Testing
import TuoguanCore

/// The undo of a withdrawal or cancellation, decided without a ledger: random events, random refunds (some
/// reversed already), random enrolments and sessions changed since; the decision reverses exactly the refunds
/// that still count, restores exactly what the event changed, or refuses with the reason the ledger gives.
@Suite struct UndoDecisionTests {
    typealias F = Fixtures

    static let kinds: [UndoableEvent.Kind] = [.withdrawal, .cancellation, .undo, .closing, .reopening]

    /// One refund: amount in fen, in the journal?, reversed already?
    static let refund = zip(Gen.int64(in: 0...50_000), Gen.bool(0.9), Gen.bool(0.15))
    /// One session: prior (0 none, 1 held, 2 scheduled), date known?, still cancelled?
    static let session = zip(Gen.int(in: 0...2), Gen.bool(0.95), Gen.bool(0.9))
    /// kind, undone?, enrolment still ends on the withdrawal's day?, names its enrolment?
    static let event = zip(Gen.int(in: 0...4), Gen.bool(0.1), Gen.bool(0.85), Gen.bool(0.95))

    static func facts(
        _ spec: (Int, Bool, Bool, Bool), refunds: [(Int64, Bool, Bool)], sessions: [(Int, Bool, Bool)]
    ) -> UndoFacts {
        let (kindIndex, undone, inForce, named) = spec
        let date = F.date("2024-11-05")
        let event = UndoableEvent(
            eventId: "W1", kind: kinds[kindIndex], studentId: named ? "S001" : nil, courseId: named ? "X1" : nil,
            date: date, undoneBy: undone ? "U0" : nil,
            refunds: refunds.enumerated().map { n, r in
                UndoableEvent.Refund(refundId: "W1-\(n)", amount: r.1 ? Money(fen: r.0) : nil, reversedBy: r.2 ? "C\(n)" : nil)
            },
            sessions: sessions.enumerated().map { n, s in
                UndoableEvent.Session(
                    courseId: "X\(n % 3)", date: s.1 ? date.adding(days: n) : nil,
                    prior: [UndoableEvent.Session.Prior.none, .held, .scheduled][s.0], cancelledRow: s.2 ? Int64(100 + n) : nil)
            },
            enrolmentUntil: inForce ? date : F.date("2024-12-01"))
        return UndoFacts(undoId: "U1", entryId: "W1", target: .event(event))
    }

    /// What the decision must refuse, by the rules of `undo` read in order (nil: it is undone).
    static func expectedRefusal(_ facts: UndoFacts) -> UndoRefusal? {
        guard case .event(let e) = facts.target else { return nil }
        if e.kind == .undo { return .isUndo(entryId: "W1") }
        if e.kind == .closing || e.kind == .reopening { return .termEvent(entryId: "W1", kind: e.kind) }
        if let by = e.undoneBy { return .alreadyUndone(entryId: "W1", by: by) }
        if e.kind == .withdrawal, let s = e.studentId, let c = e.courseId, e.enrolmentUntil != e.date {
            return .enrolmentChanged(eventId: "W1", studentId: s, courseId: c, until: e.enrolmentUntil, withdrawnOn: e.date)
        }
        if e.kind == .cancellation, let changed = e.sessions.first(where: { $0.date == nil || $0.cancelledRow == nil }) {
            return .sessionChanged(eventId: "W1", courseId: changed.courseId, date: changed.date)
        }
        return nil
    }

    @Test func undoReversesEveryRefundStillCountingAndRestoresWhatTheEventChanged() async {
        await propertyCheck(
            count: 400, input: Self.event, Self.refund.array(of: 0...5), Self.session.array(of: 0...6)
        ) { spec, refunds, sessions in
            let facts = Self.facts(spec, refunds: refunds, sessions: sessions)
            guard case .event(let event) = facts.target else { return }
            do throws(UndoRefusal) {
                let decision = try UndoDecision.decide(facts)
                #expect(Self.expectedRefusal(facts) == nil)
                // Σ reversals = Σ refunds of the event still counting (in the journal, not reversed).
                let open = event.refunds.filter { $0.amount != nil && $0.reversedBy == nil }
                #expect(decision.reversals.map(\.refundId) == open.map(\.refundId))
                #expect(decision.reversals.map(\.reversalId) == open.map { "U1-\($0.refundId)" })
                #expect(
                    decision.reversals.reduce(Int64(0)) { $0 + $1.amount.fen } == open.reduce(Int64(0)) { $0 + $1.amount!.fen })
                switch event.kind {
                case .withdrawal:
                    #expect(decision.sessions.isEmpty)
                    #expect((decision.enrolment == nil) == (event.studentId == nil))
                    #expect(decision.enrolment.map(\.withdrawnOn) ?? event.date == event.date)
                case .cancellation:
                    #expect(decision.enrolment == nil)
                    #expect(decision.sessions.count == event.sessions.count)
                    for (restored, session) in zip(decision.sessions, event.sessions) {
                        #expect(restored.row == session.cancelledRow)
                        #expect(restored.action == (session.prior == .held ? .hold : session.prior == .scheduled ? .schedule : .remove))
                    }
                default: Issue.record("only a withdrawal or cancellation is undone, not \(event.kind)")
                }
            } catch {
                #expect(error == Self.expectedRefusal(facts))
            }
        }
    }

    /// 001 篇二: X at 20.00 a lesson, 16 lessons prepaid (320.00); S001 withdrew with 6 lessons to come and was
    /// refunded 6 × 20.00 = 120.00 (W1). The undo reverses those 120.00 (U1-W1) and the enrolment runs to the
    /// term's end again.
    @Test func undoOfAWithdrawalFromThePlan() throws {
        let withdrawal = UndoableEvent(
            eventId: "W1", kind: .withdrawal, studentId: "S001", courseId: "X1", date: F.date("2024-11-05"),
            refunds: [.init(refundId: "W1", amount: F.yuan("120.00"))], enrolmentUntil: F.date("2024-11-05"))
        let decision = try UndoDecision.decide(UndoFacts(undoId: "U1", entryId: "W1", target: .event(withdrawal)))
        #expect(decision.reversals == [.init(reversalId: "U1-W1", refundId: "W1", amount: F.yuan("120.00"))])
        #expect(decision.enrolment == .init(studentId: "S001", courseId: "X1", withdrawnOn: F.date("2024-11-05")))
        #expect(decision.sessions.isEmpty)
    }

    /// 001 篇二: X cancelled on two days for the sports meeting (运动会), force majeure refunded in full: three
    /// families 1 lesson × 20.00 = 20.00 each on the held day. The undo reverses 3 × 20.00 = 60.00; the held
    /// session is held again, the one still to come (no row before) is removed.
    @Test func undoOfACancellationFromThePlan() throws {
        let cancellation = UndoableEvent(
            eventId: "K1", kind: .cancellation, courseId: "X1", date: F.date("2024-10-15"),
            refunds: ["S001", "S002", "S003"].map { .init(refundId: "K1-\($0)", amount: F.yuan("20.00")) },
            sessions: [
                .init(courseId: "X1", date: F.date("2024-10-15"), prior: .held, cancelledRow: 7),
                .init(courseId: "X1", date: F.date("2024-10-17"), prior: .none, cancelledRow: 8),
            ])
        let decision = try UndoDecision.decide(UndoFacts(undoId: "U2", entryId: "K1", target: .event(cancellation)))
        #expect(decision.reversals.map(\.reversalId) == ["U2-K1-S001", "U2-K1-S002", "U2-K1-S003"])
        #expect(decision.reversals.reduce(Int64(0)) { $0 + $1.amount.fen } == 6_000)
        #expect(decision.sessions.map(\.action) == [.hold, .remove])
        #expect(decision.sessions.map(\.row) == [7, 8])
        #expect(decision.enrolment == nil)
    }

    /// A refund reversed since by a correction is not reversed twice; one the journal lacks is skipped.
    @Test func aRefundReversedAlreadyIsNotReversedAgain() throws {
        let withdrawal = UndoableEvent(
            eventId: "W1", kind: .withdrawal, studentId: "S001", courseId: "X1", date: F.date("2024-11-05"),
            refunds: [
                .init(refundId: "W1", amount: F.yuan("120.00"), reversedBy: "C1"), .init(refundId: "W1b", amount: nil),
                .init(refundId: "W1c", amount: F.yuan("20.00")),
            ],
            enrolmentUntil: F.date("2024-11-05"))
        let decision = try UndoDecision.decide(UndoFacts(undoId: "U1", entryId: "W1", target: .event(withdrawal)))
        #expect(decision.reversals == [.init(reversalId: "U1-W1c", refundId: "W1c", amount: F.yuan("20.00"))])
    }

    // MARK: - Every refusal, with its message

    static func refusal(_ target: UndoTarget, entry: String = "W1") -> TuoguanError? {
        do throws(UndoRefusal) {
            _ = try UndoDecision.decide(UndoFacts(undoId: "U1", entryId: entry, target: target))
            return nil
        } catch {
            return error.error
        }
    }

    static func event(_ kind: UndoableEvent.Kind, undoneBy: String? = nil, until: CivilDate? = nil) -> UndoTarget {
        .event(
            UndoableEvent(
                eventId: "W1", kind: kind, studentId: "S001", courseId: "X1", date: F.date("2024-11-05"), undoneBy: undoneBy,
                enrolmentUntil: until))
    }

    @Test func aRefundOfAnEventIsRefusedNamingTheEvent() {
        let error = Self.refusal(.refundOfEvent(owner: "K1"), entry: "K1-S001")
        #expect(error?.code == .badInput)
        #expect(error?.message.zh == "“K1-S001”是“K1”的一笔退费，不是退课或停课本身")
        #expect(error?.message.en == "\"K1-S001\" is one refund of K1, not a withdrawal or cancellation itself")
        #expect(error?.fix?.zh == "用 undo --entry K1 撤销整个事件及其全部退费")
    }

    @Test(arguments: [("payment", "缴费"), ("refund", "退费"), ("reversal", "冲正")])
    func aMoneyEntryIsRefused(kind: String, word: String) {
        let error = Self.refusal(.moneyEntry(kind: kind), entry: "R001")
        #expect(error?.code == .badInput)
        #expect(error?.message.zh == "“R001”是一笔\(word)，不是退课或停课，不能撤销")
        #expect(error?.message.en == "\"R001\" is a \(kind), not a withdrawal or cancellation: there is nothing to undo")
        #expect(error?.fix?.en == "a payment or refund is corrected with correct (a reversal)")
    }

    @Test func anUnknownIdIsRefused() {
        let error = Self.refusal(.unknown, entry: "W404")
        #expect(error?.code == .unknownReference)
        #expect(error?.message.zh == "账本中没有编号为“W404”的退课或停课")
        #expect(error?.message.en == "no withdrawal or cancellation with id \"W404\" in the ledger")
        #expect(error?.fix?.zh == "用退课时的 --id 或停课时的 --id-prefix")
    }

    @Test func anUndoIsNotUndone() {
        let error = Self.refusal(Self.event(.undo))
        #expect(error?.code == .badInput)
        #expect(error?.message.zh == "“W1”本身是一次撤销，不能再撤销")
        #expect(error?.message.en == "\"W1\" is itself an undo and cannot be undone")
    }

    /// Before, an undo of a closing (after a reopening) was recorded, and `verify` then found an undo of
    /// something that is not a withdrawal or cancellation.
    @Test func aClosingOrReopeningIsNotUndone() {
        let closing = Self.refusal(Self.event(.closing), entry: "CLOSE-2024-autumn")
        #expect(closing?.code == .badInput)
        #expect(closing?.message.zh == "“CLOSE-2024-autumn”是学期结账，不是退课或停课，不能撤销")
        #expect(closing?.fix?.zh == "撤回结账用 tuoguan reopen")
        let reopening = Self.refusal(Self.event(.reopening), entry: "REOPEN-1")
        #expect(reopening?.message.en == "\"REOPEN-1\" is a reopening, not a withdrawal or cancellation: undo cannot take it back")
        #expect(reopening?.fix?.zh == "需要时再次结账（tuoguan close）")
    }

    @Test func anEventIsUndoneOnce() {
        let error = Self.refusal(Self.event(.withdrawal, undoneBy: "U0", until: F.date("2024-11-05")))
        #expect(error?.code == .conflict)
        #expect(error?.message.zh == "“W1”已由“U0”撤销，不能再撤销一次")
        #expect(error?.message.en == "\"W1\" was already undone by \"U0\": it cannot be undone twice")
    }

    /// The enrolment runs to the term's end now (edited since): "无" / "never"; or ends on another day.
    @Test func aWithdrawalWhoseEnrolmentChangedIsRefused() {
        let open = Self.refusal(Self.event(.withdrawal, until: nil))
        #expect(open?.code == .conflict)
        #expect(open?.message.zh == "学生 S001 在课程 X1 的报名已改动（结束日期 无，退课为 2024-11-05），不能撤销")
        #expect(
            open?.message.en
                == "the enrolment of S001 in X1 changed since (ends never, the withdrawal was 2024-11-05): it cannot be undone")
        #expect(open?.excerpt == "W1")
        let moved = Self.refusal(Self.event(.withdrawal, until: F.date("2024-11-12")))
        #expect(moved?.message.zh == "学生 S001 在课程 X1 的报名已改动（结束日期 2024-11-12，退课为 2024-11-05），不能撤销")
    }

    @Test func aCancellationWhoseSessionChangedIsRefused() {
        let event = UndoableEvent(
            eventId: "K1", kind: .cancellation, courseId: "X1", date: F.date("2024-10-15"),
            sessions: [
                .init(courseId: "X1", date: F.date("2024-10-15"), prior: .held, cancelledRow: 7),
                .init(courseId: "X1", date: F.date("2024-10-17"), prior: .held, cancelledRow: nil),
            ])
        let error = Self.refusal(.event(event), entry: "K1")
        #expect(error?.code == .conflict)
        #expect(error?.message.zh == "课程 X1 在 2024-10-17 的停课已改动，不能撤销")
        #expect(error?.message.en == "the cancelled session of X1 on 2024-10-17 changed since: it cannot be undone")
        var undated = event
        undated.sessions[1] = .init(courseId: "X1", date: nil, prior: .held, cancelledRow: 8)
        #expect(Self.refusal(.event(undated), entry: "K1")?.message.zh == "课程 X1 在 ? 的停课已改动，不能撤销")
    }
}
