/// The term's end in one step (多退少补, 期初一次性收取，每学期末按实结算): from the term computation's balances
/// (the statement's own figures, never computed again), which families get a settlement refund (应退) and
/// which must still pay (应补), by class.
///
/// Each refund's id is derived from the term and the family: `JS-2024-autumn-S000001` the first time, and when
/// the family's figures change after it was settled (a late mark, a correction) and it is owed back again, the
/// next free `JS-2024-autumn-S000001-2`, `-3` …. Running a settlement again finds every settled balance at
/// zero and plans nothing; a family settled by hand (`refund --reason settlement`) likewise.
///
/// ```swift
/// let plan = try TermSettlement.plan(result, term: "2024-autumn", except: ["S000007"], takenIds: [])
/// plan.refunds.first?.refundId   // "JS-2024-autumn-S000001"
/// plan.refundTotal               // Σ 应退 of the families settled
/// plan.topUps.count              // families who still owe (应补)
/// ```
public struct TermSettlement: Sendable, Equatable {
    /// One family's settlement refund: what the statement says it is owed back (应退).
    public struct Refund: Sendable, Equatable {
        public var statement: StudentStatement
        /// −balance, above zero.
        public var amount: Money
        public var refundId: String
        public var student: Student { statement.student }
    }

    /// One class: its refunds (by student id) and its families who owe (largest first).
    public struct ClassPlan: Sendable, Equatable {
        public var grade: Int
        public var className: String
        public var refunds: [Refund]
        public var topUps: [StudentStatement]
        public var refundTotal: Money
        public var topUpTotal: Money
    }

    public var term: String
    /// Classes with a refund or a top-up, by grade then class name in natural order (1年级2班 before 1年级13班).
    public var classes: [ClassPlan]
    /// Families left out by `except` that have a balance (0 or not), by student id.
    public var leftOut: [StudentStatement]

    public var refunds: [Refund] { classes.flatMap(\.refunds) }
    public var topUps: [StudentStatement] { classes.flatMap(\.topUps) }
    public var refundTotal: Money { get throws { try Money.sum(classes.map(\.refundTotal)) } }
    public var topUpTotal: Money { get throws { try Money.sum(classes.map(\.topUpTotal)) } }

    /// The prefix of every settlement refund id of `term`: `JS-2024-autumn-`.
    public static func idPrefix(term: String) -> String { "JS-\(term)-" }

    /// The id of a family's settlement refund: `JS-<term>-<student>`, or, when that id is taken (the family was
    /// settled before and its figures changed), the first free of `…-2`, `…-3` ….
    ///
    /// ```swift
    /// TermSettlement.refundId(term: "2024-autumn", studentId: "S1", taken: ["JS-2024-autumn-S1"])   // "JS-2024-autumn-S1-2"
    /// ```
    public static func refundId(term: String, studentId: String, taken: Set<String>) -> String {
        let base = idPrefix(term: term) + studentId
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }

    /// Plans the settlement of `result` (the term computation of the whole ledger): every family with a
    /// negative balance gets it back, every family with a positive one is listed to top up; only `className`
    /// when given; the students of `except` are left out (their balance carries). `takenIds`: the journal's
    /// entry ids that start with ``idPrefix(term:)``. A class or a student of `except` that is not in the term
    /// is an `unknown-reference` error saying what there is.
    public static func plan(
        _ result: TermResult, term: String, className: String? = nil, except: [String] = [], takenIds: Set<String>
    ) throws -> TermSettlement {
        try requireKnown(result, className: className, except: except)
        let left = Set(except)
        var byClass: [String: ClassPlan] = [:]
        var leftOut: [StudentStatement] = []
        for st in result.students where className == nil || st.student.className == className {
            if left.contains(st.student.id) {
                leftOut.append(st)
                continue
            }
            guard !st.balance.isZero else { continue }
            let key = st.student.className
            var group = byClass[key] ?? ClassPlan(grade: st.student.grade, className: key, refunds: [], topUps: [], refundTotal: .zero, topUpTotal: .zero)
            group.grade = min(group.grade, st.student.grade)
            if st.balance.isNegative {
                let amount = try st.balance.magnitude()
                let id = refundId(term: term, studentId: st.student.id, taken: takenIds)
                group.refunds.append(Refund(statement: st, amount: amount, refundId: id))
                group.refundTotal = try group.refundTotal + amount
            } else {
                group.topUps.append(st)
                group.topUpTotal = try group.topUpTotal + st.balance
            }
            byClass[key] = group
        }
        let classes = byClass.values.map { group -> ClassPlan in
            var g = group
            g.refunds.sort { $0.student.id < $1.student.id }
            g.topUps.sort { ($1.balance.fen, $0.student.id) < ($0.balance.fen, $1.student.id) }
            return g
        }.sorted(by: classOrder)
        assert(classes.allSatisfy { $0.refunds.allSatisfy { $0.amount.fen > 0 } && $0.topUps.allSatisfy { $0.balance.fen > 0 } })
        return TermSettlement(term: term, classes: classes, leftOut: leftOut.sorted { $0.student.id < $1.student.id })
    }

