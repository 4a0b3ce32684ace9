import GRDB
import TuoguanCore

extension Ledger {
    /// A refund whose reason is an event is given by the event's own command, which changes the enrolment or
    /// the sessions and computes the refund in the same transaction: a refund alone would leave the family's
    /// statement asking for the money back (应补). Refused, with the command to use.
    ///
    /// ```swift
    /// try requireNotAnEvent(RefundRequest(… reason: .withdrawal), db: db)   // throws refund-refused
    /// ```
    func requireNotAnEvent(_ request: RefundRequest, db: Database) throws {
        let course = request.courseId ?? "COURSE"
        switch request.reason {
        case .withdrawal:
            throw TuoguanError(
                .refundRefused,
                zh: "退课退费不能单独登记：学生仍在课程中，单独退费会让家长的结算单显示应补这笔钱",
                en: "a withdrawal refund cannot be recorded on its own: the student still takes the course, and the family's statement would ask for the money back",
                fix: LocalizedText(
                    zh: "用 tuoguan withdraw --student \(request.studentId) --course \(course) --date 退课日期 --id \(request.refundId)：同时结束报名并按政策计算退费；撤销退课用 undo",
                    en: "use tuoguan withdraw --student \(request.studentId) --course \(course) --date FIRST-DAY-AWAY --id \(request.refundId): it ends the enrolment and computes the refund together; undo takes it back"),
                excerpt: request.refundId)
        case .cancelled:
            throw TuoguanError(
                .refundRefused,
                zh: "停课退费不能单独登记：课没有停，单独退费会让家长的结算单显示应补这笔钱",
                en: "a cancellation refund cannot be recorded on its own: no session is cancelled, and the family's statement would ask for the money back",
                fix: LocalizedText(
                    zh: "用 tuoguan cancel --date 停课日期 --course \(course) --reason 原因：同时停课并为每个家庭按政策退费；撤销停课用 undo",
                    en: "use tuoguan cancel --date DAY --course \(course) --reason WHY: it cancels the session and refunds every family together; undo takes it back"),
                excerpt: request.refundId)
        case .personalLeave:
            if request.date < rules.starts || request.date > rules.ends {
                throw TuoguanError(
                    .badInput,
                    zh: "请假退费的日期 \(request.date) 不在本学期内（\(rules.starts) 至 \(rules.ends)）",
                    en: "the date of a personal-leave refund, \(request.date), is outside the term (\(rules.starts) to \(rules.ends))",
                    fix: LocalizedText(zh: "填写请假所在学期内的日期", en: "give a date inside the term of the leave"),
                    excerpt: request.date.description)
            }
        case .settlement: break
        }
    }

    /// A `settlement` refund gives back what the family's statement says it is owed (应退), never more: a
    /// refund that would leave the family owing (应补) is refused, saying how much is owed to it.
    ///
    /// ```swift
    /// // due 40.00, paid 200.00, refunded 150.00: owed 10.00 back; a settlement of 20.00 is refused
    /// try requireSettlementOwed(amount: Money(fen: 2000), student: s, refundId: "F4", db: db)
    /// ```
    func requireSettlementOwed(amount: Money, student: Student, refundId: String, db: Database) throws {
        guard let facts = try termFacts(forStudent: student.id, db: db),
            let statement = try TermComputation.compute(rules: rules, facts: facts).students.first
        else { return }
        let after = try statement.balance + amount
        guard after > .zero else { return }
        let owedBack = max(.zero, try -statement.balance)
        throw TuoguanError(
            .refundCeiling,
            zh: "结算退费 \(amount.formatted()) 会让 \(student.name)（\(student.id)）应补 \(after.formatted())：应缴 \(statement.due.formatted())，已缴 \(statement.paid.formatted())，已退 \(statement.refunded.formatted())，结算最多可退 \(owedBack.formatted())",
            en: "a settlement refund of \(amount.formatted()) would leave \(student.name) (\(student.id)) owing \(after.formatted()): due \(statement.due.formatted()), paid \(statement.paid.formatted()), refunded \(statement.refunded.formatted()); settlement can give back at most \(owedBack.formatted())",
            fix: LocalizedText(
                zh: "结算退费只退结算单上的应退金额；退课或停课的退费用 withdraw 或 cancel",
                en: "a settlement gives back what the statement says is owed; refunds for a withdrawal or a cancellation come from withdraw or cancel"),
            excerpt: refundId)
    }

