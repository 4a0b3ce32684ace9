import GRDB
import GRDBSQLite
import TuoguanCore

/// One import of one file, inside one transaction: maps the header, checks every row, collects every
/// problem (each at `FILE:LINE:COL` with the offending text and what was expected), writes good rows.
///
/// ```swift
/// let session = try ImportSession(ledger: ledger, kind: .students, fileName: "s.csv", by: "clerk", dryRun: false, db: db)
/// try session.readHeader(header); try session.importRow(row); try session.finish()
/// ```
final class ImportSession {
    let ledger: Ledger
    let kind: ImportKind
    let fileName: String
    let by: String
    let db: Database
    let now: String
    let batch: Int64
    var report: ImportReport
    var errors: [TuoguanError] = []
    /// The worksheet being read, for a workbook: places are then cells (`考勤.xlsx:1年级1班!F7`).
    var sheet: String?
    /// The course of a class teacher's sheet without a 课程 column (`--course`).
    var courseGiven: String?
    private var columnIndex: [String: Int] = [:]
    private var headerLine = 1
    /// Keys seen in this file, for duplicate rows: key → line.
    private var seen: [String: Int] = [:]
    var rules: PlanRules { ledger.rules }

    // Caches for the large kinds.
    private var dateCache: [String: CivilDate] = [:]
    /// Student id → the students table's integer key (attendance rows store it).
    private var students: [String: Int64] = [:]
    private var courses: Set<String> = []
    private var enrollments: [String: (from: CivilDate, until: CivilDate?)] = [:]
    private var sessions: [String: (id: Int64, held: Bool)] = [:]
    /// Ids found in the ledger during this import (an id found once is there until the transaction ends).
    private var knownIds: Set<String> = []
    /// Courses read from the ledger during this import.
    private var knownCourses: [String: Course] = [:]
    /// The statements of ``upsert(table:key:values:what:at:)`` by table.
    private var upserts: [String: [UpsertStatements]] = [:]
    /// Tables that were empty when this import began: every row of theirs is from this file, and the file's
    /// duplicates are caught by ``isDuplicate(_:_:what:)`` first, so there is nothing to look up.
    private var emptyAtStart: [String: Bool] = [:]
    /// The families whose payments were recorded, in the file's order, each with its last receipt's field.
    private var paidStudents: [String: TableField] = [:]
    private var paidOrder: [String] = []
    private var insertAttendance: Statement?
    /// What the attendance rows inserted so far count (see ``attendanceTally()``).
    var tally: AttendanceTally?
    private var selectAttendance: Statement?

    init(ledger: Ledger, kind: ImportKind, fileName: String, by: String, dryRun: Bool, db: Database) throws {
        self.ledger = ledger
        self.kind = kind
        self.fileName = fileName
        self.by = by
        self.db = db
        self.now = Ledger.timestamp()
        self.report = ImportReport(kind: kind, file: fileName, dryRun: dryRun)
        try db.execute(
            sql: "INSERT INTO import_batches (kind, file, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
            arguments: [kind.rawValue, fileName, by, now])
        self.batch = db.lastInsertedRowID
    }

    // MARK: - Header

    func readHeader(_ header: [TableField]) throws {
        headerLine = header.first?.line ?? 1
        columnIndex = [:]  // a workbook's sheets are read one after another
        var problems: [TuoguanError] = []
        var ignored: [TableField] = []
        for (i, field) in header.enumerated() {
            let text = field.text.trimmedSpaces
            let lower = text.lowercased()
            if let column = kind.columns.first(where: { $0.spellings.contains(where: { $0.lowercased() == lower }) }) {
                if columnIndex[column.name] != nil {
                    problems.append(
                        TuoguanError(
                            .badInput, zh: "列“\(text)”重复", en: "column \"\(text)\" appears twice",
                            fix: LocalizedText(zh: "删去重复的列", en: "remove one of them"),
                            at: location(field), excerpt: field.text))
                } else {
                    columnIndex[column.name] = i
                }
            } else if !text.isEmpty {
                ignored.append(field)
            }
        }
        if let first = ignored.first {
            // One warning for all of them: a workbook read back has a dozen columns of figures.
            let names = ignored.map { $0.text.trimmedSpaces }
            report.warnings.append(
                TuoguanError(
                    .badInput, zh: "不用的列已忽略：" + names.joined(separator: "、"),
                    en: (names.count == 1 ? "a column is not used and was" : "\(names.count) columns are not used and were") + " ignored: "
                        + names.joined(separator: ", "),
                    fix: LocalizedText(
                        zh: "\(kind.chineseName)表用的列：" + kind.columns.map(\.zh).joined(separator: "、"),
                        en: "the columns used are: " + kind.columns.map(\.name).joined(separator: ", ")),
                    at: location(first)))
        }
        for column in kind.columns where column.required && columnIndex[column.name] == nil {
            problems.append(
                TuoguanError(
                    .badInput, zh: "缺少列“\(column.zh)”（\(column.name)）", en: "missing column \"\(column.name)\" (\(column.zh))",
                    fix: LocalizedText(
                        zh: "\(kind.label) 表的列：" + kind.columns.map(\.zh).joined(separator: ","),
                        en: "the columns of \(kind.rawValue) are: " + kind.columns.map(\.name).joined(separator: ",")),
                    at: SourceLocation(file: fileName, line: headerLine, column: 1, sheet: sheet),
                    excerpt: header.map(\.text).joined(separator: ",")))
        }
        if kind == .refunds && columnIndex["amount"] == nil && columnIndex["lessons"] == nil {
            problems.append(
                TuoguanError(
                    .badInput, zh: "缺少列“金额”或“课时”", en: "missing column \"amount\" or \"lessons\"",
                    at: SourceLocation(file: fileName, line: headerLine, column: 1, sheet: sheet),
                    excerpt: header.map(\.text).joined(separator: ",")))
        }
        if let error = TuoguanError.collecting(problems) { throw error }
    }