    /// Grade, then class name in natural order.
    static func classOrder(_ a: ClassPlan, _ b: ClassPlan) -> Bool {
        a.grade != b.grade ? a.grade < b.grade : naturalLess(a.className, b.className)
    }

    /// Text order with runs of digits compared as numbers: `1年级2班` before `1年级13班`.
    ///
    /// ```swift
    /// TermSettlement.naturalLess("1年级2班", "1年级13班")   // true
    /// ```
    static func naturalLess(_ a: String, _ b: String) -> Bool {
        func runs(_ s: String) -> [(digits: Bool, text: String)] {
            var out: [(digits: Bool, text: String)] = []
            for ch in s {
                let digit = ch.isASCII && ch.isNumber
                if let last = out.last, last.digits == digit { out[out.count - 1].text.append(ch) } else { out.append((digit, String(ch))) }
            }
            return out
        }
        for (x, y) in zip(runs(a), runs(b)) where x.text != y.text {
            if x.digits && y.digits {
                let (p, q) = (x.text.drop { $0 == "0" }, y.text.drop { $0 == "0" })
                if p == q { continue }
                return p.count != q.count ? p.count < q.count : p < q
            }
            return x.text < y.text
        }
        return a.count < b.count
    }

    /// Refuses a class that no student is in, and a student of `except` that is not in the term: an
    /// `unknown-reference` error at the flag (`--class`, `--except`) saying what there is.
    ///
    /// ```swift
    /// try TermSettlement.requireKnown(result, className: "9年级9班")   // throws: there is no class "9年级9班"
    /// ```
    public static func requireKnown(_ result: TermResult, className: String?, except: [String] = []) throws {
        if let className, !result.students.contains(where: { $0.student.className == className }) {
            var grades: [String: Int] = [:]
            for s in result.students { grades[s.student.className] = min(grades[s.student.className] ?? s.student.grade, s.student.grade) }
            let known = grades.keys.sorted { grades[$0]! != grades[$1]! ? grades[$0]! < grades[$1]! : naturalLess($0, $1) }
            let shown = known.prefix(8).joined(separator: "、") + (known.count > 8 ? " …" : "")
            throw TuoguanError(
                .unknownReference, zh: "没有班级“\(className)”", en: "there is no class \"\(className)\"",
                fix: known.isEmpty
                    ? LocalizedText(zh: "先导入学生名单", en: "import the students first")
                    : LocalizedText(zh: "按学生名单中的写法，如：\(shown)", en: "write it as in the students file, e.g. \(shown)"),
                at: SourceLocation(key: "--class"), excerpt: className)
        }
        let ids = Set(result.students.map(\.student.id))
        let unknown = except.filter { !ids.contains($0) }
        guard let first = unknown.first else { return }
        let list = unknown.joined(separator: "、")
        throw TuoguanError(
            .unknownReference, zh: "本学期没有学号为 \(list) 的学生", en: "no student of the term has the id \(unknown.joined(separator: ", "))",
            fix: LocalizedText(zh: "检查学号（tuoguan find 姓名 可查学号）", en: "check the student id (tuoguan find NAME shows it)"),
            at: SourceLocation(key: "--except"), excerpt: first)
    }
}
