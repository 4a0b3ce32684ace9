import GRDB
import TuoguanCore
import TuoguanInput

/// The writers of the money sheets: each typed row recorded as the command would record it (the ledger's
/// checks, the journal), its problems placed at the cell they are about.
extension ImportSession {
    func write(_ row: PaymentRow) throws {
        do {
            let outcome = try ledger.recordPayment(
                PaymentFact(receipt: row.receipt, studentId: row.student, amount: row.amount, date: row.date, method: row.method),
                by: by, writer: moneyWriter)
            if outcome == .recorded { report.inserted += 1 } else { report.unchanged += 1 }
            if outcome == .recorded {
                if let warning = ledger.paymentDateWarning(row.date) {
                    parser.warnings.append(warning.located(parser.location(row.at)).withExcerpt(row.at.text))
                }
                if paidStudents[row.student] == nil { paidOrder.append(row.student) }
                paidStudents[row.student] = row.at
            }
        } catch let error as TuoguanError {
            parser.fail(error, at: row.at)
        }
    }

    /// After the rows: the fee warnings of each family that paid, once, at its last payment in the file (every
    /// family's facts read together: ``LedgerReader/paymentWarningFacts(studentIds:)``).
    func warnFees() throws {
        guard !paidOrder.isEmpty else { return }
        // Read after the file's last write, with the large page cache of the big imports (the sessions of every
        // course the families take lie all over the file): what is written, and when, stays as it was.
        let facts = try Ledger.withLargeCache(db) { try ledger.reader(db).paymentWarningFacts(studentIds: paidOrder) }
        for student in paidOrder {
            guard let rf = paidStudents[student], let facts = facts[student] else { continue }
            for warning in try PaymentWarning.fees(facts, rules: rules) {
                parser.warnings.append(warning.error.located(parser.location(rf)).withExcerpt(rf.text))
            }
        }
    }

    func write(_ row: RefundRow) throws {
        do {
            let outcome = try ledger.recordRefund(
                RefundRequest(
                    refundId: row.refundId, studentId: row.student, courseId: row.course, amount: row.amount,
                    lessons: row.lessons, date: row.date, reason: row.reason, note: row.note), by: by, writer: moneyWriter)
            if outcome.outcome == .recorded { report.inserted += 1 } else { report.unchanged += 1 }
        } catch let error as TuoguanError {
            let at: TableField
            switch error.code {
            case .refundRefused: at = row.reasonField
            case .refundCeiling: at = row.amountField ?? row.lessonsField ?? row.at
            case .unknownReference: at = row.courseField ?? row.at  // the student does not take the course
            default: at = row.at
            }
            parser.fail(error, at: at)
        }
    }

    /// An expense, recorded as ``Ledger/recordExpense(_:by:)`` would.
    func write(_ row: ExpenseRow) throws {
        do {
            let outcome = try ledger.recordExpense(
                ExpenseFact(
                    expenseId: row.expenseId, line: row.line, amount: row.amount, date: row.date, payee: row.payee,
                    note: row.note),
                by: by, db: db)
            if outcome.outcome == .recorded { report.inserted += 1 } else { report.unchanged += 1 }
        } catch let error as TuoguanError {
            let at: TableField
            switch error.code {
            case .spendingCeiling: at = row.amountField ?? row.at
            case .unknownReference: at = row.poolField
            default: at = row.at
            }
            parser.fail(error, at: at)
        }
    }
}
