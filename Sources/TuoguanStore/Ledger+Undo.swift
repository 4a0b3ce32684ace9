import GRDB
import TuoguanCore

/// What an undo did: the event it took back and the reversals of that event's refunds.
public struct UndoReport: Sendable, Equatable {
    /// "withdrawal" or "cancellation".
    public var kind: String
    public var eventId: String
    /// (reversal id, refund id, amount) for each refund the event had made.
    public var reversals: [(reversalId: String, refundId: String, amount: Money)]
    public var outcome: RecordOutcome

    public init(kind: String, eventId: String, reversals: [(reversalId: String, refundId: String, amount: Money)], outcome: RecordOutcome) {
        self.kind = kind
        self.eventId = eventId
        self.reversals = reversals
        self.outcome = outcome
    }

    public static func == (a: UndoReport, b: UndoReport) -> Bool {
        a.kind == b.kind && a.eventId == b.eventId && a.outcome == b.outcome
            && a.reversals.map { "\($0.reversalId)|\($0.refundId)|\($0.amount.fen)" }
                == b.reversals.map { "\($0.reversalId)|\($0.refundId)|\($0.amount.fen)" }
    }
}

extension Ledger {
    /// Undoes a withdrawal or a cancellation with all of its refunds, in one transaction: each refund is
    /// reversed (reversal id `<undoId>-<refundId>`), the enrolment runs to the term's end again or the sessions
    /// are as they were (a session still to come is removed, a held one is held again), and an `undo` event
    /// `undoId` is recorded. Nothing is edited in the money journal. The same `undoId` for the same event again
    /// is a no-op; undoing an event twice, or anything that is not a withdrawal or a cancellation, is an error.
    ///
    /// ```swift
    /// try ledger.undo(entryId: "W1", undoId: "U1", note: "书面申请撤回", by: "clerk")
    /// ```
    public func undo(entryId: String, undoId: String, note: String, by: String) throws -> UndoReport {
        try write { db in
            try requireId(undoId, what: ("撤销编号", "undo id"))
            if let existing = try fetchEvent(undoId, db: db) {
                guard existing.kind == .undo, existing.undoes == entryId, let target = try fetchEvent(entryId, db: db) else {
                    throw TuoguanError(
                        .conflict, zh: "编号 \(undoId) 已登记为：\(existing.summary)",
                        en: "id \(undoId) is already recorded as: \(existing.summary)",
                        fix: LocalizedText(zh: "换一个撤销编号", en: "use another undo id"), excerpt: undoId)
                }
                return try undoReport(existing, target: target, outcome: .alreadyRecorded, db: db)
            }
            let event = try requireUndoable(entryId, db: db)
            var parts: [LedgerEvent.Part] = []
            for part in event.parts where part.kind == .refund {
                let reversalId = "\(undoId)-\(part.ref)"
                try appendReversal(of: part.ref, reversalId: reversalId, note: note, by: by, db: db)
                parts.append(LedgerEvent.Part(kind: .reversal, ref: reversalId))
            }
            switch event.kind {
            case .withdrawal: try restoreEnrollment(of: event, by: by, db: db)
            case .cancellation: try restoreSessions(of: event, by: by, db: db)
            case .undo, .closing, .reopening: break
            }
            let undo = LedgerEvent(
                eventId: undoId, kind: .undo, studentId: event.studentId, courseId: event.courseId, date: event.date,
                note: note, undoes: event.eventId, parts: parts)
            try appendEvent(undo, by: by, db: db)
            return try undoReport(undo, target: event, outcome: .recorded, db: db)
        }
    }

    /// The withdrawal or cancellation `entryId`, not undone yet; otherwise an error saying what it is instead.
    func requireUndoable(_ entryId: String, db: Database) throws -> LedgerEvent {
        guard let event = try fetchEvent(entryId, db: db) else {
            if let owner = try eventOfRefund(entryId, db: db) {
                throw TuoguanError(
                    .badInput, zh: "“\(entryId)”是“\(owner)”的一笔退费，不是退课或停课本身",
                    en: "\"\(entryId)\" is one refund of \(owner), not a withdrawal or cancellation itself",
                    fix: LocalizedText(zh: "用 undo --entry \(owner) 撤销整个事件及其全部退费", en: "undo --entry \(owner) takes back the whole event with all its refunds"),
                    excerpt: entryId)
            }
            if let kind = try String.fetchOne(db, sql: "SELECT kind FROM journal WHERE entry_id = ?", arguments: [entryId]) {
                throw TuoguanError(
                    .badInput, zh: "“\(entryId)”是一笔\(kind == "payment" ? "缴费" : kind == "refund" ? "退费" : "冲正")，不是退课或停课，不能撤销",
                    en: "\"\(entryId)\" is a \(kind), not a withdrawal or cancellation: there is nothing to undo",
                    fix: LocalizedText(zh: "更正缴费或退费用 correct（冲正）", en: "a payment or refund is corrected with correct (a reversal)"),
                    excerpt: entryId)
            }
            throw TuoguanError(
                .unknownReference, zh: "账本中没有编号为“\(entryId)”的退课或停课",
                en: "no withdrawal or cancellation with id \"\(entryId)\" in the ledger",
                fix: LocalizedText(zh: "用退课时的 --id 或停课时的 --id-prefix", en: "give the --id of the withdrawal or the --id-prefix of the cancellation"),
                excerpt: entryId)
        }
        if event.kind == .undo {
            throw TuoguanError(
                .badInput, zh: "“\(entryId)”本身是一次撤销，不能再撤销", en: "\"\(entryId)\" is itself an undo and cannot be undone",
                fix: LocalizedText(zh: "需要时重新登记原来的退课或停课（用新编号）", en: "record the withdrawal or cancellation again under a new id if needed"),
                excerpt: entryId)
        }
        if let by = try undoOf(entryId, db: db) {
            throw TuoguanError(
                .conflict, zh: "“\(entryId)”已由“\(by)”撤销，不能再撤销一次", en: "\"\(entryId)\" was already undone by \"\(by)\": it cannot be undone twice",
                fix: LocalizedText(
                    zh: "它已不起作用；需要时以新编号重新登记退课或停课（tuoguan withdraw / cancel --id 新编号）",
                    en: "it no longer counts; record the withdrawal or cancellation again under a new id if needed (tuoguan withdraw / cancel --id NEW-ID)"),
                excerpt: entryId)
        }
        return event
    }

