import Foundation
import TuoguanCore

extension DistrictRollUp {
    /// The roll-up as JSON: `schools` (one object each), `totals`, `failed` (the ledgers not rolled up or not
    /// verified, with the message) and `findings` (every failed finding, by school). Amounts in fen.
    static func json(_ r: DistrictRollUp, language: Language) -> JSONValue {
        let t = r.totals
        return .object([
            "failed": .array(r.failures.map { f in
                .object(["file": .string(f.file), "message": .string(language == .zh ? f.error.message.zh : f.error.message.en)])
            }),
            "findings": .array(r.rows.flatMap { row in
                row.summary.failed.map { f in
                    .object([
                        "code": .string(f.code), "file": .string(row.summary.file),
                        "message": .string(language == .zh ? f.message.zh : f.message.en), "school": .string(row.summary.school),
                        "subject": .string(f.subject),
                    ])
                }
            }),
            "schools": .array(r.rows.map(school)),
            "totals": .object([
                "findings_failed": .integer(Int64(t.failed)), "income_fen": .integer(t.income.fen),
                "levy_due_fen": .integer(t.levyDue.fen), "levy_paid_fen": .integer(t.levyPaid.fen),
                "net_fen": .integer(t.net.fen), "outside_fen": .integer(t.outside.fen), "pools": pools(t.pools),
                "refunds_fen": .integer(t.refunds.fen), "schools": .integer(Int64(t.schools)),
                "service_minutes": .integer(t.serviceMinutes), "sessions_held": .integer(Int64(t.sessionsHeld)),
                "students": .integer(Int64(t.students)), "subsidies_fen": .integer(t.subsidies.fen),
                "teachers_pay_fen": .integer(t.teachersPay.fen),
            ]),
        ])
    }

    static func school(_ row: Row) -> JSONValue {
        let s = row.summary
        return .object([
            "closed": .bool(row.closed), "file": .string(s.file), "findings_failed": .integer(Int64(s.failed.count)),
            "head": .string(row.head), "income_fen": .integer(s.income.fen), "levy_due_fen": .integer(s.levyDue.fen),
            "levy_paid_fen": .integer(s.levyPaid.fen), "net_fen": .integer(s.net.fen), "outside_fen": .integer(s.outside.fen),
            "pools": pools(s.pools), "refunds_fen": .integer(s.refunds.fen), "school": .string(s.school),
            "service_minutes": .integer(s.serviceMinutes), "sessions_held": .integer(Int64(s.sessionsHeld)),
            "students": .integer(Int64(s.students)), "subsidies_fen": .integer(s.subsidies.fen),
            "teachers_pay_fen": .integer(s.teachersPay.fen), "term": .string(s.term), "verified": .bool(row.verified),
        ])
    }

    static func pools(_ pools: [(id: String, name: String, amount: Money, balance: Money)]) -> JSONValue {
        .array(pools.map { p in
            .object(["balance_fen": .integer(p.balance.fen), "fen": .integer(p.amount.fen), "name": .string(p.name), "pool": .string(p.id)])
        })
    }

    /// One line per school, then the totals.
    static func printRows(_ r: DistrictRollUp, _ w: ClerkText) {
        for row in r.rows {
            let s = row.summary
            print(w.t(
                "\(s.school)（\(s.file)）\(s.term)：学生 \(s.students) 人，开课 \(s.sessionsHeld) 次，收入 \(s.income.formatted())，退费 \(s.refunds.formatted())，学区提取 \(s.levyDue.formatted())（已付 \(s.levyPaid.formatted())），教师报酬 \(s.teachersPay.formatted())，未通过检查 \(s.failed.count) 项，\(row.verified ? "账本完好" : "账本校验失败")，链头 \(row.head.prefix(12))",
                "\(s.school) (\(s.file)) \(s.term): \(s.students) students, \(s.sessionsHeld) sessions, income \(s.income.formatted()), refunds \(s.refunds.formatted()), levy \(s.levyDue.formatted()) (paid \(s.levyPaid.formatted())), teachers \(s.teachersPay.formatted()), \(s.failed.count) findings failed, \(row.verified ? "verified" : "VERIFY FAILED"), head \(row.head.prefix(12))"))
        }
        let t = r.totals
        print(w.t(
            "合计 \(t.schools) 所学校：学生 \(t.students) 人，收入 \(t.income.formatted())，退费 \(t.refunds.formatted())，学区提取 \(t.levyDue.formatted())（已付 \(t.levyPaid.formatted())），未通过检查 \(t.failed) 项\(r.failures.isEmpty ? "" : "；\(r.failures.count) 个账本有问题（见下）")",
            "total of \(t.schools) schools: \(t.students) students, income \(t.income.formatted()), refunds \(t.refunds.formatted()), levy \(t.levyDue.formatted()) (paid \(t.levyPaid.formatted())), \(t.failed) findings failed\(r.failures.isEmpty ? "" : "; \(r.failures.count) ledgers with problems (below)")"))
    }
}
