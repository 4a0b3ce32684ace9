import Foundation
import TuoguanCore
import TuoguanInput

/// A realistic synthetic school term, written as the CSV files `tuoguan import` reads.
///
/// Used by `tuoguan demo` (a few hundred students) and `tuoguan generate` (a district: 50,000 students).
/// Deterministic: the same rules, sizes and seed give the same bytes.
///
/// The school: classes of about 40 children in grades 1–6, each class one basic-care group (policy
/// `basic`, every service day, its own teacher); paid interest courses (policy `x`) once or twice a week
/// for about 40% of the children; one course run by an outside institution (policy `outside`, when the
/// rules have one); leave and absence at realistic rates; a daily safety patrol and escort roster; a
/// prepayment for every paid course; quality scores for every staff teacher.
///
/// ```swift
/// let school = SampleSchool(rules: rules, students: 300, days: nil, seed: 7)
/// let files = try school.write(to: "/tmp/term")   // [ImportKind-name: path]
/// ```
public struct SampleSchool {
    public var rules: PlanRules
    public var studentCount: Int
    /// Service days to generate (nil: the whole term).
    public var days: Int?
    public var seed: UInt64
    /// A force-majeure day to cancel (the 40th service day, or the middle of a shorter term). The sessions
    /// file marks it cancelled when `cancelInFiles` is true; the demo instead cancels it with `tuoguan cancel`
    /// so that the refunds are recorded.
    public var cancelInFiles: Bool

    public init(rules: PlanRules, students: Int, days: Int? = nil, seed: UInt64 = 1, cancelInFiles: Bool = true) {
        self.rules = rules
        self.studentCount = students
        self.days = days
        self.seed = seed
        self.cancelInFiles = cancelInFiles
    }

    /// The kinds in the order they must be imported.
    public static let importOrder = [
        "students", "teachers", "courses", "enrollments", "sessions", "attendance", "duties", "payments", "scores",
    ]

    /// The service days used.
    public var serviceDays: [CivilDate] {
        let all = rules.serviceDays
        if let days { return Array(all.prefix(days)) }
        return all
    }

    /// The force-majeure day.
    public var forceMajeureDay: CivilDate? {
        let d = serviceDays
        guard d.count >= 3 else { return nil }
        return d[min(39, d.count / 2)]
    }

    /// The interest course one student leaves in the demo, and the day they leave it (two thirds into the term):
    /// from that day on the files record no attendance for them there (the lowest-numbered member).
    public static let withdrawingCourse = "X0001"
    public var withdrawalDay: CivilDate? {
        let d = serviceDays
        return d.isEmpty ? nil : d[d.count * 2 / 3]
    }

    struct GenCourse {
        var id: String
        var name: String
        var policy: String
        var teacher: String
        var weekdays: [Int]
        var start: Int
        var end: Int
        var room: String
        var capacity: Int
        var members: [Int] = []  // student indexes
    }

    /// Writes `students.csv` … `scores.csv` into `directory`; returns kind → path in import order.
    @discardableResult
    public func write(to directory: String) throws -> [(kind: String, path: String)] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var rng = SplitMix64(seed: seed)
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
        let given = Array("子涵欣怡梓涵晨曦宇轩浩然一诺雨桐思源博文佳怡梦瑶俊杰嘉懿若曦天佑明轩语嫣泽宇紫萱皓轩诗琪铭泽婉清锦程书瑶承志沐阳可馨景行安然")
        let categoryIds = rules.categories.keys.sorted()
        let hasOutside = rules.policies["outside"] != nil
        let xPolicy = rules.policies["x"] != nil ? "x" : nil
        let basicPolicy = rules.policies["basic"] != nil ? "basic" : rules.policies.keys.sorted().first!

        func name() -> String {
            let s = surnames[rng.next(surnames.count)]
            let g1 = given[rng.next(given.count)]
            if rng.next(4) == 0 { return "\(s)\(g1)" }
            return "\(s)\(g1)\(given[rng.next(given.count)])"
        }

        // Students, in classes of 40 across grades 1–6.
        let perClass = 40
        let classCount = max(1, (studentCount + perClass - 1) / perClass)
        var students = CSVWriter(header: ["student_id", "name", "grade", "class", "category"])
        var studentClass: [Int] = []
        var studentGrade: [Int] = []
        var studentCategory: [Int: String] = [:]
        for i in 0..<studentCount {
            let cls = i / perClass
            let grade = cls % 6 + 1
            let number = cls / 6 + 1
            studentClass.append(cls)
            studentGrade.append(grade)
            var category = ""
            if !categoryIds.isEmpty && rng.next(100) < 6 { category = categoryIds[rng.next(categoryIds.count)] }
            if !category.isEmpty { studentCategory[i] = category }
            students.row([sid(i), name(), String(grade), "\(grade)年级\(number)班", category])
        }

