import Foundation
import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 年度报告.xlsx: the school year's report to the education bureau (004: 每年12月): one column per term and
    /// one for the year; students served, sessions and hours of service, teachers and their pay, income and
    /// refunds, spending by pool, subsidies and outside pay, spending per student against the budget, balances
    /// carried or returned at each closing; the year's budget check and the sign-off.
    ///
    /// ```swift
    /// try Workbooks.writeYear(year, language: .zh, to: "reports/年度报告.xlsx")
    /// ```
    public static func writeYear(_ year: SchoolYear, language: Language, to path: String) throws {
        let c = Captions(language: language)
        let last = year.terms[year.terms.count - 1].rules
        let title = c.t(
            "\(last.school) \(year.startYear)学年 课后服务年度报告（报教育局）",
            "\(last.school): after-school care, school year \(year.startYear) (report to the education bureau)")
        let book = Workbook(
            path: path,
            properties: Workbook.DocumentProperties(
                title: title, subject: last.planName, author: last.school, company: last.school, created: last.ends.dayNumber * 86_400))
        do {
            let columns = 1 + year.terms.count + 1
            let s = try ReportSheet(book, name: c.t("年度报告", "Year"), title: title, columns: columns, language: language, landscape: false)
            try s.header([c.t("项目", "Item")] + year.terms.map { $0.rules.termTitle } + [c.t("全年", "Year")])
            for line in try yearLines(year, c: c) {
                try s.text(line.label, 0)
                for (i, value) in line.values.enumerated() {
                    switch value {
                    case .money(let m): try s.money(m, i + 1)
                    case .count(let n): try s.integer(n, i + 1)
                    case .hours(let minutes): try s.decimal(Double(minutes) / 60, i + 1)
                    case .none: try s.blank(i + 1)
                    }
                }
                s.next()
            }
            if let budget = year.budget {
                try s.note((budget.passed ? c.t("预算检查通过：", "Budget check passed: ") : c.t("预算检查未通过：", "Budget check FAILED: ")) + (language == .zh ? budget.message.zh : budget.message.en))
            }
            try s.signOff(last.printing.signOff)
            try book.close()
        } catch let error as SpreadsheetError {
            throw translate(error, path: path)
        }
    }

    enum YearValue { case money(Money), count(Int64), hours(Int64), none }

    /// The report's lines: a label, then one value per term and the year's.
    static func yearLines(_ year: SchoolYear, c: Captions) throws -> [(label: String, values: [YearValue])] {
        let terms = year.terms
        func moneyLine(_ label: String, _ f: (SchoolYear.Term) -> Money) throws -> (String, [YearValue]) {
            (label, terms.map { .money(f($0)) } + [.money(try Money.sum(terms.map(f)))])
        }
        var lines: [(String, [YearValue])] = []
        lines.append((c.t("服务学生（人）", "Students served"), terms.map { .count(Int64($0.summary.students)) } + [.count(Int64(year.studentsServed))]))
        lines.append((c.t("开课次数", "Sessions held"), terms.map { .count(Int64($0.summary.sessionsHeld)) } + [.count(Int64(terms.reduce(0) { $0 + $1.summary.sessionsHeld }))]))
        lines.append((c.t("服务时长（小时）", "Hours of service"), terms.map { .hours($0.summary.serviceMinutes) } + [.hours(terms.reduce(0) { $0 + $1.summary.serviceMinutes })]))
        let teachers = Set(terms.flatMap { $0.result.teachers.map(\.teacher.id) }).count
        lines.append((c.t("教师（人）", "Teachers"), terms.map { .count(Int64($0.result.teachers.count)) } + [.count(Int64(teachers))]))
        lines.append(try moneyLine(c.t("教师报酬", "Teachers' pay"), { $0.summary.teachersPay }))
        lines.append(try moneyLine(c.t("收入（家长缴费）", "Income (fees paid)"), { $0.summary.income }))
        lines.append(try moneyLine(c.t("退费", "Refunds"), { $0.summary.refunds }))
        for pool in terms[terms.count - 1].result.fund.pools {
            lines.append(try moneyLine(c.t("支出：\(pool.pool.name)", "Spent: \(pool.pool.name)"), { t in
                t.result.fund.pools.first { $0.pool.id == pool.pool.id }?.spent ?? .zero
            }))
        }
        lines.append(try moneyLine(c.t("补贴（财政）", "Subsidies (budget)"), { $0.summary.subsidies }))
        lines.append(try moneyLine(c.t("校外机构费用", "Outside institutions"), { $0.summary.outside }))
        lines.append(try moneyLine(c.t("支出合计", "Spending in all"), { $0.result.fund.spending.total }))
        let perStudent: [YearValue] = try terms.map { t in
            t.summary.students > 0 ? .money(try t.result.fund.spending.total.scaled(by: 1, over: Int64(t.summary.students), rounding: t.rules.rounding)) : .none
        } + [year.studentsServed > 0 ? .money(try year.spending.total.scaled(by: 1, over: Int64(year.studentsServed), rounding: terms[0].rules.rounding)) : .none]
        lines.append((c.t("生均支出", "Spending per student"), perStudent))
        let budget = terms[terms.count - 1].rules.limits.budgetPerStudentYear
        lines.append((c.t("每生每年预算", "Budget per student per year"), terms.map { _ in .none } + [budget.map { .money($0) } ?? .none]))
        lines.append(try closedLine(c.t("结转：家庭结余（应退）", "Carried: families' credits"), terms, \.credits))
        lines.append(try closedLine(c.t("结转：家庭欠费（应补）", "Carried: families' arrears"), terms, \.arrears))
        lines.append(try closedLine(c.t("经费结余结转", "Pools carried forward"), terms, \.poolsCarried))
        lines.append(try closedLine(c.t("经费结余退回", "Pools returned"), terms, \.poolsReturned))
        return lines
    }

    /// A line of what each closing stated (blank for a term not closed); the year's is the last closing's.
    static func closedLine(_ label: String, _ terms: [SchoolYear.Term], _ key: KeyPath<ClosedBalances, Money>) throws -> (String, [YearValue]) {
        let values: [YearValue] = terms.map { $0.closing.map { .money($0[keyPath: key]) } ?? .none }
        return (label, values + [values.last ?? .none])
    }
}
