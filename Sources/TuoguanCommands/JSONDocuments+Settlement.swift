import TuoguanCore

extension JSONDocuments {
    /// `settle --json`: the families refunded (or to be, in a preview), those who still owe, those left out,
    /// and the totals, in fen; `recorded` says whether the refunds were recorded.
    ///
    /// ```swift
    /// JSONOutput.print(try JSONDocuments.settlement(plan, school: "某某小学", recorded: false))
    /// // {"left_out":[],"recorded":false,"refund_total_fen":556800,"refunds":[{"amount_fen":600,…}],…}
    /// ```
    static func settlement(_ plan: TermSettlement, school: String, recorded: Bool) throws -> JSONValue {
        .object([
            "left_out": .array(plan.leftOut.map { settlementFamily($0) }),
            "recorded": .bool(recorded),
            "refund_total_fen": .integer(try plan.refundTotal.fen),
            "refunds": .array(
                plan.refunds.map {
                    .object([
                        "amount_fen": .integer($0.amount.fen),
                        "class": .string($0.student.className),
                        "name": .string($0.student.name),
                        "refund_id": .string($0.refundId),
                        "student_id": .string($0.student.id),
                    ])
                }),
            "school": .string(school),
            "term": .string(plan.term),
            "top_up_total_fen": .integer(try plan.topUpTotal.fen),
            "top_ups": .array(plan.topUps.map { settlementFamily($0) }),
        ])
    }

    /// A family by its statement's balance (`balance_fen`, as `statement --json` gives it).
    static func settlementFamily(_ s: StudentStatement) -> JSONValue {
        .object([
            "balance_fen": .integer(s.balance.fen),
            "class": .string(s.student.className),
            "name": .string(s.student.name),
            "student_id": .string(s.student.id),
        ])
    }
}