        // Teachers: one per basic-care group, one per interest course, outside ones, patrol staff.
        var teachers = CSVWriter(header: ["teacher_id", "name", "kind"])
        var teacherCount = 0
        func newTeacher(_ kind: String) -> String {
            teacherCount += 1
            let id = "T" + pad(teacherCount, 4)
            teachers.row([id, name(), kind])
            return id
        }
        var courses: [GenCourse] = []
        for cls in 0..<classCount {
            let grade = cls % 6 + 1
            let t = newTeacher(rng.next(10) == 0 ? "retired" : "staff")
            let start = grade <= 2 ? 15 * 60 + 10 : (grade <= 4 ? 15 * 60 + 20 : 15 * 60 + 30)
            courses.append(
                GenCourse(
                    id: "B" + pad(cls + 1, 4), name: "\(grade)年级\(cls / 6 + 1)班基础托管", policy: basicPolicy, teacher: t,
                    weekdays: [1, 2, 3, 4, 5], start: start, end: start + 120, room: "教室\(cls + 1)", capacity: 45))
        }
        let xNames = ["美术", "书法", "合唱", "围棋", "篮球", "舞蹈", "科学实验", "阅读写作", "足球", "国画"]
        let interested = studentCount * 40 / 100
        let xCourseCount = xPolicy == nil ? 0 : max(1, interested / 18)
        for k in 0..<xCourseCount {
            let outside = hasOutside && k % 8 == 7
            let t = newTeacher(outside ? "outside" : "staff")
            let twice = k % 3 == 0
            let day = k % 5 + 1
            courses.append(
                GenCourse(
                    id: "X" + pad(k + 1, 4), name: outside ? "编程（机构）\(k / 8 + 1)" : "\(xNames[k % xNames.count])\(k / xNames.count + 1)",
                    policy: outside ? "outside" : xPolicy!, teacher: t, weekdays: twice ? [day, (day + 1) % 5 + 1].sorted() : [day],
                    start: 16 * 60 + 30, end: 16 * 60 + 30 + rules.lessonMinutes, room: "功能室\(k % 20 + 1)", capacity: 30))
        }
        // Assign interested students to courses, round robin over a shuffled order.
        var order = Array(0..<studentCount)
        rng.shuffle(&order)
        let firstX = classCount
        if xCourseCount > 0 {
            for (n, s) in order.prefix(interested).enumerated() {
                let c = firstX + n % xCourseCount
                if courses[c].members.count < courses[c].capacity { courses[c].members.append(s) }
            }
        }
        for cls in 0..<classCount {
            courses[cls].members = Array((cls * perClass)..<min(studentCount, (cls + 1) * perClass))
        }
        let patrolTeachers = (0..<max(2, classCount / 10)).map { _ in newTeacher("staff") }

        var courseFile = CSVWriter(header: ["course_id", "name", "policy", "teacher_id", "weekdays", "start", "end", "capacity", "room"])
        for c in courses {
            courseFile.row([
                c.id, c.name, c.policy, c.teacher, c.weekdays.map(String.init).joined(separator: ","), hm(c.start), hm(c.end),
                String(c.capacity), c.room,
            ])
        }

        // Enrollments: everyone from the first day; the interest courses from the first day too.
        let firstDay = serviceDays.first ?? rules.starts
        var enrollments = CSVWriter(header: ["student_id", "course_id", "from", "until"])
        for c in courses {
            for s in c.members { enrollments.row([sid(s), c.id, firstDay.description, ""]) }
        }

        // Sessions and attendance, streamed to files.
        let fm = forceMajeureDay
        let leaver = courses.first { $0.id == Self.withdrawingCourse }?.members.min()
        let leaving = withdrawalDay
        var sessions = CSVWriter(header: ["course_id", "date", "start", "end", "teacher_id", "status", "reason"])
        let attendancePath = directory + "/attendance.csv"
        let attendance = try StreamingCSV(path: attendancePath, header: ["date", "course_id", "student_id", "status"])
        var duties = CSVWriter(header: ["date", "teacher_id", "duty", "course_id"])
        var lessonsPerCourse = [Int](repeating: 0, count: courses.count)
        for day in serviceDays {
            let weekday = day.weekday
            let cancelled = cancelInFiles && day == fm
            for (ci, c) in courses.enumerated() where c.weekdays.contains(weekday) || rules.makeUpDays.contains(day) {
                lessonsPerCourse[ci] += 1
                sessions.row([
                    c.id, day.description, hm(c.start), hm(c.end), c.teacher, cancelled ? "cancelled" : "held",
                    cancelled ? "台风停课" : "",
                ])
                // No attendance on the force-majeure day: it is cancelled (in the file, or later by `cancel`).
                if day == fm { continue }
                for s in c.members {
                    if c.id == Self.withdrawingCourse, s == leaver, let leaving, day >= leaving { continue }
                    let r = rng.next(1000)
                    let status = r < 940 ? "present" : (r < 985 ? "leave" : "absent")
                    try attendance.row([day.description, c.id, sid(s), status])
                }
            }
            if day != fm {
                for (k, t) in patrolTeachers.enumerated() {
                    duties.row([day.description, t, (k + day.dayNumber) % 2 == 0 ? "patrol" : (rules.points["escort"] != nil ? "escort" : "patrol"), ""])
                }
            }
        }
        try attendance.close()

