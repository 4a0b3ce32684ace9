import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanStore

extension Tuoguan {
    /// `tuoguan show student|teacher|course|receipt|refund ID`: one record in full, with its history.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("查看一名学生、教师、课程、一张收据或一笔退费的全部信息", "Show one student, teacher, course, receipt or refund in full."),
            discussion: Tuoguan.text(
                """
                示例：tuoguan show student S000001   （报名、各课程考勤、每笔缴费和退费、学期结余以及改动记录）
                """,
                """
                Example: tuoguan show student S000001   (enrolments, attendance per course, every payment and
                refund, the balance from the term computation, and the history of corrections)
                """),
            subcommands: [ShowStudent.self, ShowTeacher.self, ShowCourse.self, ShowReceipt.self, ShowRefund.self])
    }

    struct ShowStudent: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "student", abstract: Tuoguan.text("学生的报名、考勤、缴费退费、结余和改动记录", "A student's enrolments, attendance, payments, refunds, balance and history."))
        @Argument(help: ArgumentHelp(zh: "学号。", en: "Student id (学号).")) var id: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let w = ClerkText(language: ledger.language)
            let book = try ledger.open(readOnly: true)
            guard let facts = try book.termFacts(forStudent: id),
                let s = try TermComputation.compute(rules: book.rules, facts: facts).students.first(where: { $0.student.id == id })
            else { throw unknownId("学号", "学生", "student", id) }
            let st = s.student
            let category = st.category.map { book.rules.categories[$0]?.name ?? $0 } ?? w.t("无", "none")
            print(w.t("学生 \(st.id) \(st.name)，\(st.grade) 年级，\(st.className)，类别：\(category)",
                      "student \(st.id) \(st.name), grade \(st.grade), \(st.className), category: \(category)"))
            print(w.t("报名与考勤：", "enrolments and attendance:"))
            if facts.usages.isEmpty { print(w.t("  （未报名任何课程）", "  (not enrolled in any course)")) }
            for u in facts.usages {
                let name = facts.courses.first { $0.id == u.courseId }?.name ?? u.courseId
                let until = u.withdrawnOn.map { w.t("\($0) 起不再上课", "left on \($0)") } ?? w.t("至学期末", "to the end of term")
                let line = s.lines.first { $0.courseId == u.courseId }
                let charged = line?.charged ?? .zero
                let due = line?.due ?? charged
                let prepaid = due != charged
                    ? w.t("；尚有 \(u.scheduledLessons) 节未上，按预缴应缴 \(due.formatted()) 元", "; \(u.scheduledLessons) still to come, due as prepaid \(due.formatted())") : ""
                print(w.t(
                    "  \(u.courseId) \(name)：\(u.enrolledFrom) 起，\(until)；已上 \(u.heldLessons) 节：出勤 \(u.present)、请假 \(u.leave)、缺勤 \(u.absent)、未记 \(u.unrecorded)；停课 \(u.cancelledLessons) 节；已上课应收 \(charged.formatted()) 元\(prepaid)",
                    "  \(u.courseId) \(name): from \(u.enrolledFrom), \(until); \(u.heldLessons) lessons held: present \(u.present), leave \(u.leave), absent \(u.absent), not recorded \(u.unrecorded); \(u.cancelledLessons) cancelled; charged for lessons held \(charged.formatted())\(prepaid)"))
            }
            print(w.t("缴费与退费：", "payments and refunds:"))
            let records = try book.moneyRecords(studentId: id)
            if records.isEmpty { print(w.t("  （没有记录）", "  (none)")) }
            for r in records { print("  " + moneyLine(r, w)) }
            print(w.t(
                "应缴 \(s.due.formatted()) 元（减免 \(s.waived.formatted()) 元）\(s.opening.isZero ? "" : "，上学期结转 \(s.opening.formatted()) 元")，已缴 \(s.paid.formatted()) 元，已退 \(s.refunded.formatted()) 元；结余：\(w.balance(s.balance))",
                "due \(s.due.formatted()) (waived \(s.waived.formatted()))\(s.opening.isZero ? "" : ", carried in \(s.opening.formatted())"), paid \(s.paid.formatted()), refunded \(s.refunded.formatted()); balance: \(w.balance(s.balance))"))
            try printHistory(book.history(of: .student, id: id), book: book, w)
        }
    }

    struct ShowTeacher: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "teacher", abstract: Tuoguan.text("教师信息和改动记录", "A teacher and the history."))
        @Argument(help: ArgumentHelp(zh: "工号。", en: "Teacher id (工号).")) var id: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let w = ClerkText(language: ledger.language)
            let book = try ledger.open(readOnly: true)
            guard let t = try book.teacher(id: id) else { throw unknownId("工号", "教师", "teacher", id) }
            print(w.t("教师 \(t.id) \(t.name)，\(w.teacherKind(t.kind))", "teacher \(t.id) \(t.name), \(w.teacherKind(t.kind))"))
            try printHistory(book.history(of: .teacher, id: id), book: book, w)
        }
    }

    struct ShowCourse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "course", abstract: Tuoguan.text("课程信息和改动记录", "A course and the history."))
        @Argument(help: ArgumentHelp(zh: "课程编号。", en: "Course id.")) var id: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws {
            let w = ClerkText(language: ledger.language)
            let book = try ledger.open(readOnly: true)
            guard let c = try book.course(id: id) else { throw unknownId("编号", "课程", "course", id) }
            let policy = book.rules.policies[c.policyId]?.name ?? c.policyId
            let days = c.weekdays.map(String.init).joined(separator: ",")
            let capacity = c.capacity.map(String.init) ?? w.t("不限", "none")
            print(w.t(
                "课程 \(c.id) \(c.name)，\(policy)，任课 \(c.teacherId)，星期 \(days)，\(clockText(c.start))–\(clockText(c.end))，人数上限 \(capacity)",
                "course \(c.id) \(c.name), \(policy), taught by \(c.teacherId), weekdays \(days), \(clockText(c.start))–\(clockText(c.end)), capacity \(capacity)"))
            try printHistory(book.history(of: .course, id: id), book: book, w)
        }
    }

    struct ShowReceipt: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "receipt", abstract: Tuoguan.text("一张收据", "One receipt (payment)."))
        @Argument(help: ArgumentHelp(zh: "收据号。", en: "Receipt number.")) var id: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws { try showEntry(id, kind: .payment, ledger) }
    }

    struct ShowRefund: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "refund", abstract: Tuoguan.text("一笔退费", "One refund."))
        @Argument(help: ArgumentHelp(zh: "退费编号。", en: "Refund id.")) var id: String
        @OptionGroup var ledger: LedgerOptions

        func run() throws { try showEntry(id, kind: .refund, ledger) }
    }
}

