extension TermComputation {
    /// Every limit of the rules that is set, checked: per course (sorted by id) `min-enrollment`, `capacity`,
    /// `group-size`, `students-per-teacher`; then for the fund `budget` and `outside-share`, both of the one
    /// spending of the term (``TermSpending``: expenses recorded as paid from the pools, subsidies and outside
    /// pay). The courses' checks are kept by their figures and worded when read (``Findings``).
    static func computeFindings(
        rules: PlanRules, facts: TermFacts, index: Index, studentCount: Int, spending: TermSpending
    ) throws -> Findings {
        let limits = rules.limits
        var given: [Finding] = []
        if let budget = limits.budgetPerStudentYear, studentCount > 0 {
            given.append(try budgetFinding(budget: budget, students: studentCount, spending: spending, rules: rules))
        }
        if let maxPercent = limits.outsideShareMaxPercent {
            given.append(try outsideShareFinding(maxPercent: maxPercent, spending: spending, rules: rules))
        }
        return Findings(
            courses: facts.courses, entries: courseChecks(rules: rules, facts: facts, index: index),
            groupSize: (limits.groupSizeMin, limits.groupSizeMax), given: given)
    }

    /// Every course's checks (courses sorted by id) by their figures, in the order ``computeFindings`` lists them:
    /// `min-enrollment`, `capacity`, `group-size`, `students-per-teacher`, as far as each limit is set.
    static func courseChecks(rules: PlanRules, facts: TermFacts, index: Index) -> [Findings.CourseEntry] {
        let limits = rules.limits
        let groupLimited = limits.groupSizeMin != nil || limits.groupSizeMax != nil
        // Four checks a course at most: reserved once, not grown by doubling (a district has tens of thousands).
        var entries: [Findings.CourseEntry] = []
        entries.reserveCapacity(4 * facts.courses.count)
        let courses = facts.courses
        for position in courses.indices.sorted(by: { courses[$0].id < courses[$1].id }) {
            let course = courses[position]
            guard let policy = index.policy(ofCourse: course.id) else { continue }
            let enrolled = index.enrolled(inCourse: course.id)
            let at = Int32(position)
            if let minimum = policy.minEnrollment {
                entries.append(.init(position: at, check: .minEnrollment, limit: minimum, figure: enrolled))
            }
            if let capacity = course.capacity ?? policy.capacity {
                entries.append(.init(position: at, check: .capacity, limit: capacity, figure: enrolled))
            }
            if groupLimited {
                entries.append(.init(position: at, check: .groupSize, limit: 0, figure: enrolled))
            }
            if let ratio = limits.studentsPerTeacher {
                let present = index.tally(ofCourse: course.id)?.maxPresent ?? 0
                entries.append(.init(position: at, check: .studentsPerTeacher, limit: ratio, figure: present))
            }
        }
        return entries
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
