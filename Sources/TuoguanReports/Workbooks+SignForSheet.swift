import Foundation
import TuoguanCore
import TuoguanSpreadsheet

/// One class of the 退费签领表: its settlement refunds, by student.
public struct SignForClass: Sendable, Equatable {
    public var grade: Int
    public var className: String
    public var refunds: [RefundRecord]
    /// Σ of the refunds.
    public var total: Money
}

extension Workbooks {
    /// The term's settlement refunds that stand (recorded by `settle`: ids ``TermSettlement/idPrefix(term:)``,
    /// not reversed) by class: classes by grade, then class name in natural order; in a class by student id,
    /// then date. Only `className` and only refunds dated `date` when given.
    ///
    /// ```swift
    /// for c in try Workbooks.signForClasses(input) { print(c.className, c.refunds.count, c.total.formatted()) }
    /// ```
    public static func signForClasses(_ input: ReportInput, className: String? = nil, date: CivilDate? = nil) throws -> [SignForClass] {
        let students = Dictionary(input.facts.students.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let prefix = TermSettlement.idPrefix(term: input.rules.term)
        var groups: [String: SignForClass] = [:]
        for r in input.refunds
        where r.reason == .settlement && r.reversedBy == nil && r.refundId.hasPrefix(prefix) && (date == nil || r.date == date) {
            guard let student = students[r.studentId], className == nil || student.className == className else { continue }
            var group = groups[student.className] ?? SignForClass(grade: student.grade, className: student.className, refunds: [], total: .zero)
            group.grade = min(group.grade, student.grade)
            group.refunds.append(r)
            group.total = try group.total + r.amount
            groups[student.className] = group
        }
        return groups.values.map { group in
            var g = group
            g.refunds.sort { ($0.studentId, $0.date, $0.refundId) < ($1.studentId, $1.date, $1.refundId) }
            return g
        }.sorted {
            $0.grade != $1.grade ? $0.grade < $1.grade : $0.className.compare($1.className, options: .numeric) == .orderedAscending
        }
    }

    /// 退费签领表: the sheet on which each family signs for the settlement refund it is handed (多退). A 汇总 sheet
    /// (each class's families and total, the school's total, each in figures and in 大写, and the sign-off),
    /// then a sheet per class: 学号, full 姓名 (the sheet is not public), 退费编号, the amount in figures and in
    /// 大写, how it is paid back, and blank cells for the parent's signature and the date; the class's total
    /// with its 大写 and the sign-off. Landscape A4 at full size, rows tall enough to sign in. The refunds are
    /// the ledger's (``ReportInput/refunds``: those `settle` recorded, see ``signForClasses(_:className:date:)``),
    /// their totals formulas with the core's sums stored as values. Returns the refunds listed.
    ///
    /// ```swift
    /// let count = try Workbooks.writeSignForSheet(input, to: "reports/退费签领表.xlsx")
    /// ```
    @discardableResult
    public static func writeSignForSheet(
        _ input: ReportInput, className: String? = nil, date: CivilDate? = nil, to path: String
    ) throws -> Int {
        let classes = try signForClasses(input, className: className, date: date)
        try produce(.signForSheet, input, path: path) { book, context in
            try signForSummary(book, context, classes)
            for group in classes { try signForClassSheet(book, context, group) }
        }
        return classes.reduce(0) { $0 + $1.refunds.count }
    }

    /// A class sheet's columns and widths (characters of `0`), 104 in all: a landscape A4 page at full size;
    /// ids and 大写 wrap.
    static func signForColumns(_ c: Captions) -> [(caption: String, width: Double)] {
        [
            (c.t("学号", "Student id"), 9), (c.t("姓名", "Name"), 8), (c.t("退费编号", "Refund id"), 23),
            (c.t("金额（元）", "Amount"), 10), (c.t("金额大写", "Amount in words"), 20), (c.t("退费方式", "Paid back by"), 9),
            (c.t("家长签字", "Parent's signature"), 14), (c.t("签领日期", "Date"), 11),
        ]
    }

    /// Height of a row to sign in, in points.
    static let signForRowHeight = 28.0
    /// The cells of a row to sign in: bordered, centred in the tall row.
    static let signForText = CellStyle(border: true, verticalCenter: true)
    static let signForWrapped = CellStyle(border: true, wrap: true, verticalCenter: true)
    static let signForMoney = CellStyle(numberFormat: CellStyle.moneyFormat, border: true, verticalCenter: true)

    static func signForClassSheet(_ book: Workbook, _ context: Context, _ group: SignForClass) throws {
        let c = context.c
        let layout = signForColumns(c)
        let s = try context.sheet(book, name: group.className, columns: layout.count, landscape: true)
        for (column, entry) in layout.enumerated() { try s.sheet.setColumnWidth(column, entry.width) }
        try s.fitTitle()
        try s.header(layout.map(\.caption))
        let first = s.row
        for r in group.refunds {
            try s.text(r.studentId, 0, style: signForText)
            try s.text(r.studentName, 1, style: signForText)
            try s.text(r.refundId, 2, style: signForWrapped)
            try s.money(r.amount, 3, style: signForMoney)
            try s.text(r.amount.uppercase, 4, style: signForWrapped)
            try s.text(r.method.map(c.method) ?? "", 5, style: signForText)
            try s.blank(6, style: signForText)
            try s.blank(7, style: signForText)
            try s.fitRowHeight([(r.refundId, 2...2), (r.amount.uppercase, 4...4)], minimum: signForRowHeight)
            s.next()
        }
        try s.sheet.merge(
            c.t("本班合计（\(group.refunds.count) 户）", "Class total (\(group.refunds.count))"), rows: s.row...s.row, columns: 0...2,
            style: .totalLabel)
        try s.sumMoney(group.total, column: 3, rows: s.dataRows(from: first))
        try s.text(group.total.uppercase, 4, style: .totalLabel)
        for column in [5, 6, 7] { try s.blank(column, style: .totalLabel) }
        s.next()
        try s.note(c.t(
            "请家长核对金额后签字并写明日期；代领的请注明与学生的关系。",
            "Parents check the amount, then sign and date; someone collecting for the family writes their relation to the child."))
        try s.signOff(context.input.rules.printing.signOff)
    }

    /// The 汇总 sheet: a row per class, the school's total in figures and 大写, the sign-off.
    static func signForSummary(_ book: Workbook, _ context: Context, _ classes: [SignForClass]) throws {
        let c = context.c
        let layout: [(caption: String, width: Double)] = [
            (c.t("班级", "Class"), 16), (c.t("户数", "Families"), 8), (c.t("金额（元）", "Amount"), 13),
            (c.t("金额大写", "Amount in words"), 30),
        ]
        let s = try context.sheet(book, name: c.t("汇总", "Summary"), columns: layout.count, landscape: false)
        for (column, entry) in layout.enumerated() { try s.sheet.setColumnWidth(column, entry.width) }
        try s.fitTitle()
        try s.header(layout.map(\.caption))
        let first = s.row
        for group in classes {
            try s.text(group.className, 0)
            try s.integer(Int64(group.refunds.count), 1)
            try s.money(group.total, 2)
            try s.text(group.total.uppercase, 3)
            s.next()
        }
        let rows = s.dataRows(from: first)
        let total = try Money.sum(classes.map(\.total))
        try s.text(c.t("全校合计", "School total"), 0, style: .totalLabel)
        try s.sumInteger(Int64(classes.reduce(0) { $0 + $1.refunds.count }), column: 1, rows: rows)
        try s.sumMoney(total, column: 2, rows: rows)
        try s.text(total.uppercase, 3, style: .totalLabel)
        s.next()
        if classes.isEmpty {
            try s.note(c.t("本学期没有期末结算退费。", "No term-end settlement refund this term."))
        }
        try s.signOff(context.input.rules.printing.signOff)
    }
}

extension Captions {
    /// 现金, 微信, 支付宝, 银行转账.
    func method(_ m: PaymentMethod) -> String {
        switch m {
        case .cash: return t("现金", "cash")
        case .wechat: return t("微信", "WeChat")
        case .alipay: return t("支付宝", "Alipay")
        case .bank: return t("银行转账", "bank transfer")
        }
    }
}
