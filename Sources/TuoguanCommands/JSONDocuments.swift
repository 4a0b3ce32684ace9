import Foundation
import TuoguanCore

/// The `--json` documents. Amounts are integer fen. Keys are stable: add, never rename.
struct StatementDocument: Encodable {
    struct StudentRow: Encodable {
        var student_id: String
        var name: String
        var `class`: String
        var charged_fen: Int64
        var waived_fen: Int64
        var paid_fen: Int64
        var refunded_fen: Int64
        var balance_fen: Int64
        var lines: [Line]
    }
    struct Line: Encodable {
        var course_id: String
        var policy: String
        var quantity: Int64
        var unit_price_fen: Int64
        var gross_fen: Int64
        var waived_fen: Int64
        var charged_fen: Int64
    }
    struct Fund: Encodable {
        var basis: String
        var income_fen: Int64
        var refunds_fen: Int64
        var earned_fen: Int64
        var net_fen: Int64
        var pools: [PoolRow]
        var spending: Spending
    }
    struct PoolRow: Encodable {
        var pool: String
        var name: String
        var percent: String
        var fen: Int64
        var spent_fen: Int64
        var balance_fen: Int64
    }
    /// ``TermSpending``: what was recorded as paid, and what is owed for subsidies and outside pay.
    struct Spending: Encodable {
        var from_pools_fen: Int64
        var subsidies_fen: Int64
        var outside_fen: Int64
        var total_fen: Int64
        var subsidies_due_fen: Int64
        var outside_due_fen: Int64
        var expenses: [Expense]
    }
    struct Expense: Encodable {
        var expense_id: String
        /// A pool id, `subsidies` or `outside`.
        var pool: String
        var amount_fen: Int64
        var date: String
        var payee: String
        var note: String
    }
    var school: String
    var term: String
    var students: [StudentRow]
    var fund: Fund

    init(_ r: TermResult) {
        school = r.school
        term = r.term
        students = r.students.map(StudentRow.init)
        fund = Fund(r.fund)
    }

