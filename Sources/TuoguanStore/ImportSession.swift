import GRDB
import TuoguanCore
import TuoguanInput

/// One import of one file, inside one transaction: each row read by a ``RowParser`` into a typed row
/// (every problem of its own at `FILE:LINE:COL`), then written by a small writer of its kind, which says
/// what only the ledger can (a conflict with what is recorded, an unknown session, a refund over its
/// ceiling). Every problem is collected; any problem undoes the file.
///
/// ```swift
/// let session = try ImportSession(ledger: ledger, kind: .students, fileName: "s.csv", by: "clerk", dryRun: false, db: db)
/// try session.readHeader(header); try session.importRow(row)
/// ```
final class ImportSession {
    let ledger: Ledger
    let kind: ImportKind
    let fileName: String
    let by: String
    let db: Database
    let batch: Int64
    let parser: RowParser
    var report: ImportReport
    /// How the file is read (`--course`, `--sheet`, `--replace`, `--ignore-names`).
    var options = ImportOptions()
    /// The course of a class teacher's sheet without a 课程 column (`--course`).
    var courseGiven: String? { options.course }
    /// Every student's (or teacher's) name by id, read at the first row with a 姓名 (see
    /// ``nameMatches(id:name:of:)``).
    var names: [ReferenceTable: [String: String]] = [:]
    /// The marks a `--replace` import changes, written after the rows (``ImportSession/replaceMarks()``).
    var pendingMarks: [(mark: Ledger.MarkTarget, at: TableField)] = []
    /// A class teacher's sheet read with students and no mark: what to say if the whole file records nothing.
    var wideWithoutMarks: TuoguanError?
    let references: LedgerReferences
    let upserts: UpsertWriter
    /// The row-by-row attendance path's lookups and statements, made at its first row.
    var attendance: AttendanceWriter?
    /// What the attendance rows inserted so far count (see ``attendanceTally()``).
    var tally: AttendanceTally?
    /// The marks the attendance rows add (see ``attendanceMarks()``).
    var marks: AttendanceMarkSheet?
    /// Whether the ledger has sessions the timetable made and nothing recorded yet (see
    /// ``recordScheduled(_:course:)``), looked up at the first session row.
    var hasScheduled: Bool?
    /// The families whose payments were recorded, in the file's order, each with its last receipt's field.
    var paidStudents: [String: TableField] = [:]
    var paidOrder: [String] = []
    /// The writer of the money sheets' rows: the import holds the whole transaction and appends to the journal
    /// only through it, so it keeps the journal's head from one row to the next.
    lazy var moneyWriter = LedgerWriter(ledger: ledger, db: db, journalHead: JournalHead())
    var rules: PlanRules { ledger.rules }

    /// Every problem, the parser's and the writers', in the order found.
    var errors: [TuoguanError] {
        get { parser.errors }
        set { parser.errors = newValue }
    }

    /// The worksheet being read, for a workbook: places are then cells (`考勤.xlsx:1年级1班!F7`).
    var sheet: String? {
        get { parser.sheet }
        set { parser.sheet = newValue }
    }

    init(ledger: Ledger, kind: ImportKind, fileName: String, by: String, dryRun: Bool, db: Database) throws {
        self.ledger = ledger
        self.kind = kind
        self.fileName = fileName
        self.by = by
        self.db = db
        let now = Ledger.timestamp()
        self.parser = RowParser(kind: kind, fileName: fileName, rules: ledger.rules)
        self.report = ImportReport(kind: kind, file: fileName, dryRun: dryRun)
        self.references = LedgerReferences(ledger: ledger, db: db)
        self.upserts = UpsertWriter(db: db, by: by, now: now)
        try db.execute(
            sql: "INSERT INTO import_batches (kind, file, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
            arguments: [kind.rawValue, fileName, by, now])
        self.batch = db.lastInsertedRowID
    }

    func readHeader(_ header: [TableField]) throws {
        try parser.readHeader(header)
    }

    /// After the rows: the attendance marks written and counted into the ledger's tallies, the fee warnings of each family that
    /// paid (see ``warnFees()``), then the warnings of the parser and the writers into the report.
    func finish() throws {
        try marks?.write(db, batch: batch)
        try tally?.write(db)
        try replaceMarks()
        if kind == .attendance { try Ledger.markAttendedSessionsHeld(db) }
        if kind == .courses && !report.dryRun { try scheduleNewCourses() }
        try warnFees()
        report.warnings = parser.warnings
    }

    // MARK: - Rows

    /// Reads one row of the sheet and writes it (a blank row, a totals line or a sign-off line is skipped).
    func importRow(_ row: [TableField]) throws {
        guard parser.isRecord(row) else { return }
        report.rowsRead += 1
        try writeRow(row)
    }

    /// Parses `row` as this import's kind and writes what it says.
    func writeRow(_ row: [TableField]) throws {
        if let people = kind.namedPeople, let name = parser.personName(row),
            let id = parser.field(row, people == .students ? "student_id" : "teacher_id"), !id.text.isEmpty,
            try !nameMatches(id: id, name: name, of: people)
        {
            return
        }
        switch kind {
        case .students: if let r = parser.student(row) { try write(r) }
        case .teachers: if let r = parser.teacher(row) { try write(r) }
        case .courses: if let r = try parser.course(row, references: references) { try write(r) }
        case .enrollments: if let r = try parser.enrollment(row, references: references) { try write(r) }
        case .sessions: if let r = try parser.session(row, references: references) { try write(r) }
        case .attendance: try writeAttendance(row)
        case .duties: if let r = try parser.duty(row, references: references) { try write(r) }
        case .payments: if let r = try parser.payment(row, references: references) { try write(r) }
        case .refunds: if let r = try parser.refund(row, references: references) { try write(r) }
        case .scores: if let r = try parser.score(row, references: references) { try write(r) }
        case .expenses: if let r = parser.expense(row) { try write(r) }
        }
    }

    // MARK: - Upsert

    /// Inserts a reference row, or finds it identical (unchanged), or reports a conflict showing both.
    func upsert(
        table: String, key: UpsertWriter.Columns, values: UpsertWriter.Columns,
        what: @autoclosure () -> LocalizedText, at f: TableField
    ) throws {
        switch try upserts.upsert(table: table, key: key, values: values) {
        case .inserted: report.inserted += 1
        case .unchanged: report.unchanged += 1
        case .differs(let stored, let new):
            let differences = Self.differences(values.map(\.0), stored, new)
            let what = what()
            parser.fail(
                f, .conflict, zh: "\(what.zh) 已登记过，内容不同：\(differences.zh)",
                en: "\(what.en) is already recorded differently: \(differences.en)",
                fix: Self.conflictFix(table: table, key: key.map { $0.1.map { "\($0)" } ?? "" }))
        }
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
}
