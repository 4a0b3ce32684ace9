import GRDB
import TuoguanCore

/// The parts of ``Ledger/recordRefund(_:by:)``: which course a refund is for, its amount, and its two ceilings.
extension Ledger {
    /// The course a refund names (the student must take it), with its policy and the enrolment; nil for a
    /// refund of no course. A reason the course's policy does not refund is refused here.
    ///
    /// ```swift
    /// let taken = try refundedCourse(request, student: student, db: db)   // (X1, policy x, S001's enrolment)
    /// ```
    func refundedCourse(_ request: RefundRequest, student: Student, db: Database) throws
        -> (course: Course, policy: Policy?, enrollment: Enrollment)?
    {
        guard let courseId = request.courseId else { return nil }
        let course = try requireCourse(courseId, db: db)
        let policy = rules.policies[course.policyId]
        let enrollment = try requireEnrollment(studentId: student.id, courseId: course.id, db: db)
        if let policy, policy.refund.rule(for: request.reason) == .none {
            throw TuoguanError(
                .refundRefused,
                zh: "按“\(policy.name)”（\(policy.id)）的规定，\(Self.reasonZh(request.reason))不退费（课程 \(course.id) \(course.name)）",
                en: "no refund for \(Self.reasonEn(request.reason)) on a \(policy.name) course (policy \(policy.id): \(request.reason.rawValue) = none; course \(course.id))",
                fix: LocalizedText(
                    zh: "这是方案规定；如家长委员会另有决定，用 tuoguan refund --reason 结算 登记",
                    en: "this is the plan's rule; if the parents' committee decided otherwise, record it with reason settlement"),
                excerpt: request.refundId)
        }
        return (course, policy, enrollment)
    }

    /// The amount of a refund: as given, or its lessons priced by ``RefundCalculator/byLessons(_:reason:policy:usage:rules:)``.
    ///
    /// ```swift
    /// let amount = try refundAmount(request, student: student, taken: taken, db: db)   // 2 lessons × 20.00 = 40.00
    /// ```
    func refundAmount(
        _ request: RefundRequest, student: Student, taken: (course: Course, policy: Policy?, enrollment: Enrollment)?,
        db: Database
    ) throws -> Money {
        guard let lessons = request.lessons else {
            let amount = request.amount!
            if amount.isNegative || amount.isZero {
                throw TuoguanError(
                    .badInput, zh: "退费金额必须大于零：\(amount.formatted())",
                    en: "a refund must be more than zero: \(amount.formatted())",
                    fix: LocalizedText(zh: "更正已登记的退费请用 tuoguan correct 冲正", en: "to correct a recorded refund, reverse it with tuoguan correct"),
                    excerpt: amount.formatted())
            }
            return amount
        }
        guard lessons > 0 else {
            throw TuoguanError(
                .badInput, zh: "退费课时数必须大于零：\(lessons)", en: "refunded lessons must be more than zero: \(lessons)",
                excerpt: String(lessons))
        }
        guard let taken, let policy = taken.policy else {
            throw TuoguanError(
                .badInput, zh: "按课时退费要指明课程", en: "a refund by lessons needs the course",
                fix: LocalizedText(zh: "加 --course 课程编号，或改用 --amount 金额", en: "add --course COURSE, or give --amount AMOUNT instead"),
                excerpt: request.refundId)
        }
        let course = taken.course
        let (used, _) = try usage(
            studentId: student.id, course: course, from: taken.enrollment.from, until: taken.enrollment.until, db: db)
        let amount = try RefundCalculator.byLessons(lessons, reason: request.reason, policy: policy, usage: used, rules: rules)
        if amount.isZero {
            throw TuoguanError(
                .refundRefused, zh: "课程 \(course.id) 免费，没有可退的费用",
                en: "course \(course.id) is free of charge: there is nothing to refund",
                fix: LocalizedText(
                    zh: "多缴的钱不指定课程：tuoguan refund --reason 结算 --amount 金额（不加 --course）",
                    en: "money paid beyond the fees names no course: tuoguan refund --reason settlement --amount AMOUNT (no --course)"),
                excerpt: request.refundId)
        }
        return amount
    }

    /// Refuses a refund that would take the refunds for one course past the course's fee.
    func requireCourseRoom(
        _ amount: Money, _ request: RefundRequest, student: Student, course: Course, enrollment: Enrollment, db: Database
    ) throws {
        let (used, _) = try usage(studentId: student.id, course: course, from: enrollment.from, until: enrollment.until, db: db)
        let fee = try courseFee(student: student, course: course, usage: used)
        let refunded = try courseRefunded(studentId: student.id, courseId: course.id, db: db)
        let courseLeft = try fee - refunded
        guard amount > courseLeft else { return }
        throw TuoguanError(
            .refundCeiling,
            zh: "退费 \(amount.formatted()) 超过 \(student.name)（\(student.id)）在课程 \(course.id) \(course.name) 可退的余额：该课程学费 \(fee.formatted())，已就该课程退 \(refunded.formatted())，最多还可退 \(max(Money.zero, courseLeft).formatted())",
            en: "refund of \(amount.formatted()) exceeds what is left of course \(course.id) (\(course.name)) for \(student.name) (\(student.id)): the course's fee \(fee.formatted()), refunded for it \(refunded.formatted()), at most \(max(Money.zero, courseLeft).formatted()) left",
            fix: LocalizedText(
                zh: "同一课程的退费合计不能超过该课程的学费；多缴的钱不指定课程，用 tuoguan refund --reason 结算 退",
                en: "the refunds for one course cannot add up to more than its fee; money paid beyond the fees goes back with reason settlement and no course"),
            excerpt: request.refundId)
    }

    /// Refuses a refund of more than the family paid and has not had back; returns what is left before it.
    func requireFamilyRoom(_ amount: Money, _ request: RefundRequest, student: Student, db: Database) throws -> Money {
        let totals = try familyTotals(studentId: student.id, db: db)
        let left = try totals.paid - totals.refunded
        guard amount > left else { return left }
        throw TuoguanError(
            .refundCeiling,
            zh: "退费 \(amount.formatted()) 超过 \(student.name)（\(student.id)）可退的余额：已缴 \(totals.paid.formatted())，已退 \(totals.refunded.formatted())，最多还可退 \(left.formatted())",
            en: "refund of \(amount.formatted()) exceeds what is left for \(student.name) (\(student.id)): paid \(totals.paid.formatted()), refunded \(totals.refunded.formatted()), at most \(left.formatted()) left",
            fix: LocalizedText(
                zh: "退费不能超过家长实际缴纳且尚未退还的金额", en: "a refund cannot exceed what the family paid and has not had back"),
            excerpt: request.refundId)
    }
}
