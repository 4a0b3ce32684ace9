import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Privacy and safety of what `tuoguan` writes, through the real executable (extends ``CommandTests``, whose
/// helpers run it): the disclosure for all parents names no child; text from input that looks like a
/// formula stays text in every workbook; the ledger is readable by its owner only.
/// The workbooks are read back with python3 + openpyxl, as a reader outside this code base.
extension CommandTests {
    /// Runs a python3 script (openpyxl) with `args`; returns its output lines, recording its errors.
    func python(_ script: String, _ args: [String]) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "python3: \(String(decoding: e, as: UTF8.self))")
        return String(decoding: o, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// `tuoguan demo` (120 students) writes the disclosure for all parents. Every cell of it, on every sheet:
    /// no child's full name (any length ≥ 2, anywhere in the text), no student number, nothing shaped like an
    /// ID-card number (17 digits and a check digit) or a mobile number (1[3-9] and 9 digits). And it does list
    /// the families: each child once, masked (张*明).
    @Test func disclosureNamesNoChild() throws {
        let dir = try tempDir()
        let r = try run(["demo", "--rules", Self.root.appendingPathComponent("rules/one-plus-x.toml").path, "--students", "120", "--out", dir + "/out", "--keep-db", dir + "/demo.sqlite"], in: dir)
        #expect(r.status == 0, "\(r.err)")
        let found = try python(
            #"""
            import re, sqlite3, sys, openpyxl
            db, book = sys.argv[1], sys.argv[2]
            students = sqlite3.connect(db).execute("SELECT id, name FROM students").fetchall()
            assert len(students) == 120, len(students)
            def mask(n):
                n = n.strip()
                return n if len(n) < 2 else n[0] + "*" * (len(n) - 2) + n[-1] if len(n) > 2 else n[0] + "*"
            masked = {mask(n) for _, n in students}
            id_card = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
            mobile = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
            wb = openpyxl.load_workbook(book)
            cells = 0
            listed = 0
            for ws in wb:
                for row in ws.iter_rows():
                    for c in row:
                        if c.value is None:
                            continue
                        cells += 1
                        text = str(c.value)
                        where = f"{ws.title}!{c.coordinate}"
                        for sid, name in students:
                            if len(name.strip()) >= 2 and name.strip() in text:
                                print(f"FULL NAME {name} at {where}: {text}")
                            if re.search(r"(?<![A-Za-z0-9])" + re.escape(sid) + r"(?![A-Za-z0-9])", text):
                                print(f"STUDENT ID {sid} at {where}: {text}")
                        if id_card.search(text):
                            print(f"ID NUMBER at {where}: {text}")
                        if mobile.search(text):
                            print(f"PHONE at {where}: {text}")
                        if text in masked:
                            listed += 1
            print(f"cells {cells} listed {listed}")
            """#, [dir + "/demo.sqlite", dir + "/out/收支公示.xlsx"])
        let summary = try #require(found.last)
        #expect(found.dropLast().isEmpty, "\(found.prefix(10))")
        let numbers = summary.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count == 2 && numbers[0] > 500, "\(summary)")
        #expect(numbers.count == 2 && numbers[1] >= 100, "the disclosure lists fewer masked names than expected: \(summary)")
    }

    /// Names, classes and notes that look like formulas (`=HYPERLINK("x")`, `+86 138 0013 8000`, `-1`,
    /// `@SUM(A1)`, `=1+1`) go in through `import` and `refund --note`; `report --all` writes the six workbooks.
    /// In every workbook each such text is a string cell (openpyxl data_type "s"), in full where the workbook
    /// names children and masked in the disclosure; no formula cell holds any of it.
    @Test func formulaLookingTextStaysText() throws {
        let dir = try tempDir()
        try write(Self.rules, "plan.toml", in: dir)
        let hostile = ["=HYPERLINK(\"x\")", "+86 138 0013 8000", "-1", "@SUM(A1)"]
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var students = "student_id,name,grade,class,category\n"
        var enrollments = "student_id,course_id,from,until\n"
        var payments = "receipt,student_id,amount,date,method\n"
        for (i, name) in hostile.enumerated() {
            students += "S\(i + 1),\(quoted(name)),3,=1+1,\n"
            enrollments += "S\(i + 1),X1,2024-09-02,\n"
            payments += "R\(i + 1),S\(i + 1),80.00,2024-09-02,wechat\n"
        }
        try write(students, "students.csv", in: dir)
        try write("teacher_id,name,kind\nT1,@王老师,staff\n", "teachers.csv", in: dir)
        try write("course_id,name,policy,teacher_id,weekdays,start,end,capacity\nX1,-美术,x,T1,1,16:30,17:10,30\n", "courses.csv", in: dir)
        try write(enrollments, "enrollments.csv", in: dir)
        try write(
            "course_id,date,start,end,teacher_id,status,reason\n"
                + ["2024-09-02", "2024-09-09", "2024-09-23"].map { "X1,\($0),16:30,17:10,T1,held," }.joined(separator: "\n") + "\n",
            "sessions.csv", in: dir)
        try write(payments, "payments.csv", in: dir)
        var steps: [[String]] = [["init", "--rules", "plan.toml", "--db", "t.sqlite"]]
        for kind in ["students", "teachers", "courses", "enrollments", "sessions", "payments"] {
            steps.append(["import", kind, kind + ".csv", "--db", "t.sqlite"])
        }
        // S1 paid 80.00 for 4 Monday lessons, 3 held (60.00): 20.00 is owed back, 10.00 of it settled first.
        steps.append([
            "refund", "--id", "F1", "--student", "S1", "--amount", "10.00", "--reason", "settlement", "--date", "2024-09-25",
            "--note", "=HYPERLINK(\"x\")", "--db", "t.sqlite",
        ])
        steps.append(["cancel", "--date", "2024-09-30", "--reason", "=台风", "--note", "@通知", "--db", "t.sqlite"])
        steps.append(["report", "--all", "--out", "out", "--db", "t.sqlite"])
        for args in steps {
            let r = try run(args, in: dir)
            #expect(r.status == 0, "\(args): \(r.err)")
        }
        let found = try python(
            #"""
            import glob, json, sys, openpyxl
            hostile = json.loads(sys.argv[2])
            def mask(n):
                return n[0] + "*" * (len(n) - 2) + n[-1] if len(n) > 2 else n[0] + "*"
            wanted = set(hostile) | {mask(h) for h in hostile} | {"=1+1", "@王老师", "-美术"}
            fragments = ["HYPERLINK", "SUM(A1)", "138", "1+1", "王老师", "美术", "台风", "通知"]
            seen = {}
            books = sorted(glob.glob(sys.argv[1] + "/*.xlsx"))
            print(f"books {len(books)}")
            for path in books:
                wb = openpyxl.load_workbook(path)
                for ws in wb:
                    for row in ws.iter_rows():
                        for c in row:
                            if c.value is None:
                                continue
                            where = f"{path.split('/')[-1]} {ws.title}!{c.coordinate}"
                            if c.data_type == "f" and any(f in str(c.value) for f in fragments):
                                print(f"FORMULA FROM INPUT at {where}: {c.value}")
                            if isinstance(c.value, str) and c.value in wanted:
                                if c.data_type != "s":
                                    print(f"NOT TEXT at {where}: {c.value!r} ({c.data_type})")
                                seen[c.value] = seen.get(c.value, 0) + 1
            for h in sorted(wanted):
                print(f"seen {seen.get(h, 0)} {h}")
            """#, [dir + "/out", String(decoding: try JSONEncoder().encode(hostile), as: UTF8.self)])
        #expect(found.first == "books 6", "\(found.first ?? "")")
        let problems = found.filter { !$0.hasPrefix("seen ") && !$0.hasPrefix("books ") }
        #expect(problems.isEmpty, "\(problems.prefix(10))")
        // Every full name and class shows up as text somewhere (the statement names children), and so do the
        // masked names (the disclosure).
        for line in found where line.hasPrefix("seen ") {
            let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
            #expect(Int(parts[1]) ?? 0 > 0, "never written as text: \(parts[2])")
        }
    }

    /// `tuoguan init` creates the ledger with mode 0600 even when the umask would allow more.
    @Test func ledgerIsOwnerOnly() throws {
        let dir = try tempDir()
        try write(Self.rules, "plan.toml", in: dir)
        let old = umask(0)
        let r = try run(["init", "--rules", "plan.toml", "--db", "t.sqlite"], in: dir)
        umask(old)
        #expect(r.status == 0, "\(r.err)")
        var st = stat()
        #expect(stat(dir + "/t.sqlite", &st) == 0)
        #expect(st.st_mode & 0o777 == 0o600, "mode \(String(st.st_mode & 0o777, radix: 8))")
    }
}
