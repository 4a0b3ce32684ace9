import Foundation
import TuoguanCore
import TuoguanSpreadsheet

/// One school as the district's workbook prints it: its row and its ledger's check.
public struct DistrictSchool: Sendable {
    public var summary: SchoolSummary
    public var verified: Bool
    public var closed: Bool
    public var head: String
    public init(summary: SchoolSummary, verified: Bool, closed: Bool, head: String) {
        self.summary = summary
        self.verified = verified
        self.closed = closed
        self.head = head
    }
}

extension Workbooks {
    /// 学区汇总.xlsx: a sheet of one row per school with the totals (formulas, the computation's figures stored
    /// as their values) and the sign-off; the pools per school; every failed finding by school; each ledger's
    /// check and chain head, and the ledgers that could not be rolled up.
    ///
    /// ```swift
    /// try Workbooks.writeDistrict(schools, totals: totals, failures: [("c.sqlite", message)], language: .zh, to: "学区汇总.xlsx")
    /// ```
    public static func writeDistrict(
        _ schools: [DistrictSchool], totals: DistrictTotals, failures: [(file: String, message: LocalizedText)],
        language: Language, to path: String
    ) throws {
        let c = Captions(language: language)
        let title = c.t("学区汇总", "District roll-up")
        let terms = Set(schools.map(\.summary.term)).sorted().joined(separator: "、")
        let book = Workbook(
            path: path, properties: Workbook.DocumentProperties(title: title, subject: terms, author: "", company: "", created: 0))
        do {
            try districtSummarySheet(book, schools, totals: totals, title: "\(title)  \(terms)", c: c, language: language)
            try districtPoolsSheet(book, schools, totals: totals, c: c, language: language)
            try districtFindingsSheet(book, schools, c: c, language: language)
            try districtLedgersSheet(book, schools, failures: failures, c: c, language: language)
            try book.close()
        } catch let error as SpreadsheetError {
            throw translate(error, path: path)
        }
    }

    static func districtSummarySheet(
        _ book: Workbook, _ schools: [DistrictSchool], totals t: DistrictTotals, title: String, c: Captions, language: Language
    ) throws {
        let captions = [
            c.t("学校", "School"), c.t("学生", "Students"), c.t("开课次数", "Sessions"), c.t("服务时长（小时）", "Service hours"),
            c.t("收入", "Income"), c.t("退费", "Refunds"), c.t("分配基数", "Net"), c.t("学区提取应缴", "Levy due"),
            c.t("学区提取已缴", "Levy paid"), c.t("教师报酬", "Teachers' pay"), c.t("补贴", "Subsidies"),
            c.t("校外机构", "Outside"), c.t("未通过检查", "Findings failed"),
        ]
        let s = try ReportSheet(book, name: c.t("学区汇总", "Roll-up"), title: title, columns: captions.count, language: language, landscape: true)
        for (column, width) in [16.0, 7, 7, 9, 12, 11, 12, 11, 11, 12, 12, 11, 7].enumerated() { try s.sheet.setColumnWidth(column, width) }
        try s.header(captions)
        let first = s.row
        for school in schools {
            let r = school.summary
            try s.text(r.school, 0)
            try s.integer(Int64(r.students), 1)
            try s.integer(Int64(r.sessionsHeld), 2)
            try s.decimal(Double(r.serviceMinutes) / 60, 3)
            for (column, value) in [(4, r.income), (5, r.refunds), (6, r.net), (7, r.levyDue), (8, r.levyPaid), (9, r.teachersPay), (10, r.subsidies), (11, r.outside)] {
                try s.money(value, column)
            }
            try s.integer(Int64(r.failed.count), 12)
            s.next()
        }
        let rows = s.dataRows(from: first)
        try s.text(c.t("合计（\(t.schools) 所）", "Total (\(t.schools))"), 0, style: .totalLabel)
        try s.sumInteger(Int64(t.students), column: 1, rows: rows)
        try s.sumInteger(Int64(t.sessionsHeld), column: 2, rows: rows)
        try s.sumDecimal(Double(t.serviceMinutes) / 60, column: 3, rows: rows)
        for (column, value) in [(4, t.income), (5, t.refunds), (6, t.net), (7, t.levyDue), (8, t.levyPaid), (9, t.teachersPay), (10, t.subsidies), (11, t.outside)] {
            try s.sumMoney(value, column: column, rows: rows)
        }
        try s.sumInteger(Int64(t.failed), column: 12, rows: rows)
        s.next()
        try s.signOff(PrintSettings.SignOff())
    }

