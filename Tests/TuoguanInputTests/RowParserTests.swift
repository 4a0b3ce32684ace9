import Testing
import TuoguanCore

@testable import TuoguanInput

/// The import's rows read into typed rows without a ledger: the ids the ledger knows come from a stand-in,
/// so each check that needs no database is seen on its own, with its message at FILE:LINE:COL.
@Suite struct RowParserTests {
    /// A term from Monday 2024-09-02 to 2025-01-17, one policy `x` named 拓展课程.
    let rules = PlanRules(
        school: "溪尾小学", term: "2024-autumn", starts: CivilDate(parsing: "2024-09-02")!,
        ends: CivilDate(parsing: "2025-01-17")!,
        policies: ["x": Policy(id: "x", name: "拓展课程", billing: .perLesson, price: Money(fen: 2000))],
        split: CostShare(pools: []))

    /// The ledger's ids, stood in for.
    struct Known: ReferenceCheck {
        var ids: Set<String>
        func isKnown(_ id: String, _ table: ReferenceTable) throws -> Bool { ids.contains(id) }
    }

    /// The parser of `kind` after reading `csv`'s header, and the rows under it.
    func read(_ kind: ImportKind, _ csv: String) throws -> (RowParser, [[TableField]]) {
        var reader = CSVReader(bytes: Array(csv.utf8), separator: 44, fileName: "f.csv")
        let parser = RowParser(kind: kind, fileName: "f.csv", rules: rules)
        try parser.readHeader(try #require(try reader.next()))
        var rows: [[TableField]] = []
        while let row = try reader.next() { rows.append(row) }
        return (parser, rows)
    }

    @Test func theClerksWordsBecomeValues() throws {
        let (courses, courseRows) = try read(.courses, "课程编号,课程名称,收费政策,教师工号,星期,开始时间,结束时间\nX1,书法,拓展课程,T1,周二、周四,15:40,16:20\n")
        let course = try #require(try courses.course(courseRows[0], references: Known(ids: ["T1"])))
        #expect(course.policy == "x")  // by the policy's name in the rules
        #expect(course.weekdays == [2, 4])
        #expect(course.startMinutes == 15 * 60 + 40)  // 940
        #expect(course.endMinutes == 16 * 60 + 20)  // 980
        #expect(course.at.line == 2 && course.at.column == 1)

        let (students, studentRows) = try read(.students, "学号,姓名,年级,班级\nS001,张三,三年级,三(2)班\n")
        let student = try #require(students.student(studentRows[0]))
        #expect(student.grade == 3)
        #expect(student.className == "三(2)班")
        #expect(students.errors.isEmpty)
    }

    /// An unknown id (the ledger's answer) and a bad date (the parser's own) come out in the order of the
    /// row's columns, each at its cell: `S9,X1,2024-13-01` has the student at column 1, the date at column 7.
    @Test func problemsInTheOrderOfTheColumns() throws {
        let (parser, rows) = try read(.enrollments, "学号,课程编号,开始日期\nS9,X1,2024-13-01\n")
        #expect(try parser.enrollment(rows[0], references: Known(ids: ["X1"])) == nil)
        #expect(parser.errors.map(\.message.en) == [
            "unknown student \"S9\": expected an id from the students sheet",
            "date \"2024-13-01\" is not a date: expected 2024-09-02, 2024/9/2 or 2024年9月2日",
        ])
        #expect(parser.errors.map(\.code) == [.unknownReference, .badInput])
        #expect(parser.errors.map { $0.location?.column } == [1, 7])
        #expect(parser.errors.allSatisfy { $0.location?.file == "f.csv" && $0.location?.line == 2 })
    }

    /// 2024-09-07 is a Saturday: no service. A session without times or teacher takes its course's, which
    /// the store fills in: the typed row leaves them nil.
    @Test func sessionsOnServiceDaysOnly() throws {
        let (parser, rows) = try read(.sessions, "课程编号,日期,状态\nX1,2024-09-07,已上课\nX1,2024-09-03,已上课\n")
        let known = Known(ids: ["X1"])
        #expect(try parser.session(rows[0], references: known) == nil)
        #expect(parser.errors.map(\.message.en) == ["2024-09-07 is not a service day (Saturday): expected a day with service"])
        let held = try #require(try parser.session(rows[1], references: known))
        #expect(held.status == "held")
        #expect(held.teacher == nil && held.startMinutes == nil && held.endMinutes == nil)
    }

    /// A refund gives an amount or lessons, not both; a refund id twice in one file is a duplicate row.
    @Test func refundsOneValueAndNoDuplicates() throws {
        let csv = "退费编号,学号,金额,课时,日期,原因\nR1,S1,10.00,2,2024-10-08,请假\nR2,S1,10.00,,2024-10-08,请假\nR2,S1,,2,2024-10-09,停课\n"
        let (parser, rows) = try read(.refunds, csv)
        let known = Known(ids: ["S1"])
        #expect(try parser.refund(rows[0], references: known) == nil)
        let first = try #require(try parser.refund(rows[1], references: known))
        #expect(first.amount == Money(fen: 1000) && first.lessons == nil && first.reason == .personalLeave)
        #expect(try parser.refund(rows[2], references: known) == nil)
        #expect(parser.errors.map(\.message.en) == [
            "both amount and lessons are given: expected exactly one of them",
            "duplicate row: 退费编号/refund R2 is the same as on line 3",
        ])
        #expect(parser.errors.map { $0.location?.column } == [7, 1])  // R1,S1, → the amount at column 7
    }
}
