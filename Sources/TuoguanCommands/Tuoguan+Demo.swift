import ArgumentParser
import Foundation
import TuoguanCore
import TuoguanInput
import TuoguanReports
import TuoguanRules
import TuoguanStore

extension Tuoguan {
    /// `tuoguan demo`: a realistic sample school, a whole term, every workbook. The main job on a fresh machine.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text(
                "用示例学校跑一整个学期并写出全部工作簿", "Run a sample school's whole term and write every workbook."),
            discussion: Tuoguan.text(
                """
                按内置规则文件在临时账本里建一所示例学校：学生、教师、课程、一学期的课次和考勤、值勤、缴费；
                然后因不可抗力停课一天（受影响的家庭全部退费），一名学生退课，一笔退费按政策被拒、一笔登记；
                最后写出全部工作簿。
                示例：tuoguan demo --out reports/demo
                """,
                """
                Builds a sample school under a bundled rules file in a temporary ledger: students, teachers,
                courses, a term of sessions and attendance, duties, payments; then a force-majeure day is
                cancelled (refunding every family affected), a student withdraws, a refund is refused and one
                recorded; finally every workbook is written.
                Example: tuoguan demo --out reports/demo
                """))
        @Option(name: .long, help: ArgumentHelp(
            zh: "示例学校的规则文件（已内置：在任何文件夹都能运行）", en: "The rules file of the sample school (built in: any folder will do).",
            valueName: "file"))
        var rules: String = "rules/one-plus-x.toml"
        @Option(name: .long, help: ArgumentHelp(zh: "工作簿写到哪个文件夹", en: "Where to write the workbooks.", valueName: "dir"))
        var out: String = "reports/demo"
        @Option(name: .long, help: ArgumentHelp(zh: "学生人数", en: "How many students."))
        var students: Int = 360
        @Option(name: .long, help: ArgumentHelp(zh: "示例的随机种子（同一种子得到同一所学校）", en: "Seed of the sample (the same seed gives the same school)."))
        var seed: UInt64 = 2024
        @Option(name: .long, help: ArgumentHelp(zh: "把账本保存到这个路径，而不是临时文件", en: "Keep the ledger at this path instead of a temporary file."))
        var keepDb: String?
        @Option(name: .long, help: ArgumentHelp(zh: "表头和提示的语言：zh 或 en（默认按系统语言）", en: "Language of captions and messages: zh or en (default: from the locale)."))
        var lang: Language?

        func validate() throws {
            if students < 1 || students > 100_000 { throw ValidationError(Tuoguan.text("--students 须在 1 到 100000 之间", "--students must be between 1 and 100000")) }
        }

        func run() throws {
            let language = Console.language(explicit: lang)
            let clock = Stopwatch()
            let (text, rulesFile) = try BundledRules.load(rules, flag: "--rules")
            let plan = try RulesLoader.parse(text, file: rulesFile)
            let work = NSTemporaryDirectory() + "tuoguan-demo-\(getpid())"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: work) }
            let dbPath = keepDb ?? work + "/demo.sqlite"
            if keepDb != nil { try? FileManager.default.removeItem(atPath: dbPath) }

            let school = SampleSchool(rules: plan, students: students, seed: seed, cancelInFiles: false)
            let files = try school.write(to: work + "/csv")
            let book = try Ledger.create(at: dbPath, rules: plan, rulesText: text, rulesFile: rulesFile, by: "demo")
            for (kind, path) in files {
                guard let k = ImportKind(rawValue: kind) else { continue }
                Console.progress(language == .zh ? "导入\(k.chineseName) …" : "importing \(kind) …")
                let report = try book.importFile(k, path: path, dryRun: false, by: "demo")
                Console.endProgress()
                Console.say("导入\(k.chineseName)：\(report.inserted) 行", "imported \(kind): \(report.inserted) rows", language)
            }

            // A typhoon day: every session cancelled, every prepaid family refunded.
            if let day = school.forceMajeureDay {
                let report = try book.cancel(
                    date: day, courseIds: nil, reason: "台风", note: "区教育局台风停课通知", refundIdPrefix: "CX-\(day)", by: "demo")
                var total = Money.zero
                for r in report.refunds { total = try total + r.amount }
                Console.say(
                    "\(day) 台风停课 \(report.sessionsCancelled) 节，退费 \(report.refunds.count) 笔共 \(total.formatted()) 元",
                    "\(day): typhoon, \(report.sessionsCancelled) sessions cancelled, \(report.refunds.count) refunds, \(total.formatted())",
                    language)
            }
            // The clerk's day: a withdrawal and a refused refund for personal leave.
            // The sample's leaver: the lowest-numbered member of its first interest course, no attendance from the day on.
            let facts = try book.termFacts()
            let leaver = facts.usages.first { $0.courseId == SampleSchool.withdrawingCourse }
            if let usage = leaver, let date = school.withdrawalDay {
                let w = try book.withdraw(studentId: usage.studentId, courseId: usage.courseId, on: date, refundId: "TK-0001", by: "demo")
                Console.say(
                    "\(usage.studentId) 自 \(date) 退出 \(usage.courseId)，退费 \(w.refund.formatted()) 元",
                    "\(usage.studentId) withdrew from \(usage.courseId) on \(date): refund \(w.refund.formatted())", language)
                do {
                    _ = try book.recordRefund(
                        RefundRequest(
                            refundId: "TF-0001", studentId: usage.studentId, courseId: usage.courseId, amount: nil, lessons: 1,
                            date: date, reason: .personalLeave, note: "病假"),
                        by: "demo")
                } catch let error as TuoguanError where error.code == .refundRefused {
                    Console.say("（按政策拒绝）\(error.message.zh)", "(refused by the policy) \(error.message.en)", language)
                }
            }

            if let last = school.serviceDays.last {
                try Self.recordSpending(book: book, plan: plan, on: last, language: language)
            }

            let verify = try book.verify()
            let finalFacts = try book.termFacts()
            let result = try TermComputation.compute(rules: plan, facts: finalFacts)
            try TermInvariants.check(result)
            let input = ReportInput(
                rules: plan, facts: finalFacts, result: result, refunds: try book.refundRegister(),
                duties: try book.dutyLog(teacherId: nil), language: lang ?? .zh)
            try createFolder(out)
            let paths = try Workbooks.writeAll(input, toDirectory: out)
            for p in paths { print(p) }
            let f = result.fund
            Console.say(
                "示例学校 \(plan.school)：\(finalFacts.students.count) 名学生，\(finalFacts.teachers.count) 名教师；收款 \(f.income.formatted())，退费 \(f.refunds.formatted())，分配基数 \(f.net.formatted())；账本 \(verify.entries) 笔分录校验\(verify.ok ? "通过" : "失败")；写出 \(paths.count) 份工作簿到 \(out)，用时 \(clock.seconds(.zh))",
                "sample school \(plan.school): \(finalFacts.students.count) students, \(finalFacts.teachers.count) teachers; income \(f.income.formatted()), refunds \(f.refunds.formatted()), split basis \(f.net.formatted()); ledger \(verify.entries) entries \(verify.ok ? "verified" : "FAILED verification"); \(paths.count) workbooks in \(out), in \(clock.seconds)",
                language)
        }
    }

    /// `tuoguan generate`: a synthetic term as CSV files, for benchmarks and imports.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Tuoguan.text("生成模拟学期数据（导入所读的 CSV 文件）", "Write a synthetic term as the CSV files import reads."),
            discussion: Tuoguan.text(
                "示例：tuoguan generate --students 50000 --days 90 --seed 1 --out district",
                "Example: tuoguan generate --students 50000 --days 90 --seed 1 --out district"))
        @Option(name: .long, help: ArgumentHelp(zh: "规则文件", en: "The rules file.", valueName: "file"))
        var rules: String = "rules/one-plus-x.toml"
        @Option(name: .long, help: ArgumentHelp(zh: "学生人数", en: "How many students."))
        var students: Int
        @Option(name: .long, help: ArgumentHelp(zh: "上课天数（默认整个学期）", en: "How many service days (default: the whole term)."))
        var days: Int?
        @Option(name: .long, help: ArgumentHelp(zh: "随机种子（同一种子写出同样的字节）", en: "Seed (the same seed gives the same bytes)."))
        var seed: UInt64 = 1
        @Option(name: .long, help: ArgumentHelp(zh: "写入哪个文件夹", en: "The folder to write into.", valueName: "dir"))
        var out: String
        @Option(name: .long, help: ArgumentHelp(zh: "提示的语言：zh 或 en（默认随系统语言）。", en: "Language of messages: zh or en (default: from the locale)."))
        var lang: Language?

        func validate() throws {
            if students < 1 { throw ValidationError(Tuoguan.text("--students 至少为 1", "--students must be at least 1")) }
            if let days, days < 1 { throw ValidationError(Tuoguan.text("--days 至少为 1", "--days must be at least 1")) }
        }

        func run() throws {
            let clock = Stopwatch()
            let (text, file) = try BundledRules.load(rules, flag: "--rules")
            let plan = try RulesLoader.parse(text, file: file)
            try createFolder(out)
            let files = try SampleSchool(rules: plan, students: students, days: days, seed: seed).write(to: out)
            let language = Console.language(explicit: lang)
            for (kind, path) in files {
                print("\(language == .zh ? ImportKind(rawValue: kind)?.chineseName ?? kind : kind)\t\(path)")
            }
            Console.warn(language == .zh ? "已生成 \(students) 名学生，用时 \(clock.seconds(.zh))" : "generated \(students) students in \(clock.seconds)")
        }
    }
}
