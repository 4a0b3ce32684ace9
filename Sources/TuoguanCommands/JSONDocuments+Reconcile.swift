import TuoguanCore
import TuoguanInput

extension JSONDocuments {
    /// `reconcile FILE --json`: the export's format, what was left out, and each transfer's verdict (`matched`,
    /// `suggested`, `unmatched`, `recorded` before, `held` before) with the student and the reason (in the
    /// user's language). Nothing is recorded.
    ///
    /// ```swift
    /// JSONOutput.print(JSONDocuments.reconcile(export, matches, .zh))
    /// // {"file":"微信.csv","format":"wechat","skipped":{…},"transfers":[{"amount_fen":24000,…,"verdict":"matched"}]}
    /// ```
    static func reconcile(_ export: TransferExport, _ matches: [TransferMatch], _ language: Language) -> JSONValue {
        let count = { (kind: SkippedTransfer) in JSONValue.integer(Int64(export.skipped[kind] ?? 0)) }
        return .object([
            "file": .string(export.fileName),
            "format": .string(export.format.rawValue),
            "repeated_rows": .integer(Int64(export.repeated)),
            "skipped": .object([
                "incomplete": count(.incomplete), "neutral": count(.neutral), "outgoing": count(.outgoing),
                "refund": count(.refund), "returned": count(.returned),
            ]),
            "transfers": .array(matches.map { transfer($0, language) }),
        ])
    }

    static func transfer(_ m: TransferMatch, _ language: Language) -> JSONValue {
        let (verdict, reason): (String, String)
        switch m.verdict {
        case .matched(_, let r): (verdict, reason) = ("matched", r.text.text(language))
        case .suggested(_, let r): (verdict, reason) = ("suggested", r.text.text(language))
        case .unmatched(let why): (verdict, reason) = ("unmatched", why.text(language))
        case .alreadyRecorded: (verdict, reason) = ("recorded", "")
        case .alreadyHeld: (verdict, reason) = ("held", "")
        }
        let t = m.transfer
        return .object([
            "amount_fen": .integer(t.amount.fen),
            "date": .string(t.date.description),
            "memo": .string(t.memo),
            "method": .string(t.method.rawValue),
            "payer": .string(t.payer),
            "reason": .string(reason),
            "student_id": .string(m.verdict.studentId ?? ""),
            "transfer_id": .string(t.id),
            "verdict": .string(verdict),
        ])
    }
}
