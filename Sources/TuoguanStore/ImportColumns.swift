import TuoguanCore

/// A column of an import sheet: its English name, the Chinese and other spellings accepted in a header,
/// and whether it must be there.
struct ImportColumn {
    var name: String
    var zh: String
    var aliases: [String] = []
    var required: Bool = true

    var spellings: [String] { [name, zh] + aliases }
}

extension ImportKind {
    /// The columns of this kind's sheet, in the documented order.
    var columns: [ImportColumn] {
        switch self {
        case .students:
            return [
                ImportColumn(name: "student_id", zh: "学号", aliases: ["学生编号", "id"]),
                ImportColumn(name: "name", zh: "姓名", aliases: ["学生姓名"]),
                ImportColumn(name: "grade", zh: "年级"),
                ImportColumn(name: "class", zh: "班级"),
                ImportColumn(name: "category", zh: "类别", aliases: ["学生类别"], required: false),
            ]
        case .teachers:
            return [
                ImportColumn(name: "teacher_id", zh: "工号", aliases: ["教师工号", "教师编号", "id"]),
                ImportColumn(name: "name", zh: "姓名", aliases: ["教师姓名"]),
                ImportColumn(name: "kind", zh: "类型", aliases: ["教师类型"]),
            ]
        case .courses:
            return [
                ImportColumn(name: "course_id", zh: "课程编号", aliases: ["id"]),
                ImportColumn(name: "name", zh: "课程名称", aliases: ["名称"]),
                ImportColumn(name: "policy", zh: "收费政策", aliases: ["政策"]),
                ImportColumn(name: "teacher_id", zh: "教师工号", aliases: ["工号"]),
                ImportColumn(name: "weekdays", zh: "星期", aliases: ["上课星期"]),
                ImportColumn(name: "start", zh: "开始时间", aliases: ["开始"]),
                ImportColumn(name: "end", zh: "结束时间", aliases: ["结束"]),
                ImportColumn(name: "capacity", zh: "人数上限", aliases: ["容量"], required: false),
                ImportColumn(name: "room", zh: "教室", aliases: ["地点"], required: false),
            ]
        case .enrollments:
            return [
                ImportColumn(name: "student_id", zh: "学号"),
                ImportColumn(name: "course_id", zh: "课程编号"),
                ImportColumn(name: "from", zh: "开始日期", aliases: ["报名日期"]),
                ImportColumn(name: "until", zh: "退课日期", aliases: ["结束日期"], required: false),
            ]
        case .sessions:
            return [
                ImportColumn(name: "course_id", zh: "课程编号"),
                ImportColumn(name: "date", zh: "日期"),
                ImportColumn(name: "start", zh: "开始时间", aliases: ["开始"], required: false),
                ImportColumn(name: "end", zh: "结束时间", aliases: ["结束"], required: false),
                ImportColumn(name: "teacher_id", zh: "教师工号", aliases: ["工号"], required: false),
                ImportColumn(name: "status", zh: "状态"),
                ImportColumn(name: "reason", zh: "原因", aliases: ["停课原因"], required: false),
            ]
        case .attendance:
            return [
                ImportColumn(name: "date", zh: "日期"),
                ImportColumn(name: "course_id", zh: "课程编号"),
                ImportColumn(name: "student_id", zh: "学号"),
                ImportColumn(name: "status", zh: "状态", aliases: ["考勤"]),
            ]
        case .duties:
            return [
                ImportColumn(name: "date", zh: "日期"),
                ImportColumn(name: "teacher_id", zh: "工号", aliases: ["教师工号"]),
                ImportColumn(name: "duty", zh: "职责", aliases: ["值班类型", "工作"]),
                ImportColumn(name: "course_id", zh: "课程编号", required: false),
            ]
        case .payments:
            return [
                ImportColumn(name: "receipt", zh: "收据号", aliases: ["票据号", "收据编号"]),
                ImportColumn(name: "student_id", zh: "学号"),
                ImportColumn(name: "amount", zh: "金额"),
                ImportColumn(name: "date", zh: "日期", aliases: ["缴费日期"]),
                ImportColumn(name: "method", zh: "方式", aliases: ["支付方式", "缴费方式"]),
            ]
        case .refunds:
            return [
                ImportColumn(name: "refund_id", zh: "退费编号"),
                ImportColumn(name: "student_id", zh: "学号"),
                ImportColumn(name: "course_id", zh: "课程编号", required: false),
                ImportColumn(name: "amount", zh: "金额", aliases: ["退费金额"], required: false),
                ImportColumn(name: "lessons", zh: "课时", aliases: ["课时数"], required: false),
                ImportColumn(name: "date", zh: "日期", aliases: ["退费日期"]),
                ImportColumn(name: "reason", zh: "原因", aliases: ["退费原因"]),
                ImportColumn(name: "note", zh: "备注", required: false),
            ]
        case .scores:
            return [
                ImportColumn(name: "teacher_id", zh: "工号", aliases: ["教师工号"]),
                ImportColumn(name: "score", zh: "分数", aliases: ["得分", "评分"]),
            ]
        case .expenses:
            return [
                ImportColumn(name: "expense_id", zh: "支出编号", aliases: ["编号"]),
                ImportColumn(name: "pool", zh: "经费项目", aliases: ["资金池", "项目"]),
                ImportColumn(name: "amount", zh: "金额", aliases: ["支出金额"]),
                ImportColumn(name: "date", zh: "日期", aliases: ["支出日期"]),
                ImportColumn(name: "payee", zh: "收款方", aliases: ["收款人", "收款单位"]),
                ImportColumn(name: "note", zh: "说明", aliases: ["备注"], required: false),
            ]
        }
    }

    /// The sheet name in either language, for messages: `students（学生）`.
    var label: String { "\(rawValue)（\(chineseName)）" }
}

/// Words accepted for enumerated columns.
enum ImportWords {
    static let teacherKinds: [String: TeacherKind] = [
        "staff": .staff, "在职": .staff, "在职教师": .staff, "retired": .retired, "退休": .retired,
        "退休教师": .retired, "outside": .outside, "校外": .outside, "校外机构": .outside, "机构": .outside,
        "volunteer": .volunteer, "志愿者": .volunteer,
    ]
    static let sessionStatus: [String: String] = [
        "held": "held", "已上": "held", "上课": "held", "正常": "held", "cancelled": "cancelled",
        "canceled": "cancelled", "停课": "cancelled", "取消": "cancelled",
    ]
    static let attendance: [String: String] = [
        "present": "present", "出勤": "present", "到": "present", "leave": "leave", "请假": "leave",
        "假": "leave", "absent": "absent", "缺勤": "absent", "缺": "absent", "旷课": "absent",
    ]
    static let methods: [String: PaymentMethod] = [
        "cash": .cash, "现金": .cash, "wechat": .wechat, "微信": .wechat, "alipay": .alipay, "支付宝": .alipay,
        "bank": .bank, "银行": .bank, "银行转账": .bank, "转账": .bank,
    ]
    static let reasons: [String: RefundReason] = [
        "personal_leave": .personalLeave, "个人请假": .personalLeave, "事假": .personalLeave, "请假": .personalLeave,
        "cancelled": .cancelled, "停课": .cancelled, "withdrawal": .withdrawal, "退课": .withdrawal,
        "settlement": .settlement, "结算": .settlement,
    ]
    static let chineseDigits: [Character: Int] = [
        "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "日": 7, "天": 7, "八": 8, "九": 9,
    ]
}
