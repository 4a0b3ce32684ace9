import TuoguanCore

extension Workbooks {
    /// One charge line of the statement's course detail, as its row shows it.
    struct CourseLineRow: Equatable {
        var courseId: String
        var courseName: String
        var studentId: String
        var studentName: String
        var className: String
        /// The billing's caption (`按次`).
        var billing: String
        var quantity: Int64
        var unitPrice: Money
        var gross: Money
        var waived: Money
        var charged: Money

        init(_ line: ChargeLine, of student: Student, _ c: Captions) {
            self.init(
                courseId: line.courseId, courseName: line.courseName, studentId: student.id, studentName: student.name,
                className: student.className, billing: c.billing(line.billing), quantity: line.quantity,
                unitPrice: line.unitPrice, gross: line.gross, waived: line.waived, charged: line.charged)
        }

        /// The row as a ``RowSpill`` record: its texts and its numbers.
        var record: (texts: [String], numbers: [Int64]) {
            (
                [courseId, courseName, studentId, studentName, className, billing],
                [quantity, unitPrice.fen, gross.fen, waived.fen, charged.fen]
            )
        }

        /// The row of a ``RowSpill`` record made by ``record``.
        init(texts: [String], numbers: [Int64]) {
            self.init(
                courseId: texts[0], courseName: texts[1], studentId: texts[2], studentName: texts[3], className: texts[4],
                billing: texts[5], quantity: numbers[0], unitPrice: Money(fen: numbers[1]), gross: Money(fen: numbers[2]),
                waived: Money(fen: numbers[3]), charged: Money(fen: numbers[4]))
        }

        init(
            courseId: String, courseName: String, studentId: String, studentName: String, className: String,
            billing: String, quantity: Int64, unitPrice: Money, gross: Money, waived: Money, charged: Money
        ) {
            self.courseId = courseId
            self.courseName = courseName
            self.studentId = studentId
            self.studentName = studentName
            self.className = className
            self.billing = billing
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.gross = gross
            self.waived = waived
            self.charged = charged
        }
    }

    /// A course's lines added up as they are written: lines (students charged), quantity, gross, waived, charged,
    /// and the first line's billing.
    struct CourseLineTotals {
        var lines: Int64 = 0
        var quantity: Int64 = 0
        var gross = Money.zero
        var waived = Money.zero
        var charged = Money.zero
        var billing: String?

        mutating func add(_ line: CourseLineRow) throws {
            lines += 1
            quantity += line.quantity
            gross = try gross + line.gross
            waived = try waived + line.waived
            charged = try charged + line.charged
            if billing == nil { billing = line.billing }
        }
    }

    /// Writes a line's row (`leadingCourse`: the course's id and name first, as on the one detail sheet of a
    /// district).
    static func courseLineRow(_ s: ReportSheet, _ line: CourseLineRow, leadingCourse: Bool) throws {
        let k = leadingCourse ? 2 : 0
        if leadingCourse {
            try s.text(line.courseId, 0)
            try s.text(line.courseName, 1)
        }
        try s.text(line.studentId, k)
        try s.text(line.studentName, k + 1)
        try s.text(line.className, k + 2)
        try s.text(line.billing, k + 3)
        try s.integer(line.quantity, k + 4)
        try s.money(line.unitPrice, k + 5)
        try s.money(line.gross, k + 6)
        try s.money(line.waived, k + 7)
        try s.money(line.charged, k + 8)
        s.next()
    }

    /// The totals row under a course's lines (`leadingCourse` as in ``courseLineRow(_:_:leadingCourse:)``).
    static func courseLinesTotal(
        _ s: ReportSheet, _ totals: CourseLineTotals, first: Int, leadingCourse: Bool, _ c: Captions
    ) throws {
        let k = leadingCourse ? 2 : 0
        let rows = s.dataRows(from: first)
        try s.filter(lastDataRow: s.row - 1)
        try s.text(c.t("合计", "Total"), 0, style: .totalLabel)
        // The label in column 0; the text columns (leading ones, ID, name, class, billing) and the unit price blank.
        for column in Array(1..<(k + 4)) + [k + 5] { try s.blank(column, style: .totalLabel) }
        try s.sumInteger(totals.quantity, column: k + 4, rows: rows)
        try s.sumMoney(totals.gross, column: k + 6, rows: rows)
        try s.sumMoney(totals.waived, column: k + 7, rows: rows)
        try s.sumMoney(totals.charged, column: k + 8, rows: rows)
        s.next()
    }
}
