/// The books of a term (``BookTransaction``, ``BookAssertion``) from the ledger's records and the term
/// computation: pure, one value at a time, so a writer streams them.
///
/// The money of the journals is booked as recorded (payments, refunds, expenses and their corrections, each
/// with its id); the term's figures are booked on the closing day from ``TermResult`` (the fees earned per
/// course and family with waivers, the split into the pools, the teachers' pay) and asserted the day after,
/// every figure exactly as `statement --json` prints it. No figure is computed here: the tools that read the
/// books add the records up and must reach the statement's figures.
///
/// ```swift
/// let closing = Books.closingDate(rules: rules, lastRecord: lastDate)
/// try ledger.forEachBookRecord { record in write(Books.transaction(for: record)) }
/// Books.forEachClosingTransaction(result, date: closing) { write($0) }
/// Books.forEachAssertion(result, date: closing.adding(days: 1)) { write($0) }
/// ```
public enum Books {
    /// The day the term's figures are booked: the term's last day, or the last record's day when later.
    public static func closingDate(rules: PlanRules, lastRecord: CivilDate?) -> CivilDate {
        guard let lastRecord, rules.ends < lastRecord else { return rules.ends }
        return lastRecord
    }

    /// The day the accounts are opened: the term's first day, or the first record's day when earlier.
    public static func openingDate(rules: PlanRules, firstRecord: CivilDate?) -> CivilDate {
        guard let firstRecord, firstRecord < rules.starts else { return rules.starts }
        return firstRecord
    }

    /// The transaction of one journal record. A new kind of record is one case more here (no default).
    public static func transaction(for record: BookRecord) -> BookTransaction {
        switch record {
        case .payment(let p, let note):
            return BookTransaction(
                date: p.date, kind: .payment, id: p.receipt, payee: p.studentId,
                meta: [("student", p.studentId)] + noted(note),
                postings: [BookPosting(.received(p.method), p.amount), BookPosting(.family(p.studentId), negated(p.amount))])
        case .refund(let r):
            var meta: [(key: String, value: String)] = [("student", r.studentId)]
            if let course = r.courseId { meta.append(("course", course)) }
            return BookTransaction(
                date: r.date, kind: .refund, id: r.refundId, payee: r.studentId, meta: meta + noted(r.note),
                postings: [BookPosting(.family(r.studentId), r.amount), BookPosting(.refunded(r.reason), negated(r.amount))])
        case .expense(let e):
            return BookTransaction(
                date: e.date, kind: .expense, id: e.expenseId, payee: e.payee,
                meta: noted(e.note), postings: expensePostings(e))
        case .opening(let o):
            // Arrears (+) are owed by the family like a fee; a credit (−) is held for it like a payment.
            return BookTransaction(
                date: o.date, kind: .opening, id: o.entryId, payee: o.studentId,
                meta: [("student", o.studentId)] + noted(o.note),
                postings: [BookPosting(.family(o.studentId), o.amount), BookPosting(.carriedIn, negated(o.amount))])
        case .poolOpening(let id, let pool, let amount, let date, let note):
            return BookTransaction(
                date: date, kind: .opening, id: id, payee: pool, meta: [("pool", pool)] + noted(note),
                postings: [BookPosting(.poolCarried(pool: pool), amount), BookPosting(.carriedIn, negated(amount))])
        case .reversal(let id, let date, let note, let original):
            let mirrored = transaction(for: original)
            return BookTransaction(
                date: date, kind: original.isExpense ? .expenseReversal : .reversal, id: id, payee: mirrored.payee,
                meta: [("reverses", mirrored.id ?? "")] + mirrored.meta.filter { $0.key != "note" } + noted(note),
                postings: mirrored.postings.map { BookPosting($0.account, negated($0.amount)) })
        }
    }

    /// An expense from a pool leaves the pool's money; one from a budget line is paid by the budget.
    static func expensePostings(_ e: ExpenseFact) -> [BookPosting] {
        switch e.line {
        case .pool(let id):
            return [BookPosting(.poolExpense(pool: id, payee: e.payee), e.amount), BookPosting(.poolPaid(pool: id), negated(e.amount))]
        case .subsidies:
            return [BookPosting(.lineExpense(.subsidies, payee: e.payee), e.amount), BookPosting(.budget(.subsidies), negated(e.amount))]
        case .outside:
            return [BookPosting(.lineExpense(.outside, payee: e.payee), e.amount), BookPosting(.budget(.outside), negated(e.amount))]
        }
    }

    static func noted(_ note: String) -> [(key: String, value: String)] { note.isEmpty ? [] : [("note", note)] }

    /// −amount; a recorded amount is at most `Int64.max` fen, whose negation is exact.
    static func negated(_ amount: Money) -> Money { Money(fen: 0 - amount.fen) }
}

extension BookRecord {
    var isExpense: Bool {
        switch self {
        case .expense: return true
        case .payment, .refund, .opening, .poolOpening: return false
        case .reversal(_, _, _, let original): return original.isExpense
        }
    }
}
