import GRDB
import TuoguanCore

extension Ledger {
    /// The schema, as migrations. A migration is never edited once shipped: changes go in a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

                    CREATE TABLE students (
                        id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, grade INTEGER NOT NULL,
                        class TEXT NOT NULL, category TEXT,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    CREATE TABLE teachers (
                        id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL,
                        kind TEXT NOT NULL CHECK (kind IN ('staff', 'retired', 'outside', 'volunteer')),
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    CREATE TABLE courses (
                        id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, policy TEXT NOT NULL,
                        teacher_id TEXT NOT NULL REFERENCES teachers(id),
                        weekdays TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                        room TEXT NOT NULL DEFAULT '', capacity INTEGER,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    CREATE TABLE enrollments (
                        student_id TEXT NOT NULL REFERENCES students(id),
                        course_id TEXT NOT NULL REFERENCES courses(id),
                        from_date TEXT NOT NULL, until_date TEXT,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        PRIMARY KEY (student_id, course_id)) STRICT;
                    CREATE INDEX enrollments_course ON enrollments(course_id);

                    CREATE TABLE sessions (
                        id INTEGER PRIMARY KEY,
                        course_id TEXT NOT NULL REFERENCES courses(id),
                        date TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                        teacher_id TEXT NOT NULL REFERENCES teachers(id),
                        status TEXT NOT NULL CHECK (status IN ('held', 'cancelled')),
                        reason TEXT NOT NULL DEFAULT '',
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        UNIQUE (course_id, date)) STRICT;
                    CREATE INDEX sessions_date ON sessions(date);
                    CREATE TABLE attendance (
                        session_id INTEGER NOT NULL REFERENCES sessions(id),
                        student_id TEXT NOT NULL REFERENCES students(id),
                        course_id TEXT NOT NULL REFERENCES courses(id),
                        status TEXT NOT NULL CHECK (status IN ('present', 'leave', 'absent')),
                        batch INTEGER NOT NULL,
                        PRIMARY KEY (session_id, student_id)) STRICT, WITHOUT ROWID;
                    CREATE INDEX attendance_student_course ON attendance(student_id, course_id);
                    CREATE TABLE duties (
                        id INTEGER PRIMARY KEY,
                        date TEXT NOT NULL, teacher_id TEXT NOT NULL REFERENCES teachers(id),
                        duty TEXT NOT NULL, course_id TEXT REFERENCES courses(id),
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        UNIQUE (date, teacher_id, duty, course_id)) STRICT;
                    CREATE TABLE scores (
                        teacher_id TEXT PRIMARY KEY NOT NULL REFERENCES teachers(id),
                        hundredths INTEGER NOT NULL,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    CREATE TABLE import_batches (
                        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;

                    -- The money journal: append-only, hash-chained, double entry.
                    CREATE TABLE journal (
                        seq INTEGER PRIMARY KEY,
                        entry_id TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind IN ('payment', 'refund', 'reversal')),
                        student_id TEXT NOT NULL REFERENCES students(id),
                        course_id TEXT REFERENCES courses(id),
                        amount INTEGER NOT NULL CHECK (amount >= 0),
                        lessons INTEGER,
                        date TEXT NOT NULL,
                        method TEXT,
                        reason TEXT,
                        note TEXT NOT NULL DEFAULT '',
                        reverses TEXT UNIQUE REFERENCES journal(entry_id),
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
                    CREATE INDEX journal_student ON journal(student_id);
                    CREATE TABLE postings (
                        seq INTEGER NOT NULL REFERENCES journal(seq),
                        line INTEGER NOT NULL,
                        account TEXT NOT NULL,
                        debit INTEGER NOT NULL CHECK (debit >= 0),
                        credit INTEGER NOT NULL CHECK (credit >= 0),
                        PRIMARY KEY (seq, line)) STRICT;
                    CREATE INDEX postings_account ON postings(account);
                    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
                        BEGIN SELECT RAISE(ABORT, 'the money journal is append-only'); END;
                    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
                        BEGIN SELECT RAISE(ABORT, 'the money journal is append-only'); END;
                    CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings
                        BEGIN SELECT RAISE(ABORT, 'the money journal is append-only'); END;
                    CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings
                        BEGIN SELECT RAISE(ABORT, 'the money journal is append-only'); END;
                    """)
        }
        // v2: the attendance CHECK as comparisons. SQLite builds `status IN (…)` in a CHECK into a temporary
        // b-tree on every insert, a third of the cost of an attendance row; `=`/`OR` accept exactly the same
        // values. The table is rebuilt (SQLite cannot alter a CHECK), rows and index unchanged.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE attendance_v2 (
                        session_id INTEGER NOT NULL REFERENCES sessions(id),
                        student_id TEXT NOT NULL REFERENCES students(id),
                        course_id TEXT NOT NULL REFERENCES courses(id),
                        status TEXT NOT NULL CHECK (status = 'present' OR status = 'leave' OR status = 'absent'),
                        batch INTEGER NOT NULL,
                        PRIMARY KEY (session_id, student_id)) STRICT, WITHOUT ROWID;
                    INSERT INTO attendance_v2 (session_id, student_id, course_id, status, batch)
                        SELECT session_id, student_id, course_id, status, batch FROM attendance;
                    DROP TABLE attendance;
                    ALTER TABLE attendance_v2 RENAME TO attendance;
                    CREATE INDEX attendance_student_course ON attendance(student_id, course_id);
                    """)
        }
        // v3: a leaner attendance table, for a district's millions of rows. The student is the students
        // table's integer key (students gain `no INTEGER PRIMARY KEY`, stable across VACUUM; `id` stays unique,
        // so every other table still refers to it), the status a code (see ``AttendanceCode``), and the course
        // is gone: it is the session's (both imports find the session by the row's course and date): a smaller
        // table and index on a district's millions of rows. The view
        // `attendance_named` shows the rows as before, for anyone reading the ledger with sqlite3.
        migrator.registerMigration("v3") { db in
            try db.execute(
                sql: """
                    CREATE TABLE students_v3 (
                        no INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, grade INTEGER NOT NULL,
                        class TEXT NOT NULL, category TEXT,
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL) STRICT;
                    INSERT INTO students_v3 (no, id, name, grade, class, category, recorded_by, recorded_at)
                        SELECT rowid, id, name, grade, class, category, recorded_by, recorded_at FROM students ORDER BY rowid;
                    CREATE TABLE attendance_v3 (
                        session_id INTEGER NOT NULL REFERENCES sessions(id),
                        student_no INTEGER NOT NULL REFERENCES students(no),
                        status INTEGER NOT NULL CHECK (status = 0 OR status = 1 OR status = 2),
                        batch INTEGER NOT NULL,
                        PRIMARY KEY (session_id, student_no)) STRICT, WITHOUT ROWID;
                    INSERT INTO attendance_v3 (session_id, student_no, status, batch)
                        SELECT a.session_id, s.no, CASE a.status WHEN 'present' THEN 0 WHEN 'leave' THEN 1 ELSE 2 END, a.batch
                        FROM attendance a JOIN students_v3 s ON s.id = a.student_id ORDER BY a.session_id, s.no;
                    """)
            // Every row is carried over: a row whose student is not in the students table would be left behind
            // by the join, so the upgrade stops instead (nothing is changed: the migration is one transaction).
            let before = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance") ?? 0
            let after = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance_v3") ?? 0
            if before != after {
                throw TuoguanError(
                    .ledgerTampered, zh: "升级账本时有 \(before - after) 条考勤记录的学生不在学生名单中，账本未改动",
                    en: "upgrading the ledger: \(before - after) attendance rows name a student who is not in the students table; nothing was changed",
                    fix: LocalizedText(zh: "请联系管理员检查账本", en: "have the administrator check the ledger"))
            }
            try db.execute(
                sql: """
                    DROP TABLE attendance;
                    DROP TABLE students;
                    ALTER TABLE students_v3 RENAME TO students;
                    ALTER TABLE attendance_v3 RENAME TO attendance;
                    CREATE INDEX attendance_student ON attendance(student_no);
                    CREATE VIEW attendance_named AS
                        SELECT a.session_id, st.id AS student_id, se.course_id, se.date,
                               CASE a.status WHEN 0 THEN 'present' WHEN 1 THEN 'leave' ELSE 'absent' END AS status, a.batch
                        FROM attendance a JOIN students st ON st.no = a.student_no JOIN sessions se ON se.id = a.session_id;
                    """)
        }
        // v4-expenses: the spending journal (see ``ExpenseEntry``): expenses from the pools and the budget
        // lines, append-only and hash-chained like the money journal, with its own postings.
        migrator.registerMigration("v4-expenses") { db in
            try db.execute(
                sql: """
                    CREATE TABLE expenses (
                        seq INTEGER PRIMARY KEY,
                        entry_id TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL CHECK (kind = 'expense' OR kind = 'reversal'),
                        line TEXT NOT NULL,
                        amount INTEGER NOT NULL CHECK (amount > 0),
                        date TEXT NOT NULL,
                        payee TEXT NOT NULL,
                        note TEXT NOT NULL DEFAULT '',
                        reverses TEXT UNIQUE REFERENCES expenses(entry_id),
                        recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                        prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;
                    CREATE INDEX expenses_line ON expenses(line);
                    CREATE TABLE expense_postings (
                        seq INTEGER NOT NULL REFERENCES expenses(seq),
                        line INTEGER NOT NULL,
                        account TEXT NOT NULL,
                        debit INTEGER NOT NULL CHECK (debit >= 0),
                        credit INTEGER NOT NULL CHECK (credit >= 0),
                        PRIMARY KEY (seq, line)) STRICT;
                    CREATE TRIGGER expenses_no_update BEFORE UPDATE ON expenses
                        BEGIN SELECT RAISE(ABORT, 'the spending journal is append-only'); END;
                    CREATE TRIGGER expenses_no_delete BEFORE DELETE ON expenses
                        BEGIN SELECT RAISE(ABORT, 'the spending journal is append-only'); END;
                    CREATE TRIGGER expense_postings_no_update BEFORE UPDATE ON expense_postings
                        BEGIN SELECT RAISE(ABORT, 'the spending journal is append-only'); END;
                    CREATE TRIGGER expense_postings_no_delete BEFORE DELETE ON expense_postings
                        BEGIN SELECT RAISE(ABORT, 'the spending journal is append-only'); END;
                    """)
        }
        // v4-history: corrections of recorded master data (students, teachers, courses, enrolments) keep their
        // history: one row per changed field (old value, new value, who, when, why), append-only and
        // hash-chained like the money journal (see `Ledger+MasterData.swift`).
        migrator.registerMigration("v4-history") { db in
            try db.execute(sql: Ledger.historySchema)
        }
        LedgerEvent.registerMigration(&migrator)
        // v4-edges-refund-unit: a refund counted in another unit than lessons (a withdrawal by half-months,
        // months or service days) says so; NULL is lessons, as every entry before it. The column is hashed
        // only when set, so the chain of the entries before it is unchanged.
        migrator.registerMigration("v4-edges-refund-unit") { db in
            try db.execute(sql: "ALTER TABLE journal ADD COLUMN unit TEXT")
        }
        // v5-tallies: the term's tallies (see `Ledger+Tallies.swift`), filled by a full recount of the
        // attendance; the write counter of the two-connection read before them goes.
        migrator.registerMigration("v5-tallies") { db in
            try Ledger.createTallies(db)
            try db.execute(sql: "DELETE FROM meta WHERE key = 'write_version'")
        }
        // v6-timetable: sessions made from the courses' timetables (`tuoguan schedule`): a third status,
        // `scheduled` (held once its day has passed or its attendance is recorded), and `timetable` = 1 on
        // the sessions the timetable made. SQLite cannot alter a CHECK: the table is rebuilt, ids and rows
        // unchanged (attendance and the tallies refer to the ids).
        migrator.registerMigration("v6-timetable") { db in
            try db.execute(sql: Ledger.timetableMigration)
            try Ledger.addMinutesToTallies(db)
        }
        Ledger.registerRulesHistory(&migrator)
        // v6-arrivals: transfers from WeChat Pay, Alipay and the bank (`Ledger+Transfers.swift`): each one's
        // details, the payers confirmed for a family, the suspense list and the receipts printed.
        migrator.registerMigration("v6-arrivals") { db in
            try db.execute(sql: Ledger.transfersSchema)
        }
        Ledger.registerYearMigration(&migrator)
        // v6-web-accounts: the web page's accounts and the approvals (see `Ledger+Accounts.swift`).
        Ledger.registerAccountsMigration(&migrator)
        // v7-marks: the attendance as the class teacher's sheet holds it, one row per student, course, month and
        // import with a character per day (`Ledger+MarksSchema.swift`); `attendance` becomes a view of the same
        // columns over it. Every mark is carried over.
        migrator.registerMigration("v7-marks") { db in
            try Ledger.migrateToMarkSheets(db)
        }
        return migrator
    }
}

/// An attendance row's status as the ledger stores it (migration v3): 0 present, 1 leave, 2 absent.
enum AttendanceCode {
    static let names = ["present", "leave", "absent"]

    /// The code of a canonical status word ("present", "leave", "absent").
    static func code(_ status: String) -> Int64? { names.firstIndex(of: status).map(Int64.init) }

    /// The canonical word of a stored code.
    static func name(_ code: Int64) -> String { code >= 0 && code < 3 ? names[Int(code)] : "absent" }
}
