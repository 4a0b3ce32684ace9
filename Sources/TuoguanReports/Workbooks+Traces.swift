import TuoguanCore

extension Workbooks {
    /// How each line of a family's statement was reached, one step a line, in the workbook's language: asked
    /// of the calculator from the student's usages (the result keeps no steps). The family blocks of the
    /// statement and the notices print it.
    ///
    /// ```swift
    /// try Workbooks.lineTraces(st, context, courses: context.coursesById)[0]
    /// // "美术（拓展课程）：已开课 12 课时 × 20.00 = 240.00\n  本课程应收 240.00"
    /// ```
    static func lineTraces(_ st: StudentStatement, _ context: Context, courses: CoursesById) throws -> [String] {
        let usages = context.input.usages(ofStudent: st.student.id)
        let steps = try TermComputation.lineSteps(of: st, usages: usages, courses: courses, rules: context.input.rules)
        return steps.map { $0.map { $0.text.text(context.language) }.joined(separator: "\n") }
    }
}
