import GRDB
import TuoguanCore

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