    /// Prints the document for `r` as ``printJSON(_:)`` would, a student at a time: a district's statement is
    /// 50,000 students, and the whole document as one encoded tree was the largest thing in memory.
    static func print(_ r: TermResult) throws {
        guard !r.students.isEmpty else { return try printJSON(StatementDocument(r)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        /// `value` pretty-printed, its lines after the first indented by `depth` levels (2 spaces each).
        func encoded(_ value: some Encodable, depth: Int) throws -> Data {
            let data = try encoder.encode(value)
            let indent = Data(([UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 2 * depth)))
            var out = Data(capacity: data.count + data.count / 8)
            var start = data.startIndex
            while let newline = data[start...].firstIndex(of: UInt8(ascii: "\n")) {
                out.append(data[start..<newline])
                out.append(indent)
                start = newline + 1
            }
            out.append(data[start...])
            return out
        }
        let stdout = FileHandle.standardOutput
        var out = Data("{\n  \"fund\" : ".utf8)
        out.append(try encoded(Fund(r.fund), depth: 1))
        out.append(Data(",\n  \"school\" : ".utf8))
        out.append(try encoded(r.school, depth: 1))
        out.append(Data(",\n  \"students\" : [\n".utf8))
        for (i, s) in r.students.enumerated() {
            out.append(Data("    ".utf8))
            if !StudentRow.write(s, to: &out) { out.append(try encoded(StudentRow(s), depth: 2)) }
            out.append(Data((i + 1 < r.students.count ? ",\n" : "\n").utf8))
            if out.count > 1 << 20 {
                stdout.write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        out.append(Data("  ],\n  \"term\" : ".utf8))
        out.append(try encoded(r.term, depth: 1))
        out.append(Data("\n}\n".utf8))
        stdout.write(out)
    }
}

extension StatementDocument.StudentRow {
    /// Appends the row exactly as the pretty-printing, key-sorting `JSONEncoder` of ``StatementDocument/print(_:)``
    /// writes it at depth 2, without it (the encoder was 38 % of `statement --json` for 50,000 students), and
    /// returns true; false, appending nothing, for a row it leaves to the encoder: no charge lines, or text
    /// the encoder escapes (quotes, backslashes, control characters).
    static func write(_ s: StudentStatement, to out: inout Data) -> Bool {
        func plain(_ text: String) -> Bool {
            text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F && $0.value != 0x2028 && $0.value != 0x2029 }
        }
        guard !s.lines.isEmpty, plain(s.student.id), plain(s.student.name), plain(s.student.className),
            s.lines.allSatisfy({ plain($0.courseId) && plain($0.policyId) })
        else { return false }
        var text = "{\n"
        func field(_ indent: String, _ key: String, _ value: String, last: Bool = false) {
            text += indent + "\"" + key + "\" : " + value + (last ? "\n" : ",\n")
        }
        func quoted(_ value: String) -> String { "\"" + value + "\"" }
        let key = "      "
        field(key, "balance_fen", String(s.balance.fen))
        field(key, "charged_fen", String(s.charged.fen))
        field(key, "class", quoted(s.student.className))
        text += key + "\"lines\" : [\n"
        for (n, line) in s.lines.enumerated() {
            let inner = "          "
            text += "        {\n"
            field(inner, "charged_fen", String(line.charged.fen))
            field(inner, "course_id", quoted(line.courseId))
            field(inner, "gross_fen", String(line.gross.fen))
            field(inner, "policy", quoted(line.policyId))
            field(inner, "quantity", String(line.quantity))
            field(inner, "unit_price_fen", String(line.unitPrice.fen))
            field(inner, "waived_fen", String(line.waived.fen), last: true)
            text += n + 1 < s.lines.count ? "        },\n" : "        }\n"
        }
        text += key + "],\n"
        field(key, "name", quoted(s.student.name))
        field(key, "paid_fen", String(s.paid.fen))
        field(key, "refunded_fen", String(s.refunded.fen))
        field(key, "student_id", quoted(s.student.id))
        field(key, "waived_fen", String(s.waived.fen), last: true)
        text += "    }"
        out.append(contentsOf: text.utf8)
        return true
    }

    init(_ s: StudentStatement) {
        self.init(
            student_id: s.student.id, name: s.student.name, class: s.student.className, charged_fen: s.charged.fen,
            waived_fen: s.waived.fen, paid_fen: s.paid.fen, refunded_fen: s.refunded.fen, balance_fen: s.balance.fen,
            lines: s.lines.map {
                StatementDocument.Line(
                    course_id: $0.courseId, policy: $0.policyId, quantity: $0.quantity, unit_price_fen: $0.unitPrice.fen,
                    gross_fen: $0.gross.fen, waived_fen: $0.waived.fen, charged_fen: $0.charged.fen)
            })
    }
}

extension StatementDocument.Fund {
    init(_ f: FundStatement) {
        self.init(
            basis: f.basis.rawValue, income_fen: f.income.fen, refunds_fen: f.refunds.fen, earned_fen: f.earned.fen,
            net_fen: f.net.fen,
            pools: f.pools.map {
                StatementDocument.PoolRow(
                    pool: $0.pool.id, name: $0.pool.name, percent: $0.pool.percentText, fen: $0.amount.fen,
                    spent_fen: $0.spent.fen, balance_fen: $0.balance.fen)
            },
            spending: StatementDocument.Spending(f.spending))
    }
}

struct WorkloadDocument: Encodable {
    struct TeacherRow: Encodable {
        var teacher_id: String
        var name: String
        var kind: String
        var points: Int64
        var workload_fen: Int64
        var award_fen: Int64
        var subsidy_fen: Int64
        var outside_fen: Int64
        var total_fen: Int64
        var rank: Int
    }
    var school: String
    var term: String
    var teachers: [TeacherRow]
    init(_ r: TermResult) {
        school = r.school
        term = r.term
        teachers = r.teachers.map {
            TeacherRow(
                teacher_id: $0.teacher.id, name: $0.teacher.name, kind: $0.teacher.kind.rawValue, points: $0.points,
                workload_fen: $0.workload.fen, award_fen: $0.award.fen, subsidy_fen: $0.subsidy.fen,
                outside_fen: $0.outside.fen, total_fen: $0.total.fen, rank: $0.rank)
        }
    }
}

struct FindingsDocument: Encodable {
    struct Row: Encodable {
        var code: String
        var subject: String
        var passed: Bool
        var limit: String
        var actual: String
        var message: String
    }
    var school: String
    var term: String
    var passed: Bool
    var findings: [Row]
    init(_ r: TermResult, language: Language) {
        school = r.school
        term = r.term
        passed = r.findings.allSatisfy(\.passed)
        findings = r.findings.map {
            Row(code: $0.code, subject: $0.subject, passed: $0.passed, limit: $0.limit, actual: $0.actual, message: $0.message.text(language))
        }
    }
}

extension StatementDocument.Spending {
    init(_ s: TermSpending) {
        self.init(
            from_pools_fen: s.fromPools.fen, subsidies_fen: s.subsidies.fen, outside_fen: s.outside.fen,
            total_fen: s.total.fen, subsidies_due_fen: s.subsidiesDue.fen, outside_due_fen: s.outsideDue.fen,
            expenses: s.expenses.map {
                StatementDocument.Expense(
                    expense_id: $0.expenseId, pool: $0.line.key, amount_fen: $0.amount.fen, date: $0.date.description,
                    payee: $0.payee, note: $0.note)
            })
    }
}
