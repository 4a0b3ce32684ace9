import TuoguanCore

extension JournalEntry {
    /// The entry as a clerk reads it, in each language: `收款 R001：学生 S001，120.00 元，2024年9月2日，微信` /
    /// `payment R001: student S001, 120.00, 2024-09-02, wechat`.
    var summaryText: LocalizedText {
        LocalizedText(zh: summaryZh, en: summary)
    }

    private var summaryZh: String {
        var parts = ["学生 \(studentId)"]
        if let courseId { parts.append("课程 \(courseId)") }
        parts.append(amount.formatted() + " 元")
        if let lessons { parts.append("\(lessons) 课时") }
        parts.append(date.chinese)
        if let method { parts.append(Self.methodZh[method] ?? method.rawValue) }
        if let reason { parts.append(Self.reasonZh[reason] ?? reason.rawValue) }
        if let reverses { parts.append("冲正 \(reverses)") }
        if !note.isEmpty { parts.append("备注“\(note)”") }
        let kindZh: String
        switch kind {
        case .payment: kindZh = "收款"
        case .refund: kindZh = "退费"
        case .reversal: kindZh = "冲正"
        case .opening: kindZh = side == .arrears ? "上学期欠费结转" : "上学期结余结转"
        }
        return "\(kindZh) \(entryId)：" + parts.joined(separator: "，")
    }

    static let methodZh: [PaymentMethod: String] = [.cash: "现金", .wechat: "微信", .alipay: "支付宝", .bank: "银行转账"]
    static let reasonZh: [RefundReason: String] = [
        .personalLeave: "个人请假", .cancelled: "学校停课", .withdrawal: "退课", .settlement: "期末结算",
    ]
}

extension CivilDate {
    /// `2024年9月2日`.
    var chinese: String { "\(year)年\(month)月\(day)日" }
}
