/// What the store read for one undo (`tuoguan undo --entry W1 --id U1`): what the named id is in the ledger
/// and, for an event, what it did and how its enrolment or sessions stand now. Everything the decision
/// needs, nothing else.
///
/// ```swift
/// let facts = UndoFacts(undoId: "U1", entryId: "W1", target: .event(withdrawal))
/// ```
public struct UndoFacts: Sendable, Equatable {
    /// The id of the undo being recorded: each reversal is `<undoId>-<refundId>`.
    public var undoId: String
    /// The id the clerk named (`--entry`).
    public var entryId: String
    public var target: UndoTarget

    public init(undoId: String, entryId: String, target: UndoTarget) {
        self.undoId = undoId
        self.entryId = entryId
        self.target = target
    }
}

/// What an id names in the ledger, as far as an undo cares.
public enum UndoTarget: Sendable, Equatable {
    /// An event (withdrawal, cancellation, undo, closing, reopening).
    case event(UndoableEvent)
    /// One refund recorded by the withdrawal or cancellation `owner`.
    case refundOfEvent(owner: String)
    /// An entry of the money journal of this kind (`payment`, `refund`, `reversal`, …), not part of an event.
    case moneyEntry(kind: String)
    /// Nothing in the ledger has this id.
    case unknown
}

/// An event as it was recorded and as it stands now.
public struct UndoableEvent: Sendable, Equatable {
    public enum Kind: String, Sendable { case withdrawal, cancellation, undo, closing, reopening }

    /// One refund the event recorded: its amount in the money journal (nil when the journal does not hold
    /// it) and the entry that reversed it since, if any.
    public struct Refund: Sendable, Equatable {
        public var refundId: String
        public var amount: Money?
        public var reversedBy: String?
        public init(refundId: String, amount: Money?, reversedBy: String? = nil) {
            self.refundId = refundId
            self.amount = amount
            self.reversedBy = reversedBy
        }
    }

    /// One session a cancellation cancelled: what it was before, and the session row still cancelled now
    /// (nil when it changed since: held again, removed).
    public struct Session: Sendable, Equatable {
        public enum Prior: Sendable, Equatable {
            /// No row: the session was still to come (nothing recorded for it).
            case none
            case held
            /// A timetable's session not yet held.
            case scheduled
        }
        public var courseId: String
        public var date: CivilDate?
        public var prior: Prior
        /// The store's row of the session, still cancelled; passed through to the writer.
        public var cancelledRow: Int64?
        public init(courseId: String, date: CivilDate?, prior: Prior, cancelledRow: Int64?) {
            self.courseId = courseId
            self.date = date
            self.prior = prior
            self.cancelledRow = cancelledRow
        }
    }

    public var eventId: String
    public var kind: Kind
    public var studentId: String?
    public var courseId: String?
    /// A withdrawal's date (the first day no longer attending); a cancellation's first day.
    public var date: CivilDate
    /// The undo that took it back already, if any.
    public var undoneBy: String?
    /// Its refunds, in the order it recorded them.
    public var refunds: [Refund]
    /// A cancellation's sessions, in the order it recorded them.
    public var sessions: [Session]
    /// A withdrawal's enrolment now: the day it ends (nil: to the term's end, or no enrolment).
    public var enrolmentUntil: CivilDate?

    public init(
        eventId: String, kind: Kind, studentId: String? = nil, courseId: String? = nil, date: CivilDate,
        undoneBy: String? = nil, refunds: [Refund] = [], sessions: [Session] = [], enrolmentUntil: CivilDate? = nil
    ) {
        self.eventId = eventId
        self.kind = kind
        self.studentId = studentId
        self.courseId = courseId
        self.date = date
        self.undoneBy = undoneBy
        self.refunds = refunds
        self.sessions = sessions
        self.enrolmentUntil = enrolmentUntil
    }
}

