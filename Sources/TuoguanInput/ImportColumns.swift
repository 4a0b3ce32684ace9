import TuoguanCore

/// A column of an import sheet: its English name, the Chinese and other spellings accepted in a header,
/// and whether it must be there.
public struct ImportColumn: Sendable {
    public var name: String
    public var zh: String
    public var aliases: [String] = []
    public var required: Bool = true

    public var spellings: [String] { [name, zh] + aliases }
}

extension ImportKind {
    /// The columns of this kind's sheet, in the documented order.
    public var columns: [ImportColumn] {
        switch self {
        case .students: return ImportColumn.students
        case .teachers: return ImportColumn.teachers
        case .courses: return ImportColumn.courses
        case .enrollments: return ImportColumn.enrollments
        case .sessions: return ImportColumn.sessions
        case .attendance: return ImportColumn.attendance
        case .duties: return ImportColumn.duties
        case .payments: return ImportColumn.payments
        case .refunds: return ImportColumn.refunds
        case .scores: return ImportColumn.scores
        case .expenses: return ImportColumn.expenses
        }
    }

    /// The sheet name in either language, for messages: `students（学生）`.
    public var label: String { "\(rawValue)（\(chineseName)）" }
}

extension ImportColumn {
    // Each kind's columns, as README.md's "Input files" lists them.
    static let students: [ImportColumn] = [
        ImportColumn(name: "student_id", zh: "学号", aliases: ["学生编号", "学籍号", "编号", "id"]),
        ImportColumn(name: "name", zh: "姓名", aliases: ["学生姓名"]),
        ImportColumn(name: "grade", zh: "年级"),
        ImportColumn(name: "class", zh: "班级", aliases: ["班别", "班"]),
        ImportColumn(name: "category", zh: "类别", aliases: ["学生类别", "优惠类别", "减免类别"], required: false),
    ]
    static let teachers: [ImportColumn] = [
        ImportColumn(name: "teacher_id", zh: "工号", aliases: ["教师工号", "教师编号", "编号", "id"]),
        ImportColumn(name: "name", zh: "姓名", aliases: ["教师姓名"]),
        ImportColumn(name: "kind", zh: "类型", aliases: ["教师类型", "类别", "教师类别", "人员类别", "身份"]),
    ]
    static let courses: [ImportColumn] = [
        ImportColumn(name: "course_id", zh: "课程编号", aliases: ["课程代码", "课程号", "编号", "id"]),
        ImportColumn(name: "name", zh: "课程名称", aliases: ["名称", "课程"]),
        ImportColumn(name: "policy", zh: "收费政策", aliases: ["政策", "类型", "课程类型", "托管类型", "收费类型"]),
        ImportColumn(name: "teacher_id", zh: "教师工号", aliases: ["工号", "任课教师工号", "教师编号"]),
        ImportColumn(name: "weekdays", zh: "星期", aliases: ["上课星期", "上课日", "周几"]),
        ImportColumn(name: "start", zh: "开始时间", aliases: ["开始"]),
        ImportColumn(name: "end", zh: "结束时间", aliases: ["结束"]),
        ImportColumn(name: "capacity", zh: "人数上限", aliases: ["容量", "限额", "名额"], required: false),
        ImportColumn(name: "room", zh: "教室", aliases: ["地点", "上课地点"], required: false),
    ]
    static let enrollments: [ImportColumn] = [
        ImportColumn(name: "student_id", zh: "学号"),
        ImportColumn(name: "course_id", zh: "课程编号", aliases: ["课程"]),
        ImportColumn(name: "from", zh: "开始日期", aliases: ["报名日期", "起始日期"]),
        ImportColumn(name: "until", zh: "退课日期", aliases: ["结束日期", "截止日期"], required: false),
    ]
    static let sessions: [ImportColumn] = [
        ImportColumn(name: "course_id", zh: "课程编号", aliases: ["课程"]),
        ImportColumn(name: "date", zh: "日期", aliases: ["上课日期"]),
        ImportColumn(name: "start", zh: "开始时间", aliases: ["开始"], required: false),
        ImportColumn(name: "end", zh: "结束时间", aliases: ["结束"], required: false),
        ImportColumn(name: "teacher_id", zh: "教师工号", aliases: ["工号"], required: false),
        ImportColumn(name: "status", zh: "状态", aliases: ["上课情况", "开课情况"]),
        ImportColumn(name: "reason", zh: "原因", aliases: ["停课原因"], required: false),
    ]
    static let attendance: [ImportColumn] = [
        ImportColumn(name: "date", zh: "日期", aliases: ["考勤日期", "上课日期"]),
        ImportColumn(name: "course_id", zh: "课程编号", aliases: ["课程"]),
        ImportColumn(name: "student_id", zh: "学号"),
        ImportColumn(name: "status", zh: "状态", aliases: ["考勤", "出勤", "考勤状态", "出勤情况"]),
    ]
    static let duties: [ImportColumn] = [
        ImportColumn(name: "date", zh: "日期", aliases: ["值班日期"]),
        ImportColumn(name: "teacher_id", zh: "工号", aliases: ["教师工号"]),
        ImportColumn(name: "duty", zh: "职责", aliases: ["值班类型", "工作", "工作类型", "值班内容", "项目"]),
        ImportColumn(name: "course_id", zh: "课程编号", aliases: ["课程"], required: false),
    ]
    static let payments: [ImportColumn] = [
        ImportColumn(name: "receipt", zh: "收据号", aliases: ["票据号", "收据编号", "单号", "收款单号"]),
        ImportColumn(name: "student_id", zh: "学号"),
        ImportColumn(name: "amount", zh: "金额", aliases: ["缴费金额", "实收金额", "收款金额"]),
        ImportColumn(name: "date", zh: "日期", aliases: ["缴费日期", "收款日期"]),
        ImportColumn(name: "method", zh: "方式", aliases: ["支付方式", "缴费方式", "付款方式", "收款方式"]),
    ]
    static let refunds: [ImportColumn] = [
        ImportColumn(name: "refund_id", zh: "退费编号", aliases: ["退费单号"]),
        ImportColumn(name: "student_id", zh: "学号"),
        ImportColumn(name: "course_id", zh: "课程编号", aliases: ["课程"], required: false),
        ImportColumn(name: "amount", zh: "金额", aliases: ["退费金额", "退款金额"], required: false),
        ImportColumn(name: "lessons", zh: "课时", aliases: ["课时数", "退费课时"], required: false),
        ImportColumn(name: "date", zh: "日期", aliases: ["退费日期"]),
        ImportColumn(name: "reason", zh: "原因", aliases: ["退费原因"]),
        ImportColumn(name: "note", zh: "备注", aliases: ["说明"], required: false),
    ]
    static let scores: [ImportColumn] = [
        ImportColumn(name: "teacher_id", zh: "工号", aliases: ["教师工号"]),
        ImportColumn(name: "score", zh: "分数", aliases: ["得分", "评分", "质量分", "考核分", "质量考核分"]),
    ]
    static let expenses: [ImportColumn] = [
        ImportColumn(name: "expense_id", zh: "支出编号", aliases: ["编号"]),
        ImportColumn(name: "pool", zh: "经费项目", aliases: ["资金池", "项目"]),
        ImportColumn(name: "amount", zh: "金额", aliases: ["支出金额"]),
        ImportColumn(name: "date", zh: "日期", aliases: ["支出日期"]),
        ImportColumn(name: "payee", zh: "收款方", aliases: ["收款人", "收款单位"]),
        ImportColumn(name: "note", zh: "说明", aliases: ["备注"], required: false),
    ]
}

