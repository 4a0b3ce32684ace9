import TuoguanCore
import TuoguanReports

/// The `--json` documents of `statement`, `workload`, `check` and `owed`, printed by ``JSONOutput``. Amounts
/// are integer fen (keys ending in `_fen`). The keys are stable: add, never rename.
///
/// ```swift
/// JSONOutput.print(JSONDocuments.workload(result))
/// // {"school":"某某小学","teachers":[{"award_fen":0,"kind":"in_school",…}],"term":"2024-autumn"}
/// ```
enum JSONDocuments {
    /// `statement --json`: the fund and every student's statement, the students' array given (`.stream`, or
    /// `.written` already: ``printStatement(_:)`` writes it a range of families at a time).
    /// `unassigned`: the suspense list (transfers received, not yet any family's), as its count and total.
    static func statement(_ r: TermResult, students: JSONValue, unassigned: [IncomingTransfer]) throws -> JSONValue {
        .object([
            "fund": fund(r.fund),
            "school": .string(r.school),
            "students": students,
            "term": .string(r.term),
            "unassigned_count": .integer(Int64(unassigned.count)),
            "unassigned_fen": .integer(try Money.sum(unassigned.map(\.amount)).fen),
        ])
    }

    static func student(_ s: StudentStatement) -> JSONValue {
        .object([
            "balance_fen": .integer(s.balance.fen),
            "charged_fen": .integer(s.charged.fen),
            "class": .string(s.student.className),
            "due_fen": .integer(s.due.fen),
            "lines": .array(s.lines.map(line)),
            "name": .string(s.student.name),
            "opening_fen": .integer(s.opening.fen),
            "paid_fen": .integer(s.paid.fen),
            "refunded_fen": .integer(s.refunded.fen),
            "student_id": .string(s.student.id),
            "waived_fen": .integer(s.waived.fen),
        ])
    }

    static func line(_ l: ChargeLine) -> JSONValue {
        .object([
            "charged_fen": .integer(l.charged.fen),
            "course_id": .string(l.courseId),
            "due_fen": .integer(l.due.fen),
            "gross_fen": .integer(l.gross.fen),
            "policy": .string(l.policyId),
            "quantity": .integer(l.quantity),
            "unit_price_fen": .integer(l.unitPrice.fen),
            "waived_fen": .integer(l.waived.fen),
        ])
    }

    static func fund(_ f: FundStatement) -> JSONValue {
        .object([
            "basis": .string(f.basis.rawValue),
            "earned_fen": .integer(f.earned.fen),
            "income_fen": .integer(f.income.fen),
            "net_fen": .integer(f.net.fen),
            "pools": .array(
                f.pools.map {
                    .object([
                        "balance_fen": .integer($0.balance.fen),
                        "carried_fen": .integer($0.carried.fen),
                        "fen": .integer($0.amount.fen),
                        "name": .string($0.pool.name),
                        "percent": .string($0.pool.percentText),
                        "pool": .string($0.pool.id),
                        "spent_fen": .integer($0.spent.fen),
                    ])
                }),
            "refunds_fen": .integer(f.refunds.fen),
            "spending": spending(f.spending),
        ])
    }

    /// ``TermSpending``: what was recorded as paid, and what is owed for subsidies and outside pay.
    static func spending(_ s: TermSpending) -> JSONValue {
        .object([
            "expenses": .array(
                s.expenses.map {
                    .object([
                        "amount_fen": .integer($0.amount.fen),
                        "date": .string($0.date.description),
                        "expense_id": .string($0.expenseId),
                        "note": .string($0.note),
                        "payee": .string($0.payee),
                        // A pool id, `subsidies` or `outside`.
                        "pool": .string($0.line.key),
                    ])
                }),
            "from_pools_fen": .integer(s.fromPools.fen),
            "outside_due_fen": .integer(s.outsideDue.fen),
            "outside_fen": .integer(s.outside.fen),
            "subsidies_due_fen": .integer(s.subsidiesDue.fen),
            "subsidies_fen": .integer(s.subsidies.fen),
            "total_fen": .integer(s.total.fen),
        ])
    }

    /// `workload --json`: each teacher's points and pay.
    static func workload(_ r: TermResult) -> JSONValue {
        .object([
            "school": .string(r.school),
            "teachers": .array(
                r.teachers.map {
                    .object([
                        "award_fen": .integer($0.award.fen),
                        "kind": .string($0.teacher.kind.rawValue),
                        "name": .string($0.teacher.name),
                        "outside_fen": .integer($0.outside.fen),
                        "points": .integer($0.points),
                        "rank": .integer($0.rank),
                        "subsidy_fen": .integer($0.subsidy.fen),
                        "teacher_id": .string($0.teacher.id),
                        "total_fen": .integer($0.total.fen),
                        "workload_fen": .integer($0.workload.fen),
                    ])
                }),
            "term": .string(r.term),
        ])
    }

    /// `check --json`: every finding, and whether all passed; messages in `language`.
    static func findings(_ r: TermResult, language: Language) -> JSONValue {
        .object([
            "findings": .array(
                r.findings.map {
                    .object([
                        "actual": .string($0.actual),
                        "code": .string($0.code),
                        "limit": .string($0.limit),
                        "message": .string($0.message.text(language)),
                        "passed": .bool($0.passed),
                        "subject": .string($0.subject),
                    ])
                }),
            "passed": .bool(r.findings.allSatisfy(\.passed)),
            "school": .string(r.school),
            "term": .string(r.term),
        ])
    }

    /// `owed --json`: the families who owe, in the order printed.
    static func owed(_ r: TermResult, _ classes: [OwedClass], unassigned: [IncomingTransfer] = []) throws -> JSONValue {
        .object([
            "families": .array(
                classes.flatMap(\.families).map {
                    .object([
                        "charged_fen": .integer($0.charged.fen),
                        "class": .string($0.student.className),
                        "due_fen": .integer($0.due.fen),
                        "grade": .integer($0.student.grade),
                        "name": .string($0.student.name),
                        "owed_fen": .integer($0.balance.fen),
                        "paid_fen": .integer($0.paid.fen),
                        "refunded_fen": .integer($0.refunded.fen),
                        "student_id": .string($0.student.id),
                    ])
                }),
            "school": .string(r.school),
            "term": .string(r.term),
            "total_owed_fen": .integer(try Money.sum(classes.map(\.total)).fen),
            "unassigned_count": .integer(Int64(unassigned.count)),
            "unassigned_fen": .integer(try Money.sum(unassigned.map(\.amount)).fen),
        ])
    }
}
