extension TermComputation {
    /// Every limit of the rules that is set, checked: per course (sorted by id) `min-enrollment`, `capacity`,
    /// `group-size`, `students-per-teacher`; then for the fund `budget` and `outside-share`, both of the one
    /// spending of the term (``TermSpending``: expenses recorded as paid from the pools, subsidies and outside
    /// pay). `roomAfter`: how many findings the caller will append (room reserved for them).
    static func computeFindings(
        rules: PlanRules, facts: TermFacts, index: Index, studentCount: Int, spending: TermSpending,
        roomAfter: Int = 0
    ) throws -> [Finding] {
        var findings: [Finding] = []
        let limits = rules.limits
        // Four checks a course at most, the fund's two and `roomAfter` findings the caller appends: reserved once,
        // not grown by doubling (a district has tens of thousands).
        findings.reserveCapacity(4 * facts.courses.count + 2 + roomAfter)
        for course in facts.courses.sorted(by: { $0.id < $1.id }) {
            guard let policy = index.policy(ofCourse: course.id) else { continue }
            let enrolled = index.enrolled(inCourse: course.id)
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
                let present = index.tally(ofCourse: course.id)?.maxPresent ?? 0
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
        courseFinding("min-enrollment", course, CourseCheck(kind: .minEnrollment(minimum), name: course.name, figure: enrolled))
    }

    /// `capacity`: at most `capacity` students enrolled (the course's own, else its policy's).
    static func capacityFinding(_ course: Course, enrolled: Int, capacity: Int) -> Finding {
        courseFinding("capacity", course, CourseCheck(kind: .capacity(capacity), name: course.name, figure: enrolled))
    }

    /// `group-size`: a group between the smallest and the largest size, as far as they are set.
    static func groupSizeFinding(_ course: Course, enrolled: Int, low: Int?, high: Int?) -> Finding {
        courseFinding(
            "group-size", course, CourseCheck(kind: .groupSize(low: low, high: high), name: course.name, figure: enrolled))
    }

    /// `students-per-teacher`: at most `ratio` students present at one session with one teacher.
    static func studentsPerTeacherFinding(_ course: Course, present: Int, ratio: Int) -> Finding {
        courseFinding(
            "students-per-teacher", course, CourseCheck(kind: .studentsPerTeacher(ratio), name: course.name, figure: present))
    }

    private static func courseFinding(_ code: String, _ course: Course, _ check: CourseCheck) -> Finding {
        Finding(code: code, subject: course.id, passed: check.passed, check: check)
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