/// Words accepted for enumerated columns, in files and on the command line: the English value, the Chinese
/// word, the variants a school writes, and the label the workbooks print (so a workbook's column can be
/// imported back). Each table is listed in README.md ("The school's words").
///
/// ```swift
/// ImportWords.methods["微信支付"]  // .wechat
/// ```
public enum ImportWords {
    static let teacherKinds: [String: TeacherKind] = [
        "staff": .staff, "在职": .staff, "在职教师": .staff, "在编": .staff, "在编教师": .staff, "编内": .staff,
        "在岗": .staff, "正式": .staff, "正式教师": .staff, "本校教师": .staff,
        "retired": .retired, "退休": .retired, "退休教师": .retired, "返聘": .retired, "退休返聘": .retired,
        "outside": .outside, "校外": .outside, "校外机构": .outside, "机构": .outside, "外聘": .outside,
        "外聘教师": .outside, "第三方": .outside, "第三方机构": .outside, "outside institution": .outside,
        "volunteer": .volunteer, "志愿者": .volunteer, "义工": .volunteer, "家长志愿者": .volunteer,
    ]
    static let sessionStatus: [String: String] = [
        "held": "held", "已上": "held", "上课": "held", "正常": "held", "正常上课": "held", "已上课": "held",
        "开课": "held", "cancelled": "cancelled", "canceled": "cancelled", "停课": "cancelled", "取消": "cancelled",
        "已停课": "cancelled", "未上": "cancelled",
    ]
    public static let attendance: [String: String] = [
        "present": "present", "出勤": "present", "到": "present", "√": "present", "✓": "present", "✔": "present",
        "已到": "present", "出席": "present", "迟到": "present", "早退": "present",
        "leave": "leave", "请假": "leave", "假": "leave", "事假": "leave", "病假": "leave",
        "absent": "absent", "缺勤": "absent", "缺": "absent", "旷课": "absent", "×": "absent", "✗": "absent",
        "✕": "absent", "未到": "absent",
    ]
    static let methods: [String: PaymentMethod] = [
        "cash": .cash, "现金": .cash, "wechat": .wechat, "微信": .wechat, "微信支付": .wechat, "微信转账": .wechat,
        "微信收款": .wechat, "alipay": .alipay, "支付宝": .alipay, "支付宝支付": .alipay, "支付宝转账": .alipay,
        "bank": .bank, "银行": .bank, "银行转账": .bank, "转账": .bank, "银行卡": .bank, "刷卡": .bank,
        "对公转账": .bank, "网银": .bank,
    ]
    static let reasons: [String: RefundReason] = [
        "personal_leave": .personalLeave, "个人请假": .personalLeave, "事假": .personalLeave, "请假": .personalLeave,
        "病假": .personalLeave, "个人原因": .personalLeave, "personal leave": .personalLeave,
        "cancelled": .cancelled, "停课": .cancelled, "学校停课": .cancelled, "cancelled by the school": .cancelled,
        "withdrawal": .withdrawal, "退课": .withdrawal, "退出": .withdrawal, "中途退出": .withdrawal,
        "settlement": .settlement, "结算": .settlement, "期末结算": .settlement, "多退少补": .settlement,
        "term-end settlement": .settlement,
    ]
    /// Duty words → the duty ids the rules files use (`[points]` keys); a duty is accepted only if the
    /// school's rules give it points. Includes the captions the workload workbook prints.
    static let duties: [String: String] = [
        "作业辅导": "supervision", "到班托管": "supervision", "托管辅导": "supervision", "看班": "supervision",
        "homework supervision": "supervision",
        "兴趣活动": "activity", "兴趣活动辅导": "activity", "社团活动": "activity", "interest activity": "activity",
        "安全巡查": "patrol", "巡查": "patrol", "巡逻": "patrol", "safety patrol": "patrol",
        "护送": "escort", "督班": "escort", "护送督班": "escort", "护送、督班": "escort",
    ]
    /// The import kinds by their Chinese words (`import 学生`), besides the English names.
    static let kinds: [String: ImportKind] = {
        var out: [String: ImportKind] = [:]
        for kind in ImportKind.allCases {
            out[kind.rawValue] = kind
            out[kind.chineseName] = kind
        }
        let more: [String: ImportKind] = [
            "学生名单": .students, "名单": .students, "教师名单": .teachers, "老师": .teachers, "课程表": .courses,
            "选课": .enrollments, "报名名单": .enrollments, "上课记录": .sessions,
            "出勤": .attendance, "考勤表": .attendance, "值班表": .duties, "收费": .payments, "收款": .payments,
            "退款": .refunds, "质量分": .scores, "考核": .scores,
        ]
        out.merge(more) { a, _ in a }
        return out
    }()
    static let chineseDigits: [Character: Int] = [
        "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "日": 7, "天": 7, "八": 8, "九": 9,
    ]
}