/// Prints a receipt or refund in full; an id of the other kind (or unknown) is an error saying what it is.
private func showEntry(_ id: String, kind: MoneyRecord.Kind, _ ledger: LedgerOptions) throws {
    let w = ClerkText(language: ledger.language)
    let book = try ledger.open(readOnly: true)
    let (zh, en) = kind == .payment ? ("收据", "receipt") : ("退费", "refund")
    guard let r = try book.moneyRecord(id: id) else { throw unknownId("编号", zh, en, id) }
    // A reversal (a correction) is shown by either; a receipt asked for as a refund, or the other way, is not.
    if r.kind != kind && r.kind != .reversal {
        let other = r.kind == .payment ? ("收据", "receipt") : ("退费", "refund")
        throw TuoguanError(
            .usage, zh: "\(id) 是\(other.0)，不是\(zh)", en: "\(id) is a \(other.1), not a \(en)",
            fix: LocalizedText(zh: "用 tuoguan show \(other.1) \(id)", en: "use tuoguan show \(other.1) \(id)"), excerpt: id)
    }
    print(moneyLine(r, w))
    print(w.t("学生：\(r.studentId) \(r.studentName)", "student: \(r.studentId) \(r.studentName)"))
    if let course = r.courseId { print(w.t("课程：\(course) \(r.courseName ?? "")", "course: \(course) \(r.courseName ?? "")")) }
    print(w.t("金额大写：\(r.amount.uppercase)", "in words: \(r.amount.uppercase)"))
    if r.kind == .refund, let method = r.method { print(w.t("退费方式：\(w.method(method))", "paid back by: \(w.method(method))")) }
    if !r.note.isEmpty { print(w.t("备注：\(r.note)", "note: \(r.note)")) }
    let when = w.time(r.recordedAt, rules: book.rules)
    print(w.t("登记人：\(r.recordedBy)，登记时间：\(when)", "recorded by \(r.recordedBy) at \(when)"))
    if let by = r.reversedBy {
        print(w.t("已被 \(by) 冲正，不计入金额", "reversed by \(by): it no longer counts"))
    }
}

/// `2024-09-02 缴费 R1 80.00 元（微信）` — one entry on one line.
func moneyLine(_ r: MoneyRecord, _ w: ClerkText) -> String {
    var line: String
    switch r.kind {
    case .payment:
        line = w.t("\(r.date) 缴费 \(r.entryId) \(r.amount.formatted()) 元（\(w.method(r.method))）", "\(r.date) payment \(r.entryId) \(r.amount.formatted()) (\(w.method(r.method)))")
    case .refund:
        // In the unit the refund was counted in: lessons, or a withdrawal's half-months, months or days.
        let counted = r.lessons.map { (r.unit ?? .lessons).text($0) }
        let lessons = counted.map { w.t("，\($0.zh)", ", \($0.en)") } ?? ""
        line = w.t(
            "\(r.date) 退费 \(r.entryId) \(r.amount.formatted()) 元（\(w.reason(r.reason))\(r.courseId.map { "，\($0)" } ?? "")\(lessons)）",
            "\(r.date) refund \(r.entryId) \(r.amount.formatted()) (\(w.reason(r.reason))\(r.courseId.map { ", \($0)" } ?? "")\(lessons))")
    case .opening:
        let credit = r.openingCredit == true
        line = w.t(
            "\(r.date) 上学期结转 \(r.entryId) \(r.amount.formatted()) 元（\(credit ? "结余，抵作已缴" : "欠费，计入应收")）",
            "\(r.date) carried in \(r.entryId) \(r.amount.formatted()) (\(credit ? "credit, counts as paid" : "arrears, counts as owed"))")
    case .reversal:
        line = w.t("\(r.date) 冲正 \(r.entryId) \(r.amount.formatted()) 元（冲销 \(r.reverses ?? "")）", "\(r.date) reversal \(r.entryId) \(r.amount.formatted()) (reverses \(r.reverses ?? ""))")
    }
    if let by = r.reversedBy { line += w.t(" —— 已被 \(by) 冲正", " — reversed by \(by)") }
    return line
}

private func printHistory(_ changes: [MasterChange], book: Ledger, _ w: ClerkText) {
    print(w.t("改动记录：", "history of corrections:"))
    if changes.isEmpty { print(w.t("  （没有改动）", "  (none)")) }
    for c in changes { print("  " + w.change(c, rules: book.rules)) }
}

/// `16:30` for 990 minutes after midnight.
func clockText(_ minutes: Int) -> String {
    String(format: "%02d:%02d", minutes / 60, minutes % 60)
}
