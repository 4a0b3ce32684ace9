import TuoguanCore

extension SampleSchool {
    /// A course as generated, with its members.
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

    /// One run of ``SampleSchool/write(to:)``: every random draw comes from `rng`, in the order the files are
    /// made (students, courses with their teachers, sessions with attendance and duties, payments, scores),
    /// and what a later file needs from an earlier one is kept here.
    ///
    /// ```swift
    /// var g = SampleSchool.Generator(school)
    /// let students = g.students()
    /// g.makeCourses()   // then g.teachers, g.courseFile(), g.enrollments(), g.sessions(attendanceTo:) …
    /// ```
    struct Generator {
        let school: SampleSchool
        var rng: SplitMix64
        /// Children per class (and per basic-care group).
        static let perClass = 40
        var classCount: Int { max(1, (school.studentCount + Self.perClass - 1) / Self.perClass) }
        /// The category of each student who has one, by student index.
        var studentCategory: [Int: String] = [:]
        var teachers = CSVWriter(header: ["teacher_id", "name", "kind"])
        var teacherCount = 0
        /// The basic-care groups (one per class, in class order), then the interest courses.
        var courses: [GenCourse] = []
        var patrolTeachers: [String] = []
        /// Sessions generated per course (the index of `courses`), for the prepayments.
        var lessonsPerCourse: [Int] = []

        init(_ school: SampleSchool) {
            self.school = school
            rng = SplitMix64(seed: school.seed)
        }

        var rules: PlanRules { school.rules }

        static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
        static let given = Array("子涵欣怡梓涵晨曦宇轩浩然一诺雨桐思源博文佳怡梦瑶俊杰嘉懿若曦天佑明轩语嫣泽宇紫萱皓轩诗琪铭泽婉清锦程书瑶承志沐阳可馨景行安然")

        /// A Chinese name: a surname and one or (three times in four) two given characters.
        mutating func name() -> String {
            let s = Self.surnames[rng.next(Self.surnames.count)]
            let g1 = Self.given[rng.next(Self.given.count)]
            if rng.next(4) == 0 { return "\(s)\(g1)" }
            return "\(s)\(g1)\(Self.given[rng.next(Self.given.count)])"
        }

        /// Students, in classes of 40 across grades 1–6; about 6 % in a category.
        mutating func students() -> CSVWriter {
            let categoryIds = rules.categories.keys.sorted()
            var students = CSVWriter(header: ["student_id", "name", "grade", "class", "category"])
            for i in 0..<school.studentCount {
                let cls = i / Self.perClass
                let grade = cls % 6 + 1
                let number = cls / 6 + 1
                var category = ""
                if !categoryIds.isEmpty && rng.next(100) < 6 { category = categoryIds[rng.next(categoryIds.count)] }
                if !category.isEmpty { studentCategory[i] = category }
                students.row([school.sid(i), name(), String(grade), "\(grade)年级\(number)班", category])
            }
            return students
        }

        mutating func newTeacher(_ kind: String) -> String {
            teacherCount += 1
            let id = "T" + pad(teacherCount, 4)
            teachers.row([id, name(), kind])
            return id
        }

        /// Teachers and courses: one basic-care group per class with its teacher, the interest courses (each
        /// with its teacher, every eighth run by an outside institution) and their members, patrol staff.
        mutating func makeCourses() {
            let basicPolicy = rules.policies["basic"] != nil ? "basic" : rules.policies.keys.sorted().first!
            for cls in 0..<classCount {
                let grade = cls % 6 + 1
                let t = newTeacher(rng.next(10) == 0 ? "retired" : "staff")
                let start = grade <= 2 ? 15 * 60 + 10 : (grade <= 4 ? 15 * 60 + 20 : 15 * 60 + 30)
                courses.append(
                    GenCourse(
                        id: "B" + pad(cls + 1, 4), name: "\(grade)年级\(cls / 6 + 1)班基础托管", policy: basicPolicy, teacher: t,
                        weekdays: [1, 2, 3, 4, 5], start: start, end: start + 120, room: "教室\(cls + 1)", capacity: 45))
            }
            let interested = school.studentCount * 40 / 100
            let xCourseCount = makeInterestCourses(interested: interested)
            // Assign interested students to courses, round robin over a shuffled order.
            var order = Array(0..<school.studentCount)
            rng.shuffle(&order)
            let firstX = classCount
            if xCourseCount > 0 {
                for (n, s) in order.prefix(interested).enumerated() {
                    let c = firstX + n % xCourseCount
                    if courses[c].members.count < courses[c].capacity { courses[c].members.append(s) }
                }
            }
            for cls in 0..<classCount {
                courses[cls].members = Array((cls * Self.perClass)..<min(school.studentCount, (cls + 1) * Self.perClass))
            }
            patrolTeachers = (0..<max(2, classCount / 10)).map { _ in newTeacher("staff") }
        }

        /// The interest courses (policy `x`, one per 18 interested children), each with its teacher; returns
        /// how many. None when the rules have no policy `x`.
        mutating func makeInterestCourses(interested: Int) -> Int {
            guard let xPolicy = rules.policies["x"] != nil ? "x" : nil else { return 0 }
            let hasOutside = rules.policies["outside"] != nil
            let xNames = ["美术", "书法", "合唱", "围棋", "篮球", "舞蹈", "科学实验", "阅读写作", "足球", "国画"]
            let count = max(1, interested / 18)
            for k in 0..<count {
                let outside = hasOutside && k % 8 == 7
                let t = newTeacher(outside ? "outside" : "staff")
                let twice = k % 3 == 0
                let day = k % 5 + 1
                courses.append(
                    GenCourse(
                        id: "X" + pad(k + 1, 4), name: outside ? "编程（机构）\(k / 8 + 1)" : "\(xNames[k % xNames.count])\(k / xNames.count + 1)",
                        policy: outside ? "outside" : xPolicy, teacher: t, weekdays: twice ? [day, (day + 1) % 5 + 1].sorted() : [day],
                        start: 16 * 60 + 30, end: 16 * 60 + 30 + rules.lessonMinutes, room: "功能室\(k % 20 + 1)", capacity: 30))
            }
            return count
        }

