import GRDB
import TuoguanCore
import TuoguanInput

extension ImportSession {
    /// Whether the 姓名 written beside an id (a student's 学号, a teacher's 工号) names that person. When it does
    /// not, the row is reported with both names and what to do (and, when one person of the ledger has the
    /// written name, that person's id), and not read: a payment or a mark is never booked to another family's
    /// child, a session never paid to another teacher. `--ignore-names` skips it.
    ///
    /// ```swift
    /// try session.nameMatches(id: 学号 "S1", name: 姓名 "李四", of: .students)   // false: S1 is 张三 (reported)
    /// ```
    func nameMatches(id: TableField, name: TableField, of people: ReferenceTable) throws -> Bool {
        if options.ignoreNames { return true }
        let names = try loadNames(people)
        let personId = id.text.trimmedSpaces
        guard let recorded = names[personId] else { return true }  // an unknown id is the row's own error
        if RowParser.sameName(name.text, recorded) { return true }
        let written = name.text.trimmedSpaces
        let others = names.filter { RowParser.sameName(written, $0.value) }.map(\.key).sorted()
        let (idZh, idEn, edit) = people == .students ? ("学号", "student id", "student") : ("工号", "teacher id", "teacher")
        let hint = others.count == 1 ? "；“\(written)”的\(idZh)是 \(others[0])" : ""
        let hintEn = others.count == 1 ? "; \(written) is \(others[0])" : ""
        parser.fail(
            name, .conflict,
            zh: "姓名“\(written)”与\(idZh) \(personId) 不符：\(idZh) \(personId) 是“\(recorded)”\(hint)",
            en: "name \"\(written)\" does not match \(idEn) \(personId), which is \"\(recorded)\"\(hintEn)",
            fix: LocalizedText(
                zh: "核对这一行的\(idZh)和姓名，改正后再导入；如“\(written)”是 \(recorded) 的小名或曾用名，导入时加 --ignore-names（不核对姓名）；如名单上的姓名录错，先 tuoguan edit \(edit) \(personId) --name \(written) --note 原因",
                en: "check the row's id and name and import again; if \"\(written)\" is another name of \(recorded), add --ignore-names (names not checked); if the roster's name is wrong, first tuoguan edit \(edit) \(personId) --name \(written) --note WHY"))
        return false
    }

    /// Every student's (or teacher's) name by id (read once).
    func loadNames(_ people: ReferenceTable) throws -> [String: String] {
        if let known = names[people] { return known }
        var found: [String: String] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name FROM \(people == .students ? "students" : "teachers")")
        while let row = try rows.next() { found[row[0]] = row[1] }
        names[people] = found
        return found
    }

    /// Writes the marks a `--replace` import changes (after the rows and their tallies), each kept in the
    /// history with the import's note, an enrolment at a time; what a withdrawal or a refund depends on is
    /// refused at the cell of the enrolment's first changed mark (and the whole file with it).
    func replaceMarks() throws {
        guard !pendingMarks.isEmpty else { return }
        let note = options.note ?? "重新导入 \(fileName)"
        var order: [String] = []
        var byPair: [String: [(mark: Ledger.MarkTarget, at: TableField)]] = [:]
        for pending in pendingMarks {
            let pair = pending.mark.studentId + "\u{1}" + pending.mark.courseId
            if byPair[pair] == nil { order.append(pair) }
            byPair[pair, default: []].append(pending)
        }
        for pair in order {
            let marks = byPair[pair]!
            do {
                report.changes += try ledger.applyMarkChanges(marks.map(\.mark), note: note, by: by, db: db)
            } catch let error as TuoguanError {
                parser.fail(error, at: marks[0].at)
            }
        }
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