/// What an undo writes: the reversal of each refund the event made (not reversed already), the enrolment
/// running to the term's end again (a withdrawal) or the sessions as they were (a cancellation).
public struct UndoDecision: Sendable, Equatable {
    public struct Reversal: Sendable, Equatable {
        public var reversalId: String
        public var refundId: String
        /// Equal to the refund's amount.
        public var amount: Money
        public init(reversalId: String, refundId: String, amount: Money) {
            self.reversalId = reversalId
            self.refundId = refundId
            self.amount = amount
        }
    }

    /// A withdrawal's enrolment runs to the term's end again (its `until`, `withdrawnOn`, is cleared).
    public struct EnrolmentRestoration: Sendable, Equatable {
        public var studentId: String
        public var courseId: String
        public var withdrawnOn: CivilDate
        public init(studentId: String, courseId: String, withdrawnOn: CivilDate) {
            self.studentId = studentId
            self.courseId = courseId
            self.withdrawnOn = withdrawnOn
        }
    }

    /// A cancelled session as it was before: held or scheduled again, or removed (it was still to come).
    public struct SessionRestoration: Sendable, Equatable {
        public enum Action: Sendable, Equatable { case hold, schedule, remove }
        public var row: Int64
        public var courseId: String
        public var date: CivilDate
        public var action: Action
    }

    public var undoId: String
    /// The withdrawal or cancellation taken back.
    public var event: UndoableEvent
    public var reversals: [Reversal]
    public var enrolment: EnrolmentRestoration?
    public var sessions: [SessionRestoration]
}

/// Why an undo is refused.
public enum UndoRefusal: DecisionRefusal, Equatable {
    /// The id is one refund of an event, not the event.
    case refundOfEvent(entryId: String, owner: String)
    /// The id is a payment, refund or reversal of the money journal.
    case moneyEntry(entryId: String, kind: String)
    case unknown(entryId: String)
    case isUndo(entryId: String)
    /// A term's closing or reopening: taken back with `reopen` / `close`, not `undo`.
    case termEvent(entryId: String, kind: UndoableEvent.Kind)
    case alreadyUndone(entryId: String, by: String)
    /// The withdrawal's enrolment ends on another day now (`until`, nil: to the term's end).
    case enrolmentChanged(eventId: String, studentId: String, courseId: String, until: CivilDate?, withdrawnOn: CivilDate)
    /// A cancelled session is no longer cancelled.
    case sessionChanged(eventId: String, courseId: String, date: CivilDate?)
}

extension UndoDecision {
    /// Decides an undo: refuses what is not a withdrawal or cancellation in force, or one whose enrolment or
    /// sessions changed since; otherwise reverses each refund it made that still counts and restores the
    /// enrolment or the sessions.
    ///
    /// ```swift
    /// // W1 withdrew S001 from X1 on 2024-11-05 with refund W1 of 60.00:
    /// let decision = try UndoDecision.decide(facts)
    /// decision.reversals   // [U1-W1: W1, 60.00]
    /// decision.enrolment   // S001 in X1 from 2024-11-05 to the term's end again
    /// ```
    public static func decide(_ facts: UndoFacts) throws(UndoRefusal) -> UndoDecision {
        let event = try undoable(facts)
        let reversals = event.refunds.compactMap { refund -> Reversal? in
            guard let amount = refund.amount, refund.reversedBy == nil else { return nil }
            return Reversal(reversalId: "\(facts.undoId)-\(refund.refundId)", refundId: refund.refundId, amount: amount)
        }
        let decision = UndoDecision(
            undoId: facts.undoId, event: event, reversals: reversals,
            enrolment: event.kind == .withdrawal ? try enrolmentRestored(event) : nil,
            sessions: event.kind == .cancellation ? try sessionsRestored(event) : [])
        decision.checkPostconditions()
        return decision
    }