    // MARK: - Fields

    func location(_ field: TableField) -> SourceLocation {
        SourceLocation(file: fileName, line: field.line, column: field.column, sheet: sheet)
    }

    /// The field of `column` in `row` (an empty one, placed after the row's last field, when the row is short);
    /// nil if the sheet has no such column.
    func field(_ row: [TableField], _ column: String) -> TableField? {
        guard let i = columnIndex[column] else { return nil }
        if i < row.count {
            var f = row[i]
            f.text = f.text.trimmedSpaces
            return f
        }
        let last = row.last
        return TableField(text: "", line: last?.line ?? 0, column: (last?.column ?? 0) + 1 + (i - row.count))
    }

    func fail(
        _ field: TableField, _ code: TuoguanError.Code = .badInput, zh: String, en: String, fix: LocalizedText? = nil
    ) {
        errors.append(TuoguanError(code, zh: zh, en: en, fix: fix, at: location(field), excerpt: field.text))
    }

    /// A required text value; reports an empty one.
    func text(_ row: [TableField], _ column: String) -> (String, TableField)? {
        guard let f = field(row, column) else { return nil }
        if f.text.isEmpty {
            let spec = kind.columns.first { $0.name == column }
            fail(f, zh: "“\(spec?.zh ?? column)”为空", en: "\(column) is empty: expected a value")
            return nil
        }
        return (f.text, f)
    }

    func optionalText(_ row: [TableField], _ column: String) -> String? {
        guard let f = field(row, column), !f.text.isEmpty else { return nil }
        return f.text
    }

    func date(_ f: TableField, inTerm: Bool) -> CivilDate? {
        var date = dateCache[f.text]
        if date == nil {
            date = CivilDate(parsing: f.text)
            if date == nil, f.isNumber, let serial = Int(f.text) { date = XLSXReader.date(fromSerial: serial) }
            if let date { dateCache[f.text] = date }
        }
        guard let date else {
            fail(
                f, zh: "日期“\(f.text)”无法识别，应写成 2024-09-02、2024/9/2 或 2024年9月2日",
                en: "date \"\(f.text)\" is not a date: expected 2024-09-02, 2024/9/2 or 2024年9月2日")
            return nil
        }
        if inTerm && (date < rules.starts || date > rules.ends) {
            fail(
                f, zh: "日期 \(date) 不在本学期内，应在 \(rules.starts) 至 \(rules.ends) 之间",
                en: "date \(date) is outside the term: expected \(rules.starts) to \(rules.ends)")
            return nil
        }
        return date
    }

    func date(_ row: [TableField], _ column: String, inTerm: Bool) -> CivilDate? {
        guard let (_, f) = text(row, column) else { return nil }
        return date(f, inTerm: inTerm)
    }

