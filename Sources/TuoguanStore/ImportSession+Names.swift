import GRDB
import TuoguanCore
import TuoguanInput

extension ImportSession {
    /// Whether the 姓名 written beside a 学号 names that child. When it does not, the row is reported with both
    /// names and what to do (and, when one student of the ledger has the written name, that student's 学号), and
    /// not read: a payment or a mark is never booked to another family's child. `--ignore-names` skips it.
    ///
    /// ```swift
    /// try session.studentNameMatches(id: 学号 "S1", name: 姓名 "李四")   // false: S1 is 张三 (reported)
    /// ```
    func studentNameMatches(id: TableField, name: TableField) throws -> Bool {
        if options.ignoreNames { return true }
        let names = try loadStudentNames()
        let studentId = id.text.trimmedSpaces
        guard let recorded = names[studentId] else { return true }  // an unknown 学号 is the row's own error
        if RowParser.sameName(name.text, recorded) { return true }
        let written = name.text.trimmedSpaces
        let others = names.filter { RowParser.sameName(written, $0.value) }.map(\.key).sorted()
        let hint = others.count == 1 ? "；“\(written)”的学号是 \(others[0])" : ""
        let hintEn = others.count == 1 ? "; \(written) is \(others[0])" : ""
        parser.fail(
            name, .conflict,
            zh: "姓名“\(written)”与学号 \(studentId) 不符：学号 \(studentId) 是“\(recorded)”\(hint)",
            en: "name \"\(written)\" does not match student id \(studentId), which is \"\(recorded)\"\(hintEn)",
            fix: LocalizedText(
                zh: "核对这一行的学号和姓名，改正后再导入；如“\(written)”是 \(recorded) 的小名或曾用名，导入时加 --ignore-names（不核对姓名）；如名单上的姓名录错，先 tuoguan edit student \(studentId) --name \(written) --note 原因",
                en: "check the row's id and name and import again; if \"\(written)\" is another name of \(recorded), add --ignore-names (names not checked); if the roster's name is wrong, first tuoguan edit student \(studentId) --name \(written) --note WHY"))
        return false
    }

    /// Every student's name by id (read once).
    func loadStudentNames() throws -> [String: String] {
        if let studentNames { return studentNames }
        var names: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name FROM students")
        while let row = try rows.next() { names[row[0]] = row[1] }
        studentNames = names
        return names
    }

    /// Writes the marks a `--replace` import changes (after the rows and their tallies), each kept in the
    /// history with the import's note; what a withdrawal or a refund depends on is refused there.
    func replaceMarks() throws {
        guard !pendingMarks.isEmpty else { return }
        let note = options.note ?? "重新导入 \(fileName)"
        report.changes = try ledger.applyMarkChanges(pendingMarks, note: note, by: by, db: db)
    }

    /// The answer to a file whose rows were read and not one recorded: what was expected.
    func nothingRecorded() -> TuoguanError {
        if let wideWithoutMarks { return wideWithoutMarks }
        return TuoguanError(
            .badInput,
            zh: "读取了 \(report.rowsRead) 行，但没有一行登记为\(kind.chineseName)记录",
            en: "\(report.rowsRead) rows were read but not one was recorded as \(kind.rawValue)",
            fix: LocalizedText(
                zh: "\(kind.chineseName)表的列：" + kind.columns.map(\.zh).joined(separator: "、") + "；检查表头下面的行",
                en: "the columns of \(kind.rawValue): " + kind.columns.map(\.name).joined(separator: ", ") + "; check the rows under the header"),
            at: SourceLocation(file: fileName, sheet: sheet))
    }
}
