import GRDB
import TuoguanCore

extension ImportSession {
    /// One row of an expenses sheet (`expense_id,pool,amount,date,payee,note`, or 支出编号,经费项目,金额,日期,
    /// 收款方,说明), recorded as ``Ledger/recordExpense(_:by:)`` would: each problem at its cell.
    ///
    /// ```
    /// 支出编号,经费项目,金额,日期,收款方,说明
    /// E001,equipment,300.00,2024-10-08,文具店,彩笔 30 盒
    /// ```
    func importExpense(_ row: [TableField]) throws {
        let expenseId = text(row, "expense_id")
        var line: SpendingLine?
        var poolField: TableField?
        if let (p, f) = text(row, "pool") {
            poolField = f
            do {
                try ledger.requirePoolOrLine(SpendingLine(parsing: p))
                line = SpendingLine(parsing: p)
            } catch let error as TuoguanError {
                errors.append(error.located(location(f)).withExcerpt(f.text))
            }
        }
        let amountField = field(row, "amount")
        let amount = text(row, "amount").flatMap { self.amount($0.1) }
        let date = self.date(row, "date", inTerm: true)
        let payee = text(row, "payee")?.0
        let note = optionalText(row, "note") ?? ""
        guard let (expenseId, ef) = expenseId, let line, let amount, let date, let payee else { return }
        if isDuplicate("expense\u{1}" + expenseId, ef, what: "支出编号/expense \(expenseId)") { return }
        do {
            let outcome = try ledger.recordExpense(
                ExpenseFact(expenseId: expenseId, line: line, amount: amount, date: date, payee: payee, note: note),
                by: by, db: db)
            if outcome.outcome == .recorded { report.inserted += 1 } else { report.unchanged += 1 }
        } catch let error as TuoguanError {
            let at: TableField
            switch error.code {
            case .spendingCeiling: at = amountField ?? ef
            case .unknownReference: at = poolField ?? ef
            default: at = ef
            }
            errors.append(error.located(location(at)).withExcerpt(at.text))
        }
    }
}
