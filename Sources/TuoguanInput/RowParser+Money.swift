import TuoguanCore

extension RowParser {
    /// A row of the payments sheet: the student known to `references`.
    public func payment(_ row: [TableField], references: ReferenceCheck) throws -> PaymentRow? {
        let receipt = text(row, "receipt")
        var student: String?
        if let (s, f) = text(row, "student_id") {
            if try known(f, .students, in: references) { student = s }
        }
        let amount = text(row, "amount").flatMap { self.amount($0.1) }
        let date = self.date(row, "date", inTerm: false)
        var method: PaymentMethod?
        if let (_, f) = text(row, "method") { method = word(f, ImportWords.methods, what: ("支付方式", "method")) }
        guard let (receipt, rf) = receipt, let student, let amount, let date, let method else { return nil }
        if isDuplicate(receipt, rf, what: "收据号/receipt \(receipt)") { return nil }
        return PaymentRow(receipt: receipt, student: student, amount: amount, date: date, method: method, at: rf)
    }

    /// A row of the refunds sheet: student (and course, when given) known to `references`, exactly one of
    /// amount and lessons.
    public func refund(_ row: [TableField], references: ReferenceCheck) throws -> RefundRow? {
        let refundId = text(row, "refund_id")
        var student: String?
        if let (s, f) = text(row, "student_id") {
            if try known(f, .students, in: references) { student = s }
        }
        var course: String?
        let courseField = filled(row, "course_id")
        var courseOK = true
        if let f = courseField {
            courseOK = try known(f, .courses, in: references)
            if courseOK { course = f.text }
        }
        let amountField = filled(row, "amount")
        let lessonsField = filled(row, "lessons")
        let (amount, lessons, valueOK) = refundValue(row, amountField, lessonsField)
        let date = self.date(row, "date", inTerm: false)
        var reason: RefundReason?
        var reasonField: TableField?
        if let (_, f) = text(row, "reason") {
            reasonField = f
            reason = word(f, ImportWords.reasons, what: ("退费原因", "reason"))
        }
        let note = optionalText(row, "note") ?? ""
        guard let (refundId, rf) = refundId, let student, courseOK, valueOK, let date, let reason, let reasonField else {
            return nil
        }
        if isDuplicate(refundId, rf, what: "退费编号/refund \(refundId)") { return nil }
        return RefundRow(
            refundId: refundId, student: student, course: course, amount: amount, lessons: lessons, date: date,
            reason: reason, note: note, at: rf, courseField: courseField, amountField: amountField,
            lessonsField: lessonsField, reasonField: reasonField)
    }

    /// The amount or the lessons of a refund (exactly one of them given), and whether they are valid.
    private func refundValue(_ row: [TableField], _ amountField: TableField?, _ lessonsField: TableField?)
        -> (Money?, Int?, Bool)
    {
        if let f = amountField, lessonsField != nil {
            fail(f, zh: "金额和课时只能填一个", en: "both amount and lessons are given: expected exactly one of them")
            return (nil, nil, false)
        } else if let f = amountField {
            let amount = self.amount(f)
            return (amount, nil, amount != nil)
        } else if let f = lessonsField {
            let lessons = integer(f, what: ("课时", "lessons"), range: 1...10000)
            return (nil, lessons, lessons != nil)
        }
        let f = field(row, "amount") ?? field(row, "lessons") ?? row[0]
        fail(f, zh: "金额和课时都为空，应填其中一个", en: "neither amount nor lessons is given: expected one of them")
        return (nil, nil, false)
    }

    /// One row of an expenses sheet (`expense_id,pool,amount,date,payee,note`, or 支出编号,经费项目,金额,日期,
    /// 收款方,说明): the pool one of the rules' (or a budget line).
    ///
    /// ```
    /// 支出编号,经费项目,金额,日期,收款方,说明
    /// E001,equipment,300.00,2024-10-08,文具店,彩笔 30 盒
    /// ```
    public func expense(_ row: [TableField]) -> ExpenseRow? {
        let expenseId = text(row, "expense_id")
        var line: SpendingLine?
        var poolField: TableField?
        if let (p, f) = text(row, "pool") {
            poolField = f
            do {
                let named = SchoolWords.spendingLine(p, rules: rules)
                try rules.requirePoolOrLine(named)
                line = named
            } catch let error as TuoguanError {
                fail(error, at: f)
            } catch {}
        }
        let amountField = field(row, "amount")
        let amount = text(row, "amount").flatMap { self.amount($0.1) }
        let date = self.date(row, "date", inTerm: true)
        let payee = text(row, "payee")?.0
        let note = optionalText(row, "note") ?? ""
        guard let (expenseId, ef) = expenseId, let line, let poolField, let amount, let date, let payee else { return nil }
        if isDuplicate("expense\u{1}" + expenseId, ef, what: "支出编号/expense \(expenseId)") { return nil }
        return ExpenseRow(
            expenseId: expenseId, line: line, amount: amount, date: date, payee: payee, note: note, at: ef,
            poolField: poolField, amountField: amountField)
    }
}