    /// Warnings for a payment (recorded all the same): dated outside the term (a prepayment before it or a
    /// late one after it happens, a typing slip too), a student with no fee-bearing enrolment, and a payment
    /// that takes the family's payments past what the term's fees can reach (every fee-bearing course's
    /// full-term fee after waivers, less what was refunded).
    ///
    /// ```swift
    /// let warnings = try ledger.paymentWarnings(for: "S003")   // ["S003 takes no course that charges a fee …"]
    /// ```
    public func paymentWarnings(for studentId: String, dated date: CivilDate? = nil) throws -> [TuoguanError] {
        try read { db in try paymentWarnings(for: studentId, dated: date, db: db) }
    }

    func paymentWarnings(for studentId: String, dated date: CivilDate? = nil, db: Database) throws -> [TuoguanError] {
        var warnings: [TuoguanError] = []
        if let date, let warning = paymentDateWarning(date) { warnings.append(warning) }
        var reach = FeeReach()
        return try warnings + feeWarnings(for: studentId, reach: &reach, db: db)
    }

    /// The warning for a payment dated outside the term, if it is.
    func paymentDateWarning(_ date: CivilDate) -> TuoguanError? {
        guard date < rules.starts || date > rules.ends else { return nil }
        return TuoguanError(
            .badInput,
            zh: "缴费日期 \(date) 不在本学期内（\(rules.starts) 至 \(rules.ends)），这笔缴费已登记",
            en: "the payment's date \(date) is outside the term (\(rules.starts) to \(rules.ends)); the payment was recorded",
            fix: LocalizedText(zh: "检查日期；如有误，冲正后按正确日期重新登记", en: "check the date; if it is wrong, correct the payment and record it again"),
            excerpt: date.description)
    }

    /// What one enrolment can charge at most in the term (its full-term fee after waivers), by course, first
    /// day and category: the same for every student who shares them, so an import of many families' payments
    /// prices each once.
    struct FeeReach {
        struct Key: Hashable {
            var course: String
            var from: CivilDate
            var category: String?
        }
        var known: [Key: Money] = [:]
    }

    /// The warnings of ``paymentWarnings(for:dated:)`` about the fees: a student with no fee-bearing
    /// enrolment, or payments (less refunds) past what the term's fees can reach.
    func feeWarnings(for studentId: String, reach known: inout FeeReach, db: Database) throws -> [TuoguanError] {
        guard let student = try fetchStudent(studentId, db: db) else { return [] }
        var reach = Money.zero
        for row in try Row.fetchAll(
            db.cachedStatement(sql: "SELECT course_id, from_date FROM enrollments WHERE student_id = ?"), arguments: [studentId])
        {
            guard let course = try fetchCourse(row["course_id"], db: db), let from = CivilDate(parsing: row["from_date"])
            else { continue }
            let key = FeeReach.Key(course: course.id, from: from, category: student.category)
            if known.known[key] == nil { known.known[key] = try fullTermFee(course: course, from: from, student: student, db: db) }
            reach = try reach + known.known[key]!
        }
        let totals = try familyTotals(studentId: studentId, db: db)
        if reach.isZero {
            return [
                TuoguanError(
                    .badInput, zh: "\(student.name)（\(studentId)）没有需要缴费的课程，这笔缴费已登记",
                    en: "\(student.name) (\(studentId)) takes no course that charges a fee; the payment was recorded",
                    fix: LocalizedText(zh: "检查学号；多收的钱用 tuoguan refund --reason 结算 退还", en: "check the student id; money taken by mistake goes back as a settlement refund"),
                    excerpt: studentId)
            ]
        }
        let kept = try totals.paid - totals.refunded
        guard kept > reach else { return [] }
        return [
            TuoguanError(
                .badInput,
                zh: "\(student.name)（\(studentId)）已缴 \(kept.formatted())（扣除已退），超过本学期费用最多 \(reach.formatted())，多出 \(try (kept - reach).formatted())；这笔缴费已登记",
                en: "\(student.name) (\(studentId)) has paid \(kept.formatted()) (less refunds), more than the term's fees can reach, \(reach.formatted()), by \(try (kept - reach).formatted()); the payment was recorded",
                fix: LocalizedText(zh: "检查金额；多缴的钱用 tuoguan refund --reason 结算 退还", en: "check the amount; money paid beyond the fees goes back as a settlement refund"),
                excerpt: studentId)
        ]
    }