        // Payments: every family prepays its paid courses for the term (one receipt per course).
        var payments = CSVWriter(header: ["receipt", "student_id", "amount", "date", "method"])
        let methods = ["wechat", "alipay", "cash", "bank"]
        var receipt = 0
        for (ci, c) in courses.enumerated() {
            guard let policy = rules.policies[c.policy], policy.prepay == .term, policy.billing != .free else { continue }
            let lessons = lessonsPerCourse[ci]
            let full: Money
            switch policy.billing {
            case .perLesson: full = try policy.price * lessons
            case .monthly: full = try policy.price * policy.months
            case .perTerm: full = policy.price
            case .perStudentHour:
                full = try policy.price.scaled(by: Int64(lessons * (c.end - c.start)), over: 60, rounding: rules.rounding)
            case .free: full = .zero
            }
            for s in c.members {
                // A family whose category waives the policy pays only the part not waived.
                var due = full
                if let cat = studentCategory[s], let category = rules.categories[cat], category.waives.contains(c.policy) {
                    due = try full - full.scaled(by: Int64(category.waivePercent), over: 100, rounding: rules.rounding)
                }
                if due.isZero { continue }
                // About one family in 25 has paid one lesson short so far (应补 at term end).
                if rng.next(25) == 0, policy.billing == .perLesson, due > policy.price { due = try due - policy.price }
                receipt += 1
                payments.row(["R" + pad(receipt, 7), sid(s), due.formatted(grouping: false), firstDay.description, methods[rng.next(4)]])
            }
        }
        var scores = CSVWriter(header: ["teacher_id", "score"])
        for t in 1...max(1, teacherCount) {
            scores.row(["T" + pad(t, 4), "\(80 + rng.next(20)).\(rng.next(10))"])
        }

        var written: [(String, String)] = []
        for (kind, file) in [
            ("students", students), ("teachers", teachers), ("courses", courseFile), ("enrollments", enrollments),
            ("sessions", sessions),
        ] {
            let path = "\(directory)/\(kind).csv"
            try file.save(to: path)
            written.append((kind, path))
        }
        written.append(("attendance", attendancePath))
        for (kind, file) in [("duties", duties), ("payments", payments), ("scores", scores)] {
            let path = "\(directory)/\(kind).csv"
            try file.save(to: path)
            written.append((kind, path))
        }
        return written
    }

    func sid(_ i: Int) -> String { "S" + pad(i + 1, 6) }
}

func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

func hm(_ minutes: Int) -> String { pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2) }

/// SplitMix64: a small, fast, seedable generator (the same seed gives the same school on every machine).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<bound.
    mutating func next(_ bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) { array.swapAt(i, next(i + 1)) }
    }
}

/// A CSV file built in memory (small files).
struct CSVWriter {
    var text: String
    init(header: [String]) { text = header.joined(separator: ",") + "\n" }
    mutating func row(_ fields: [String]) {
        text += fields.map(csvField).joined(separator: ",") + "\n"
    }
    func save(to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw TuoguanError(.fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)")
        }
    }
}

func csvField(_ s: String) -> String {
    if s.contains(",") || s.contains("\"") || s.contains("\n") {
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return s
}

/// A CSV file written row by row through a buffer (millions of attendance rows).
final class StreamingCSV {
    let handle: FileHandle
    var buffer: [UInt8] = []
    init(path: String, header: [String]) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
            throw TuoguanError(.fileUnwritable, zh: "无法写入 \(path)", en: "cannot write \(path)")
        }
        handle = h
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: (header.joined(separator: ",") + "\n").utf8)
    }
    func row(_ fields: [String]) throws {
        var first = true
        for f in fields {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            buffer.append(contentsOf: csvField(f).utf8)
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 20 { try flush() }
    }
    func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
    func close() throws {
        try flush()
        try handle.close()
    }
}
