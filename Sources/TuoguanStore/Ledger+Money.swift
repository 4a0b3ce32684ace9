import GRDB
import TuoguanCore
import TuoguanInput

extension Ledger {
    /// Records a payment (one receipt). The same receipt with the same contents again is `.alreadyRecorded`;
    /// with different contents it is a `.conflict` that shows both.
    ///
    /// ```swift
    /// try ledger.recordPayment(PaymentFact(receipt: "R001", studentId: "S001", amount: Money(fen: 16000),
    ///                                      date: CivilDate(parsing: "2024-09-02")!, method: .wechat), by: "clerk")
    /// ```
    public func recordPayment(_ payment: PaymentFact, by: String) throws -> RecordOutcome {
        try write { db in try recordPayment(payment, by: by, db: db) }
    }

    /// `assigningHeld`: the payment is a held transfer being assigned (`assignHeld`), which takes it off the
    /// suspense list in the same transaction; any other payment under a held transfer's id is refused.
    func recordPayment(_ payment: PaymentFact, by: String, db: Database, assigningHeld: Bool = false) throws -> RecordOutcome {
        try requireId(payment.receipt, what: ("收据号", "receipt"))
        if !assigningHeld { try requireNotHeld(payment.receipt, db: db) }
        if payment.amount.isNegative || payment.amount.isZero {
            throw TuoguanError(
                .badInput, zh: "缴费金额必须大于零：\(payment.amount.formatted())",
                en: "a payment must be more than zero: \(payment.amount.formatted())",
                fix: LocalizedText(zh: "退费请用 refund 登记", en: "record money going back with refund"),
                excerpt: payment.amount.formatted())
        }
        _ = try requireStudent(payment.studentId, db: db)
        return try append(
            JournalEntry(
                entryId: payment.receipt, kind: .payment, studentId: payment.studentId, amount: payment.amount,
                date: payment.date, method: payment.method), by: by, db: db)
    }

    /// Records a refund by amount or by lessons, priced by ``RefundCalculator``. The course's policy decides
    /// whether the reason is refundable; a refund never exceeds what the family paid less what was refunded
    /// already, a refund for a course (which the student must take) never takes the refunds for it past the
    /// course's fee, and a settlement never leaves the family owing. A withdrawal's or a cancellation's refund
    /// is refused here: `withdraw` and `cancel` record it with the event.
    ///
    /// ```swift
    /// let out = try ledger.recordRefund(RefundRequest(refundId: "T1", studentId: "S001", courseId: "X1",
    ///     lessons: 2, date: CivilDate(parsing: "2024-10-08")!, reason: .settlement), by: "clerk")
    /// out.amount               // 2 × 20.00 = 40.00
    /// out.remainingRefundable  // paid − refunded after this one
    /// ```
    public func recordRefund(_ request: RefundRequest, by: String) throws -> RefundOutcome {
        try write { db in try recordRefund(request, by: by, db: db) }
    }