    /// The event the facts name, if it is a withdrawal or cancellation not undone yet.
    static func undoable(_ facts: UndoFacts) throws(UndoRefusal) -> UndoableEvent {
        let entryId = facts.entryId
        switch facts.target {
        case .refundOfEvent(let owner): throw .refundOfEvent(entryId: entryId, owner: owner)
        case .moneyEntry(let kind): throw .moneyEntry(entryId: entryId, kind: kind)
        case .unknown: throw .unknown(entryId: entryId)
        case .event(let event):
            switch event.kind {
            case .undo: throw .isUndo(entryId: entryId)
            case .closing, .reopening: throw .termEvent(entryId: entryId, kind: event.kind)
            case .withdrawal, .cancellation: break
            }
            if let by = event.undoneBy { throw .alreadyUndone(entryId: entryId, by: by) }
            return event
        }
    }

    /// A withdrawal's enrolment, if it still ends on the withdrawal's day (nil when the event names no
    /// enrolment).
    static func enrolmentRestored(_ event: UndoableEvent) throws(UndoRefusal) -> EnrolmentRestoration? {
        guard let studentId = event.studentId, let courseId = event.courseId else { return nil }
        guard event.enrolmentUntil == event.date else {
            throw .enrolmentChanged(
                eventId: event.eventId, studentId: studentId, courseId: courseId, until: event.enrolmentUntil,
                withdrawnOn: event.date)
        }
        return EnrolmentRestoration(studentId: studentId, courseId: courseId, withdrawnOn: event.date)
    }

    /// A cancellation's sessions as they were, if each is still cancelled.
    static func sessionsRestored(_ event: UndoableEvent) throws(UndoRefusal) -> [SessionRestoration] {
        var out: [SessionRestoration] = []
        for session in event.sessions {
            guard let date = session.date, let row = session.cancelledRow else {
                throw .sessionChanged(eventId: event.eventId, courseId: session.courseId, date: session.date)
            }
            let action: SessionRestoration.Action
            switch session.prior {
            case .held: action = .hold
            case .scheduled: action = .schedule
            case .none: action = .remove
            }
            out.append(SessionRestoration(row: row, courseId: session.courseId, date: date, action: action))
        }
        return out
    }

    func checkPostconditions() {
        // A reversal gives back exactly what its refund gave, once: each one equals a refund of the event
        // that still counted, every such refund is reversed, and no two reversals share an id.
        let open = event.refunds.filter { $0.amount != nil && $0.reversedBy == nil }
        precondition(reversals.count == open.count, "an undo reverses every refund of the event that still counts")
        for (reversal, refund) in zip(reversals, open) {
            precondition(
                reversal.refundId == refund.refundId && reversal.amount == refund.amount,
                "a reversal equals the refund it reverses")
            precondition(!reversal.amount.isNegative, "a refund, and so its reversal, is never negative")
        }
        precondition(Set(reversals.map(\.reversalId)).count == reversals.count, "reversal ids are distinct")
        // A withdrawal restores its enrolment and no session; a cancellation its sessions and no enrolment.
        precondition(event.kind == .withdrawal || event.kind == .cancellation, "only a withdrawal or a cancellation is undone")
        precondition(event.kind == .withdrawal || enrolment == nil, "a cancellation restores no enrolment")
        precondition(event.kind == .cancellation || sessions.isEmpty, "a withdrawal restores no session")
        precondition(event.kind == .withdrawal || sessions.count == event.sessions.count, "every cancelled session is restored")
        precondition(event.undoneBy == nil, "an event is undone once")
    }
}

