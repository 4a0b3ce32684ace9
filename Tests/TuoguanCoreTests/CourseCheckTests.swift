@testable import TuoguanCore
import Testing

/// A course's findings keep their figures and are worded when read: the words are the findings' own, passed and
/// not, for each of the four checks (hand-written here), and a worded-when-read finding equals one given the same
/// text.
@Suite struct CourseCheckTests {
    static let course = Course(
        id: "C1", name: "围棋", policyId: "P", teacherId: "T1", weekdays: [2, 4], start: 940, end: 980)

    @Test func capacityIsWordedWhenRead() {
        // 32 enrolled against a capacity of 30: over by 32 − 30 = 2.
        let over = TermComputation.capacityFinding(Self.course, enrolled: 32, capacity: 30)
        #expect(!over.passed)
        #expect(over.limit == "≤ 30" && over.actual == "32")
        #expect(over.message.zh == "围棋报名 32 人，超过容量 30 人（多 2 人）")
        #expect(over.message.en == "围棋: 32 students enrolled, 2 over the capacity of 30")
        #expect(over == Finding(
            code: "capacity", subject: "C1", passed: false, limit: "≤ 30", actual: "32", message: over.message))
        let within = TermComputation.capacityFinding(Self.course, enrolled: 30, capacity: 30)
        #expect(within.passed && within.message.zh == "围棋报名 30 人，未超过容量 30 人")
    }

    @Test func minimumEnrolmentIsWordedWhenRead() {
        // 12 enrolled against a minimum of 15: short by 15 − 12 = 3.
        let short = TermComputation.minEnrollmentFinding(Self.course, enrolled: 12, minimum: 15)
        #expect(!short.passed && short.limit == "≥ 15")
        #expect(short.message.zh == "围棋报名 12 人，少于开班最低人数 15 人（差 3 人）")
        #expect(TermComputation.minEnrollmentFinding(Self.course, enrolled: 15, minimum: 15).message.en
            == "围棋: 15 students enrolled, at least the minimum of 15 to open")
    }

    @Test func groupSizeIsWordedWhenRead() {
        // A group of 8 below the smallest of 10 (short by 2); of 26 above the largest of 25 (over by 1).
        let small = TermComputation.groupSizeFinding(Self.course, enrolled: 8, low: 10, high: 25)
        #expect(!small.passed && small.limit == "10–25")
        #expect(small.message.zh == "围棋每班 8 人，少于班额下限 10 人（差 2 人）")
        let large = TermComputation.groupSizeFinding(Self.course, enrolled: 26, low: nil, high: 25)
        #expect(!large.passed && large.limit == "≤ 25")
        #expect(large.message.en == "围棋: a group of 26, 1 above the largest group size 25")
        let within = TermComputation.groupSizeFinding(Self.course, enrolled: 12, low: 10, high: nil)
        #expect(within.passed && within.message.zh == "围棋每班 12 人，在班额 ≥ 10 人之内")
    }

    @Test func studentsPerTeacherIsWordedWhenRead() {
        // 33 present with one teacher against 1:30: over by 3.
        let over = TermComputation.studentsPerTeacherFinding(Self.course, present: 33, ratio: 30)
        #expect(!over.passed && over.actual == "33")
        #expect(over.message.zh == "围棋一名教师同时看护 33 名学生，超过 1:30（多 3 人）")
        #expect(TermComputation.studentsPerTeacherFinding(Self.course, present: 20, ratio: 30).message.en
            == "围棋: at most 20 students present with one teacher, within 1:30")
    }

    /// The term's findings keep each course's check by its figures (``Findings``): read back, they are the
    /// findings made alone, in the order kept, and the findings given with their text follow.
    @Test func findingsKeptByFiguresReadAsMadeAlone() {
        let chess = Self.course
        let art = Course(id: "C2", name: "美术", policyId: "P", teacherId: "T1")
        let fund = Finding(code: "budget", subject: "fund", passed: true, limit: "≤ 800.00", actual: "120.00", message: LocalizedText(zh: "预算内", en: "within the budget"))
        // Positions into [chess, art]: art's capacity (31 > 30), chess's group size (8 < 10), chess's ratio (33 > 30).
        let findings = Findings(
            courses: [chess, art],
            entries: [
                .init(position: 1, check: .capacity, limit: 30, figure: 31),
                .init(position: 0, check: .groupSize, limit: 0, figure: 8),
                .init(position: 0, check: .studentsPerTeacher, limit: 30, figure: 33),
                .init(position: 0, check: .minEnrollment, limit: 15, figure: 15),
            ],
            groupSize: (10, 25), given: [fund])
        let alone = [
            TermComputation.capacityFinding(art, enrolled: 31, capacity: 30),
            TermComputation.groupSizeFinding(chess, enrolled: 8, low: 10, high: 25),
            TermComputation.studentsPerTeacherFinding(chess, present: 33, ratio: 30),
            TermComputation.minEnrollmentFinding(chess, enrolled: 15, minimum: 15),
            fund,
        ]
        #expect(Array(findings) == alone)
        #expect(findings.map(\.subject) == ["C2", "C1", "C1", "C1", "fund"])
        #expect(findings.filter { !$0.passed }.map(\.code) == ["capacity", "group-size", "students-per-teacher"])
        #expect(findings[1].message.zh == "围棋每班 8 人，少于班额下限 10 人（差 2 人）")
        #expect(findings == Findings(alone))
        #expect(findings != Findings(Array(alone.dropLast())))
    }

    /// Courses by id: the first course of each id is found, the ids given twice are listed.
    @Test func coursesByIdFindTheFirstOfEachId() {
        let again = Course(id: "C1", name: "围棋（重复）", policyId: "P", teacherId: "T2")
        let byId = CoursesById([Self.course, Course(id: "C2", name: "美术", policyId: "P", teacherId: "T1"), again])
        #expect(byId["C1"]?.name == "围棋" && byId["C2"]?.name == "美术" && byId["C3"] == nil)
        #expect(byId.duplicateIds == ["C1"] && byId.count == 2)
    }
}