    static func districtPoolsSheet(_ book: Workbook, _ schools: [DistrictSchool], totals t: DistrictTotals, c: Captions, language: Language) throws {
        let captions = [c.t("学校", "School")] + t.pools.map(\.name)
        let s = try ReportSheet(
            book, name: c.t("各校经费项目", "Pools"), title: c.t("各校经费项目（分得金额）", "Each school's pools (their shares)"),
            columns: captions.count, language: language, landscape: true)
        try s.sheet.setColumnWidth(0, 16)
        for column in 1..<captions.count { try s.sheet.setColumnWidth(column, 14) }
        try s.header(captions)
        let first = s.row
        for school in schools {
            try s.text(school.summary.school, 0)
            for (i, pool) in t.pools.enumerated() {
                try s.money(school.summary.pools.first { $0.id == pool.id }?.amount ?? .zero, i + 1)
            }
            s.next()
        }
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        for (i, pool) in t.pools.enumerated() { try s.sumMoney(pool.amount, column: i + 1, rows: s.dataRows(from: first)) }
        s.next()
    }

    static func districtFindingsSheet(_ book: Workbook, _ schools: [DistrictSchool], c: Captions, language: Language) throws {
        let captions = [c.t("学校", "School"), c.t("检查项", "Check"), c.t("对象", "Subject"), c.t("说明", "What failed")]
        let s = try ReportSheet(
            book, name: c.t("未通过的检查", "Failed findings"), title: c.t("各校未通过的合规检查", "Every failed finding, by school"),
            columns: captions.count, language: language, landscape: true)
        for (column, width) in [16.0, 16, 16, 80].enumerated() { try s.sheet.setColumnWidth(column, width) }
        try s.header(captions)
        for school in schools {
            for f in school.summary.failed {
                try s.text(school.summary.school, 0)
                try s.text(f.code, 1)
                try s.text(f.subject, 2)
                try s.text(language == .zh ? f.message.zh : f.message.en, 3)
                s.next()
            }
        }
        if schools.allSatisfy({ $0.summary.failed.isEmpty }) { try s.note(c.t("各校检查全部通过", "every school passed every check")) }
    }

    static func districtLedgersSheet(
        _ book: Workbook, _ schools: [DistrictSchool], failures: [(file: String, message: LocalizedText)], c: Captions, language: Language
    ) throws {
        let captions = [c.t("学校", "School"), c.t("账本文件", "Ledger"), c.t("核对", "Check"), c.t("链头", "Chain head")]
        let s = try ReportSheet(
            book, name: c.t("账本核对", "Ledgers"), title: c.t("各校账本核对与链头", "Each ledger's check and chain head"),
            columns: captions.count, language: language, landscape: true)
        for (column, width) in [16.0, 22, 24, 68].enumerated() { try s.sheet.setColumnWidth(column, width) }
        try s.header(captions)
        for school in schools {
            try s.text(school.summary.school, 0)
            try s.text((school.summary.file as NSString).lastPathComponent, 1)
            let state = school.verified ? c.t("完好", "verified") : c.t("校验失败", "FAILED")
            try s.text(state + (school.closed ? c.t("，已结账", ", closed") : ""), 2)
            try s.text(school.head, 3)
            s.next()
        }
        for f in failures {
            try s.text(c.t("（未汇总）", "(not rolled up)"), 0)
            try s.text((f.file as NSString).lastPathComponent, 1)
            try s.text(language == .zh ? f.message.zh : f.message.en, 2)
            try s.blank(3)
            s.next()
        }
    }
}