extension UndoRefusal {
    /// The user's message, word for word as the ledger has always given it.
    public var error: TuoguanError {
        switch self {
        case .refundOfEvent(let entryId, let owner):
            return TuoguanError(
                .badInput, zh: "“\(entryId)”是“\(owner)”的一笔退费，不是退课或停课本身",
                en: "\"\(entryId)\" is one refund of \(owner), not a withdrawal or cancellation itself",
                fix: LocalizedText(
                    zh: "用 undo --entry \(owner) 撤销整个事件及其全部退费",
                    en: "undo --entry \(owner) takes back the whole event with all its refunds"),
                excerpt: entryId)
        case .moneyEntry(let entryId, let kind):
            return TuoguanError(
                .badInput,
                zh: "“\(entryId)”是一笔\(kind == "payment" ? "缴费" : kind == "refund" ? "退费" : "冲正")，不是退课或停课，不能撤销",
                en: "\"\(entryId)\" is a \(kind), not a withdrawal or cancellation: there is nothing to undo",
                fix: LocalizedText(zh: "更正缴费或退费用 correct（冲正）", en: "a payment or refund is corrected with correct (a reversal)"),
                excerpt: entryId)
        case .unknown(let entryId):
            return TuoguanError(
                .unknownReference, zh: "账本中没有编号为“\(entryId)”的退课或停课",
                en: "no withdrawal or cancellation with id \"\(entryId)\" in the ledger",
                fix: LocalizedText(
                    zh: "用退课时的 --id 或停课时的 --id-prefix", en: "give the --id of the withdrawal or the --id-prefix of the cancellation"),
                excerpt: entryId)
        case .isUndo(let entryId):
            return TuoguanError(
                .badInput, zh: "“\(entryId)”本身是一次撤销，不能再撤销", en: "\"\(entryId)\" is itself an undo and cannot be undone",
                fix: LocalizedText(
                    zh: "需要时重新登记原来的退课或停课（用新编号）", en: "record the withdrawal or cancellation again under a new id if needed"),
                excerpt: entryId)
        case .termEvent(let entryId, let kind):
            return termEventError(entryId, closing: kind == .closing)
        case .alreadyUndone(let entryId, let by):
            return TuoguanError(
                .conflict, zh: "“\(entryId)”已由“\(by)”撤销，不能再撤销一次",
                en: "\"\(entryId)\" was already undone by \"\(by)\": it cannot be undone twice",
                fix: LocalizedText(
                    zh: "它已不起作用；需要时以新编号重新登记退课或停课（tuoguan withdraw / cancel --id 新编号）",
                    en: "it no longer counts; record the withdrawal or cancellation again under a new id if needed (tuoguan withdraw / cancel --id NEW-ID)"),
                excerpt: entryId)
        case .enrolmentChanged(let eventId, let studentId, let courseId, let until, let withdrawnOn):
            return TuoguanError(
                .conflict,
                zh: "学生 \(studentId) 在课程 \(courseId) 的报名已改动（结束日期 \(until?.description ?? "无")，退课为 \(withdrawnOn)），不能撤销",
                en: "the enrolment of \(studentId) in \(courseId) changed since (ends \(until?.description ?? "never"), the withdrawal was \(withdrawnOn)): it cannot be undone",
                excerpt: eventId)
        case .sessionChanged(let eventId, let courseId, let date):
            return TuoguanError(
                .conflict, zh: "课程 \(courseId) 在 \(date?.description ?? "?") 的停课已改动，不能撤销",
                en: "the cancelled session of \(courseId) on \(date?.description ?? "?") changed since: it cannot be undone",
                excerpt: eventId)
        }
    }

    /// A closing or reopening named to `undo` (before, the ledger recorded an undo of it and then failed
    /// its own check).
    func termEventError(_ entryId: String, closing: Bool) -> TuoguanError {
        closing
            ? TuoguanError(
                .badInput, zh: "“\(entryId)”是学期结账，不是退课或停课，不能撤销",
                en: "\"\(entryId)\" is the term's closing, not a withdrawal or cancellation: undo cannot take it back",
                fix: LocalizedText(zh: "撤回结账用 tuoguan reopen", en: "a closing is taken back with tuoguan reopen"), excerpt: entryId)
            : TuoguanError(
                .badInput, zh: "“\(entryId)”是重新开账，不是退课或停课，不能撤销",
                en: "\"\(entryId)\" is a reopening, not a withdrawal or cancellation: undo cannot take it back",
                fix: LocalizedText(zh: "需要时再次结账（tuoguan close）", en: "close the term again if needed (tuoguan close)"),
                excerpt: entryId)
    }
}
