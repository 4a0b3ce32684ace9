import TuoguanCore
import TuoguanSpreadsheet

extension Workbooks {
    /// 退费登记表 for the clerk: every refund recorded, with the amount in figures and in 大写, who recorded it
    /// and when. A refund reversed later stays listed (with the reversing entry's id) but counts 0 in the
    /// "counted" column, whose total is the fund's refunds.
    ///
    /// ```swift
    /// try Workbooks.writeRefundRegister(input, to: "退费登记表.xlsx")
    /// ```
    public static func writeRefundRegister(_ input: ReportInput, to path: String) throws {
        try produce(.refundRegister, input, path: path) { book, context in
            let c = context.c
            let captions = [
                c.t("退费编号", "Refund id"), c.t("日期", "Date"), c.t("学号", "Student id"), c.t("姓名", "Name"),
                c.t("课程", "Course"), c.t("课时", "Lessons"), c.t("原因", "Reason"), c.t("金额", "Amount"),
                c.t("金额大写", "Amount in words"), c.t("备注", "Note"), c.t("登记人", "Recorded by"),
                c.t("登记时间", "Recorded at"), c.t("冲正单号", "Reversed by"), c.t("计入金额", "Counted"),
            ]
            let s = try context.sheet(book, name: c.t("退费登记", "Refunds"), columns: captions.count, landscape: true)
            try s.header(captions)
            let first = s.row
            var counted: [Money] = []
            for r in input.refunds {
                try s.text(r.refundId, 0)
                try s.date(r.date, 1)
                try s.text(r.studentId, 2)
                try s.text(r.studentName, 3)
                try s.text(r.courseName ?? r.courseId ?? "", 4)
                // Lessons as a number (summed below); a refund counted in months, half-months or service days
                // says its unit.
                if let lessons = r.lessons, let unit = r.unit, unit != .lessons {
                    let text = unit.text(lessons)
                    try s.text(c.t(text.zh, text.en), 5)
                } else if let lessons = r.lessons {
                    try s.integer(Int64(lessons), 5)
                } else {
                    try s.blank(5)
                }
                try s.text(c.reason(r.reason), 6)
                try s.money(r.amount, 7)
                try s.text(r.amount.isNegative ? "负" + (try r.amount.magnitude()).uppercase : r.amount.uppercase, 8)
                try s.text(r.note, 9, style: .wrappedText)
                try s.text(r.recordedBy, 10)
                try s.text(r.recordedAt, 11)
                try s.text(r.reversedBy ?? "", 12)
                let value = r.reversedBy == nil ? r.amount : .zero
                counted.append(value)
                try s.money(value, 13)
                s.next()
            }
            let rows = s.dataRows(from: first)
            try s.filter(lastDataRow: s.row - 1)
            try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
            try s.text(c.t("\(input.refunds.count) 笔", "\(input.refunds.count) refunds"), 1, style: .totalLabel)
            for column in [2, 3, 4, 6, 9, 10, 11, 12] { try s.blank(column, style: .totalLabel) }
            let lessons = input.refunds.reduce(0) { $0 + (($1.unit ?? .lessons) == .lessons ? $1.lessons ?? 0 : 0) }
            try s.sumInteger(Int64(lessons), column: 5, rows: rows)
            let total = try Money.sum(input.refunds.map(\.amount))
            try s.sumMoney(total, column: 7, rows: rows)
            let countedTotal = try Money.sum(counted)
            try s.text(countedTotal.isNegative ? "" : countedTotal.uppercase, 8, style: .totalLabel)
            try s.sumMoney(countedTotal, column: 13, rows: rows)
            s.next()
        }
    }
}
