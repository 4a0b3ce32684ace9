import Foundation
import TuoguanCore
import TuoguanSpreadsheet

/// One class of the 催缴名单: its families who still owe, largest first.
public struct OwedClass: Sendable, Equatable {
    public var grade: Int
    public var className: String
    public var families: [StudentStatement]
    /// Σ of the families' balances.
    public var total: Money
}

extension Workbooks {
    /// The families who still owe (balance > 0, from the term computation: the statement's own figures), by
    /// class (grade, then class name in natural order), each class largest first (then by student id); only
    /// `className` when given.
    ///
    /// ```swift
    /// for c in try Workbooks.owedByClass(result) { print(c.className, c.total.formatted()) }
    /// ```
    public static func owedByClass(_ result: TermResult, className: String? = nil) throws -> [OwedClass] {
        var groups: [String: OwedClass] = [:]
        for s in result.students where s.balance.fen > 0 && (className == nil || s.student.className == ClassName.canonical(className ?? "")) {
            let key = s.student.className
            var group = groups[key] ?? OwedClass(grade: s.student.grade, className: key, families: [], total: .zero)
            group.grade = min(group.grade, s.student.grade)
            group.families.append(s)
            group.total = try group.total + s.balance
            groups[key] = group
        }
        return groups.values.map { group in
            var g = group
            g.families.sort { ($1.balance.fen, $0.student.id) < ($0.balance.fen, $1.student.id) }
            return g
        }.sorted {
            // Class names in natural order: 1年级2班 before 1年级13班.
            $0.grade != $1.grade ? $0.grade < $1.grade : ClassName.ordered($0.className, $1.className)
        }
    }

    /// `催缴名单.xlsx` / `owed-list.xlsx`.
    public static func owedListFileName(_ language: Language) -> String {
        language == .zh ? "催缴名单.xlsx" : "owed-list.xlsx"
    }

    /// 催缴名单 for the clerk and the class teachers: every family who still owes, by class, largest first, with
    /// a subtotal per class and the total (formulas, the computation's figures stored as their values).
    ///
    /// ```swift
    /// try Workbooks.writeOwedList(input, to: "reports/催缴名单.xlsx")
    /// ```
    public static func writeOwedList(_ input: ReportInput, className: String? = nil, to path: String) throws {
        let c = Captions(language: input.language)
        let rules = input.rules
        let title = c.t("催缴名单", "Families who owe")
        let book = Workbook(
            path: path,
            properties: Workbook.DocumentProperties(
                title: title, subject: rules.planName, author: rules.school, company: rules.school,
                created: rules.ends.dayNumber * 86_400))
        do {
            let captions = [
                c.t("班级", "Class"), c.t("学号", "Student id"), c.t("姓名", "Name"), c.t("应缴", "Due"),
                c.t("已缴", "Paid"), c.t("已退", "Refunded"), c.t("应补", "To pay"), c.t("应补大写", "To pay in words"),
            ]
            let s = try ReportSheet(
                book, name: title, title: [rules.school, rules.termTitle, title].joined(separator: "  "), columns: captions.count,
                language: input.language, landscape: false)
            try s.header(captions)
            var subtotalRows: [Int] = []
            var total = Money.zero
            for group in try owedByClass(input.result, className: className) {
                let first = s.row
                for f in group.families {
                    try s.text(group.className, 0)
                    try s.text(f.student.id, 1)
                    try s.text(f.student.name, 2)
                    try s.money(f.due, 3)
                    try s.money(f.paid, 4)
                    try s.money(f.refunded, 5)
                    try s.money(f.balance, 6)
                    try s.text(f.balance.uppercase, 7)
                    s.next()
                }
                try s.text(c.t("\(group.className) 小计（\(group.families.count) 户）", "\(group.className) subtotal (\(group.families.count))"), 0, style: .totalLabel)
                for column in [1, 2, 3, 4, 5] { try s.blank(column, style: .totalLabel) }
                try s.sumMoney(group.total, column: 6, rows: s.dataRows(from: first))
                try s.text(group.total.uppercase, 7, style: .totalLabel)
                subtotalRows.append(s.row)
                s.next()
                total = try total + group.total
            }
            try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
            for column in [1, 2, 3, 4, 5] { try s.blank(column, style: .totalLabel) }
            let cells = subtotalRows.map { CellName.cell(row: $0, column: 6) }
            try s.sheet.write(
                formula: cells.isEmpty ? "=0" : "=" + cells.joined(separator: "+"), value: excelNumber(total), row: s.row,
                column: 6, style: .moneyTotal)
            try s.text(total.uppercase, 7, style: .totalLabel)
            s.next()
            try book.close()
        } catch let error as SpreadsheetError {
            throw translate(error, path: path)
        }
    }
}
