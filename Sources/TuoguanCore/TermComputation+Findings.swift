extension TermComputation {
    /// Every limit of the rules that is set, checked: per course (sorted by id) `min-enrollment`, `capacity`,
    /// `group-size`, `students-per-teacher`; then for the fund `budget` and `outside-share`, both of the one
    /// spending of the term (``TermSpending``: expenses recorded as paid from the pools, subsidies and outside
    /// pay).
    static func computeFindings(
        rules: PlanRules, facts: TermFacts, index: Index, studentCount: Int, spending: TermSpending
    ) throws -> [Finding] {
        var findings: [Finding] = []
        let limits = rules.limits
        for course in facts.courses.sorted(by: { $0.id < $1.id }) {
            guard let policy = index.policy(ofCourse: course.id) else { continue }
            let enrolled = index.enrolledByCourse[course.id] ?? 0
            if let minimum = policy.minEnrollment {
                findings.append(minEnrollmentFinding(course, enrolled: enrolled, minimum: minimum))
            }
            if let capacity = course.capacity ?? policy.capacity {
                findings.append(capacityFinding(course, enrolled: enrolled, capacity: capacity))
            }
            if limits.groupSizeMin != nil || limits.groupSizeMax != nil {
                findings.append(groupSizeFinding(course, enrolled: enrolled, low: limits.groupSizeMin, high: limits.groupSizeMax))
            }
            if let ratio = limits.studentsPerTeacher {
                let present = index.tallyOfCourse[course.id]?.maxPresent ?? 0
                findings.append(studentsPerTeacherFinding(course, present: present, ratio: ratio))
            }
        }

        if let budget = limits.budgetPerStudentYear, studentCount > 0 {
            findings.append(try budgetFinding(budget: budget, students: studentCount, spending: spending, rules: rules))
        }
        if let maxPercent = limits.outsideShareMaxPercent {
            findings.append(try outsideShareFinding(maxPercent: maxPercent, spending: spending, rules: rules))
        }
        return findings
    }

    /// `min-enrollment`: a course opens with at least `minimum` students.
    static func minEnrollmentFinding(_ course: Course, enrolled: Int, minimum: Int) -> Finding {
        let name = course.name
        let passed = enrolled >= minimum
        return Finding(
            code: "min-enrollment", subject: course.id, passed: passed, limit: "≥ \(minimum)", actual: "\(enrolled)",
            message: passed
                ? LocalizedText(
                    zh: "\(name)报名 \(enrolled) 人，达到开班最低人数 \(minimum) 人",
                    en: "\(name): \(enrolled) students enrolled, at least the minimum of \(minimum) to open")
                : LocalizedText(
                    zh: "\(name)报名 \(enrolled) 人，少于开班最低人数 \(minimum) 人（差 \(minimum - enrolled) 人）",
                    en: "\(name): \(enrolled) students enrolled, \(minimum - enrolled) short of the minimum of \(minimum) to open"))
    }

    /// `capacity`: at most `capacity` students enrolled (the course's own, else its policy's).
    static func capacityFinding(_ course: Course, enrolled: Int, capacity: Int) -> Finding {
        let name = course.name
        let passed = enrolled <= capacity
        return Finding(
            code: "capacity", subject: course.id, passed: passed, limit: "≤ \(capacity)", actual: "\(enrolled)",
            message: passed
                ? LocalizedText(
                    zh: "\(name)报名 \(enrolled) 人，未超过容量 \(capacity) 人",
                    en: "\(name): \(enrolled) students enrolled, within the capacity of \(capacity)")
                : LocalizedText(
                    zh: "\(name)报名 \(enrolled) 人，超过容量 \(capacity) 人（多 \(enrolled - capacity) 人）",
                    en: "\(name): \(enrolled) students enrolled, \(enrolled - capacity) over the capacity of \(capacity)"))
    }

    /// `group-size`: a group between the smallest and the largest size, as far as they are set.
    static func groupSizeFinding(_ course: Course, enrolled: Int, low: Int?, high: Int?) -> Finding {
        let name = course.name
        let limit: String
        switch (low, high) {
        case let (l?, h?): limit = "\(l)–\(h)"
        case let (l?, nil): limit = "≥ \(l)"
        case let (nil, h?): limit = "≤ \(h)"
        case (nil, nil): limit = ""
        }
        let message: LocalizedText
        if let l = low, enrolled < l {
            message = LocalizedText(
                zh: "\(name)每班 \(enrolled) 人，少于班额下限 \(l) 人（差 \(l - enrolled) 人）",
                en: "\(name): a group of \(enrolled), \(l - enrolled) below the smallest group size \(l)")
        } else if let h = high, enrolled > h {
            message = LocalizedText(
                zh: "\(name)每班 \(enrolled) 人，超过班额上限 \(h) 人（多 \(enrolled - h) 人）",
                en: "\(name): a group of \(enrolled), \(enrolled - h) above the largest group size \(h)")
        } else {
            message = LocalizedText(
                zh: "\(name)每班 \(enrolled) 人，在班额 \(limit) 人之内",
                en: "\(name): a group of \(enrolled), within the group size \(limit)")
        }
        let passed = (low.map { enrolled >= $0 } ?? true) && (high.map { enrolled <= $0 } ?? true)
        return Finding(
            code: "group-size", subject: course.id, passed: passed, limit: limit, actual: "\(enrolled)", message: message)
    }

    /// `students-per-teacher`: at most `ratio` students present at one session with one teacher.
    static func studentsPerTeacherFinding(_ course: Course, present: Int, ratio: Int) -> Finding {
        let name = course.name
        let passed = present <= ratio
        return Finding(
            code: "students-per-teacher", subject: course.id, passed: passed, limit: "≤ \(ratio)", actual: "\(present)",
            message: passed
                ? LocalizedText(
                    zh: "\(name)一名教师最多同时看护 \(present) 名学生，未超过 1:\(ratio)",
                    en: "\(name): at most \(present) students present with one teacher, within 1:\(ratio)")
                : LocalizedText(
                    zh: "\(name)一名教师同时看护 \(present) 名学生，超过 1:\(ratio)（多 \(present - ratio) 人）",
                    en: "\(name): \(present) students present with one teacher, \(present - ratio) over 1:\(ratio)"))
    }

    /// `62.5%` from 6250 hundredths of a percent; `50%` from 5000.
    static func percentText(hundredths: Int128) -> String {
        let negative = hundredths < 0
        let magnitude = negative ? -hundredths : hundredths
        let whole = magnitude / 100
        let fraction = Int(magnitude % 100)
        var text = "\(whole)"
        if fraction != 0 {
            text += fraction % 10 == 0 ? ".\(fraction / 10)" : (fraction < 10 ? ".0\(fraction)" : ".\(fraction)")
        }
        return (negative ? "-" : "") + text + "%"
    }
}