    /// Appends the reversal of refund `refundId` (skipped if a correction reversed it already).
    func appendReversal(of refundId: String, reversalId: String, note: String, by: String, db: Database) throws {
        guard
            let original = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [refundId])
                .flatMap(JournalEntry.init(row:)),
            try String.fetchOne(db, sql: "SELECT entry_id FROM journal WHERE reverses = ?", arguments: [refundId]) == nil
        else { return }
        _ = try append(
            JournalEntry(
                entryId: reversalId, kind: .reversal, studentId: original.studentId, courseId: original.courseId,
                amount: original.amount, lessons: original.lessons, date: original.date, method: original.method,
                reason: original.reason, note: note, reverses: refundId, unit: original.unit), by: by, db: db)
    }

    /// The enrolment of a withdrawal runs to the term's end again.
    func restoreEnrollment(of event: LedgerEvent, by: String, db: Database) throws {
        guard let studentId = event.studentId, let courseId = event.courseId else { return }
        let until = try String.fetchOne(
            db, sql: "SELECT until_date FROM enrollments WHERE student_id = ? AND course_id = ?", arguments: [studentId, courseId])
        guard until == event.date.description else {
            throw TuoguanError(
                .conflict,
                zh: "学生 \(studentId) 在课程 \(courseId) 的报名已改动（结束日期 \(until ?? "无")，退课为 \(event.date)），不能撤销",
                en: "the enrolment of \(studentId) in \(courseId) changed since (ends \(until ?? "never"), the withdrawal was \(event.date)): it cannot be undone",
                excerpt: event.eventId)
        }
        try db.execute(
            sql: "UPDATE enrollments SET until_date = NULL, recorded_by = ?, recorded_at = ? WHERE student_id = ? AND course_id = ?",
            arguments: [by, Ledger.timestamp(), studentId, courseId])
        try recountUsage(student: studentId, course: courseId, db: db)
        _ = try appendHistory(
            .enrollment, subjectId: studentId, courseId: courseId, field: "until_date", old: event.date.description, new: nil,
            note: "撤销退课 undo \(event.eventId)", by: by, db: db)
    }

    /// The sessions of a cancellation are as they were before it.
    func restoreSessions(of event: LedgerEvent, by: String, db: Database) throws {
        for part in event.parts where part.kind == .session {
            guard let date = part.date,
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM sessions WHERE course_id = ? AND date = ? AND status = 'cancelled'",
                    arguments: [part.ref, date.description])
            else {
                throw TuoguanError(
                    .conflict, zh: "课程 \(part.ref) 在 \(part.date?.description ?? "?") 的停课已改动，不能撤销",
                    en: "the cancelled session of \(part.ref) on \(part.date?.description ?? "?") changed since: it cannot be undone",
                    excerpt: event.eventId)
            }
            if let prior = part.prior, prior == "held" || prior == SessionState.scheduled {
                try db.execute(
                    sql: "UPDATE sessions SET status = ?, reason = '', recorded_by = ?, recorded_at = ? WHERE id = ?",
                    arguments: [prior, by, Ledger.timestamp(), id])
                try recountUsage(session: id, db: db)
            } else {
                // (A session still to come when it was cancelled: it has no attendance, so no tally.)
                try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [id])
            }
        }
    }

    func undoReport(_ undo: LedgerEvent, target: LedgerEvent, outcome: RecordOutcome, db: Database) throws -> UndoReport {
        var reversals: [(reversalId: String, refundId: String, amount: Money)] = []
        for part in undo.parts where part.kind == .reversal {
            guard let row = try Row.fetchOne(db, sql: "SELECT reverses, amount FROM journal WHERE entry_id = ?", arguments: [part.ref])
            else { continue }
            reversals.append((part.ref, row["reverses"], Money(fen: row["amount"])))
        }
        return UndoReport(kind: target.kind.rawValue, eventId: target.eventId, reversals: reversals, outcome: outcome)
    }
}