    func time(_ f: TableField) -> Int? {
        let parts = f.text.split(separator: ":")
        if parts.count == 2 || parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h),
            (0..<60).contains(m)
        {
            return h * 60 + m
        }
        if f.isNumber, let fraction = Double(f.text), fraction >= 0, fraction < 1 {
            return Int((fraction * 1440).rounded())
        }
        fail(f, zh: "时间“\(f.text)”无法识别，应写成 15:30", en: "time \"\(f.text)\" is not a time: expected hours:minutes like 15:30")
        return nil
    }

    func integer(_ f: TableField, what: (zh: String, en: String), range: ClosedRange<Int>) -> Int? {
        if let v = Int(f.text), range.contains(v) { return v }
        fail(
            f, zh: "\(what.zh)“\(f.text)”应为 \(range.lowerBound) 到 \(range.upperBound) 的整数",
            en: "\(what.en) \"\(f.text)\" is not valid: expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        return nil
    }

    func amount(_ f: TableField) -> Money? {
        do {
            let m = try Money(parsing: f.text)
            if m.isNegative {
                fail(
                    f, zh: "金额“\(f.text)”为负数，应至少为 0.01", en: "negative amount \"\(f.text)\": expected at least 0.01",
                    fix: LocalizedText(zh: "更正已登记的款项请用 tuoguan correct 冲正", en: "to correct a recorded entry, reverse it with tuoguan correct"))
                return nil
            }
            if m.isZero {
                fail(f, zh: "金额“\(f.text)”为零，应至少为 0.01", en: "amount \"\(f.text)\" is zero: expected at least 0.01")
                return nil
            }
            return m
        } catch let error as TuoguanError {
            errors.append(error.located(location(f)).withExcerpt(f.text))
            return nil
        } catch {
            fail(f, zh: "金额“\(f.text)”无法识别", en: "amount \"\(f.text)\" is not an amount")
            return nil
        }
    }

    func word<T>(_ f: TableField, _ words: [String: T], what: (zh: String, en: String)) -> T? {
        if let v = SchoolWords.lookUp(f.text, words) { return v }
        let (english, chinese) = SchoolWords.listed(words)
        fail(
            f, zh: "\(what.zh)“\(f.text)”无法识别，应为：\(chinese)",
            en: "\(what.en) \"\(f.text)\" is not valid: expected one of \(english)")
        return nil
    }

    /// Reports a row whose key was already in this file.
    func isDuplicate(_ key: String, _ f: TableField, what: @autoclosure () -> String) -> Bool {
        if let line = seen[key] {
            let what = what()
            fail(
                f, .duplicate, zh: "重复的行：\(what)与第 \(line) 行相同", en: "duplicate row: \(what) is the same as on line \(line)",
                fix: LocalizedText(zh: "删去其中一行", en: "remove one of the rows"))
            return true
        }
        seen[key] = f.line
        return false
    }

    func unknown(_ f: TableField, _ what: (zh: String, en: String, sheet: String)) {
        fail(
            f, .unknownReference, zh: "未知的\(what.zh)“\(f.text)”，应为\(what.sheet)表中已有的编号",
            en: "unknown \(what.en) \"\(f.text)\": expected an id from the \(what.en == "student" ? "students" : what.en + "s") sheet",
            fix: LocalizedText(zh: "检查编号，或先导入\(what.sheet)表", en: "check the id, or import that sheet first"))
    }

    func exists(_ table: String, _ id: String) throws -> Bool {
        let key = table + "\u{1}" + id
        if knownIds.contains(key) { return true }
        let found = try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE id = ?"), arguments: [id]) ?? false
        if found { knownIds.insert(key) }
        return found
    }

    /// A course of the ledger (courses do not change while sessions or enrollments are imported).
    func course(_ id: String) throws -> Course? {
        if let known = knownCourses[id] { return known }
        let found = try ledger.fetchCourse(id, db: db)
        if let found { knownCourses[id] = found }
        return found
    }

    // MARK: - Upsert

    /// The statements of ``upsert(table:key:values:what:at:)`` for one table and set of columns: the SELECT
    /// as SQL (through GRDB's statement cache), the INSERT prepared once and bound in place, as a district's
    /// sessions are 140,000 rows and the general path had cost 33 µs a row.
    final class UpsertStatements {
        let columns: [String]
        let select: String
        let insert: OpaquePointer
        let insertSQL: String

        init(columns: [String], select: String, insertSQL: String, db: Database) throws {
            let connection = db.sqliteConnection!
            var prepared: OpaquePointer?
            let rc = sqlite3_prepare_v2(connection, insertSQL, -1, &prepared, nil)
            guard rc == SQLITE_OK, let prepared else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: insertSQL)
            }
            self.columns = columns
            self.select = select
            self.insert = prepared
            self.insertSQL = insertSQL
        }

        deinit { sqlite3_finalize(insert) }

        func matches(_ key: [(String, DatabaseValueConvertible?)], _ values: [(String, DatabaseValueConvertible?)]) -> Bool {
            guard columns.count == key.count + values.count else { return false }
            var i = 0
            for (name, _) in key {
                if columns[i] != name { return false }
                i += 1
            }
            for (name, _) in values {
                if columns[i] != name { return false }
                i += 1
            }
            return true
        }

        /// Binds `value` (copied) to parameter `index`.
        func bind(_ value: DatabaseValueConvertible?, _ index: Int32) {
            switch value?.databaseValue.storage ?? .null {
            case .null: sqlite3_bind_null(insert, index)
            case .int64(let v): sqlite3_bind_int64(insert, index, v)
            case .double(let v): sqlite3_bind_double(insert, index, v)
            case .string(let v): _ = v.withCString { sqlite3_bind_text(insert, index, $0, -1, SQLITE_TRANSIENT_) }
            case .blob(let v):
                _ = v.withUnsafeBytes { sqlite3_bind_blob(insert, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT_) }
            }
        }
    }

    /// Inserts a reference row, or finds it identical (unchanged), or reports a conflict showing both.
    func upsert(
        table: String, key: [(String, DatabaseValueConvertible?)], values: [(String, DatabaseValueConvertible?)],
        what: @autoclosure () -> LocalizedText, at f: TableField
    ) throws {
        let statements: UpsertStatements
        if let known = upserts[table]?.first(where: { $0.matches(key, values) }) {
            statements = known
        } else {
            let all = (key + values).map(\.0) + ["recorded_by", "recorded_at"]
            let whereClause = key.map { "\"\($0.0)\" IS ?" }.joined(separator: " AND ")
            let selected = values.isEmpty ? "1" : values.map { "\"\($0.0)\"" }.joined(separator: ", ")
            statements = try UpsertStatements(
                columns: (key + values).map(\.0), select: "SELECT \(selected) FROM \(table) WHERE \(whereClause)",
                insertSQL: "INSERT INTO \(table) (" + all.map { "\"\($0)\"" }.joined(separator: ", ") + ") VALUES ("
                    + all.map { _ in "?" }.joined(separator: ", ") + ")", db: db)
            upserts[table, default: []].append(statements)
        }
        let empty: Bool
        if let known = emptyAtStart[table] {
            empty = known
        } else {
            empty = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") ?? false)
            emptyAtStart[table] = empty
        }
        // (Typed: as the argument of `fetchOne`, `StatementArguments(…)` would pick the failable `[Any]`
        // initialiser and bind nothing.)
        let keyValues: [DatabaseValueConvertible?] = key.map { $0.1 }
        if empty {
            // Nothing to compare with: insert.
        } else if values.isEmpty {
            let keyArguments = StatementArguments(keyValues)
            if try Bool.fetchOne(db.cachedStatement(sql: statements.select), arguments: keyArguments) ?? false {
                report.unchanged += 1
                return
            }
        } else if let row = try Row.fetchOne(db.cachedStatement(sql: statements.select), arguments: StatementArguments(keyValues)) {
            let stored = values.indices.map { row[$0] as DatabaseValue }
            let new = values.map { $0.1?.databaseValue ?? .null }
            if stored == new {
                report.unchanged += 1
            } else {
                let differences = Self.differences(values.map(\.0), stored, new)
                let what = what()
                fail(
                    f, .conflict, zh: "\(what.zh) 已登记过，内容不同：\(differences.zh)",
                    en: "\(what.en) is already recorded differently: \(differences.en)",
                    fix: Self.conflictFix(table: table, key: key.map { $0.1.map { "\($0)" } ?? "" }))
            }
            return
        }
        var index: Int32 = 1
        for (_, value) in key {
            statements.bind(value, index)
            index += 1
        }
        for (_, value) in values {
            statements.bind(value, index)
            index += 1
        }
        statements.bind(by, index)
        statements.bind(now, index + 1)
        let rc = sqlite3_step(statements.insert)
        sqlite3_reset(statements.insert)
        sqlite3_clear_bindings(statements.insert)
        if rc != SQLITE_DONE {
            let connection = db.sqliteConnection!
            throw DatabaseError(
                resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                message: String(cString: sqlite3_errmsg(connection)), sql: statements.insertSQL)
        }
        report.inserted += 1
    }

    static func display(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "∅"
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob: return "(blob)"
        }
    }

    // MARK: - Rows

    func importRow(_ row: [TableField]) throws {
        if row.allSatisfy({ $0.text.trimmedSpaces.isEmpty }) { return }
        // The totals line of a sheet the workbooks wrote (合计 / Total in the first column) is not a record.
        if let first = row.first, first.column == 1, Self.totalsLabels.contains(first.text.trimmedSpaces) { return }
        // Nor is the sign-off block under a printed table (制表人：________, 日期：____年__月__日).
        if let first = row.first, first.column == 1, Self.isSignatureLine(first.text) { return }
        report.rowsRead += 1
        switch kind {
        case .students: try importStudent(row)
        case .teachers: try importTeacher(row)
        case .courses: try importCourse(row)
        case .enrollments: try importEnrollment(row)
        case .sessions: try importSession(row)
        case .attendance: try importAttendance(row)
        case .duties: try importDuty(row)
        case .payments: try importPayment(row)
        case .refunds: try importRefund(row)
        case .scores: try importScore(row)
        case .expenses: try importExpense(row)
        }
    }

    /// After the rows: the attendance tallies written, and the fee warnings of each family that paid, once, at
    /// its last payment in the file.
    func finish() throws {
        try tally?.write(db)
        var reach = Ledger.FeeReach()
        for student in paidOrder {
            guard let rf = paidStudents[student] else { continue }
            for warning in try ledger.feeWarnings(for: student, reach: &reach, db: db) {
                report.warnings.append(warning.located(location(rf)).withExcerpt(rf.text))
            }
        }
    }

    static let totalsLabels: Set<String> = ["合计", "总计", "小计", "Total", "total"]

    /// A caption with a colon and a blank to sign or date on: `制表人：________`, `Date: ________`.
    ///
    /// ```swift
    /// ImportSession.isSignatureLine("审核人：________________")   // true
    /// ImportSession.isSignatureLine("T1")                        // false
    /// ```
    static func isSignatureLine(_ text: String) -> Bool {
        guard let colon = text.firstIndex(where: { $0 == "：" || $0 == ":" }) else { return false }
        return text[colon...].contains("____")
    }

    private func importStudent(_ row: [TableField]) throws {
        let id = text(row, "student_id")
        let name = text(row, "name")
        let gradeField = text(row, "grade")
        let className = text(row, "class")
        var grade: Int?
        if let (g, f) = gradeField {
            var t = g
            if t.hasSuffix("年级") { t.removeLast(2) }
            if let first = t.first, t.count == 1, let v = ImportWords.chineseDigits[first] { grade = v } else {
                grade = integer(TableField(text: t, line: f.line, column: f.column), what: ("年级", "grade"), range: 1...12)
            }
        }
        var category: String?
        if let f = field(row, "category"), !f.text.isEmpty {
            if rules.categories[f.text] != nil {
                category = f.text
            } else if let match = rules.categories.values.first(where: { $0.name == f.text }) {
                category = match.id
            } else {
                fail(
                    f, zh: "类别“\(f.text)”不在规则中，应为：\(rules.categories.keys.sorted().joined(separator: "、"))（或留空）",
                    en: "category \"\(f.text)\" is not in the rules: expected one of \(rules.categories.keys.sorted().joined(separator: ", ")) (or empty)")
                return
            }
        }
        guard let (id, idField) = id, let (name, _) = name, let grade, let (className, _) = className else { return }
        if isDuplicate(id, idField, what: "学号/student \(id)") { return }
        try upsert(
            table: "students", key: [("id", id)],
            values: [("name", name), ("grade", grade), ("class", className), ("category", category)],
            what: LocalizedText(zh: "学生 \(id)", en: "student \(id)"), at: idField)
    }

    private func importTeacher(_ row: [TableField]) throws {
        let id = text(row, "teacher_id")
        let name = text(row, "name")
        var kindValue: TeacherKind?
        if let (_, f) = text(row, "kind") { kindValue = word(f, ImportWords.teacherKinds, what: ("类型", "kind")) }
        guard let (id, idField) = id, let (name, _) = name, let kindValue else { return }
        if isDuplicate(id, idField, what: "工号/teacher \(id)") { return }
        try upsert(
            table: "teachers", key: [("id", id)], values: [("name", name), ("kind", kindValue.rawValue)],
            what: LocalizedText(zh: "教师 \(id)", en: "teacher \(id)"), at: idField)
    }

    private func importCourse(_ row: [TableField]) throws {
        let id = text(row, "course_id")
        let name = text(row, "name")
        var policy: String?
        if let (p, f) = text(row, "policy") {
            if let id = policyId(p) {
                policy = id
            } else {
                let ids = rules.policies.keys.sorted()
                fail(
                    f, zh: "收费政策“\(p)”不在规则中，应为：\(ids.map { "\(rules.policies[$0]!.name)（\($0)）" }.joined(separator: "、"))",
                    en: "policy \"\(p)\" is not in the rules: expected one of \(ids.map { "\($0) (\(rules.policies[$0]!.name))" }.joined(separator: ", "))",
                    fix: LocalizedText(zh: "写政策的编号或规则文件中的名称（name）", en: "write the policy's id or its name from the rules file"))
            }
        }
        var teacher: String?
        if let (t, f) = text(row, "teacher_id") {
            if try exists("teachers", t) { teacher = t } else { unknown(f, ("教师", "teacher", "教师")) }
        }
        var weekdays: [Int]?
        if let (w, f) = text(row, "weekdays") {
            var days: [Int] = []
            var ok = true
            for part in w.split(whereSeparator: { ",，、;； /".contains($0) }) {
                var p = String(part)
                for prefix in ["星期", "周"] where p.hasPrefix(prefix) { p.removeFirst(prefix.count) }
                if let v = Int(p), (1...7).contains(v) {
                    days.append(v)
                } else if p.count == 1, let v = ImportWords.chineseDigits[p.first!], v <= 7 {
                    days.append(v)
                } else {
                    ok = false
                }
            }
            if ok && !days.isEmpty {
                weekdays = Array(Set(days)).sorted()
            } else {
                fail(
                    f, zh: "星期“\(w)”无法识别，应写成 1,3（1 = 星期一）", en: "weekdays \"\(w)\" are not valid: expected ISO numbers like 1,3 (1 = Monday)")
            }
        }
        let start = text(row, "start").flatMap { time($0.1) }
        let end = text(row, "end").flatMap { time($0.1) }
        if let start, let end, end <= start, let f = field(row, "end") {
            fail(f, zh: "结束时间应晚于开始时间", en: "end \(f.text) is not after start: expected a later time")
            return
        }
        var capacity: Int?
        if let f = field(row, "capacity"), !f.text.isEmpty {
            guard let c = integer(f, what: ("人数上限", "capacity"), range: 1...10000) else { return }
            capacity = c
        }
        let room = optionalText(row, "room") ?? ""
        guard let (id, idField) = id, let (name, _) = name, let policy, let teacher, let weekdays, let start, let end
        else { return }
        if isDuplicate(id, idField, what: "课程/course \(id)") { return }
        try upsert(
            table: "courses", key: [("id", id)],
            values: [
                ("name", name), ("policy", policy), ("teacher_id", teacher),
                ("weekdays", weekdays.map(String.init).joined(separator: ",")), ("start", start), ("end", end),
                ("room", room), ("capacity", capacity),
            ], what: LocalizedText(zh: "课程 \(id)", en: "course \(id)"), at: idField)
    }

    private func importEnrollment(_ row: [TableField]) throws {
        var student: (String, TableField)?
        if let (s, f) = text(row, "student_id") {
            if try exists("students", s) { student = (s, f) } else { unknown(f, ("学生", "student", "学生")) }
        }
        var course: String?
        if let (c, f) = text(row, "course_id") {
            if try exists("courses", c) { course = c } else { unknown(f, ("课程", "course", "课程")) }
        }
        let from = date(row, "from", inTerm: true)
        var until: CivilDate?
        if let f = field(row, "until"), !f.text.isEmpty {
            guard let u = date(f, inTerm: false) else { return }
            if let from, u <= from {
                fail(f, zh: "退课日期 \(u) 应晚于开始日期 \(from)", en: "until \(u) is not after from \(from): expected a later date")
                return
            }
            until = u
        }
        guard let (student, sf) = student, let course, let from else { return }
        if isDuplicate(student + "\u{1}" + course, sf, what: "\(student) / \(course)") { return }
        try upsert(
            table: "enrollments", key: [("student_id", student), ("course_id", course)],
            values: [("from_date", from.description), ("until_date", until?.description)],
            what: LocalizedText(zh: "学生 \(student) 报名课程 \(course)", en: "enrollment of \(student) in \(course)"), at: sf)
    }

    private func serviceDayCheck(_ date: CivilDate, _ f: TableField) -> Bool {
        if rules.isServiceDay(date) { return true }
        let why = rules.noServiceDays.first { $0.date == date }?.reason
        let weekdayZh = ["一", "二", "三", "四", "五", "六", "日"][date.weekday - 1]
        let weekdayEn = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday - 1]
        fail(
            f, zh: "\(date) 不是服务日（\(why ?? "星期" + weekdayZh)），应为有托管服务的日子",
            en: "\(date) is not a service day (\(why ?? weekdayEn)): expected a day with service")
        return false
    }

    private func importSession(_ row: [TableField]) throws {
        var course: Course?
        if let (c, f) = text(row, "course_id") {
            if let found = try self.course(c) { course = found } else { unknown(f, ("课程", "course", "课程")) }
        }
        var date: CivilDate?
        if let (_, f) = text(row, "date"), let d = self.date(f, inTerm: true), serviceDayCheck(d, f) { date = d }
        var status: String?
        if let (_, f) = text(row, "status") { status = word(f, ImportWords.sessionStatus, what: ("状态", "status")) }
        var teacher = course?.teacherId
        if let f = field(row, "teacher_id"), !f.text.isEmpty {
            if try exists("teachers", f.text) { teacher = f.text } else {
                unknown(f, ("教师", "teacher", "教师"))
                teacher = nil
            }
        }
        var start = course?.start
        var end = course?.end
        if let f = field(row, "start"), !f.text.isEmpty { start = time(f) }
        if let f = field(row, "end"), !f.text.isEmpty { end = time(f) }
        let reason = optionalText(row, "reason") ?? ""
        guard let course, let date, let status, let teacher, let start, let end, let cf = field(row, "course_id") else {
            return
        }
        if isDuplicate(course.id + "\u{1}" + date.description, cf, what: "\(course.id) \(date)") { return }
        try upsert(
            table: "sessions", key: [("course_id", course.id), ("date", date.description)],
            values: [("start", start), ("end", end), ("teacher_id", teacher), ("status", status), ("reason", reason)],
            what: LocalizedText(zh: "课程 \(course.id) \(date.chinese) 的课次", en: "session of \(course.id) on \(date)"), at: cf)
    }

    // MARK: Attendance (streamed: prepared statements, caches, no rows kept)

    /// Imports the rows of an attendance CSV: each row through ``AttendanceBulkImport`` when it is plainly
    /// valid, through ``importRow(_:)`` (every check, every message) otherwise.
    func importAttendanceRows(_ reader: inout CSVReader) throws {
        guard let date = columnIndex["date"], let course = columnIndex["course_id"], let student = columnIndex["student_id"],
            let status = columnIndex["status"]
        else {
            while let row = try reader.next() { try importRow(row) }
            return
        }
        let columns = AttendanceBulkImport.Columns(date: date, course: course, student: student, status: status)
        // (The page cache is 64 MiB for every import: see `Ledger.importRows`.)
        // When the file brings more rows than the ledger holds, the student index is built once after the
        // rows (a sort) instead of updated at random for each row. Same index, same transaction.
        let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance") ?? 0
        let rebuildIndex = existing < reader.bytes.count / 32
        if rebuildIndex { try db.execute(sql: "DROP INDEX IF EXISTS attendance_student") }
        let bulk = try AttendanceBulkImport(db: db, rules: rules, batch: batch, tally: attendanceTally())
        let buffer = reader.bytes
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(8)
        rows: while true {
            switch reader.nextRaw(buffer, into: &ranges) {
            case .end:
                break rows
            case .quoted:
                guard let row = try reader.next() else { break rows }
                try importRow(row)
            case .row(let line, let lineStart):
                if try bulk.insert(buffer, ranges: ranges, columns: columns) {
                    report.rowsRead += 1
                    report.inserted += 1
                } else {
                    try importRow(reader.fields(of: ranges, line: line, lineStart: lineStart))
                }
                // The file's pages behind this line are not needed again.
                reader.text.release(before: lineStart)
            }
        }
        if rebuildIndex {
            // SQLite's sorter keeps up to the page cache's size of keys in memory: a smaller cache for the sort
            // keeps a district's import within its memory bound (the sort spills to temporary files instead).
            try db.execute(sql: "PRAGMA cache_size = -16384")
            try db.execute(sql: "CREATE INDEX attendance_student ON attendance(student_no)")
        }
    }

    /// The row-by-row path's lookups, made at its first row: a valid file goes through the bulk path
    /// entirely, and these tables (every session and enrollment keyed by text) would be a district's largest
    /// allocation.
    private func prepareAttendance() throws {
        guard insertAttendance == nil else { return }
        for row in try Row.fetchAll(db, sql: "SELECT id, no FROM students") { students[row[0]] = row[1] }
        courses = Set(try String.fetchAll(db, sql: "SELECT id FROM courses"))
        for row in try Row.fetchAll(db, sql: "SELECT student_id, course_id, from_date, until_date FROM enrollments") {
            guard let from = CivilDate(parsing: row["from_date"]) else { continue }
            enrollments[(row["student_id"] as String) + "\u{1}" + (row["course_id"] as String)] =
                (from, (row["until_date"] as String?).flatMap(CivilDate.init(parsing:)))
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, course_id, date, status FROM sessions") {
            sessions[(row["course_id"] as String) + "\u{1}" + (row["date"] as String)] =
                (row["id"], (row["status"] as String) == "held")
        }
        insertAttendance = try db.makeStatement(
            sql: """
                INSERT INTO attendance (session_id, student_no, status, batch) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
        selectAttendance = try db.makeStatement(
            sql: "SELECT status, batch FROM attendance WHERE session_id = ? AND student_no = ?")
    }

    private func importAttendance(_ row: [TableField]) throws {
        try prepareAttendance()
        let date = self.date(row, "date", inTerm: true)
        var course: String?
        var courseField: TableField?
        if let (c, f) = text(row, "course_id") {
            courseField = f
            if courses.contains(c) { course = c } else { unknown(f, ("课程", "course", "课程")) }
        }
        var student: String?
        var studentNo: Int64?
        var studentField: TableField?
        if let (s, f) = text(row, "student_id") {
            studentField = f
            if let no = students[s] {
                student = s
                studentNo = no
            } else {
                unknown(f, ("学生", "student", "学生"))
            }
        }
        var status: String?
        if let (_, f) = text(row, "status") { status = word(f, ImportWords.attendance, what: ("考勤状态", "status")) }
        guard let date, let course, let student, let studentNo, let status, let code = AttendanceCode.code(status),
            let courseField, let studentField,
            let dateField = field(row, "date")
        else { return }
        guard let session = sessions[course + "\u{1}" + date.description] else {
            fail(
                dateField, .unknownReference, zh: "课程 \(course) 在 \(date) 没有课次，应先导入该课次（已上课）",
                en: "no session of course \(course) on \(date): expected a held session (import the sessions first)")
            return
        }
        if !session.held {
            fail(
                dateField, zh: "课程 \(course) 在 \(date) 已停课，不能登记考勤",
                en: "the session of course \(course) on \(date) was cancelled: expected a held session")
            return
        }
        guard let enrollment = enrollments[student + "\u{1}" + course], enrollment.from <= date,
            enrollment.until.map({ date < $0 }) ?? true
        else {
            fail(
                studentField, .unknownReference, zh: "学生 \(student) 在 \(date) 没有报名课程 \(course)",
                en: "student \(student) is not enrolled in course \(course) on \(date): expected an enrollment covering the date")
            return
        }
        try insertAttendance!.execute(arguments: [session.id, studentNo, code, batch])
        if db.changesCount == 1 {
            try attendanceTally().add(session: session.id, studentNo: studentNo, code: code)
            report.inserted += 1
            return
        }
        guard let existing = try Row.fetchOne(selectAttendance!, arguments: [session.id, studentNo]) else { return }
        let stored = AttendanceCode.name(existing["status"])
        if (existing["batch"] as Int64) == batch {
            fail(
                studentField, .duplicate, zh: "重复的行：学生 \(student) 在 \(date) 课程 \(course) 的考勤已在本文件中出现",
                en: "duplicate row: attendance of \(student) in \(course) on \(date) appears earlier in this file",
                fix: LocalizedText(zh: "删去其中一行", en: "remove one of the rows"))
        } else if stored == status {
            report.unchanged += 1
        } else {
            fail(
                courseField, .conflict,
                zh: "学生 \(student) 在 \(date) 课程 \(course) 的考勤已登记为 \(stored)，本行为 \(status)",
                en: "attendance of \(student) in \(course) on \(date) is already recorded as \(stored); this row has \(status)")
        }
    }

    private func importDuty(_ row: [TableField]) throws {
        let date = self.date(row, "date", inTerm: true)
        var teacher: (String, TableField)?
        if let (t, f) = text(row, "teacher_id") {
            if try exists("teachers", t) { teacher = (t, f) } else { unknown(f, ("教师", "teacher", "教师")) }
        }
        var duty: String?
        if let (d, f) = text(row, "duty") {
            if let id = dutyId(d) {
                duty = id
            } else {
                let accepted = dutiesAccepted()
                fail(
                    f, zh: "职责“\(d)”不在规则的工作量积分中，应为：\(accepted.zh)",
                    en: "duty \"\(d)\" is not in the rules' points: expected one of \(accepted.en)")
            }
        }
        var course: String?
        var courseField: TableField?
        var courseOK = true
        if let f = field(row, "course_id"), !f.text.isEmpty {
            courseField = f
            if try exists("courses", f.text) { course = f.text } else {
                unknown(f, ("课程", "course", "课程"))
                courseOK = false
            }
        }
        guard let date, let (teacher, tf) = teacher, let duty, courseOK else { return }
        if isDuplicate("\(date)\u{1}\(teacher)\u{1}\(duty)\u{1}\(course ?? "")", tf, what: "\(date) \(teacher) \(duty)") { return }
        try upsert(
            table: "duties",
            key: [("date", date.description), ("teacher_id", teacher), ("duty", duty), ("course_id", course)],
            values: [], what: LocalizedText(zh: "值班", en: "duty"), at: tf)
    }

    private func importScore(_ row: [TableField]) throws {
        var teacher: (String, TableField)?
        if let (t, f) = text(row, "teacher_id") {
            if try exists("teachers", t) { teacher = (t, f) } else { unknown(f, ("教师", "teacher", "教师")) }
        }
        var hundredths: Int64?
        if let (s, f) = text(row, "score") {
            if s.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let m = try? Money(parsing: s), !m.isNegative,
                m.fen <= 100_000
            {
                hundredths = m.fen
            } else {
                fail(
                    f, zh: "分数“\(s)”无效，应为 0 到 1000 之间、最多两位小数的数", en: "score \"\(s)\" is not valid: expected a number from 0 to 1000 with at most two decimals")
            }
        }
        guard let (teacher, tf) = teacher, let hundredths else { return }
        if isDuplicate(teacher, tf, what: "工号/teacher \(teacher)") { return }
        try upsert(table: "scores", key: [("teacher_id", teacher)], values: [("hundredths", hundredths)], what: LocalizedText(zh: "教师 \(teacher) 的分数", en: "score of \(teacher)"), at: tf)
    }

    // MARK: Money

    private func importPayment(_ row: [TableField]) throws {
        let receipt = text(row, "receipt")
        var student: String?
        if let (s, f) = text(row, "student_id") {
            if try exists("students", s) { student = s } else { unknown(f, ("学生", "student", "学生")) }
        }
        let amount = text(row, "amount").flatMap { self.amount($0.1) }
        let date = self.date(row, "date", inTerm: false)
        var method: PaymentMethod?
        if let (_, f) = text(row, "method") { method = word(f, ImportWords.methods, what: ("支付方式", "method")) }
        guard let (receipt, rf) = receipt, let student, let amount, let date, let method else { return }
        if isDuplicate(receipt, rf, what: "收据号/receipt \(receipt)") { return }
        do {
            let outcome = try ledger.recordPayment(
                PaymentFact(receipt: receipt, studentId: student, amount: amount, date: date, method: method), by: by, db: db)
            if outcome == .recorded { report.inserted += 1 } else { report.unchanged += 1 }
            if outcome == .recorded {
                if let warning = ledger.paymentDateWarning(date) {
                    report.warnings.append(warning.located(location(rf)).withExcerpt(rf.text))
                }
                if paidStudents[student] == nil { paidOrder.append(student) }
                paidStudents[student] = rf
            }
        } catch let error as TuoguanError {
            errors.append(error.located(location(rf)).withExcerpt(rf.text))
        }
    }

    private func importRefund(_ row: [TableField]) throws {
        let refundId = text(row, "refund_id")
        var student: String?
        if let (s, f) = text(row, "student_id") {
            if try exists("students", s) { student = s } else { unknown(f, ("学生", "student", "学生")) }
        }
        var course: String?
        var courseField: TableField?
        var courseOK = true
        if let f = field(row, "course_id"), !f.text.isEmpty {
            courseField = f
            if try exists("courses", f.text) { course = f.text } else {
                unknown(f, ("课程", "course", "课程"))
                courseOK = false
            }
        }
        let amountField = field(row, "amount").flatMap { $0.text.isEmpty ? nil : $0 }
        let lessonsField = field(row, "lessons").flatMap { $0.text.isEmpty ? nil : $0 }
        var amount: Money?
        var lessons: Int?
        var valueOK = true
        if let f = amountField, lessonsField != nil {
            fail(f, zh: "金额和课时只能填一个", en: "both amount and lessons are given: expected exactly one of them")
            valueOK = false
        } else if let f = amountField {
            amount = self.amount(f)
            valueOK = amount != nil
        } else if let f = lessonsField {
            lessons = integer(f, what: ("课时", "lessons"), range: 1...10000)
            valueOK = lessons != nil
        } else {
            let f = field(row, "amount") ?? field(row, "lessons") ?? row[0]
            fail(f, zh: "金额和课时都为空，应填其中一个", en: "neither amount nor lessons is given: expected one of them")
            valueOK = false
        }
        let date = self.date(row, "date", inTerm: false)
        var reason: RefundReason?
        var reasonField: TableField?
        if let (_, f) = text(row, "reason") {
            reasonField = f
            reason = word(f, ImportWords.reasons, what: ("退费原因", "reason"))
        }
        let note = optionalText(row, "note") ?? ""
        guard let (refundId, rf) = refundId, let student, courseOK, valueOK, let date, let reason, let reasonField else {
            return
        }
        if isDuplicate(refundId, rf, what: "退费编号/refund \(refundId)") { return }
        do {
            let outcome = try ledger.recordRefund(
                RefundRequest(
                    refundId: refundId, studentId: student, courseId: course, amount: amount, lessons: lessons, date: date,
                    reason: reason, note: note), by: by, db: db)
            if outcome.outcome == .recorded { report.inserted += 1 } else { report.unchanged += 1 }
        } catch let error as TuoguanError {
            let at: TableField
            switch error.code {
            case .refundRefused: at = reasonField
            case .refundCeiling: at = amountField ?? lessonsField ?? rf
            case .unknownReference: at = courseField ?? rf  // the student does not take the course
            default: at = rf
            }
            errors.append(error.located(location(at)).withExcerpt(at.text))
        }
    }
}

extension TuoguanError {
    func withExcerpt(_ text: String) -> TuoguanError {
        var copy = self
        copy.excerpt = text
        return copy
    }
}