    func recordRefund(_ request: RefundRequest, by: String, db: Database) throws -> RefundOutcome {
        try requireId(request.refundId, what: ("退费编号", "refund id"))
        let student = try requireStudent(request.studentId, db: db)
        if (request.amount == nil) == (request.lessons == nil) {
            throw TuoguanError(
                .badInput, zh: "退费要给出金额或课时数（二者只能取其一）",
                en: "a refund needs an amount or a number of lessons (exactly one of them)",
                fix: LocalizedText(zh: "加 --amount 金额，或 --course 课程 --lessons 课时数（只取其一）", en: "give --amount AMOUNT, or --course COURSE --lessons N (one of them)"),
                excerpt: request.refundId)
        }
        let taken = try refundedCourse(request, student: student, db: db)
        let amount = try refundAmount(request, student: student, taken: taken, db: db)
        let entry = JournalEntry(
            entryId: request.refundId, kind: .refund, studentId: student.id, courseId: request.courseId, amount: amount,
            lessons: request.lessons, date: request.date, method: request.method, reason: request.reason, note: request.note)
        // Same id, same contents: nothing to do (checked before the ceiling, which the first time used up).
        // A different entry under this id: `append` reports the conflict with both versions.
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM journal WHERE entry_id = ?", arguments: [request.refundId]) ?? false {
            let outcome = try append(entry, by: by, db: db)
            let totals = try familyTotals(studentId: student.id, db: db)
            return RefundOutcome(outcome: outcome, amount: amount, remainingRefundable: try totals.paid - totals.refunded)
        }
        try requireNotAnEvent(request, db: db)
        if let taken {
            try requireCourseRoom(amount, request, student: student, course: taken.course, enrollment: taken.enrollment, db: db)
        }
        let left = try requireFamilyRoom(amount, request, student: student, db: db)
        if request.reason == .settlement {
            try requireSettlementOwed(amount: amount, student: student, refundId: request.refundId, db: db)
        }
        let outcome = try append(entry, by: by, db: db)
        return RefundOutcome(outcome: outcome, amount: amount, remainingRefundable: try left - amount)
    }

    /// Corrects a payment, refund or expense by a reversing entry (`correctionId`), which mirrors its postings
    /// (an expense's reversal goes in the spending journal, see ``reverseExpense(entryId:correctionId:note:by:db:)``).
    ///
    /// ```swift
    /// try ledger.reverse(entryId: "R001", correctionId: "C-R001", note: "wrong student", by: "clerk")
    /// ```
    public func reverse(entryId: String, correctionId: String, note: String, by: String) throws -> RecordOutcome {
        try write { db in try reverse(entryId: entryId, correctionId: correctionId, note: note, by: by, credit: .zero, db: db) }
    }

    /// Reverses `entryId` inside the caller's transaction. `credit` is money the same transaction pays in
    /// for the family (a replacing payment), counted when checking that refunds stay within payments.
    func reverse(
        entryId: String, correctionId: String, note: String, by: String, credit: Money, db: Database
    ) throws -> RecordOutcome {
            try requireId(correctionId, what: ("冲正编号", "correction id"))
            if let outcome = try reverseExpense(entryId: entryId, correctionId: correctionId, note: note, by: by, db: db) {
                return outcome
            }
            guard
                let original = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE entry_id = ?", arguments: [entryId])
                    .flatMap(JournalEntry.init(row:))
            else {
                throw TuoguanError(
                    .unknownReference, zh: "账本中没有编号为“\(entryId)”的缴费、退费或支出",
                    en: "no payment, refund or expense with id \"\(entryId)\" in the ledger", excerpt: entryId)
            }
            if original.kind == .reversal {
                throw TuoguanError(
                    .badInput, zh: "“\(entryId)”本身是冲正，不能再冲正", en: "\"\(entryId)\" is itself a reversal and cannot be reversed",
                    fix: LocalizedText(zh: "需要时重新登记原来的缴费或退费（用新编号）", en: "record the original again under a new id if needed"),
                    excerpt: entryId)
            }
            if original.kind == .opening {
                throw TuoguanError(
                    .badInput, zh: "“\(entryId)”是从上学期结转的余额，不能冲正（它与上学期已结账的账本对应）",
                    en: "\"\(entryId)\" is a balance carried in from the closed term before and cannot be reversed (it matches that closed ledger)",
                    fix: LocalizedText(
                        zh: "如结转有误：在上学期账本上 reopen、更正、再 close，然后重新 init --from",
                        en: "if the carried balance is wrong: reopen the last term's ledger, correct it, close it again, then init --from again"),
                    excerpt: entryId)
            }
            let entry = JournalEntry(
                entryId: correctionId, kind: .reversal, studentId: original.studentId, courseId: original.courseId,
                amount: original.amount, lessons: original.lessons, date: original.date, method: original.method,
                reason: original.reason, note: note, reverses: entryId, unit: original.unit)
            if original.kind == .refund, let event = try eventOfRefund(entryId, db: db),
                !(try Bool.fetchOne(db, sql: "SELECT 1 FROM journal WHERE entry_id = ?", arguments: [correctionId]) ?? false)
            {
                throw TuoguanError(
                    .refundRefused,
                    zh: "退费 \(entryId) 是退课或停课“\(event)”的一部分：单独冲正它，退课或停课仍然有效，家长的结算单会再显示应退",
                    en: "refund \(entryId) belongs to the withdrawal or cancellation \(event): reversing it alone leaves that event in force, and the family's statement would show the money as owed again",
                    fix: LocalizedText(
                        zh: "用 tuoguan undo --entry \(event) --id 新编号 --note 原因：撤销整个事件及其全部退费",
                        en: "use tuoguan undo --entry \(event) --id NEW-ID --note WHY: it takes back the event with all its refunds"),
                    excerpt: entryId)
            }
            if let by = try String.fetchOne(db, sql: "SELECT entry_id FROM journal WHERE reverses = ?", arguments: [entryId]),
                by != correctionId
            {
                throw TuoguanError(
                    .conflict, zh: "“\(entryId)”已由“\(by)”冲正", en: "\"\(entryId)\" was already reversed by \"\(by)\"",
                    fix: LocalizedText(
                        zh: "它已不计入账目；应有的缴费或退费以新编号重新登记（tuoguan show receipt \(entryId) 查看）",
                        en: "it no longer counts; record what should stand under a new id (tuoguan show receipt \(entryId) shows it)"),
                    excerpt: entryId)
            }
            if original.kind == .payment {
                // Reversing a payment must not leave the family owed back more than it paid.
                let totals = try familyTotals(studentId: original.studentId, db: db)
                let left = try totals.paid - totals.refunded - original.amount + credit
                let exists = try Bool.fetchOne(db, sql: "SELECT 1 FROM journal WHERE entry_id = ?", arguments: [correctionId]) ?? false
                if left.isNegative && !exists {
                    let least = try credit - left
                    throw TuoguanError(
                        .refundCeiling,
                        zh: "冲正缴费 \(entryId) 后，已退费用将超过已缴费用 \(try -left)",
                        en: "reversing payment \(entryId) would leave refunds exceeding payments by \(try -left)",
                        fix: LocalizedText(
                            zh: "金额录错的，一步更正：tuoguan correct --entry \(entryId) --amount 正确金额 --note 原因（冲正与新收据 \(Ledger.replacementReceipt(for: entryId)) 在同一笔操作中登记；正确金额至少 \(least.formatted())）；缴费确实不存在的，先冲正或撤销它之后的退费",
                            en: "if the amount was mistyped, correct it in one step: tuoguan correct --entry \(entryId) --amount RIGHT-AMOUNT --note WHY (the reversal and the new receipt \(Ledger.replacementReceipt(for: entryId)) are recorded together; the right amount is at least \(least.formatted())); if the payment never happened, reverse or undo the refunds after it first"),
                        excerpt: entryId)
                }
            }
            return try append(entry, by: by, db: db)
    }

    // MARK: - Helpers

    /// When a student takes a course: the first day, and the first day no longer attending (nil: to the end).
    typealias Enrollment = EnrolmentWindow

    func requireEnrollment(studentId: String, courseId: String, db: Database) throws -> Enrollment {
        try reader(db).requireEnrolment(studentId: studentId, courseId: courseId)
    }

    /// The most the refunds for one course may add up to for one student
    /// (``RefundCalculator/courseFee(course:policy:usage:student:rules:)``; nothing for a course whose policy
    /// is unknown).
    func courseFee(student: Student, course: Course, usage: CourseUsage) throws -> Money {
        guard let policy = rules.policies[course.policyId] else { return .zero }
        return try RefundCalculator.courseFee(course: course, policy: policy, usage: usage, student: student, rules: rules)
    }

    /// What the refunds for one course add up to now (reversed refunds left out).
    func courseRefunded(studentId: String, courseId: String, db: Database) throws -> Money {
        try reader(db).courseRefunded(studentId: studentId, courseId: courseId)
    }

    /// Both ceilings of a refund for `course` (``RefundCalculator/Ceilings``), from the enrolment's usage.
    ///
    /// ```swift
    /// let ceilings = try refundCeilings(student: s, course: x1, usage: u, db: db)
    /// ceilings.most   // what a refund for X1 may still give back
    /// ```
    func refundCeilings(student: Student, course: Course, usage: CourseUsage, db: Database) throws -> RefundCalculator.Ceilings {
        let totals = try familyTotals(studentId: student.id, db: db)
        return RefundCalculator.Ceilings(
            familyLeft: try totals.paid - totals.refunded,
            courseLeft: try courseFee(student: student, course: course, usage: usage)
                - courseRefunded(studentId: student.id, courseId: course.id, db: db))
    }

    func requireId(_ id: String, what: (zh: String, en: String)) throws {
        if id.isEmpty || id != id.trimmedSpaces {
            throw TuoguanError(
                .badInput, zh: "\(what.zh)为空或带有首尾空格：“\(id)”", en: "the \(what.en) is empty or has surrounding spaces: \"\(id)\"",
                excerpt: id)
        }
    }

    func requireStudent(_ id: String, db: Database) throws -> Student { try reader(db).requireStudent(id) }

    func requireCourse(_ id: String, db: Database) throws -> Course { try reader(db).requireCourse(id) }

    static func reasonZh(_ reason: RefundReason) -> String {
        switch reason {
        case .personalLeave: return "因个人原因请假"
        case .cancelled: return "停课"
        case .withdrawal: return "退课"
        case .settlement: return "结算"
        }
    }

    static func reasonEn(_ reason: RefundReason) -> String {
        switch reason {
        case .personalLeave: return "personal leave"
        case .cancelled: return "a cancellation"
        case .withdrawal: return "withdrawal"
        case .settlement: return "settlement"
        }
    }
}