    /// The most an enrolment from `from` can charge: every lesson of the term from then on held and attended,
    /// after the student's waiver (or the prepaid fee, if larger); zero for a free course.
    func fullTermFee(course: Course, from: CivilDate, student: Student, db: Database) throws -> Money {
        guard let policy = rules.policies[course.policyId], policy.billing != .free else { return .zero }
        var full = try usage(studentId: student.id, course: course, from: from, until: nil, attendance: false, db: db).usage
        full.heldLessons = full.termLessons
        full.cancelledLessons = 0
        full.present = full.termLessons
        full.leave = 0
        full.absent = 0
        full.minutesPresent = Int64(full.termLessons) * Int64(course.end - course.start)
        let line = try ChargeCalculator.charge(course: course, policy: policy, usage: full, student: student, rules: rules)
        return max(line.charged, line.prepaidExpected)
    }
}

extension Ledger {
    /// An enrolment's dates cannot be corrected while a withdrawal or a cancellation in force has used them:
    /// its refund was computed from them, and only `undo` takes it back (a correction of its refund alone is
    /// refused). Refused with the `undo` to run first.
    ///
    /// ```swift
    /// try requireNoEventInForce(student: "S002", course: "X1", flag: "--until", db: db)   // W1 in force: throws
    /// ```
    func requireNoEventInForce(student: String, course: String, flag: String, db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.event_id, e.kind FROM events e
                WHERE e.kind IN ('withdrawal', 'cancellation') AND NOT EXISTS (SELECT 1 FROM events u WHERE u.undoes = e.event_id)
                  AND ((e.kind = 'withdrawal' AND e.student_id = ?1 AND e.course_id = ?2)
                    OR EXISTS (SELECT 1 FROM event_parts p JOIN journal j ON j.entry_id = p.ref
                               WHERE p.seq = e.seq AND p.part = 'refund' AND j.student_id = ?1 AND j.course_id = ?2))
                ORDER BY e.seq LIMIT 1
                """, arguments: [student, course])
        guard let row = rows.first else { return }
        let id: String = row["event_id"]
        let withdrawal = (row["kind"] as String) == "withdrawal"
        throw TuoguanError(
            .conflict,
            zh: "\(student) 在 \(course) 的\(withdrawal ? "退课" : "停课") \(id) 仍然有效，其退费按报名日期计算，不能再改日期",
            en: "the \(withdrawal ? "withdrawal" : "cancellation") \(id) of \(student) in \(course) is in force, its refund computed from these dates: they cannot change now",
            fix: LocalizedText(
                zh: "先撤销（tuoguan undo --entry \(id) --id 新编号 --note 原因），改好后再重新登记\(withdrawal ? "退课" : "停课")",
                en: "undo it first (tuoguan undo --entry \(id) --id NEW-ID --note WHY), make the change, then record the \(withdrawal ? "withdrawal" : "cancellation") again"),
            at: SourceLocation(key: flag), excerpt: id)
    }
}