        func courseFile() -> CSVWriter {
            var file = CSVWriter(header: ["course_id", "name", "policy", "teacher_id", "weekdays", "start", "end", "capacity", "room"])
            for c in courses {
                file.row([
                    c.id, c.name, c.policy, c.teacher, c.weekdays.map(String.init).joined(separator: ","), hm(c.start), hm(c.end),
                    String(c.capacity), c.room,
                ])
            }
            return file
        }

        /// The first service day: every enrolment starts on it.
        var firstDay: CivilDate { school.serviceDays.first ?? rules.starts }

        /// Enrollments: everyone from the first day; the interest courses from the first day too.
        func enrollments() -> CSVWriter {
            var file = CSVWriter(header: ["student_id", "course_id", "from", "until"])
            for c in courses {
                for s in c.members { file.row([school.sid(s), c.id, firstDay.description, ""]) }
            }
            return file
        }

        /// Sessions, and the attendance streamed to `attendancePath` (millions of rows for a district), and the
        /// patrol and escort duties: every service day, every course that meets on its weekday or on a
        /// make-up day. The force-majeure day has sessions (cancelled in the file when `cancelInFiles`) and no
        /// attendance or duties; the leaver has no attendance in their course from the day they leave.
        mutating func sessions(attendanceTo attendancePath: String) throws -> (sessions: CSVWriter, duties: CSVWriter) {
            let fm = school.forceMajeureDay
            let leaver = courses.first { $0.id == SampleSchool.withdrawingCourse }?.members.min()
            let leaving = school.withdrawalDay
            var sessions = CSVWriter(header: ["course_id", "date", "start", "end", "teacher_id", "status", "reason"])
            let attendance = try StreamingCSV(path: attendancePath, header: ["date", "course_id", "student_id", "status"])
            var duties = CSVWriter(header: ["date", "teacher_id", "duty", "course_id"])
            lessonsPerCourse = [Int](repeating: 0, count: courses.count)
            for day in school.serviceDays {
                let cancelled = school.cancelInFiles && day == fm
                for (ci, c) in courses.enumerated() where c.weekdays.contains(day.weekday) || rules.makeUpDays.contains(day) {
                    lessonsPerCourse[ci] += 1
                    sessions.row([
                        c.id, day.description, hm(c.start), hm(c.end), c.teacher, cancelled ? "cancelled" : "held",
                        cancelled ? "台风停课" : "",
                    ])
                    // No attendance on the force-majeure day: it is cancelled (in the file, or later by `cancel`).
                    if day == fm { continue }
                    for s in c.members {
                        if c.id == SampleSchool.withdrawingCourse, s == leaver, let leaving, day >= leaving { continue }
                        let r = rng.next(1000)
                        let status = r < 940 ? "present" : (r < 985 ? "leave" : "absent")
                        try attendance.row([day.description, c.id, school.sid(s), status])
                    }
                }
                if day != fm {
                    for (k, t) in patrolTeachers.enumerated() {
                        duties.row([day.description, t, (k + day.dayNumber) % 2 == 0 ? "patrol" : (rules.points["escort"] != nil ? "escort" : "patrol"), ""])
                    }
                }
            }
            try attendance.close()
            return (sessions, duties)
        }

        /// Payments: every family prepays its paid courses for the term (one receipt per course), less what its
        /// category waives; about one family in 25 has paid one lesson short so far (应补 at term end).
        mutating func payments() throws -> CSVWriter {
            var payments = CSVWriter(header: ["receipt", "student_id", "amount", "date", "method"])
            let methods = ["wechat", "alipay", "cash", "bank"]
            var receipt = 0
            for (ci, c) in courses.enumerated() {
                guard let policy = rules.policies[c.policy], policy.prepay == .term, policy.billing != .free else { continue }
                let full = try termPrice(policy, c, lessons: lessonsPerCourse[ci])
                for s in c.members {
                    var due = full
                    if let cat = studentCategory[s], let category = rules.categories[cat], category.waives.contains(c.policy) {
                        due = try full - full.scaled(by: Int64(category.waivePercent), over: 100, rounding: rules.rounding)
                    }
                    if due.isZero { continue }
                    if rng.next(25) == 0, policy.billing == .perLesson, due > policy.price { due = try due - policy.price }
                    receipt += 1
                    payments.row(["R" + pad(receipt, 7), school.sid(s), due.formatted(grouping: false), firstDay.description, methods[rng.next(4)]])
                }
            }
            return payments
        }

        /// The whole term of course `c` under `policy` before waivers, for `lessons` sessions.
        func termPrice(_ policy: Policy, _ c: GenCourse, lessons: Int) throws -> Money {
            switch policy.billing {
            case .perLesson: return try policy.price * lessons
            case .monthly: return try policy.price * policy.months
            case .perTerm: return policy.price
            case .perStudentHour:
                return try policy.price.scaled(by: Int64(lessons * (c.end - c.start)), over: 60, rounding: rules.rounding)
            case .free: return .zero
            }
        }

        /// A quality score (80.0–99.9) for every teacher.
        mutating func scores() -> CSVWriter {
            var scores = CSVWriter(header: ["teacher_id", "score"])
            for t in 1...max(1, teacherCount) {
                scores.row(["T" + pad(t, 4), "\(80 + rng.next(20)).\(rng.next(10))"])
            }
            return scores
        }
    }
}
